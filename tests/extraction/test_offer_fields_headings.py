"""Labels written as headings with the value on the next line (markdown exports, rjdb)."""

from jobapp.extraction.offer_fields import guess_offer_fields


def test_heading_label_then_value_on_next_line():
    text = "## Job title\nJunior Systems Admin/Engineer\n\n## Job Summary\nWe are seeking an admin.\n"
    fields = guess_offer_fields(text)
    assert fields["title"] == "Junior Systems Admin/Engineer"
    assert fields["company"] == ""
    assert "Job title" not in fields["description"] and "We are seeking" in fields["description"]


def test_french_label_lines():
    fields = guess_offer_fields(
        "Poste :\nComptable unique\nEntreprise :\nCabinet Martin\n\nMissions : tenue."
    )
    assert fields["title"] == "Comptable unique" and fields["company"] == "Cabinet Martin"

from __future__ import annotations

from jobapp.extraction import guess_offer_fields
from jobapp.extraction.offer_fields import FIELDS


def test_french_pasted_offer(french_offer: str) -> None:
    fields = guess_offer_fields(french_offer)
    assert set(fields) == set(FIELDS)
    assert fields["title"] == "Data Analyst H/F"
    assert fields["company"] == "Acme Distribution"
    assert fields["location"] == "Lyon (69)"
    assert fields["contract"] == "cdi"
    assert fields["salary"] == "42 - 48 k€ brut annuel"
    assert fields["description"].startswith("Acme Distribution est un acteur majeur")
    assert "## Vos missions" in fields["description"]  # sections are kept


def test_english_offer_with_labelled_lines(english_offer: str) -> None:
    fields = guess_offer_fields(english_offer)
    assert fields["title"] == "Senior Backend Engineer"
    assert fields["company"] == "Globex Corporation"
    assert fields["location"] == "Berlin, Germany"
    assert fields["contract"] == "cdi"
    assert fields["salary"] == "70,000 - 85,000 EUR per year"
    assert fields["description"].startswith("About us")
    assert "Location:" not in fields["description"]


def test_labelled_french_fields() -> None:
    text = (
        "Intitulé du poste : Comptable fournisseurs\nEntreprise : Cabinet Dupont\nLieu : 75008 Paris\n"
        "Type de contrat : CDD 6 mois\nRémunération : 2 300 € brut mensuel\n\nVous gérez les factures."
    )
    fields = guess_offer_fields(text)
    assert fields == {
        "title": "Comptable fournisseurs",
        "company": "Cabinet Dupont",
        "location": "75008 Paris",
        "contract": "cdd",
        "salary": "2 300 € brut mensuel",
        "description": "Vous gérez les factures.",
    }


def test_location_patterns_and_missing_fields() -> None:
    assert (
        guess_offer_fields("Chef de rang\nRestaurant Le Zinc - Nantes\n\nService du soir.")["location"]
        == "Nantes"
    )
    assert (
        guess_offer_fields("Infirmier de nuit\nHôpital à Bordeaux 33000.\nCDI")["location"]
        == "Bordeaux 33000"
    )
    empty = guess_offer_fields("")
    assert empty == dict.fromkeys(FIELDS, "")


def test_description_only_text_keeps_everything() -> None:
    text = "Nous recherchons un développeur motivé pour rejoindre notre équipe à Lille. Télétravail possible."
    fields = guess_offer_fields(text)
    assert fields["title"] == ""
    assert fields["description"] == text

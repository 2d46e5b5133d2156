from __future__ import annotations

from jobapp.extraction import split_sections
from jobapp.extraction.sections import heading_key


def test_french_offer_sections(french_offer: str) -> None:
    parts = split_sections(french_offer)
    assert set(parts) == {"intro", "missions", "profile", "skills", "benefits", "other"}
    assert "Acme Distribution est un acteur majeur" in parts["intro"]
    assert "Power BI" in parts["missions"] and "Bac+5" not in parts["missions"]
    assert "Bac+5" in parts["profile"]
    assert parts["skills"].startswith("SQL, Python")  # "Compétences : ..." keeps the text after the colon
    assert "Tickets restaurant" in parts["benefits"]
    assert "Entretien RH" in parts["other"]


def test_english_offer_sections(english_offer: str) -> None:
    parts = split_sections(english_offer)
    assert "payment infrastructure" in parts["company"]
    assert "microservices" in parts["missions"]
    assert "5+ years" in parts["profile"] and "Terraform" in parts["profile"]  # "Nice to have" is profile
    assert "paid holiday" in parts["benefits"]


def test_text_without_headings_is_all_intro() -> None:
    assert split_sections("Nous cherchons un comptable.\nPoste à Lyon.") == {
        "intro": "Nous cherchons un comptable.\nPoste à Lyon."
    }


def test_heading_styles() -> None:
    assert heading_key("## Vos missions") == "missions"
    assert heading_key("**Profil recherché**") == "profile"
    assert heading_key("WHAT YOU'LL DO") == "missions"
    assert heading_key("Vos missions chez Acme :") == "missions"
    assert heading_key("🎯 Responsibilities") == "missions"
    assert heading_key("Qualifications") == "profile"
    assert heading_key("Pourquoi nous rejoindre ?") == "benefits"
    assert heading_key("Environnement technique") == "skills"
    assert heading_key("Expérience en Python et SQL", styled=False) is None


def test_bullets_are_not_headings() -> None:
    parts = split_sections(
        "Vos missions\n- Expérience client\n- Compétences terrain\nProfil\nVous êtes rigoureux."
    )
    assert "Expérience client" in parts["missions"]
    assert "Compétences terrain" in parts["missions"]
    assert parts["profile"] == "Vous êtes rigoureux."


def test_field_lines_stay_in_place() -> None:
    parts = split_sections("Vos missions\nGérer la paie.\nLieu : Lyon\nAvantages\nRTT")
    assert "Lieu : Lyon" in parts["missions"]

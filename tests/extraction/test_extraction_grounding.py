from __future__ import annotations

import pytest

from jobapp.extraction import ground, index_text, is_grounded


def test_ground_drops_invented_skills_and_degrees(french_cv: str) -> None:
    terms = [
        "Python",
        "project management",  # English name, French CV says "Gestion de projets"
        "Tableaux de bord",
        "Kubernetes",  # invented
        "Master MIAGE",  # invented degree
        "Statistiques",
        "Google",  # invented employer
        "Banque Populaire",
        "Maîtrise de Python et SQL",
        "Maîtrise de Python et Docker",  # one invented tool inside
    ]
    kept, dropped = ground(terms, french_cv)
    assert kept == ["Python", "project management", "Tableaux de bord", "Statistiques", "Banque Populaire",
                    "Maîtrise de Python et SQL"]  # fmt: skip
    assert dropped == ["Kubernetes", "Master MIAGE", "Google", "Maîtrise de Python et Docker"]


@pytest.mark.parametrize(
    "term",
    ["PYTHON", "requêtes sql", "Excel", "English", "méthodes agiles", "gestion projet", "analyste données"],
)
def test_grounded_terms_survive_case_accents_aliases_and_order(term: str, french_cv: str) -> None:
    assert is_grounded(term, french_cv)


@pytest.mark.parametrize("term", ["", "  ", "R", "Go", "Java", "allemand", "Bac+2"])
def test_absent_or_ambiguous_terms_are_not_grounded(term: str, french_cv: str) -> None:
    assert not is_grounded(term, french_cv)


def test_ground_accepts_a_prebuilt_index(french_cv: str) -> None:
    index = index_text(french_cv)
    assert ground(["VBA", "SAP"], index) == (["VBA"], ["SAP"])


def test_literal_grounding_ignores_lexicon_synonyms() -> None:
    source = "Chargé de recrutement (H/F) chez Initech, à Nantes."
    assert is_grounded("Recruiter", source)  # a skill: the lexicon says it is the same thing
    assert not is_grounded("Recruiter", source, aliases=False)  # a title: it is not written there
    assert is_grounded("chargée de recrutement", source, aliases=False)
    assert ground(["Initech", "Globex", "nantes"], source, aliases=False) == (
        ["Initech", "nantes"],
        ["Globex"],
    )

"""Occupation of a title (ESCO, FR/EN) and the level of a CV, on real-style titles and CV headers."""

from __future__ import annotations

import pytest

from jobapp.extraction.occupations import (
    isco_similarity,
    occupation_similarity,
    text_occupations,
    title_occupations,
)
from jobapp.extraction.seniority import cv_seniority, years_from_dates


@pytest.mark.parametrize(
    ("title", "isco"),
    [
        ("Infirmier / Infirmière en soins généraux (IDE) (H/F)", "2221"),
        ("Registered Nurse Band 5", "2221"),
        ("Stage - Ingénieur IA (H/F) - Lyon", "2511"),
        ("Assistant Comptable (h/f)", "2411"),
        ("Cariste CACES 3", "8344"),
        ("Conseiller de vente - Temps partiel", "5223"),
        ("Chargé de recrutement (H/F)", "2423"),
    ],
)
def test_titles_map_to_their_isco_group(title: str, isco: str) -> None:
    found = title_occupations(title)
    assert found and found[0].occupation.isco == isco


def test_french_and_english_titles_of_one_job_are_the_same_occupation() -> None:
    fr, en = title_occupations("Aide-soignant de nuit"), title_occupations("Healthcare assistant")
    assert occupation_similarity(fr, en) is not None and occupation_similarity(fr, en) >= 0.9
    nurse, chef = title_occupations("Staff Nurse"), title_occupations("Chef de cuisine")
    assert occupation_similarity(nurse, chef) == 0.0
    assert occupation_similarity(nurse, ()) is None


def test_isco_similarity_decreases_with_the_family() -> None:
    assert isco_similarity("2221", "2221") == 1.0
    assert 0 < isco_similarity("2511", "2512") < 1.0
    assert isco_similarity("2221", "5321") == 0.0


def test_cv_occupations_ignore_language_levels_and_bullets() -> None:
    cv = "SOUS CHEF\nWork Experience\n- Espagnol : intermédiaire (B1)\nSous Chef Jul 2010 to Current"
    found = text_occupations(cv)
    assert [m.occupation.isco for m in found] == ["3434"]


@pytest.mark.parametrize(
    ("header", "level"),
    [
        (
            "Étudiant en Master 2 Intelligence Artificielle\nÀ la recherche d'un stage de fin d'études de 6 mois",
            "internship",
        ),
        (
            "GENERAL CONSTRUCTION INTERN\nObjective\nDedicated student with excellent technical skills",
            "internship",
        ),
        (
            "Étudiante en BTS comptabilité, je recherche une alternance à partir de septembre",
            "apprenticeship",
        ),
        ("SENIOR ACCOUNTANT\nExperience\nSenior Accountant June 2011 to Current", "senior"),
    ],
)
def test_cv_level(header: str, level: str) -> None:
    assert cv_seniority(header).level == level


def test_internships_are_not_years_of_experience() -> None:
    text = "Stage data scientist 2024 - 2025\nData analyst 2021 - 2023"
    assert years_from_dates(text) == 2.0

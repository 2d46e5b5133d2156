from __future__ import annotations

import pytest

from jobapp.extraction import detect_contract, detect_language, detect_seniority, detect_years
from jobapp.extraction.seniority import years_from_dates


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("3 ans d'expérience minimum", 3.0),
        ("Vous avez 5+ years of experience in Python", 5.0),
        ("minimum 2 ans sur un poste similaire", 2.0),
        ("Bac+5 avec 3 à 5 ans d'expérience", 3.0),
        ("At least three years of experience", 3.0),
        ("expérience de 2 ans en comptabilité", 2.0),
        ("Vous justifiez d'une expérience de 4 ans", 4.0),
        ("5 ans d'expérience dont 2 en management", 5.0),
        ("2-3 years experience in a similar role", 2.0),
        ("Notre entreprise existe depuis 20 ans.", None),
        ("Bac+5 exigé.", None),
        ("Créée il y a 30 ans, notre PME grandit.", None),
        # the company's age, said with "more than": not a requirement
        ("Depuis plus de 25 ans, Xefi affiche une croissance forte.", None),
        ("Since over 40 years we build boats.", None),
    ],
)
def test_detect_years(text: str, years: float | None) -> None:
    assert detect_years(text) == years


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Stage - Data Analyst (6 mois)", "internship"),
        ("Alternance - Assistant RH\nContrat d'apprentissage de 2 ans", "apprenticeship"),
        ("Internship: Marketing assistant", "internship"),
        ("Développeur junior Python", "junior"),
        ("Jeune diplômé accepté.\nPoste de comptable.", "junior"),
        ("Ingénieur confirmé\nVous avez 4 ans d'expérience.", "mid"),
        ("Senior Backend Engineer", "senior"),
        ("Tech Lead Java", "lead"),
        ("Comptable\nVous avez 8 ans d'expérience.", "senior"),
        # a minimum of one year is no level: the offer is open to everyone past their studies
        ("Comptable\nVous avez 1 an d'expérience.", ""),
        ("Conseiller de vente\nExpérience : Débutant accepté", ""),
        ("Ward Manager\nLead a team of nurses.", "senior"),
        ("Community manager (H/F)\nAnimez nos réseaux.", ""),
        ("Apprentice Recruitment Administrator", "apprenticeship"),
        ("Développeur senior\nVous encadrerez nos stagiaires.", "senior"),
        ("Comptable\nNous recrutons.", ""),
        # the manager the job reports to has the level, not the job
        ("Développeur PHP (H/F)\nRattaché au lead développeur, vous codez.", ""),
        ("Assistant RH\nRattaché(e) à la Directrice RH, vous gérez la paie.", ""),
        ("Finance Officer\nReporting to the Head of Finance, you will reconcile accounts.", ""),
        # "apprentissage" alone is learning; an apprenticeship is "en / contrat d'apprentissage"
        (
            "Professeur de mathématiques\nConcevoir des situations d'apprentissage. Favoriser l'apprentissage.",
            "",
        ),
        (
            "Assistant comptable\nPoste en apprentissage, rythme 2 jours / 3 jours. Formation par l'apprentissage.",
            "apprenticeship",
        ),
        # in an offer's body, "expert" is what the job makes of you
        ("Technicien de maintenance\nDevenez l'expert technique de nos machines.", ""),
        ("Expert comptable", "senior"),
    ],
)
def test_detect_seniority_level(text: str, level: str) -> None:
    assert detect_seniority(text).level == level


def test_detect_seniority_of_a_cv_uses_date_ranges(french_cv: str) -> None:
    assert detect_seniority(french_cv).years is None
    assert detect_seniority(french_cv, cv=True).years == 5.0


def test_years_from_dates_merges_overlaps_and_skips_education() -> None:
    cv = (
        "Expérience\n2015-2018 : Développeur, Acme\n2017 - 2019 : Freelance\n03/2019 - aujourd'hui : Lead\n\n"
        "Formation\n2010 - 2015 : Master, Lyon\n\nLangues\nAnglais"
    )
    assert years_from_dates(cv, this_year=2024) == 9.0


@pytest.mark.parametrize(
    ("text", "contract"),
    [
        ("Développeur Python - CDI - Lyon", "cdi"),
        ("Type de contrat : CDD de 6 mois", "cdd"),
        ("Stage de fin d'études (6 mois)\nUn CDI pourra être proposé après le stage.", "stage"),
        ("Alternance 24 mois - Chargé de communication", "alternance"),
        ("Mission freelance de 3 mois, TJM 500 €", "freelance"),
        ("Mission d'intérim de 2 semaines", "interim"),
        ("Employment type: Full-time, permanent", "cdi"),
        ("Fixed-term contract (12 months)", "cdd"),
        ("Nous recrutons un comptable.", ""),
    ],
)
def test_detect_contract(text: str, contract: str) -> None:
    assert detect_contract(text) == contract


def test_detect_language(french_offer: str, english_offer: str, french_cv: str) -> None:
    assert detect_language(french_offer) == "fr"
    assert detect_language(english_offer) == "en"
    assert detect_language(french_cv) == "fr"
    assert detect_language("") == "fr"

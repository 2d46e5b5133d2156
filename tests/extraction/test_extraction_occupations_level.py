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
        # both genders written out: the first half alone ("technicien") is not the job
        ("Technicien / Technicienne support informatique (H/F)", "3512"),
        ("Agent / Agente de nettoyage de locaux (H/F)", "9112"),
        ("Conducteur(trice) de bus (H/F)", "8331"),
        # a company name on the title's line does not drown the title
        ("Vendeur BRICO DEPOT", "5223"),
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
    assert isco_similarity("2221", "8322") == 0.0


def test_cv_occupations_ignore_language_levels_and_bullets() -> None:
    cv = "SOUS CHEF\nWork Experience\n- Espagnol : intermédiaire (B1)\nSous Chef Jul 2010 to Current"
    found = text_occupations(cv)
    assert [m.occupation.isco for m in found] == ["3434"]


def test_cv_summary_sentence_names_the_job() -> None:
    cv = (
        "CERTIFIED NURSING ASSISTANT\nSummary\nExperienced Administrative Assistant III offering 21 years "
        "of experience in medical business office operations, proactive leader with strengths in communication."
    )
    found = {m.occupation.isco: m.score for m in text_occupations(cv)}
    assert found.get("4120") == 1.0 and "5321" in found


def test_an_ongoing_training_counts_as_much_as_the_latest_job() -> None:
    jobs = "\n".join(f"201{i} Employé polyvalent à ENSEIGNE {i}\n- Accueil des clients" for i in range(9))
    cv = f"Expériences\n{jobs}\nFormations\n2021 Développeur Web et web mobile (EN COURS) à RSMA-M, Le Lamentin"
    found = {m.occupation.isco: m.score for m in text_occupations(cv)}
    without = {m.occupation.isco: m.score for m in text_occupations(cv.replace("(EN COURS)", "(2019)"))}
    assert found["2512"] > 0.9 > without["2512"] + 0.1  # the old one fades below the line
    assert without["5223"] > without["2512"]


def test_adjectives_and_stray_words_are_not_occupations() -> None:
    assert not text_occupations("General\nDocker")
    assert all(m.occupation.isco != "2330" for m in title_occupations("Chargé / Chargée d'affaires BTP"))


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


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a trainee title heads the CV: years of side jobs do not make a senior
        (
            "HR INTERN\nSummary\nStudent in organisational psychology.\nExperience\nStore volunteer 2010 to 2018",
            "internship",
        ),
        ("MECHANICAL ENGINEERING INTERN\nSkills\n5 years of experience with CAD packages", "internship"),
        ("Apprentie esthéticienne\nCompétences\nSoins du visage", "apprenticeship"),
        # the degree under way is the latest entry, with no job running to that date
        (
            "Education\n\nBachelor of Science - Informatique\nHEPIA\n2024 - Present\n\n"
            "Expérience professionnelle\n\nVendeur\nMagasin\n2017 - 2021\n",
            "internship",
        ),
        (
            "Formation\n2023/2025 : Cycle Ingénieur - École des Mines\n2020/2022 : Classes préparatoires\n",
            "internship",
        ),
        # a working adult who also studied long ago stays on the years: experienced, and senior only
        # with a manager's title (years alone do not make a cashier of nine years a senior)
        ("Comptable\nExpérience\nComptable 2012 - 2024\nFormation\nLicence 2008 - 2011\n", "mid"),
        (
            "Responsable comptable\nExpérience\nComptable 2012 - 2024\nFormation\nLicence 2008 - 2011\n",
            "senior",
        ),
        ("Comptable\nExpérience\nComptable 2023 - 2024\n", "junior"),
    ],
)
def test_student_level_from_headline_and_ongoing_degree(text: str, level: str) -> None:
    assert cv_seniority(text).level == level


def test_a_date_alone_on_its_line_belongs_to_the_entry_above() -> None:
    text = "Stagiaire développeur\nCapgemini\n2023 - 2024\n\nDéveloppeur\nSopra\n2019 - 2022\n"
    assert years_from_dates(text) == 3.0


def test_month_names_in_date_ranges() -> None:
    assert years_from_dates("Vendeur\nmars 2015 - octobre 2019\n") == 4.0
    assert years_from_dates("Store manager Jul 2016 to Jun 2020") == 4.0


@pytest.mark.parametrize(
    ("title", "isco"),
    [
        ("STOREKEEPER II", "4321"),
        ("Construction Laborer", "9313"),
        ("Information Technology Technician I", "3512"),
        ("Manœuvre (H/F)", "9313"),
        ("Administrator - Band 2", "3343"),
    ],
)
def test_grades_and_numerals_do_not_hide_the_title(title: str, isco: str) -> None:
    assert title_occupations(title)[0].occupation.isco == isco


def test_neighbouring_groups_across_the_hierarchy() -> None:
    # a sous chef and a cook, a nurse and a care assistant: neighbours ISCO files apart
    assert isco_similarity("3434", "5120") == isco_similarity("5120", "3434") == 0.7
    assert isco_similarity("2221", "5321") == 0.45
    assert isco_similarity("9313", "7112") == 0.45  # building labourer / bricklayer (prefix "71")
    assert isco_similarity("2221", "9313") == 0.0
    assert isco_similarity("2512", "2511") == 0.7  # the hierarchy itself still counts
    # ISCO's professionals and associate professionals of one field: a developer and an IT technician
    assert isco_similarity("2512", "3512") == 0.3
    # an office supervisor and the clerks, receptionists and secretaries of major group 4
    assert isco_similarity("3341", "4226") == isco_similarity("3341", "4120") == 0.45
    # accountant, accounting associate, bookkeeping clerk: one ladder
    assert isco_similarity("2411", "3313") == isco_similarity("3313", "4311") == 0.7


def test_a_shared_major_group_alone_is_no_kinship() -> None:
    # a nurse (2221) and a software developer (2512) are both "professionals": nothing in common
    assert isco_similarity("2221", "2512") == 0.0
    assert isco_similarity("2221", "2240") == 0.3  # same sub-major group (health professionals)

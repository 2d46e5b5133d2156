"""Tailoring advice: the offer's keywords against the CV's own lines, French and English."""

from __future__ import annotations

import pytest

from jobapp.extraction.cv_sections import cv_sections, heading_kind
from jobapp.extraction.tailoring import tailoring_advice
from jobapp.extraction.tailoring_text import advice_lines
from jobapp.textfold import fold

OFFER_FR = """Chef de projet informatique (H/F) — Acme — Lyon — cdi

Missions :
- Gestion de projet et animation des comités de pilotage
- Rédaction des cahiers des charges
Profil :
- Maîtrise de SQL exigée
- Méthodes agiles (Scrum)
- Anglais courant
- Une connaissance de Jira serait un plus
"""
CV_FR = """Chef de projet IT

Centres d'intérêt
Randonnée, photographie

Compétences
Pilotage de projets informatiques, Scrum, SQL
Project management, English (fluent)

Expérience professionnelle
2019 - 2024 Chef de projet, Banque Rhône : pilotage de projets, rédaction de cahiers des charges
"""
OFFER_EN = """Warehouse Operative — Northgate Logistics — Leeds

Responsibilities:
- Picking and packing customer orders
- Loading and unloading deliveries
Requirements:
- Forklift licence (counterbalance) essential
- Health and safety awareness
"""
CV_EN = """WAREHOUSE OPERATIVE

Skills
Préparation de commandes, conduite de chariot élévateur (CACES 3)

Experience
2020 - 2024 Picker, Amazon: picking and packing, loading deliveries onto vans
"""


def by_term(advice):
    return {k.term.casefold(): k for k in advice.keywords}


def test_each_keyword_is_worded_reworded_or_missing_with_the_cv_lines_behind_it() -> None:
    advice = tailoring_advice(OFFER_FR, CV_FR)
    assert advice.language == "fr"
    kw = by_term(advice)
    assert kw["sql"].status == "as_offer"
    assert kw["sql"].evidence[0].section == "Compétences"
    # shown by the CV in English: write it as the (French) offer does
    assert kw["gestion de projet"].status == "reword" and kw["gestion de projet"].required
    assert kw["gestion de projet"].cv_wording == "Project management"
    assert kw["anglais courant"].status == "reword"
    assert kw["jira"].status == "missing" and not kw["jira"].required
    assert kw["jira"].evidence == []


def test_nothing_is_invented_every_wording_and_line_comes_from_the_cv_or_the_offer() -> None:
    for offer, cv in ((OFFER_FR, CV_FR), (OFFER_EN, CV_EN)):
        advice = tailoring_advice(offer, cv)
        assert advice.keywords
        for item in advice.keywords:
            assert fold(item.term) in fold(offer) or item.term == "Bac+5"
            assert fold(item.cv_wording) in fold(cv)
            for evidence in item.evidence:
                assert evidence.line in cv and (not evidence.section or evidence.section in cv)


def test_the_section_holding_the_offers_keywords_moves_above_a_less_relevant_one() -> None:
    (move,) = tailoring_advice(OFFER_FR, CV_FR).sections
    assert (move.heading, move.above) == ("Compétences", "Centres d'intérêt")
    assert move.keywords > move.above_keywords == 0
    # already first: nothing to move
    cv = (
        CV_FR.replace("Centres d'intérêt\nRandonnée, photographie\n\n", "")
        + "\nCentres d'intérêt\nRandonnée\n"
    )
    assert tailoring_advice(OFFER_FR, cv).sections == []


def test_headline_takes_the_offers_title_only_for_the_same_job() -> None:
    assert tailoring_advice(OFFER_FR, CV_FR).headline_title == "Chef de projet informatique"
    assert tailoring_advice(OFFER_EN, CV_EN).headline_title == ""  # already says it
    nurse = "Infirmière diplômée d'État\n\nExpérience\n2018 - 2024 Infirmière, CHU de Nantes"
    assert tailoring_advice(OFFER_EN, nurse).headline_title == ""  # not the same job


def test_advice_is_written_in_the_offers_language_must_haves_first() -> None:
    fr = advice_lines(tailoring_advice(OFFER_FR, CV_FR))
    assert fr[0].startswith("Titre du CV")
    assert any("Écrivez « Gestion de projet » comme l'offre (exigé)" in line for line in fr)
    assert fr.index(next(ln for ln in fr if "Jira" in ln)) > fr.index(
        next(ln for ln in fr if "Gestion" in ln)
    )
    en = advice_lines(tailoring_advice(OFFER_EN, CV_EN))
    assert all("Écrivez" not in line for line in en)
    assert any(line.startswith("Write ") or "is not in your CV" in line for line in en)


def test_an_empty_cv_gets_every_keyword_missing_and_no_section_advice() -> None:
    advice = tailoring_advice(OFFER_EN, "")
    assert advice.keywords and {k.status for k in advice.keywords} == {"missing"}
    assert advice.sections == [] and advice.headline_title == ""


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Compétences", "skills"),
        ("EXPÉRIENCE PROFESSIONNELLE", "experience"),
        ("Work history:", "experience"),
        ("Mes formations", "education"),
        ("Centres d'intérêt", "other"),
        ("Langues", "languages"),
        ("Python, SQL, Power BI", None),
        ("2019 - 2024 Chef de projet, Banque Rhône", None),
    ],
)
def test_cv_headings(line: str, kind: str | None) -> None:
    assert heading_kind(line) == kind


def test_cv_sections_keep_the_cvs_order_and_the_header() -> None:
    sections = cv_sections(CV_FR)
    assert [s.kind for s in sections] == ["header", "other", "skills", "experience"]
    assert sections[0].lines == ["Chef de projet IT"]

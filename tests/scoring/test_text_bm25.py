"""Tokens shared across French and English, and the absolute 0..1 lexical coverage."""

from __future__ import annotations

import numpy as np

from jobapp.extraction.seniority import years_from_dates
from jobapp.scoring.bm25 import BM25Corpus
from jobapp.scoring.signals import guess_title, required_years, section_lines
from jobapp.scoring.text import tokens


def test_french_and_english_job_words_share_tokens() -> None:
    fr = set(tokens("Développeuse senior, 5 ans d'expérience, gestion de projets, comptabilité"))
    en = set(tokens("Senior developer, 5 years of experience, project management, accounting"))
    assert {"developer", "senior", "experience", "project", "management", "accounting"} <= fr & en


def test_tokens_keep_technical_names() -> None:
    assert {"c++", "c#", "node.js"} <= set(tokens("C++, C# et Node.js"))


def test_lexical_is_absolute_and_bounded() -> None:
    offers = ["Python developer: Python, Django, SQL", "Nurse: patient care, hospital"]
    corpus = BM25Corpus(offers)
    full = corpus.lexical("Python Django SQL developer")
    assert full[0] == 1.0 and full[1] == 0.0
    partial = corpus.lexical("Python developer")
    assert 0 < partial[0] < 1
    # the same pair keeps its value whatever else is in the batch (no per-batch max normalisation)
    alone = BM25Corpus(offers[:1]).lexical("Python Django SQL developer")
    assert alone[0] == 1.0


def test_lexical_single_offer_degrades_to_coverage() -> None:
    corpus = BM25Corpus(["alpha beta gamma delta"])
    assert np.isclose(corpus.lexical("alpha beta")[0], 0.5)


def test_cv_years_union_of_periods_without_internships() -> None:
    text = "Engineer (2019 - 2023)\nAnalyst 2014 - 2019\nIntern from 2013 to 2014\nStage 2018 - 2019"
    assert years_from_dates(text) == 9.0
    assert years_from_dates("Développeur 2020 - aujourd'hui", this_year=2024) == 4.0


def test_required_years_and_title() -> None:
    assert required_years("Profil : 3 ans d'expérience minimum en Python.") == 3.0
    assert required_years("At least 5 years of experience in accounting.") == 5.0
    assert guess_title("## Job title\nBaker\n\n## Summary\nBake bread.") == "Baker"
    assert guess_title("Comptable (H/F)\nClôtures mensuelles.") == "Comptable (H/F)"


def test_section_lines_fr_and_en() -> None:
    fr = "Profil\nBlabla\nCompétences\n- Python\n- SQL\nExpérience professionnelle\nDev (2020 - 2022)"
    en = "## Skills\n1. Analysis\n2. VMware\n\n## Experience\nAdmin (2019 - 2023)"
    assert section_lines(fr) == ["Python", "SQL"]
    assert section_lines(en) == ["Analysis", "VMware"]

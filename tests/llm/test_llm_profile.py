"""Step 4: the anonymised CV profile. No identifier may ever reach the model."""

from __future__ import annotations

import json

import pytest

from jobapp.domain import CvProfile
from jobapp.llm import build_cv_profile
from jobapp.llm.profile import (
    IdentifierLeak,
    education_lines,
    ensure_anonymised,
    first_role_line,
)
from jobapp.llm.prompts import task_messages

FIELDS = {
    "title",
    "summary",
    "hard_skills",
    "soft_skills",
    "level",
    "years_experience",
    "sectors",
    "strengths",
    "education",
}

GOOD_PROFILE = {
    "title": "Développeuse backend Python",
    "summary": "Développeuse backend avec six ans d'expérience sur des API REST en Python et Django.",
    "hard_skills": ["Python", "Django", "PostgreSQL", "Kubernetes"],  # Kubernetes: not in the CV
    "soft_skills": ["autonomie"],
    "level": "mid",
    "years_experience": 6,
    "sectors": ["logiciel"],
    "strengths": ["API REST en Python"],
    "education": ["Master Informatique", "Doctorat en physique"],  # the doctorate is invented
}


def test_no_identifier_reaches_the_model(scripted, cv_text, cv_identifiers):
    llm = scripted(json.dumps(GOOD_PROFILE))
    profile = build_cv_profile(cv_text, llm)
    sent = llm.everything_sent()
    assert "Python" in sent  # the CV content did reach the model...
    for identifier in cv_identifiers:  # ...but none of its identifiers
        assert identifier not in sent, identifier
    assert profile.removed.get("email", 0) >= 1
    assert sum(profile.removed.values()) >= 3
    dumped = profile.model_dump_json()
    for identifier in cv_identifiers:
        assert identifier not in dumped, identifier


def test_repair_round_also_carries_no_identifier(scripted, cv_text, cv_identifiers):
    llm = scripted("not json", json.dumps(GOOD_PROFILE))
    build_cv_profile(cv_text, llm)
    assert len(llm.calls) == 2
    for identifier in cv_identifiers:
        assert identifier not in llm.everything_sent()


def test_llm_profile_is_grounded_in_the_cv(scripted, cv_text):
    profile = build_cv_profile(cv_text, scripted(json.dumps(GOOD_PROFILE), name="fake:cv"))
    assert isinstance(profile, CvProfile)
    assert profile.hard_skills == ["Python", "Django", "PostgreSQL"]
    assert profile.education == ["Master Informatique"]
    assert profile.title == "Développeuse backend Python"
    assert profile.provenance["hard_skills"] == "llm"
    assert profile.model == "fake:cv"
    assert profile.language == "fr"


def test_extraction_only_profile(cv_text, cv_identifiers):
    profile = build_cv_profile(cv_text, None)
    assert profile.model == "extraction"
    assert profile.provenance == dict.fromkeys(FIELDS, "extraction")
    assert {"python", "django", "postgresql", "docker"} <= {s.casefold() for s in profile.hard_skills}
    assert any("Master" in e for e in profile.education)
    assert "Python" in profile.title
    assert profile.summary
    for identifier in cv_identifiers:
        assert identifier not in profile.model_dump_json()


def test_garbage_model_gives_the_extraction_profile(scripted, cv_text):
    profile = build_cv_profile(cv_text, scripted("???"))
    baseline = build_cv_profile(cv_text, None)
    assert profile.model_dump(exclude={"model", "provenance", "replaced"}) == baseline.model_dump(
        exclude={"model", "provenance", "replaced"}
    )
    assert set(profile.provenance.values()) == {"extraction"}
    assert set(profile.replaced.values()) == {"no usable answer"}


def test_english_cv(scripted):
    cv = (
        "John Smith - john.smith@example.com - +44 20 7946 0958\n\n"
        "Data Analyst\n\nExperience\n2021-2024 Data Analyst at Contoso: SQL, Power BI, Excel dashboards.\n\n"
        "Education\nBSc in Mathematics, University of Leeds\n"
    )
    llm = scripted(json.dumps({"title": "Data Analyst", "hard_skills": ["SQL", "Power BI", "Spark"]}))
    profile = build_cv_profile(cv, llm)
    assert profile.language == "en"
    assert profile.hard_skills == ["SQL", "Power BI"]
    for identifier in ("John", "Smith", "john.smith@example.com", "7946"):
        assert identifier not in llm.everything_sent()
    assert any("BSc" in e for e in profile.education)


def test_ensure_anonymised_refuses_a_prompt_built_from_the_raw_text():
    anonymised = "[NOM]\nDéveloppeuse Python"
    raw = "Camille Durand\nDéveloppeuse Python"
    ensure_anonymised(task_messages("cv_profile", "fr", anonymised), anonymised, raw)
    with pytest.raises(IdentifierLeak):
        ensure_anonymised(task_messages("cv_profile", "fr", raw), anonymised, raw)


def test_role_line_and_degree_lines():
    text = (
        "[NAME]\n[EMAIL]\nCompétences\nIngénieure DevOps\n2020 Master Réseaux, Université de Lille\nBTS SIO\n"
    )
    assert first_role_line(text) == "Ingénieure DevOps"
    assert education_lines(text) == ["2020 Master Réseaux, Université de Lille", "BTS SIO"]
    assert education_lines("I like it but not much") == []


def test_years_from_date_ranges_skip_studies():
    from jobapp.extraction.seniority import years_from_dates as years_from_date_ranges

    text = "2012 - 2014 Analyste chez X\n2014 – 2016 Consultant\n2015-2017 mission parallèle\n2008 - 2011 Master, Université\n"
    assert years_from_date_ranges(text, this_year=2025) == 5.0  # 2012-2017 merged; the degree line ignored
    assert years_from_date_ranges("2021 - aujourd'hui : Data engineer", this_year=2025) == 4.0
    assert years_from_date_ranges("Python, SQL", this_year=2025) is None


def test_fallback_profile_estimates_years_and_level_from_dates(cv_text):
    profile = build_cv_profile(cv_text, None)
    assert profile.years_experience == 6.0  # "2019 - 2025"
    assert profile.level == "mid"  # six years, no senior or manager title in the headline


def test_rules_profile_shows_no_item_the_models_would_be_refused_for():
    """Real dev CVs: the rules showed a thesis line as education ("... (M.Sc, 2014-15)": a date)."""
    from jobapp.documents.anonymise import anonymise
    from jobapp.llm.profile import profile_from_extraction
    from jobapp.llm.shown_fields import PROFILE_FIELDS, unsupported_fields

    cv = (
        "PSYCHOLOGY GRADUATE\nEducation\nMaster of Science : Psychology 2015 University of Kerala City , India\n"
        "Autosuggestion as a mediator in weight management in female college students. Master's Thesis. "
        "(M.Sc, 2014-15)\nBachelor of Arts , Mass Communication 2013\nExperience\nCounsellor 2016 to Current\n"
        "Listened to clients and wrote reports.\n"
    )
    text = anonymise(cv).text
    raw = profile_from_extraction(text, "en").education
    assert any("2014-15" in line for line in raw)  # what the rules find
    profile = build_cv_profile(cv, None)
    assert profile.education and not any("2014-15" in line for line in profile.education)
    assert unsupported_fields(profile, text, PROFILE_FIELDS) == {}

"""Explanations without a model speak the reader's language throughout: levels and durations
included ("confirmé", "stage", "4 ans" in French; "mid-level", "4 years" in English)."""

from __future__ import annotations

import pytest

from jobapp.domain import CvProfile, KeywordCoverage, OfferSummary
from jobapp.llm.explain import _level_text, explain_match, seniority_sentence
from jobapp.messages import catalogue

PROFILE = CvProfile(cv_id=1, language="fr", title="Développeuse Python", hard_skills=["Python"], level="mid")
SUMMARY = OfferSummary(offer_id=2, language="fr", key_skills=["Python", "Docker"], seniority="senior")
COVERAGE = KeywordCoverage(matched=["Python"], missing=["Docker"], coverage=0.5)


def test_french_explanation_names_levels_in_french(french_offer):
    explanation = explain_match(PROFILE, SUMMARY, french_offer, 62.0, COVERAGE, 50.0, None)
    assert explanation.summary == (
        "Adéquation partielle (score 62 %). Le CV couvre 1 des 2 mots-clés de l'offre (Python). "
        "Il manque : Docker. Le niveau du candidat (confirmé) est inférieur au niveau demandé (senior)."
    )


def test_english_explanation_names_levels_in_english(english_offer):
    profile = PROFILE.model_copy(update={"language": "en", "level": "lead"})
    summary = SUMMARY.model_copy(update={"language": "en"})
    explanation = explain_match(profile, summary, english_offer, 30.0, COVERAGE, 50.0, None)
    assert explanation.summary.startswith("Weak match (score 30%). The CV covers 1 of the offer's 2 keywords")
    assert explanation.summary.endswith("The candidate's level (lead) is above the level sought (senior).")


@pytest.mark.parametrize(
    ("cv", "offer", "french"),
    [
        ("internship", "apprenticeship", "Le niveau du candidat (stage) correspond au niveau demandé."),
        ("junior", "mid", "Le niveau du candidat (junior) est inférieur au niveau demandé (confirmé)."),
        (
            "lead",
            "internship",
            "Le niveau du candidat (responsable d'équipe) est supérieur au niveau demandé (stage).",
        ),
        ("mid", "", ""),
    ],
)
def test_seniority_sentence_in_french(cv, offer, french):
    assert seniority_sentence("fr", cv, offer) == french


def test_level_and_years_for_the_model_facts():
    assert _level_text("fr", "mid", 6) == "confirmé, 6 ans"
    assert _level_text("en", "mid", 6.5) == "mid-level, 6.5 years"
    assert _level_text("fr", "apprenticeship", None) == "alternance"
    assert _level_text("fr", "", 2) == "2 ans"


def test_every_level_and_contract_code_has_its_words():
    from jobapp.extraction.seniority import CONTRACTS, LEVELS

    for lang in ("en", "fr"):
        assert all(f"level.{code}" in catalogue(lang) for code in LEVELS)
        assert all(f"contract.{code}" in catalogue(lang) for code in CONTRACTS)
    assert (
        catalogue("fr")["level.mid"] == "confirmé" and catalogue("fr")["contract.alternance"] == "alternance"
    )


def test_rules_profile_summary_names_the_level_in_french():
    from jobapp.llm.profile import templated_summary

    assert templated_summary("fr", "Data analyst", "mid", 3, ["SQL"]) == (
        "Data analyst, niveau confirmé, 3 ans d'expérience. Compétences principales : SQL."
    )
    assert templated_summary("fr", "", "internship", None, []) == "Profil, niveau stage."

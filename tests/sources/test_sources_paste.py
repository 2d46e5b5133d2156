"""Pasted offers: validation, the pasted text kept as the description, header fields guessed."""

from __future__ import annotations

import sys
import types

import pytest

from jobapp.domain import Offer
from jobapp.errors import InvalidInput
from jobapp.sources.paste import MAX_PASTE_CHARS, offer_from_text

PASTED = """Développeur Full Stack H/F
Entreprise : Quantix
Lieu : Bordeaux (33)
Contrat : CDI

Missions :
- Développer les nouvelles fonctionnalités de notre plateforme (React, Node.js).
- Participer aux revues de code.
"""


def test_pasted_text_is_the_description_and_fields_are_guessed():
    offer = offer_from_text(PASTED)
    assert offer.description == PASTED.strip()
    assert offer.source == "paste"
    assert offer.title == "Développeur Full Stack H/F"
    assert offer.company == "Quantix"
    assert "Bordeaux" in offer.location
    assert offer.contract == "cdi"


def test_validation_messages():
    with pytest.raises(InvalidInput, match="empty"):
        offer_from_text("   \n ")
    with pytest.raises(InvalidInput, match="too short"):
        offer_from_text("Dev")
    with pytest.raises(InvalidInput, match="too long") as info:
        offer_from_text("mot " * (MAX_PASTE_CHARS // 3))
    assert "import a CSV/JSON file" in str(info.value)


def test_llm_path_is_used_when_a_model_is_given(monkeypatch):
    calls = []

    def parse_pasted_offer(text, llm):
        calls.append(llm)
        return Offer(title="Lead dev", company="Quantix", contract="Permanent", description="rewritten")

    fake = types.ModuleType("jobapp.llm.summarise")
    fake.parse_pasted_offer = parse_pasted_offer
    monkeypatch.setitem(sys.modules, "jobapp.llm.summarise", fake)
    offer = offer_from_text(PASTED, llm="model")
    assert calls == ["model"]
    assert (offer.title, offer.company, offer.contract) == ("Lead dev", "Quantix", "cdi")
    assert offer.description == PASTED.strip(), "the description is never the model's rewrite"

"""Fixtures of the LLM step tests (the fakes and texts live in ``llm_fakes``)."""

from __future__ import annotations

import pytest
from llm_fakes import ENGLISH_OFFER_TEXT, FRENCH_OFFER_TEXT

from jobapp.domain import Offer


@pytest.fixture
def french_offer():
    return Offer(
        id=7,
        title="Développeur Python Senior (H/F)",
        company="Acme Logiciels",
        location="Lyon",
        contract="CDI",
        description=FRENCH_OFFER_TEXT,
    )


@pytest.fixture
def english_offer():
    return Offer(
        id=8, title="Data Analyst", company="Northwind", location="London", description=ENGLISH_OFFER_TEXT
    )

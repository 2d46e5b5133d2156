"""rank_offers end to end with a fake embedder: ranking, Match fields, engines, FR/EN fixtures."""

from __future__ import annotations

import numpy as np
import pytest

from jobapp.domain import CvProfile, Offer, OfferSummary
from jobapp.errors import InvalidInput
from jobapp.scoring.calibration import DECISION_THRESHOLD
from jobapp.scoring.engine import rank_offers

from .conftest import load_cv, load_offers, token_embed


@pytest.mark.parametrize(
    ("cv", "expected"),
    [
        ("fr_data_scientist", {"en_data_scientist", "fr_data_scientist"}),
        ("fr_infirmiere", {"en_nurse", "fr_infirmier"}),
        ("en_accountant", {"en_accountant", "fr_comptable"}),
        ("fr_boulanger", {"en_baker"}),
    ],
)
def test_hybrid_ranks_the_relevant_offers_first(cv: str, expected: set[str]) -> None:
    offers = load_offers()
    matches = rank_offers(load_cv(cv), None, offers, None, token_embed)
    by_id = {o.id: o.source for o in offers}
    top = [by_id[m.offer_id] for m in matches[: len(expected)]]
    assert set(top) == expected, [(by_id[m.offer_id], m.score) for m in matches]
    best, worst = matches[0], matches[-1]
    assert best.score > worst.score
    assert best.score >= DECISION_THRESHOLD > worst.score


def test_match_records_are_filled() -> None:
    offers = load_offers("en_")
    matches = rank_offers(load_cv("en_accountant"), None, offers, None, token_embed, top=3)
    assert [m.rank for m in matches] == [1, 2, 3]
    first = matches[0]
    assert first.engine == "hybrid"
    assert 0.0 <= first.score <= 100.0
    assert {"dense_text", "lexical", "keywords", "skills", "title", "seniority", "raw"} <= set(
        first.components
    )
    assert first.keywords.matched and 0 < first.keywords.coverage <= 1
    assert first.dense == pytest.approx(first.components["dense_text"], abs=1e-3)


def test_profile_and_summaries_are_used() -> None:
    offer = Offer(id=7, title="Analyste", description="Poste d'analyste.")
    summary = OfferSummary(offer_id=7, key_skills=["Python", "SQL"], profile="Data scientist")
    profile = CvProfile(cv_id=3, title="Data scientist", hard_skills=["Python", "SQL"], years_experience=4)
    with_fields = rank_offers("Mon CV.", profile, [offer], {7: summary}, token_embed)[0]
    without = rank_offers("Mon CV.", None, [offer], None, token_embed)[0]
    assert with_fields.cv_id == 3 and with_fields.offer_id == 7
    assert with_fields.components["dense_skills"] > without.components["dense_skills"]
    assert with_fields.score > without.score


def test_bi_encoder_engine_is_calibrated_cosine() -> None:
    offers = load_offers("en_")
    matches = rank_offers(load_cv("en_accountant"), None, offers, None, token_embed, engine="bi-encoder")
    dense = [m.dense for m in matches]
    assert dense == sorted(dense, reverse=True)
    assert all(m.engine == "bi-encoder" for m in matches)
    assert set(matches[0].components) == {"dense_text", "raw"}


class FakeCrossEncoder:
    """Scores docs by whether they contain a word: a deterministic stand-in for a cross-encoder."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.seen = 0

    def rank(self, query: str, docs: list[str]) -> np.ndarray:
        self.seen += len(docs)
        return np.array([4.0 if self.word in d.lower() else -4.0 for d in docs])


def test_hybrid_uses_the_cross_encoder_when_given() -> None:
    offers = load_offers("en_")
    cv = load_cv("en_accountant")
    ce = FakeCrossEncoder("bakery")
    plain = {m.offer_id: m.components["raw"] for m in rank_offers(cv, None, offers, None, token_embed)}
    with_ce = rank_offers(cv, None, offers, None, token_embed, reranker=ce)
    assert with_ce[0].engine == "hybrid+ce"
    baker = next(o.id for o in offers if o.source == "en_baker")
    boosted = next(m for m in with_ce if m.offer_id == baker)
    assert boosted.components["cross_encoder"] > 0.9
    assert boosted.components["raw"] > plain[baker]


def test_rerank_top_limits_cross_encoder_reads() -> None:
    offers = load_offers()
    ce = FakeCrossEncoder("comptab")
    matches = rank_offers(
        load_cv("en_accountant"), None, offers, None, token_embed, reranker=ce, rerank_top=3
    )
    assert ce.seen == 3
    assert len(matches) == len(offers)
    assert sum("cross_encoder" in m.components for m in matches) == 3
    assert all("cross_encoder" in m.components for m in matches[:3])
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)


def test_bad_engine_and_missing_cross_encoder_are_user_errors() -> None:
    offers = load_offers("en_")
    with pytest.raises(InvalidInput):
        rank_offers("cv", None, offers, None, token_embed, engine="magic")
    with pytest.raises(InvalidInput, match="cross-encoder"):
        rank_offers("cv", None, offers, None, token_embed, engine="hybrid+ce")
    assert rank_offers("cv", None, [], None, token_embed) == []

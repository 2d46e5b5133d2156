"""With the real bundled MiniLM (English-centric), a French CV still finds the right English offer.

The dense signal alone is weak across languages; the glossary-mapped tokens (BM25, titles) and the
lexicon's FR/EN skill aliases (keyword and skill coverage) carry the hybrid score.
"""

from __future__ import annotations

import pytest

from jobapp.scoring.engine import rank_offers

from .conftest import load_cv, load_offers

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("cv", "expected", "prefix"),
    [
        ("fr_data_scientist", "en_data_scientist", "en_"),
        ("fr_infirmiere", "en_nurse", "en_"),
        ("fr_boulanger", "en_baker", "en_"),
        ("en_accountant", "fr_comptable", "fr_"),
    ],
)
def test_cross_lingual_relevant_offer_ranks_first(minilm_embed, cv: str, expected: str, prefix: str) -> None:
    offers = load_offers(prefix)
    matches = rank_offers(load_cv(cv), None, offers, None, minilm_embed)
    by_id = {o.id: o.source for o in offers}
    ranking = [(by_id[m.offer_id], m.score) for m in matches]
    assert ranking[0][0] == expected, ranking
    assert ranking[0][1] > ranking[1][1]


def test_same_language_pair_beats_cross_language_noise(minilm_embed) -> None:
    offers = load_offers()
    matches = rank_offers(load_cv("fr_data_scientist"), None, offers, None, minilm_embed)
    by_id = {o.id: o.source for o in offers}
    top2 = {by_id[m.offer_id] for m in matches[:2]}
    assert top2 == {"en_data_scientist", "fr_data_scientist"}

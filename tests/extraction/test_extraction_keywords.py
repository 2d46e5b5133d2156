from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from jobapp.domain import KeywordCoverage
from jobapp.extraction import Keyword, coverage, index_text, offer_keywords


def test_offer_keywords_rank_required_skills_first(french_offer: str) -> None:
    kws = offer_keywords(french_offer)
    terms = [k.term for k in kws]
    assert {"Python", "SQL", "Power BI"} <= set(terms[:4])
    assert kws[0].weight == 1.0
    assert all(0 < k.weight <= 1 for k in kws)
    assert [k.weight for k in kws] == sorted((k.weight for k in kws), reverse=True)
    by_term = {k.term: k for k in kws}
    assert by_term["Bac+5"].category == "qualification"
    assert by_term["Anglais courant"].canonical == "English"
    # Benefits and the company blurb weigh little: the skills the profile asks for weigh more.
    assert by_term["Rigueur"].weight > by_term.get("Grande distribution", Keyword("", "", 0.0)).weight
    assert "Tickets restaurant" not in terms and "Restaurant" not in terms
    assert "Acme Distribution" not in terms  # the employer's name is not a requirement


def test_offer_keywords_respects_limit_and_handles_empty(english_offer: str) -> None:
    assert len(offer_keywords(english_offer, limit=5)) == 5
    assert offer_keywords("") == []


def test_offer_keywords_english(english_offer: str) -> None:
    terms = {k.canonical for k in offer_keywords(english_offer)}
    assert {"Go", "Python", "Kubernetes", "AWS", "Docker", "CI/CD", "English", "German", "Terraform"} <= terms


def test_coverage_across_languages_and_forms(french_cv: str) -> None:
    kws = [
        Keyword("project management", "hard", 1.0, "Project management"),
        Keyword("Dashboards", "hard", 1.0, "Dashboards"),
        Keyword("English", "language", 0.5, "English"),
        Keyword("Kubernetes", "tool", 1.0, "Kubernetes"),
    ]
    cov = coverage(kws, french_cv)
    assert isinstance(cov, KeywordCoverage)
    assert cov.matched == ["project management", "Dashboards", "English"]
    assert cov.missing == ["Kubernetes"]
    assert cov.coverage == round(2.5 / 3.5, 4)


def test_coverage_of_non_lexicon_phrases_uses_stems_and_word_order() -> None:
    kws = [Keyword("gestion des stocks de pièces", "phrase", 1.0), Keyword("flotte de bouées", "phrase", 1.0)]
    cov = coverage(kws, "J'ai assuré la gestion du stock des pièces détachées.")
    assert cov.matched == ["gestion des stocks de pièces"]
    assert cov.missing == ["flotte de bouées"]


def test_degree_ladder_higher_degree_covers_generic_level() -> None:
    index = index_text("Master en finance, Université Paris Dauphine")
    cov = coverage(
        [
            Keyword("Bac+5", "qualification", 1.0, "Bac+5"),
            Keyword("Bac+3", "qualification", 1.0, "Bac+3"),
            Keyword("diplôme d'ingénieur", "qualification", 1.0, "Engineering degree"),
        ],
        index,
    )
    assert cov.matched == ["Bac+5", "Bac+3"]
    assert cov.missing == ["diplôme d'ingénieur"]


def test_coverage_with_no_keywords_is_zero() -> None:
    assert coverage([], "anything").coverage == 0.0


def test_index_is_reusable_and_fast(french_offer: str, english_offer: str, french_cv: str) -> None:
    index = index_text(french_cv)
    offers = [french_offer, english_offer] * 50
    start = time.perf_counter()
    results = [coverage(offer_keywords(o), index) for o in offers]
    elapsed = time.perf_counter() - start
    assert results[0] == results[2] and results[1] == results[3]
    assert results[0].coverage > results[1].coverage  # the data CV fits the data offer better
    print(f"offer_keywords + coverage: {len(offers)} offers in {elapsed:.3f}s")


RJDB = Path(__file__).resolve().parents[3] / "shared" / "data" / "rjdb" / "test.jsonl"


@pytest.mark.skipif(not RJDB.exists(), reason="../shared/data/rjdb is not on this machine")
def test_coverage_prefers_the_matching_resume_on_rjdb() -> None:
    """On real-style English pairs, the matching resume covers more of the offer's keywords than its
    weakened twin (which lost skills or years) far more often than the reverse."""
    rows = [json.loads(line) for line in RJDB.read_text(encoding="utf-8").splitlines()[:200]]
    better = worse = 0
    for row in rows:
        keywords = offer_keywords(row["Job-Description"])
        matched = coverage(keywords, row["Resume-matched"]).coverage
        unmatched = coverage(keywords, row["Resume-unmatched"]).coverage
        better += matched > unmatched
        worse += matched < unmatched
    print(f"rjdb: matched resume covers more in {better}/200, less in {worse}/200")
    assert better >= 130
    assert worse <= 25

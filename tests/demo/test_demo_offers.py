"""The bundled demo offers are what a new user sees first: they must be complete and bilingual."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest

from jobapp.demo import demo_offers_path, load_demo_offers
from jobapp.domain import Offer

FRENCH_STOPWORDS = {
    "le",
    "la",
    "les",
    "des",
    "du",
    "et",
    "est",
    "une",
    "pour",
    "dans",
    "sur",
    "vous",
    "nous",
    "avec",
    "au",
    "aux",
}
ENGLISH_STOPWORDS = {
    "the",
    "and",
    "of",
    "to",
    "is",
    "for",
    "with",
    "our",
    "you",
    "we",
    "in",
    "on",
    "an",
    "are",
    "be",
}
FIELDS = ("title", "company", "location", "contract", "salary", "url", "description")


def language_of(text: str) -> str:
    """Crude but sufficient: which language's function words dominate."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text.lower())
    fr = sum(w in FRENCH_STOPWORDS for w in words)
    en = sum(w in ENGLISH_STOPWORDS for w in words)
    return "fr" if fr > en else "en"


@pytest.fixture(scope="module")
def offers() -> list[dict]:
    return load_demo_offers()


def test_file_is_a_json_list_of_at_least_30_offers() -> None:
    data = json.loads(demo_offers_path().read_text(encoding="utf-8"))
    assert isinstance(data, list)
    assert len(data) >= 30


def test_every_offer_has_all_fields_and_fits_the_domain_record(offers: list[dict]) -> None:
    for offer in offers:
        assert set(offer) == set(FIELDS), offer.get("title")
        for field in FIELDS:
            assert isinstance(offer[field], str) and offer[field].strip(), (offer["title"], field)
        Offer(**offer)  # raises if a key or type does not fit the pipeline's record


def test_descriptions_are_long_and_structured_like_real_offers(offers: list[dict]) -> None:
    for offer in offers:
        words = len(offer["description"].split())
        assert 100 <= words <= 400, (offer["title"], words)
        lowered = offer["description"].lower()
        assert any(h in lowered for h in ("missions", "responsibilities")), offer["title"]
        assert any(h in lowered for h in ("profil recherché", "requirements")), offer["title"]


def test_both_languages_present_with_french_the_majority(offers: list[dict]) -> None:
    languages = [language_of(o["description"]) for o in offers]
    french, english = languages.count("fr"), languages.count("en")
    assert english >= 8, (french, english)
    assert 0.55 <= french / len(offers) <= 0.8, (french, english)


def test_language_heuristic_tells_the_two_apart() -> None:
    assert language_of("Nous recherchons un développeur pour notre équipe et vous") == "fr"
    assert language_of("We are looking for a developer to join our team and you") == "en"


def test_urls_are_unique_placeholders_on_example_com(offers: list[dict]) -> None:
    urls = [o["url"] for o in offers]
    assert len(set(urls)) == len(urls)
    for url in urls:
        parsed = urlparse(url)
        assert parsed.scheme == "https" and parsed.hostname == "example.com", url
        assert parsed.path.startswith("/offres/"), url


def test_offers_cover_many_fields_not_only_it(offers: list[dict]) -> None:
    titles = " ".join(o["title"].lower() for o in offers)
    for marker in (
        "data analyst",
        "infirmier",
        "nurse",
        "électricien",
        "comptable",
        "cariste",
        "marketing",
        "ingénieur",
    ):
        assert marker in titles, marker


def test_demo_cvs_have_strong_and_weak_candidates(offers: list[dict]) -> None:
    """The demo must show a ranking: offers close to each demo CV, and offers far from both."""
    text = [(o["title"] + " " + o["description"]).lower() for o in offers]
    data_matches = [t for t in text if all(k in t for k in ("python", "sql", "power bi"))]
    nurse_matches = [t for t in text if "nurse" in t or "infirmier" in t]
    unrelated = [
        t for t in text if "sql" not in t and "nurse" not in t and "infirmier" not in t and "soins" not in t
    ]
    assert len(data_matches) >= 3
    assert len(nurse_matches) >= 3
    assert len(unrelated) >= 10

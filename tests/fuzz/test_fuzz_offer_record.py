"""The Offer record itself refuses what cannot be stored or parsed, whatever source built it."""

from __future__ import annotations

from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from jobapp.domain import Offer, text_hash
from jobapp.sources.dedup import dedupe

any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=80)
urlish = st.one_of(
    any_text,
    st.sampled_from(
        ["http://[x", "https://[::1", "http://x:99999999", "ex.com:-1", "[", "http://ok.example/a"]
    ),
    st.builds(lambda a, b: f"http://{a}/{b}", any_text, any_text),
)


def test_lone_surrogates_and_malformed_urls_are_neutralised():
    offer = Offer(title="Dev\ud800", company="\udfffAcme", url="http://[x")
    assert offer.title == "Dev\ufffd" and offer.company == "\ufffdAcme" and offer.url == ""
    assert Offer(url="https://example.com/o/1?a=1").url == "https://example.com/o/1?a=1"
    assert Offer(url="example.com:99999").url == ""


@settings(max_examples=150)
@given(st.lists(st.tuples(any_text, any_text, urlish), min_size=1, max_size=5))
def test_any_offer_can_be_hashed_deduplicated_and_its_url_parsed(fields):
    offers = [Offer(title=t, description=d, url=u, source="paste") for t, d, u in fields]
    for offer in offers:
        text_hash(offer.full_text())
        if offer.url:
            urlsplit(offer.url).port  # noqa: B018
    dedupe(offers)

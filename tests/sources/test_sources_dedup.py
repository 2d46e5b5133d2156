"""Duplicate offers: exact keys, near-identical text, merging, batch dedupe."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobapp.domain import Offer
from jobapp.sources.dedup import dedup_keys, dedupe, merge, near_duplicate, normalise_text, normalise_url
from jobapp.textfold import fold

DESC = (
    "Nous recherchons un développeur Python pour construire nos API de paiement. Vous travaillerez "
    "avec Django, PostgreSQL et Docker au sein d'une équipe de six personnes, en méthode agile."
)


def test_normalise_url_drops_tracking_and_fragments():
    a = normalise_url("https://www.Example.com/jobs/42/?utm_source=news&utm_medium=mail&ref=abc#apply")
    b = normalise_url("http://example.com/jobs/42")
    assert a == b == "https://example.com/jobs/42"
    assert (
        normalise_url("https://fr.indeed.com/viewjob?jk=9&from=serp&vjk=1")
        == "https://fr.indeed.com/viewjob?jk=9&vjk=1"
    )
    assert (
        normalise_url("https://www.linkedin.com/jobs/view/123/?refId=x&trackingId=y")
        == "https://linkedin.com/jobs/view/123"
    )
    assert normalise_url("") == normalise_url("mailto:a@b.c") == ""


def test_keys_url_board_id_and_text_hash():
    offer = Offer(
        title="Dev Python",
        company="Acme",
        description=DESC,
        url="https://ex.com/o/1?utm_campaign=x",
        source="hellowork",
        source_id="hw-1",
    )
    keys = dedup_keys(offer)
    assert "url:https://ex.com/o/1" in keys and "id:hellowork:hw-1" in keys
    assert len([k for k in keys if k.startswith("text:")]) == 1
    same_text = Offer(title="DEV  python", company="ACME", description=DESC.upper())
    assert dedup_keys(offer) & dedup_keys(same_text)
    assert not dedup_keys(Offer()), "an empty offer has no identity"


def test_near_duplicate():
    a = Offer(title="Développeur Python H/F", company="Acme", description=DESC)
    b = Offer(title="Developpeur Python H/F", company="ACME", description=DESC.replace("six", "sept"))
    assert near_duplicate(a, b)
    other_job = Offer(
        title="Développeur Python H/F", company="Acme", description="Maintenir notre ERP en Java et COBOL."
    )
    assert not near_duplicate(a, other_job)
    other_company = Offer(title="Développeur Python H/F", company="Zeta Bank", description=DESC)
    assert not near_duplicate(a, other_company)
    # Without descriptions the place decides: two stores hiring the same title are two jobs.
    lyon = Offer(title="Vendeur", company="Decathlon", location="Lyon")
    assert near_duplicate(lyon, lyon.model_copy())
    assert not near_duplicate(lyon, lyon.model_copy(update={"location": "Lille"}))


def test_merge_keeps_the_richer_values_and_the_existing_identity():
    card = Offer(
        id=7,
        title="Data Analyst",
        company="Acme",
        location="Lyon",
        url="https://hw.fr/1",
        source="hellowork",
        source_id="hw-1",
        description="Analyse",
        found_at="2026-11-01",
    )
    page = Offer(
        title="Data Analyst",
        company="Acme",
        salary="40 000 EUR / year",
        url="https://other/1",
        description="Analyse de données, SQL, Power BI",
        source="url",
        found_at="2026-11-05",
    )
    merged = merge(card, page)
    assert merged.id == 7 and merged.source == "hellowork" and merged.source_id == "hw-1"
    assert merged.url == "https://hw.fr/1" and merged.found_at == "2026-11-01"
    assert merged.salary == "40 000 EUR / year" and merged.description == "Analyse de données, SQL, Power BI"
    assert merged.location == "Lyon"


def test_dedupe_across_sources_in_order():
    a = Offer(
        title="Dev Python",
        company="Acme",
        description=DESC,
        source="hellowork",
        source_id="1",
        url="https://hw.fr/1",
    )
    a_again = Offer(
        title="Dev Python",
        company="Acme",
        description=DESC,
        url="https://www.hw.fr/1?utm_source=x",
        salary="45 k€",
        source="file",
    )
    b = Offer(title="Comptable", company="Cabinet", description="Tenue de la comptabilité générale.")
    a_reworded = Offer(
        title="Dev Python", company="Acme", description=DESC + " Télétravail.", source="indeed", source_id="9"
    )
    out = dedupe([a, b, a_again, a_reworded])
    assert [o.title for o in out] == ["Dev Python", "Comptable"]
    assert out[0].salary == "45 k€" and out[0].source == "hellowork"
    assert out[0].description.endswith("Télétravail.")


@given(st.text(max_size=80))
def test_normalised_text_is_the_folded_words(text: str) -> None:
    """The text key of every stored offer hashes this form: a faster way to compute it must not change it."""
    assert normalise_text(text) == " ".join(re.findall(r"[a-z0-9]+", fold(text)))


_URL_PART = st.text(alphabet="aZ09.-_~/:@%?#=&+ \t", max_size=12)


@given(st.sampled_from(["http://", "https://", "HTTP://", ""]), _URL_PART, _URL_PART)
def test_plain_urls_normalise_as_urllib_would(scheme: str, host: str, path: str) -> None:
    """normalise_url skips urllib for plain scheme://host/path URLs: the answer must be the same."""
    from jobapp.sources.dedup import _parsed_url

    url = f"{scheme}{host}/{path}".strip()
    try:
        expected = _parsed_url(url) if url else ""
    except ValueError:  # a bad port: Offer drops such URLs before dedup sees them
        with pytest.raises(ValueError):
            normalise_url(url)
        return
    assert normalise_url(url) == expected

"""One offer from its web address, or the board search a search-page address stands for.

Reading: schema.org JobPosting JSON-LD when the page has it, else the main text (trafilatura) with
the header fields guessed. Fetching (SSRF guard on every hop, DNS pinning, size/time limits, rate
limit, honest user agent) lives in :mod:`jobapp.sources.fetch`.
"""

from __future__ import annotations

import re
import ssl
from urllib.parse import parse_qs, urlsplit

from jobapp.domain import Offer
from jobapp.errors import BlockedUrl, InvalidInput, SourceError
from jobapp.sources.fetch import DEFAULT_TIMEOUT, MAX_BYTES, USER_AGENT, fetch_page
from jobapp.sources.jsonld import find_job_postings, posting_fields
from jobapp.sources.netguard import UrlGuard
from jobapp.sources.paste import guess_fields
from jobapp.sources.ratelimit import HostRateLimiter
from jobapp.sources.results import SearchRequest
from jobapp.sources.text import html_to_text, normalise_contract, tidy_text

__all__ = ["USER_AGENT", "fetch_offer", "offer_from_html", "resolve_url", "search_request_from_url"]


def offer_from_html(html: str, url: str = "") -> Offer:
    """The offer of a fetched page: JSON-LD JobPosting first, main text + guessed fields otherwise."""
    postings = find_job_postings(html)
    if postings:
        fields = posting_fields(postings[0], url)
        if not fields["description"]:
            fields["description"] = _main_text(html, url)
        if not fields["title"]:
            fields["title"] = _page_title(html)
        return Offer.model_validate({**fields, "source": "url", "url": url or fields["url"]})
    text = _main_text(html, url)
    if not text:
        raise SourceError(
            f"No offer text found on {url or 'the page'} (the site may need JavaScript).",
            hint="Open the page in your browser and paste the offer's text instead.",
        )
    fields = guess_fields(text)
    fields["title"] = _page_title(html) or fields.get("title", "")
    if fields.get("contract"):
        fields["contract"] = normalise_contract(fields["contract"])
    fields.pop("url", None)
    return Offer.model_validate({**fields, "source": "url", "url": url, "description": text})


def _main_text(html: str, url: str) -> str:
    import trafilatura

    text = trafilatura.extract(
        html,
        url=url or None,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=True,
    )
    if not text:
        body = re.search(r"<body[^>]*>(.*)</body>", html, re.S | re.I)
        text = html_to_text(body.group(1)) if body else ""
    return tidy_text(text or "")


def _page_title(html: str) -> str:
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta is not None else "") or ""
    return re.split(r"\s+[|–—]\s+", title.strip())[0] if title else ""


def fetch_offer(
    url: str,
    *,
    guard: UrlGuard | None = None,
    limiter: HostRateLimiter | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    verify: ssl.SSLContext | bool = True,
) -> Offer:
    """The offer at ``url`` (see the module docstring for the safety and politeness rules)."""
    if not url or not url.strip():
        raise InvalidInput("No URL given.", hint="Give the offer's web address (https://...).")
    final_url, html = fetch_page(
        url, guard=guard, limiter=limiter, timeout=timeout, max_bytes=max_bytes, verify=verify
    )
    return offer_from_html(html, final_url)


_HW_CONTRACTS = {
    "cdi": "cdi",
    "cdd": "cdd",
    "stage": "stage",
    "alternance": "alternance",
    "travail_temp": "intérim",
    "interim": "intérim",
    "independant": "freelance",
    "freelance": "freelance",
}
_HW_AGE_DAYS = {"h": 1, "d": 3, "w": 7, "m": 30}


def search_request_from_url(url: str) -> SearchRequest | None:
    """The board search a HelloWork or Indeed search-page URL stands for, or None for other URLs."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    params = {k: v for k, v in parse_qs(parts.query).items() if v}
    if (host == "hellowork.com" or host.endswith(".hellowork.com")) and parts.path.endswith(
        "/emploi/recherche.html"
    ):
        board, query, place, radius = "hellowork", params.get("k"), params.get("l"), params.get("ray")
        contracts = [_HW_CONTRACTS.get(c.lower()) for c in params.get("c", [])]
        contract = next((c for c in contracts if c), None)
        age = _HW_AGE_DAYS.get(params.get("d", [""])[0])
    elif (host.endswith(".indeed.com") or host.startswith(("indeed.", "www.indeed."))) and parts.path.rstrip(
        "/"
    ) == "/jobs":
        board, query, place, radius = "indeed", params.get("q"), params.get("l"), params.get("radius")
        contract, age = None, None
        fromage = params.get("fromage", [""])[0]
        age = int(fromage) if fromage.isdigit() else None
    else:
        return None
    if not query or not query[0].strip():
        raise InvalidInput(
            f"The {board} search address has no keywords: {url}.",
            hint="Type keywords in the board's search box, then copy the address.",
        )
    return SearchRequest(
        query=query[0].strip(),
        boards=[board],
        location=place[0].strip() if place else None,
        radius_km=int(radius[0]) if radius and radius[0].isdigit() else None,
        contract=contract,
        max_age_days=age,
    )


def resolve_url(url: str, **fetch_options: object) -> Offer | SearchRequest:
    """A board search URL -> SearchRequest (run it with search_boards); any other URL -> its Offer."""
    try:
        request = search_request_from_url(url)
    except ValueError:
        raise BlockedUrl(f"{url!r} is not a valid URL.", hint="Give a full http(s):// address.") from None
    if request is not None:
        return request
    return fetch_offer(url, **fetch_options)  # type: ignore[arg-type]

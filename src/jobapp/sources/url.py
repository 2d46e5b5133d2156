"""One offer from its web address, fetched politely and safely.

Safety: every hop (the URL and each redirect, at most 5) goes through the SSRF guard, and the
connection is made to the address the guard checked (the Host header and TLS SNI keep the name), so a
DNS answer that changes between check and connect cannot reach a private address. Pages are
streamed and cut at 5 MB. Politeness: an honest user agent and one request per second per host.

Reading: schema.org JobPosting JSON-LD when the page has it, else the main text (trafilatura) with
the header fields guessed. A board's *search* URL becomes a :class:`SearchRequest` instead.
"""

from __future__ import annotations

import ipaddress
import re
import time
from urllib.parse import parse_qs, urlsplit

import httpx

from jobapp.domain import Offer
from jobapp.errors import BlockedUrl, InvalidInput, SourceError
from jobapp.sources.jsonld import find_job_postings, posting_fields
from jobapp.sources.netguard import UrlGuard
from jobapp.sources.paste import guess_fields
from jobapp.sources.ratelimit import HostRateLimiter, default_limiter
from jobapp.sources.results import SearchRequest
from jobapp.sources.text import html_to_text, normalise_contract, tidy_text

USER_AGENT = "JobAppAssistant/0.1 (+local job search assistant)"
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 15.0
_HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "application/ld+json", "application/json")


def _blocked_hint(status: int) -> str:
    return (
        f"The site answered HTTP {status}: it refuses automated requests or asks us to slow down. "
        "Wait a few minutes and retry, or open the page in your browser and paste the offer's text instead."
    )


def _decode(body: bytes, response: httpx.Response) -> str:
    charset = response.charset_encoding
    if not charset:
        match = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", body[:4096], re.I)
        charset = match.group(1).decode() if match else None
    for encoding in (charset, "utf-8", "cp1252"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("utf-8", errors="replace")


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _read_limited(response: httpx.Response, max_bytes: int, deadline: float, url: str) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise SourceError(f"The page {url} is too large ({int(length):,} bytes; limit {max_bytes:,}).",
                          hint="Paste the offer's text instead.")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise SourceError(f"The page {url} is larger than {max_bytes:,} bytes; download stopped.",
                              hint="Paste the offer's text instead.")
        if time.monotonic() > deadline:
            raise SourceError(f"The page {url} is downloading too slowly; stopped.", hint="Retry later.")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_page(
    url: str,
    *,
    guard: UrlGuard | None = None,
    limiter: HostRateLimiter | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> tuple[str, str]:
    """(final URL, decoded HTML) of a page; BlockedUrl / SourceError with a message otherwise."""
    guard = guard or UrlGuard()
    limiter = limiter or default_limiter
    deadline = time.monotonic() + max(timeout * 2, timeout + 5)
    current = httpx.URL(url.strip())
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
               "Accept-Language": "fr,en;q=0.8"}
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False) as client:
        for _hop in range(max_redirects + 1):
            addresses = guard.check(current)
            limiter.wait(current.host)
            target, extensions, hop_headers = current, {}, dict(headers)
            if not _is_ip_literal(current.host):  # connect to the checked address (DNS pinning), keep the name for Host and TLS
                target = current.copy_with(host=str(addresses[0]))
                hop_headers["Host"] = current.netloc.decode("ascii")
                if current.scheme == "https":
                    extensions["sni_hostname"] = current.host
            try:
                request = client.build_request("GET", target, headers=hop_headers, extensions=extensions)
                response = client.send(request, stream=True)
            except httpx.TimeoutException:
                raise SourceError(f"{current.host} did not answer within {timeout:g} s.", hint="Retry later.") from None
            except httpx.HTTPError as exc:
                raise SourceError(f"Could not fetch {current}: {exc}.", hint="Check the address and your connection.") from None
            try:
                if response.is_redirect and response.headers.get("location"):
                    current = current.join(response.headers["location"])
                    continue
                status = response.status_code
                if status in (403, 429, 503):
                    raise SourceError(f"{current.host} refused the request (HTTP {status}).", hint=_blocked_hint(status))
                if status in (404, 410):
                    raise SourceError(f"The page {current} does not exist (HTTP {status}).",
                                      hint="The offer may have been removed; check the address.")
                if status >= 400:
                    raise SourceError(f"{current.host} answered HTTP {status} for {current}.", hint="Retry later.")
                kind = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
                if kind and not kind.startswith(_HTML_TYPES):
                    raise SourceError(f"{current} is not a web page (content type {kind}).",
                                      hint="Give the address of the offer's page, or paste its text.")
                try:
                    body = _read_limited(response, max_bytes, deadline, str(current))
                except httpx.TimeoutException:
                    raise SourceError(f"{current.host} stopped answering while sending the page.", hint="Retry later.") from None
                return str(current), _decode(body, response)
            finally:
                response.close()
    raise SourceError(f"Too many redirects (more than {max_redirects}) starting from {url}.",
                      hint="Open the address in a browser to find the offer's final page.")


def offer_from_html(html: str, url: str = "") -> Offer:
    """The offer of a fetched page: JSON-LD JobPosting first, main text + guessed fields otherwise."""
    postings = find_job_postings(html)
    if postings:
        fields = posting_fields(postings[0], url)
        if not fields["description"]:
            fields["description"] = _main_text(html, url)
        if not fields["title"]:
            fields["title"] = _page_title(html)
        return Offer(source="url", **{**fields, "url": url or fields["url"]})
    text = _main_text(html, url)
    if not text:
        raise SourceError(f"No offer text found on {url or 'the page'} (the site may need JavaScript).",
                          hint="Open the page in your browser and paste the offer's text instead.")
    fields = guess_fields(text)
    fields["title"] = _page_title(html) or fields.get("title", "")
    if fields.get("contract"):
        fields["contract"] = normalise_contract(fields["contract"])
    fields.pop("url", None)
    return Offer(source="url", url=url, description=text, **fields)


def _main_text(html: str, url: str) -> str:
    import trafilatura

    text = trafilatura.extract(html, url=url or None, include_comments=False, include_tables=True,
                               favor_recall=True, deduplicate=True)
    if not text:
        body = re.search(r"<body[^>]*>(.*)</body>", html, re.S | re.I)
        text = html_to_text(body.group(1)) if body else ""
    return tidy_text(text or "")


def _page_title(html: str) -> str:
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta is not None else "") or ""
    return re.split(r"\s+[|–—]\s+", title.strip())[0] if title else ""


def fetch_offer(url: str, *, guard: UrlGuard | None = None, limiter: HostRateLimiter | None = None,
                timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_BYTES) -> Offer:
    """The offer at ``url`` (see the module docstring for the safety and politeness rules)."""
    if not url or not url.strip():
        raise InvalidInput("No URL given.", hint="Give the offer's web address (https://...).")
    final_url, html = fetch_page(url, guard=guard, limiter=limiter, timeout=timeout, max_bytes=max_bytes)
    return offer_from_html(html, final_url)


_HW_CONTRACTS = {"cdi": "cdi", "cdd": "cdd", "stage": "stage", "alternance": "alternance",
                 "travail_temp": "intérim", "interim": "intérim", "independant": "freelance", "freelance": "freelance"}
_HW_AGE_DAYS = {"h": 1, "d": 3, "w": 7, "m": 30}


def search_request_from_url(url: str) -> SearchRequest | None:
    """The board search a HelloWork or Indeed search-page URL stands for, or None for other URLs."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    params = {k: v for k, v in parse_qs(parts.query).items() if v}
    if (host == "hellowork.com" or host.endswith(".hellowork.com")) and parts.path.endswith("/emploi/recherche.html"):
        board, query, place, radius = "hellowork", params.get("k"), params.get("l"), params.get("ray")
        contracts = [_HW_CONTRACTS.get(c.lower()) for c in params.get("c", [])]
        contract = next((c for c in contracts if c), None)
        age = _HW_AGE_DAYS.get(params.get("d", [""])[0])
    elif (host.endswith(".indeed.com") or host.startswith(("indeed.", "www.indeed."))) and parts.path.rstrip("/") == "/jobs":
        board, query, place, radius = "indeed", params.get("q"), params.get("l"), params.get("radius")
        contract, age = None, None
        fromage = params.get("fromage", [""])[0]
        age = int(fromage) if fromage.isdigit() else None
    else:
        return None
    if not query or not query[0].strip():
        raise InvalidInput(f"The {board} search address has no keywords: {url}.",
                           hint="Type keywords in the board's search box, then copy the address.")
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

"""Fetch one web page safely and politely: the HTTP half of :mod:`jobapp.sources.url`.

Safety: every hop (the URL and each redirect, at most 5) goes through the SSRF guard, and the
connection is made to an address the guard checked, with the host name kept in the Host header and
in TLS (SNI and certificate check), so a DNS answer that changes between check and connect
(DNS rebinding) cannot reach a private address. Pages are streamed and cut at 5 MB, with a
connect/read timeout and an overall deadline. Politeness: an honest user agent and a minimum interval
between requests to the same host. Environment proxies are ignored (a proxy would resolve names
itself and defeat the pinning).
"""

from __future__ import annotations

import ipaddress
import re
import ssl
import time
from typing import Any

import httpx

from jobapp.errors import BlockedUrl, SourceError
from jobapp.sources.netguard import UrlGuard
from jobapp.sources.ratelimit import HostRateLimiter, default_limiter

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
        raise SourceError(
            f"The page {url} is too large ({int(length):,} bytes; limit {max_bytes:,}).",
            hint="Paste the offer's text instead.",
        )
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise SourceError(
                f"The page {url} is larger than {max_bytes:,} bytes; download stopped.",
                hint="Paste the offer's text instead.",
            )
        if time.monotonic() > deadline:
            raise SourceError(f"The page {url} is downloading too slowly; stopped.", hint="Retry later.")
        chunks.append(chunk)
    return b"".join(chunks)


def _send_pinned(
    client: httpx.Client, url: httpx.URL, addresses: list[Any], headers: dict[str, str], timeout: float
) -> httpx.Response:
    """Send the request to one of the addresses the guard checked (IPv4 first, at most two tried),
    keeping the host name in the Host header and in TLS (SNI + certificate check): DNS pinning."""
    candidates: list[tuple[httpx.URL, dict[str, str], dict[str, Any]]] = []
    if _is_ip_literal(url.host):
        candidates.append((url, dict(headers), {}))
    else:
        for address in sorted(addresses, key=lambda a: a.version)[:2]:
            extensions: dict[str, Any] = {"sni_hostname": url.host} if url.scheme == "https" else {}
            hop_headers = {**headers, "Host": url.netloc.decode("ascii")}
            candidates.append((url.copy_with(host=str(address)), hop_headers, extensions))
    error: Exception | None = None
    for target, hop_headers, extensions in candidates:
        try:
            request = client.build_request("GET", target, headers=hop_headers, extensions=extensions)
            return client.send(request, stream=True)
        except httpx.TimeoutException:
            raise SourceError(
                f"{url.host} did not answer within {timeout:g} s.", hint="Retry later."
            ) from None
        except httpx.ConnectError as exc:
            error = exc
        except httpx.HTTPError as exc:
            error = exc
            break
    raise SourceError(f"Could not fetch {url}: {error}.", hint="Check the address and your connection.")


def fetch_page(
    url: str,
    *,
    guard: UrlGuard | None = None,
    limiter: HostRateLimiter | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    verify: ssl.SSLContext | bool = True,
) -> tuple[str, str]:
    """(final URL, decoded HTML) of a page; BlockedUrl / SourceError with a message otherwise.

    ``verify`` is httpx's: True (certifi's CAs) or an SSLContext (e.g. a company CA)."""
    guard = guard or UrlGuard()
    limiter = limiter or default_limiter
    deadline = time.monotonic() + max(timeout * 2, timeout + 5)
    try:
        current = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise BlockedUrl(
            f"{url!r} is not a valid URL ({exc}).", hint="Give a full http(s):// address."
        ) from None
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        "Accept-Language": "fr,en;q=0.8",
    }
    client = httpx.Client(
        timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False, verify=verify
    )
    with client:
        for _hop in range(max_redirects + 1):
            addresses = guard.check(current)
            limiter.wait(current.host)
            response = _send_pinned(client, current, addresses, headers, timeout)
            try:
                if response.is_redirect and response.headers.get("location"):
                    current = current.join(response.headers["location"])
                    continue
                status = response.status_code
                if status in (403, 429, 503):
                    raise SourceError(
                        f"{current.host} refused the request (HTTP {status}).", hint=_blocked_hint(status)
                    )
                if status in (404, 410):
                    raise SourceError(
                        f"The page {current} does not exist (HTTP {status}).",
                        hint="The offer may have been removed; check the address.",
                    )
                if status >= 400:
                    raise SourceError(
                        f"{current.host} answered HTTP {status} for {current}.", hint="Retry later."
                    )
                kind = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
                if kind and not kind.startswith(_HTML_TYPES):
                    raise SourceError(
                        f"{current} is not a web page (content type {kind}).",
                        hint="Give the address of the offer's page, or paste its text.",
                    )
                try:
                    body = _read_limited(response, max_bytes, deadline, str(current))
                except httpx.TimeoutException:
                    raise SourceError(
                        f"{current.host} stopped answering while sending the page.", hint="Retry later."
                    ) from None
                return str(current), _decode(body, response)
            finally:
                response.close()
    raise SourceError(
        f"Too many redirects (more than {max_redirects}) starting from {url}.",
        hint="Open the address in a browser to find the offer's final page.",
    )

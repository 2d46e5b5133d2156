"""Step 1: collecting offers — job boards (JobSpy), one URL, pasted text, a CSV/JSON file.

Every way in returns :class:`jobapp.domain.Offer` records and never touches the database: the store
and the CLI/web layers decide what to keep. Heavy or slow imports (JobSpy, trafilatura) happen inside
the functions that need them. Names are imported on
first use: a step that needs only the dedup rules does not import the HTTP client.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jobapp.sources.boards import BOARDS, MAX_PER_BOARD, search_boards
    from jobapp.sources.dedup import dedup_keys, dedupe, merge, near_duplicate, normalise_url
    from jobapp.sources.files import read_offers_file
    from jobapp.sources.netguard import UrlGuard, check_url
    from jobapp.sources.paste import offer_from_text
    from jobapp.sources.ratelimit import HostRateLimiter
    from jobapp.sources.results import ImportResult, SearchRequest, SearchResult
    from jobapp.sources.url import fetch_offer, offer_from_html, resolve_url, search_request_from_url

#: Where each public name lives: imported on first use (PEP 562), so importing one submodule does
#: not import them all.
_HOMES = {
    "BOARDS": "jobapp.sources.boards",
    "HostRateLimiter": "jobapp.sources.ratelimit",
    "ImportResult": "jobapp.sources.results",
    "MAX_PER_BOARD": "jobapp.sources.boards",
    "SearchRequest": "jobapp.sources.results",
    "SearchResult": "jobapp.sources.results",
    "UrlGuard": "jobapp.sources.netguard",
    "check_url": "jobapp.sources.netguard",
    "dedup_keys": "jobapp.sources.dedup",
    "dedupe": "jobapp.sources.dedup",
    "fetch_offer": "jobapp.sources.url",
    "merge": "jobapp.sources.dedup",
    "near_duplicate": "jobapp.sources.dedup",
    "normalise_url": "jobapp.sources.dedup",
    "offer_from_html": "jobapp.sources.url",
    "offer_from_text": "jobapp.sources.paste",
    "read_offers_file": "jobapp.sources.files",
    "resolve_url": "jobapp.sources.url",
    "search_boards": "jobapp.sources.boards",
    "search_request_from_url": "jobapp.sources.url",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BOARDS",
    "MAX_PER_BOARD",
    "HostRateLimiter",
    "ImportResult",
    "SearchRequest",
    "SearchResult",
    "UrlGuard",
    "check_url",
    "dedup_keys",
    "dedupe",
    "fetch_offer",
    "merge",
    "near_duplicate",
    "normalise_url",
    "offer_from_html",
    "offer_from_text",
    "read_offers_file",
    "resolve_url",
    "search_boards",
    "search_request_from_url",
]

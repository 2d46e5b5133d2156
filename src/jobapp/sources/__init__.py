"""Step 1: collecting offers — job boards (JobSpy), one URL, pasted text, a CSV/JSON file.

Every way in returns :class:`jobapp.domain.Offer` records and never touches the database: the store
and the CLI/web layers decide what to keep. Heavy or slow imports (JobSpy, trafilatura) happen inside
the functions that need them.
"""

from jobapp.sources.boards import BOARDS, MAX_PER_BOARD, search_boards
from jobapp.sources.dedup import dedup_keys, dedupe, merge, near_duplicate, normalise_url
from jobapp.sources.files import read_offers_file
from jobapp.sources.netguard import UrlGuard, check_url
from jobapp.sources.paste import offer_from_text
from jobapp.sources.ratelimit import HostRateLimiter
from jobapp.sources.results import ImportResult, SearchRequest, SearchResult
from jobapp.sources.url import fetch_offer, offer_from_html, resolve_url, search_request_from_url

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

"""Job-board failures told the way a person understands them.

JobSpy hands back a board's failure as an exception or as its text ("Failed to perform, curl: (6)
Could not resolve host ... See https://curl.se/libcurl/..."). :func:`classify` sorts it into what a
user can act on — no network, the board too slow, refusing, a broken secure connection, the board
blocking automated searches, a search the board does not understand, the board's own server error,
anything else — and :func:`describe` says it in one sentence: what failed and what to try.

The sentence is a :class:`jobapp.messages.Message`: English text for the CLI and the log file, with
its key and parameters, so the web page shows the run's log in the page's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobapp.messages import Message, msg

#: The kinds of failure; each has its sentence ``board_error.<kind>`` in :mod:`jobapp.messages`.
KINDS: tuple[str, ...] = ("offline", "timeout", "refused", "tls", "blocked", "query", "server", "other")

#: How the boards are written for people.
DISPLAY_NAMES = {
    "hellowork": "HelloWork", "indeed": "Indeed", "linkedin": "LinkedIn", "glassdoor": "Glassdoor",
    "google": "Google Jobs", "ziprecruiter": "ZipRecruiter", "bayt": "Bayt", "naukri": "Naukri",
    "bdjobs": "BDJobs",
}  # fmt: skip

# libcurl's error numbers (curl_cffi's CurlError.code, or "curl: (N)" in its text).
_CURL_KINDS = {5: "offline", 6: "offline", 7: "refused", 28: "timeout", 52: "refused", 55: "refused",
               56: "refused"}  # fmt: skip
_CURL_TLS = {35, 51, 53, 54, 58, 59, 60, 66, 77, 80, 82, 83, 90, 91, 98, 101}
_TEXT_KINDS = (  # checked in order on the lowered text when no code says more
    ("offline", ("resolve host", "name resolution", "name or service not known", "nodename nor servname",
                 "getaddrinfo", "network is unreachable", "no route to host")),
    ("timeout", ("timed out", "timeout")),
    ("tls", ("ssl", "certificate", "tls")),
    ("refused", ("connection refused", "failed to connect", "connection reset", "connection aborted",
                 "remote end closed")),
)  # fmt: skip
_BLOCKED = {401, 403, 407, 429, 451}
_QUERY = {400, 404, 410, 422}
_CURL_CODE = re.compile(r"curl: \((\d+)\)")
_STATUS = re.compile(r"(?:status(?: code)?|HTTP(?: error)?)[ :]*([1-5]\d\d)\b", re.IGNORECASE)


@dataclass(frozen=True)
class BoardFailure:
    """What went wrong on a board: ``kind`` is one of :data:`KINDS`."""

    kind: str
    status: int | None = None
    detail: str = ""


def classify(error: BaseException | str) -> BoardFailure:
    """Sort an exception (curl_cffi, httpx, requests, JobSpy's ValueError) or its text into a kind."""
    text = str(error)
    status = _status_of(error)
    code = getattr(error, "code", None) if isinstance(error, BaseException) else None
    if not isinstance(code, int):
        found = _CURL_CODE.search(text)
        code = int(found.group(1)) if found else None
    kind = _kind_of(error, code, status, text.lower())
    return BoardFailure(kind, status, _short_detail(error) if kind == "other" else "")


def describe(board: str, failure: BoardFailure) -> Message:
    """The one sentence a person reads for ``failure`` on ``board`` (English text, any language)."""
    name = DISPLAY_NAMES.get(board, board)
    return msg(f"board_error.{failure.kind}", board=name, status=failure.status, detail=failure.detail)


def explain(board: str, error: BaseException | str) -> Message:
    """:func:`classify` then :func:`describe`."""
    return describe(board, classify(error))


def _status_of(error: BaseException | str) -> int | None:
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    if isinstance(status, int) and status >= 400:
        return status
    found = _STATUS.search(str(error))
    return int(found.group(1)) if found else None


def _kind_of(error: BaseException | str, code: int | None, status: int | None, lowered: str) -> str:
    if status is not None and status >= 400:
        if status in _BLOCKED:
            return "blocked"
        if status in _QUERY:
            return "query"
        if status >= 500:
            return "server"
    if code in _CURL_KINDS:
        return _CURL_KINDS[code]
    if code in _CURL_TLS:
        return "tls"
    if isinstance(error, TimeoutError):
        return "timeout"
    for kind, needles in _TEXT_KINDS:
        if any(n in lowered for n in needles):
            return kind
    if isinstance(error, ConnectionRefusedError):
        return "refused"
    return "other"


def _short_detail(error: BaseException | str) -> str:
    """The failure's own words, without libcurl's pointer to its docs, short enough for one line."""
    text = str(error).split(" See https://", 1)[0].removeprefix("Failed to perform, ").strip(" .")
    if isinstance(error, BaseException) and not text:
        text = type(error).__name__
    return text[:120] or "no details"

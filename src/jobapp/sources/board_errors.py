"""Job-board failures told the way a person understands them.

JobSpy hands back a board's failure as an exception or as its text ("Failed to perform, curl: (6)
Could not resolve host ... See https://curl.se/libcurl/..."). :func:`classify` sorts it into what a
user can act on — no network, the board too slow, refusing, a broken secure connection, the board
blocking automated searches, a search the board does not understand, the board's own server error,
anything else — and :func:`describe` says it in one sentence: what failed and what to try.

The sentences are logged in English (the CLI shows them as they are); the web page shows the run's
log in the page's language through :func:`localise`, which recognises an English sentence and fills
the same ``board_error.<kind>`` template of ``jobapp/web/translations/<lang>.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

#: One sentence per kind of failure; the web translations carry the same keys and placeholders.
MESSAGES: dict[str, str] = {
    "offline": "{board} could not be reached: this computer seems to be offline (the site's address "
    "could not be looked up); check the internet connection, then search again.",
    "timeout": "{board} did not answer in time: the site or the connection is slow; search again in a "
    "few minutes, or ask for fewer offers.",
    "refused": "{board} refused or dropped the connection: the site may be down, or a proxy or firewall "
    "blocks it; try again later, or try another board.",
    "tls": "The secure connection to {board} failed: a proxy, an antivirus or a wrong computer clock may "
    "be in the way; check them, then search again.",
    "blocked": "{board} blocks automated searches for now (HTTP {status}): wait 10 to 30 minutes, ask "
    "for fewer offers, or try another board.",
    "query": "{board} did not accept this search (HTTP {status}): check the keywords and the place, or "
    "broaden them.",
    "server": "{board} had a server error (HTTP {status}): try again later, or try another board.",
    "other": "The {board} search failed ({detail}): the site may have changed its pages; updating "
    "JobSpy (pip install -U python-jobspy) may fix it, meanwhile try another board or paste offer URLs.",
}

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
    """What went wrong on a board: ``kind`` is a key of :data:`MESSAGES`."""

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


def describe(board: str, failure: BoardFailure) -> str:
    """The one sentence a person reads for ``failure`` on ``board``."""
    name = DISPLAY_NAMES.get(board, board)
    return MESSAGES[failure.kind].format(board=name, status=failure.status, detail=failure.detail)


def explain(board: str, error: BaseException | str) -> str:
    """:func:`classify` then :func:`describe`."""
    return describe(board, classify(error))


def localise(message: str, templates: dict[str, str]) -> str:
    """``message`` in the language of ``templates`` when it is one of our board sentences (possibly
    after a "board: " prefix), else unchanged."""
    for kind, pattern in _patterns().items():
        found = pattern.fullmatch(message)
        target = templates.get(f"board_error.{kind}")
        if found and target:
            values = found.groupdict()
            return values.pop("prefix") + target.format(**values)
    return message


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Each English sentence as a regex capturing its placeholders."""
    groups = {"board": r"(?P<board>.+?)", "status": r"(?P<status>\d{3})", "detail": r"(?P<detail>.*)"}
    out = {}
    for kind, template in MESSAGES.items():
        parts = re.split(r"\{(\w+)\}", template)
        body = "".join(groups[p] if i % 2 else re.escape(p) for i, p in enumerate(parts))
        out[kind] = re.compile(rf"(?P<prefix>(?:\w+: )?){body}", re.DOTALL)
    return out


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

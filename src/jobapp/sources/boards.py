"""Job-board searches through JobSpy (HelloWork, Indeed, LinkedIn, Glassdoor, Google...).

Each board runs in its own thread with JobSpy's own scraper, so one slow or blocked board never
hides the others' offers. A failure becomes a message for that board saying what happened and what
the user can do; a board that answers with nothing says "no offers found" — never a silent empty
list. JobSpy is imported lazily (it pulls pandas), and asked for HTML descriptions, which we turn into
clean text that keeps the offer's sections.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from concurrent.futures import TimeoutError as FuturesTimeout
from datetime import UTC, datetime
from typing import Any

from jobapp.domain import Offer
from jobapp.errors import InvalidInput
from jobapp.sources import board_errors
from jobapp.sources.dedup import dedupe
from jobapp.sources.results import SearchResult
from jobapp.sources.text import html_to_text, normalise_contract, salary_text

#: Our board names -> JobSpy site names.
BOARDS: dict[str, str] = {
    "hellowork": "hellowork",
    "indeed": "indeed",
    "linkedin": "linkedin",
    "glassdoor": "glassdoor",
    "google": "google",
    "ziprecruiter": "zip_recruiter",
    "bayt": "bayt",
    "naukri": "naukri",
    "bdjobs": "bdjobs",
}
_ALIASES = {"zip_recruiter": "ziprecruiter", "zip-recruiter": "ziprecruiter", "google_jobs": "google"}
#: Most offers asked from one board in one search (politeness, and boards block big scrapes).
MAX_PER_BOARD = 100
#: Seconds a whole board search may take before we stop waiting for it.
BOARD_TIMEOUT = 300.0
KM_PER_MILE = 1.609344
_JOBSPY_LOG = logging.getLogger("jobspy")

_CONTRACT_TO_JOB_TYPE = {
    "cdi": "FULL_TIME", "temps plein": "FULL_TIME", "cdd": "TEMPORARY", "intérim": "TEMPORARY",
    "stage": "INTERNSHIP", "alternance": "INTERNSHIP", "freelance": "CONTRACT", "temps partiel": "PART_TIME",
}  # fmt: skip
# Labels an offer may carry and still match a requested contract (JobSpy merges stage/alternance, cdd/intérim).
_COMPATIBLE = {
    "cdi": {"cdi"}, "temps plein": {"temps plein", "cdi"}, "cdd": {"cdd"}, "intérim": {"cdd", "intérim"},
    "stage": {"stage", "alternance"}, "alternance": {"stage", "alternance"}, "freelance": {"freelance"},
    "temps partiel": {"temps partiel"},
}  # fmt: skip
_KIND_LABELS = {"TEMPORARY": "cdd", "INTERNSHIP": "stage", "CONTRACT": "freelance", "PER_DIEM": "vacation",
                "VOLUNTEER": "bénévolat"}  # fmt: skip
_TIME_LABELS = {"FULL_TIME": "temps plein", "PART_TIME": "temps partiel"}


def board_name(name: str) -> str:
    """Our canonical name of a board, or InvalidInput listing the valid ones."""
    key = (name or "").strip().lower()
    key = _ALIASES.get(key, key)
    if key not in BOARDS:
        raise InvalidInput(f"Unknown job board {name!r}.", hint=f"Valid boards: {', '.join(BOARDS)}.")
    return key


def contract_from_job_types(job_types: list[Any] | None, board: str) -> str:
    """Our contract label from JobSpy's job types. HelloWork tags a CDI card only with its working
    time ("temps plein"), so on HelloWork an offer with a working time and no other kind is a CDI."""
    names = [getattr(t, "name", str(t)) for t in job_types or []]
    kinds = [_KIND_LABELS[n] for n in names if n in _KIND_LABELS]
    times = [_TIME_LABELS[n] for n in names if n in _TIME_LABELS]
    if not kinds and times and board == "hellowork":
        kinds = ["cdi"]
        times = [t for t in times if t != "temps plein"]
    return ", ".join(dict.fromkeys(kinds + times))


def job_to_offer(job: Any, board: str) -> Offer:
    """A JobSpy JobPost -> Offer (clean-text description, salary as text, ISO date)."""
    location = job.location.display_location() if job.location else ""
    if job.is_remote:
        location = f"{location} (télétravail)" if location else "télétravail"
    interval = job.interval.value if job.interval else None
    return Offer(
        title=(job.title or "").strip(),
        company=(job.company or "").strip(),
        location=location,
        contract=contract_from_job_types(job.job_type, board),
        salary=salary_text(job.min_amount, job.max_amount, job.currency, interval),
        url=job.job_url or "",
        description=html_to_text(job.description or ""),
        source=board,
        source_id=str(job.id or ""),
        date_posted=job.date_posted.isoformat() if job.date_posted else "",
        found_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def explain_failure(board: str, raw: BaseException | str) -> str:
    """A board's raw error -> one sentence: what failed and what the user can do."""
    return board_errors.explain(board, raw)


def _run_board(board: str, scraper_input: Any) -> tuple[list[Any], BaseException | str | None, list[str]]:
    from jobspy import SCRAPER_MAPPING
    from jobspy.model import Site

    scraper = SCRAPER_MAPPING[Site(BOARDS[board])]()
    try:
        jobs = scraper.scrape(scraper_input)
    except Exception as exc:  # a board's code breaking must not take the others down
        return [], exc, list(scraper.warnings)  # the exception itself: its type and code classify it
    return list(jobs or []), scraper.error, list(scraper.warnings)


def search_boards(
    query: str,
    boards: list[str] | tuple[str, ...] = ("hellowork",),
    location: str | None = None,
    radius_km: int | None = None,
    count: int = 20,
    contract: str | None = None,
    max_age_days: int | None = None,
    *,
    country: str = "france",
    fetch_description: bool = True,
    board_timeout: float = BOARD_TIMEOUT,
    progress: Callable[[str], None] | None = None,
) -> SearchResult:
    """Search several boards in parallel; up to ``count`` offers per board (capped at MAX_PER_BOARD).

    ``contract`` (cdi, cdd, intérim, stage, alternance, freelance, temps plein, temps partiel) is sent
    to the boards as JobSpy's job type and re-checked on the results; ``max_age_days`` becomes
    ``hours_old``; ``radius_km`` becomes JobSpy's distance (miles). ``country`` is Indeed's/Glassdoor's.
    ``progress`` is called with one line per board as soon as that board is done (for live logs).
    """
    if not query or not query.strip():
        raise InvalidInput(
            "The search has no keywords.", hint="Give a job title or skills, e.g. 'data analyst'."
        )
    names = list(dict.fromkeys(board_name(b) for b in (boards or ())))
    if not names:
        raise InvalidInput("No job board chosen.", hint=f"Choose among: {', '.join(BOARDS)}.")
    if count < 1:
        raise InvalidInput(f"count must be at least 1 (got {count}).", hint="Ask for 10 to 50 offers.")
    notices: dict[str, list[str]] = {name: [] for name in names}
    if count > MAX_PER_BOARD:
        for name in names:
            notices[name].append(
                f"asked for {count} offers, capped at {MAX_PER_BOARD} per board (politeness)."
            )
        count = MAX_PER_BOARD
    wanted = ""
    if contract:
        wanted = normalise_contract(contract).split(", ")[0]
        if wanted not in _CONTRACT_TO_JOB_TYPE:
            raise InvalidInput(
                f"Unknown contract {contract!r}.", hint=f"Use one of: {', '.join(_CONTRACT_TO_JOB_TYPE)}."
            )
    if max_age_days is not None and max_age_days < 1:
        raise InvalidInput(
            f"max_age_days must be at least 1 (got {max_age_days}).", hint="E.g. 7 for the last week."
        )

    from jobspy.model import JobType, ScraperInput

    # JobSpy logs each failure itself; we report them in SearchResult.errors, so without an app
    # logging setup they must not also be printed raw on stderr (logging's last-resort handler).
    if not any(isinstance(h, logging.NullHandler) for h in _JOBSPY_LOG.handlers):
        _JOBSPY_LOG.addHandler(logging.NullHandler())

    try:
        scraper_input = ScraperInput.model_validate(
            {
                "site_name": [BOARDS[n] for n in names],
                "search_term": query.strip(),
                "google_search_term": " ".join(
                    p for p in (query.strip(), "jobs", f"near {location}" if location else "") if p
                ),
                "location": location or None,
                "distance": max(1, round(radius_km / KM_PER_MILE)) if radius_km else None,
                "job_type": JobType[_CONTRACT_TO_JOB_TYPE[wanted]] if wanted else None,
                "results_wanted": count,
                "hours_old": max_age_days * 24 if max_age_days else None,
                "country_indeed": country,
                "description_format": "html",
                "fetch_description": fetch_description,
                "verbose": 0,
            }
        )
    except Exception as exc:  # pydantic ValidationError: a bad country or distance
        raise InvalidInput(f"Invalid search: {exc}", hint="Check the country and the radius.") from None

    result = SearchResult(offers=[], notices=notices)
    per_board: dict[str, list[Offer]] = {}
    executor = ThreadPoolExecutor(max_workers=len(names), thread_name_prefix="board")
    futures = {executor.submit(_run_board, name, scraper_input): name for name in names}
    try:
        for future in as_completed(futures, timeout=board_timeout):
            name = futures[future]
            jobs, error, warnings = future.result()
            per_board[name] = _collect(result, name, jobs, error, warnings, wanted, query.strip(), location)
            if progress:
                progress(result.errors.get(name) or f"{name}: {len(per_board[name])} offer(s)")
    except FuturesTimeout:
        for future, name in futures.items():
            if not future.done():
                result.errors[name] = explain_failure(name, TimeoutError(f"{board_timeout:.0f} s"))
                result.counts[name] = 0
    finally:
        executor.shutdown(wait=False, cancel_futures=True)  # a stuck board's thread ends on its own timeout
    result.offers = dedupe(o for name in names for o in per_board.get(name, []))
    result.notices = {k: v for k, v in result.notices.items() if v}
    return result


def _collect(
    result: SearchResult,
    name: str,
    jobs: list[Any],
    error: BaseException | str | None,
    warnings: list[str],
    wanted: str,
    query: str,
    location: str | None,
) -> list[Offer]:
    """One board's JobPosts -> offers (contract re-checked); errors, notices and count into ``result``."""
    offers = []
    for job in jobs:
        try:
            offers.append(job_to_offer(job, name))
        except Exception as exc:  # one odd record must not lose the rest
            result.notices[name].append(f"skipped one offer that could not be read ({exc}).")
    if wanted:
        kept = [o for o in offers if not o.contract or _COMPATIBLE[wanted] & set(o.contract.split(", "))]
        if len(kept) < len(offers):
            result.notices[name].append(
                f"{len(offers) - len(kept)} offer(s) dropped: contract is not {wanted}."
            )
        offers = kept
    result.notices[name].extend(warnings)
    if error:
        result.errors[name] = explain_failure(name, error)
        if offers:
            result.notices[name].append(f"{len(offers)} offer(s) found before the failure are kept.")
    elif not offers:
        where = f" near {location}" if location else ""
        result.notices[name].append(f"no offers found for '{query}'{where}.")
    result.counts[name] = len(offers)
    return offers

"""The boards JobSpy scrapes (HelloWork, Indeed, LinkedIn, Glassdoor, Google...) as :class:`Board`s.

JobSpy is imported only when a search runs (it pulls pandas); each search gets JobSpy's own scraper
for that site, asked for HTML descriptions, which we turn into clean text that keeps the offer's
sections.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any

from jobapp.domain import Offer
from jobapp.errors import InvalidInput
from jobapp.sources.board import BoardAnswer, BoardQuery, register_board
from jobapp.sources.text import html_to_text, salary_text

#: Our board names -> JobSpy site names.
SITES: dict[str, str] = {
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
_ALIASES = {"ziprecruiter": ("zip_recruiter", "zip-recruiter"), "google": ("google_jobs",)}
KM_PER_MILE = 1.609344

#: Our contract labels -> JobSpy's job type (JobSpy merges stage/alternance and cdd/intérim).
CONTRACT_TO_JOB_TYPE = {
    "cdi": "FULL_TIME", "temps plein": "FULL_TIME", "cdd": "TEMPORARY", "intérim": "TEMPORARY",
    "stage": "INTERNSHIP", "alternance": "INTERNSHIP", "freelance": "CONTRACT", "temps partiel": "PART_TIME",
}  # fmt: skip
_KIND_LABELS = {"TEMPORARY": "cdd", "INTERNSHIP": "stage", "CONTRACT": "freelance", "PER_DIEM": "vacation",
                "VOLUNTEER": "bénévolat"}  # fmt: skip
_TIME_LABELS = {"FULL_TIME": "temps plein", "PART_TIME": "temps partiel"}


class JobSpyBoard:
    """One JobSpy site behind the :class:`~jobapp.sources.board.Board` interface."""

    def __init__(self, name: str) -> None:
        self.name = name

    def check(self, query: BoardQuery) -> None:
        self._input(query)

    def search(self, query: BoardQuery) -> BoardAnswer:
        from jobspy import SCRAPER_MAPPING
        from jobspy.model import Site

        scraper = SCRAPER_MAPPING[Site(SITES[self.name])]()
        try:
            jobs = list(scraper.scrape(self._input(query)) or [])
        except Exception as exc:  # a board's code breaking must not take the others down
            return BoardAnswer(error=exc, warnings=list(scraper.warnings))
        answer = BoardAnswer(error=scraper.error, warnings=list(scraper.warnings))
        for job in jobs:
            try:
                answer.offers.append(job_to_offer(job, self.name))
            except Exception as exc:  # one odd record must not lose the rest
                answer.warnings.append(f"skipped one offer that could not be read ({exc}).")
        return answer

    def _input(self, query: BoardQuery) -> Any:
        from jobspy.model import JobType, ScraperInput

        text = query.query
        google = " ".join(p for p in (text, "jobs", f"near {query.location}" if query.location else "") if p)
        try:
            return ScraperInput.model_validate(
                {
                    "site_name": [SITES[self.name]],
                    "search_term": text,
                    "google_search_term": google,
                    "location": query.location or None,
                    "distance": max(1, round(query.radius_km / KM_PER_MILE)) if query.radius_km else None,
                    "job_type": JobType[CONTRACT_TO_JOB_TYPE[query.contract]] if query.contract else None,
                    "results_wanted": query.count,
                    "hours_old": query.max_age_days * 24 if query.max_age_days else None,
                    "country_indeed": query.country,
                    "description_format": "html",
                    "fetch_description": query.fetch_description,
                    "verbose": 0,
                }
            )
        except Exception as exc:  # pydantic ValidationError: a bad country or distance
            raise InvalidInput(f"Invalid search: {exc}", hint="Check the country and the radius.") from None


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


def _register() -> None:
    for name in SITES:
        register_board(name, partial(JobSpyBoard, name), _ALIASES.get(name, ()))


_register()

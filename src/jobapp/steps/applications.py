"""Use cases of the application tracker: move an application through its stages, list them (with
the ones waiting for news too long), export them. The CLI and the API parse and render; this
module validates and decides."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from datetime import date, datetime, time

from jobapp.domain import APPLICATION_STATUSES
from jobapp.errors import InvalidInput
from jobapp.store import applications as store
from jobapp.store import db
from jobapp.store.applications import OPEN, Application
from jobapp.store.export import inert_cell
from jobapp.store.tables import utcnow

#: Days without news after which an open application (applied, interview) deserves a follow-up.
FOLLOW_UP_DAYS = 10
#: Longest note kept (a note is a reminder, not a document).
MAX_NOTE = 2000
EXPORT_FIELDS = ("offer_id", "title", "company", "url", "status", "applied", "updated", "note")


def parse_status(value: str) -> str:
    status = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    if status not in APPLICATION_STATUSES:
        raise InvalidInput(
            f"Unknown application status {value!r}.", hint=f"Use one of: {', '.join(APPLICATION_STATUSES)}."
        )
    return status


def parse_date(value: str | None) -> datetime | None:
    """``YYYY-MM-DD`` (or a full ISO date-time), not in the future; None for "now"."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(
            f"Invalid date {value!r}.", hint="Write it as YYYY-MM-DD, e.g. 2026-11-30."
        ) from None
    if parsed.tzinfo is not None:
        parsed = parsed.replace(tzinfo=None)
    if len(value.strip()) == 10:
        parsed = datetime.combine(parsed.date(), time(12))  # a day: noon, so it sorts inside that day
    if parsed.date() > date.today():
        raise InvalidInput(f"The date {value} is in the future.", hint="Give the day it happened.")
    return parsed


def set_status(offer_id: int, status: str, note: str = "", when: str | None = None) -> Application:
    """Record a step of the application to ``offer_id`` and return the application with its history."""
    code = parse_status(status)
    moment = parse_date(when)
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"The note is {len(note)} characters long.", hint=f"Keep it under {MAX_NOTE}.")
    with db.session() as s:
        store.add_event(s, offer_id, code, moment, note.strip())
        (application,) = store.applications(s, [offer_id])
    return application


def list_applications(status: str | None = None) -> list[Application]:
    """Every application, latest news first, or only those at ``status``."""
    code = parse_status(status) if status else None
    with db.session() as s:
        found = store.applications(s)
    return [a for a in found if code is None or a.status == code]


def needs_follow_up(
    application: Application, days: int = FOLLOW_UP_DAYS, now: datetime | None = None
) -> bool:
    """An application still open (applied, interview) with no news for ``days`` days or more."""
    return application.status in OPEN and application.days_without_news(now or utcnow()) >= days


def export(found: list[Application], fmt: str) -> str:
    """The applications as CSV (one row each: title, company, link, status, dates, last note) or JSON
    (with the whole history)."""
    if fmt == "json":
        return json.dumps([asdict(a) for a in found], ensure_ascii=False, indent=2)
    if fmt != "csv":
        raise InvalidInput(f"Unknown export format {fmt!r}.", hint="Use csv or json.")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    for a in found:
        row = {k: getattr(a, k) for k in EXPORT_FIELDS if k != "note"}
        row["note"] = a.history[-1].note if a.history else ""
        writer.writerow({k: inert_cell(v) for k, v in row.items()})  # an offer's title is not a formula
    return out.getvalue()

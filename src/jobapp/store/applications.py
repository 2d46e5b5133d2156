"""Applications: the steps of each application with their dates and notes, kept as a history.

The current status of an offer's application is its latest event (by date, then by entry); the
feedback table's ``status`` column mirrors it, so the result rows and the ranking's feedback read
one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from jobapp.domain import APPLICATION_STATUSES as STATUSES
from jobapp.store.repo import get_offer, iso
from jobapp.store.tables import ApplicationEventRow, FeedbackRow, OfferRow, utcnow

__all__ = ["OPEN", "STATUSES", "Application", "ApplicationEvent", "add_event", "applications", "clear"]
#: Stages still waiting for news (a follow-up reminder makes sense).
OPEN = frozenset({"applied", "interview"})


@dataclass(frozen=True)
class ApplicationEvent:
    status: str
    date: str  # ISO date-time
    note: str


@dataclass
class Application:
    offer_id: int
    title: str
    company: str
    url: str
    status: str
    updated: str  # date of the latest event
    applied: str  # date of the first "applied" event ("" if none)
    history: list[ApplicationEvent] = field(default_factory=list)

    def days_without_news(self, now: datetime | None = None) -> int:
        return ((now or utcnow()) - datetime.fromisoformat(self.updated)).days


def add_event(s: Session, offer_id: int, status: str, date: datetime | None = None, note: str = "") -> None:
    """Record one step; the feedback row's status follows the application's latest step."""
    get_offer(s, offer_id)  # NotFound with a hint when the offer does not exist
    s.add(ApplicationEventRow(offer_id=offer_id, status=status, date=date or utcnow(), note=note))
    s.flush()
    latest = _events(s, [offer_id]).get(offer_id, [])
    row = s.get(FeedbackRow, offer_id) or FeedbackRow(offer_id=offer_id, thumbs=0)
    row.status = latest[-1].status if latest else ""
    s.add(row)
    s.flush()


def clear(s: Session, offer_id: int) -> None:
    """Forget an offer's application (the user set no status): its history goes too."""
    s.execute(delete(ApplicationEventRow).where(ApplicationEventRow.offer_id == offer_id))
    row = s.get(FeedbackRow, offer_id)
    if row is not None:
        row.status = ""
    s.flush()


def applications(s: Session, offer_ids: list[int] | None = None) -> list[Application]:
    """Every offer with at least one event (or those of ``offer_ids``), latest news first."""
    events = _events(s, offer_ids)
    if not events:
        return []
    offers = {r.id: r for r in s.scalars(select(OfferRow).where(OfferRow.id.in_(list(events))))}
    out = []
    for offer_id, rows in events.items():
        offer = offers[offer_id]
        applied = next((r.date for r in rows if r.status == "applied"), None)
        out.append(
            Application(
                offer_id=offer_id,
                title=offer.title,
                company=offer.company,
                url=offer.url,
                status=rows[-1].status,
                updated=iso(rows[-1].date),
                applied=iso(applied),
                history=[ApplicationEvent(r.status, iso(r.date), r.note) for r in rows],
            )
        )
    return sorted(out, key=lambda a: (a.updated, a.offer_id), reverse=True)


def _events(s: Session, offer_ids: list[int] | None) -> dict[int, list[ApplicationEventRow]]:
    q = select(ApplicationEventRow).order_by(
        ApplicationEventRow.offer_id, ApplicationEventRow.date, ApplicationEventRow.id
    )
    if offer_ids is not None:
        q = q.where(ApplicationEventRow.offer_id.in_(offer_ids))
    out: dict[int, list[ApplicationEventRow]] = {}
    for row in s.scalars(q):
        out.setdefault(row.offer_id, []).append(row)
    return out

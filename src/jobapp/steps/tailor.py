"""Use case: how to tailor the current CV to one stored offer (``jobapp tailor``, the Tailor panel)."""

from __future__ import annotations

from jobapp.extraction.tailoring import TailoringAdvice, tailoring_advice
from jobapp.store import db, repo


def advice_for_offer(offer_id: int) -> TailoringAdvice:
    """Advice for offer ``offer_id`` and the current CV (NotFound / MissingPrerequisite otherwise)."""
    with db.session() as s:
        offer = repo.get_offer(s, offer_id)
        cv = repo.current_cv(s)
    assert cv is not None  # current_cv raises when there is none
    return tailoring_advice(offer.full_text(), cv.text, offer_title=offer.title, company=offer.company)

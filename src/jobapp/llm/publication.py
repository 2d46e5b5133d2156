"""Which record is shown: never a worse one, never one of a cancelled or failed run.

Why: the store shows the newest record of each offer (or CV, or match). Cancelling step 2 after
one offer used to replace that offer's good rule-based summary by a worse model one. So a step
publishes through :class:`Publication`:

- the new record is always stored under its own (model, input) key, so a resumed run finds it;
- it is shown only when it is at least as good as the record shown before for the same input
  (:func:`record_quality`); otherwise the earlier record is stored again, which makes it the
  newest, hence the shown one;
- when the run is cancelled or fails, :meth:`Publication.roll_back` shows again every earlier record
  the run displaced.

Nothing here touches the store: the step passes its ``save`` function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

R = TypeVar("R", bound=BaseModel)

#: how each field of a record is checked again (see :class:`jobapp.llm.field_checks.FieldAudit`).
FIELD_KINDS: dict[str, str] = {
    "profile": "title",
    "title": "title",
    "key_skills": "items",
    "hard_skills": "items",
    "soft_skills": "items",
    "sectors": "items",
    "strengths": "items",
    "education": "items",
    "mission": "prose",
    "contract": "contract",
}
#: fields that describe the record, not its content.
META_FIELDS = frozenset(
    {"offer_id", "cv_id", "language", "provenance", "replaced", "model", "input_hash", "removed", "verdict"}
)


def record_quality(record: BaseModel, source: str = "", *, company: str = "") -> int:
    """How many content fields are filled and pass the checks.

    Rule-made fields count when filled (they are built from the source); model-made ones are
    checked again against ``source`` when given, so a record stored before the checks existed
    ("1.1.1.1" as a sector) loses the points of its bad fields.
    """
    from jobapp.llm.field_checks import FieldAudit

    provenance: dict[str, str] = getattr(record, "provenance", {}) or {}
    audit = FieldAudit(source, company=company) if source else None
    score = 0
    for name in type(record).model_fields:
        value: Any = getattr(record, name)
        if name in META_FIELDS or value in ("", None, []):
            continue
        kind = FIELD_KINDS.get(name)
        if audit is None or provenance.get(name) != "llm" or kind is None:
            score += 1
        elif kind == "items":
            score += all(not audit.item_reason(v) for v in value)
        elif kind == "title":
            score += not audit.title_reason(value)
        elif kind == "prose":
            score += not audit.prose_reason(value, min_words=4)
        elif kind == "contract":
            score += not audit.contract_reason(value)
    return score


@dataclass
class Publication(Generic[R]):
    """Publishes a step's records one by one and can undo what the run displaced."""

    save: Callable[[R], None]
    displaced: list[R] = field(default_factory=list)
    kept_earlier: int = 0

    def publish(self, new: R, previous: R | None, *, fresh: bool, source: str = "", company: str = "") -> R:
        """Store ``new`` (when ``fresh``) and return the record now shown for this item.

        ``previous`` is the record shown before; it stays shown when it describes the same input
        (same ``input_hash``) and is better. A cached ``new`` that is already shown is left alone.
        """
        if not fresh and previous is not None and _same(previous, new):
            return new  # a cached record already shown
        if fresh:
            self.save(new)
        if previous is None or previous.input_hash != new.input_hash:  # type: ignore[attr-defined]
            if not fresh:
                self.save(new)
            if previous is not None:
                self.displaced.append(previous)
            return new
        if record_quality(previous, source, company=company) > record_quality(new, source, company=company):
            self.kept_earlier += 1
            if fresh:
                self.save(previous)  # stored again: the newest, hence the shown one
            return previous
        if not fresh:
            self.save(new)
        self.displaced.append(previous)
        return new

    def roll_back(self) -> int:
        """Show again every record this run displaced (a cancelled or failed run); returns how many."""
        for record in self.displaced:
            self.save(record)
        count = len(self.displaced)
        self.displaced.clear()
        return count


def _same(a: BaseModel, b: BaseModel) -> bool:
    return getattr(a, "model", None) == getattr(b, "model", None) and getattr(
        a, "input_hash", None
    ) == getattr(b, "input_hash", None)

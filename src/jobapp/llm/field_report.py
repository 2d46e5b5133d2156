"""The end of each LLM step's log line: how many fields the model kept, how many rules replaced, why.

Why: without it nothing says which fields came from the model; with it a user sees at a glance
"kept 2, replaced 4 (key_skills: not in the source; 3 not asked)" and knows what to trust.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pydantic import BaseModel

from jobapp.llm.field_checks import NOT_ASKED
from jobapp.messages import msg


def field_counts(record: BaseModel) -> tuple[int, dict[str, str]]:
    """(fields kept from the model, {field: why it was replaced}) of one record."""
    provenance: dict[str, str] = getattr(record, "provenance", {}) or {}
    replaced: dict[str, str] = getattr(record, "replaced", {}) or {}
    kept = sum(1 for origin in provenance.values() if origin == "llm")
    why = {name: replaced.get(name, "") for name, origin in provenance.items() if origin != "llm"}
    return kept, why


def field_note(record: BaseModel) -> str:
    """ "kept 2, replaced 4 (contract: not a contract type; 3 not asked)", or "rules only"."""
    if getattr(record, "model", "") in ("", "extraction"):
        return msg("fields.rules_only")
    kept, why = field_counts(record)
    reasons = _reasons(why)
    if reasons:
        return msg("fields.note_why", kept=kept, replaced=len(why), why=reasons)
    return msg("fields.note", kept=kept, replaced=len(why))


def _reasons(why: dict[str, str]) -> str:
    not_asked = sum(1 for reason in why.values() if reason == NOT_ASKED)
    parts = [
        f"{name}: {reason or msg('fields.no_answer')}" for name, reason in why.items() if reason != NOT_ASKED
    ]
    if not_asked:
        parts.append(msg("fields.not_asked", n=not_asked))
    return "; ".join(parts)


@dataclass
class FieldTally:
    """Totals over a step, for its last log line."""

    kept: int = 0
    replaced: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, record: BaseModel) -> None:
        if getattr(record, "model", "") in ("", "extraction"):
            return
        kept, why = field_counts(record)
        self.kept += kept
        self.replaced += len(why)
        self.reasons.update(reason or "no usable answer" for reason in why.values())

    def line(self) -> str:
        if not (self.kept or self.replaced):
            return msg("fields.tally_rules")
        why = "; ".join(f"{reason} ×{n}" for reason, n in self.reasons.most_common())
        if why:
            return msg("fields.tally_why", kept=self.kept, replaced=self.replaced, why=why)
        return msg("fields.tally", kept=self.kept, replaced=self.replaced)

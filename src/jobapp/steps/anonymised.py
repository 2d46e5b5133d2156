"""The anonymised CV exactly as the models receive it, with where each identifier was removed.

``llm.profile.build_cv_profile`` builds every CV prompt from ``anonymise(cv_text).text`` and refuses
to send one that is not (``ensure_anonymised``). This module calls the same function with the same
arguments, so what ``jobapp cv show --anonymised`` and the UI show is that text; a test builds a
profile with a recording model and checks the prompt holds exactly this text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from jobapp.domain import CvDocument

#: A placeholder the anonymiser writes in place of an identifier: "[NAME]", "[EMAIL]"...
PLACEHOLDER = re.compile(r"\[([A-Z_]+)\]")


@dataclass(frozen=True)
class Redaction:
    """Where the anonymised text holds a placeholder: ``text[start:end]``, and its kind ("name")."""

    start: int
    end: int
    kind: str


def _field(item: Any, name: str, index: int) -> Any:
    if isinstance(item, dict):
        return item[name]
    if isinstance(item, (tuple, list)):
        return item[index]
    return getattr(item, name)


def redactions_of(anonymised: Any) -> list[Redaction]:
    """The anonymiser's own spans when it reports them, else the placeholders found in its text."""
    text: str = anonymised.text
    spans = getattr(anonymised, "redactions", None)
    if spans:
        out = [
            Redaction(int(_field(r, "start", 0)), int(_field(r, "end", 1)), str(_field(r, "kind", 2)))
            for r in spans
        ]
        if all(0 <= r.start < r.end <= len(text) for r in out):
            return sorted(out, key=lambda r: r.start)
    return [Redaction(m.start(), m.end(), m.group(1).lower()) for m in PLACEHOLDER.finditer(text)]


def anonymised_cv(cv: CvDocument) -> dict[str, Any]:
    """The text the models receive for ``cv`` (``text``), its redactions and counts per kind."""
    from jobapp.documents.anonymise import anonymise
    from jobapp.llm.prompts import MAX_SOURCE_CHARS

    result = anonymise(cv.text)  # the call build_cv_profile makes: same function, same arguments
    return {
        "cv_id": cv.id,
        "text": result.text,
        "redactions": [asdict(r) for r in redactions_of(result)],
        "removed": dict(result.removed),
        "notes": list(result.notes),
        # prompts carry at most this many characters of it (longer CVs are cut)
        "max_prompt_chars": MAX_SOURCE_CHARS,
    }

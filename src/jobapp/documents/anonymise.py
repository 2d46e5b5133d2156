"""Remove the candidate's identity from a CV text before any model reads it (step 4).

What goes, wherever it is in the text (not only in the header): the name (found as
:mod:`jobapp.documents.names` explains), e-mails, phone numbers, web addresses, personal domains
and profile handles (:mod:`contacts`), the street address and postcode (:mod:`addresses`), and what
a French "CV anonyme" removes (:mod:`personal`): birth date and age, place of birth, nationality,
marital status and children, gender, photo captions, ID numbers. What stays: everything that
matters for matching — skills, tools, employers, schools, degrees, cities of past jobs, years and
date ranges, salaries, the driving licence, languages, work authorisation.

Each detector reports spans of the original text; overlapping spans are merged (the longer one
gives the kind: a name inside an e-mail is the e-mail) and each becomes one placeholder
("[NAME]", "[EMAIL]", "[PHONE]", "[ADDRESS]"...). ``redactions`` gives their positions in the
anonymised text, so the UI can highlight exactly what was removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jobapp.documents.addresses import find_addresses
from jobapp.documents.contacts import find_contacts, identity_sources
from jobapp.documents.name_spans import name_spans
from jobapp.documents.names import find_names, references_ranges
from jobapp.documents.personal import find_personal
from jobapp.documents.spans import PLACEHOLDER_RE, Span, fold_key

KINDS = (
    "email",
    "phone",
    "url",
    "handle",
    "address",
    "postcode",
    "birthdate",
    "birthplace",
    "nationality",
    "family",
    "gender",
    "photo",
    "id_number",
    "name",
)
PLACEHOLDER = {kind: f"[{kind.upper()}]" for kind in KINDS}
#: which kind wins when two spans of the same length overlap ("Kwame" both a name and the e-mail's
#: local part is a name)
_PRIORITY = {kind: i for i, kind in enumerate(k for k in KINDS if k != "handle")} | {"handle": len(KINDS)}


@dataclass(frozen=True)
class Redaction:
    """One placeholder of the anonymised text: ``text[start:end]`` is e.g. "[NAME]".

    ``source_start:source_end`` is what it replaced in the original text (offsets only: the
    removed value itself is never kept, so a Redaction can be stored or shown safely).
    """

    start: int
    end: int
    kind: str
    source_start: int
    source_end: int


@dataclass
class Anonymised:
    """An anonymised text, how many identifiers of each kind were removed, and where they were."""

    text: str
    removed: dict[str, int] = field(default_factory=dict)
    language: str | None = None
    notes: list[str] = field(default_factory=list)
    redactions: list[Redaction] = field(default_factory=list)


def _merge(spans: list[Span], text: str) -> list[Span]:
    """Overlapping spans become one; the longest gives the kind. Placeholders already in the text
    (an anonymised text anonymised again) are never touched."""
    protected = [m.span() for m in PLACEHOLDER_RE.finditer(text)]
    spans = [s for s in spans if not any(a < s.end and s.start < b for a, b in protected)]
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if out and span.start < out[-1].end:
            last = out[-1]
            longer = max((last, span), key=lambda s: (s.end - s.start, -_PRIORITY[s.kind]))
            out[-1] = Span(last.start, max(last.end, span.end), longer.kind)
        else:
            out.append(span)
    return out


def _trim(span: Span, text: str) -> Span | None:
    """Without surrounding spaces and punctuation (a placeholder never eats a comma)."""
    start, end = span.start, span.end
    while start < end and text[start] in " \t\n,;|":
        start += 1
    while end > start and text[end - 1] in " \t\n,;|":
        end -= 1
    return Span(start, end, span.kind) if end > start else None


def _handle_spans(text: str, handles: set[str], names: list[str]) -> list[Span]:
    """Bare reappearances of the e-mail's local part, profile slugs, and any handle-like word
    built on a name word ("marie-dupont-4b2a", "mdupont42")."""
    spans = []
    if handles:
        alternatives = "|".join(re.escape(h) for h in sorted(handles, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w\[@./-])(?:{alternatives})(?![\w\]@-]|\.\w)", re.IGNORECASE)
        spans += [Span(m.start(), m.end(), "handle") for m in pattern.finditer(text)]
    keys = {fold_key(p) for n in names for p in re.split(r"[\s'’-]+", n) if len(fold_key(p)) >= 4}
    for match in re.finditer(r"(?<![\w\[@./])[a-z0-9][a-z0-9._-]*[a-z0-9](?![\w\]@]|\.\w)", text):
        word = match.group(0)
        if re.search(r"[\d._-]", word) and any(k in fold_key(word) for k in keys):
            spans.append(Span(match.start(), match.end(), "handle"))
    return spans


def anonymise(text: str, language: str | None = None, *, use_ner: bool = True) -> Anonymised:
    """Replace the candidate's identifiers with placeholders ("[EMAIL]", "[PHONE]", "[NAME]"...).

    ``language`` is recorded for the caller; both French and English patterns always apply, as
    CVs mix them. ``use_ner=False`` skips spaCy (heuristics only).
    """
    notes: list[str] = []
    sources = identity_sources(text, skip=references_ranges(text))
    names, used_ner = find_names(text, use_ner=use_ner, sources=sources)
    if use_ner and not used_ner:
        notes.append("spaCy fr_core_news_sm unavailable: the name was found by heuristics only.")
    if not names:
        notes.append("No candidate name was recognised in the CV.")
    found_names = name_spans(text, names)
    spans = find_contacts(text) + find_addresses(text) + found_names
    spans += find_personal(text, extra_anchors=found_names)
    spans += _handle_spans(text, sources.handles, names)
    merged = [t for s in _merge(spans, text) if (t := _trim(s, text)) is not None]

    parts: list[str] = []
    redactions: list[Redaction] = []
    removed: dict[str, int] = {}
    cursor = out_len = 0
    for span in merged:
        parts.append(text[cursor : span.start])
        out_len += span.start - cursor
        placeholder = PLACEHOLDER[span.kind]
        redactions.append(Redaction(out_len, out_len + len(placeholder), span.kind, span.start, span.end))
        parts.append(placeholder)
        out_len += len(placeholder)
        cursor = span.end
        removed[span.kind] = removed.get(span.kind, 0) + 1
    parts.append(text[cursor:])
    return Anonymised(
        text="".join(parts),
        removed={k: removed[k] for k in KINDS if removed.get(k)},
        language=language,
        notes=notes,
        redactions=redactions,
    )

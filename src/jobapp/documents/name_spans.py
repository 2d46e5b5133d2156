"""Every occurrence of the candidate's name, once :mod:`jobapp.documents.names` has found it.

Each name word goes wherever it is: capitalised, in capitals, letter-spaced ("D U P O N T"), without
accents, with its particles ("T. de Villeneuve"); in lowercase only where it is a handle
("claire.petit_pro") or next to another name word ("marie dupont" in small capitals), since a
lowercase "claire" or "petit" in a sentence is the ordinary word. Two kinds of words go only beside
another name word or its initial: the parts of a hyphenated name ("Mary" of "Mary-Kate", not "St
Mary's Hospital") and a surname that is a city ("Julien Paris", not the Paris of a past job).
"""

from __future__ import annotations

import re

from jobapp.documents.names import INITIAL, PARTICLES
from jobapp.documents.spans import Span, fold, fold_key, places


def _token_sets(names: list[str]) -> tuple[set[str], set[str]]:
    """(name words removed wherever they are, words removed only beside another name word).

    The second set holds parts of hyphenated names ("Jean-Pierre" is also written "Jean Pierre",
    but a lone "Mary" of "Mary-Kate" may be "St Mary's Hospital") and surnames that are cities
    ("Julien Paris": the Paris of a past job stays)."""
    whole: set[str] = set()
    parts: set[str] = set()
    for name in names:
        for token in name.split():
            if INITIAL.match(token) or token.lower() in PARTICLES or len(token) < 2:
                continue
            (parts if fold_key(token) in places() and len(names) == 1 else whole).add(token)
            for part in re.split(r"[-'’]", token):
                if len(part) >= 3 and part.lower() not in PARTICLES and part != token:
                    parts.add(part)
    return whole, parts - whole


def name_tokens(names: list[str]) -> list[str]:
    """Words to remove everywhere: each name part (and its accent-free spelling), longest first."""
    whole, parts = _token_sets(names)
    return sorted(whole | parts, key=len, reverse=True)


def full_name_variants(names: list[str]) -> set[str]:
    """Whole-name spellings, whatever their case: as written, surname first, and "Prénom Nom"
    rebuilt from separate "Nom :" / "Prénom :" labels."""
    multi = [n for n in names if len(n.split()) > 1]
    singles = [n for n in names if len(n.split()) == 1]
    if len(singles) >= 2:
        multi.append(" ".join(singles))
    variants: set[str] = set()
    for name in multi:
        parts = name.split()
        variants.update({name, " ".join([*parts[1:], parts[0]]), " ".join([parts[-1], *parts[:-1]])})
    return variants


_JOIN = re.compile(
    r"^[ \t.\-]*(?:(?:[A-ZÀ-Þ]\.?|de|du|des|da|di|van|von|der|den|ter|le|la|d'|l'|ben|el|al)[ \t.\-]*)*$",
    re.IGNORECASE,
)


def name_spans(text: str, names: list[str]) -> list[Span]:
    """Every occurrence of the name's words; adjacent ones joined ("Marie D. Dupont" is one span)."""
    tokens = name_tokens(names)
    if not tokens:
        return []
    folded = fold(text)
    keys = sorted({fold(t) for t in tokens}, key=len, reverse=True)
    plain = "|".join(re.escape(k) for k in keys)
    spaced = "|".join(" ".join(re.escape(c) for c in k.upper()) for k in keys if len(k) >= 3 and k.isalpha())
    pattern = re.compile(rf"(?<![\w\[])(?:{plain})(?![\w\]])", re.IGNORECASE)
    hits = [(m.start(), m.end()) for m in pattern.finditer(folded)]
    if spaced:  # "M A R I E   D U P O N T" (letter-spaced headings, OCR)
        hits += [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w\[])(?:{spaced})(?![\w\]])", folded)]
    for variant in full_name_variants(names):  # whole names in lowercase ("marie dupont")
        words = r"[ \t]+".join(re.escape(w) for w in fold(variant).split())
        hits += [
            (m.start(), m.end()) for m in re.finditer(rf"(?<![\w\[]){words}(?![\w\]])", folded, re.IGNORECASE)
        ]
    hits = sorted(set(hits))
    whole = {fold(t).lower() for t in _token_sets(names)[0]}
    initials = {fold(t)[0].upper() for n in names for t in n.split() if t[:1].isalpha()}
    kept: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(hits):
        value = text[start:end]
        neighbours = [h for h in hits[max(0, i - 2) : i + 3] if h != (start, end)]
        beside = any(not text[min(e, end) : max(s, start)].strip(" \t-") for s, e in neighbours)
        if fold(value).lower().replace(" ", "") not in whole and " " not in value.strip():
            # a part of a hyphenated name ("Mary" of "Mary-Kate") or a city surname: beside another
            # name word or its initial ("J. Paris") only, never in "St Mary's" or "Saint-Pierre"
            before = text[max(0, start - 7) : start]
            initial = re.search(r"\b([A-ZÀ-Þ])\.[ \t]*$", before)
            beside = beside or bool(initial and initial.group(1) in initials)
            if not (beside or _handle_context(text, start, end)) or re.search(
                r"(?i)\b(?:st\.?|saint|sainte|san|santa)[ -]$", before
            ):
                continue
        if not value.islower() or _handle_context(text, start, end) or beside:
            kept.append((start, end))  # lowercase: only beside another name word ("marie dupont")
    return [_with_particles(span, text, names) for span in _join([Span(s, e, "name") for s, e in kept], text)]


def _with_particles(span: Span, text: str, names: list[str]) -> Span:
    """ "T. de Villeneuve", "van der Berghe": the particles the name is written with go with it."""
    particles = {fold(w).lower() for n in names for w in n.split() if fold(w).lower() in PARTICLES}
    start = span.start
    while True:
        match = re.search(r"(\S+)[ \t]+$", text[max(0, start - 12) : start])
        if not match or fold(match.group(1)).lower() not in particles:
            break
        start = start - len(match.group(0))
    return Span(start, span.end, span.kind)


def _handle_context(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before in "._@" or after in "._@" or before.isdigit() or after.isdigit()


def _join(spans: list[Span], text: str) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and span.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end), "name")
        elif (
            out and "\n" not in text[out[-1].end : span.start] and _JOIN.match(text[out[-1].end : span.start])
        ):
            out[-1] = Span(out[-1].start, span.end, "name")
        else:
            out.append(span)
    return out

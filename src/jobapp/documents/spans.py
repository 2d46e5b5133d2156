"""What the identity detectors share: a found span, accent folding that keeps offsets, word lists.

Every detector (contacts, addresses, personal attributes, names) reports character spans on the
original text instead of rewriting it; :mod:`jobapp.documents.anonymise` merges them and writes the
placeholders once. That keeps the detectors independent of one another (none sees another's
placeholders) and gives the exact position of every redaction for the UI.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
#: the extraction package's vocabularies (places, occupations, skills), read as plain files
_EXTRACTION_DATA = Path(__file__).parents[1] / "extraction" / "data"

#: a placeholder already in the text (an anonymised text anonymised again): never redacted twice
PLACEHOLDER_RE = re.compile(r"\[[A-Z_]{3,}\]")


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start:end`` of the original text are identity of kind ``kind``."""

    start: int
    end: int
    kind: str


def spans_of(pattern: re.Pattern[str], text: str, kind: str, group: int | str = 0) -> list[Span]:
    """A span for each match of ``pattern`` (its ``group``), skipping empty groups."""
    out = []
    for match in pattern.finditer(text):
        start, end = match.span(group)
        if start >= 0 and end > start and text[start:end].strip():
            out.append(Span(start, end, kind))
    return out


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0]
    return base if len(base) == 1 else char


@functools.lru_cache(maxsize=4096)
def _fold_cached(char: str) -> str:
    return _fold_char(char)


def fold(text: str) -> str:
    """The text without accents, one character for one ("Hélène" -> "Helene"): offsets found in
    the folded text are offsets in the original. Case is kept."""
    if text.isascii():
        return text
    return "".join(_fold_cached(c) for c in text)


def strip_accents(text: str) -> str:
    """Accent-free ASCII text for word comparisons (fast on big files; the length may change: use
    :func:`fold` where offsets matter)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def fold_key(word: str) -> str:
    """Comparison key of a word: no accents, lowercase, no hyphen or apostrophe."""
    return re.sub(r"[-'’\s]", "", fold(word).lower())


@functools.lru_cache(maxsize=16)
def word_list(filename: str) -> frozenset[str]:
    """The words of a list in ``data/`` (``#`` lines are comments)."""
    words: list[str] = []
    for line in (DATA_DIR / filename).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return frozenset(words)


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end offsets of the line holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _data_lines(name: str, *, ascii_only: bool = False) -> list[str]:
    try:
        text = (_EXTRACTION_DATA / name).read_text(encoding="utf-8")
    except OSError:
        return []
    if ascii_only:
        text = strip_accents(text)
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """One-word place names (folded, lowercase): a city is no name word without other evidence."""
    return frozenset(fold_key(ln) for ln in _data_lines("places.txt") if " " not in ln.strip())


@functools.lru_cache(maxsize=1)
def job_words() -> frozenset[str]:
    """Words of occupation titles (ESCO, French and English) and of the skills lexicon: a header
    line made of them ("CONSTRUCTION LABORER", "Mechanical Design") is a title, not a person —
    unless a given name or the e-mail says otherwise ("Baker", "Taylor" and "Mason" are surnames)."""
    names = ["esco_occupations.tsv", "occupations_extra.tsv"] + [
        p.name for p in _EXTRACTION_DATA.glob("skills_*.tsv")
    ]
    words: set[str] = set()
    for name in sorted(names):
        words.update(re.findall(r"[a-z]{4,}", "\n".join(_data_lines(name, ascii_only=True)).lower()))
    return frozenset(words - word_list("first_names.txt"))

"""Find the candidate's own name in a CV, so it can be removed everywhere.

Running NER over a whole CV removes far too much with a small model (skills, companies and
schools come out tagged as persons), and only the candidate's identity should go. A CV states the
name in a few predictable places: a "Nom : ..." label, or one of the first lines, shaped like a
name (2-4 capitalised words). spaCy's ``fr_core_news_sm`` (it tags French and English persons)
confirms header lines when it is installed; without it the shape rules decide alone.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any

from unidecode import unidecode

log = logging.getLogger(__name__)

SPACY_MODEL = "fr_core_news_sm"
HEADER_LINES = 10

_LABEL = re.compile(
    r"^[ \t]*(?:nom(?:\s+complet|\s+de\s+famille)?|pr[ée]nom(?:\(s\)|s)?|(?:full\s+|first\s+|last\s+|sur)?name)"
    r"[ \t]*[:：][ \t]*([^\n|,;:]+)",
    re.IGNORECASE | re.MULTILINE,
)
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_NAME_TOKEN = re.compile(
    rf"^(?:[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}]?[{_LOWER}]+)*|[{_UPPER}]{{2,}}(?:[-'’][{_UPPER}]+)*)$"
)
_INITIAL = re.compile(rf"^[{_UPPER}]\.?$")
_PARTICLES = {"de", "du", "des", "da", "di", "van", "von", "der", "le", "la", "d'", "ben", "el", "al", "bin"}
_SEPARATORS = re.compile(r"\s+[|·•–—]\s+|\s+-\s+|,\s*|\t|\s{3,}")


@functools.lru_cache(maxsize=1)
def load_ner() -> Any | None:
    """spaCy's small French pipeline, NER only, loaded once per process; None when unavailable."""
    try:
        import spacy

        return spacy.load(
            SPACY_MODEL, exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]
        )
    except Exception as exc:  # not installed, wrong version...
        log.warning("spaCy model %s unavailable (%s): names found by heuristics only", SPACY_MODEL, exc)
        return None


def looks_like_name(candidate: str) -> bool:
    """2-4 capitalised words (initials and particles allowed), none of them a title or section word."""
    tokens = candidate.split()
    if not 2 <= len(tokens) <= 5:
        return False
    real = 0
    for i, token in enumerate(tokens):
        if _INITIAL.match(token):
            continue
        if i > 0 and token.lower() in _PARTICLES:
            continue
        if not _NAME_TOKEN.match(token) or unidecode(token).lower() in stop_words():
            return False
        real += 1
    return 2 <= real <= 4


def _header_segments(text: str) -> list[tuple[int, str]]:
    """(line number, segment) for the first lines, split on the separators CV headers use."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:HEADER_LINES]
    segments: list[tuple[int, str]] = []
    for line_no, line in enumerate(lines):
        for part in _SEPARATORS.split(line):
            part = part.strip(" •*:")
            if part:
                segments.append((line_no, part))
    return segments


def _word_list(filename: str) -> frozenset[str]:
    words: list[str] = []
    for line in Path(__file__).with_name(filename).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common given names (accent-free, lowercase), shipped with the package."""
    return _word_list("first_names.txt")


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Title and section words: a header line containing one is not a name."""
    return _word_list("header_words.txt")


def _has_first_name(segment: str) -> bool:
    known = first_names()
    return any(
        unidecode(part).lower() in known for token in segment.split() for part in re.split(r"[-'’]", token)
    )


def find_names(text: str, *, use_ner: bool = True) -> tuple[list[str], bool]:
    """The candidate's name(s) as written in the CV, and whether spaCy was used.

    Labelled names ("Nom : Dupont", "Prénom : Marie") are always taken. Among the name-shaped
    segments of the header, the best is chosen by three signals: it contains a common given name,
    spaCy tags it PER (the small model also tags "Data Engineer" PER, and "Kevin Nguyen" LOC, so it
    only breaks ties), and it comes early. A segment with no signal is taken only from the first
    three lines, where CVs put the name.
    """
    names: list[str] = []
    for match in _LABEL.finditer(text):
        value = " ".join(match.group(1).split()[:4])
        tokens = [
            t for t in value.split() if _NAME_TOKEN.match(t) and unidecode(t).lower() not in stop_words()
        ]
        if tokens:
            names.append(" ".join(tokens))
    segments = [(line_no, s) for line_no, s in _header_segments(text) if looks_like_name(s)]
    nlp = load_ner() if use_ner else None
    is_person = [False] * len(segments)
    if nlp is not None and segments:
        docs = nlp.pipe([s for _, s in segments])
        is_person = [any(ent.label_ == "PER" for ent in doc.ents) for doc in docs]
    best: tuple[float, str] | None = None
    for (line_no, segment), person in zip(segments, is_person, strict=True):
        score = 2.0 * _has_first_name(segment) + 1.0 * person - 0.1 * line_no
        if score <= 0 and line_no >= 3:
            continue
        if best is None or score > best[0]:
            best = (score, segment)
    if best is not None and (not names or best[0] > 1):
        names.append(best[1])
    return names, nlp is not None


def name_tokens(names: list[str]) -> list[str]:
    """Words to remove everywhere: each name part (and its accent-free spelling), longest first."""
    tokens: set[str] = set()
    for name in names:
        for token in name.split():
            if _INITIAL.match(token) or token.lower() in _PARTICLES or len(token) < 2:
                continue
            tokens.add(token)
            tokens.add(unidecode(token))
            for part in re.split(r"[-'’]", token):  # "Jean-Pierre" is also written "Jean Pierre"
                if len(part) >= 3:
                    tokens.update({part, unidecode(part)})
    return sorted(tokens, key=len, reverse=True)


def full_name_variants(names: list[str]) -> set[str]:
    """Whole-name spellings to remove first, whatever their case: as written, without accents,
    surname first, and "Prénom Nom" rebuilt from separate "Nom :" / "Prénom :" labels."""
    multi = [n for n in names if len(n.split()) > 1]
    singles = [n for n in names if len(n.split()) == 1]
    if len(singles) >= 2:
        multi.append(" ".join(singles))
    variants: set[str] = set()
    for name in multi:
        for spelling in (name, unidecode(name)):
            variants.add(spelling)
            parts = spelling.split()
            variants.add(" ".join([*parts[1:], parts[0]]))
            variants.add(" ".join([parts[-1], *parts[:-1]]))
    return variants

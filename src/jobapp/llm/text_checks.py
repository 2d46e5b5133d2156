"""Cheap checks that catch what small LLMs get wrong in free text.

A 135M model loops ("Python Python Python..."), emits runs of punctuation or another script, or
answers a French offer in English. None of these is worth showing to a user: such a field is
blanked and the deterministic fallback fills it (see :mod:`jobapp.llm.structured`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any

#: a content word (>= 4 letters) repeated more often than this in one field is a loop.
MAX_WORD_REPEATS = 5
#: below this share of letters among non-space characters, a text is not prose.
MIN_LETTER_SHARE = 0.6
MIN_CHARS_FOR_LETTER_SHARE = 12
#: texts with fewer words are too short to judge their language reliably.
MIN_WORDS_FOR_LANGUAGE = 8

#: values that mean "I don't know" and must be treated as empty.
PLACEHOLDERS = frozenset(
    {
        "",
        "...",
        "…",
        "-",
        "?",
        "n/a",
        "na",
        "none",
        "null",
        "unknown",
        "inconnu",
        "inconnue",
        "non précisé",
        "non precise",
        "not specified",
        "non spécifié",
        "aucun",
        "aucune",
    }
)

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def is_empty_value(value: Any) -> bool:
    """Empty string/list/None or a placeholder such as 'unknown' / 'non précisé'."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().casefold() in PLACEHOLDERS
    if isinstance(value, list | tuple | dict | set):
        return len(value) == 0
    return False


def is_latin_text(text: str) -> bool:
    """True when the letters of ``text`` are (almost all) Latin script, as French/English are."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return latin >= 0.9 * len(letters)


def is_degenerate(text: str) -> bool:
    """A loop, a run of symbols or another script: not a usable answer."""
    stripped = text.strip()
    if not stripped:
        return False
    visible = [c for c in stripped if not c.isspace()]
    letters = sum(1 for c in visible if c.isalpha())
    if letters == 0 and not any(c.isdigit() for c in visible):
        return True
    # Short items such as "C++", "C#" or "HTML5" are legitimately symbol-heavy.
    if len(visible) >= MIN_CHARS_FOR_LETTER_SHARE and letters < MIN_LETTER_SHARE * len(visible):
        return True
    if not is_latin_text(stripped):
        return True
    words = [w.casefold() for w in _WORD.findall(stripped)]
    content = Counter(w for w in words if len(w) >= 4)
    if content and content.most_common(1)[0][1] > MAX_WORD_REPEATS:
        return True
    return _has_phrase_loop(words)


def _has_phrase_loop(words: list[str]) -> bool:
    """The same 3-word phrase three times or more: the signature of a generation loop."""
    if len(words) < 9:
        return False
    trigrams = Counter(tuple(words[i : i + 3]) for i in range(len(words) - 2))
    return trigrams.most_common(1)[0][1] >= 3


def has_words(text: str, minimum: int) -> bool:
    """At least ``minimum`` words: "mais" is not a mission, "Développeur" is not a summary."""
    return len(_WORD.findall(text)) >= minimum


def occurs_literally(term: str, source: str) -> bool:
    """``term`` is written in ``source`` (case, accents and punctuation aside, whole words).

    Stricter than lexicon grounding, which also accepts translations and aliases: a pasted offer's
    title must be copied from the text, not "Recruiter" for "Chargé de recrutement".
    """
    from jobapp.extraction.normalise import normalise

    needle = normalise(term)
    if not needle:
        return False
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", normalise(source)) is not None


def in_language(text: str, language: str) -> bool:
    """False only when ``text`` is long enough to tell and is clearly in the other language."""
    if len(text.split()) < MIN_WORDS_FOR_LANGUAGE:
        return True
    from jobapp.extraction.seniority import detect_language

    return bool(detect_language(text) == language)


def clean_text(text: str, language: str | None = None) -> str:
    """``text`` tidied (spaces, quotes, bullets), or "" when degenerate or in the wrong language."""
    tidy = _SPACES.sub(" ", text).strip().strip("\"'`•*-–—· ").strip()
    if tidy.casefold() in PLACEHOLDERS or is_degenerate(tidy):
        return ""
    if language and not in_language(tidy, language):
        return ""
    return tidy

"""Text normalisation and light stemming shared by every matcher in this package.

Offers and CVs mix French and English, accents or not, singular or plural, "Gestion de projets" or
"gestion projet". Every comparison here goes through the same three steps so that both sides agree:
``normalise`` (casefold, strip accents, unify punctuation), ``tokenize`` (words with their offsets in
the original text) and ``stem`` (a deliberately conservative suffix folding: it merges plural and
gender forms, never different words).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from jobapp.extraction.stopwords import STOPWORDS
from jobapp.textfold import to_ascii, unify_punctuation

_SPACES = re.compile(r"[ \u3000]+")

# A token: "Bac+5" / "bac + 5" (one token), or letters/digits with inner dots ("Node.js", "ASP.NET"),
# an optional leading dot (".NET") and trailing "++"/"#" ("C++", "C#", "F#").
TOKEN_RE = re.compile(r"\.?[^\W_]+(?:\.[^\W_]+)*(?:\+\+|#|(?<=[bB][aA][cC])\s*\+\s*\d+)?")


def normalise(text: str) -> str:
    """Casefolded, accent-free text with ASCII quotes/dashes and single spaces (newlines kept)."""
    text = to_ascii(unify_punctuation(text)).casefold()
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip()


@lru_cache(maxsize=200_000)
def normalise_token(raw: str) -> str:
    """Normalised form of one token: "Node.js" -> "nodejs", ".NET" -> "dotnet", "Bac + 5" -> "bac+5"."""
    if len(raw) > 2 and raw[-1] == "s" and raw[:-1].isupper():
        raw = raw[:-1]  # acronym plurals: "KPIs", "APIs", "ETLs"
    tok = to_ascii(raw).casefold()
    if tok.startswith("."):
        tok = "dot" + tok[1:]
    if tok.startswith("bac") and "+" in tok:
        return "bac+" + "".join(ch for ch in tok if ch.isdigit())
    return tok.replace(".", "")


# Suffix folding, applied in order after the plural is removed. Each rule maps a family of forms to
# one spelling; it is only applied to words long enough that the rule cannot eat the word.
_GENDER_RULES: tuple[tuple[str, str, int], ...] = (
    ("ysis", "yse", 6),  # analysis -> analyse (en/fr)
    ("euse", "eur", 6),  # vendeuse -> vendeur
    ("trice", "teur", 7),  # animatrice -> animateur
    ("elle", "el", 6),  # professionnelle -> professionnel
    ("ienne", "ien", 6),  # technicienne -> technicien
    ("ive", "if", 6),  # creative/créative -> creatif
    ("ee", "e", 5),  # diplômée -> diplome
)


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Conservative FR/EN stem of a normalised token: plurals and gender, nothing else.

    "compétences" -> "competence", "réseaux" -> "reseau", "KPIs" -> "kpi", "processes" -> "process",
    "analysis"/"analyses" -> "analyse". Words of three letters or fewer ("aws", "ios", "bts") and
    words ending in -ss/-us/-is are left alone so acronyms and Latin-like words stay intact.
    """
    t = token
    if len(t) <= 3 or not t.isalpha():
        return t
    if t.endswith("eaux") or t.endswith("eux"):
        t = t[:-1]
    elif t.endswith("aux") and len(t) > 5:
        t = t[:-3] + "al"
    elif t.endswith("ies") and len(t) > 5:
        t = t[:-1]  # technologies -> technologie (fr) ; en "technology" folds below
    elif t.endswith("s") and not t.endswith(("ss", "us", "is")):
        t = t[:-1]
        # English -es plurals: processes -> processe -> process, boxes -> boxe -> box.
        if t.endswith(("sse", "che", "she", "xe", "ze")) and len(t) > 4:
            t = t[:-1]
    elif t.endswith(("sse", "che", "she", "xe", "ze")) and len(t) > 4:
        t = t[:-1]  # singular of the same family: "cache" -> "cach" like "caches"
    if t.endswith("y") and len(t) > 4 and t[-2] not in "aeiou":
        t = t[:-1] + "ie"  # technology -> technologie, strategy -> strategie (fr)
    for suffix, repl, min_len in _GENDER_RULES:
        if len(t) >= min_len and t.endswith(suffix):
            return t[: -len(suffix)] + repl
    return t


@dataclass(slots=True)
class Token:
    """One word of a text, with where it is, so hits can be shown in the original spelling."""

    raw: str  # as written
    norm: str  # normalise_token(raw)
    stem: str  # stem(norm)
    start: int
    end: int
    stop: bool  # a FR/EN stopword


_WORD_INFO: dict[str, tuple[str, str, bool]] = {}


def _word_info(raw: str) -> tuple[str, str, bool]:
    info = _WORD_INFO.get(raw)
    if info is None:
        norm = normalise_token(raw)
        info = (norm, stem(norm), norm in STOPWORDS)
        if len(_WORD_INFO) < 500_000:
            _WORD_INFO[raw] = info
    return info


_APOSTROPHES = frozenset("'\u2019\u2018`\u00b4")


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` with offsets into ``text`` itself (not into a normalised copy).

    Punctuation is never part of a word, so the text needs no unification first. A single letter
    before an apostrophe is an elided French stopword ("d'", "l'", "qu'"); a single letter elsewhere
    is a word ("C", "R&D", "e-commerce", "permis B").
    """
    out: list[Token] = []
    append = out.append
    n = len(text)
    for m in TOKEN_RE.finditer(text):
        raw = m.group()
        norm, stemmed, stop = _word_info(raw)
        end = m.end()
        if len(raw) == 1 and end < n and text[end] in _APOSTROPHES:
            stop = True
        append(Token(raw, norm, stemmed, m.start(), end, stop))
    return out


def iter_words(text: str) -> Iterator[str]:
    """Normalised words of ``text`` (no stemming), for counting."""
    for m in TOKEN_RE.finditer(text):
        yield _word_info(m.group())[0]


def term_tokens(term: str) -> tuple[str, ...]:
    """Stemmed tokens of a term, in order, without the stopwords *inside* it.

    "Gestion des projets" -> ("gestion", "projet"); "Compétences" -> ("competence",). Stopwords at
    the edges are kept because they carry meaning there: "IT support", "ingénieur du son",
    "mise en avant" must not shrink to "support", "ingenieur", "mise".
    """
    toks = tokenize(term)
    content = [i for i, t in enumerate(toks) if not t.stop]
    if not content:
        return tuple(t.stem for t in toks)
    first, last = content[0], content[-1]
    return tuple(t.stem for i, t in enumerate(toks) if not t.stop or i < first or i > last)


def term_key(term: str) -> tuple[str, ...]:
    """Order-free identity of a term: its sorted unique ``term_tokens``.

    "gestion de projet" and "projet (gestion)" share the key ("gestion", "projet").
    """
    return tuple(sorted(set(term_tokens(term))))

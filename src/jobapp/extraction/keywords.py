"""What an applicant tracking system would filter on: an offer's keywords, and how a CV covers them.

``offer_keywords`` weighs each lexicon skill by where the offer says it (the title and the
profile/skills parts weigh most, the company blurb and benefits least), by how often, and by kind
(a tool or a degree is a harder filter than a soft skill). A few repeated offer-specific phrases the
lexicon does not know are added at lower weight. ``coverage`` then checks each keyword against a CV
indexed once (:func:`index_text`), across languages: "project management" is covered by "gestion
de projets".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from jobapp.domain import KeywordCoverage
from jobapp.extraction.lexicon import load_lexicon
from jobapp.extraction.normalise import tokenize
from jobapp.extraction.sections import split_sections
from jobapp.extraction.skills import match_skills, phrase_counts
from jobapp.extraction.textindex import TextIndex, as_index, index_text, mentions

__all__ = ["Keyword", "coverage", "index_text", "offer_keywords"]

SECTION_WEIGHT = {
    "title": 3.0,
    "skills": 2.0,
    "profile": 2.0,
    "missions": 1.3,
    "other": 0.8,
    "intro": 0.8,
    "company": 0.3,
    "benefits": 0.2,
}
CATEGORY_WEIGHT = {
    "hard": 1.0,
    "tool": 1.0,
    "qualification": 0.9,
    "language": 0.8,
    "domain": 0.6,
    "soft": 0.5,
    "phrase": 0.45,
}


@dataclass(frozen=True, slots=True)
class Keyword:
    """One offer keyword. ``term`` is how the offer writes it; ``canonical`` is the lexicon skill
    (empty for an offer-specific phrase); ``weight`` is 0..1, the most important keyword being 1."""

    term: str
    category: str  # a lexicon category, or "phrase"
    weight: float
    canonical: str = ""


def _title_and_body(text: str) -> tuple[str, str]:
    """The first non-empty line, when short enough to be a title, and the rest."""
    lines = text.strip().splitlines()
    if lines and len(lines[0]) <= 120 and len(lines) > 1:
        return lines[0], "\n".join(lines[1:])
    return "", text


def offer_keywords(text: str, limit: int = 25) -> list[Keyword]:
    """The offer's ``limit`` most important keywords, most important first."""
    lex = load_lexicon()
    title, body = _title_and_body(text)
    parts = {"title": title, **split_sections(body)} if title else split_sections(body)
    scores: dict[int, float] = defaultdict(float)
    surface: dict[int, str] = {}
    phrase_count: dict[tuple[str, ...], int] = defaultdict(int)
    phrase_display: dict[tuple[str, ...], str] = {}
    for name, part in parts.items():
        if not part:
            continue
        section_weight = SECTION_WEIGHT.get(name, 0.8)
        tokens = tokenize(part)
        hits = match_skills(part, tokens, lex)
        per_skill: dict[int, int] = defaultdict(int)
        for hit in hits:
            per_skill[hit.skill] += 1
            surface.setdefault(hit.skill, part[hit.start : hit.end])
        for skill_idx, count in per_skill.items():
            # Repetition helps, with diminishing returns: 1 -> 1, 2 -> 1.5, 3+ -> 2.
            scores[skill_idx] += section_weight * min(1.0 + 0.5 * (count - 1), 2.0)
        if name not in ("company", "benefits", "other"):
            for phrase in phrase_counts(part, tokens, hits, min_len=2):
                phrase_count[phrase.key] += phrase.count
                phrase_display.setdefault(phrase.key, phrase.display)
    weighted: list[tuple[float, Keyword]] = []
    for skill_idx, score in scores.items():
        skill = lex.skills[skill_idx]
        value = score * CATEGORY_WEIGHT.get(skill.category, 0.6)
        term = _display(surface[skill_idx], skill.canonical)
        weighted.append((value, Keyword(term, skill.category, value, skill.canonical)))
    # Offer-specific phrases: repeated, multi-word, outside the lexicon; never more than a fifth.
    repeated = sorted(
        ((count, key) for key, count in phrase_count.items() if count >= 2),
        key=lambda ck: (-ck[0], -len(ck[1]), phrase_display[ck[1]]),
    )
    chosen: list[tuple[str, ...]] = []
    for count, key in repeated:
        if len(chosen) >= max(2, limit // 5):
            break
        if any(set(key) <= set(c) or set(c) <= set(key) for c in chosen):
            continue
        words = [w for w in phrase_display[key].split() if len(w) > 3]
        if words and all(w[:1].isupper() for w in words):
            continue  # "Acme Distribution": a name (employer, product), not a requirement
        chosen.append(key)
        value = CATEGORY_WEIGHT["phrase"] * min(1.0 + 0.5 * (count - 1), 2.5)
        weighted.append((value, Keyword(phrase_display[key], "phrase", value)))
    weighted.sort(key=lambda kv: -kv[0])
    top = weighted[:limit]
    best = top[0][0] if top else 1.0
    return [Keyword(kw.term, kw.category, round(value / best, 3), kw.canonical) for value, kw in top]


def _display(surface: str, canonical: str) -> str:
    """How to show a keyword: the offer's own spelling, unless it is an all-lowercase or
    all-uppercase variant of the canonical name ("python" -> "Python")."""
    clean = " ".join(surface.split())
    if clean.casefold() == canonical.casefold():
        return canonical
    if clean.islower() and len(clean) > 3:
        return clean[0].upper() + clean[1:]
    return clean


# A degree covers the lower ones an offer may ask for: a Master's satisfies "Bac+5" and "Bac+3".
_DEGREE_LADDER: tuple[tuple[str, ...], ...] = (
    ("PhD",),
    ("Bac+5", "Master's degree", "Engineering degree", "Business school degree", "MBA"),
    ("Bac+4",),
    ("Bac+3", "Bachelor's degree"),
    ("Bac+2", "BTS", "DUT/BUT"),
    ("Baccalauréat",),
)
_GENERIC_LEVELS = frozenset({"Bac+5", "Bac+4", "Bac+3", "Bac+2", "Baccalauréat"})
_SATISFIED_BY: dict[str, tuple[str, ...]] = {}
for _rank, _level in enumerate(_DEGREE_LADDER):
    for _name in _level:
        # "Bac+5" is met by any degree of that level or above; a named degree ("Engineering degree")
        # only by itself or a higher level.
        _upto = _rank + 1 if _name in _GENERIC_LEVELS else _rank
        _SATISFIED_BY[_name.casefold()] = tuple(n for lvl in _DEGREE_LADDER[:_upto] for n in lvl)


def keyword_covered(keyword: Keyword, index: TextIndex) -> bool:
    """Is one keyword present in the indexed CV (through its skill, a higher degree, or its words)?"""
    if keyword.canonical:
        if index.has_skill(keyword.canonical):
            return True
        higher = _SATISFIED_BY.get(keyword.canonical.casefold(), ())
        if any(index.has_skill(name) for name in higher):
            return True
    return mentions(keyword.term, index)


def coverage(keywords: list[Keyword], cv: str | TextIndex) -> KeywordCoverage:
    """Which keywords the CV has and misses; coverage is the weighted fraction covered (0..1).

    Pass a :class:`TextIndex` (``index_text(cv_text)``) when checking many offers against one CV.
    """
    index = as_index(cv)
    matched: list[str] = []
    missing: list[str] = []
    total = got = 0.0
    for kw in keywords:
        total += kw.weight
        if keyword_covered(kw, index):
            matched.append(kw.term)
            got += kw.weight
        else:
            missing.append(kw.term)
    return KeywordCoverage(matched=matched, missing=missing, coverage=round(got / total, 4) if total else 0.0)

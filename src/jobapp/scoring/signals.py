"""Text signals the hybrid score reads: skills, keywords, experience years, titles.

Keywords, skills and seniority come from :mod:`jobapp.extraction` (its FR/EN lexicon and aliases are
what make a French CV cover an English offer's keywords). When that package is not importable the
fallbacks here keep scoring working with simpler, language-neutral rules (skills = the lines of a
"Skills"/"Compétences" section, keywords = the offer's heaviest BM25 terms), so that the scoring
core can be developed, tested and benchmarked on its own.

Experience years are computed here in any case: the hybrid score needs *total years* on the CV
side (the union of dated periods, ``2019 - 2023``, ``2015 – présent``) and *required years* on the
offer side (``at least 5 years``, ``3 ans d'expérience minimum``), which is scoring logic.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from jobapp.domain import KeywordCoverage
from jobapp.scoring.text import tokens
from jobapp.textfold import fold_words

_SKILL_HEADING = re.compile(
    r"^\W*(?:required\s+|key\s+|technical\s+|hard\s+)?(?:skills?|competences?(?:\s+requises)?|"
    r"competences\s+techniques|savoir-faire|outils|technologies|tools|stack)\W*$"
)
_ANY_HEADING = re.compile(r"^\s*(?:#+\s*.+|[A-ZÀ-Ý][A-ZÀ-Ý &'/-]{3,}:?)\s*$")
_SECTION_WORDS = re.compile(
    r"^(?:[a-z]+\s+){0,3}(?:experiences?|professional|education|formations?|responsibilities|missions?|"
    r"profil|profile|about|summary|resume|languages?|langues?|certifications?|projects?|projets?|"
    r"interests?|loisirs|contact|personal information|informations?|qualifications?|requirements?|"
    r"description|benefits|avantages|company|entreprise|references?|diplomes?|parcours)"
    r"(?:\s+[a-z']+){0,3}$"
)
_EXPERIENCE_HEADING = re.compile(
    r"^\W*(?:work\s+|professional\s+|relevant\s+)?(?:experiences?|work history|employment|"
    r"experiences?\s+professionnelles?|parcours(?:\s+professionnel)?)\W*$"
)
_BULLET = re.compile(r"^\s*(?:[-*•·▪●]|\d+[.)])\s*")
_NOW_WORDS = (
    r"(?:present|presente|now|current|currently|today|aujourd'hui|aujourdhui|ce jour|actuel|en cours)"
)
_RANGE = re.compile(rf"\b((?:19|20)\d\d)\s*(?:-|–|—|to|and|a|au|et|jusqu'a)\s*((?:19|20)\d\d|{_NOW_WORDS})\b")
_YEARS = re.compile(r"\b(\d{1,2})\s*\+?\s*(?:years?|yrs?|ans|annees?)\b")


@lru_cache(maxsize=1)
def _extraction() -> Any | None:
    """``(keywords, skills, seniority)`` modules of :mod:`jobapp.extraction`, or None (fallbacks)."""
    try:
        from jobapp.extraction import keywords, seniority, skills
    except ImportError:
        return None
    return (keywords, skills, seniority)


def section_lines(text: str, heading: re.Pattern[str] = _SKILL_HEADING) -> list[str]:
    """Lines (bullets stripped) of every section whose heading matches ``heading``."""
    return list(_section_lines(text, heading))


@lru_cache(maxsize=4096)
def _section_lines(text: str, heading: re.Pattern[str]) -> tuple[str, ...]:
    out: list[str] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        folded = fold_words(line.lstrip("#").strip())
        if heading.match(folded) or heading.match(folded.rstrip(":")):
            inside = True
            continue
        if _ANY_HEADING.match(raw) or line.startswith("#") or _is_heading(folded):
            inside = False
            continue
        if inside:
            item = _BULLET.sub("", line).strip()
            if item:
                out.append(item)
    return tuple(out)


def _is_heading(folded: str) -> bool:
    """A short unbulleted line naming a usual CV/offer section (``Experience``, ``Formation :``)."""
    return bool(_SECTION_WORDS.match(folded.rstrip(": ")))


def lexicon_skills(text: str) -> list[str]:
    """Canonical names of the lexicon skills in ``text`` (same name in French and English texts).

    Empty when :mod:`jobapp.extraction` is not available.
    """
    return list(_lexicon_skills(text))


@lru_cache(maxsize=4096)
def _lexicon_skills(text: str) -> tuple[str, ...]:
    ext = _extraction()
    if ext is None:
        return ()
    return tuple(dict.fromkeys(hit.canonical for hit in ext[1].find_skills(text)))


def keyword_skills(keywords: list[Any]) -> set[str]:
    """Canonical lexicon skills among an offer's keywords (saves a second lexicon pass per offer)."""
    return {k.canonical for k in keywords if getattr(k, "canonical", "")}


def find_skills(text: str) -> list[str]:
    """The skills a text lists: its skills section's lines, else the lexicon skills it names."""
    return section_lines(text) or lexicon_skills(text)


def offer_keywords(text: str, limit: int = 25) -> list[Any]:
    """The offer's ATS keywords: extraction ``Keyword`` records, else its most frequent content words."""
    return list(_offer_keywords(text, limit))


@lru_cache(maxsize=4096)
def _offer_keywords(text: str, limit: int) -> tuple[Any, ...]:
    ext = _extraction()
    if ext is not None:
        return tuple(ext[0].offer_keywords(text, limit=limit))
    counts: dict[str, int] = {}
    for tok in tokens(text):
        counts[tok] = counts.get(tok, 0) + 1
    return tuple(sorted(counts, key=lambda t: (-counts[t], t))[:limit])


def cv_index(cv_text: str) -> Any:
    """What :func:`keyword_coverage` matches against, built once per CV."""
    ext = _extraction()
    if ext is not None:
        return ext[0].index_text(cv_text)
    return set(tokens(cv_text))


def keyword_coverage(keywords: list[Any], index: Any) -> KeywordCoverage:
    """Which of the offer's keywords the CV has (extraction's alias-aware matcher when available)."""
    ext = _extraction()
    if ext is not None:
        result: KeywordCoverage = ext[0].coverage(keywords, index)
        return result
    matched = [k for k in keywords if set(tokens(k)) <= index]
    missing = [k for k in keywords if k not in matched]
    coverage = len(matched) / len(keywords) if keywords else 0.0
    return KeywordCoverage(matched=matched, missing=missing, coverage=coverage)


@lru_cache(maxsize=256)
def cv_seniority(text: str) -> Any:
    """The CV's level and years (:func:`jobapp.extraction.seniority.cv_seniority`)."""
    from jobapp.extraction.seniority import cv_seniority as _cv_seniority

    return _cv_seniority(text)


@lru_cache(maxsize=4096)
def offer_level(text: str) -> str:
    """The offer's level (internship ... lead, or "" when it states none)."""
    from jobapp.extraction.seniority import detect_seniority

    return detect_seniority(text).level


def cv_occupations(text: str) -> tuple[Any, ...]:
    """ESCO occupations named by the CV's headline and job titles."""
    from jobapp.extraction.occupations import text_occupations

    return text_occupations(text)


def offer_occupations(title: str, text: str) -> tuple[Any, ...]:
    """ESCO occupations of the offer title (else of its first short lines)."""
    from jobapp.extraction.occupations import text_occupations, title_occupations

    found = title_occupations(title) if title else ()
    return found or text_occupations("\n".join(text.splitlines()[:5]), limit=3)


def occupation_similarity(first: tuple[Any, ...], second: tuple[Any, ...]) -> float | None:
    from jobapp.extraction.occupations import occupation_similarity as _similarity

    return _similarity(first, second)


def experience_lines(text: str) -> list[str]:
    """Lines of the CV's experience section(s): where past job titles are written."""
    return section_lines(text, _EXPERIENCE_HEADING)


@lru_cache(maxsize=4096)
def required_years(text: str) -> float | None:
    """Years of experience an offer asks for (extraction's rules, else the largest "N years" stated)."""
    ext = _extraction()
    if ext is not None:
        years: float | None = ext[2].detect_seniority(text).years
        return years
    stated = [int(n) for n in _YEARS.findall(fold_words(text)) if 0 < int(n) <= 20]
    return float(max(stated)) if stated else None


@lru_cache(maxsize=4096)
def dated_roles(cv_text: str, today: date | None = None) -> tuple[tuple[frozenset[str], float], ...]:
    """``(words, years)`` of each CV line that carries a period (``Data analyst (2019 - 2023)``)."""
    current = (today or date.today()).year
    roles = []
    for line in cv_text.splitlines():
        folded = fold_words(line)
        years = 0.0
        for start, end in _RANGE.findall(folded):
            e = current if not end[:1].isdigit() else int(end)
            if int(start) <= e <= current + 1:
                years += e - int(start)
        words = frozenset(t for t in tokens(_RANGE.sub(" ", folded)) if not t.isdigit())
        if years and words:
            roles.append((words, years))
    return tuple(roles)


@lru_cache(maxsize=4096)
def experience_requirements(offer_text: str) -> tuple[tuple[frozenset[str], float], ...]:
    """``(words, years)`` of each offer sentence asking for years of experience in something."""
    out = []
    for sentence in re.split(r"[\n.;]+", fold_words(offer_text)):
        numbers = [int(n) for n in _YEARS.findall(sentence) if 0 < int(n) <= 20]
        if numbers:
            out.append((frozenset(tokens(sentence)), float(max(numbers))))
    return tuple(out)


def required_experience_met(cv_text: str, offer_text: str) -> float | None:
    """How well the CV's dated roles meet the offer's "N years as/in X" requirements (0..1).

    Per requirement: the CV roles whose words mostly appear in it (share of the role's words
    >= 1/2) are summed; the score is best overlap x min(1, years found / years asked). Averaged
    over requirements; None when the offer states none.
    """
    needs = experience_requirements(offer_text)
    if not needs:
        return None
    roles = dated_roles(cv_text)
    scores = []
    for words, years in needs:
        overlaps = [(len(w & words) / len(w), y) for w, y in roles]
        relevant = [(o, y) for o, y in overlaps if o >= 0.5]
        if not relevant:
            scores.append(0.0)
            continue
        found = sum(y for _, y in relevant)
        scores.append(max(o for o, _ in relevant) * min(1.0, found / years))
    return float(np.mean(scores))


def guess_title(text: str) -> str:
    """A title for an offer given as bare text: its ``Job title`` section, else its first short line."""
    lines = [ln.strip().lstrip("#").strip() for ln in text.splitlines() if ln.strip()]
    for i, line in enumerate(lines[:-1]):
        if fold_words(line).rstrip(":") in {"job title", "title", "intitule du poste", "poste", "titre"}:
            return lines[i + 1]
    short = [ln for ln in lines if len(ln) <= 80]
    return short[0] if short else ""

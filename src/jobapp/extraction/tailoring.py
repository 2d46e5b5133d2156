"""How to tailor a CV to one offer, from the CV's own lines: deterministic, French and English.

An ATS and a recruiter read the offer's words. For each of the offer's keywords the advice says
one of three things, with the CV lines that support it:

- ``as_offer``: the CV already says it in the offer's words (nothing to do; the lines are the proof);
- ``reword``: the CV shows it in other words ("pilotage de projets" for "gestion de projet", an
  English CV line for a French offer, a master's degree for "Bac+3"): write it as the offer does;
- ``missing``: the CV does not show it: a gap to learn, or to add only if it is true.

Then which section to move up (the one holding most of the offer's keywords, when a less relevant
one comes first) and whether the headline should carry the offer's job title. Nothing here adds a
fact: every piece of advice quotes the CV or the offer.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from jobapp.extraction.cv_sections import cv_sections
from jobapp.extraction.keywords import Keyword, keyword_covered, offer_keywords
from jobapp.extraction.normalise import term_key
from jobapp.extraction.occupations import occupation_similarity, text_occupations, title_occupations
from jobapp.extraction.seniority import detect_language
from jobapp.extraction.textindex import TextIndex, index_text, mentions, mentions_literally

#: Lines quoted as evidence per keyword (the first ones, in the CV's order).
MAX_EVIDENCE = 3
#: Occupation similarity from which the offer's title may go in the CV's headline.
SAME_JOB = 0.7
_GENDER = re.compile(r"\s*[(\[]?\s*\b(?:h\s*/\s*f|f\s*/\s*h|m\s*/\s*f|f\s*/\s*m|m\s*/\s*w)\b\s*[)\]]?", re.I)


@dataclass(frozen=True)
class Evidence:
    section: str  # the CV section's heading as written ("" for the header)
    line: str


@dataclass
class KeywordAdvice:
    term: str  # the offer's wording
    required: bool
    status: str  # "as_offer" | "reword" | "missing"
    cv_wording: str = ""  # how the CV says it, when "reword"
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class SectionAdvice:
    heading: str  # the section to move up
    keywords: int  # offer keywords it holds
    above: str  # the section it should come before
    above_keywords: int


@dataclass
class TailoringAdvice:
    language: str  # the offer's: the advice is written in it
    offer_title: str
    keywords: list[KeywordAdvice]
    sections: list[SectionAdvice]
    headline_title: str = ""  # the offer's title, to put in the headline ("" = nothing to change)

    def of_status(self, status: str) -> list[KeywordAdvice]:
        return [k for k in self.keywords if k.status == status]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Line:
    section: str
    text: str
    index: TextIndex


@lru_cache(maxsize=8)
def _cv_lines(cv_text: str) -> tuple[_Line, ...]:
    """Every non-empty CV line with its section and its own index (CVs are a few hundred lines)."""
    return tuple(
        _Line(section.heading, line, index_text(line))
        for section in cv_sections(cv_text)
        for line in section.lines
    )


def tailoring_advice(
    offer_text: str, cv_text: str, *, offer_title: str = "", company: str = ""
) -> TailoringAdvice:
    """Advice to tailor ``cv_text`` to the offer (its text as the app stores it: title line first)."""
    language = detect_language(offer_text)
    keywords = offer_keywords(offer_text, company=company)
    cv_index, offer_index = index_text(cv_text), index_text(offer_text)
    lines = _cv_lines(cv_text)
    advice = [_keyword_advice(k, cv_index, lines) for k in keywords]
    for item, keyword in zip(advice, keywords, strict=True):
        item.term = _offer_wording(keyword, offer_index)
    title = _GENDER.sub("", offer_title or offer_text.strip().split("\n", 1)[0].split(" \u2014 ")[0]).strip(
        " -,"
    )
    return TailoringAdvice(
        language=language,
        offer_title=title,
        keywords=advice,
        sections=_section_advice(cv_text, advice),
        headline_title=_headline_title(title, cv_text),
    )


def _keyword_advice(keyword: Keyword, cv_index: TextIndex, lines: tuple[_Line, ...]) -> KeywordAdvice:
    if not keyword_covered(keyword, cv_index):
        return KeywordAdvice(keyword.term, keyword.required, "missing")
    literal = [ln for ln in lines if mentions_literally(keyword.term, ln.index)]
    if literal:
        evidence = [Evidence(ln.section, ln.text) for ln in literal[:MAX_EVIDENCE]]
        return KeywordAdvice(keyword.term, keyword.required, "as_offer", evidence=evidence)
    found = [(ln, _wording(keyword, ln.index)) for ln in lines if keyword_covered(keyword, ln.index)]
    found = found or [(ln, "") for ln in lines if mentions(keyword.term, ln.index)]
    wording = next((w for _, w in found if w), "")
    # the same words in another order or inflection: nothing to change
    status = "as_offer" if wording and term_key(wording) == term_key(keyword.term) else "reword"
    evidence = [Evidence(ln.section, ln.text) for ln, _ in found[:MAX_EVIDENCE]]
    return KeywordAdvice(
        keyword.term, keyword.required, status, wording if status == "reword" else "", evidence
    )


def _offer_wording(keyword: Keyword, offer: TextIndex) -> str:
    """The keyword as the offer writes it: its name shows the noun ("Motivation") where the offer
    may say "motivated", and advice to "write it as the offer does" must quote the offer."""
    if mentions_literally(keyword.term, offer) or not keyword.canonical:
        return keyword.term
    surface = _wording(keyword, offer)
    return surface if surface and keyword.canonical.casefold() in offer.canonicals else keyword.term


def _wording(keyword: Keyword, line: TextIndex) -> str:
    """How a line says the keyword's skill (its own spelling of it), "" when it says it otherwise."""
    if keyword.canonical:
        for hit in line.skills:
            if hit.canonical.casefold() == keyword.canonical.casefold():
                return hit.surface
    return line.skills[0].surface if line.skills else ""


def _section_advice(cv_text: str, advice: list[KeywordAdvice]) -> list[SectionAdvice]:
    """Move up the section holding most of the offer's keywords when a less relevant one precedes it
    (the header and the summary stay first: they are read before anything)."""
    weight: dict[str, int] = {}
    for item in advice:
        for heading in {e.section for e in item.evidence}:
            weight[heading] = weight.get(heading, 0) + (2 if item.required else 1)
    body = [s.heading for s in cv_sections(cv_text) if s.kind not in ("header", "summary")]
    if not body or not weight:
        return []
    best = max(body, key=lambda h: weight.get(h, 0))
    position = body.index(best)
    before = [h for h in body[:position] if weight.get(h, 0) * 2 <= weight.get(best, 0)]
    if not before or weight.get(best, 0) < 2:
        return []
    first = before[0]
    return [SectionAdvice(best, _count(advice, best), first, _count(advice, first))]


def _count(advice: list[KeywordAdvice], heading: str) -> int:
    return sum(1 for item in advice if any(e.section == heading for e in item.evidence))


def _headline_title(title: str, cv_text: str) -> str:
    """The offer's title when the CV is for that job but its header does not say so."""
    if not title:
        return ""
    sections = cv_sections(cv_text)
    if not sections:
        return ""
    header = " ".join(sections[0].lines[:6]) if sections[0].kind == "header" else ""
    if header and mentions_literally(title, index_text(header)):
        return ""
    offer_job = title_occupations(title)
    similarity = occupation_similarity(text_occupations(cv_text), offer_job) if offer_job else None
    return title if similarity is not None and similarity >= SAME_JOB else ""

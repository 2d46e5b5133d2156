"""Step 7: why an offer matches a CV, or not.

Division of labour, on purpose: the *verdict* comes from the calibrated score and the decision
threshold through :func:`verdict_for`, a rule in one place; the model only words the explanation.
What it lists is checked against facts computed without it: a strength must be a skill the CV
profile has and the offer asks for, a gap must be an offer keyword the CV misses (the keyword
coverage lists). Anything else is dropped, and a text quoting another score than the real one is
rejected. Without a model the explanation is a French or English template over the same facts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable
from functools import cache
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from jobapp.domain import (
    CvProfile,
    Explanation,
    KeywordCoverage,
    Offer,
    OfferSummary,
    Provenance,
    Verdict,
    text_hash,
)
from jobapp.llm import prompts
from jobapp.llm.field_checks import NOT_IN_SOURCE, OTHER_SCORE, Check, FieldAudit, reasons_for
from jobapp.llm.field_policy import fields_to_ask
from jobapp.llm.structured import generate_fields
from jobapp.messages import Message, catalogue, msg
from jobapp.models.base import LLM

EXPLAIN_MAX_TOKENS = 320
#: seniority levels in order (an internship and an apprenticeship are the same step).
LEVEL_RANK = {"internship": 0, "apprenticeship": 0, "junior": 1, "mid": 2, "senior": 3, "lead": 4}
MAX_LISTED = 5

Point = Annotated[str, StringConstraints(max_length=80)]


def verdict_for(score: float, threshold: float) -> Verdict:
    """The verdict of a 0-100 score (one rule for every face: :func:`jobapp.scoring.calibration.verdict_for`)."""
    from jobapp.scoring.calibration import verdict_for as _verdict_for

    return _verdict_for(score, threshold)  # type: ignore[return-value]


class ExplanationDraft(BaseModel):
    """What the model fills for step 7 (never the verdict, never the score)."""

    summary: str = Field("", max_length=600)
    strengths: list[Point] = Field(default_factory=list, max_length=6)
    gaps: list[Point] = Field(default_factory=list, max_length=6)


def explain_match(
    profile: CvProfile,
    summary: OfferSummary,
    offer: Offer,
    score: float,
    coverage: KeywordCoverage,
    threshold: float,
    llm: LLM | None,
    *,
    fields: Collection[str] | None = None,
) -> Explanation:
    """The explanation of one ranked offer, in the CV's language (the reader's), else the offer's.

    ``offer_id``/``cv_id`` come from ``offer.id`` (or ``summary.offer_id``) and ``profile.cv_id``,
    0 when the records were never stored (benchmarks).
    """
    verdict = verdict_for(score, threshold)
    language = prompts.lang(profile.language or summary.language)
    strengths_allowed = shared_skills(profile, summary, coverage)
    gaps_allowed = missing_skills(profile, summary, coverage)
    fallback = cache(
        lambda: templated_explanation(
            language, verdict, score, profile, summary, coverage, strengths_allowed, gaps_allowed
        )
    )
    provenance: dict[str, Provenance]
    all_fields = tuple(ExplanationDraft.model_fields)
    audit: FieldAudit | None = None
    asked = (
        ()
        if llm is None
        else tuple(fields if fields is not None else fields_to_ask(llm.name, "explanation", all_fields))
    )
    if llm is None or not asked:
        draft, provenance = fallback(), dict.fromkeys(all_fields, "extraction")
    else:
        facts = prompts.match_facts(
            language,
            verdict=verdict,
            score=score,
            cv_title=profile.title,
            offer_title=offer.title or summary.profile,
            matched=strengths_allowed[:8],
            missing=gaps_allowed[:8],
            cv_level=_level_text(language, profile.level, profile.years_experience),
            offer_level=_level_text(language, summary.seniority, None),
        )
        cv_words = " ".join([profile.title, profile.summary, *profile.hard_skills, *profile.soft_skills])
        audit = FieldAudit(f"{facts}\n{cv_words}\n{offer.full_text()}", company=offer.company)

        def summary_check(text: str) -> str:
            if text and quotes_other_score(text, score):
                audit.refuse("summary", OTHER_SCORE)
                return ""
            return audit.prose("summary", text, min_words=6, words=False)

        def points(name: str, allowed: list[str]) -> Check:
            def check(values: list[str]) -> list[str]:
                kept = cited(values, allowed)
                if values and not kept:
                    audit.refuse(name, NOT_IN_SOURCE)
                return kept

            return check

        draft, provenance = generate_fields(
            llm,
            lambda max_chars: prompts.task_messages("explanation", language, facts, max_chars=max_chars),
            ExplanationDraft,
            fields=asked,
            fallback=fallback,
            checks={
                "summary": summary_check,
                "strengths": points("strengths", strengths_allowed),
                "gaps": points("gaps", gaps_allowed),
            },
            language=language,
            max_tokens=EXPLAIN_MAX_TOKENS,
        )
    not_asked = frozenset(all_fields) - set(asked) if llm is not None else frozenset()
    key = [profile.input_hash, summary.input_hash, round(score, 1), threshold, coverage.model_dump()]
    return Explanation(
        offer_id=offer.id if offer.id is not None else (summary.offer_id or 0),
        cv_id=profile.cv_id or 0,
        verdict=verdict,
        **draft.model_dump(),
        provenance=provenance,
        replaced=reasons_for(provenance, audit, not_asked=not_asked) if llm is not None else {},
        model=llm.name if llm is not None and asked else "extraction",
        input_hash=text_hash(json.dumps([*key, prompts.PROMPT_VERSION], ensure_ascii=False, default=str)),
    )


# --------------------------------------------------------------------------- grounding


def _norm(term: str) -> str:
    from unidecode import unidecode

    return " ".join(re.findall(r"[a-z0-9+#.]+", unidecode(term).lower())).strip(".")


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        key = _norm(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def shared_skills(profile: CvProfile, summary: OfferSummary, coverage: KeywordCoverage) -> list[str]:
    """Skills the offer asks for that the CV profile has: coverage matches first.

    Offer skills are looked up in the profile's skills with the lexicon (aliases, either language,
    any word order), so "REST API" in the offer finds "API REST" in the CV.
    """
    from jobapp.extraction.grounding import ground

    cv_skills = "\n".join((*profile.hard_skills, *profile.soft_skills))
    asked = ground([*summary.key_skills, *summary.soft_skills], cv_skills)[0] if cv_skills else []
    return _unique([*coverage.matched, *asked])


def missing_skills(profile: CvProfile, summary: OfferSummary, coverage: KeywordCoverage) -> list[str]:
    """Offer keywords the CV misses: the coverage's missing list (what an ATS filters on).

    Only when no coverage was computed (both lists empty) are the offer's key skills absent from
    the profile used instead.
    """
    from jobapp.extraction.grounding import ground

    if coverage.matched or coverage.missing:
        return _unique(coverage.missing)
    cv_skills = "\n".join((*profile.hard_skills, *profile.soft_skills))
    return _unique(ground(summary.key_skills, cv_skills)[1] if cv_skills else summary.key_skills)


def cited(points: list[str], allowed: list[str]) -> list[str]:
    """The points that name at least one allowed skill (lexicon-aware, whole words)."""
    from jobapp.extraction.grounding import is_grounded
    from jobapp.extraction.textindex import index_text

    kept: list[str] = []
    for point in points:
        index = index_text(point)
        if any(is_grounded(skill, index) for skill in allowed):
            kept.append(point)
    return kept


_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s?%")


def quotes_other_score(text: str, score: float) -> bool:
    """True when the text states a percentage other than the real score (e.g. an injected "100%")."""
    return any(abs(float(raw.replace(",", ".")) - score) > 1.0 for raw in _PERCENT.findall(text))


# --------------------------------------------------------------------------- fallback


def templated_explanation(
    language: str,
    verdict: Verdict,
    score: float,
    profile: CvProfile,
    summary: OfferSummary,
    coverage: KeywordCoverage,
    strengths: list[str],
    gaps: list[str],
) -> ExplanationDraft:
    """The explanation without a model: verdict, keyword coverage and seniority, in FR or EN."""
    sentences = [msg(f"explanation.verdict_{verdict}", score=score)]
    total = len(coverage.matched) + len(coverage.missing)
    if total:
        listed = ", ".join(coverage.matched[:MAX_LISTED])
        covered = {"matched": len(coverage.matched), "total": total}
        sentences.append(
            msg("explanation.coverage_listed", listed=listed, **covered)
            if listed
            else msg("explanation.coverage", **covered)
        )
    if gaps:
        sentences.append(msg("explanation.missing", missing=", ".join(gaps[:MAX_LISTED])))
    seniority = seniority_message(profile.level, summary.seniority)
    if seniority is not None:
        sentences.append(seniority)
    return ExplanationDraft(
        summary=" ".join(s.render(language) for s in sentences)[:600],
        strengths=[s[:80] for s in strengths[:MAX_LISTED]],
        gaps=[g[:80] for g in gaps[:MAX_LISTED]],
    )


def level_word(level: str) -> Message | str:
    """A seniority code ("mid") as the reader says it ("mid-level", "confirmé"); unknown codes as they are."""
    return msg(f"level.{level}") if f"level.{level}" in catalogue("en") else level


def seniority_message(cv_level: str, offer_level: str) -> Message | None:
    """How the candidate's level compares with the offer's, or None when either is unknown."""
    if cv_level not in LEVEL_RANK or offer_level not in LEVEL_RANK:
        return None
    gap = LEVEL_RANK[cv_level] - LEVEL_RANK[offer_level]
    if gap == 0:
        return msg("explanation.level_same", cv=level_word(cv_level))
    key = "explanation.level_below" if gap < 0 else "explanation.level_above"
    return msg(key, cv=level_word(cv_level), offer=level_word(offer_level))


def seniority_sentence(language: str, cv_level: str, offer_level: str) -> str:
    """:func:`seniority_message` in ``language``, or "" when either level is unknown."""
    found = seniority_message(cv_level, offer_level)
    return found.render(language) if found is not None else ""


def _level_text(language: str, level: str, years: float | None) -> str:
    """ "confirmé, 6 ans" / "mid-level, 6 years" (either part may be missing)."""
    parts = [level_word(level)] if level else []
    if years:
        parts.append(msg("explanation.years", years=f"{years:g}"))
    return ", ".join(p.render(language) if isinstance(p, Message) else p for p in parts)

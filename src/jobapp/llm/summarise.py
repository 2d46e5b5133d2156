"""Step 2: what an offer asks for, and reading the fields of a pasted offer.

The offer text is untrusted (anyone can publish an offer): it reaches the model only inside a
fenced user message (:func:`jobapp.llm.prompts.task_messages`), every skill the model returns must
occur in the offer text or it is dropped, and no score or verdict is ever asked of the model. When
there is no model, or it fails, the same record is built deterministically from the extraction
helpers (sections, skill lexicon, seniority and contract detection).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from jobapp.domain import Offer, OfferSummary, Provenance, text_hash
from jobapp.llm import prompts
from jobapp.llm.structured import generate_fitting
from jobapp.llm.text_checks import has_words, occurs_literally
from jobapp.models.base import LLM

if TYPE_CHECKING:
    from jobapp.extraction.skills import SkillHit

Skill = Annotated[str, StringConstraints(max_length=40)]
#: the levels of :data:`jobapp.extraction.seniority.LEVELS` ("" = not said).
SeniorityLevel = Literal["", "internship", "apprenticeship", "junior", "mid", "senior", "lead"]
SENIORITY_LEVELS: tuple[str, ...] = ("internship", "apprenticeship", "junior", "mid", "senior", "lead")
#: lexicon categories listed as key/hard skills (soft skills, domains, qualifications apart).
HARD_CATEGORIES = frozenset({"hard", "tool", "language"})

_CONTRACT_NAMES = {
    "fr": {"cdi": "CDI", "cdd": "CDD", "stage": "Stage", "alternance": "Alternance", "freelance": "Freelance",
           "interim": "Intérim"},
    "en": {"cdi": "Permanent (CDI)", "cdd": "Fixed-term (CDD)", "stage": "Internship",
           "alternance": "Apprenticeship", "freelance": "Freelance", "interim": "Temporary"},
}  # fmt: skip

SUMMARY_MAX_TOKENS = 400
PASTED_MAX_TOKENS = 160


class OfferSummaryDraft(BaseModel):
    """What the model fills for step 2: small enough for a 135M model to complete."""

    profile: str = Field("", max_length=160)
    key_skills: list[Skill] = Field(default_factory=list, max_length=10)
    soft_skills: list[Skill] = Field(default_factory=list, max_length=6)
    seniority: SeniorityLevel = ""
    mission: str = Field("", max_length=240)
    contract: str = Field("", max_length=30)


class PastedOfferDraft(BaseModel):
    """The header fields of a pasted offer, copied from its text."""

    title: str = Field("", max_length=120)
    company: str = Field("", max_length=80)
    location: str = Field("", max_length=80)
    contract: str = Field("", max_length=30)


def summarise_offer(offer: Offer, llm: LLM | None) -> OfferSummary:
    """The offer's summary, in the offer's language; ``llm=None`` gives the extraction-only summary.

    ``model`` is the LLM's name whenever an LLM was asked (``provenance`` tells field by field
    whether its answer or the extraction was kept), else ``"extraction"``. ``input_hash`` covers
    the offer text and the prompt version.
    """
    from jobapp.extraction.grounding import ground, is_grounded
    from jobapp.extraction.seniority import detect_language

    text = offer.full_text()
    language = prompts.lang(detect_language(text))
    fallback = cache(lambda: summary_from_extraction(offer, language))
    provenance: dict[str, Provenance]

    if llm is None:
        draft, provenance = fallback(), dict.fromkeys(OfferSummaryDraft.model_fields, "extraction")
    else:

        def validate(d: OfferSummaryDraft) -> OfferSummaryDraft:
            known_level = fallback().seniority
            return d.model_copy(
                update={
                    "profile": d.profile if has_words(d.profile, 2) else "",
                    "mission": d.mission if has_words(d.mission, 4) else "",
                    "key_skills": in_lexicon_group(ground(d.key_skills, text)[0], soft=False),
                    "soft_skills": in_lexicon_group(ground(d.soft_skills, text)[0], soft=True),
                    "contract": d.contract if is_grounded(d.contract, text) else "",
                    # an explicit level in the text beats the model's guess
                    "seniority": "" if known_level else d.seniority,
                }
            )

        draft, provenance = generate_fitting(
            llm,
            lambda max_chars: prompts.task_messages("offer_summary", language, text, max_chars=max_chars),
            OfferSummaryDraft,
            fallback=fallback,
            validate=validate,
            language=language,
            max_tokens=SUMMARY_MAX_TOKENS,
        )
    return OfferSummary(
        offer_id=offer.id,
        language=language,
        **draft.model_dump(),
        provenance=provenance,
        model=llm.name if llm is not None else "extraction",
        input_hash=text_hash(f"{text}\n{prompts.PROMPT_VERSION}"),
    )


def summary_from_extraction(offer: Offer, language: str) -> OfferSummaryDraft:
    """The deterministic summary: sections, skill lexicon, seniority and contract detection."""
    from jobapp.extraction.sections import split_sections
    from jobapp.extraction.seniority import detect_contract, detect_seniority
    from jobapp.extraction.skills import find_skills

    text = offer.full_text()
    sections = split_sections(offer.description)
    groups = skills_by_group(find_skills(text), text)
    level = seniority_label(detect_seniority(text))
    contract = offer.contract or _CONTRACT_NAMES[language].get(detect_contract(text), "")
    mission_source = sections.get("missions") or sections.get("intro") or offer.description
    profile = offer.title or first_sentences(sections.get("profile", ""), 160)
    return OfferSummaryDraft(
        profile=profile[:160],
        key_skills=groups["hard"][:10],
        soft_skills=groups["soft"][:6],
        seniority=level,  # type: ignore[arg-type]
        mission=first_sentences(mission_source, 240),
        contract=contract[:30],
    )


def skills_by_group(hits: list[SkillHit], source: str) -> dict[str, list[str]]:
    """Lexicon hits by group ('hard': hard/tool/language, 'soft', 'domain', 'qualification').

    Most mentioned first. A skill is named as the text writes it ("API REST", "esprit d'équipe" in
    a French offer) unless the lexicon's canonical name occurs literally in the text: the summary
    stays in the source's language and every listed skill is grounded.
    """
    groups: dict[str, list[str]] = {"hard": [], "soft": [], "domain": [], "qualification": []}
    for hit in sorted(hits, key=lambda h: -h.count):
        name = (hit.canonical if occurs_literally(hit.canonical, source) else hit.surface).strip()
        group = "hard" if hit.category in HARD_CATEGORIES else hit.category
        target = groups.setdefault(group, [])
        if name and name.casefold() not in {s.casefold() for s in target}:
            target.append(name)
    return groups


def in_lexicon_group(items: list[str], *, soft: bool) -> list[str]:
    """Drop items the lexicon files under the other group ("Python" listed as a soft skill).

    Items the lexicon does not know are kept: it is a guard against mix-ups, not a whitelist.
    """
    from jobapp.extraction.skills import find_skills

    kept: list[str] = []
    for item in items:
        categories = {hit.category for hit in find_skills(item)}
        wrong_group = "soft" not in categories if soft else categories == {"soft"}
        if not (categories and wrong_group):
            kept.append(item)
    return kept


def seniority_label(seniority: object) -> str:
    """The detected level as one of :data:`SENIORITY_LEVELS`, or "" when nothing explicit was found."""
    level = str(getattr(seniority, "level", "") or "").lower()
    return level if level in SENIORITY_LEVELS else ""


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def first_sentences(text: str, max_chars: int) -> str:
    """Whole leading sentences or bullets (joined with "; ") that fit in ``max_chars``.

    At least the first one, cut at a word, so a mission is never empty when the text is not.
    """
    out = ""
    for piece in _SENTENCE_END.split(text or ""):
        piece = piece.strip(" \t-•*–—·")
        if not piece:
            continue
        joiner = " " if out.endswith((".", "!", "?", ";")) else "; "
        candidate = f"{out}{joiner}{piece}" if out else piece
        if len(candidate) > max_chars:
            if not out:
                cut = piece[:max_chars]
                out = cut[: cut.rfind(" ")] if " " in cut else cut
            break
        out = candidate
        if len(out) >= max_chars // 2:
            break
    return out


def parse_pasted_offer(text: str, llm: LLM | None) -> Offer:
    """An Offer from text the user pasted: header fields read by the model or guessed by rules.

    The description is the pasted text itself, never a model's rewrite, and a title, company or
    location the model returns is kept only when it occurs in the text.
    """
    from jobapp.extraction.offer_fields import guess_offer_fields
    from jobapp.extraction.seniority import detect_language

    body = text.strip()
    language = prompts.lang(detect_language(body))
    guessed = cache(lambda: guess_offer_fields(body))

    def fallback() -> PastedOfferDraft:
        fields = {k: str(guessed().get(k) or "")[:limit] for k, limit in _PASTED_LIMITS.items()}
        fields["contract"] = _CONTRACT_NAMES[language].get(fields["contract"].lower(), fields["contract"])
        return PastedOfferDraft(**fields)

    if llm is None:
        draft = fallback()
    else:

        def validate(d: PastedOfferDraft) -> PastedOfferDraft:
            return d.model_copy(
                update={k: v if occurs_literally(v, body) else "" for k, v in d.model_dump().items()}
            )

        draft, _ = generate_fitting(
            llm,
            lambda max_chars: prompts.task_messages("pasted_offer", language, body, max_chars=max_chars),
            PastedOfferDraft,
            fallback=cache(fallback),
            validate=validate,
            language=None,  # names and places have no language
            max_tokens=PASTED_MAX_TOKENS,
        )
    salary = str(guessed().get("salary") or "")[:80]
    return Offer(description=body, source="paste", salary=salary, **draft.model_dump())


_PASTED_LIMITS = {"title": 120, "company": 80, "location": 80, "contract": 30}

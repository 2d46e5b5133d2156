"""Step 2: what an offer asks for, and reading the fields of a pasted offer.

The offer text is untrusted (anyone can publish an offer): it reaches the model only inside a
fenced user message (:func:`jobapp.llm.prompts.task_messages`), every skill the model returns must
occur in the offer text or it is dropped, and no score or verdict is ever asked of the model. When
there is no model, or it fails, the same record is built deterministically from the extraction
helpers (sections, skill lexicon, seniority and contract detection).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from jobapp.domain import Offer, OfferSummary, Provenance, text_hash
from jobapp.llm import prompts
from jobapp.llm.field_checks import EXPLICIT_IN_SOURCE, Check, FieldAudit, junk_reason, reasons_for
from jobapp.llm.prompt_source import offer_source
from jobapp.llm.structured import generate_fields, generate_fitting
from jobapp.llm.text_checks import occurs_literally
from jobapp.models.base import LLM

if TYPE_CHECKING:
    from jobapp.extraction.skills import SkillHit

#: longest skill name a record holds (bounds what a model may write)
SKILL_MAX_CHARS = 40
Skill = Annotated[str, StringConstraints(max_length=SKILL_MAX_CHARS)]
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


def summarise_offer(offer: Offer, llm: LLM | None, *, fields: Collection[str] | None = None) -> OfferSummary:
    """The offer's summary, in the offer's language; ``llm=None`` gives the extraction-only summary.

    ``fields`` are the fields the model is asked for (default: the field policy's choice for this
    model). Each answer passes :class:`~jobapp.llm.field_checks.FieldAudit`; a field that fails is
    the extraction's, and ``replaced`` says why. ``model`` is the LLM's name whenever it was asked
    for at least one field, else ``"extraction"``. ``input_hash`` covers the offer text and the
    prompt version.
    """
    from jobapp.extraction.seniority import detect_language
    from jobapp.llm.field_policy import fields_to_ask

    text = offer.full_text()
    language = prompts.lang(detect_language(text))
    fallback = cache(lambda: summary_from_extraction(offer, language))
    all_fields = tuple(OfferSummaryDraft.model_fields)
    asked = (
        ()
        if llm is None
        else tuple(fields if fields is not None else fields_to_ask(llm.name, "summary", all_fields))
    )
    audit = FieldAudit(text, company=offer.company)

    def seniority(value: str) -> str:
        if value and fallback().seniority:  # an explicit level in the text beats the model's guess
            audit.refuse("seniority", EXPLICIT_IN_SOURCE)
            return ""
        return value

    checks: dict[str, Check] = {
        "profile": lambda v: audit.title("profile", v),
        "key_skills": lambda v: audit.items("key_skills", v, group="hard"),
        "soft_skills": lambda v: audit.items("soft_skills", v, group="soft"),
        "seniority": seniority,
        "mission": lambda v: audit.prose("mission", v, min_words=4),
        "contract": lambda v: audit.contract("contract", v),
    }
    provenance: dict[str, Provenance]
    if llm is None or not asked:
        draft, provenance = fallback(), dict.fromkeys(all_fields, "extraction")
    else:
        draft, provenance = generate_fields(
            llm,
            lambda max_chars: prompts.task_messages(
                "offer_summary", language, offer_source(offer), max_chars=max_chars
            ),
            OfferSummaryDraft,
            fields=asked,
            fallback=fallback,
            checks=checks,
            language=language,
            max_tokens=SUMMARY_MAX_TOKENS,
        )
    not_asked = frozenset(all_fields) - set(asked) if llm is not None else frozenset()
    return OfferSummary(
        offer_id=offer.id,
        language=language,
        **draft.model_dump(),
        provenance=provenance,
        replaced=reasons_for(provenance, audit if asked else None, not_asked=not_asked)
        if llm is not None
        else {},
        model=llm.name if llm is not None and asked else "extraction",
        input_hash=text_hash(f"{text}\n{prompts.PROMPT_VERSION}"),
    )


def summary_from_extraction(offer: Offer, language: str) -> OfferSummaryDraft:
    """The deterministic summary: sections, skill lexicon, seniority and contract detection."""
    from jobapp.extraction.offer_noise import company_keys, names_company
    from jobapp.extraction.sections import split_sections
    from jobapp.extraction.seniority import detect_contract, detect_seniority
    from jobapp.extraction.skills import find_skills

    text = offer.full_text()
    sections = split_sections(offer.description)
    groups = skills_by_group(find_skills(text), text)
    employer = company_keys(text, offer.company)  # an employer's name is never a skill
    # an employer's name is never a skill, nor a shift pattern ("Horaires : 3x8")
    groups = {
        g: [s for s in items if not names_company(s, employer) and not junk_reason(s)]
        for g, items in groups.items()
    }
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


def contract_code(name: str) -> str:
    """The contract code a summary's contract name stands for ("Temporary" -> "interim"), else ""."""
    folded = name.strip().casefold()
    return next(
        (code for names in _CONTRACT_NAMES.values() for code, n in names.items() if n.casefold() == folded),
        "",
    )


def skills_by_group(hits: list[SkillHit], source: str) -> dict[str, list[str]]:
    """Lexicon hits by group ('hard': hard/tool/language, 'soft', 'domain', 'qualification').

    Most mentioned first. A skill is named as the text writes it ("API REST", "esprit d'équipe" in
    a French offer) unless the lexicon's canonical name occurs literally in the text: the summary
    stays in the source's language and every listed skill is grounded. A wording longer than a
    record's item is named by the lexicon (still grounded: the check allows the lexicon's aliases).
    """
    groups: dict[str, list[str]] = {"hard": [], "soft": [], "domain": [], "qualification": []}
    for hit in sorted(hits, key=lambda h: -h.count):
        name = (hit.canonical if occurs_literally(hit.canonical, source) else hit.surface).strip()
        if len(name) > SKILL_MAX_CHARS:  # "Système d'Information Ressources Humaines": its lexicon name
            name = hit.canonical.strip()[:SKILL_MAX_CHARS]
        group = "hard" if hit.category in HARD_CATEGORIES else hit.category
        target = groups.setdefault(group, [])
        if name and name.casefold() not in {s.casefold() for s in target}:
            target.append(name)
    return groups


def in_lexicon_group(items: list[str], *, soft: bool) -> list[str]:
    """Drop items the lexicon files under the other group ("Python" listed as a soft skill)."""
    from jobapp.llm.field_checks import in_lexicon_group as fits

    return [item for item in items if fits(item, soft=soft)]


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

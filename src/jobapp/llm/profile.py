"""Step 4: the anonymised CV profile.

Privacy first: the CV is anonymised before anything else, and the prompt is built from the
anonymised text only (checked in code, not just by convention), so a name, e-mail or phone
number never reaches a model, local or remote. Every hard skill and degree the model returns must
occur in the (anonymised) CV text or it is dropped. Without a model, or when it fails, the profile
is built deterministically: skill lexicon, seniority detection, degree lines, first role-like line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

from jobapp.domain import CvProfile, Provenance, text_hash
from jobapp.llm import prompts
from jobapp.llm.field_checks import EXPLICIT_IN_SOURCE, Check, FieldAudit, reasons_for
from jobapp.llm.structured import generate_fields
from jobapp.llm.summarise import SKILL_MAX_CHARS, SeniorityLevel, seniority_label, skills_by_group
from jobapp.messages import catalogue
from jobapp.models.base import LLM, Message

Item = Annotated[str, StringConstraints(max_length=SKILL_MAX_CHARS)]
Phrase = Annotated[str, StringConstraints(max_length=100)]
Degree = Annotated[str, StringConstraints(max_length=120)]

PROFILE_MAX_TOKENS = 512


class CvProfileDraft(BaseModel):
    """What the model fills for step 4."""

    title: str = Field("", max_length=80)
    summary: str = Field("", max_length=400)
    hard_skills: list[Item] = Field(default_factory=list, max_length=15)
    soft_skills: list[Item] = Field(default_factory=list, max_length=8)
    level: SeniorityLevel = ""
    years_experience: float | None = Field(None, ge=0, le=50)
    sectors: list[Item] = Field(default_factory=list, max_length=5)
    strengths: list[Phrase] = Field(default_factory=list, max_length=5)
    education: list[Degree] = Field(default_factory=list, max_length=5)


class IdentifierLeak(RuntimeError):
    """A prompt about to leave for a model was not built from the anonymised CV (a bug)."""


def build_cv_profile(cv_text: str, llm: LLM | None, *, fields: Collection[str] | None = None) -> CvProfile:
    """The anonymised profile of a CV; ``llm=None`` gives the extraction-only profile.

    ``fields`` are the fields the model is asked for (default: the field policy's choice for this
    model); each answer passes the checks of :class:`~jobapp.llm.field_checks.FieldAudit` against
    the anonymised text, and ``replaced`` says why a field is the extraction's. ``removed`` counts
    the identifiers anonymisation took out. ``input_hash`` covers the raw CV text and the prompt
    version (the anonymised text is derived from it).
    """
    from jobapp.documents.anonymise import anonymise
    from jobapp.extraction.seniority import detect_language
    from jobapp.llm.field_policy import fields_to_ask

    anonymised = anonymise(cv_text)
    text = anonymised.text
    language = prompts.lang(detect_language(text))
    audit = FieldAudit(text)
    fallback = cache(lambda: audited_items(profile_from_extraction(text, language), audit))
    all_fields = tuple(CvProfileDraft.model_fields)
    asked = (
        ()
        if llm is None
        else tuple(fields if fields is not None else fields_to_ask(llm.name, "profile", all_fields))
    )
    provenance: dict[str, Provenance]

    if llm is None or not asked:
        draft, provenance = fallback(), dict.fromkeys(all_fields, "extraction")
    else:

        def make_messages(max_chars: int) -> list[Message]:
            messages = prompts.task_messages("cv_profile", language, text, max_chars=max_chars)
            ensure_anonymised(messages, text, cv_text, max_chars)
            return messages

        draft, provenance = generate_fields(
            llm,
            make_messages,
            CvProfileDraft,
            fields=asked,
            fallback=fallback,
            checks=profile_checks(audit, fallback),
            language=language,
            max_tokens=PROFILE_MAX_TOKENS,
        )
    not_asked = frozenset(all_fields) - set(asked) if llm is not None else frozenset()
    return CvProfile(
        language=language,
        **draft.model_dump(),
        removed=dict(anonymised.removed),
        provenance=provenance,
        replaced=reasons_for(provenance, audit if asked else None, not_asked=not_asked)
        if llm is not None
        else {},
        model=llm.name if llm is not None and asked else "extraction",
        input_hash=text_hash(f"{cv_text}\n{prompts.PROMPT_VERSION}"),
    )


def audited_items(draft: CvProfileDraft, audit: FieldAudit) -> CvProfileDraft:
    """The rules' list items, minus those the model's would be refused for: a line that is mostly a
    date ("Master's thesis (M.Sc, 2014-15)") or an employer's name (real dev CVs showed both)."""
    from jobapp.llm.shown_fields import PROFILE_FIELDS

    updates = {
        name: [v for v in getattr(draft, name) if not audit.item_reason(v)]  # junk_reason included
        for name, kind in PROFILE_FIELDS.items()
        if kind == "items"
    }
    return draft.model_copy(update=updates)


def profile_checks(audit: FieldAudit, fallback: Callable[[], CvProfileDraft]) -> dict[str, Check]:
    """The check of each profile field (see :mod:`jobapp.llm.field_checks`)."""

    def explicit(name: str) -> Check:
        def check(value: Any) -> Any:
            known = getattr(fallback(), name)
            if value not in ("", None) and known not in ("", None):  # evidence in the text beats a guess
                audit.refuse(name, EXPLICIT_IN_SOURCE)
                return "" if isinstance(value, str) else None
            return value

        return check

    return {
        "title": lambda v: audit.title("title", v),
        "summary": lambda v: audit.prose("summary", v, min_words=5),
        "hard_skills": lambda v: audit.items("hard_skills", v, group="hard"),
        "soft_skills": lambda v: audit.items("soft_skills", v, group="soft"),
        "level": explicit("level"),
        "years_experience": explicit("years_experience"),
        "sectors": lambda v: audit.items("sectors", v),
        "strengths": lambda v: audit.items("strengths", v),
        "education": lambda v: audit.items("education", v),
    }


def ensure_anonymised(
    messages: list[Message], anonymised_text: str, raw_text: str, max_chars: int = prompts.MAX_SOURCE_CHARS
) -> None:
    """Refuse to send a prompt whose CV block is not exactly the (cut) anonymised text.

    A real ``raise`` rather than ``assert`` (which ``python -O`` strips): this guards privacy.
    """
    user = "\n".join(m["content"] for m in messages if m["role"] == "user")
    if prompts.fence(anonymised_text, "CV", max_chars) not in user:
        raise IdentifierLeak("the CV prompt was not built from the anonymised text")
    raw_head, anonymised_head = raw_text[:max_chars], anonymised_text[:max_chars]
    if raw_head != anonymised_head and raw_head.strip() and raw_head in user:
        raise IdentifierLeak("the raw CV text is in the prompt")


# --------------------------------------------------------------------------- fallback

_DEGREE = re.compile(
    r"\b(master|mast[eè]re|licence|bachelor|doctorat|ph\.?\s?d|m\.sc|b\.sc|dipl[oô]me|diploma|degree|"
    r"[ée]cole d'ing[ée]nieurs?|engineering school|bac\s?\+\s?\d|baccalaur[ée]at|grande [ée]cole|"
    r"certificat|certification|university|universit[ée])\b",
    re.I,
)
#: degree acronyms are matched case-sensitively: "BUT" is a French degree, "but" is not.
_DEGREE_ACRONYM = re.compile(r"\b(BTS|DUT|BUT|CAP|BEP|DEUG|DESS|DEA|MBA|MSc|BSc|PhD|MEng|BEng)\b")
ROLE_WORDS = re.compile(
    r"\b(d[ée]veloppeu(?:r|se)|developer|engineer|ing[ée]nieure?|chef de projet|project manager|manager|"
    r"consultante?|analyste?|data scientist|scientist|designer|technicien(?:ne)?|technician|"
    r"commercial(?:e)?|sales|assistante?|responsable|directeur|directrice|director|architecte?|"
    r"comptable|accountant|infirmi[eè]re?|nurse|product owner|scrum master|devops|administrat(?:eur|rice)|"
    r"administrator|charg[ée]e? d[e']|juriste|lawyer|graphiste|r[ée]dact(?:eur|rice)|writer|formateur|"
    r"trainer|enseignant(?:e)?|teacher|vendeu(?:r|se)|acheteu(?:r|se)|buyer|officer|specialist|"
    r"sp[ée]cialiste|lead|head of|stagiaire|intern|apprenti(?:e)?|op[ée]rat(?:eur|rice)|agent)\b",
    re.I,
)
_HEADINGS = re.compile(
    r"^(exp[ée]riences?( professionnelles?)?|work experience|experience|comp[ée]tences|skills|formations?|"
    r"education|dipl[oô]mes|langues|languages|loisirs|hobbies|centres d'int[ée]r[eê]t|profil|profile|"
    r"summary|r[ée]sum[ée]|contact|projets?|projects?|certifications?)\s*:?$",
    re.I,
)
_PLACEHOLDER = re.compile(r"[\[<{][A-Z_ ]{2,}[\]>}]")


def profile_from_extraction(text: str, language: str) -> CvProfileDraft:
    """The deterministic profile of an anonymised CV text."""
    from jobapp.extraction.seniority import cv_seniority
    from jobapp.extraction.skills import find_skills

    groups = skills_by_group(find_skills(text), text)
    hard = groups["hard"]
    seniority = cv_seniority(text)
    years = seniority.years
    level = seniority_label(seniority)
    title = first_role_line(text)
    if title and FieldAudit(text).title_reason(title):  # "Data Analyst – Références" is no title
        title = ""
    return CvProfileDraft(
        title=title,
        summary=templated_summary(language, title, level, years, hard),
        hard_skills=hard[:15],
        soft_skills=groups["soft"][:8],
        sectors=groups["domain"][:5],
        level=level,  # type: ignore[arg-type]
        years_experience=float(years) if years is not None and 0 <= float(years) <= 50 else None,
        education=education_lines(text)[:5],
    )


def first_role_line(text: str) -> str:
    """The first short line naming a role ("Développeuse Python", "Data Engineer"), else ""."""
    for raw in text.splitlines()[:40]:
        line = raw.strip(" \t-•*|·:")
        if not line or len(line) > 80 or _PLACEHOLDER.search(line) or "@" in line:
            continue
        if _HEADINGS.match(line) or len(line.split()) > 10:
            continue
        if ROLE_WORDS.search(line) and not re.search(r"\d{4}", line):
            return line
    return ""


def education_lines(text: str) -> list[str]:
    """Lines that name a degree (French or English), tidied, without duplicates."""
    out: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.strip(" \t-•*|·").split())
        is_degree = bool(_DEGREE.search(line) or _DEGREE_ACRONYM.search(line))
        if not (4 <= len(line) <= 120 and is_degree) or _HEADINGS.match(line):
            continue
        if line.casefold() not in {o.casefold() for o in out}:
            out.append(line)
    return out


def templated_summary(language: str, title: str, level: str, years: float | None, skills: list[str]) -> str:
    """A one-sentence summary from the extracted facts (no model)."""
    top = ", ".join(skills[:5])
    if language == "fr":
        parts = [title or "Profil"]
        if level:  # the French word of the level code ("mid" -> "confirmé")
            parts.append(f"niveau {catalogue('fr').get(f'level.{level}', level)}")
        if years:
            parts.append(f"{years:g} ans d'expérience")
        sentence = ", ".join(parts) + "."
        return f"{sentence} Compétences principales : {top}." if top else sentence
    parts = [title or "Profile"]
    if level:
        parts.append(f"{level} level")
    if years:
        parts.append(f"{years:g} years of experience")
    sentence = ", ".join(parts) + "."
    return f"{sentence} Main skills: {top}." if top else sentence

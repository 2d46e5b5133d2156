"""Per-field checks every LLM answer passes before it is shown, and why a field failed.

Why: a small model fills a schema with anything that has the right type: an employer's name as
the only key skill ("Lumio Énergies"), "2 jours de télétravail par semaine" as the profile sought,
"c'est" as a contract, "1.1.1.1" as a sector, "2023-01-01" as a strength, "soft_skill" as a chip,
"Demonstration of the Future" as a job title. Each field type has its own test here:

- list items (skills, sectors, strengths, degrees) must occur in the source (accents, case, plural
  and lexicon aliases aside) and be neither a date, a number, a numbering, a placeholder nor the
  employer's name;
- a title must read as a job title (ESCO occupation or a role word) and be written in the source;
- prose (mission, summaries) must be mostly the source's own words;
- a contract must name a contract type the source states.

:class:`FieldAudit` runs these checks and remembers, field by field, why a value was refused, so the
step can say "kept 3, replaced 3 (contract: not a contract type)" and the record can carry it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Any

from jobapp.extraction.textindex import TextIndex, index_text
from jobapp.llm.text_checks import PLACEHOLDERS, has_words

NOT_IN_SOURCE = "not in the source"
NUMBER = "a date or number"
PLACEHOLDER = "a placeholder"
EMPLOYER = "the employer's name"
NOT_A_TITLE = "not a job title"
NOT_A_CONTRACT = "not a contract type"
TOO_SHORT = "too short"
WRONG_GROUP = "in the wrong skill group"
OTHER_SCORE = "quotes another score"
EXPLICIT_IN_SOURCE = "the source states it"
NO_ANSWER = "no usable answer"
NOT_ASKED = "not asked (field policy)"

#: an ESCO occupation match below this score does not make a phrase a job title.
MIN_TITLE_SCORE = 0.7

_FULL_DATE = re.compile(r"\b\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b")
_NUMBERING = re.compile(r"^\s*\(?\d+(?:[.)]\d*)+\s*")
_MONTHS = re.compile(
    r"\b(?:janv(?:ier)?|f[ée]v(?:rier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|"
    r"oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?|jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|"
    r"july?|aug(?:ust)?|sep(?:tember)?|october|november|december|present|pr[ée]sent|aujourd'hui|today)\b",
    re.I,
)
_BRACKETED = re.compile(r"[\[<{][^\]>}]*[\]>}]")
#: what a model copies from a schema or a template instead of an answer.
_GENERIC = frozenset(
    {"skill", "skills", "soft skill", "soft skills", "hard skill", "hard skills", "compétence", "compétences",
     "competence", "competences", "item", "items", "string", "example", "exemple", "text", "texte", "value",
     "valeur", "etc", "title", "titre", "sector", "secteur", "strength", "degree", "diplôme", "profile",
     "profil", "summary", "résumé", "contract", "contrat", "seniority", "level"}
)  # fmt: skip
_HEADING = re.compile(
    r"^(?:r[ée]f[ée]rences?|exp[ée]riences?(?: professionnelles?)?|work experience|experience|"
    r"comp[ée]tences|skills|formations?|education|dipl[oô]mes|langues|languages|loisirs|hobbies|"
    r"centres d'int[ée]r[eê]t|interests|profil|profile|summary|r[ée]sum[ée]|contact|projets?|projects?|"
    r"certifications?|[àa] propos|about(?: me)?|curriculum vitae|cv|resume)$",
    re.I,
)
_TITLE_PARTS = re.compile(r"\s+[-–—|·/]\s+|\s*[|·]\s*|\s*:\s+")


def junk_reason(item: str) -> str:
    """Why ``item`` cannot be a list item whatever the source says ("" when it can)."""
    text = item.strip()
    folded = text.casefold().strip(" .:;")
    if folded in PLACEHOLDERS or folded in _GENERIC or "_" in text or _BRACKETED.search(text):
        return PLACEHOLDER
    if _FULL_DATE.search(text) or _NUMBERING.match(text):
        return NUMBER
    letters = sum(1 for c in _MONTHS.sub("", text) if c.isalpha())
    if letters == 0 or (any(c.isdigit() for c in text) and letters < 2):  # "R", "C++" are skills
        return NUMBER
    return ""


def reads_as_job_title(title: str) -> bool:
    """A role word ("Développeuse", "Engineer") or a phrase close to an ESCO occupation label."""
    from jobapp.extraction.occupations import title_occupations
    from jobapp.llm.profile import ROLE_WORDS

    if ROLE_WORDS.search(title):
        return True
    matches = title_occupations(title)
    return bool(matches) and matches[0].score >= MIN_TITLE_SCORE


def in_lexicon_group(item: str, *, soft: bool) -> bool:
    """False when the lexicon files ``item`` under the other group ("Python" as a soft skill).

    Items the lexicon does not know pass: a guard against mix-ups, not a whitelist.
    """
    from jobapp.extraction.skills import find_skills

    categories = {hit.category for hit in find_skills(item)}
    wrong_group = "soft" not in categories if soft else categories == {"soft"}
    return not (categories and wrong_group)


class FieldAudit:
    """Checks the fields of one record against its source and records why a field was refused.

    ``company`` is the employer's name when known (an offer's field); names the text introduces
    with a legal form or "X recrute" are found without it.
    """

    def __init__(self, source: str, *, company: str = "") -> None:
        self.source = source
        self.company = company
        self.reasons: dict[str, str] = {}
        self.dropped: dict[str, list[str]] = {}

    @cached_property
    def index(self) -> TextIndex:
        return index_text(self.source)

    @cached_property
    def employer_keys(self) -> set[tuple[str, ...]]:
        from jobapp.extraction.offer_noise import company_keys

        return company_keys(self.source, self.company)

    def refuse(self, name: str, reason: str) -> None:
        self.reasons.setdefault(name, reason)

    def item_reason(self, item: str, *, aliases: bool = True, group: str | None = None) -> str:
        """Why one list item is refused ("" when it is kept)."""
        from jobapp.extraction.grounding import is_grounded
        from jobapp.extraction.offer_noise import names_company

        reason = junk_reason(item)
        if reason:
            return reason
        if not is_grounded(item, self.index, aliases=aliases):
            return NOT_IN_SOURCE
        if names_company(item, self.employer_keys):
            return EMPLOYER
        if group in {"hard", "soft"} and not in_lexicon_group(item, soft=group == "soft"):
            return WRONG_GROUP
        return ""

    def items(
        self, name: str, values: list[str], *, aliases: bool = True, group: str | None = None
    ) -> list[str]:
        """The items that pass; the field is refused (with the first item's reason) when none does."""
        kept: list[str] = []
        first_reason = ""
        for item in values:
            reason = self.item_reason(item, aliases=aliases, group=group)
            if reason:
                self.dropped.setdefault(name, []).append(item)
                first_reason = first_reason or reason
            else:
                kept.append(item)
        if values and not kept:
            self.refuse(name, first_reason)
        return kept

    def title_reason(self, title: str) -> str:
        """Why ``title`` is refused as a job title ("" when it is kept)."""
        from jobapp.extraction.normalise import term_tokens
        from jobapp.extraction.textindex import mentions_literally

        text = title.strip()
        if not text:
            return NO_ANSWER
        reason = junk_reason(text)
        if reason:
            return reason
        parts = [p.strip(" .") for p in _TITLE_PARTS.split(text) if p.strip(" .")]
        if any(_HEADING.match(p) for p in parts) or not reads_as_job_title(text):
            return NOT_A_TITLE
        # "in or near the source": the phrase itself, or all its words ("Développeuse backend Python"
        # for a CV saying "Développeuse Python" and "Développeuse backend chez ...")
        if not (mentions_literally(text, self.index) or self.index.has_all_words(term_tokens(text))):
            return NOT_IN_SOURCE
        return ""

    def title(self, name: str, value: str) -> str:
        return self._keep(name, value, self.title_reason(value) if value else "")

    def prose_reason(self, text: str, *, min_words: int, words: bool = True) -> str:
        """Why a free text is refused: too short, a placeholder, a skill the source does not name,
        or (``words=True``) not mostly the source's own words.

        ``words=False`` is for texts that reword facts (an explanation): only the skills they name
        must come from the source.
        """
        from jobapp.extraction.grounding import is_grounded
        from jobapp.extraction.skills import find_skills

        if not has_words(text, min_words):
            return TOO_SHORT
        if _BRACKETED.search(text) or "_" in text:
            return PLACEHOLDER
        if words and not is_grounded(text, self.index):
            return NOT_IN_SOURCE
        if any(not is_grounded(hit.surface, self.index) for hit in find_skills(text)):
            return NOT_IN_SOURCE
        return ""

    def prose(self, name: str, value: str, *, min_words: int, words: bool = True) -> str:
        reason = self.prose_reason(value, min_words=min_words, words=words) if value else ""
        return self._keep(name, value, reason)

    def contract_reason(self, value: str) -> str:
        """A contract must be a contract type (CDI, internship...) that the source states."""
        from jobapp.extraction.seniority import detect_contract
        from jobapp.extraction.textindex import mentions_literally

        code = detect_contract(value)
        if not code:
            return NOT_A_CONTRACT
        if code != detect_contract(self.source) and not mentions_literally(value, self.index):
            return NOT_IN_SOURCE
        return ""

    def contract(self, name: str, value: str) -> str:
        return self._keep(name, value, self.contract_reason(value) if value else "")

    def _keep(self, name: str, value: str, reason: str) -> str:
        if reason:
            self.refuse(name, reason)
            return ""
        return value


def reasons_for(
    provenance: Mapping[str, str], audit: FieldAudit | None, *, not_asked: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Why each field that is not the model's came from the rules (for the record and the log)."""
    out: dict[str, str] = {}
    for name, origin in provenance.items():
        if origin == "llm":
            continue
        if name in not_asked:
            out[name] = NOT_ASKED
        elif audit is None:
            out[name] = NO_ANSWER
        else:
            out[name] = audit.reasons.get(name, NO_ANSWER)
    return out


Check = Callable[[Any], Any]

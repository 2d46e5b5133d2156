"""Remove the candidate's identity from a CV text before any model reads it (step 4).

What goes: e-mails, phone numbers (French and international), URLs and social handles, street
addresses, postcodes, dates of birth / age, and the candidate's name wherever it appears. What
stays: everything that matters for matching — skills, employers, schools, cities of past jobs,
years and date ranges, salaries. Each pattern is written so that a year range ("2019 - 2023") or a
salary ("45 000 €") cannot look like a phone number, and the counts per kind are returned so the
UI can show what was removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jobapp.documents.names import find_names, full_name_variants, name_tokens

KINDS = ("email", "phone", "url", "handle", "address", "postcode", "birthdate", "name")
PLACEHOLDER = {kind: f"[{kind.upper()}]" for kind in KINDS}

_MONTHS = (
    r"janv(?:ier|\.)?|f[ée]vr(?:ier|\.)?|mars|avr(?:il|\.)?|mai|juin|juil(?:let|\.)?|ao[uû]t|"
    r"sept(?:embre|\.)?|oct(?:obre|\.)?|nov(?:embre|\.)?|d[ée]c(?:embre|\.)?|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = (
    rf"(?:\d{{1,2}}(?:er|st|nd|rd|th)?[\s/.\-]+(?:\d{{1,2}}|{_MONTHS})\.?[\s/.\-]+\d{{2,4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
)
_BIRTH_LABEL = (
    r"(?:n[ée]e?\s+le|date\s+de\s+naissance|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?|"
    r"d\.?o\.?b\.?|naissance)"
)
_STREET_FR = (
    r"rue|avenue|av\.|bd\.?|boulevard|place|all[ée]e|chemin|impasse|route|quai|cours|square|passage|voie|"
    r"r[ée]sidence|lotissement|faubourg|rond-point|cit[ée]|sentier|hameau|lieu-dit|villa"
)
_STREET_EN = (
    r"Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Boulevard|Blvd\.?|Court|Way|Place|"
    r"Square|Terrace|Close|Crescent|Parkway|Gardens|Mews"
)
_PROFILE_SITES = (
    r"linkedin\.com|github\.com|gitlab\.com|bitbucket\.org|twitter\.com|x\.com|medium\.com|behance\.net|"
    r"dribbble\.com|stackoverflow\.com|kaggle\.com|malt\.fr|instagram\.com|facebook\.com|youtube\.com"
)

# (kind, compiled pattern, group to replace: 0 = whole match)
_RULES: list[tuple[str, re.Pattern[str], int]] = [
    ("email", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b"), 0),
    (
        "email",
        re.compile(
            r"\b[\w.+-]+\s*[\[(]\s*(?:at|arobase)\s*[\])]\s*[\w-]+(?:\s*[\[(]\s*(?:dot|point)\s*[\])]\s*|\.)[A-Za-z]{2,}\b",
            re.IGNORECASE,
        ),
        0,
    ),
    ("url", re.compile(r"\b(?:https?://|www\.)[^\s<>\"'|]+[^\s<>\"'|.,;:!?)\]]", re.IGNORECASE), 0),
    (
        "url",
        re.compile(
            rf"\b(?:[a-z]{{2,3}}\.)?(?:{_PROFILE_SITES})/[^\s<>\"'|,;)\]]+[^\s<>\"'|.,;:!?)\]]", re.IGNORECASE
        ),
        0,
    ),
    (
        "url",
        re.compile(r"(?<![\w@.])[a-z0-9][a-z0-9-]*\.(?:com|fr|net|org|dev|me|eu|page|site)\b(?:/[^\s|]*)?"),
        0,
    ),
    (
        "handle",
        re.compile(
            r"\b(?:linkedin|github|gitlab|twitter|skype|telegram|discord|instagram|x)\s*[:：]\s*(?!\[)(@?[\w.-]{2,})",
            re.IGNORECASE,
        ),
        1,
    ),
    ("handle", re.compile(r"(?<![\w@.\[])@[A-Za-z0-9_][A-Za-z0-9_.-]{1,38}\b"), 0),
    (
        "birthdate",
        re.compile(rf"(?<!\w)({_BIRTH_LABEL})(\s*[:：]?\s*)({_DATE})", re.IGNORECASE),
        3,
    ),
    ("birthdate", re.compile(r"(?<!\w)(?:n[ée]e?|born)\s+(?:en|in)\s+((?:19|20)\d{2})\b", re.IGNORECASE), 1),
    (
        "birthdate",
        re.compile(r"\b(?:[âa]ge|age)\s*[:：]?\s*(\d{2}\s*(?:ans|years(?:\s+old)?))", re.IGNORECASE),
        1,
    ),
    ("birthdate", re.compile(r"\(\s*(\d{2}\s*(?:ans|years\s+old))\s*\)", re.IGNORECASE), 1),
    (
        "phone",
        re.compile(r"(?<![\w+])(?:(?:\+|00)33\s?(?:\(0\)\s?)?|\(\+33\)\s?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)"),
        0,
    ),
    (
        "phone",
        re.compile(
            r"(?<![\w+])(?:\+\d{1,3}|\(\+\d{1,3}\)|00\d{1,3})[\s.\-]?(?:\(\d{1,4}\)[\s.\-]?)?\d{1,4}"
            r"(?:[\s.\-]?\d{1,4}){1,5}(?!\d)"
        ),
        0,
    ),
    ("phone", re.compile(r"(?<![\w)])\(\d{3}\)\s?\d{3}[\s.\-]\d{4}(?!\d)"), 0),
    ("phone", re.compile(r"(?<![\w.\-])\d{3}[.\-]\d{3}[.\-]\d{4}(?!\d)"), 0),
    ("phone", re.compile(r"(?<![\w+.\-/])0\d{2,4}[\s.\-]?\d{3,4}[\s.\-]?\d{3,4}(?![\d/])"), 0),
    (
        "address",
        re.compile(
            rf"\b\d{{1,4}}(?:\s?(?:bis|ter|[A-Za-z]))?,?\s+(?:{_STREET_FR})\s+[^\n,;|]{{2,60}}?"
            r"(?=\s*(?:[,;|\n]|$|\d{5}\b))",
            re.IGNORECASE,
        ),
        0,
    ),
    (
        "address",
        re.compile(rf"\b\d{{1,5}}[A-Za-z]?\s+(?:[A-Z][\w'’-]*\s+){{1,4}}(?:{_STREET_EN})(?![\w])"),
        0,
    ),
    (
        "address",
        re.compile(
            r"(?im)^([ \t]*(?:adresse|address|domicile)\s*[:：]\s*)(?!\[)([^\n|]*?)(?=\s*(?:\d{5}\b|\||$))"
        ),
        2,
    ),
    (
        "postcode",
        re.compile(
            r"\b(?:F-)?(?:0[1-9]|[1-8]\d|9[0-8])\d{3}(?=\s+(?:CEDEX\b|[A-ZÉÈ][\w'’-]+))"
            r"(?!\s+(?:Euros?|EUR|USD|Dollars?|Brut|Net|Habitants|Utilisateurs|Users|Clients|Employ\w*)\b)"
        ),
        0,
    ),
    ("postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"), 0),
]


@dataclass
class Anonymised:
    """An anonymised text and how many identifiers of each kind were removed."""

    text: str
    removed: dict[str, int] = field(default_factory=dict)
    language: str | None = None
    notes: list[str] = field(default_factory=list)


def _phone_digits_ok(value: str) -> bool:
    digits = sum(c.isdigit() for c in value)
    return 8 <= digits <= 15


def _apply(text: str, kind: str, pattern: re.Pattern[str], group: int, removed: dict[str, int]) -> str:
    placeholder = PLACEHOLDER[kind]

    def replace(match: re.Match[str]) -> str:
        value = match.group(group)
        if not value or not value.strip() or value.startswith("["):
            return match.group(0)
        if kind == "phone" and not _phone_digits_ok(value):
            return match.group(0)
        removed[kind] = removed.get(kind, 0) + 1
        start, end = match.span(group)
        whole_start = match.start(0)
        full = match.group(0)
        return full[: start - whole_start] + placeholder + full[end - whole_start :]

    return pattern.sub(replace, text)


def _identity_tokens(text: str) -> set[str]:
    """Handles that identify the person: profile URL slugs, e-mail local parts, and their pieces
    that carry digits ("posquit0") — these reappear bare next to icons in designed CVs."""
    tokens: set[str] = set()
    for match in re.finditer(rf"(?:{_PROFILE_SITES})/(?:in/|company/)?([\w.-]{{3,}})", text, re.IGNORECASE):
        tokens.add(match.group(1).strip(".-"))
    for match in re.finditer(r"(?<![\w.+-])([\w.+-]+)@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b", text):
        local = match.group(1)
        if re.search(r"[\d._-]", local):  # "marie.dupont", "posquit0" — not "contact" or "info"
            tokens.add(local.strip("._-"))
            tokens.add(re.sub(r"[._-]", "", local))  # the same handle without dots: "thomasg42"
        tokens.update(p for p in re.split(r"[._+-]", local) if len(p) >= 4 and any(c.isdigit() for c in p))
    return {t for t in tokens if len(t) >= 4}


def _word_pattern(words: list[str] | set[str]) -> re.Pattern[str]:
    alternatives = "|".join(
        r"\s+".join(re.escape(part) for part in w.split()) for w in sorted(words, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w\[])(?:{alternatives})(?![\w\]])", re.IGNORECASE)


def _remove_words(text: str, words: list[str] | set[str], placeholder: str) -> tuple[str, int]:
    """Replace whole-word occurrences, whatever their case."""
    if not words:
        return text, 0
    return _word_pattern(words).subn(placeholder, text)


def _remove_name_parts(text: str, tokens: list[str]) -> tuple[str, int]:
    """Replace each part of the name: capitalised anywhere ("Dupont", "DUPONT"); in lowercase
    only inside handle-like strings ("claire.martin", "martin_c"), because a lowercase "claire"
    or "petit" in a sentence is the ordinary word, not the candidate."""
    if not tokens:
        return text, 0
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        value = match.group(0)
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if value.islower() and not (before in "._" or after in "._" or before.isdigit() or after.isdigit()):
            return value
        count += 1
        return PLACEHOLDER["name"]

    return _word_pattern(tokens).sub(replace, text), count


def anonymise(text: str, language: str | None = None, *, use_ner: bool = True) -> Anonymised:
    """Replace the candidate's identifiers with placeholders ("[EMAIL]", "[PHONE]", "[NAME]"...).

    ``language`` is recorded for the caller; both French and English patterns always apply, as
    CVs mix them. ``use_ner=False`` skips spaCy (heuristics only).
    """
    removed: dict[str, int] = {}
    notes: list[str] = []
    names, used_ner = find_names(text, use_ner=use_ner)
    if use_ner and not used_ner:
        notes.append("spaCy fr_core_news_sm unavailable: the name was found by header heuristics only.")
    handles = _identity_tokens(text)
    out = text
    for kind, pattern, group in _RULES:
        out = _apply(out, kind, pattern, group, removed)
    out, count = _remove_words(out, handles, PLACEHOLDER["handle"])
    if count:
        removed["handle"] = removed.get("handle", 0) + count
    # Full names first (keeps "[NAME]" single for "Claud D. Park"), then each part on its own.
    out, full = _remove_words(out, full_name_variants(names), PLACEHOLDER["name"])
    out, parts = _remove_name_parts(out, name_tokens(names))
    out = re.sub(r"\[NAME\](?:[\s.\-]+(?:[A-Z]\.\s*)?\[NAME\])+", "[NAME]", out)
    if full + parts:
        removed["name"] = len(re.findall(r"\[NAME\]", out))
    elif not names:
        notes.append("No candidate name was recognised in the CV header.")
    return Anonymised(
        text=out, removed={k: removed[k] for k in KINDS if removed.get(k)}, language=language, notes=notes
    )

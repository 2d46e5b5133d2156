"""E-mails, web addresses, profile handles and phone numbers in a CV.

Besides the contact details themselves, :func:`identity_sources` returns what they spell: an
e-mail's local part ("marie.dupont42"), a profile slug ("linkedin.com/in/marie-dupont-4b2a"), a
personal domain ("mariedupont.fr"). Designed CVs repeat those bare next to icons ("mdupont42"), and
their pieces reveal the candidate's name even when the header does not (see :mod:`names`).

Phone patterns are written so that a year range ("2019 - 2023"), a month range ("01/2019 -
06/2023") or a salary ("45 000 €") cannot look like a number: each needs a "+", a leading 0, a
North-American shape, or a phone label, and 8-15 digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jobapp.documents.spans import Span, spans_of, word_list

_PROFILE_SITES = (
    r"linkedin\.com|github\.com|gitlab\.com|bitbucket\.org|twitter\.com|x\.com|medium\.com|behance\.net|"
    r"dribbble\.com|stackoverflow\.com|kaggle\.com|malt\.fr|instagram\.com|facebook\.com|youtube\.com|"
    r"codepen\.io|dev\.to|hashnode\.com|huggingface\.co|viadeo\.com|xing\.com|tiktok\.com|substack\.com|"
    r"leetcode\.com|hackerrank\.com|codingame\.com|orcid\.org|researchgate\.net|scholar\.google\.com"
)
_PROFILE_NAMES = (
    r"linkedin|github|gitlab|bitbucket|twitter|skype|telegram|discord|instagram|facebook|behance|"
    r"dribbble|kaggle|medium|malt|viadeo|xing|codepen|leetcode|hackerrank|stack\s?overflow|orcid|x"
)
#: top-level domains of personal sites; a lowercase "name.tld" with one of these is a web address
_TLDS = (
    r"com|fr|net|org|dev|me|eu|io|page|site|ca|ch|be|lu|uk|co\.uk|de|info|pro|app|tech|blog|online|"
    r"xyz|ai|cc|us|studio|design|art|photo|portfolio|website|qc\.ca|github\.io|gitlab\.io|"
    r"netlify\.app|vercel\.app|pages\.dev|wordpress\.com|wixsite\.com"
)
#: lowercase "name.tld" words that are tools or libraries, not web addresses
_HOSTING = frozenset({"github", "gitlab", "netlify", "vercel", "wordpress", "wixsite", "pages"})
_NOT_SITES = frozenset(
    [
        "socket.io",
        "draw.io",
        "crates.io",
        "read.me",
        "chart.io",
        "plot.ly",
        "about.me",
        "bit.ly",
        "t.co",
        "goo.gl",
        "ionic.io",
        "deno.land",
        "asp.net",
        "vb.net",
        "ado.net",
        "dot.net",
        "entity.net",
        "mono.net",
    ]
)

_EMAIL = re.compile(r"(?<![\w.+-])(?P<local>[\w.+-]*\w)@(?P<domain>[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})\b")
_EMAIL_OBFUSCATED = re.compile(
    r"\b[\w.+-]+\s*[\[(]\s*(?:at|arobase)\s*[\])]\s*[\w-]+"
    r"(?:\s*[\[(]\s*(?:dot|point)\s*[\])]\s*|\.)[A-Za-z]{2,}\b",
    re.IGNORECASE,
)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'|]+[^\s<>\"'|.,;:!?)\]]", re.IGNORECASE)
_PROFILE_URL = re.compile(
    rf"\b(?:[a-z]{{2,3}}\.)?(?:{_PROFILE_SITES})/[^\s<>\"'|,;)\]]*[^\s<>\"'|.,;:!?)\]]", re.IGNORECASE
)
#: "linkedin.com/in/" at a line end, the slug on the next line (narrow sidebars wrap it)
_WRAPPED_SLUG = re.compile(r"/(?:in/|pub/)?\s*\n\s*([a-z0-9][\w-]{2,}[a-z0-9])(?=\s|$)")
_DOMAIN = re.compile(
    rf"(?<![\w@./-])(?P<site>[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{_TLDS}))\b(?!\.\w|@)(?:/[^\s|,;)]*)?"
)
_LABELLED_SITE = re.compile(
    rf"(?i)\b(?:site(?:\s+web)?|web(?:site)?|portfolio|blog|page\s+perso(?:nnelle)?|homepage)\s*[:：]\s*"
    rf"(?P<site>[\w-]+(?:\.[\w-]+)*\.(?:{_TLDS})(?:/[^\s|,;)]*)?)"
)
_HANDLE_LABELLED = re.compile(
    rf"(?i)\b(?:{_PROFILE_NAMES})\s*[:：]\s*(?!\[)(?P<handle>(?:/?in/)?@?[\w.-]{{2,}}[\w](?:#\d{{4}})?)"
    r"(?=\s*(?:$|[|,;•·\n])|\s{2,})",
    re.MULTILINE,
)
_HANDLE_AT = re.compile(r"(?<![\w@.\[])@[A-Za-z0-9_][A-Za-z0-9_.-]{1,38}\b")
_HANDLE_IN = re.compile(r"(?<![\w/.])/?in/[a-z0-9][\w-]{2,}[a-z0-9]\b", re.IGNORECASE)

_PHONE_LABEL = (
    r"t[ée]l(?:[ée]phone)?\.?|tel\.?|phone|mobile|mob\.?|portable|port\.|cell(?:ulaire|phone)?|gsm|"
    r"natel|fixe|landline|telephone|t\.|m\."
)
_PHONES = [
    # French numbers, national or +33
    re.compile(r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|\(\+33\)\s?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)"),
    # any international number: +CC or 00CC, then groups (a "(0)" trunk prefix allowed)
    re.compile(
        r"(?<![\w+])(?:\+\s?\d{1,3}|\(\+\d{1,3}\)|00\d{1,3})[\s.\-]?(?:\(0\)[\s.\-]?)?(?:\(\d{1,4}\)[\s.\-]?)?"
        r"\d{1,5}(?:[\s.\-/]?\d{1,5}){1,5}(?!\d)"
    ),
    # North America: (514) 555-0123, 514-555-0123, 514.555.0123, 514 555 0123, 1-800-555-0100
    re.compile(
        r"(?<![\w)+.\-/])(?:1[\s.\-])?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[\s.\-])[2-9]\d{2}[\s.\-]\d{4}(?![\d/])"
    ),
    # national numbers with a trunk 0: UK 07700 900123, 020 7946 0123; BE 0470/12.34.56; CH 079 123 45 67
    re.compile(r"(?<![\w+.\-/])0\d{1,4}(?:[\s.\-/]?\d{2,4}){2,4}(?![\d/])"),
]
_PHONE_LABELLED = re.compile(
    rf"(?i)(?<!\w)(?:{_PHONE_LABEL})\s*(?:\([^)]*\)\s*)?[:：]?\s*(?P<phone>\+?[\d(][\d\s().\-/]{{6,22}}\d)"
)
_DATE_IN_NUMBER = re.compile(r"\d{1,2}/(?:19|20)\d{2}|(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}")


@dataclass
class IdentitySources:
    """What the contact details spell. ``handles`` are removed wherever they reappear bare;
    ``pieces`` (lowercase letter runs of e-mail local parts, slugs and handles) and ``sites``
    (the label of a personal domain) are matched against capitalised words by :mod:`names`."""

    handles: set[str] = field(default_factory=set)  # "marie.dupont42", "mdupont", "marie-dupont-4b2a"
    pieces: set[str] = field(default_factory=set)  # "marie", "dupont", "mdupont"
    sites: set[str] = field(default_factory=set)  # "mariedupont" of mariedupont.fr, "jb-kerbrat"


def _phone_ok(value: str) -> bool:
    digits = sum(c.isdigit() for c in value)
    if value.startswith("00") and digits < 11:  # "00" + country code + a national number
        return False
    if value.startswith("0") and not value.startswith("00") and digits < 9:  # trunk 0: 9-11 digits
        return False
    return 8 <= digits <= 15 and not _DATE_IN_NUMBER.search(value)


def find_emails(text: str) -> list[Span]:
    return spans_of(_EMAIL, text, "email") + spans_of(_EMAIL_OBFUSCATED, text, "email")


def find_urls(text: str) -> list[Span]:
    spans = spans_of(_URL, text, "url") + spans_of(_PROFILE_URL, text, "url")
    for match in _PROFILE_URL.finditer(text):  # a slug wrapped to the next line
        wrapped = _WRAPPED_SLUG.match(text, match.end() - 1) if text[match.end() - 1] == "/" else None
        if wrapped:
            spans.append(Span(match.start(), wrapped.end(1), "url"))
    for match in _DOMAIN.finditer(text):
        if match.group("site") not in _NOT_SITES:
            spans.append(Span(match.start(), match.end(), "url"))
    spans += spans_of(_LABELLED_SITE, text, "url", "site")
    return spans


def find_handles(text: str) -> list[Span]:
    return (
        spans_of(_HANDLE_LABELLED, text, "handle", "handle")
        + spans_of(_HANDLE_AT, text, "handle")
        + spans_of(_HANDLE_IN, text, "handle")
    )


def find_phones(text: str) -> list[Span]:
    spans = []
    for pattern in _PHONES:
        spans += [s for s in spans_of(pattern, text, "phone") if _phone_ok(text[s.start : s.end])]
    for match in _PHONE_LABELLED.finditer(text):
        value = match.group("phone").rstrip(" ().-/")
        if _phone_ok(value):
            spans.append(Span(match.start("phone"), match.start("phone") + len(value), "phone"))
    return spans


def find_contacts(text: str) -> list[Span]:
    """Every e-mail, web address, handle and phone number of the text."""
    return find_emails(text) + find_urls(text) + find_handles(text) + find_phones(text)


def _pieces(value: str) -> set[str]:
    generic = word_list("generic_mailboxes.txt")
    parts = {p for p in re.split(r"[^a-z]+", value.lower()) if len(p) >= 2}
    return {p for p in parts if p not in generic}


def identity_sources(text: str, skip: list[tuple[int, int]] | None = None) -> IdentitySources:
    """Handles and name pieces spelled by the text's e-mails, profile URLs and personal domains.

    Contact details inside ``skip`` ranges (a references section: a referee's e-mail) are ignored.
    """
    found = IdentitySources()
    generic = word_list("generic_mailboxes.txt")

    def wanted(match: re.Match[str]) -> bool:
        return not any(a <= match.start() < b for a, b in skip or [])

    for match in filter(wanted, _EMAIL.finditer(text)):
        local = match.group("local")
        pieces = _pieces(local)
        if pieces:  # "marie.dupont", "posquit0", "mdupont" — not "contact" or "info"
            found.pieces |= pieces
            found.handles.add(local.strip("._-"))
            found.handles.add(re.sub(r"[._-]", "", local))  # "thomas.g42" written "thomasg42"
            # pieces that carry digits are handles of their own: "posquit0" of "posquit0.bj"
            found.handles.update(p for p in re.split(r"[._+-]", local) if re.search(r"\d", p) and _pieces(p))
    for pattern in (_PROFILE_URL, _HANDLE_IN):
        for match in filter(wanted, pattern.finditer(text)):
            slug = re.sub(r"(?i)^.*?(?:/in/|/pub/|/company/|^/?in/|\.[a-z]{2,3}/)", "", match.group(0))
            slug = slug.split("/")[0].split("?")[0].strip(".-@")
            if len(slug) >= 3 and _pieces(slug):
                found.handles.add(slug)
                found.pieces |= _pieces(slug)
    for match in filter(wanted, [*_HANDLE_LABELLED.finditer(text), *_HANDLE_AT.finditer(text)]):
        handle = match.group(match.lastgroup or 0).lstrip("/").removeprefix("in/").lstrip("@")
        if len(handle) >= 3 and _pieces(handle):
            found.handles.add(handle)
            found.pieces |= _pieces(handle)
    for match in filter(wanted, [*_DOMAIN.finditer(text), *_URL.finditer(text)]):
        host = re.sub(r"(?i)^(?:https?://)?(?:www\.)?", "", match.group(0)).split("/")[0].lower()
        labels = host.split(".")
        if len(labels) < 2 or host in _NOT_SITES or re.search(_PROFILE_SITES, host, re.IGNORECASE):
            continue
        # "mariedupont.fr", "marie-dupont.github.io": the label before the suffix names the owner
        hosting = len(labels) >= 3 and labels[-2] in _HOSTING
        label = labels[-3] if hosting or ".".join(labels[-2:]) in {"co.uk", "qc.ca"} else labels[-2]
        if len(label) >= 4 and label not in generic:
            found.sites.add(label)
            if hosting:  # a github.io page is the person's handle
                found.handles.add(label)
                found.pieces |= _pieces(label)
    # a personal domain named like the e-mail or a profile ("posquit0.com" beside "posquit0.bj@")
    known = {p.lower() for h in found.handles for p in re.split(r"[._+-]", h)} | {
        h.lower() for h in found.handles
    }
    found.handles.update(label for label in found.sites if label in known)
    found.handles = {h for h in found.handles if len(h) >= 4}
    return found

"""Personal attributes a French "CV anonyme" removes: birth date and age, place of birth,
nationality, marital status and children, gender, photo captions, and ID numbers.

A recruiter may not select on them, and matching never needs them. What stays: the driving licence
("Permis B", "full UK driving licence"), work authorisation ("titre de séjour", "eligible to work
in the UK": offers require it), languages ("Français : langue maternelle"), and any number of years
or children that is work ("3 ans d'expérience", "encadrement de 12 enfants").

Ambiguous words are only taken where a CV states personal details: after a label ("Nationalité :",
"Marital status:"), or on a short line of such details ("Française, 28 ans, célibataire").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jobapp.documents.spans import Span, fold, line_bounds, spans_of, word_list

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
    r"(?:n[ée]\(?e?\)?\s+le|date\s+de\s+naissance|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?|"
    r"d\.?o\.?b\.?|naissance|geboren\s+am)"
)
_F = re.IGNORECASE | re.MULTILINE
_SEP = r"(?:\s*[:：]\s*|\s+)"

_BIRTHDATES = [
    re.compile(rf"(?<!\w){_BIRTH_LABEL}\s*[:：]?\s*(?P<v>{_DATE})", _F),
    re.compile(r"(?<!\w)(?:n[ée]\(?e?\)?|born)\s+(?:en|in)\s+(?P<v>(?:19|20)\d{2})\b", _F),
    re.compile(
        r"(?<!\w)(?:ann[ée]e\s+de\s+naissance|year\s+of\s+birth|birth\s+year|date\s+de\s+naissance|"
        r"date\s+of\s+birth|d\.?o\.?b\.?)\s*[:：]?\s*(?P<v>(?:19|20)\d{2})\b(?![/.-]\d)",
        _F,
    ),
    # ages: "Âge : 34 ans", "(34 ans)", "34 years old", "aged 34", "34 y.o."
    re.compile(
        r"(?<!\w)(?:[âa]ge|age)\s*[:：]?\s*(?P<v>\d{2}\s*(?:ans|years(?:\s+old)?|yrs|y\.o\.)?)(?!\w)", _F
    ),
    re.compile(r"\(\s*(?P<v>\d{2}\s*(?:ans|years\s+old|yrs|y\.o\.))\s*\)", _F),
    re.compile(r"(?<![\w-])(?P<v>\d{2}\s*(?:years\s+old|yrs\s+old|y\.o\.|-year-old))(?!\w)", _F),
    re.compile(r"(?<!\w)aged\s+(?P<v>\d{2})\b", _F),
    # in a sentence: "j'ai 24 ans", "I am 35", "âgée de 41 ans"
    re.compile(
        r"(?<!\w)(?:j['’]ai|(?:[âa]g[ée]e|[âa]gé)\s+de)\s+(?P<v>(?:1[6-9]|[2-6]\d|7[0-5])\s*ans)(?![ \t]*(?:d['’]|de\s))",
        _F,
    ),
    re.compile(r"(?<!\w)I\s*(?:am|'m)\s+(?P<v>\d{2})(?:\s*,|\s*\.|\s+and\b)", re.MULTILINE),
]
#: "34 ans" on its own in a line of personal details ("Marie Dupont, 34 ans", "22 ans, permis B")
_AGE_IN_BRACKETS = re.compile(r"\((1[6-9]|[2-6]\d|7[0-5])\)")
_BARE_AGE = re.compile(
    r"(?<![\w-])(?:1[6-9]|[2-6]\d|7[0-5])\s*ans(?![ \t]*(?:d[e'’]|de\s|of|\w))", re.IGNORECASE
)

_BIRTHPLACES = [
    re.compile(
        r"(?<!\w)(?:lieu\s+de\s+naissance|place\s+of\s+birth|birthplace|born\s+in)\s*[:：]?\s*"
        r"(?P<v>(?!\[)[^\s\d|,;][^\n|;]{1,49}?)(?=\s*(?:$|[|;\n]|\s{2,}))",
        _F,
    ),
    # "Né le 12/03/1990 à Casablanca", "born on 12 March 1990 in Leeds"
    re.compile(
        rf"(?<!\w)(?i:{_BIRTH_LABEL}|n[ée]\(?e?\)?\s+en|born\s+in)\s*[:：]?\s*(?i:{_DATE}|(?:19|20)\d\d|\[BIRTHDATE\])"
        r"\s+(?:à|a|in|at)\s+"
        r"(?P<v>[A-ZÀ-Þ][\w'’.-]*(?:[ \t-]+(?:[A-ZÀ-Þ][\w'’.-]*|sur|en|la|le|de|du))*(?:\s*\([^)\n]{2,30}\))?)",
        re.MULTILINE,
    ),
]

_NATIONALITY = re.compile(
    r"(?<!\w)(?:nationalit[ée]s?|nationality|nationalities|citizenship|citoyennet[ée])\s*[:：]?\s*"
    r"(?P<v>(?!\[)[^\n|,;]{3,40}?)(?=\s*(?:$|[|;\n]|,\s|\s{2,}|\s[-–]\s))",
    _F,
)
_NATIONALITY_PHRASE = re.compile(
    r"(?<!\w)(?:de\s+nationalit[ée]\s+(?P<a>[a-zà-ÿ-]+(?:\s+et\s+[a-zà-ÿ-]+)?)|"
    r"(?P<b>[A-Z][a-z]+(?:[-/][A-Z][a-z]+)?)\s+(?:citizen(?:ship)?|national)\b|"
    r"(?:citoyen(?:ne)?|ressortissant(?:e)?)\s+(?P<c>[a-zà-ÿ-]+))",
    re.MULTILINE,
)

_MARITAL_WORDS = (
    r"c[ée]libataire|mari[ée]e?s?|pacs[ée]e?|divorc[ée]e?|s[ée]par[ée]e?|veu(?:f|ve)|en\s+couple|"
    r"concubinage|union\s+libre|single|married|divorced|separated|widow(?:ed|er)?|in\s+a\s+relationship|"
    r"civil\s+partnership|cohabitant(?:e)?\s+l[ée]gal(?:e)?|cohabitation\s+l[ée]gale|conjoint(?:e)?\s+de\s+fait|"
    r"common[- ]law(?:\s+(?:partner|spouse|relationship))?"
)
_FAMILY_LABELLED = re.compile(
    r"(?<!\w)(?:situation\s+(?:familiale|matrimoniale|de\s+famille)|[ée]tat\s+civil|marital\s+status|"
    r"family\s+status|civil\s+status|relationship\s+status)[ \t]*[:：]?[ \t]*"
    r"(?P<v>(?!\[)[^\n|;]{1,50}?)(?=\s*(?:$|[|;\n]|\s{2,}))",
    _F,
)
_CHILDREN_LABELLED = re.compile(
    r"(?<!\w)(?:enfants?|children|kids|nombre\s+d'enfants|number\s+of\s+children)\s*[:：]\s*"
    r"(?P<v>(?:\d{1,2}|un|une|deux|trois|quatre|cinq|one|two|three|four|five|non|aucun|no|none)\b[^\n|;]{0,30}?)"
    r"(?=\s*(?:$|[|;\n]|\s{2,}))",
    _F,
)
_CHILDREN = (
    r"(?:\d{1,2}|un|une|deux|trois|quatre|cinq|one|two|three|four|five|no|sans|pas\s+d')\s+"
    r"(?:enfants?|children|child|kids?)(?:\s*\([^)\n]{1,20}\))?"
)
_PARENT_OF = re.compile(
    rf"(?<!\w)(?:m[èe]re|p[èe]re|parent|mother|father|maman|papa)\s+(?:de|of)\s+{_CHILDREN}", _F
)
_MARITAL_BARE = re.compile(
    rf"(?<![\w-])(?:{_MARITAL_WORDS})(?:\s*\(e\))?(?:,?\s+(?:avec\s+|with\s+)?{_CHILDREN})?(?![\w-])", _F
)
_CHILDREN_BARE = re.compile(rf"(?<![\w-]){_CHILDREN}(?![\w-])", _F)

_GENDER = re.compile(
    r"(?<!\w)(?:sexe|genre|gender|sex)[ \t]*[:：]?[ \t]*(?P<v>(?!\[)(?:f[ée]minin|masculin|femme|homme|female|male|"
    r"woman|man|f|m|h|non[- ]binaire|non[- ]binary|autre|other)\b\.?)",
    _F,
)
_PHOTO = [
    re.compile(
        r"(?im)^[ \t]*[\[(]?(?:photo|picture|portrait|avatar|headshot)(?:\s+(?:d'identit[ée]|"
        r"de\s+profil|of\s+me|here|ici|du\s+candidat|de\s+la\s+candidate|candidat(?:e)?))?[\])]?[ \t]*$"
    ),
    re.compile(r"(?im)(?<!\w)(?:photo|picture|portrait)\s*[:：]\s*(?P<v>[^\n|]{1,60}?)\s*$"),
    re.compile(r"(?i)(?<![\w/])[\w-]{2,40}\.(?:jpe?g|png|heic|webp|gif|bmp)\b"),
    re.compile(
        r"(?i)[\[(](?:ins[ée]rer|insert|ajouter|add)\s+(?:votre\s+|your\s+|une\s+|a\s+)?photo[^\])\n]{0,30}[\])]"
    ),
]
_ID_NUMBERS = re.compile(
    r"(?<!\w)(?:n°\s*(?:de\s+)?s[ée]curit[ée]\s+sociale|num[ée]ro\s+de\s+s[ée]curit[ée]\s+sociale|"
    r"s[ée]curit[ée]\s+sociale|NIR|SSN|social\s+security(?:\s+(?:number|no\.?))?|national\s+insurance(?:\s+(?:number|no\.?))?|"
    r"NI\s+(?:number|no\.?)|NAS|SIN|AVS|num[ée]ro\s+AVS|passport(?:\s+(?:number|no\.?))?|passeport|"
    r"carte\s+d'identit[ée]|CNI|ID\s+(?:card|number))\s*(?:n°|no\.?|#)?\s*[:：]?\s*"
    r"(?P<v>[A-Z0-9][A-Z0-9 .\-]{5,24}[A-Z0-9])",
    re.MULTILINE,
)


def _bare_in_details_line(text: str, pattern: re.Pattern[str], kind: str, anchors: list[Span]) -> list[Span]:
    """Whole-segment matches of an ambiguous pattern on a line that holds another personal detail."""
    lines = {text.rfind("\n", 0, a.start) + 1 for a in anchors}
    spans = []
    for match in pattern.finditer(text):
        if text.rfind("\n", 0, match.start()) + 1 in lines and _whole_segment(text, *match.span()):
            spans.append(Span(match.start(), match.end(), kind))
    return spans


def _nationality_adjectives(text: str, anchors: list[Span]) -> list[Span]:
    """A bare nationality adjective in a segment of its own on a line of personal details."""
    known = word_list("nationalities.txt")
    lines = {text.rfind("\n", 0, a.start) + 1 for a in anchors}
    spans = []
    for line_start in lines:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        for match in re.finditer(r"[^,|•·;]+", text[line_start:line_end]):
            segment = match.group(0).strip()
            words = fold(segment).lower().replace("/", " ").split()
            if words and len(words) <= 3 and all(w in known or w in {"et", "and"} for w in words):
                start = line_start + match.start() + match.group(0).index(segment)
                spans.append(Span(start, start + len(segment), "nationality"))
    return spans


def find_personal(text: str, extra_anchors: Iterable[Span] = ()) -> list[Span]:
    """Birth dates and ages (kind "birthdate"), place of birth, nationality, family, gender, photo
    captions and ID numbers. ``extra_anchors`` are other details (the name) whose lines are
    details lines too ("Marie Dupont, 34 ans")."""
    spans: list[Span] = []
    for pattern in _BIRTHDATES:
        spans += spans_of(pattern, text, "birthdate", "v")
    for pattern in _BIRTHPLACES:
        spans += spans_of(pattern, text, "birthplace", "v")
    spans += spans_of(_NATIONALITY, text, "nationality", "v")
    for match in _NATIONALITY_PHRASE.finditer(text):
        group = next(g for g in ("a", "b", "c") if match.group(g))
        value = match.group(group)
        if all(
            w in word_list("nationalities.txt") for w in re.split(r"[-/\s]+|\bet\b", fold(value).lower()) if w
        ):
            spans.append(Span(match.start(group), match.end(group), "nationality"))
    spans += spans_of(_FAMILY_LABELLED, text, "family", "v")
    spans += spans_of(_CHILDREN_LABELLED, text, "family", "v")
    spans += spans_of(_PARENT_OF, text, "family")
    spans += spans_of(_GENDER, text, "gender", "v")
    for pattern in _PHOTO:
        spans += spans_of(pattern, text, "photo", "v" if "?P<v>" in pattern.pattern else 0)
    spans += [
        s
        for s in spans_of(_ID_NUMBERS, text, "id_number", "v")
        if sum(c.isdigit() for c in text[s.start : s.end]) >= 4
    ]
    # Ambiguous words on a line of personal details: a marital word only on a short line or beside
    # another detail, a bare "34 ans", "2 enfants", a nationality adjective.
    spans += [
        Span(m.start(), m.end(), "family")
        for m in _MARITAL_BARE.finditer(text)
        if _whole_segment(text, m.start(), m.end())
    ]
    # "22 ans" as a segment of its own on a short line ("22 ans, Permis B") is an age
    spans += [
        Span(m.start(), m.end(), "birthdate")
        for m in _BARE_AGE.finditer(text)
        if _whole_segment(text, *m.span()) and len(text[slice(*line_bounds(text, m.start()))].split()) <= 8
    ]
    anchors = [s for s in spans if s.kind in {"birthdate", "family", "nationality", "gender"}]
    anchors += list(extra_anchors)
    spans += _bare_in_details_line(text, _BARE_AGE, "birthdate", anchors)
    spans += _bare_in_details_line(text, _CHILDREN_BARE, "family", anchors)
    spans += [  # "Marie Dupont (34)": a bare number in brackets beside the name
        Span(m.start(1), m.end(1), "birthdate")
        for m in _AGE_IN_BRACKETS.finditer(text)
        if any(line_bounds(text, a.start)[0] == line_bounds(text, m.start())[0] for a in extra_anchors)
    ]
    spans += _nationality_adjectives(text, anchors)
    return spans


def _whole_segment(text: str, start: int, end: int) -> bool:
    """The match is all of its segment: between separators (line ends, commas, bars, bullets)."""
    line_start, line_end = line_bounds(text, start)
    before = re.split(r"[,|•·;/]|\s[-–]\s|\s{3,}", text[line_start:start])[-1]
    after = re.split(r"[,|•·;/]|\s[-–]\s|\s{3,}", text[end:line_end])[0]
    before = re.sub(r"^[ \t]*[^\W\d_][\w' ]{0,24}[ \t]*[:：][ \t]*$", "", before)  # "Situation : mariée"
    return not before.strip(" \t:.") and not after.strip(" \t.")

"""Guess title, company, location, contract and salary from a pasted offer or a page's main text.

Pasted offers start with a header: a title line, often "Title - Company - City (69)", then field
lines ("Entreprise : Acme", "Lieu : Lyon", "Salaire : 40 k€"). Labelled lines win; otherwise the
first short line is the title and the header is searched for a city/postcode, a contract word and
an amount of money. The description is the text minus the lines used up, sections kept.
"""

from __future__ import annotations

import re

from jobapp.extraction.normalise import normalise
from jobapp.extraction.sections import heading_key
from jobapp.extraction.seniority import detect_contract
from jobapp.textfold import unify_punctuation

FIELDS = ("title", "company", "location", "contract", "salary", "description")

_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("poste", "intitule du poste", "intitule", "titre", "titre du poste", "job title", "title",
              "position", "role", "offre", "emploi"),
    "company": ("entreprise", "societe", "company", "employeur", "employer", "client", "organisation",
                "organization", "recruteur", "hiring company", "structure", "etablissement"),
    "location": ("lieu", "lieu de travail", "localisation", "location", "ville", "city", "adresse", "place",
                 "based in", "lieu du poste", "site", "region", "work location", "secteur geographique"),
    "contract": ("contrat", "type de contrat", "contract", "contract type", "employment type", "job type",
                 "type d'emploi", "nature du contrat", "type de poste"),
    "salary": ("salaire", "remuneration", "salary", "pay", "compensation", "salaire annuel", "package",
               "fourchette de salaire", "salary range", "remuneration annuelle", "gratification"),
}  # fmt: skip
_LABEL_LOOKUP = {label: field for field, labels in _LABELS.items() for label in labels}
_LABELLED = re.compile(r"^\s*[-*•]?\s*\**([^:\n]{2,40}?)\**\s*:\s*\**(.+?)\**\s*$")

_AMOUNT = r"\d[\d\s.,]*?\s*(?:k|K)?"
_CURRENCY = r"(?:€|euros?|EUR|\$|USD|£|GBP|CHF)"
_PERIOD = (
    r"(?:\s*(?:brut|bruts|net|nets|gross)?\s*(?:annuel|annuels|mensuel|mensuels|/\s?an|/\s?mois|par an|"
    r"par mois|per year|per month|a year|per annum|/\s?h|de l'heure|par heure|per hour|an hour|/\s?year))?"
)
_MONEY = re.compile(
    rf"{_AMOUNT}\s*{_CURRENCY}?\s*(?:-|à|to)\s*{_AMOUNT}\s*{_CURRENCY}{_PERIOD}"
    rf"|{_AMOUNT}\s*{_CURRENCY}{_PERIOD}"
    rf"|[$£€]\s?\d[\d,.]*\s*[kK]?(?:\s*(?:-|to|and|à)\s*[$£€]?\s?\d[\d,.]*\s*[kK]?)?{_PERIOD}"
)
_POSTCODE_CITY = re.compile(r"\b(\d{5})\s+([A-ZÀ-Ý][\w'À-ÿ-]+(?:[ -][A-ZÀ-Ý][\w'À-ÿ-]+)*)")
_CITY_DEPT = re.compile(r"\b([A-ZÀ-Ý][\w'À-ÿ-]+(?:[ -][\w'À-ÿ-]+){0,3})\s*\((\d{2,3}|\d{5}|2A|2B)\)")
_CITY_POSTCODE = re.compile(r"\b([A-ZÀ-Ý][\w'À-ÿ-]+(?:[ -][A-ZÀ-Ý][\w'À-ÿ-]+)*)\s+(\d{5})\b")
_REMOTE = re.compile(
    r"\b(?:full remote|remote|télétravail complet|100 ?% télétravail|teletravail complet)\b", re.I
)
_HEADER_SPLIT = re.compile(r"\s+[-|–—•·]\s+|\s*\|\s*")
_KNOWN_CITIES = frozenset(
    [
        "paris lyon marseille toulouse nice nantes strasbourg montpellier bordeaux lille rennes reims",
        "    toulon grenoble dijon angers nimes villeurbanne clermont-ferrand le havre saint-etienne tours",
        "    limoges amiens metz besancon perpignan orleans rouen mulhouse caen nancy argenteuil brest annecy",
        "    poitiers pau la defense boulogne-billancourt nanterre versailles saint-denis montreuil avignon",
        "    la rochelle valence chambery lorient vannes quimper niort bayonne cergy massy rungis roissy",
        "    sophia antipolis aix-en-provence cannes antibes colmar troyes le mans calais dunkerque",
        "    bruxelles brussels geneve geneva lausanne luxembourg montreal london londres berlin madrid",
        "    barcelona barcelone amsterdam dublin zurich milan rome lisbon lisbonne munich vienna",
        "    new york san francisco toronto remote",
    ]
)
_CITY_WORDS = frozenset(w for line in _KNOWN_CITIES for w in line.split())


def _clean(value: str) -> str:
    return " ".join(value.replace("**", "").split()).strip(" -|•·,;")


def _find_location(text: str) -> str:
    for pattern in (_CITY_DEPT, _POSTCODE_CITY, _CITY_POSTCODE):
        m = pattern.search(text)
        if m:
            return _clean(m.group(0))
    m = _REMOTE.search(text)
    return m.group(0) if m else ""


def _is_known_city(part: str) -> bool:
    norm = normalise(part)
    return (
        norm in _CITY_WORDS
        or any(normalise(c) == norm for c in _KNOWN_CITIES)
        or (norm.split(" ")[0] in _CITY_WORDS and len(norm.split()) <= 3)
    )


def _is_title_line(line: str) -> bool:
    stripped = line.strip().lstrip("#").strip()
    return (
        0 < len(stripped) <= 120
        and len(stripped.split()) <= 16
        and not stripped.endswith((".", ":", ";"))
        and heading_key(stripped) is None
        and not _LABELLED.match(stripped)
    )


def _company_line(line: str, fields: dict[str, str]) -> bool:
    """Fill company (and location) from a header line such as "Acme - Lyon"; True if it was one."""
    candidate = line.strip()
    bits = [b for b in _HEADER_SPLIT.split(candidate) if b.strip()]
    looks_like_name = (
        bits
        and len(candidate) <= 60
        and not candidate.endswith((".", ":"))
        and heading_key(candidate) is None
        and not _LABELLED.match(candidate)
        and not _MONEY.search(candidate)
        and len(bits[0].split()) <= 5
        and not _find_location(bits[0])
        and not _is_known_city(bits[0])
        and not detect_contract(bits[0])
    )
    if not looks_like_name:
        return False
    fields["company"] = _clean(bits[0])
    for bit in bits[1:]:
        if not fields["location"] and (_find_location(bit) or _is_known_city(bit)):
            fields["location"] = _clean(bit)
    return True


def _label_then_value(lines: list[str], i: int, fields: dict[str, str], used: set[int]) -> None:
    """A label alone on its line ("## Job title", "Entreprise :") with the value on the next line."""
    label = normalise(lines[i].strip().strip("#*").strip().rstrip(":").strip())
    field = _LABEL_LOOKUP.get(label)
    if not field or fields[field] or i in used:
        return
    nxt = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()), None)
    if nxt is None or nxt in used or not _is_title_line(lines[nxt]):
        return
    fields[field] = _clean(lines[nxt].lstrip("#"))
    used.update((i, nxt))


def guess_offer_fields(text: str) -> dict[str, str]:
    """Best guess of the offer's fields; every key of FIELDS is present ("" when unknown)."""
    text = unify_punctuation(text or "").replace("\r\n", "\n")
    lines = text.split("\n")
    fields = dict.fromkeys(FIELDS, "")
    used: set[int] = set()
    for i, line in enumerate(lines[:60]):
        for segment in re.split(r"\s[·|•]\s", line):  # "CDI · Salaire : 40 k€"
            m = _LABELLED.match(segment)
            field = _LABEL_LOOKUP.get(normalise(m.group(1)).strip()) if m else None
            if m and field and not fields[field]:
                fields[field] = _clean(m.group(2))
                used.add(i)
        _label_then_value(lines, i, fields, used)
    first = next((i for i, line in enumerate(lines) if line.strip() and i not in used), None)
    if not fields["title"] and first is not None and first not in used and _is_title_line(lines[first]):
        title_line = _clean(lines[first].lstrip("#"))
        used.add(first)
        parts = [p for p in _HEADER_SPLIT.split(title_line) if p.strip()]
        title_parts = [parts[0]] if parts else [title_line]
        for part in parts[1:]:
            if not fields["location"] and (_find_location(part) or _is_known_city(part)):
                fields["location"] = _clean(part)
            elif not fields["contract"] and detect_contract(part) and len(part.split()) <= 4:
                fields["contract"] = _clean(part)
            elif not fields["salary"] and _MONEY.search(part):
                fields["salary"] = _clean(part)
            elif not fields["company"] and len(part.split()) <= 5:
                fields["company"] = _clean(part)
            else:
                title_parts.append(part)
        fields["title"] = " - ".join(title_parts)
        # A short second line is often the company name ("Acme" / "Acme - Lyon").
        nxt = next((i for i in range(first + 1, min(first + 3, len(lines))) if lines[i].strip()), None)
        if (
            nxt is not None
            and not fields["company"]
            and nxt not in used
            and _company_line(lines[nxt], fields)
        ):
            used.add(nxt)
    header = "\n".join(lines[:12])
    if not fields["location"]:
        fields["location"] = _find_location(header) or _find_location(text)
    if not fields["salary"]:
        m = _MONEY.search(text)
        fields["salary"] = _clean(m.group(0)) if m else ""
    contract_code = detect_contract(fields["contract"] or text)
    fields["contract"] = contract_code or fields["contract"]
    body = "\n".join(line for i, line in enumerate(lines) if i not in used).strip()
    fields["description"] = re.sub(r"\n{3,}", "\n\n", body)
    return fields

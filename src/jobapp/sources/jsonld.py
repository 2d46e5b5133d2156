"""schema.org ``JobPosting`` JSON-LD -> offer fields.

Most job sites (HelloWork, Welcome to the Jungle, company career pages) embed the offer as JSON-LD
for Google for Jobs. It is the most reliable structure on the page, but it comes in many shapes:
one object, a list, an ``@graph``, nested in a ``WebPage``; company as text or ``Organization``;
locations as a ``Place`` list with ``PostalAddress``; descriptions as (sometimes escaped) HTML.
"""

from __future__ import annotations

import json
import re
from typing import Any

from jobapp.sources.text import html_to_text, normalise_contract, salary_text

_SCRIPT_RE = re.compile(
    r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>", re.I | re.S
)


def _loads_lenient(raw: str) -> Any:
    raw = raw.strip()
    raw = re.sub(r"^\s*(<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)", "", raw)
    raw = re.sub(r"(-->|//\s*\]\]>|\]\]>)\s*$", "", raw).strip()
    try:
        return json.loads(raw, strict=False)  # strict=False: raw newlines inside strings are common
    except json.JSONDecodeError:
        return None


def _is_posting(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.split("/")[-1] == "JobPosting" for k in kinds)


def _walk(node: Any, found: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 12:
        return
    if isinstance(node, list):
        for item in node:
            _walk(item, found, depth + 1)
    elif isinstance(node, dict):
        if _is_posting(node):
            found.append(node)
            return
        for value in node.values():
            if isinstance(value, dict | list):
                _walk(value, found, depth + 1)


def find_job_postings(html: str) -> list[dict[str, Any]]:
    """Every JobPosting object in the page's JSON-LD scripts (broken scripts are skipped)."""
    found: list[dict[str, Any]] = []
    for raw in _SCRIPT_RE.findall(html or ""):
        data = _loads_lenient(raw)
        if data is not None:
            _walk(data, found)
    return found


def _text(value: Any) -> str:
    """Text of a JSON-LD value that may be a string, a number, a list or an object with a name."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    if isinstance(value, dict):
        for key in ("name", "value", "@value", "text", "legalName"):
            if key in value:
                return _text(value[key])
    return ""


def _address(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if not isinstance(value, dict):
        return ""
    locality = _text(value.get("addressLocality"))
    postcode = _text(value.get("postalCode"))
    region = _text(value.get("addressRegion"))
    country = _text(value.get("addressCountry"))
    city = " ".join(p for p in (locality, f"({postcode})" if postcode and locality else postcode) if p)
    parts = [city, region if region and region != locality else "", country]
    return ", ".join(p for p in parts if p) or _text(value.get("streetAddress"))


def _location(posting: dict[str, Any]) -> str:
    places = posting.get("jobLocation")
    places = places if isinstance(places, list) else [places] if places else []
    texts = []
    for place in places:
        if isinstance(place, dict):
            text = _address(place.get("address")) or _text(place.get("name"))
        else:
            text = _text(place)
        if text and text not in texts:
            texts.append(text)
    remote = "TELECOMMUTE" in json.dumps(posting.get("jobLocationType", "")).upper()
    if remote:
        texts.append("télétravail possible" if texts else "télétravail")
    return " ; ".join(texts)


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(" ", "").replace("\u202f", "").replace(",", "."))
        except ValueError:
            return None
    return None


def _salary(posting: dict[str, Any]) -> str:
    salary = posting.get("baseSalary") or posting.get("estimatedSalary")
    if isinstance(salary, list):
        salary = salary[0] if salary else None
    if salary is None:
        return ""
    if not isinstance(salary, dict):
        number = _number(salary)
        return salary_text(number, number, _text(posting.get("salaryCurrency"))) if number else _text(salary)
    currency = _text(salary.get("currency")) or _text(posting.get("salaryCurrency"))
    value = salary.get("value", salary)
    if isinstance(value, dict):
        low = _number(value.get("minValue"))
        high = _number(value.get("maxValue"))
        single = _number(value.get("value"))
        unit = _text(value.get("unitText")) or _text(salary.get("unitText"))
        return salary_text(
            low if low is not None else single, high if high is not None else single, currency, unit
        )
    number = _number(value)
    if number is not None:
        return salary_text(number, number, currency, _text(salary.get("unitText")))
    return _text(value)


def _description(posting: dict[str, Any]) -> str:
    text = html_to_text(_text(posting.get("description")))
    extra = (
        ("responsibilities", "Missions :"),
        ("qualifications", "Profil recherché :"),
        ("skills", "Compétences :"),
        ("experienceRequirements", "Expérience :"),
        ("educationRequirements", "Formation :"),
        ("jobBenefits", "Avantages :"),
    )
    parts = [text] if text else []
    for key, heading in extra:
        value = html_to_text(_text(posting.get(key)))
        if value and value[:80] not in text:
            parts.append(f"{heading}\n{value}")
    return "\n\n".join(parts)


def posting_fields(posting: dict[str, Any], page_url: str = "") -> dict[str, str]:
    """Offer fields (title, company, location, contract, salary, url, description, date_posted,
    source_id) of one JobPosting; missing fields are empty strings."""
    identifier = posting.get("identifier")
    if isinstance(identifier, dict):  # PropertyValue: "name" is the issuer, "value" the id
        identifier = identifier.get("value") or identifier.get("@value") or identifier.get("name")
    date = _text(posting.get("datePosted"))
    return {
        "title": html_to_text(_text(posting.get("title")) or _text(posting.get("name"))),
        "company": html_to_text(_text(posting.get("hiringOrganization"))),
        "location": _location(posting),
        "contract": normalise_contract(_text(posting.get("employmentType"))),
        "salary": _salary(posting),
        "url": _text(posting.get("url")) or page_url,
        "description": _description(posting),
        "date_posted": date[:10] if re.match(r"\d{4}-\d{2}-\d{2}", date) else date,
        "source_id": _text(identifier),
    }

"""Offers from a CSV or JSON file (ours, JobSpy's exports, or the reference design's French sheets).

Spreadsheets come from Excel (cp1252, ``;`` separators, BOM), from scripts (UTF-8, ``,``) and from
JobSpy (``site``, ``job_url``, ``min_amount``...), so columns are matched case- and accent-insensitively
through a table of synonyms. A file we cannot read fails with the line number and the expected
columns; a row we cannot use is skipped with a warning, never silently.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from jobapp.domain import Offer
from jobapp.errors import InvalidInput, UnsupportedFile
from jobapp.sources.dedup import dedupe
from jobapp.sources.results import ImportResult
from jobapp.sources.text import html_to_text, looks_like_html, markdown_to_text, salary_text, tidy_text
from jobapp.textfold import fold

# Offer field (or a description part) -> accepted column names, already folded (see _column_key).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("title", "job_title", "jobtitle", "poste", "intitule", "intitule_du_poste", "titre", "position",
              "offre", "job"),
    "company": ("company", "company_name", "entreprise", "societe", "employer", "employeur", "organisation",
                "organization", "hiring_organization", "recruteur"),
    "location": ("location", "lieu", "ville", "city", "localisation", "place", "adresse", "job_location"),
    "contract": ("contract", "contrat", "type_contrat", "type_de_contrat", "contract_type", "job_type",
                 "employment_type", "type"),
    "salary": ("salary", "salaire", "remuneration", "pay", "compensation", "base_salary"),
    "url": ("url", "link", "lien", "job_url", "href", "offer_url", "lien_offre", "adresse_web"),
    "description": ("description", "desc", "text", "texte", "details", "job_description", "contenu", "content",
                    "body", "annonce", "descriptif"),
    "missions": ("missions", "mission", "responsibilities", "responsabilites"),
    "profile": ("profil_recherche", "profil", "profile", "requirements", "qualifications", "competences"),
    "date_posted": ("date_posted", "date", "posted", "published", "date_publication", "publication_date",
                    "posted_at", "date_de_publication"),
    "source_id": ("source_id", "id", "job_id", "offer_id", "reference", "ref"),
    "source": ("source", "site", "board"),
    "min_amount": ("min_amount", "salary_min", "salaire_min"),
    "max_amount": ("max_amount", "salary_max", "salaire_max"),
    "currency": ("currency", "devise"),
    "interval": ("interval", "salary_interval", "periode"),
}  # fmt: skip
_BY_COLUMN = {name: target for target, names in COLUMN_SYNONYMS.items() for name in names}
_TEXT_FIELDS = ("title", "description", "missions", "profile")
_EXPECTED = (
    "title/Poste, company/Entreprise, location/Lieu, contract/Type_Contrat, salary/Salaire, url/Lien, "
    "description (or Missions + Profil_Recherche), date_posted/Date, source_id"
)
_JSON_CONTAINERS = ("offers", "jobs", "results", "data", "items", "offres")


@lru_cache(maxsize=4096)  # called for every cell; a file repeats a few column names
def _column_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(_LONE_SURROGATE.sub("", str(name)))).strip("_")


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Text of the file and a warning when the encoding had to be guessed (Excel's Windows-1252)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # errors="replace": an odd byte count or a lone surrogate must not lose the whole file
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "The file is not UTF-8; it was read as Windows-1252 (Excel's encoding)."
    except UnicodeDecodeError:
        return data.decode(
            "latin-1"
        ), "The file is not UTF-8; it was read as Latin-1: check accented letters."


def _cell(value: Any) -> str:
    """A cell as text: numbers without '.0', lists joined, null/NaN as empty, HTML as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if not math.isfinite(value):  # NaN, and 1e400 which JSON reads as infinity
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else str(value)
    if isinstance(value, list):
        return ", ".join(c for c in (_cell(v) for v in value) if c)
    if isinstance(value, dict):
        for key in ("name", "value", "text", "@value"):
            if key in value:
                return _cell(value[key])
        # the values, not the JSON text: no braces in a title, and no "Infinity" from json.dumps
        return ", ".join(c for c in (_cell(v) for v in value.values()) if c)
    text = _LONE_SURROGATE.sub("\ufffd", str(value)).replace("\x00", "").strip()
    return "" if text.lower() in {"nan", "none", "null", "n/a"} else text


#: JSON "\ud800" escapes decode to lone surrogates, which no UTF-8 encoder (hash, database) accepts
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: longest number kept as a number: Python refuses to convert ints beyond 4,300 digits
MAX_NUMBER_DIGITS = 40
#: a salary amount above this is a typo or an attack, not a salary
MAX_AMOUNT = 1e9
#: offers in one file (a board export holds hundreds; 100,000 is a data dump)
MAX_RECORDS = 100_000
#: size of an offers file
MAX_FILE_BYTES = 200 * 1024 * 1024


def _parse_int(text: str) -> int | str:
    """JSON integers: a 5,000-digit id stays text instead of raising ValueError."""
    return int(text) if len(text) <= MAX_NUMBER_DIGITS else text


def _safe_url(url: str) -> str:
    """The URL when it parses, else "" (``http://[x`` raises ValueError in urllib everywhere later)."""
    try:
        for candidate in (url, url if "://" in url else f"https://{url.strip()}"):  # as dedup reads it
            urlsplit(candidate).port  # noqa: B018  .port validates the port number too
    except ValueError:
        return ""
    return url


def _amount(text: str) -> float | None:
    try:
        amount = float(text.replace(" ", "").replace(",", "."))
    except ValueError:
        return None
    return amount if math.isfinite(amount) and abs(amount) <= MAX_AMOUNT else None


_MARKDOWN_RE = re.compile(r"^[ \t]{0,3}(?:#{2,}|#[ \t])|\*\*\S|\]\(https?://", re.M)


def _cell_text(value: str) -> str:
    """Clean text of a description cell: HTML (scraped) and markdown (JobSpy's CSV exports) alike."""
    if looks_like_html(value):
        return html_to_text(value)
    return markdown_to_text(value) if _MARKDOWN_RE.search(value) else tidy_text(value)


def record_to_offer(record: dict[str, Any], where: str) -> tuple[Offer | None, str | None]:
    """One row/object -> an Offer, or (None, warning) when it has no title and no description."""
    fields: dict[str, str] = {}
    for column, value in record.items():
        target = _BY_COLUMN.get(_column_key(column))
        text = _cell(value)
        if target and text and not fields.get(target):
            fields[target] = text
    if not any(fields.get(f) for f in _TEXT_FIELDS):
        if any(_cell(v) for v in record.values()):
            return None, f"{where}: skipped, it has no title and no description."
        return None, f"{where}: skipped, it is empty."
    parts = []
    if fields.get("description"):
        parts.append(_cell_text(fields["description"]))
    if fields.get("missions"):
        parts.append("Missions :\n" + _cell_text(fields["missions"]))
    if fields.get("profile"):
        parts.append("Profil recherché :\n" + _cell_text(fields["profile"]))
    salary = fields.get("salary", "")
    if not salary and (fields.get("min_amount") or fields.get("max_amount")):
        salary = salary_text(
            _amount(fields.get("min_amount", "")),
            _amount(fields.get("max_amount", "")),
            fields.get("currency"),
            fields.get("interval"),
        )
    url = _safe_url(fields.get("url", ""))
    if fields.get("url") and not url:
        warning = f"{where}: its URL {fields['url'][:80]!r} is malformed and was dropped."
    else:
        warning = None
    offer = Offer(
        title=fields.get("title", ""),
        company=fields.get("company", ""),
        location=fields.get("location", ""),
        contract=fields.get("contract", ""),
        salary=salary,
        url=url,
        description="\n\n".join(parts),
        source=fields.get("source") or "file",
        source_id=fields.get("source_id", ""),
        date_posted=fields.get("date_posted", ""),
    )
    return offer, warning


def _sniff_dialect(text: str) -> type[csv.Dialect]:
    """The separator is the candidate most frequent in the header line (column names rarely hold
    commas, while descriptions do: csv.Sniffer misreads such files)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t|", key=header.count)

    class Sniffed(csv.excel):
        pass

    Sniffed.delimiter = delimiter if header.count(delimiter) else ","
    return Sniffed


def read_csv_records(text: str, filename: str) -> list[tuple[str, dict[str, Any]]]:
    """(where, record) for each data row; InvalidInput when the header has no known column."""
    dialect = _sniff_dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    name = filename or "the CSV file"
    try:
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise InvalidInput(
                f"{name}: the first line is empty; it should name the columns.",
                hint=f"Expected: {_EXPECTED}.",
            )
        known = [h for h in header if _column_key(h) in _BY_COLUMN]
        if not any(_BY_COLUMN[_column_key(h)] in _TEXT_FIELDS for h in known):
            raise InvalidInput(
                f"{name}: line 1 (the header) has no title or description column; found {header[:12]}.",
                hint=f"Expected columns (case and accents ignored): {_EXPECTED}.",
            )
        rows = []
        for values in reader:
            where = f"line {reader.line_num}"
            if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
                raise InvalidInput(
                    f"{name}: {where} has {len(values)} fields but the header names {len(header)} columns.",
                    hint="Quote cells that contain the separator, or check the separator is the same on every line.",
                )
            rows.append((where, dict(zip(header, values, strict=False))))
        return rows
    except csv.Error as exc:
        raise InvalidInput(
            f"{name}: malformed CSV at line {reader.line_num}: {exc}.",
            hint='Check the quotes around that line (a cell starting with " must end with ").',
        ) from None


def read_json_records(text: str, filename: str) -> list[tuple[str, dict[str, Any]]]:
    """(where, record) from a JSON list, an object holding a list ("offers", "jobs"...), or JSON Lines."""
    name = filename or "the JSON file"
    try:
        data = json.loads(text, parse_int=_parse_int)
    except RecursionError:
        raise InvalidInput(
            f"{name}: the JSON is nested too deeply to be offers.",
            hint='Expected a list of offers [{...}, ...], {"offers": [...]}, or one JSON object per line.',
        ) from None
    except json.JSONDecodeError as exc:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines):
            return _read_json_lines(text, name)
        raise InvalidInput(
            f"{name}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}.",
            hint='Expected a list of offers [{...}, ...], {"offers": [...]}, or one JSON object per line.',
        ) from None
    if isinstance(data, dict):
        container = next((key for key in _JSON_CONTAINERS if isinstance(data.get(key), list)), None)
        data = data[container] if container else [data]
    if not isinstance(data, list):
        raise InvalidInput(
            f"{name}: the JSON holds a {type(data).__name__}, not a list of offers.",
            hint='Expected [{"title": ..., "description": ...}, ...] or {"offers": [...]}.',
        )
    records = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise InvalidInput(
                f"{name}: item {index} is a {type(item).__name__}, expected an object with offer fields.",
                hint=f"Fields: {_EXPECTED}.",
            )
        records.append((f"item {index}", item))
    return records


def _read_json_lines(text: str, name: str) -> list[tuple[str, dict[str, Any]]]:
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line, parse_int=_parse_int)
        except RecursionError:
            raise InvalidInput(f"{name}: line {number} is nested too deeply to be an offer.") from None
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                f"{name}: invalid JSON on line {number}, column {exc.colno}: {exc.msg}.",
                hint="In JSON Lines each line must be one complete JSON object.",
            ) from None
        if not isinstance(item, dict):
            raise InvalidInput(f"{name}: line {number} is not a JSON object.", hint=f"Fields: {_EXPECTED}.")
        records.append((f"line {number}", item))
    return records


def _looks_like_json(text: str, filename: str) -> bool:
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix in ("json", "jsonl", "ndjson"):
        return True
    if suffix in ("csv", "tsv", "txt"):
        return False
    return text.lstrip()[:1] in ("[", "{")


def read_offers_file(data: bytes, filename: str = "", *, merge_duplicates: bool = True) -> ImportResult:
    """Offers of a CSV/JSON/JSONL file; duplicates inside the file are merged (with a warning)."""
    if not data or not data.strip():
        raise InvalidInput(f"{filename or 'The file'} is empty.", hint="Export the offers again and retry.")
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")) or (
        b"\x00" in data[:1024] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    ):
        raise UnsupportedFile(
            f"{filename or 'The file'} is a binary file (Excel, PDF...), not CSV or JSON.",
            hint="In Excel or LibreOffice use 'Save as' -> CSV (UTF-8), then import that file.",
        )
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(
            f"{filename or 'The file'} is {len(data) // 2**20} MB, over the limit of {MAX_FILE_BYTES // 2**20} MB "
            "for an offers file.",
            hint="Split it into smaller files and import them one by one.",
        )
    text, encoding_warning = decode_bytes(data)
    warnings = [encoding_warning] if encoding_warning else []
    if _looks_like_json(text, filename):
        records = read_json_records(text, filename)
    else:
        records = read_csv_records(text, filename)
    if len(records) > MAX_RECORDS:
        raise InvalidInput(
            f"{filename or 'The file'} holds {len(records)} offers, over the limit of {MAX_RECORDS} per import.",
            hint="Split it into smaller files and import them one by one.",
        )
    offers = []
    for where, record in records:
        try:
            offer, warning = record_to_offer(record, where)
        except RecursionError:
            raise InvalidInput(
                f"{filename or 'The file'}: {where} is nested too deeply to be an offer.",
                hint=f"Each offer is one flat object with the fields {_EXPECTED}.",
            ) from None
        if warning:
            warnings.append(warning)
        if offer is not None:
            offers.append(offer)
    if not offers:
        raise InvalidInput(
            f"{filename or 'The file'}: no usable offer ({len(records)} row(s), none with a title or description).",
            hint=f"Expected columns: {_EXPECTED}.",
        )
    if merge_duplicates:
        unique = dedupe(offers)
        if len(unique) < len(offers):
            warnings.append(f"{len(offers) - len(unique)} duplicate offer(s) merged.")
        offers = unique
    return ImportResult(offers=offers, warnings=warnings)

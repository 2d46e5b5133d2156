"""An offer pasted as text (from an email, a PDF, a site that needs JavaScript).

The pasted text *is* the description, unchanged; only the header fields (title, company, place,
contract, salary) are guessed: by the LLM when one is given (``jobapp.llm.summarise``), otherwise by
the rule-based ``jobapp.extraction.offer_fields`` (both written elsewhere and optional here).
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from jobapp.domain import Offer
from jobapp.errors import InvalidInput
from jobapp.sources.text import normalise_contract, tidy_text

MAX_PASTE_CHARS = 50_000
MIN_PASTE_CHARS = 30
HEADER_FIELDS = ("title", "company", "location", "contract", "salary", "date_posted", "url")


def _as_dict(result: Any) -> dict[str, Any]:
    if result is None:
        return {}
    if hasattr(result, "model_dump"):
        return dict(result.model_dump())
    return dict(result) if isinstance(result, dict) else {}


def _header_fields(result: Any) -> dict[str, str]:
    fields = _as_dict(result)
    return {
        k: str(v).strip()
        for k, v in fields.items()
        if k in HEADER_FIELDS and isinstance(v, str) and v.strip()
    }


def guess_fields(text: str) -> dict[str, str]:
    """Header fields guessed by ``jobapp.extraction.offer_fields.guess_offer_fields`` when present,
    else a minimal fallback: a short first line is the title."""
    try:
        module = importlib.import_module("jobapp.extraction.offer_fields")
    except ImportError:
        module = None
    if module is not None and hasattr(module, "guess_offer_fields"):
        fields = _header_fields(module.guess_offer_fields(text))
        if fields:
            return fields
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = re.sub(r"^(intitulé du poste|poste|job title|title)\s*:\s*", "", first, flags=re.I)
    return {"title": first} if 0 < len(first) <= 120 else {}


def _llm_fields(text: str, llm: Any) -> dict[str, str]:
    try:
        module = importlib.import_module("jobapp.llm.summarise")
    except ImportError:
        return {}
    parse = getattr(module, "parse_pasted_offer", None)
    if parse is None:
        return {}
    return _header_fields(parse(text, llm))


def validate_pasted_text(text: str) -> str:
    """The tidied text, or InvalidInput saying why it cannot be an offer."""
    if text is None or not str(text).strip():
        raise InvalidInput(
            "The pasted offer is empty.", hint="Paste the offer's full text (title and description)."
        )
    cleaned = tidy_text(str(text))
    if len(cleaned) > MAX_PASTE_CHARS:
        raise InvalidInput(
            f"The pasted text is too long ({len(cleaned):,} characters; the limit is {MAX_PASTE_CHARS:,}).",
            hint="Paste one offer at a time; for many offers, import a CSV/JSON file.",
        )
    if len(cleaned) < MIN_PASTE_CHARS:
        raise InvalidInput(
            f"The pasted text is too short to be an offer ({len(cleaned)} characters).",
            hint="Paste the whole offer, with its description.",
        )
    return cleaned


def offer_from_text(text: str, llm: Any = None) -> Offer:
    """An Offer whose description is the pasted text and whose header fields are guessed."""
    cleaned = validate_pasted_text(text)
    fields = _llm_fields(cleaned, llm) if llm is not None else {}
    if not fields.get("title"):
        fields = guess_fields(cleaned) | fields
    if fields.get("contract"):
        fields["contract"] = normalise_contract(fields["contract"])
    return Offer.model_validate({**fields, "description": cleaned, "source": "paste"})

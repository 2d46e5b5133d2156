"""Typed records passed between pipeline steps.

Steps are plain functions over these records; the store turns them into rows and back. They are
pydantic models so that API bodies, exports and LLM outputs are validated by the same definitions.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, field_validator

Provenance = Literal["llm", "extraction"]
Verdict = Literal["strong", "partial", "none"]
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

#: An application's stages, in the order they usually come (``jobapp applications``, the UI's tracker).
APPLICATION_STATUSES = ("to_apply", "applied", "interview", "offer", "rejected", "withdrawn")


def text_hash(text: str) -> str:
    """Stable hash of a text: the cache key of everything derived from it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Offer(BaseModel):
    """A job offer as collected (step 1)."""

    id: int | None = None
    title: str = ""
    company: str = ""
    location: str = ""
    contract: str = ""
    salary: str = ""
    url: str = ""
    description: str = ""
    source: str = ""  # file, url, paste, hellowork, indeed...
    source_id: str = ""  # the board's own id, when it has one
    date_posted: str = ""
    found_at: str = ""

    @field_validator("*", mode="after")
    @classmethod
    def _storable_text(cls, value: Any) -> Any:
        """Lone surrogates (a JSON "\\ud800" escape from a board, a file or a page) cannot be encoded
        as UTF-8, so they could be neither hashed nor stored: each becomes U+FFFD."""
        if isinstance(value, str) and _LONE_SURROGATE.search(value):
            return _LONE_SURROGATE.sub("\ufffd", value)
        return value

    @field_validator("url", mode="after")
    @classmethod
    def _parseable_url(cls, value: str) -> str:
        """A URL urllib cannot parse (``http://[x``, a port past 65535) is dropped: dedup, the SSRF
        guard and the web page all parse it again and would fail on it."""
        try:
            for candidate in (value, value if "://" in value else f"https://{value.strip()}"):
                urlsplit(candidate).port  # noqa: B018  .port validates the port too
        except ValueError:
            return ""
        return value

    def full_text(self) -> str:
        """What the models read: title, company, place, contract and description."""
        head = " — ".join(p for p in (self.title, self.company, self.location, self.contract) if p)
        return f"{head}\n\n{self.description}".strip()


class OfferSummary(BaseModel):
    """Step 2: what the offer asks for."""

    offer_id: int | None = None
    language: str = "fr"
    profile: str = ""
    key_skills: list[str] = Field(default_factory=list)
    soft_skills: list[str] = Field(default_factory=list)
    seniority: str = ""
    mission: str = ""
    contract: str = ""
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    #: why a field is not the model's answer (field -> reason: "not in the source", "not asked"...).
    replaced: dict[str, str] = Field(default_factory=dict)
    model: str = ""
    input_hash: str = ""


class CvDocument(BaseModel):
    """Step 3: a CV file turned into clean text."""

    id: int | None = None
    filename: str = ""
    format: str = ""  # pdf, docx, txt
    text: str = ""
    pages: int = 0
    ocr: bool = False
    sha256: str = ""
    warnings: list[str] = Field(default_factory=list)


class CvProfile(BaseModel):
    """Step 4: the anonymised profile. The LLM never sees the text before anonymisation."""

    cv_id: int | None = None
    language: str = "fr"
    title: str = ""
    summary: str = ""
    hard_skills: list[str] = Field(default_factory=list)
    soft_skills: list[str] = Field(default_factory=list)
    level: str = ""
    years_experience: float | None = None
    sectors: list[str] = Field(default_factory=list)
    strengths: list[str] = Field(default_factory=list)
    education: list[str] = Field(default_factory=list)
    removed: dict[str, int] = Field(default_factory=dict)  # kind of identifier -> how many removed
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    #: why a field is not the model's answer (field -> reason: "not in the source", "not asked"...).
    replaced: dict[str, str] = Field(default_factory=dict)
    model: str = ""
    input_hash: str = ""


class KeywordCoverage(BaseModel):
    """What an ATS would filter on: the offer's keywords the CV has and misses."""

    matched: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    coverage: float = 0.0  # 0..1, must-haves weighing more
    required: list[str] = Field(default_factory=list)  # the must-have keywords (others are nice-to-have)
    missing_required: list[str] = Field(default_factory=list)  # must-haves the CV lacks


class Match(BaseModel):
    """Steps 5-6: one offer ranked for one CV."""

    offer_id: int
    cv_id: int
    rank: int = 0
    dense: float = 0.0  # bi-encoder cosine, -1..1
    score: float = 0.0  # calibrated 0..100
    components: dict[str, float] = Field(default_factory=dict)
    keywords: KeywordCoverage = Field(default_factory=KeywordCoverage)
    engine: str = ""


class Explanation(BaseModel):
    """Step 7: why an offer matches (or not)."""

    offer_id: int
    cv_id: int
    verdict: Verdict = "none"
    summary: str = ""
    strengths: list[str] = Field(default_factory=list)
    gaps: list[str] = Field(default_factory=list)
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    #: why a field is not the model's answer (field -> reason: "not in the source", "not asked"...).
    replaced: dict[str, str] = Field(default_factory=dict)
    model: str = ""
    input_hash: str = ""

"""The LLM steps as pure functions: offer summaries (2), CV profiles (4), explanations (7).

Each function takes records from :mod:`jobapp.domain` and an :class:`jobapp.models.base.LLM` (or
``None``) and returns a record; nothing here reads or writes the store. Every answer of a model
goes through :func:`jobapp.llm.structured.generate_record`: schema, parsing, one repair, grounding,
and a deterministic fallback field by field, so a weak or absent model degrades quality, never
correctness. Importing this package imports no ML library.
"""

from __future__ import annotations

from jobapp.llm.explain import explain_match, verdict_for
from jobapp.llm.profile import build_cv_profile
from jobapp.llm.prompts import PROMPT_VERSION
from jobapp.llm.structured import generate_record
from jobapp.llm.summarise import parse_pasted_offer, summarise_offer

__all__ = [
    "PROMPT_VERSION",
    "build_cv_profile",
    "explain_match",
    "generate_record",
    "parse_pasted_offer",
    "summarise_offer",
    "verdict_for",
]

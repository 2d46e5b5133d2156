"""The LLM steps as pure functions: offer summaries (2), CV profiles (4), explanations (7).

Each function takes records from :mod:`jobapp.domain` and an :class:`jobapp.models.base.LLM` (or
``None``) and returns a record; nothing here reads or writes the store. Every answer of a model
goes through :func:`jobapp.llm.structured.generate_record`: schema, parsing, one repair, grounding,
and a deterministic fallback field by field, so a weak or absent model degrades quality, never
correctness. Importing this package imports no ML library. Names are imported on
first use: a step that only looks a stored record up imports none of the extraction rules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jobapp.llm.explain import explain_match, verdict_for
    from jobapp.llm.profile import build_cv_profile
    from jobapp.llm.prompts import PROMPT_VERSION
    from jobapp.llm.structured import generate_record
    from jobapp.llm.summarise import parse_pasted_offer, summarise_offer

#: Where each public name lives: imported on first use (PEP 562), so importing one submodule does
#: not import them all.
_HOMES = {
    "PROMPT_VERSION": "jobapp.llm.prompts",
    "build_cv_profile": "jobapp.llm.profile",
    "explain_match": "jobapp.llm.explain",
    "generate_record": "jobapp.llm.structured",
    "parse_pasted_offer": "jobapp.llm.summarise",
    "summarise_offer": "jobapp.llm.summarise",
    "verdict_for": "jobapp.llm.explain",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "PROMPT_VERSION",
    "build_cv_profile",
    "explain_match",
    "generate_record",
    "parse_pasted_offer",
    "summarise_offer",
    "verdict_for",
]

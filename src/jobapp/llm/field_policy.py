"""Which fields each model is asked for, per LLM step: only those where it beat extraction.

Why: every field asked of a model costs decoding time, and a field the model gets wrong is thrown
away by the checks (:mod:`jobapp.llm.field_checks`) and replaced by extraction anyway. So
``bench/llm_fields.py`` measures, per model and per field, how often the model's answer survives
the checks and how it compares with extraction on real CVs and offers, and writes the verdict to
``data/field_policy.json``. A model that lost on a field is not asked for it; a model that lost on
every field of a step is not called at all for that step (the step then runs on extraction only
and says so once in its log). A model the table does not know is asked for every field: nothing
was measured against it, and the checks still guard what is shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from functools import cache
from importlib import resources
from typing import Any

#: the three LLM steps, as named in the policy file.
STEPS: tuple[str, ...] = ("summary", "profile", "explanation")

_QUANT = re.compile(r"[.-](?:q\d[\w]*|f16|f32|bf16|fp16|gguf)$", re.I)


def model_key(name: str) -> str:
    """The policy key of a model spec: ``gguf:/x/SmolLM2-135M-Instruct.Q4_1.gguf`` -> ``smollm2-135m-instruct``.

    Backend prefix, folders, file extension and quantisation suffix are dropped: the same weights
    behave the same whichever way they are loaded.
    """
    base = name.split(":", 1)[1] if re.match(r"^[a-z]+:", name) else name
    base = re.split(r"[\\/]", base.rstrip("/\\"))[-1].casefold()
    while True:
        stripped = _QUANT.sub("", base)
        if stripped == base:
            return base
        base = stripped


@cache
def load_policy() -> dict[str, Any]:
    """The shipped table (model key -> step -> fields the model is asked for)."""
    raw = resources.files("jobapp.llm").joinpath("data", "field_policy.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def fields_to_ask(model_name: str, step: str, all_fields: Collection[str]) -> tuple[str, ...]:
    """The fields of ``step`` to ask ``model_name`` for, in ``all_fields`` order."""
    entry = load_policy().get("models", {}).get(model_key(model_name))
    if entry is None or step not in entry:
        return tuple(all_fields)
    allowed = set(entry[step])
    return tuple(f for f in all_fields if f in allowed)


def policy_version() -> str:
    """A short fingerprint of the table: part of the input hashes, so a new table recomputes."""
    from jobapp.domain import text_hash

    return text_hash(json.dumps(load_policy(), sort_keys=True))[:12]


def skipped_step_message(model_name: str, step: str) -> str:
    """The log line of a step the policy runs without the model."""
    return (
        f"{model_key(model_name)} is not asked for any {step} field: on real CVs and offers it did worse "
        "than extraction (bench/llm_fields.py), so this step uses extraction only, with no model call."
    )

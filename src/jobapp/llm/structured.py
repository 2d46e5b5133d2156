"""Trustworthy structured output from any LLM, small or large.

Why this exists: a step asks a model for a small JSON record (an offer summary, a CV profile, an
explanation). A 1.5B model usually complies; a 135M one loops, forgets keys, answers in the wrong
language or invents skills. Every step therefore goes through one loop:

1. a small JSON schema derived from a pydantic *draft* model (short lists, short strings, enums);
2. constrained decoding when the backend can (``llm.supports_schema``), otherwise a prompt that
   shows the expected keys and a lenient parser (code fences, prose around the object, trailing
   commas, an object cut off by the token limit);
3. pydantic validation, then ONE repair attempt that sends the validation error back;
4. field-level clean-up: degenerate text (word loops, mostly non-letters, other scripts, the wrong
   language) is blanked, then the step's ``validate`` hook blanks what fails grounding;
5. field-level merge with the deterministic fallback: every field the model left empty, invalid
   or ungrounded is taken from the fallback, and ``provenance[field]`` says which one won.

The fallback is computed lazily: when the model answers well it is only run if a field needs it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Collection
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError, create_model

from jobapp.domain import Provenance
from jobapp.errors import ModelUnavailable
from jobapp.llm import prompts
from jobapp.llm.text_checks import clean_text, is_empty_value
from jobapp.models.base import LLM, ContextTooLong, Message
from jobapp.models.jsontext import NoJsonFound, parse_json_object

log = logging.getLogger("jobapp.llm")

M = TypeVar("M", bound=BaseModel)


# --------------------------------------------------------------------------- schema


def json_schema_for(model_cls: type[BaseModel]) -> dict[str, Any]:
    """The draft model's JSON schema, trimmed for grammar-constrained decoding.

    Titles and descriptions are removed (they cost prompt tokens and grammar states), every
    property is required (a constrained model then always emits every key, possibly empty) and no
    other key is allowed.
    """
    schema = model_cls.model_json_schema()
    schema.pop("$defs", None)  # draft models are flat by design

    def trim(node: Any) -> Any:
        if isinstance(node, dict):
            out = {k: trim(v) for k, v in node.items() if k not in {"title", "description", "default"}}
            if isinstance(node.get("properties"), dict):  # property names are data, not keywords
                out["properties"] = {k: trim(v) for k, v in node["properties"].items()}
            if out.get("type") == "object" and "properties" in out:
                out["required"] = list(out["properties"])
                out["additionalProperties"] = False
            return out
        if isinstance(node, list):
            return [trim(v) for v in node]
        return node

    trimmed: dict[str, Any] = trim(schema)
    return trimmed


def skeleton_for(model_cls: type[BaseModel]) -> str:
    """A one-line JSON example of the expected keys, for models without constrained decoding.

    Small models copy an example far more reliably than they follow a JSON schema.
    """
    parts: list[str] = []
    for name, prop in json_schema_for(model_cls)["properties"].items():
        parts.append(f'"{name}": {_example_value(prop)}')
    return "{" + ", ".join(parts) + "}"


def _example_value(prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return json.dumps("|".join(str(v) for v in prop["enum"]))
    options = prop.get("anyOf")
    if options:
        return _example_value(next(o for o in options if o.get("type") != "null"))
    kind = prop.get("type")
    if kind == "array":
        return '["...", "..."]'
    if kind in {"number", "integer"}:
        return "0"
    if kind == "boolean":
        return "false"
    return '"..."'


def clip_to_schema(data: Any, schema: dict[str, Any]) -> Any:
    """Cut lists to ``maxItems`` and strings to ``maxLength``: being too long is not worth a retry."""
    if isinstance(data, dict) and "properties" in schema:
        return {
            k: clip_to_schema(v, schema["properties"][k]) if k in schema["properties"] else v
            for k, v in data.items()
        }
    if isinstance(data, list) and schema.get("type") == "array":
        limit = schema.get("maxItems")
        items = data[:limit] if limit else data
        return [clip_to_schema(v, schema.get("items", {})) for v in items]
    if isinstance(data, str):
        limit = schema.get("maxLength")
        for option in schema.get("anyOf", []):
            limit = limit or option.get("maxLength")
        if limit and len(data) > limit:
            cut = data[:limit]
            space = cut.rfind(" ")
            return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;")
    return data


# --------------------------------------------------------------------------- the loop


def generate_record(
    llm: LLM,
    messages: list[Message],
    model_cls: type[M],
    *,
    fallback: Callable[[], M],
    validate: Callable[[M], M] | None = None,
    language: str | None = None,
    max_tokens: int | None = None,
) -> tuple[M, dict[str, Provenance]]:
    """A ``model_cls`` record from the LLM, repaired and completed from ``fallback`` field by field.

    ``validate`` receives the parsed record and returns it with the fields (or list items) that
    fail the step's own checks (grounding) blanked. ``language`` ('fr'/'en'), when given, blanks
    free-text fields written in another language. Returns ``(record, provenance)`` where
    provenance maps every field to 'llm' or 'extraction'. Only :class:`ModelUnavailable` (a
    misconfigured or unreachable model, which the user must fix) and :class:`ContextTooLong` (the
    caller shortens its input, see :func:`generate_fitting`) escape; any other failure of the
    model ends in the fallback.
    """
    schema = json_schema_for(model_cls)
    constrained = bool(getattr(llm, "supports_schema", False))
    conversation = list(messages)
    if not constrained:
        conversation = _with_json_instruction(conversation, model_cls, language)

    data: dict[str, Any] | None = None
    record: M | None = None
    for attempt in range(2):
        try:
            reply = llm.generate(conversation, schema=schema if constrained else None, max_tokens=max_tokens)
        except (ModelUnavailable, ContextTooLong):
            raise
        except Exception as exc:  # a backend failure on one record must not stop a batch
            log.warning("LLM %s failed on attempt %d: %s", getattr(llm, "name", "?"), attempt + 1, exc)
            break
        try:
            data = clip_to_schema(parse_json_object(reply), schema)
            record = model_cls.model_validate(data)
            break
        except (NoJsonFound, ValidationError) as exc:
            log.info("LLM output rejected (attempt %d): %s", attempt + 1, _short_error(exc))
            if attempt == 0:
                raw = reply if isinstance(reply, str) else json.dumps(reply, ensure_ascii=False)
                conversation = [
                    *conversation,
                    {"role": "assistant", "content": raw[:2000]},
                    {"role": "user", "content": prompts.repair_message(_short_error(exc), language)},
                ]

    if record is None and data is not None:
        record = _salvage_fields(model_cls, data)
    if record is None:
        return fallback(), dict.fromkeys(model_cls.model_fields, "extraction")

    record = _clean_fields(record, language)
    if validate is not None:
        record = validate(record)
    return merge_with_fallback(record, fallback)


def generate_fitting(
    llm: LLM,
    make_messages: Callable[[int], list[Message]],
    model_cls: type[M],
    *,
    fallback: Callable[[], M],
    validate: Callable[[M], M] | None = None,
    language: str | None = None,
    max_tokens: int | None = None,
) -> tuple[M, dict[str, Provenance]]:
    """:func:`generate_record` with a source text cut to fit the model's context window.

    ``make_messages(max_chars)`` builds the prompt with at most ``max_chars`` of source text. The
    budget starts from ``llm.context_tokens`` and is halved (twice at most) when the backend still
    reports the prompt too long; then the fallback is used.
    """
    budget = prompts.source_budget(getattr(llm, "context_tokens", None), max_tokens)
    for _ in range(3):
        try:
            return generate_record(
                llm,
                make_messages(budget),
                model_cls,
                fallback=fallback,
                validate=validate,
                language=language,
                max_tokens=max_tokens,
            )
        except ContextTooLong as exc:
            log.info("prompt too long for %s at %d chars: %s", getattr(llm, "name", "?"), budget, exc)
            budget //= 2
    log.warning("prompt still too long for %s: using the extraction fallback", getattr(llm, "name", "?"))
    return fallback(), dict.fromkeys(model_cls.model_fields, "extraction")


def generate_fields(
    llm: LLM,
    make_messages: Callable[[int], list[Message]],
    model_cls: type[M],
    *,
    fields: Collection[str],
    fallback: Callable[[], M],
    checks: dict[str, Callable[[Any], Any]],
    language: str | None = None,
    max_tokens: int | None = None,
) -> tuple[M, dict[str, Provenance]]:
    """:func:`generate_fitting` asking the model for ``fields`` only; the others come from ``fallback``.

    Why: the field policy (:mod:`jobapp.llm.field_policy`) asks a model only for what it does
    better than extraction, which shortens both the schema and the answer. ``checks`` maps a field
    to the function returning its value with what fails blanked (see :mod:`jobapp.llm.field_checks`).
    """
    names = list(model_cls.model_fields)
    asked = tuple(f for f in names if f in set(fields))
    if not asked:
        return fallback(), dict.fromkeys(names, "extraction")
    sub = subset_model(model_cls, asked)

    def sub_fallback() -> BaseModel:
        full = fallback()
        return sub.model_validate({f: getattr(full, f) for f in asked})

    def validate(draft: BaseModel) -> BaseModel:
        return draft.model_copy(update={f: checks[f](getattr(draft, f)) for f in asked if f in checks})

    answer, sub_provenance = generate_fitting(
        llm,
        make_messages,
        sub,
        fallback=sub_fallback,
        validate=validate,
        language=language,
        max_tokens=max_tokens,
    )
    values = {f: getattr(answer, f) for f in asked}
    base = fallback() if len(asked) < len(names) else None
    if base is not None:
        values = {**{f: getattr(base, f) for f in names}, **values}
    provenance: dict[str, Provenance] = {f: sub_provenance.get(f, "extraction") for f in names}
    return model_cls.model_validate(values), provenance


@cache
def subset_model(model_cls: type[BaseModel], fields: tuple[str, ...]) -> type[BaseModel]:
    """A draft model with only ``fields`` (same types and limits): the schema of a partial request."""
    if fields == tuple(model_cls.model_fields):
        return model_cls
    definitions: dict[str, Any] = {
        f: (model_cls.model_fields[f].annotation, model_cls.model_fields[f]) for f in fields
    }
    subset: type[BaseModel] = create_model(f"{model_cls.__name__}Part", **definitions)
    return subset


def merge_with_fallback(record: M, fallback: Callable[[], M]) -> tuple[M, dict[str, Provenance]]:
    """Fill every empty field of ``record`` from the (lazily computed) fallback record."""
    provenance: dict[str, Provenance] = {}
    updates: dict[str, Any] = {}
    backup: M | None = None
    for name in type(record).model_fields:
        if is_empty_value(getattr(record, name)):
            backup = backup if backup is not None else fallback()
            updates[name] = getattr(backup, name)
            provenance[name] = "extraction"
        else:
            provenance[name] = "llm"
    return record.model_copy(update=updates), provenance


def _with_json_instruction(
    messages: list[Message], model_cls: type[BaseModel], language: str | None
) -> list[Message]:
    """Append the "answer with this JSON" instruction to the last user message."""
    instruction = prompts.json_instruction(skeleton_for(model_cls), language)
    out = [dict(m) for m in messages]
    for message in reversed(out):
        if message["role"] == "user":
            message["content"] = f"{message['content']}\n\n{instruction}"
            break
    else:
        out.append({"role": "user", "content": instruction})
    return out


def _salvage_fields(model_cls: type[M], data: dict[str, Any]) -> M | None:
    """Keep the fields that validate on their own; the others stay empty (filled by the fallback)."""
    kept: dict[str, Any] = {}
    for name, field in model_cls.model_fields.items():
        if name not in data:
            continue
        try:
            kept[name] = TypeAdapter(field.annotation or Any).validate_python(data[name])
        except ValidationError:
            continue
        if field.metadata:  # Field(ge=..., max_length=...) constraints live here: check them too
            try:
                model_cls.model_validate({name: kept[name]})
            except ValidationError:
                del kept[name]
    if not kept:
        return None
    try:
        return model_cls.model_validate(kept)
    except ValidationError:
        return None


def _clean_fields(record: M, language: str | None) -> M:
    """Blank degenerate strings and drop degenerate / duplicate list items."""
    updates: dict[str, Any] = {}
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, str):
            cleaned = clean_text(value, language)
            if cleaned != value:
                updates[name] = cleaned
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            items: list[str] = []
            seen: set[str] = set()
            for item in value:
                text = clean_text(item, None)
                if text and text.casefold() not in seen:
                    seen.add(text.casefold())
                    items.append(text)
            if items != value:
                updates[name] = items
    return record.model_copy(update=updates) if updates else record


def _short_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5]]
        return "; ".join(parts)
    return str(exc)[:300]

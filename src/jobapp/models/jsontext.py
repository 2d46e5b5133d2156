"""JSON by prompting, for runtimes that cannot constrain decoding to a schema.

Backends without constrained decoding (transformers, an OpenAI-compatible server that rejects
``response_format``) put the schema in the prompt and try to read a JSON object back from the
reply. When that fails they return the raw text: ``jobapp.llm`` owns validation and repair.
"""

from __future__ import annotations

import json
from typing import Any

from jobapp.models.base import Message


def schema_instruction(schema: dict[str, Any]) -> str:
    return (
        "Answer with one JSON object only (no prose, no code fence) that matches this JSON schema:\n"
        + json.dumps(schema, ensure_ascii=False)
    )


def with_schema_instruction(messages: list[Message], schema: dict[str, Any]) -> list[Message]:
    """Messages plus the schema instruction, unless the caller already put the schema in them."""
    schema_text = json.dumps(schema, ensure_ascii=False)
    if any(schema_text in m.get("content", "") for m in messages):
        return list(messages)
    instruction = {"role": "system", "content": schema_instruction(schema)}
    if messages and messages[0].get("role") == "system":
        merged = {"role": "system", "content": messages[0]["content"] + "\n\n" + instruction["content"]}
        return [merged, *messages[1:]]
    return [instruction, *messages]


def parse_json_object(text: str) -> dict[str, Any] | None:
    """The first JSON object in ``text`` (tolerating prose or a code fence around it), else None."""
    decoder = json.JSONDecoder()
    start = text.find("{")
    while start != -1:
        try:
            value, _ = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            start = text.find("{", start + 1)
            continue
        if isinstance(value, dict):
            return value
        start = text.find("{", start + 1)
    return None


def reply_for_schema(text: str) -> str | dict[str, Any]:
    """The parsed object when the reply holds one, else the raw reply."""
    parsed = parse_json_object(text)
    return parsed if parsed is not None else text

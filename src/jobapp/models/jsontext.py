"""JSON by prompting, for runtimes that cannot constrain decoding to a schema.

Backends without constrained decoding (transformers, an OpenAI-compatible server that rejects
``response_format``) put the schema in the prompt and try to read a JSON object back from the
reply. When that fails they return the raw text: ``jobapp.llm`` owns validation and repair.
"""

from __future__ import annotations

import json
import re
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


class NoJsonFound(ValueError):
    """The model's reply contains no JSON object."""


_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.S)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def parse_json_object(reply: str | dict[str, Any]) -> dict[str, Any]:
    """The first JSON object in a model's reply, tolerating what small models do around it: prose,
    a code fence, a trailing comma, an object cut off by the token limit, a broken object before a
    good one. Raises :class:`NoJsonFound` (its message says why, for the repair prompt)."""
    if isinstance(reply, dict):
        return reply
    text = reply.strip()
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1)
    start = text.find("{")
    if start < 0:
        raise NoJsonFound("no JSON object in the reply")
    first = ""
    while start >= 0:
        candidate = _balanced_object(text[start:])
        first = first or candidate
        for attempt in (candidate, _TRAILING_COMMA.sub(r"\1", candidate)):
            try:
                value = json.loads(attempt)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                return value
        start = text.find("{", start + 1)
    raise NoJsonFound(f"the reply is not valid JSON: {first[:200]!r}")


def _balanced_object(text: str) -> str:
    """``text`` up to the brace closing its first ``{``; a cut-off object is closed as best we can."""
    stack: list[str] = []
    in_string = escaped = False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]":
            if stack:
                stack.pop()
            if not stack:
                return text[: i + 1]
    # Truncated by the token limit: close the open string and containers.
    tail = text.rstrip().rstrip(",")
    if in_string:
        tail += '"'
    return _TRAILING_COMMA.sub(r"\1", tail + "".join(reversed(stack)))


def reply_for_schema(text: str) -> str | dict[str, Any]:
    """The parsed object when the reply holds one, else the raw reply."""
    try:
        return parse_json_object(text)
    except NoJsonFound:
        return text

"""Sentences the app tells a person outside the page's own labels: run logs, CV warnings, board
failures, vocabulary words (levels, contracts, sources), in English and French.

A :class:`Message` is a ``str`` holding the English sentence — what the CLI prints, the log file
keeps and old code joins or compares — that also remembers its catalogue key and parameters, so the
web page can render the same sentence in its own language. Parameters may themselves be messages
(a step's summary inside "Step finished ..."), rendered in the same language. The sentences live in
``<lang>.json`` beside this module (one flat dict per language, same keys and placeholders in both:
a test checks it).

English text stored before keys existed (old run logs, CV warnings) still reads in French through
:func:`localise_text`, which recognises a catalogue sentence and fills its French template.
"""

from __future__ import annotations

import json
import re
import string
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES: tuple[str, ...] = ("en", "fr")
DEFAULT_LANGUAGE = "en"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The sentences of ``lang`` (the default language for an unknown code)."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    raw = resources.files("jobapp.messages").joinpath(f"{lang}.json").read_text("utf-8")
    data: dict[str, str] = json.loads(raw)
    return data


def placeholders(template: str) -> set[str]:
    """The ``{name}`` fields of a template (format specs aside)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class Message(str):
    """The English text of catalogue entry ``key`` filled with ``params``, renderable in any language.

    ``_plain`` marks parameters read back from text (already formatted): templates' format specs
    (``{wall:.2f}``) are then ignored."""

    key: str
    params: dict[str, Any]
    plain: bool

    def __new__(cls, key: str, /, _plain: bool = False, **params: Any) -> Message:
        if key not in catalogue(DEFAULT_LANGUAGE):
            raise KeyError(f"no message {key!r} in the catalogue")
        obj = super().__new__(cls, _fill(key, params, DEFAULT_LANGUAGE, _plain))
        obj.key, obj.params, obj.plain = key, params, _plain
        return obj

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (queue payloads) as key + params, not text
        return (_rebuild, (self.key, self.plain, self.params))

    def render(self, lang: str) -> str:
        return _fill(self.key, self.params, lang, self.plain)

    def to_data(self) -> dict[str, Any]:
        """Key and parameters as JSON-ready data (nested messages as nested data)."""
        data = {"key": self.key, "params": {k: _param_data(v) for k, v in self.params.items()}}
        return {**data, "plain": True} if self.plain else data


def msg(key: str, /, **params: Any) -> Message:
    """Short for :class:`Message`: ``msg("convert.pages", name=..., pages=3)``."""
    return Message(key, **params)


def error_message(exc: BaseException) -> str:
    """A failure as a log line tells it: an error whose ``message`` is a catalogue message stays a
    message (its hint beside it), so it reads in the page's language; any other is its text."""
    message, hint = getattr(exc, "message", None), getattr(exc, "hint", None)
    if not isinstance(message, Message):
        return str(exc)
    return Message("error.with_hint", message=message, hint=hint) if hint else message


def from_data(data: dict[str, Any]) -> Message:
    """A message back from :meth:`Message.to_data`; unknown keys raise ``KeyError``."""
    params = {k: _param_value(v) for k, v in (data.get("params") or {}).items()}
    return Message(data["key"], _plain=bool(data.get("plain")), **params)


def render_data(data: dict[str, Any] | None, fallback: str, lang: str) -> str:
    """A stored message in ``lang``: from its key when it has one, else its English ``fallback``
    recognised by :func:`localise_text` (rows written before keys existed, or a key since removed)."""
    if data:
        try:
            return from_data(data).render(lang)
        except (KeyError, ValueError, IndexError):
            pass
    return localise_text(fallback, lang)


def localise_text(text: str, lang: str) -> str:
    """``text`` in ``lang`` when it is one English catalogue sentence (maybe after a "name: "
    prefix), else unchanged."""
    if lang == DEFAULT_LANGUAGE or not text:
        return text
    found = _read_back(text)
    return text if found is None else found[0] + found[1].render(lang)


def recognise(text: str) -> str:
    """The :class:`Message` whose English sentence ``text`` is, else ``text``: text stored before
    keys existed, or passed along as a plain string, gets its key back (its parameters as text)."""
    if isinstance(text, Message):
        return text
    found = _read_back(text)
    return found[1] if found is not None and not found[0] else text


def _read_back(text: str) -> tuple[str, Message] | None:
    """(prefix, message) of the first catalogue sentence ``text`` is, after an optional prefix."""
    for key, pattern in _patterns():
        found = pattern.fullmatch(text)
        if found is not None:
            values = {k: recognise(v) for k, v in found.groupdict().items() if k != "_prefix"}
            return found.group("_prefix"), Message(key, _plain=True, **values)
    return None


def _fill(key: str, params: dict[str, Any], lang: str, plain: bool = False) -> str:
    template = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE)[key]
    if plain:
        template = _plain_fields(template)
    values = {k: _render_value(v, lang) for k, v in params.items()}
    return template.format(**values)


def _render_value(value: Any, lang: str) -> Any:
    """A parameter in ``lang``: a message rendered, a list of them joined with commas."""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, list | tuple):
        return ", ".join(str(_render_value(v, lang)) for v in value)
    return value


def _rebuild(key: str, plain: bool, params: dict[str, Any]) -> Message:
    return Message(key, _plain=plain, **params)


def _param_data(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_data()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_param_data(v) for v in value]
    return str(value)


def _param_value(value: Any) -> Any:
    if isinstance(value, dict) and "key" in value and "params" in value:
        return from_data(value)
    if isinstance(value, list):
        return [_param_value(v) for v in value]
    return value


def _plain_fields(template: str) -> str:
    """``{wall:.2f}`` → ``{wall}``: a value read back from text is a string, already formatted."""
    return re.sub(r"\{(\w+)(?:![rsa])?:[^{}]*\}", r"{\1}", template)


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each English sentence with placeholders as a regex capturing them; longest first, so a
    specific sentence wins over a short generic one. Sentences without fields match as literals;
    templates that are nearly all fields are left out."""
    out = []
    for key, template in catalogue(DEFAULT_LANGUAGE).items():
        parts = re.split(r"\{(\w+)(?:![rsa])?(?::[^{}]*)?\}", template)
        if sum(c.isalpha() for c in "".join(parts[::2])) < 3:
            continue  # "{message} {hint}" would read any text as itself
        seen: set[str] = set()
        body = ""
        for i, part in enumerate(parts):
            if i % 2 == 0:
                body += re.escape(part)
            elif part in seen:
                body += f"(?P={part})"
            else:
                seen.add(part)
                body += f"(?P<{part}>.+?)"
        out.append((key, re.compile(rf"(?P<_prefix>(?:[\w ]{{1,40}}: )?){body}", re.DOTALL)))
    return sorted(out, key=lambda kp: -len(catalogue(DEFAULT_LANGUAGE)[kp[0]]))


__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Message",
    "catalogue",
    "error_message",
    "from_data",
    "localise_text",
    "msg",
    "placeholders",
    "recognise",
    "render_data",
]

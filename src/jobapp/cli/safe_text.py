"""Untrusted text made safe to print in a terminal through Rich.

Offer titles, companies, URLs, file names and LLM answers come from job boards, files and models
nobody here controls. Printed raw they can drive the terminal (ESC sequences clear the screen,
OSC 8 hides a link behind innocent text, C1 ``\\x9b`` is a one-byte CSI, bidi overrides reorder what
is shown) or Rich itself (``[link=...]`` or ``[/]`` in a title is markup; an unbalanced one raises).
Everything untrusted goes through :func:`safe` (markup escaped) or :func:`plain` (for
``markup=False`` output) before it reaches a console.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TypeVar
from urllib.parse import urlsplit

from rich.markup import escape

M = TypeVar("M")

#: bidi embeddings, overrides and isolates: they reorder the characters a reader sees
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def plain(text: Any, *, keep_newlines: bool = True) -> str:
    """The text without control characters (C0, DEL, C1) or bidi controls; tabs become spaces."""
    text = _BIDI.sub("", str(text)).replace("\t", " ")
    keep = "\n" if keep_newlines else ""
    out = "".join(c if c in keep or unicodedata.category(c) != "Cc" else " " for c in text)
    return out if keep_newlines else " ".join(out.split())


def safe(text: Any, *, keep_newlines: bool = True) -> str:
    """:func:`plain` with Rich markup escaped: to interpolate into a markup string."""
    return escape(plain(text, keep_newlines=keep_newlines))


def link_target(url: str) -> str:
    """A URL fit for ``[link=...]`` markup: http(s) only, no control characters, brackets and spaces
    percent-encoded (a ``]`` would end the markup tag); "" when it is not a usable web address."""
    url = plain(url, keep_newlines=False).strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    if scheme not in ("http", "https"):
        return ""
    return url.replace(" ", "%20").replace("[", "%5B").replace("]", "%5D")


def markup_safe(record: M) -> M:
    """A copy of a pydantic record whose text fields (and lists of text) are :func:`safe`.

    Printing code keeps its f-strings; only the values it interpolates change. ``None`` passes.
    """
    if record is None or not hasattr(record, "model_copy"):
        return record
    update: dict[str, Any] = {}
    for name, value in vars(record).items():
        if isinstance(value, str):
            update[name] = safe(value)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            update[name] = [safe(v) for v in value]
    return record.model_copy(update=update)

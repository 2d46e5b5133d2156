"""UI strings in French and English.

Every string the page shows lives in ``translations/<lang>.json`` (one flat dict per language, same
keys in both: a test checks it). The server renders the static labels with :func:`translate` and hands
the whole dict to the page's scripts as JSON, so dynamic labels use the same words. The language comes
from a cookie set by the switch button, else from the browser's ``Accept-Language``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from flask import Request

LANGUAGES: tuple[str, ...] = ("fr", "en")
DEFAULT_LANGUAGE = "en"
COOKIE = "jobapp_lang"


@cache
def strings(lang: str) -> dict[str, str]:
    """The UI strings of ``lang`` (falls back to the default language for an unknown code)."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    raw = resources.files("jobapp.web").joinpath("translations", f"{lang}.json").read_text("utf-8")
    data: dict[str, str] = json.loads(raw)
    return {**_vocabulary(lang), **data}


def _vocabulary(lang: str) -> dict[str, str]:
    """Level, contract and source words of the server's message catalogue (``level.mid``,
    ``contract.stage``, ``source.file``), so the page names stored codes in its language too."""
    from jobapp.messages import catalogue

    return {k: v for k, v in catalogue(lang).items() if k.split(".", 1)[0] in ("level", "contract", "source")}


def translate(lang: str, key: str, **values: object) -> str:
    """One string, with ``{name}`` placeholders filled; a missing key shows itself (easy to spot)."""
    text = strings(lang).get(key) or strings(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text


def choose_language(request: Request) -> str:
    """The cookie's language when valid, else the browser's preferred one among ours."""
    chosen = request.cookies.get(COOKIE, "")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE

"""Where an annotated item occurs in a converted CV text, and whether redactions cover it.

Matching is forgiving about what a converter changes and strict about what leaks: case, accents and
the separators between the item's words or digit groups may differ ("06 39 98 12 47" is found as
"06.39.98.12.47", "FONTANEL" as "Fontanel", a letter-spaced "F O N T A N E L" too), but every
letter and digit of every occurrence must lie inside a redaction for the item to count as caught.
"""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lowercase without accents, one character for one (offsets stay valid)."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        out.append((base if len(base) == 1 else char).lower())
    return "".join(out)


def item_pattern(value: str) -> re.Pattern[str]:
    runs = re.findall(r"[^\W_]+", fold(value))
    parts = []
    for run in runs:
        if len(run) >= 4 and run.isalpha():
            parts.append("(?:" + re.escape(run) + "|" + " ".join(re.escape(c) for c in run) + ")")
        else:
            parts.append(re.escape(run))
    return re.compile(r"(?<![^\W_])" + r"[\W_]{0,3}".join(parts) + r"(?![^\W_])")


def occurrences(
    text: str, value: str, folded: str | None = None, within: str | None = None
) -> list[tuple[int, int]]:
    """Spans of ``value`` in ``text``; with ``within``, only those inside an occurrence of it (an
    item that is also an ordinary word elsewhere: "Polish" the nationality, not the language)."""
    folded = fold(text) if folded is None else folded
    spans = [m.span() for m in item_pattern(value).finditer(folded)]
    if within:
        zones = [m.span() for m in item_pattern(within).finditer(folded)]
        spans = [s for s in spans if any(a <= s[0] and s[1] <= b for a, b in zones)]
    return spans


def covered(text: str, span: tuple[int, int], redacted: list[tuple[int, int]]) -> bool:
    """Every letter and digit of ``text[span]`` lies inside one of the ``redacted`` ranges."""
    start, end = span
    for pos in range(start, end):
        if text[pos].isalnum() and not any(a <= pos < b for a, b in redacted):
            return False
    return True


def overlaps(span: tuple[int, int], redacted: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in redacted)

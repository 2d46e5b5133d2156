"""Rebuild readable text from the positioned characters of a PDF page.

Why not ``page.extract_text()``: its fixed 3 pt word gap glues the words of tightly set CVs
("Bethechangethatyou..." in LaTeX CVs), it cuts letter-spaced headings into single letters, and it
reads two-column CVs row by row, interleaving the sidebar with the experience. Here words are cut
at a gap relative to the font size, spaced letters are rejoined from their geometry, and a column
gutter found from word x-positions decides the reading order.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from jobapp.documents.text import is_private_use

#: a gap wider than this fraction of the font size separates two words
WORD_GAP = 0.12
_ICON_FONT = re.compile(
    r"awesome|icons?\b|icomoon|glyphicon|ionicons|academicons|material.?(icons|symbols)|dingbat|wingding|"
    r"zapf|symbola|entypo|fontello|octicons|simple-?icons",
    re.IGNORECASE,
)
_CID = re.compile(r"^\(cid:\d+\)$")


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    baseline: float = 0.0


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def text(self) -> str:
        return " ".join(w.text for w in sorted(self.words, key=lambda w: w.x0))


def is_garbage_char(char: dict[str, Any]) -> bool:
    """Icon-font glyphs, "(cid:N)" placeholders and private-use code points carry no CV text."""
    text = char.get("text", "")
    if not text or _CID.match(text) or _ICON_FONT.search(char.get("fontname") or ""):
        return True
    return any(is_private_use(c) for c in text)


def dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop characters drawn twice at the same place (fake bold, shadows).

    pdfplumber's ``dedupe_chars`` does this too but is quadratic-ish and took seconds per CV.
    """
    seen: set[tuple[str, int, int]] = set()
    out = []
    for ch in chars:
        key = (ch.get("text", ""), round(ch["x0"] * 2), round(ch["top"] * 2))
        if key not in seen:
            seen.add(key)
            out.append(ch)
    return out


def _group_rows(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Cluster characters into physical rows by their vertical middle."""
    rows: list[tuple[float, float, list[dict[str, Any]]]] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        mid = (ch["top"] + ch["bottom"]) / 2
        for i, (anchor, size, members) in enumerate(rows[-4:], start=max(0, len(rows) - 4)):
            if abs(mid - anchor) <= 0.45 * max(size, ch["size"]):
                members.append(ch)
                rows[i] = (anchor, max(size, ch["size"]), members)
                break
        else:
            rows.append((mid, ch["size"], [ch]))
    return [members for _, _, members in rows]


def _baseline(char: dict[str, Any]) -> float:
    """Baseline height of a character (from its text matrix), to tell aligned rows from columns."""
    matrix = char.get("matrix")
    return float(matrix[5]) if matrix else -float(char["bottom"])


def _split_words(row: list[dict[str, Any]]) -> list[Word]:
    words: list[Word] = []
    current: list[dict[str, Any]] = []

    def flush() -> None:
        if current:
            words.append(
                Word(
                    text="".join(c["text"] for c in current),
                    x0=current[0]["x0"],
                    x1=max(c["x1"] for c in current),
                    top=min(c["top"] for c in current),
                    bottom=max(c["bottom"] for c in current),
                    size=statistics.median(c["size"] for c in current),
                    baseline=_baseline(current[0]),
                )
            )
            current.clear()

    for ch in sorted(row, key=lambda c: c["x0"]):
        if ch["text"].isspace():
            flush()
            continue
        if current and ch["x0"] - current[-1]["x1"] > WORD_GAP * max(ch["size"], 1.0):
            flush()
        current.append(ch)
    flush()
    return words


def join_spaced_letters(words: list[Word]) -> list[Word]:
    """Merge runs of single-letter words drawn with letter spacing ("E X P É R I E N C E").

    A run needs at least three single letters; inside it, a gap clearly wider than the run's
    usual letter gap is a real space. Ordinary one-letter words ("à", "a", "I") never form such
    runs in running text, so they stay as they are.
    """
    out: list[Word] = []
    i = 0
    while i < len(words):
        j = i
        while (
            j < len(words)
            and len(words[j].text) == 1
            and words[j].text.isalpha()
            and (j == i or words[j].x0 - words[j - 1].x1 < 1.5 * words[j].size)
        ):
            j += 1
        if j - i < 3:
            out.append(words[i])
            i += 1
            continue
        run = words[i:j]
        gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(run)]
        usual = statistics.median(gaps)
        group = [run[0]]
        for gap, word in zip(gaps, run[1:], strict=True):
            if gap > 1.6 * usual + 0.05 * word.size:
                out.append(_merge(group))
                group = []
            group.append(word)
        out.append(_merge(group))
        i = j
    return out


def _merge(group: list[Word]) -> Word:
    return Word(
        text="".join(w.text for w in group),
        x0=group[0].x0,
        x1=group[-1].x1,
        top=min(w.top for w in group),
        bottom=max(w.bottom for w in group),
        size=group[0].size,
        baseline=group[0].baseline,
    )


def page_lines(chars: list[dict[str, Any]]) -> list[Line]:
    """Physical lines of a page (words keep their coordinates), top to bottom."""
    lines = [Line(join_spaced_letters(_split_words(row))) for row in _group_rows(chars)]
    return [line for line in lines if line.words]


def find_gutter(lines: list[Line], width: float) -> float | None:
    """x of the empty vertical band between two text columns, or None for a one-column page.

    A band qualifies when few lines cross it, both sides carry real text, and the right side is not
    just the right-aligned half of rows (company ... dates): in true columns, rows do not line up.
    """
    if len(lines) < 6 or width <= 0:
        return None
    allowed = max(2, int(0.12 * len(lines)))
    lo, hi = int(0.2 * width), int(0.8 * width)
    cover = [0] * (hi - lo + 1)
    for line in lines:
        covered: set[int] = set()
        for w in line.words:
            covered.update(range(max(lo, math.ceil(w.x0 - 1)), min(hi, math.floor(w.x1 + 1)) + 1))
        for pos in covered:
            cover[pos - lo] += 1
    bands: list[tuple[int, int]] = []
    start = None
    for k, count in enumerate([*cover, allowed + 1]):
        if count <= allowed and start is None:
            start = k
        elif count > allowed and start is not None:
            bands.append((start + lo, k - 1 + lo))
            start = None
    best: tuple[float, float] | None = None
    for a, b in bands:
        if b - a < 6:
            continue
        x = (a + b) / 2
        left = [ln for ln in lines if any(w.x1 <= x for w in ln.words)]
        right = [ln for ln in lines if any(w.x0 >= x for w in ln.words)]
        if len(left) < 4 or len(right) < 4:
            continue
        left_chars = sum(len(w.text) for ln in left for w in ln.words if w.x1 <= x)
        right_chars = sum(len(w.text) for ln in right for w in ln.words if w.x0 >= x)
        total = left_chars + right_chars
        if min(left_chars, right_chars) < 0.1 * total:
            continue
        if _aligned_fraction(right, x) > 0.5:
            continue
        score = b - a
        if best is None or score > best[1]:
            best = (x, score)
    return best[0] if best else None


def _aligned_fraction(right: list[Line], x: float) -> float:
    """Share of right-side rows sharing their baseline with a left-side word: high for tables of
    rows ("Company ..... 2019 - 2023"), low for independent columns."""
    aligned = 0
    for line in right:
        left_bases = [w.baseline for w in line.words if w.x1 <= x]
        right_bases = [w.baseline for w in line.words if w.x0 >= x]
        if any(abs(a - b) < 0.6 for a in left_bases for b in right_bases):
            aligned += 1
    return aligned / len(right)


def reading_order(lines: list[Line], gutter: float | None) -> list[Line]:
    """Lines in reading order: full-width lines in place, each two-column block left then right."""
    if gutter is None:
        return lines
    ordered: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        ordered.extend(left)
        ordered.extend(right)
        left.clear()
        right.clear()

    for line in lines:
        if any(w.x0 < gutter < w.x1 for w in line.words):
            flush()
            ordered.append(line)
            continue
        lpart = [w for w in line.words if w.x1 <= gutter]
        rpart = [w for w in line.words if w.x0 >= gutter]
        if lpart:
            left.append(Line(lpart))
        if rpart:
            right.append(Line(rpart))
    flush()
    return ordered


def lines_to_text(lines: list[Line]) -> str:
    """Join lines, with a blank line where the vertical gap says a new paragraph starts."""
    out: list[str] = []
    prev: Line | None = None
    for line in lines:
        if prev is not None:
            gap = line.top - prev.bottom
            if gap > 0.9 * min(line.height, prev.height) or gap < -2 * prev.height:
                out.append("")
        out.append(line.text)
        prev = line
    return "\n".join(out)


def repeated_edge_lines(pages: list[list[str]]) -> set[str]:
    """Keys of header/footer lines repeated on most pages (page numbers ignored)."""
    if len(pages) < 2:
        return set()
    counts: dict[str, int] = {}
    for lines in pages:
        edges = {edge_key(t) for t in lines[:2] + lines[-2:] if t.strip()}
        for key in edges:
            counts[key] = counts.get(key, 0) + 1
    needed = max(2, -(-len(pages) * 6 // 10))
    return {key for key, n in counts.items() if n >= needed and len(key) > 1}


def edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())

"""Plain-text decoding and the clean-up shared by every CV format.

CVs arrive as UTF-8 from modern editors, with a BOM from Windows Notepad, or as cp1252 from older
Word exports; a wrong guess turns "Expérience" into "ExpÃ©rience" and breaks keyword matching
later, so decoding is explicit and ordered. The clean-up step normalises what every extractor
leaves behind (ligatures, soft hyphens, icon-font glyphs, ragged whitespace, words cut at line
ends, letter-spaced headings) so that downstream steps see the same kind of text whatever the
file format was.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that are ligature glyphs in PDFs; NFKC would also fix them but it rewrites too much
# (superscripts, fractions, full-width forms), so only these are mapped.
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_CID = re.compile(r"\(cid:\d+\)")
_BULLETS = re.compile(r"^[ \t]*[\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u27a2\u2713\u2714]\s*")
_HYPHEN_BREAK = re.compile(r"([^\W\d_])[-\u00ad]\n([^\W\d_])")
# Line-end hyphens after these prefixes belong to compound words ("multi-account", "full-stack").
_COMPOUND_PREFIXES = {
    "multi",
    "cross",
    "non",
    "self",
    "co",
    "pre",
    "post",
    "anti",
    "semi",
    "full",
    "front",
    "back",
    "end",
    "well",
    "high",
    "low",
    "open",
    "on",
    "off",
    "sous",
    "auto",
    "micro",
    "macro",
    "inter",
    "sur",
    "mi",
    "demi",
    "ex",
    "vice",
    "e",
    "real",
    "long",
    "short",
    "part",
    "cloud",
    "data",
    "machine",
    "deep",
}
_LETTER_RUN = re.compile(
    r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?!\S)(?:(?: {2,}|\t)(?:[^\W\d_] )+[^\W\d_](?!\S))*"
)


def is_private_use(char: str) -> bool:
    """Private-use code points are icon-font glyphs (phone, envelope...) with no meaning as text."""
    code = ord(char)
    return 0xE000 <= code <= 0xF8FF or 0xF0000 <= code <= 0xFFFFD or 0x100000 <= code <= 0x10FFFD


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of a plain-text CV; returns (text, encoding used).

    Order matters: BOMs are unambiguous, UTF-8 is strict enough that a successful decode is almost
    always right, and cp1252 (a superset of latin-1 for printable text) is the usual fallback.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not human text: NUL bytes or many control characters."""
    sample = data[:4096]
    if not sample:
        return False
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text has NUL bytes by design
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) > 0.05


def join_letter_spaced(line: str) -> str:
    """Rejoin words typed or extracted as spaced letters: "L a n g u e s" -> "Langues".

    Only runs of at least four single letters are touched, so ordinary one-letter words ("à", "a",
    "y", "I") are never glued; inside a run, two or more spaces mark a real word boundary.
    """

    def fix(match: re.Match[str]) -> str:
        words = re.split(r" {2,}|\t", match.group(0))
        return " ".join(w.replace(" ", "") for w in words)

    return _LETTER_RUN.sub(fix, line)


def strip_garbage(text: str) -> tuple[str, int]:
    """Remove "(cid:N)" placeholders and private-use glyphs; returns (text, how many removed)."""
    removed = len(_CID.findall(text))
    text = _CID.sub("", text)
    kept = [c for c in text if not is_private_use(c)]
    removed += len(text) - len(kept)
    return "".join(kept), removed


def _join_hyphenated(match: re.Match[str]) -> str:
    """Join "infor-\nmation" but keep "multi-\naccount" (compound) and "Jean-\nPierre" (capital)."""
    if not match.group(2).islower():
        return match.group(0)
    line_start = match.string.rfind("\n", 0, match.start(1)) + 1
    before = re.findall(r"[^\W\d_]+$", match.string[line_start : match.end(1)])
    if before and before[0].lower() in _COMPOUND_PREFIXES:
        return f"{match.group(1)}-{match.group(2)}"
    return match.group(1) + match.group(2)


def clean_text(text: str, *, soft_hyphen_visible: bool = False) -> str:
    """Normalise a CV text while keeping its line and paragraph structure.

    ``soft_hyphen_visible``: PDF fonts often map the drawn hyphen glyph to U+00AD, so in PDF text
    it is a real hyphen; in DOCX/TXT it is an invisible break hint and is dropped.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    for lig, plain in _LIGATURES.items():
        text = text.replace(lig, plain)
    text = _ZERO_WIDTH.sub("", text)
    text, _ = strip_garbage(text)
    # A hyphen (or soft hyphen) ending a line before a lowercase letter: a word cut in two.
    text = _HYPHEN_BREAK.sub(_join_hyphenated, text)
    text = text.replace("\u00ad", "-" if soft_hyphen_visible else "")
    lines = []
    for raw in text.split("\n"):
        line = "".join(c for c in raw if c == "\t" or unicodedata.category(c) != "Cc")
        line = join_letter_spaced(line.strip())
        line = _BULLETS.sub("• ", line) if _BULLETS.match(line) and len(line) > 2 else line
        lines.append(_SPACES.sub(" ", line).strip())
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()


def letters_count(text: str) -> int:
    """How many letters a text holds: the "is there really a CV here" measure."""
    return sum(1 for c in text if c.isalpha())

"""Text folding shared by every package: accents, case and typographic punctuation removed.

Offers and CVs mix French and English, accented or not, with curly quotes and odd spaces; every
comparison of words (dedup keys, column names, lexicon and occupation matching, scoring tokens)
folds both sides the same way, with this module. :mod:`jobapp.documents.spans` keeps its own
folding because it must keep the text's length (offsets into the original).
"""

from __future__ import annotations

from unidecode import unidecode

__all__ = ["fold", "fold_words", "to_ascii", "unify_punctuation"]

# One-character replacements only, so that offsets in the result equal offsets in the input.
_PUNCT_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\t": " ", "\u200b": " ",
    }
)  # fmt: skip


def unify_punctuation(text: str) -> str:
    """Same length as ``text``: curly quotes, dashes and odd spaces become their ASCII forms."""
    return text.translate(_PUNCT_TABLE)


def _ascii_table() -> dict[int, str]:
    """unidecode's answer for Latin letters and common punctuation, precomputed for str.translate."""
    table = {cp: unidecode(chr(cp)) for cp in range(0x80, 0x250)}
    table.update({cp: unidecode(chr(cp)) for cp in range(0x2000, 0x2070)})
    table.update({cp: unidecode(chr(cp)) for cp in (0x20AC, 0x2122, 0x2192, 0x2022, 0x25CF, 0x25AA)})
    table.update({k: str(v) for k, v in _PUNCT_TABLE.items()})
    return table


_ASCII = _ascii_table()


def to_ascii(text: str) -> str:
    """unidecode, fast: one C-level translate for Latin text, the full unidecode only if needed."""
    out = text.translate(_ASCII)
    return out if out.isascii() else unidecode(out)


def fold(text: str) -> str:
    """Lowercase ASCII form used to compare labels and words ("Profil_Recherché" -> "profil_recherche")."""
    return to_ascii(text or "").lower().strip()


def fold_words(text: str) -> str:
    """:func:`fold` with every run of whitespace (newlines too) made one space."""
    return " ".join(to_ascii(text or "").lower().split())

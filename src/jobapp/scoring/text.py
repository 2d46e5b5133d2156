"""Tokens for lexical matching, the same for French and English.

Lexical signals (BM25, title overlap) only help across languages if a French CV and an English
offer end up with the same tokens. So a text is accent-folded and lower-cased, split into words
(keeping ``c++``, ``c#``, ``.net``, ``node.js``), stop words of both languages are dropped, plurals
lose their final ``s``, and words of a small bilingual job glossary (``data/glossary.tsv``:
``développeur`` -> ``developer``, ``gestion`` -> ``management``...) are mapped to one English form.
The glossary is deliberately small and about jobs: it is a bridge, not a translator.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from jobapp.textfold import fold_words

_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*(?:[.\-/][a-z0-9+#]+)*")

_STOP = frozenset(
    """
a an and are as at be been by for from has have in is it its of on or our that the their this to was
we were will with you your who which what when where how all any can may must should would also such
than then there these those into over under about after before more most other some only own same so
very not no nor but if while during each both few per via etc including include includes le la les
un une des du de d l et ou en au aux a dans par pour sur avec sans sous chez ce ces cet cette son sa
ses leur leurs nous vous ils elles il elle on qui que quoi dont ou est sont etre ete avoir a ont
plus moins tres bien tout tous toute toutes notre nos votre vos afin ainsi comme mais donc car ni si
se s y ne pas lors entre vers selon
""".split()  # noqa: SIM905 - a word list reads better as text
)


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """French (and spelling-variant) word -> canonical English word, from ``data/glossary.tsv``."""
    table: dict[str, str] = {}
    text = resources.files("jobapp.scoring").joinpath("data/glossary.tsv").read_text("utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        source, _, target = line.partition("\t")
        if target:
            table[fold_words(source)] = fold_words(target)
    return table


def _stem(word: str) -> str:
    if len(word) > 4 and word.isalpha() and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=50_000)
def _canonical(word: str) -> str:
    table = glossary()
    word = table.get(word, word)
    stemmed = _stem(word)
    return table.get(stemmed, stemmed)


def tokens(text: str) -> list[str]:
    """Content words of ``text`` in canonical form, in order (duplicates kept for term counts)."""
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    # cached: the same offers are tokenised for every CV they are ranked for
    out = []
    for raw in _TOKEN.findall(fold_words(text)):
        raw = raw.strip(".-/")
        if len(raw) < 2 and raw not in {"c", "r"}:
            continue
        if raw in _STOP or raw.isdigit():
            continue
        out.append(_canonical(raw))
    return tuple(out)

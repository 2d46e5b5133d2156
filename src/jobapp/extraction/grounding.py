"""Keep only what the source text supports: the guard against LLM-invented skills and degrees.

An LLM summarising a CV may add "Kubernetes" or "Master MIAGE" because they fit the picture. Every
term it returns is checked against the text it read: kept if the term (or a lexicon alias of it, in
either language, in any word order, singular or plural) occurs there, dropped otherwise.
"""

from __future__ import annotations

from jobapp.extraction.textindex import TextIndex, as_index, mentions, mentions_literally


def is_grounded(term: str, source: str | TextIndex, *, aliases: bool = True) -> bool:
    """True if ``term`` or one of its lexicon aliases occurs in ``source`` after normalisation.

    ``aliases=False`` asks for the term's own words (any case, accents, plural, word order): use it
    for titles, employers and places, where a lexicon synonym is not the same thing.
    """
    if not term or not term.strip():
        return False
    index = as_index(source)
    return mentions(term, index) if aliases else mentions_literally(term, index)


def ground(terms: list[str], source: str | TextIndex, *, aliases: bool = True) -> tuple[list[str], list[str]]:
    """Split ``terms`` into (kept, dropped), preserving order; the source is indexed once."""
    index = as_index(source)
    kept: list[str] = []
    dropped: list[str] = []
    for term in terms:
        (kept if is_grounded(term, index, aliases=aliases) else dropped).append(term)
    return kept, dropped

"""A text analysed once (skills found, word positions) and queried many times.

Ranking 500 offers for one CV asks "does the CV say X?" thousands of times: the CV is indexed once
with :func:`index_text` and every coverage or grounding check is then a few set/dict lookups.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from jobapp.extraction.lexicon import load_lexicon
from jobapp.extraction.normalise import term_key, term_tokens, tokenize
from jobapp.extraction.skills import SkillHit, match_skills, summarise_hits
from jobapp.extraction.stopwords import BOILERPLATE


@dataclass
class TextIndex:
    text: str
    skills: list[SkillHit] = field(default_factory=list)
    canonicals: frozenset[str] = frozenset()  # casefolded canonical names of the skills found
    positions: dict[str, list[int]] = field(default_factory=dict)  # stem -> word positions

    def has_skill(self, canonical: str) -> bool:
        return canonical.casefold() in self.canonicals

    def has_phrase(self, stems: tuple[str, ...], slack: int = 4) -> bool:
        """True if all ``stems`` occur within a window of len(stems) + slack words, any order."""
        if not stems:
            return False
        lists = [self.positions.get(s) for s in set(stems)]
        if any(not p for p in lists):
            return False
        if len(lists) == 1:
            return True
        width = len(lists) - 1 + slack
        anchor = min(lists, key=len)  # type: ignore[arg-type]
        others = [p for p in lists if p is not anchor]
        for a in anchor:  # type: ignore[union-attr]
            lo, hi = a - width, a + width
            if all(_any_between(p, lo, hi) for p in others):  # type: ignore[arg-type]
                return True
        return False

    def has_all_words(self, stems: tuple[str, ...]) -> bool:
        return bool(stems) and all(s in self.positions for s in stems)


def _any_between(sorted_positions: list[int], lo: int, hi: int) -> bool:
    i = bisect_left(sorted_positions, lo)
    return i < len(sorted_positions) and sorted_positions[i] <= hi


def index_text(text: str) -> TextIndex:
    """Analyse ``text`` once: lexicon skills, and the positions of its content words."""
    tokens = tokenize(text)
    lex = load_lexicon()
    hits = match_skills(text, tokens, lex)
    skills = summarise_hits(text, hits, lex)
    positions: dict[str, list[int]] = {}
    for pos, tok in enumerate(tokens):
        positions.setdefault(tok.stem, []).append(pos)
    return TextIndex(
        text=text,
        skills=skills,
        canonicals=frozenset(s.canonical.casefold() for s in skills),
        positions=positions,
    )


def as_index(source: str | TextIndex) -> TextIndex:
    return source if isinstance(source, TextIndex) else index_text(source)


def mentions_literally(term: str, index: TextIndex) -> bool:
    """Does the indexed text contain the term's own words (any case, accents, plural, order)?

    No lexicon aliases: for names, places and titles, where "Recruiter" must not be taken as said
    by a text that says "Chargé de recrutement".
    """
    stems = term_tokens(term)
    if not stems:
        return False
    if len(stems) <= 4:
        return index.has_phrase(stems, slack=2)
    return sum(1 for s in stems if s in index.positions) / len(stems) >= 0.8


def mentions(term: str, index: TextIndex) -> bool:
    """Does the indexed text say ``term``, in any language the lexicon knows, in any word order?

    A term the lexicon knows ("project management") is found through its skill ("gestion de
    projets" in the text). A term containing skills ("Maîtrise de Python et SQL") needs every skill
    present and its other words (filler such as "maîtrise" aside) present too. Other terms need their
    content words close together ("gestion des stocks" ~ "stocks : gestion quotidienne"), or for long
    terms (sentences) 80 % of their words anywhere.
    """
    lex = load_lexicon()
    skill = lex.skill_for_term(term)
    if skill is not None:
        if index.has_phrase(term_tokens(term), slack=2):
            return True
        if not index.has_skill(skill.canonical):
            return False
        # A named degree or certificate is only as good as its own words: "Master MIAGE" is not
        # supported by a CV saying "Master statistique", even though both are a Master's degree.
        if skill.category == "qualification" and term_key(term) != term_key(skill.canonical):
            return index.has_all_words(term_tokens(term))
        return True
    tokens = tokenize(term)
    hits = match_skills(term, tokens, lex)
    if hits:
        if not all(index.has_skill(lex.skills[h.skill].canonical) for h in hits):
            return False
        covered = {i for h in hits for i in range(h.first, h.last + 1)}
        rest = [
            t.stem
            for i, t in enumerate(tokens)
            if i not in covered and not t.stop and t.norm not in BOILERPLATE and t.stem not in BOILERPLATE
        ]
        return all(s in index.positions for s in rest) or (
            len(rest) > 2 and sum(s in index.positions for s in rest) / len(rest) >= 0.8
        )
    stems = term_tokens(term)
    if not stems:
        return False
    if len(stems) <= 4:
        return index.has_phrase(stems)
    present = sum(1 for s in stems if s in index.positions)
    return present / len(stems) >= 0.8

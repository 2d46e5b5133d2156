"""Find lexicon skills in a text, and offer-specific key phrases the lexicon does not know.

One pass over the tokens: at each content word, the lexicon's aliases starting with that stem are
tried longest first (so "Power BI" wins over "BI", "sage-femme" over "Sage"). Stopwords between the
words of an alias are skipped ("gestion *des* projets"), punctuation is not crossed. Case-sensitive
aliases ("=Excel", "~R") are then tried on the words left. Ambiguous hits that need context are
kept only when the context confirms them (see :mod:`jobapp.extraction.context`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from jobapp.extraction.context import confirmed, sentence_ids
from jobapp.extraction.lexicon import Alias, Lexicon, load_lexicon
from jobapp.extraction.normalise import Token, tokenize
from jobapp.extraction.stopwords import BOILERPLATE

# Characters between two words that end a phrase: a multi-word alias never spans them.
_BREAK = re.compile(r"[.;:!?()\[\]{}|•·*\n\r,\u2013\u2014]|\s-\s")
_MAX_STOP_GAP = 2
_PHRASE_JOINERS = frozenset(
    {"de", "des", "du", "d", "la", "le", "l", "of", "en", "a", "au", "aux", "the", "for"}
)  # at most this many stopwords between two words of an alias


@dataclass(frozen=True, slots=True)
class SkillHit:
    """A lexicon skill found in a text: ``surface`` is its first spelling there, ``count`` how often."""

    canonical: str
    category: str
    surface: str
    count: int


@dataclass(frozen=True, slots=True)
class RawHit:
    skill: int
    first: int  # token index of the first word
    last: int  # token index of the last word
    start: int  # char offsets in the text
    end: int
    needs_context: bool


def _break_before(text: str, tokens: list[Token]) -> bytearray:
    """brk[i] == 1 when punctuation separates token i from token i-1 (phrases never cross it)."""
    brk = bytearray(len(tokens))
    breaks = [m.start() for m in _BREAK.finditer(text)]
    nb = len(breaks)
    b = 0
    prev_end = 0
    for i, tok in enumerate(tokens):
        while b < nb and breaks[b] < tok.start:
            if breaks[b] >= prev_end:  # a dot inside "Node.js" is no break
                brk[i] = 1
            b += 1
        prev_end = tok.end
    return brk


def _next_content(
    pos: int, skipped: int, ntok: int, brk: bytearray, used: bytearray, stops: list[bool]
) -> int:
    """Index of the first non-stopword from ``pos`` within the stopword gap, without crossing
    punctuation or a used word; -1 when there is none."""
    while pos < ntok and not brk[pos] and not used[pos]:
        if not stops[pos]:
            return pos
        if skipped >= _MAX_STOP_GAP:
            return -1
        pos += 1
        skipped += 1
    return -1


def match_skills(text: str, tokens: list[Token] | None = None, lex: Lexicon | None = None) -> list[RawHit]:
    """Every lexicon hit in ``text``, in text order (the engine behind find_skills and TextIndex)."""
    lex = lex or load_lexicon()
    tokens = tokenize(text) if tokens is None else tokens
    ntok = len(tokens)
    used = bytearray(ntok)
    hits: list[RawHit] = []
    norms = [t.norm for t in tokens]
    if lex.literal_first:  # words claimed by "ignore" entries are taken out first
        literal_get = lex.literal_first.get
        for i, norm in enumerate(norms):
            for alias in literal_get(norm, ()):
                k = len(alias.tokens)
                if i + k <= ntok and norms[i : i + k] == list(alias.tokens):
                    used[i : i + k] = b"\x01" * k
                    break
    brk = _break_before(text, tokens)
    stems = [t.stem for t in tokens]
    stops = [t.stop for t in tokens]
    trie = lex.plain_trie
    i = 0
    while i < ntok:
        node = trie.get(stems[i])
        if node is not None and not used[i]:
            best: Alias | None = node.get("")
            best_last = i
            pos = i
            while True:  # walk the trie, skipping up to _MAX_STOP_GAP stopwords between words
                pos += 1
                skipped = 0
                child = None
                while pos < ntok and not brk[pos] and not used[pos]:
                    child = node.get(stems[pos])
                    if child is not None and stops[pos] and skipped < _MAX_STOP_GAP:
                        # A stopword some alias spells out ("prise *de* son") must not hide the
                        # alias that skips it ("prise de commandes"): skip it when the next
                        # content word continues an alias from here.
                        nxt = _next_content(pos + 1, skipped + 1, ntok, brk, used, stops)
                        if nxt >= 0 and stems[nxt] in node:
                            skipped += nxt - pos
                            pos = nxt
                            child = node[stems[pos]]
                        break
                    if child is not None or not stops[pos] or skipped >= _MAX_STOP_GAP:
                        break
                    pos += 1
                    skipped += 1
                if child is None or pos >= ntok or brk[pos] or used[pos]:
                    break
                node = child
                if "" in node:
                    best, best_last = node[""], pos
            if best is not None:
                hits.append(
                    RawHit(
                        best.skill, i, best_last, tokens[i].start, tokens[best_last].end, best.needs_context
                    )
                )
                used[i : best_last + 1] = b"\x01" * (best_last + 1 - i)
                i = best_last
        i += 1
    if lex.exact_first:
        exact_get = lex.exact_first.get
        found_exact = False
        for i, tok in enumerate(tokens):
            candidates = exact_get(tok.raw)
            if not candidates or used[i]:
                continue
            for alias in candidates:
                k = len(alias.tokens)
                if i + k > ntok or any(
                    used[i + m] or brk[i + m] or tokens[i + m].raw != alias.tokens[m] for m in range(1, k)
                ):
                    continue
                hits.append(
                    RawHit(alias.skill, i, i + k - 1, tok.start, tokens[i + k - 1].end, alias.needs_context)
                )
                used[i : i + k] = b"\x01" * k
                found_exact = True
                break
        if found_exact:
            hits.sort(key=lambda h: h.first)
    if any(h.needs_context for h in hits):
        where = sentence_ids(text, tokens)
        hits = [h for h in hits if not h.needs_context or confirmed(h, hits, lex, text, tokens, where)]
    ignore = lex.ignore_skills
    return [h for h in hits if h.skill not in ignore] if ignore else hits


def summarise_hits(text: str, hits: list[RawHit], lex: Lexicon | None = None) -> list[SkillHit]:
    """Group raw hits by skill, in order of first appearance."""
    lex = lex or load_lexicon()
    counts: Counter[int] = Counter(h.skill for h in hits)
    out: list[SkillHit] = []
    seen: set[int] = set()
    for h in hits:
        if h.skill in seen:
            continue
        seen.add(h.skill)
        skill = lex.skills[h.skill]
        out.append(SkillHit(skill.canonical, skill.category, text[h.start : h.end], counts[h.skill]))
    return out


def find_skills(text: str) -> list[SkillHit]:
    """Lexicon skills mentioned in ``text`` (FR or EN), one entry per skill, in order of appearance."""
    return summarise_hits(text, match_skills(text))


@dataclass(frozen=True, slots=True)
class Phrase:
    display: str  # first spelling in the text
    key: tuple[str, ...]  # sorted stems: the order-free identity
    count: int


def phrase_counts(
    text: str,
    tokens: list[Token] | None = None,
    hits: list[RawHit] | None = None,
    min_len: int = 1,
    max_len: int = 3,
) -> list[Phrase]:
    """Candidate key phrases: runs of min_len..max_len content words not covered by the lexicon.

    Ranked by count, longer phrases first at equal count; sub-phrases of a kept phrase are dropped.
    Pass ``tokens``/``hits`` when already computed, to avoid doing the work twice.
    """
    tokens = tokenize(text) if tokens is None else tokens
    covered = bytearray(len(tokens))
    for h in match_skills(text, tokens) if hits is None else hits:
        for m in range(h.first, h.last + 1):
            covered[m] = 1
    brk = _break_before(text, tokens)
    counts: Counter[tuple[str, ...]] = Counter()
    display: dict[tuple[str, ...], str] = {}
    run: list[int] = []

    def flush() -> None:
        for size in range(min_len, max_len + 1):
            for s in range(len(run) - size + 1):
                idxs = run[s : s + size]
                key = tuple(sorted({tokens[i].stem for i in idxs}))
                if len(key) != size:
                    continue
                counts[key] += 1
                display.setdefault(key, text[tokens[idxs[0]].start : tokens[idxs[-1]].end])
        run.clear()

    joiners = 0
    for ti, tok in enumerate(tokens):
        if brk[ti]:
            flush()
            joiners = 0
        if tok.stop or (len(tok.norm) == 1 and not tok.norm.isdigit()):
            # Noun-phrase joiners ("prévisions *de* ventes") may sit inside a phrase; other stopwords end it.
            if tok.norm in _PHRASE_JOINERS and run and joiners < 2:
                joiners += 1
                continue
            flush()
            joiners = 0
            continue
        joiners = 0
        good = (
            not covered[ti]
            and tok.norm.isalpha()
            and len(tok.norm) >= 3
            and not tok.norm.endswith("ez")  # "vous pilotez", "assurez": verbs, not terms
            and tok.norm not in BOILERPLATE
            and tok.stem not in BOILERPLATE
        )
        if good:
            run.append(ti)
        else:
            flush()
    flush()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), display[kv[0]]))
    kept: list[Phrase] = []
    for key, count in ranked:
        keyset = set(key)
        if any(keyset <= set(k.key) and count <= k.count for k in kept):
            continue
        kept.append(Phrase(display[key], key, count))
    return kept


def key_phrases(text: str, n: int = 10) -> list[str]:
    """The ``n`` most repeated phrases of ``text`` that are not lexicon skills (offer-specific terms).

    Single words only count when repeated (a word said once is not a key phrase); multi-word
    phrases are preferred at equal frequency.
    """
    phrases = [p for p in phrase_counts(text) if p.count >= 2 or len(p.key) >= 2]
    return [p.display for p in phrases[:n]]

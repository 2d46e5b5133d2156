"""Find lexicon skills in a text, and offer-specific key phrases the lexicon does not know.

One pass over the tokens: at each content word, the lexicon's aliases starting with that stem are
tried longest first (so "Power BI" wins over "BI", "sage-femme" over "Sage"). Stopwords between the
words of an alias are skipped ("gestion *des* projets"), punctuation is not crossed. Case-sensitive
aliases ("=Excel", "~R") are then tried on the words left. Ambiguous hits that need context are
kept only when the context confirms them (see :func:`_confirmed`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from jobapp.extraction.lexicon import Lexicon, load_lexicon
from jobapp.extraction.normalise import Token, tokenize
from jobapp.extraction.stopwords import BOILERPLATE

# Characters between two words that end a phrase: a multi-word alias never spans them.
_BREAK = re.compile(r"[.;:!?()\[\]{}|•·*\n\r,\u2013\u2014]|\s-\s")
_SENTENCE_END = re.compile(r"[.!?;]\s|[.!?;]$|\n\s*\n")
_MAX_STOP_GAP = 2  # at most this many stopwords between two words of an alias

_LIST_WORDS = frozenset({"et", "and", "ou", "or", "&", "/"})
_TECH_CUES = frozenset(
    {"langage", "langages", "language", "languages", "programming", "programmation", "logiciel",
     "logiciels", "software", "outil", "outils", "tool", "tools", "stack", "framework"}
)  # fmt: skip
_LANGUAGE_CUES = frozenset(
    [
        "courant",
        "courante",
        "fluent",
        "fluently",
        "fluency",
        "native",
        "natif",
        "native",
        "maternelle",
        "bilingue",
        "bilingual",
        "niveau",
        "level",
        "ecrit",
        "ecrite",
        "oral",
        "orale",
        "parle",
        "parlee",
        "spoken",
        "written",
        "speaking",
        "maitrise",
        "maitriser",
        "langue",
        "langues",
        "language",
        "languages",
        "c1",
        "c2",
        "b1",
        "b2",
        "a1",
        "a2",
        "professionnel",
        "professionnelle",
        "professional",
        "proficiency",
        "proficient",
        "notions",
        "lu",
        "scolaire",
        "intermediate",
        "intermediaire",
        "avance",
        "advanced",
        "toeic",
        "toefl",
        "ielts",
        "indispensable",
        "obligatoire",
        "required",
        "mandatory",
        "speak",
        "speaks",
        "parler",
        "parlez",
        "lire",
        "ecrire",
    ]
)


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


def _content_stream(text: str, tokens: list[Token]) -> list[int]:
    """Indices of content tokens, with -1 where a phrase breaks (punctuation or a long stopword gap)."""
    breaks = [m.start() for m in _BREAK.finditer(text)]
    nb = len(breaks)
    b = 0
    stream: list[int] = []
    append = stream.append
    gap = 0
    prev_end = 0
    for i, tok in enumerate(tokens):
        if b < nb and breaks[b] < tok.start:
            broke = False
            while b < nb and breaks[b] < tok.start:
                broke = broke or breaks[b] >= prev_end  # a dot inside "Node.js" is no break
                b += 1
            if broke:
                if stream and stream[-1] != -1:
                    append(-1)
                gap = 0
        prev_end = tok.end
        if tok.stop:
            gap += 1
            if gap > _MAX_STOP_GAP and stream and stream[-1] != -1:
                append(-1)
            continue
        gap = 0
        append(i)
    return stream


def _separated(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """True if the text between token i and token j (i < j) is a list separator or a line break."""
    if i < 0 or j >= len(tokens):
        return True
    between = text[tokens[i].end : tokens[j].start]
    stripped = between.strip()
    return (
        "\n" in between
        or stripped in {",", "/", ";", "(", ")", "|", "&", "-", "+", ":"}
        or (stripped == "" and (tokens[i].norm in _LIST_WORDS or tokens[j].norm in _LIST_WORDS))
    )


def _sentence_ids(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """(sentence number, line number) of each token: context never crosses a sentence end."""
    ids: list[tuple[int, int]] = []
    sent = line = 0
    prev_end = 0
    for tok in tokens:
        between = text[prev_end : tok.start]
        if _SENTENCE_END.search(between):
            sent += 1
        line += between.count("\n")
        ids.append((sent, line))
        prev_end = tok.end
    return ids


def _confirmed(
    hit: RawHit,
    hits: list[RawHit],
    lex: Lexicon,
    text: str,
    tokens: list[Token],
    where: list[tuple[int, int]],
) -> bool:
    """Context check for ambiguous aliases: "R" next to other tools, "anglais" next to "courant"."""
    category = lex.skills[hit.skill].category
    sent = where[hit.first][0]

    def near(h: RawHit, span: int) -> bool:
        return h is not hit and abs(h.first - hit.first) <= span and where[h.first][0] == sent

    if category == "language":
        lo, hi = max(0, hit.first - 4), min(len(tokens), hit.last + 5)
        cues = {
            tokens[k].norm for k in range(lo, hi) if (k < hit.first or k > hit.last) and where[k][0] == sent
        }
        if cues & _LANGUAGE_CUES:
            return True
        return any(near(h, 4) and lex.skills[h.skill].category == "language" for h in hits)
    if hit.first > 0 and tokens[hit.first - 1].norm in _TECH_CUES:
        return True
    if hit.last + 1 < len(tokens) and tokens[hit.last + 1].norm in _TECH_CUES:
        return True
    if not (
        _separated(text, tokens, hit.first - 1, hit.first) or _separated(text, tokens, hit.last, hit.last + 1)
    ):
        return False
    if any(near(h, 3) and lex.skills[h.skill].category == "qualification" for h in hits):
        return False  # "permis B, C": a licence class, not the C language
    line = where[hit.first][1]
    short_line = sum(1 for w in where if w[1] == line) <= 3  # a bullet such as "- R"
    return any(
        near(h, 12)
        and not h.needs_context
        and lex.skills[h.skill].category in ("hard", "tool")
        and (short_line or where[h.first][1] == line)
        for h in hits
    )


def match_skills(text: str, tokens: list[Token] | None = None, lex: Lexicon | None = None) -> list[RawHit]:
    """Every lexicon hit in ``text``, in text order (the engine behind find_skills and TextIndex)."""
    lex = lex or load_lexicon()
    tokens = tokenize(text) if tokens is None else tokens
    stream = _content_stream(text, tokens)
    ntok = len(tokens)
    used = bytearray(ntok)
    hits: list[RawHit] = []
    if lex.literal_first:  # words claimed by "ignore" entries are taken out first
        literal_get = lex.literal_first.get
        norms = [t.norm for t in tokens]
        for i, norm in enumerate(norms):
            for alias in literal_get(norm, ()):
                k = len(alias.tokens)
                if i + k <= ntok and norms[i : i + k] == list(alias.tokens):
                    used[i : i + k] = b"\x01" * k
                    break
    stems = [tokens[i].stem if i >= 0 else "" for i in stream]
    plain_get = lex.plain_first.get
    n = len(stream)
    p = 0
    while p < n:
        candidates = plain_get(stems[p])
        if candidates and not used[stream[p]]:
            for alias in candidates:
                k = len(alias.tokens)
                if k > 1 and (p + k > n or tuple(stems[p : p + k]) != alias.tokens):
                    continue
                idxs = stream[p : p + k]
                first, last = idxs[0], idxs[-1]
                if k > 1 and any(used[i] for i in idxs):
                    continue
                hits.append(
                    RawHit(
                        alias.skill, first, last, tokens[first].start, tokens[last].end, alias.needs_context
                    )
                )
                for m in range(first, last + 1):
                    used[m] = 1
                p += k - 1
                break
        p += 1
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
                    used[i + m] or tokens[i + m].raw != alias.tokens[m] for m in range(1, k)
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
        where = _sentence_ids(text, tokens)
        hits = [h for h in hits if not h.needs_context or _confirmed(h, hits, lex, text, tokens, where)]
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
    stream = _content_stream(text, tokens)
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

    for ti in stream:
        tok = tokens[ti] if ti >= 0 else None
        good = (
            tok is not None
            and not covered[ti]
            and tok.norm.isalpha()
            and len(tok.norm) >= 3
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

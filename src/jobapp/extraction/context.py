"""Context rules for ambiguous lexicon aliases: is this "R" the language, this "anglais" a skill?

Short or common words ("R", "C", "Go", "Sage", "Tableau", "allemand") are skills only in the right
company: next to other tools in a list ("Python, R, SQL"), after a cue ("langage C"), or for a
language, next to a level ("anglais courant", "German is a plus"). Hits flagged ``needs_context``
by the lexicon go through :func:`confirmed`; the others are kept as they are.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobapp.extraction.lexicon import Lexicon
    from jobapp.extraction.normalise import Token
    from jobapp.extraction.skills import RawHit

_SENTENCE_END = re.compile(r"[.!?;]\s|[.!?;]$|\n\s*\n")

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
# "German is a plus", "espagnol apprécié": wanted-language phrasing.
_LANGUAGE_CUES |= frozenset(
    [
        "plus",
        "atout",
        "apprecie",
        "appreciee",
        "bonus",
        "asset",
        "souhaite",
        "souhaitee",
        "preferred",
        "nice",
        "tongue",
    ]
)


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


def sentence_ids(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
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


def confirmed(
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

"""Must-have or nice-to-have: how an offer says whether it requires a skill.

Recruiters mark the optional ones ("apprécié", "un plus", "serait un atout", "idéalement",
"nice to have", "preferred", "is a plus", "desirable") and sometimes stress the required ones
("exigé", "indispensable", "impératif", "required", "must", "essential"); headings do the same for
a whole list ("Nice to have", "Les plus", "Desirable" against "Requirements", "Must have",
"Essential"). Anything the offer asks for without such a mark is a must-have: a skill in the title,
the missions or the profile is what the job is.

A mention's level comes from, by strength: a cue in its own sentence (the nearest one when the
sentence has both kinds: "anglais indispensable, allemand apprécié"), then its block's heading,
then the default (required).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobapp.extraction.normalise import normalise

# Normalised (lower case, no accents) cue patterns; word boundaries are added around each.
_NOT_AFTER_SUBJECT = "".join(
    f"(?<!{w} )" for w in ("qui", "je", "il", "elle", "on", "nous", "vous", "tu", "ils", "elles")
)
_NICE_CUES = (
    # "anglais souhaité", not "une personne qui souhaite s'investir" (the verb).
    _NOT_AFTER_SUBJECT + r"souhaite[es]?s?",
    r"souhaitable[s]?",
    _NOT_AFTER_SUBJECT + r"apprecie[es]?s?",
    r"(?:est|serait|sera|constitue(?:rait)?|represente(?:rait)?) (?:un|une) (?:vrai |reel |veritable |gros |grand )?(?:plus|atout|avantage|bonus)",
    r"(?:un|une|des|en) (?:vrai |reel |veritable |gros |petit )?atouts?",
    r"un (?:petit |vrai |gros )?plus",
    r"le (?:petit|vrai|gros) plus",
    r"idealement",
    r"dans l'ideal",
    r"additional (?:keywords|skills)",
    r"de preference",
    r"si possible",
    r"optionnel(?:le)?s?",
    r"bienvenue?s?",
    r"nice[ -]to[ -]haves?",
    r"preferred",
    r"preferably",
    r"preferable",
    r"ideally",
    r"desirable",
    r"desired",
    r"advantageous",
    r"(?:an|a big|a huge|a real|a strong|a definite) (?:plus|advantage|asset|bonus)",
    r"(?:is|are|would be|will be|as) (?:a |an )?(?:big |huge |real |strong |definite )?(?:plus|advantage|asset|bonus)",
    r"bonus(?: points?)?",
    r"pluses",
    r"would be (?:great|nice|helpful|beneficial|good)",
    r"not (?:required|mandatory|essential)",
    r"non (?:obligatoire|exige|requis|indispensable)s?",
    r"pas (?:obligatoire|exige|requis|indispensable)s?",
)
_REQUIRED_CUES = (
    r"exige[es]?s?",
    r"requis(?:e|es)?",
    r"indispensables?",
    r"imperati(?:f|ve|fs|ves|vement)",
    r"obligatoires?",
    r"necessaires?",
    r"essentiel(?:le)?s?",
    r"incontournables?",
    r"prerequis",
    r"required",
    r"requirements?",
    r"mandatory",
    r"must(?: have)?",
    r"essential",
    r"prerequisites?",
)
# Weaker marks of a requirement: they lose to any optional cue in the same sentence
# ("Idéalement, vous avez une expérience en X" is optional).
_WEAK_REQUIRED_CUES = (
    r"at least",
    r"au moins",
    r"minimum",
    r"maitrise[rz]?",
    r"vous (?:avez|possedez|disposez|maitrisez|justifiez|etes titulaire)",
    r"you (?:have|hold|possess|must|will need|need)",
    r"proven",
    r"proficien(?:t|cy)",
)
_NICE_RE = re.compile(r"\b(?:" + "|".join(_NICE_CUES) + r")\b")
_REQUIRED_RE = re.compile(r"\b(?:" + "|".join(_REQUIRED_CUES) + r")\b")
_WEAK_RE = re.compile(r"\b(?:" + "|".join(_WEAK_REQUIRED_CUES) + r")\b")

# Headings of optional lists; headings of required lists. Matched on the normalised heading.
_NICE_HEADING = re.compile(
    r"\b(?:nice[ -]to[ -]haves?|bonus|atouts?|les plus|un plus|le plus|petits? plus|pluses|preferred|"
    r"desirable|desired|souhaite[es]?s?|apprecie[es]?s?|optional|optionnel(?:le)?s?|ideally|"
    r"idealement|serait un plus|would be a plus|extra points?|plus points?)\b"
)
_REQUIRED_HEADING = re.compile(
    r"\b(?:must[ -]haves?|requirements?|required|essential|minimum|prerequis|pre-requis|exige[es]?s?|"
    r"indispensables?|obligatoires?|requis|qualifications|profil|profile|competences|skills)\b"
)
_SENTENCE = re.compile(r"[.!?;\n]+(?:\s|$)|\s[-\u2013\u2014]\s|\u2022|[()]")


@dataclass(frozen=True, slots=True)
class Level:
    """How strongly and which way one mention is marked: ``strength`` 2 = a cue in its sentence,
    1 = its block's heading, 0 = nothing said (required by default)."""

    required: bool
    strength: int


def heading_level(heading: str) -> Level:
    """The level a block's heading gives the skills under it."""
    norm = normalise(heading)
    if not norm:
        return Level(True, 0)
    if _NICE_HEADING.search(norm):
        return Level(False, 1)
    if _REQUIRED_HEADING.search(norm):
        return Level(True, 1)
    return Level(True, 0)


class RequirementReader:
    """Answers "is the skill at this offset required?" for one block of text, cheaply per hit."""

    def __init__(self, text: str, heading: str = "") -> None:
        # normalise() keeps offsets only when no character expands; work on a per-sentence basis
        # with offsets of the original text, normalising each sentence on its own.
        self._default = heading_level(heading)
        self._sentences: list[tuple[int, int, list[int], list[int], bool]] = []
        self._norms: list[str] = []
        start = 0
        for m in _SENTENCE.finditer(text):
            self._add(text, start, m.start())
            start = m.end()
        self._add(text, start, len(text))

    def _add(self, text: str, start: int, end: int) -> None:
        if end <= start:
            return
        sentence = text[start:end]
        norm = _fold_same_length(sentence)
        nice = [start + m.start() for m in _NICE_RE.finditer(norm)]
        required = [start + m.start() for m in _REQUIRED_RE.finditer(norm)]
        weak = bool(_WEAK_RE.search(norm))
        self._sentences.append((start, end, nice, required, weak))
        self._norms.append(norm)

    def sentence(self, start: int) -> str:
        """The normalised sentence holding offset ``start`` ("" when none)."""
        for (s_start, s_end, *_), norm in zip(self._sentences, self._norms, strict=True):
            if s_start <= start < s_end:
                return norm
        return ""

    def level(self, start: int, end: int) -> Level:
        """The level of the mention at ``text[start:end]``."""
        found = next((s for s in self._sentences if s[0] <= start < s[1]), None)
        if found is None:
            return self._default
        _, _, nice, required, weak = found
        if nice and not required:
            return Level(False, 2)
        if (required or weak) and not nice:
            return Level(True, 2)
        if nice and required:
            # "Anglais indispensable, allemand apprécié": the cue nearest the mention wins, a cue
            # after the mention counting slightly nearer (French and English both put it there).
            def distance(pos: int) -> float:
                return (pos - end) * 0.8 if pos >= end else float(start - pos)

            best_nice = min(distance(p) for p in nice)
            best_required = min(distance(p) for p in required)
            return Level(best_required < best_nice, 2)
        return self._default


def _fold_table() -> dict[int, str]:
    """One ASCII character (or a space) for each accented Latin letter and odd punctuation."""
    table: dict[int, str] = {}
    for cp in (*range(0x80, 0x250), *range(0x2000, 0x2070)):
        folded = normalise(chr(cp))
        table[cp] = folded[:1] if folded else " "
    return table


_FOLD = _fold_table()


def _fold_same_length(text: str) -> str:
    """Lower case without accents, one output character per input character (offsets kept)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer ("İ")
        lowered = "".join(c.lower()[:1] for c in text)
    return lowered.translate(_FOLD)


def stronger(a: Level, b: Level) -> Level:
    """The level that wins when one skill is mentioned twice: the more explicit one; at equal
    strength, required (a skill the offer asks for anywhere is asked for)."""
    if a.strength != b.strength:
        return a if a.strength > b.strength else b
    return a if a.required else b

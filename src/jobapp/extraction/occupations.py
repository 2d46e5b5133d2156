"""Which occupation a job title names: ESCO occupations (French and English) and their ISCO-08 group.

A recruiter's first question is "is this the same job?". Words shared by a CV and an offer do not
answer it ("data" in a data analyst CV and a data-centre electrician offer), and a French CV must
meet an English offer for the same job. ESCO labels every occupation in both languages, with its
alternative titles, and files it under an ISCO-08 unit group (4 digits; the first 1-3 digits are
wider families), so "infirmière" and "registered nurse" land in 2221, "cariste" and "forklift
operator" in 8344. A small hand-kept table adds modern titles ESCO lacks ("data engineer",
"développeur full stack", "ingénieur IA").

Matching is lexical over stemmed words, weighted by how rare each word is among the labels, and
prefers a label the title contains whole: "Stage - Ingénieur IA (H/F) - Lyon" -> 2511. Words that
name the contract, the level or the gender marker are removed first: they say nothing of the job.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from jobapp.extraction.normalise import normalise, term_tokens

__all__ = ["Occupation", "OccupationMatch", "isco_similarity", "occupation_similarity", "title_occupations"]


@dataclass(frozen=True, slots=True)
class Occupation:
    isco: str  # ISCO-08 unit group, 4 digits
    label_en: str
    label_fr: str


@dataclass(frozen=True, slots=True)
class OccupationMatch:
    occupation: Occupation
    label: str  # the label that matched
    score: float  # 0..1


@dataclass
class _Index:
    occupations: list[Occupation]
    labels: list[tuple[int, str, frozenset[str]]]  # (occupation index, label, stems)
    postings: dict[str, list[int]]  # stem -> label indices
    idf: dict[str, float]

    def weight(self, stems: frozenset[str] | set[str]) -> float:
        return sum(self.idf.get(s, self.max_idf) for s in stems)

    @property
    def max_idf(self) -> float:
        return math.log(1 + len(self.labels))


_NOT_A_JOB = frozenset(
    {"general", "charge", "chargee", "contractuel", "contractuelle", "adjoint", "adjointe", "docker"}
)


def _read(name: str) -> list[list[str]]:
    text = resources.files("jobapp.extraction").joinpath(f"data/{name}").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _stems(text: str) -> frozenset[str]:
    """Stemmed words of a title; single letters ("B1" -> "b", "H/F") carry no job."""
    return frozenset(s for s in term_tokens(text) if len(s) > 1)


@lru_cache(maxsize=1)
def _index() -> _Index:
    occupations: list[Occupation] = []
    labels: list[tuple[int, str, frozenset[str]]] = []
    for isco, en, fr, all_labels in _read("esco_occupations.tsv"):
        occupations.append(Occupation(isco, en, fr))
        for label in all_labels.split("|"):
            labels.append((len(occupations) - 1, label, frozenset(term_tokens(label))))
    for isco, all_labels in _read("occupations_extra.tsv"):
        names = all_labels.split("|")
        occupations.append(Occupation(isco, names[0], names[0]))
        for label in names:
            labels.append((len(occupations) - 1, label, frozenset(term_tokens(label))))
    # ESCO alternative labels that are one adjective or a bare role word: "general" (the army
    # rank), "chargé", "contractuel" would make any title holding the word that occupation.
    labels = [lab for lab in labels if lab[2] and normalise(lab[1]) not in _NOT_A_JOB]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, stems) in enumerate(labels):
        for s in stems:
            postings[s].append(i)
    n = len(labels)
    idf = {s: math.log(1 + n / len(ids)) for s, ids in postings.items()}
    return _Index(occupations, labels, dict(postings), idf)


# What a title says besides the job: gender markers, contract, level, working time, numbers.
_NOISE = re.compile(
    r"\((?:h|f|m|w|d|x)(?:\s*/\s*(?:h|f|m|w|d|x))+\)|\b(?:h|f|m)\s*/\s*(?:h|f|m)\b|"
    r"\b(?:stage|stagiaire|internship|intern|alternance|alternant|apprenti|apprentie|apprentissage|"
    r"apprenticeship|work[- ]study|cdi|cdd|interim|freelance|temps plein|temps partiel|full[- ]time|"
    r"part[- ]time|junior|senior|confirme|confirmee|experimente|experimentee|debutant|debutante|"
    r"jeune diplome|graduate|entry[- ]level|sr|jr|h/f|f/h|remote|teletravail|hybride|hybrid|"
    r"contrat de professionnalisation|en|\d+\s*(?:mois|months?|ans|years?)|trainee|apprentices?|"
    r"apprenticeships?|placement|band|grade|ii|iii|iv)\b|\d+"
)
_SEPARATORS = re.compile(r"\s+[-–—|/]\s+|[|()\[\],:;]")


# French titles name both genders: "Technicien / Technicienne support", "Conducteur(trice)",
# "Infirmier(e)". Split on the slash, the first half would be a lone generic word ("technicien").
_GENDER_PAIR = re.compile(r"\b(\w{3,})\s*/\s*(\w+)\b")
_GENDER_SUFFIX = re.compile(r"(?<=\w)\s?\((?:e|ne|se|euse|rice|trice|ere|le|es|fe|ve)\)")


def _one_gender(text: str) -> str:
    def keep_first(m: re.Match[str]) -> str:
        first, second = m.group(1), m.group(2)
        return first if second.startswith(first[:3]) and second != first else m.group(0)

    return _GENDER_PAIR.sub(keep_first, _GENDER_SUFFIX.sub("", text))


def _segments(title: str) -> list[str]:
    """The title and its parts ("Ingénieur IA - Lyon" -> the whole, "ingenieur ia", "lyon")."""
    clean = _NOISE.sub(" ", _one_gender(normalise(title)))
    parts = [p.strip() for p in _SEPARATORS.split(clean) if p and p.strip()]
    whole = " ".join(clean.split())
    return list(dict.fromkeys([whole, *parts]))


_UNKNOWN_WORD = 0.2


def _match_segment(segment: str, index: _Index) -> list[tuple[float, int, int]]:
    """(score, label index, occupation index) of the labels sharing a word with ``segment``."""
    stems = _stems(segment)
    if not stems:
        return []
    candidates: set[int] = set()
    for s in stems:
        ids = index.postings.get(s, ())
        if len(ids) < 3000:  # a word in thousands of labels ("de", "agent") finds nothing alone
            candidates.update(ids)
    # A word no occupation label uses (a company, a town) says nothing of the job: it weighs little.
    seg_weight = sum(index.idf.get(s, index.max_idf * _UNKNOWN_WORD) for s in stems)
    out = []
    for li in candidates:
        occ, _, label_stems = index.labels[li]
        shared = index.weight(label_stems & stems)
        if not shared:
            continue
        precision = shared / index.weight(label_stems)  # how much of the label the title says
        recall = shared / seg_weight  # how much of the title the label explains
        # F0.5: a label the title contains whole beats one that covers more words loosely
        score = 1.25 * precision * recall / (0.25 * precision + recall)
        out.append((score, li, occ))
    return out


@lru_cache(maxsize=8192)
def title_occupations(title: str, limit: int = 3, min_score: float = 0.5) -> tuple[OccupationMatch, ...]:
    """The occupations a job title most likely names, best first (empty when none is close)."""
    if not title or not title.strip():
        return ()
    index = _index()
    best: dict[int, tuple[float, int]] = {}
    for segment in _segments(title[:200]):
        for score, li, occ in _match_segment(segment, index):
            if score > best.get(occ, (0.0, -1))[0]:
                best[occ] = (score, li)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
    if not ranked or ranked[0][1][0] < min_score:
        return ()
    top = ranked[0][1][0]
    kept = [(occ, s, li) for occ, (s, li) in ranked if s >= max(min_score, 0.85 * top)][:limit]
    return tuple(
        OccupationMatch(index.occupations[occ], index.labels[li][1], round(s, 3)) for occ, s, li in kept
    )


@lru_cache(maxsize=1)
def _neighbours() -> tuple[tuple[str, str, float], ...]:
    """ISCO groups that are neighbours across the hierarchy (data/isco_neighbours.tsv)."""
    return tuple((row[0], row[1], float(row[2])) for row in _read("isco_neighbours.tsv"))


@lru_cache(maxsize=65536)
def isco_similarity(a: str, b: str) -> float:
    """1 for the same ISCO unit group, then 0.7 / 0.45 / 0.2 as only 3 / 2 / 1 leading digits agree;
    at least the listed value for two neighbouring groups (a cook and a chef, a nurse and a
    nursing associate) that the hierarchy files apart."""
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    value = (0.0, 0.0, 0.3, 0.7, 1.0)[shared]
    for first, second, near in _neighbours():
        if near > value and (
            (a.startswith(first) and b.startswith(second)) or (a.startswith(second) and b.startswith(first))
        ):
            value = near
    return value


def occupation_similarity(
    first: tuple[OccupationMatch, ...] | list[OccupationMatch],
    second: tuple[OccupationMatch, ...] | list[OccupationMatch],
) -> float | None:
    """How close two sets of occupation matches are (0..1), None when either side names none."""
    if not first or not second:
        return None
    return max(
        isco_similarity(a.occupation.isco, b.occupation.isco) * min(a.score, b.score) ** 0.5
        for a in first
        for b in second
    )


_WORDS = re.compile(r"\w+")
_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦]|\d+[.)])\s")
# "2021 Développeur web (EN COURS)", "2024 - Present": what the holder does or studies now.
_ONGOING = re.compile(
    r"\b(?:en cours|present|presente|aujourd'hui|a ce jour|actuellement|currently|current|ongoing|to date|now)\b"
)
#: how much a line's occupation loses per short line above it (CVs run newest first), and the floor
_DECAY, _FLOOR = 0.02, 0.5
#: sentences this near the top are the summary, where "Experienced administrative assistant..." says the job
_SUMMARY_LINES = 25
_TITLE_WORDS = 16


@lru_cache(maxsize=1024)
def text_occupations(text: str, limit: int = 6) -> tuple[OccupationMatch, ...]:
    """The occupations a CV names, best first.

    A CV says what its holder does in its headline, in the title of each job and training (short
    lines: ``title_occupations``) and in its summary's sentences (an occupation's name found whole).
    CVs run newest first, so a line's weight fades with its position, except a line that says it
    is current ("en cours", "present"): the training a career changer follows now names the job
    they look for.
    """
    best: dict[str, OccupationMatch] = {}

    def keep(match: OccupationMatch, weight: float) -> None:
        scored = OccupationMatch(match.occupation, match.label, round(match.score * weight, 3))
        isco = match.occupation.isco
        if isco not in best or scored.score > best[isco].score:
            best[isco] = scored

    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:402]
    current = [bool(_ONGOING.search(normalise(ln))) for ln in lines]  # each line normalised once
    position = 0
    for n, line in enumerate(lines[:400]):
        words = len(_WORDS.findall(line))
        if words > _TITLE_WORDS:
            if n < _SUMMARY_LINES:
                for match in _phrase_occupations(line):
                    keep(match, 1.0)
            continue
        if len(line) <= 2 or len(line) > 100 or _BULLET.match(line):
            continue
        ongoing = any(current[max(0, n - 2) : n + 3])
        weight = 1.0 if ongoing else max(_FLOOR, 1.0 - _DECAY * position)
        position += 1
        for match in title_occupations(line, limit=2, min_score=0.75):
            keep(match, weight)
    return tuple(sorted(best.values(), key=lambda m: -m.score)[:limit])


@lru_cache(maxsize=1)
def _phrase_table() -> dict[tuple[str, ...], list[int]]:
    """Multi-word labels by their word sequence, to find "administrative assistant" in a sentence."""
    index = _index()
    table: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for li, (_, label, _stems) in enumerate(index.labels):
        words = tuple(s for s in term_tokens(label) if len(s) > 1)
        if 2 <= len(words) <= 4:
            table[words].append(li)
    return dict(table)


def _phrase_occupations(line: str) -> list[OccupationMatch]:
    """Occupations whose multi-word label appears whole (same words, same order) in a sentence."""
    index, table = _index(), _phrase_table()
    words = [s for s in term_tokens(_NOISE.sub(" ", normalise(line))) if len(s) > 1]
    return [
        OccupationMatch(index.occupations[index.labels[li][0]], index.labels[li][1], 1.0)
        for n in (4, 3, 2)
        for i in range(len(words) - n + 1)
        for li in table.get(tuple(words[i : i + n]), ())
    ]

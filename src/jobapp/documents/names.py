"""Find the candidate's own name anywhere in a CV, and every place it occurs.

Running NER over a whole CV removes far too much with a small model (skills, companies and schools
come out tagged as persons), and only the candidate's identity should go. So the name is *chosen*
among the name-shaped segments of the whole text (2-4 capitalised words, particles and initials
allowed), by evidence:

- it spells the candidate's e-mail, profile slug or personal domain ("marie.dupont42@...",
  "linkedin.com/in/mdupont", "mariedupont.fr") — the strongest signal, and the one that finds the
  name of a two-column CV whose reading order puts it after the skills column;
- it holds a common given name; spaCy's ``fr_core_news_sm`` tags it PER (it also tags "Data
  Engineer" PER, so that only breaks ties);
- it stands alone on its line, near the top, or beside the contact details.

Shape alone is enough only in the first lines (and for a line of its own); further down — a
two-column CV read sidebar first, a footer, a signature — a given name or the e-mail must agree, or
spaCy and the layout together ("Prénom NOM" above a job title). Titles, places and skills lists
("CONSTRUCTION LABORER", "(Anciennement Mines de Douai)", "FRAMEWORKS / Symfony") are never names
without evidence. A "Nom : ..." label or "Je m'appelle ..." is always taken, and so are the words
the e-mail's local part spells ("Dupont" for "m.dupont@..."). :mod:`name_spans` then finds every
occurrence.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any

from jobapp.documents.contacts import IdentitySources
from jobapp.documents.spans import fold, fold_key, job_words, places, word_list

log = logging.getLogger(__name__)

SPACY_MODEL = "fr_core_news_sm"
#: lines where a name with no evidence but its shape is still taken (CVs put it first)
TOP_LINES = 3
#: lines where a name-shaped segment with a given name is taken without other evidence
HEADER_LINES = 10
_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|X{1,3})$")

#: "Nom : Dupont", "Prénom : Marie"; without the colon when a form sets labels and values in two
#: columns ("Nom    Rousset" as the reader joins them)
_LABEL = re.compile(
    r"^[ \t]*(?i:nom(?:\s+complet|\s+de\s+famille|\s+et\s+pr[ée]nom|\s+de\s+naissance|\s+de\s+jeune\s+fille|"
    r"\s+d['’]usage)?|pr[ée]nom(?:\(s\)|s)?|(?:full\s+|first\s+|last\s+|sur|given\s+|family\s+|maiden\s+|birth\s+)?name|"
    r"candidat(?:e)?)"
    r"(?:[ \t]*[:：][ \t]*|[ \t]+(?=[A-ZÀ-Þ][^\n]{0,40}$))([^\n|,;:]+)",
    re.MULTILINE,
)
PARTICLES = {
    "de", "du", "des", "da", "di", "do", "dos", "van", "von", "der", "den", "ter", "le", "la", "d'", "l'",
    "ben", "bin", "bint", "el", "al", "y", "zu", "af", "st", "st.",
}  # fmt: skip
_SEPARATORS = re.compile(r"\s+[|·•–—/]\s+|\s+-\s+|[,;|•·]\s*|\t|\s{3,}|\s*[:：]\s+")
#: words before a name that are not part of it ("CV Marie Dupont", "Signature : Marie Dupont")
_LEAD_WORDS = re.compile(
    r"^(?:(?:cv|c\.v\.|curriculum\s+vitae|r[ée]sum[ée]|resume|signature|sign[ée]|fait\s+par|by|par|"
    r"m\.|mme|mlle|mr\.?|mrs\.?|ms\.?|dr\.?|monsieur|madame)\s+)+",
    re.IGNORECASE,
)
_REFERENCES = re.compile(r"(?im)^[ \t]*(?:r[ée]f[ée]rences?(?:\s+professionnelles)?|referees?)\b[^\n]{0,20}$")
INITIAL = re.compile(r"^[A-ZÀ-Þ]\.?$")
#: the candidate introducing themself: "Je m'appelle Ysolde", "My name is Ysolde Quéméner"
_SELF_NAMED = re.compile(
    r"(?:je\s+m['’]appelle|mon\s+nom\s+est|my\s+name\s+is|moi\s+c['’]est)\s+"
    r"(?P<name>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+){0,2})",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1)
def load_ner() -> Any | None:
    """spaCy's small French pipeline, NER only, loaded once per process; None when unavailable."""
    try:
        import spacy

        return spacy.load(
            SPACY_MODEL, exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]
        )
    except Exception as exc:  # not installed, wrong version...
        log.warning("spaCy model %s unavailable (%s): names found by heuristics only", SPACY_MODEL, exc)
        return None


def first_names() -> frozenset[str]:
    """Common given names (accent-free, lowercase), shipped with the package."""
    return word_list("first_names.txt")


def stop_words() -> frozenset[str]:
    """Title and section words: a line containing one is not a name."""
    return word_list("header_words.txt")


def is_name_token(token: str) -> bool:
    """A capitalised word ("Dupont", "N'Diaye", "McDonald", "Nguyễn", "Kerbrat-Le") or one in
    capitals ("DUPONT", "N'DIAYE")."""
    elided = re.match(r"^(?:d|l)['’](?=[A-ZÀ-Þ])", token)  # "d'Auvergne", "l'Hermite"
    if elided:
        token = token[elided.end() :]
    parts = re.split(r"[-'’]", token)
    if not token[:1].isupper() or not all(p.isalpha() for p in parts):
        return False
    letters = re.sub(r"[-'’]", "", token)
    if _ROMAN.match(token):
        return False
    if letters.isupper():
        return len(letters) >= 2
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if len(part) == 1 and part.isupper() and not last:  # "N'Diaye", "D'Angelo"
            continue
        camel = re.fullmatch(r"(?:Mc|Mac|De|Le|La|Di|Du|Van)([A-ZÀ-Þ])(\w+)", part)
        if (camel and camel.group(2).islower()) or (
            part[1:].islower() and (part[0].isupper() or part in PARTICLES)
        ):
            continue
        return False
    return True


def _stop(token: str) -> bool:
    return fold(token).lower() in stop_words()


def looks_like_name(candidate: str) -> bool:
    """2-4 capitalised words (initials and particles allowed), none of them a title or section word."""
    tokens = candidate.split()
    if not 2 <= len(tokens) <= 6:
        return False
    real = 0
    for i, token in enumerate(tokens):
        if INITIAL.match(token):
            continue
        if i > 0 and token.lower() in PARTICLES:
            continue
        if not is_name_token(token) or _stop(token):
            return False
        real += 1
    return 2 <= real <= 4


def _has_first_name(segment: str) -> bool:
    known, never = first_names(), word_list("never_names.txt")
    keys = [fold(part).lower() for token in segment.split() for part in [token, *re.split(r"[-'’]", token)]]
    return any(k in known and k not in never for k in keys)


@dataclass
class _Candidate:
    line_no: int
    text: str
    whole_line: bool
    near_contact: bool
    pair: bool = False  # one word per line, two lines
    score: float = 0.0
    evidence: bool = False  # a given name, or words the e-mail or the candidate spell
    structure: bool = False  # set like a name: "Prénom NOM" above a job title, tagged PER


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of the non-empty lines."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def references_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of a references section (referees' names and e-mails are not the candidate's)."""
    ranges = []
    for match in _REFERENCES.finditer(text):
        end = len(text)
        for heading in re.finditer(r"(?m)^[ \t]*([A-ZÀ-Þ][^\n]{2,40})$", text[match.end() :]):
            words = fold(heading.group(1)).lower().split()
            if words and words[0] in stop_words() and words[0] not in {"m", "mme", "mr", "dr"}:
                end = match.end() + heading.start()
                break
        ranges.append((match.start(), end))
    return ranges


def _name_runs(segment: str) -> list[str]:
    """The segment if it is name-shaped once the words that introduce a name are cut ("CV Camille
    Rousseau", "Signé : Marie Dupont", "Mme Hélène Petit")."""
    segment = re.sub(r"\s*\([^()]{0,30}\)\s*$", "", segment.strip())  # "Marie Dupont (34)"
    segment = _LEAD_WORDS.sub("", segment.strip(" •*:.-–—()[]\"'")).strip()
    return [segment] if looks_like_name(segment) else []


_LETTER_SPACED = re.compile(r"^(?:[^\W\d_] ){2,}[^\W\d_](?:\s{2,}(?:[^\W\d_] ){1,}[^\W\d_])*$")


def _unspaced(line: str) -> str:
    """ "M A R I E   D U P O N T" (a letter-spaced heading typed with spaces) -> "MARIE DUPONT"."""
    if not _LETTER_SPACED.match(line):
        return line
    return " ".join(word.replace(" ", "") for word in re.split(r"\s{2,}", line))


def _candidates(text: str, contact_lines: set[int]) -> list[_Candidate]:
    lines = _lines(text)
    found: list[_Candidate] = []
    for line_no, (_, line) in enumerate(lines):
        near = any(abs(line_no - c) <= 3 for c in contact_lines)
        stripped = _unspaced(line.strip())
        for part in _SEPARATORS.split(stripped):
            for run in _name_runs(part):
                found.append(_Candidate(line_no, run, run == stripped or part.strip() == stripped, near))
        # a name set on two lines, one word each: "JEAN-BAPTISTE" / "KERBRAT"
        if line_no + 1 < len(lines):
            one, two = stripped, lines[line_no + 1][1].strip()
            pair = f"{one} {two}"
            if len(one.split()) == 1 and len(two.split()) == 1 and looks_like_name(pair):
                found.append(_Candidate(line_no, pair, True, near, pair=True))
    return found


def _spelled_by(words: list[str], sources: IdentitySources) -> int:
    """How many of the words the e-mail, slugs, handles or personal domains spell."""
    blobs = [
        re.sub(r"[^a-z]", "", p)
        for p in sources.pieces | sources.sites | {h.lower() for h in sources.handles}
    ]
    count = 0
    for word in words:
        keys = [fold_key(word), *(fold_key(p) for p in re.split(r"[-'’]", word))]
        if any(
            len(key) >= 2 and (key in sources.pieces or (len(key) >= 4 and any(key in b for b in blobs)))
            for key in keys
        ):
            count += 1
    return count


def _lowercase_elsewhere(token: str, text: str) -> bool:
    """The word is used in lowercase as an ordinary word somewhere ("gestion", "petit")."""
    low = token.lower()
    return bool(low != token and re.search(rf"(?<![\w.@_/-]){re.escape(low)}(?![\w@_/-]|\.\w)", text))


def _prenom_nom(words: list[str]) -> bool:
    """ "Marie DUPONT" / "DUPONT Marie": the French way of setting a name, the surname in capitals
    (of four letters or more: "OSP Fault Locating" starts with an acronym)."""
    upper = [w.isupper() for w in words]
    return len(words) >= 2 and not all(upper) and any(w.isupper() and len(w) >= 4 for w in words)


def _title_follows(cand: _Candidate, lines: list[tuple[int, str]]) -> bool:
    """The next line is a job title ("Data analyst junior"): CVs set the name above the title."""
    if cand.line_no + 1 >= len(lines):
        return False
    words = re.findall(r"[^\W\d_]+", fold(lines[cand.line_no + 1][1]).lower())
    jobs = job_words() | stop_words()
    return (
        0 < len(words) <= 10
        and sum(w in jobs for w in words) >= 1
        and not looks_like_name(lines[cand.line_no + 1][1].strip())
    )


def _score(
    cand: _Candidate, sources: IdentitySources, text: str, person: bool, lines: list[tuple[int, str]]
) -> float:
    words = [w for w in cand.text.split() if not INITIAL.match(w) and w.lower() not in PARTICLES]
    spelled = _spelled_by(words, sources)
    given = _has_first_name(cand.text)
    if not given and not spelled:
        # no evidence but the shape: a title made of job words and acronyms ("Construction
        # Laborer", "HR GENERALIST"), words with a city, or a place introduced by an article
        # ("Le Lamentin") are no person
        jobs = job_words()
        titled = all(fold(w).lower() in jobs or (w.isupper() and len(w) <= 3) for w in words)
        placed = any(fold_key(w) in places() for w in words)  # "(Anciennement Mines de Douai)"
        if titled or placed or cand.text.split()[0].lower() in {"le", "la", "les", "l'"}:
            return -1.0
    cand.evidence = bool(given or spelled)
    shaped = cand.whole_line and _prenom_nom(words)
    titled_below = cand.whole_line and _title_follows(cand, lines)
    cand.structure = person and shaped and titled_below
    score = 2.0 * given + 1.0 * person
    score += 3.0 * (spelled >= 1) + 1.0 * (spelled >= 2)
    score += 1.0 * (cand.line_no < TOP_LINES) + 0.5 * (cand.line_no < HEADER_LINES)
    score += 0.5 * cand.whole_line + 1.0 * cand.near_contact + 1.0 * shaped + 1.5 * titled_below
    score -= 1.5 * sum(_lowercase_elsewhere(w, text) for w in words if not _has_first_name(w))
    return score - 0.01 * cand.line_no


def _accepted(cand: _Candidate) -> bool:
    """Shape alone is enough in the first lines only; further down (a two-column CV read sidebar
    first, a footer, a signature) a given name or the e-mail must agree, or spaCy and the layout."""
    if cand.pair and not cand.evidence:
        return False  # "FRAMEWORKS" / "Symfony" is a skills list
    if cand.line_no < TOP_LINES:  # shape alone: a line of its own ("Byungjin Park"), not one item of a list
        return cand.score > 0 and (cand.evidence or cand.whole_line)
    if not (cand.evidence or cand.structure):
        return False
    if cand.line_no < HEADER_LINES:
        return cand.score >= 2.0
    return cand.score >= 3.0


def _labelled(text: str) -> list[str]:
    names = [
        " ".join(t for t in m.group("name").split() if is_name_token(t) and not _stop(t))
        for m in _SELF_NAMED.finditer(text)
    ]
    names = [n for n in names if n]
    for match in _LABEL.finditer(text):
        value = " ".join(match.group(1).split()[:4])
        tokens = [t for t in value.split() if is_name_token(t) and not _stop(t)]
        if tokens:
            names.append(" ".join(tokens))
    return names


def spelled_words(text: str, sources: IdentitySources) -> list[str]:
    """Capitalised words of the text that the e-mail's local part (or a profile slug) spells out:
    "Dupont" for "mdupont@...", "Marie" and "Dupont" for "mariedupont@...". A piece counts only
    when the words found in it leave at most two letters (initials) unexplained, so "python.dev"
    or "contact" spell nothing."""
    words: dict[str, str] = {}  # comparison key -> the word as written (a part maps to its whole word)
    for match in re.finditer(r"(?<![\w@./-])[^\W\d_][\w'’-]*", text):
        word = match.group(0).strip("'’-")
        if is_name_token(word) and len(fold_key(word)) >= 2:
            words.setdefault(fold_key(word), word)
            for part in re.split(r"[-'’]", word):  # "ASANTE-BOATENG" spelled "kasanteb"
                if len(part) >= 4 and part != word:
                    words.setdefault(fold_key(part), word)
    excluded = stop_words() | word_list("never_names.txt") | places() | word_list("generic_mailboxes.txt")
    found: set[str] = set()
    for piece in sources.pieces:
        inside = [k for k in words if k not in excluded and len(k) >= 3 and k in piece]
        rest = piece
        for key in sorted(inside, key=len, reverse=True):
            rest = rest.replace(key, "", 1)
        if inside and len(rest) <= 2:
            found.update(words[k] for k in inside)
    return sorted(found)


def find_names(
    text: str, *, use_ner: bool = True, sources: IdentitySources | None = None
) -> tuple[list[str], bool]:
    """The candidate's name(s) as written in the CV, and whether spaCy was used.

    Labelled names ("Nom : Dupont", "Prénom : Marie") are always taken; then the best-scored
    name-shaped segment of the whole text (see the module doc); then the capitalised words the
    e-mail spells.
    """
    from jobapp.documents.contacts import find_contacts, identity_sources

    refs = references_ranges(text)
    if sources is None:
        sources = identity_sources(text, skip=refs)
    names = _labelled(text)
    line_starts = [pos for pos, _ in _lines(text)]
    contact_lines = set()
    for span in find_contacts(text):
        if span.kind in {"email", "phone"} and not any(a <= span.start < b for a, b in refs):
            contact_lines.add(sum(1 for p in line_starts if p <= span.start) - 1)
    candidates = [
        c
        for c in _candidates(text, contact_lines)
        if not any(a <= line_starts[c.line_no] < b for a, b in refs)
    ]
    nlp = load_ner() if use_ner else None
    person = [False] * len(candidates)
    if nlp is not None and candidates:
        docs = nlp.pipe([c.text for c in candidates])
        person = [any(ent.label_ == "PER" for ent in doc.ents) for doc in docs]
    lines = _lines(text)
    introduced = {fold_key(w) for n in names for w in n.split()}
    sources = IdentitySources(sources.handles, sources.pieces | introduced, sources.sites)
    for cand, is_person in zip(candidates, person, strict=True):
        cand.score = _score(cand, sources, text, is_person, lines)
    accepted = [c for c in candidates if _accepted(c)]
    if accepted:
        best = max(accepted, key=lambda c: c.score)
        if not names or best.score > 1:
            names.append(best.text)
    known = {fold_key(p) for n in names for t in n.split() for p in [t, *re.split(r"[-'’]", t)]}
    names += [w for w in spelled_words(text, sources) if fold_key(w) not in known]
    return names, nlp is not None

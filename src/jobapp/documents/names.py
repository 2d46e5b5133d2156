"""Find the candidate's own name in a CV, so it can be removed everywhere.

Running NER over a whole CV removes far too much with a small model (skills, companies and
schools come out tagged as persons), and only the candidate's identity should go. A CV states the
name in a few predictable places: a "Nom : ..." label, or one of the first lines, shaped like a
name (2-4 capitalised words). spaCy's ``fr_core_news_sm`` (it tags French and English persons)
confirms header lines when it is installed; without it the shape rules decide alone.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from unidecode import unidecode

log = logging.getLogger(__name__)

SPACY_MODEL = "fr_core_news_sm"
HEADER_LINES = 10

_LABEL = re.compile(
    r"^[ \t]*(?:nom(?:\s+complet|\s+de\s+famille)?|pr[ée]nom(?:\(s\)|s)?|(?:full\s+|first\s+|last\s+|sur)?name)"
    r"[ \t]*[:：][ \t]*([^\n|,;:]+)",
    re.IGNORECASE | re.MULTILINE,
)
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_NAME_TOKEN = re.compile(rf"^(?:[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}]?[{_LOWER}]+)*|[{_UPPER}]{{2,}}(?:[-'’][{_UPPER}]+)*)$")
_INITIAL = re.compile(rf"^[{_UPPER}]\.?$")
_PARTICLES = {"de", "du", "des", "da", "di", "van", "von", "der", "le", "la", "d'", "ben", "el", "al", "bin"}
_SEPARATORS = re.compile(r"\s+[|·•–—]\s+|\s+-\s+|,\s*|\t|\s{3,}")

# Words that make a capitalised header line a title or a section, not a person.
STOP_WORDS = set(
    """
    curriculum vitae cv resume profil profile contact contacts experience experiences professionnelle
    professionnelles professional work formation formations education competences competence skills
    langues languages loisirs interets interests hobbies centres summary objectif objective about me moi
    references projets projects project certifications certificats publications awards prix
    developpeur developpeuse developer dev engineer ingenieur ingenieure data scientist science analyst
    analyste manager chef cheffe projet consultant consultante senior junior lead stagiaire intern
    internship stage alternance alternant alternante apprenti assistant assistante commercial commerciale
    technicien technicienne designer architect architecte administrateur administratrice responsable
    directeur directrice director head officer full stack fullstack front back end frontend backend devops
    software logiciel logiciels web mobile marketing comptable product owner scrum master business sales
    vente customer success support system systems systeme systemes reseau reseaux network security securite
    cloud infrastructure java python javascript react php microsoft google amazon paris lyon marseille
    france london new york rue avenue boulevard street road mr mrs ms mme madame monsieur dr university
    universite ecole school college licence bachelor diplome permis nationalite francaise french english
    anglais francais espagnol german allemand team equipe leader specialist specialiste expert experte
    operations ressources humaines human resources rh finance financial graphiste infirmier infirmiere
    professeur enseignant enseignante teacher nurse janvier fevrier mars avril mai juin juillet aout
    septembre octobre novembre decembre january february march april may june july august september
    october november december candidature application lettre motivation cover letter page
    """.split()
)


@functools.lru_cache(maxsize=1)
def load_ner() -> Any | None:
    """spaCy's small French pipeline, NER only, loaded once per process; None when unavailable."""
    try:
        import spacy

        return spacy.load(SPACY_MODEL, exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"])
    except Exception as exc:  # not installed, wrong version...
        log.warning("spaCy model %s unavailable (%s): names found by heuristics only", SPACY_MODEL, exc)
        return None


def looks_like_name(candidate: str) -> bool:
    """2-4 capitalised words (initials and particles allowed), none of them a title or section word."""
    tokens = candidate.split()
    if not 2 <= len(tokens) <= 5:
        return False
    real = 0
    for i, token in enumerate(tokens):
        if _INITIAL.match(token):
            continue
        if i > 0 and token.lower() in _PARTICLES:
            continue
        if not _NAME_TOKEN.match(token) or unidecode(token).lower() in STOP_WORDS:
            return False
        real += 1
    return 2 <= real <= 4


def _header_segments(text: str) -> list[str]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:HEADER_LINES]
    segments: list[str] = []
    for line in lines:
        segments.extend(s.strip(" •*:") for s in _SEPARATORS.split(line) if s.strip(" •*:"))
    return segments


def find_names(text: str, *, use_ner: bool = True) -> tuple[list[str], bool]:
    """The candidate's name(s) as written in the CV, and whether spaCy was used.

    Labelled names ("Nom : Dupont", "Prénom : Marie") are always taken. Then the header: with
    spaCy, the first name-shaped segment that contains a PER entity; otherwise (or if spaCy finds
    none) the first name-shaped segment of the first lines.
    """
    names: list[str] = []
    for match in _LABEL.finditer(text):
        value = " ".join(match.group(1).split()[:4])
        tokens = [t for t in value.split() if _NAME_TOKEN.match(t) and unidecode(t).lower() not in STOP_WORDS]
        if tokens:
            names.append(" ".join(tokens))
    segments = [s for s in _header_segments(text) if looks_like_name(s)]
    nlp = load_ner() if use_ner else None
    chosen = None
    if nlp is not None and segments:
        for segment, doc in zip(segments, nlp.pipe(segments), strict=True):
            if any(ent.label_ == "PER" for ent in doc.ents):
                chosen = segment
                break
    if chosen is None and segments and not names:
        chosen = segments[0]
    if chosen:
        names.append(chosen)
    return names, nlp is not None


def name_tokens(names: list[str]) -> list[str]:
    """Words to remove everywhere: each name part (and its accent-free spelling), longest first."""
    tokens: set[str] = set()
    for name in names:
        for token in name.split():
            if _INITIAL.match(token) or token.lower() in _PARTICLES or len(token) < 2:
                continue
            tokens.add(token)
            tokens.add(unidecode(token))
            for part in re.split(r"[-'’]", token):  # "Jean-Pierre" is also written "Jean Pierre"
                if len(part) >= 3:
                    tokens.update({part, unidecode(part)})
    return sorted(tokens, key=len, reverse=True)

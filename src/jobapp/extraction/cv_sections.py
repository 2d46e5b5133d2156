"""A CV cut into its sections (summary, skills, experience, education...), in the CV's own order.

Tailoring advice says which section to move up and quotes the CV's lines: both need to know which
section a line is in. A section starts at a short line that is a usual CV heading, French or English
("Compétences", "EXPÉRIENCE PROFESSIONNELLE", "Work history:"); what comes before the first heading
is the header (name, title, contact).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jobapp.extraction.normalise import normalise

SECTION_KINDS = ("header", "summary", "skills", "experience", "education", "languages", "other")

# Heading phrases by kind (normalised: lower case, no accents). A heading is one of them, maybe
# with a possessive or an adjective around it ("Mes compétences", "Key skills", "Professional
# experience"), on a short line of its own.
_HEADINGS: dict[str, str] = {
    "summary": r"summary|profile|profil|professional summary|career summary|objective|objectif|about me|"
    r"a propos|resume|presentation|career objective|personal statement",
    "skills": r"skills|competences|key skills|technical skills|core competencies|competencies|"
    r"savoir-faire|savoir faire|savoir-etre|outils|tools|technologies|qualifications|highlights|"
    r"skill highlights|informatique|logiciels|certifications?|licences?|permis",
    "experience": r"experiences?|experiences? professionnelles?|work experience|professional experience|"
    r"work history|employment|employment history|career history|parcours|parcours professionnel|"
    r"emplois?|stages?|internships?|projects?|projets?|accomplishments|realisations",
    "education": r"education|formations?|diplomes?|etudes|scolarite|academic background|training|"
    r"education and training|cursus|parcours scolaire|parcours academique",
    "languages": r"languages?|langues?",
    "other": r"interests|hobbies|loisirs|centres? d'interets?|activities|activites|references|"
    r"volunteer(?:ing)?|benevolat|additional information|informations complementaires|contact",
}
_FILLER = r"(?:(?:mes|my|key|main|principales?|relevant|other|autres)\s+)?"
_HEADING = {
    kind: re.compile(rf"^\W*{_FILLER}(?:{words})(?:\s+\w+){{0,2}}\W*$") for kind, words in _HEADINGS.items()
}


@dataclass
class CvSection:
    kind: str  # one of SECTION_KINDS
    heading: str  # as the CV writes it ("" for the header)
    lines: list[str] = field(default_factory=list)  # its non-empty lines, heading excluded


def heading_kind(line: str) -> str | None:
    """The kind of section ``line`` opens, or None when it is not a heading."""
    text = line.strip()
    if not text or len(text) > 60 or len(text.split()) > 6:
        return None
    norm = normalise(text).rstrip(":").strip()
    for kind, pattern in _HEADING.items():
        if pattern.match(norm):
            return kind
    return None


def cv_sections(text: str) -> list[CvSection]:
    """The CV's sections in order; the first is the header (maybe empty)."""
    sections = [CvSection("header", "")]
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        kind = heading_kind(line)
        if kind is not None:
            sections.append(CvSection(kind, line.rstrip(":").strip()))
        else:
            sections[-1].lines.append(line)
    return [s for s in sections if s.lines or s.kind != "header"]

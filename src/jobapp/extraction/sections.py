"""Split a job offer into its usual parts, from its French or English headings.

Offers are written as "Vos missions / Profil recherché / Avantages" or "Responsibilities /
Requirements / Benefits", as markdown (``## Profil``), bold or upper-case lines, or "Heading :" lines
with text after the colon. Knowing the part matters: a skill under "Profil" is required, the same
word in the company blurb is not.

Keys returned (only non-empty ones): ``intro`` (text before any heading), ``company``, ``missions``,
``profile``, ``skills``, ``benefits``, ``other`` (recognised headings of no interest, e.g. the
recruitment process). Text under the same key is joined with blank lines, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobapp.extraction.normalise import normalise

SECTION_KEYS = ("intro", "company", "missions", "profile", "skills", "benefits", "other")

# Normalised heading phrases (no accents, lower case). A heading matches when, after removing
# decoration, it equals one of these or starts with one followed by a few words.
_HEADINGS: dict[str, tuple[str, ...]] = {
    "company": (
        "entreprise", "l'entreprise", "la societe", "societe", "qui sommes-nous", "qui sommes nous",
        "qui sommes-nous ?", "a propos de nous", "a propos", "notre client", "le client", "presentation",
        "presentation de l'entreprise", "about us", "about the company", "who we are", "our company",
        "the company", "company", "company description", "notre entreprise", "notre societe", "nous sommes",
        "le groupe", "notre groupe", "l'employeur", "employeur", "about", "contexte", "le contexte",
        "context", "la structure", "notre structure", "l'agence", "notre agence", "le cabinet",
    ),
    "missions": (
        "missions", "mission", "vos missions", "votre mission", "les missions", "missions principales",
        "vos principales missions", "descriptif du poste", "description du poste", "le poste", "poste",
        "votre role", "le role", "role", "the role", "your role", "about the role", "responsabilites",
        "vos responsabilites", "responsibilities", "key responsibilities", "your responsibilities",
        "main responsibilities", "what you'll do", "what you will do", "what you'll be doing",
        "what you will be doing", "job description", "description", "activites", "vos activites",
        "activites principales", "taches", "vos taches", "au quotidien", "votre quotidien", "day to day",
        "your day to day", "ce que vous ferez", "ce que vous allez faire", "the job", "the position",
        "position", "duties", "your missions", "your mission", "descriptif de la mission", "job summary",
        "ce que l'on attend de vous",
    ),
    "profile": (
        "profil", "profil recherche", "votre profil", "le profil", "profil souhaite", "profil du candidat",
        "candidat", "le candidat ideal", "vous", "vous etes", "qui etes-vous", "qui etes vous",
        "about you", "who you are", "your profile", "profile", "requirements", "requirement",
        "job requirements", "qualifications", "required qualifications", "preferred qualifications",
        "minimum qualifications", "what we're looking for", "what we are looking for", "what you bring",
        "what you'll bring", "what you need", "must have", "must-have", "must haves", "nice to have",
        "nice-to-have", "bonus", "bonus points", "atouts", "les plus", "un plus", "prerequis", "pre-requis",
        "experience", "experience requise", "formation", "education", "diplome", "diplomes",
        "formation et experience", "experience et formation", "ideal candidate", "you are", "you have",
        "vous avez", "ce que nous recherchons", "nous recherchons", "we are looking for", "savoir-etre",
        "savoir etre", "qualites requises", "qualites",
    ),
    "skills": (
        "competences", "competences requises", "competences techniques", "vos competences",
        "competences recherchees", "competences et qualites", "skills", "required skills", "technical skills",
        "key skills", "skills and experience", "hard skills", "soft skills", "stack", "stack technique",
        "notre stack", "tech stack", "our stack", "environnement technique", "environnement technologique",
        "technologies", "outils", "tools", "savoir-faire", "savoir faire", "connaissances",
        "connaissances requises", "langues", "languages", "technical environment",
    ),
    "benefits": (
        "avantages", "nos avantages", "les avantages", "avantages sociaux", "benefits", "perks",
        "perks and benefits", "ce que nous offrons", "ce que nous proposons", "nous offrons",
        "nous proposons", "ce que l'on vous propose", "ce que nous vous offrons", "pourquoi nous rejoindre",
        "pourquoi nous rejoindre ?", "why join us", "why us", "what we offer", "our offer", "we offer",
        "remuneration", "remuneration et avantages", "salaire", "salary", "compensation", "package",
        "conditions", "conditions de travail", "informations pratiques", "conditions et avantages",
        "rewards", "l'offre", "notre offre",
    ),
    "other": (
        "processus de recrutement", "process de recrutement", "recruitment process", "hiring process",
        "interview process", "informations complementaires", "additional information", "how to apply",
        "postuler", "pour postuler", "modalites", "modalites de candidature", "candidature", "contact",
        "references", "reference", "date de debut", "start date", "lieu de travail", "localisation",
        "location", "type de contrat", "contrat", "details", "equal opportunity", "diversite",
    ),
}  # fmt: skip

_LOOKUP = {phrase: key for key, phrases in _HEADINGS.items() for phrase in phrases}
_DECORATION = re.compile(r"^[\s#>*_=\-•·–—+|~\d.)\]\[:]+|[\s#*_=:.\-|~!]+$")
_INLINE = re.compile(r"^\s*([^\W\d][^:\n]{1,60}?)\s*:\s*(.*)$")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")


def heading_key(line: str, styled: bool = True) -> str | None:
    """The section key a heading line announces ("## Vos missions" -> "missions"), or None.

    A styled heading (markdown, bold, upper case, trailing colon) may add a few words after a known
    phrase ("Vos missions chez Acme"); a plain line must be exactly a known phrase, so that a bullet
    such as "Expérience en Python" is never taken for a heading.
    """
    norm = _DECORATION.sub("", normalise(_EMOJI.sub(" ", line))).strip()
    norm = re.sub(r"\s+", " ", norm)
    if not norm or len(norm) > 70:
        return None
    if norm in _LOOKUP:
        return _LOOKUP[norm]
    if not styled:
        return None
    words = norm.split()
    # "Vos missions principales chez Acme", "Profil recherché (H/F)": accept a known prefix + few words.
    for size in range(min(len(words), 5), 0, -1):
        prefix = " ".join(words[:size])
        if prefix in _LOOKUP and len(words) - size <= 3:
            return _LOOKUP[prefix]
    return None


_BULLET = re.compile(r"^\s*(?:[-•·*–—]|\d+[.)])\s+")
# A sentence ending in a colon that introduces what the candidate must bring ("Nous recherchons
# des personnes qui :", "The successful candidate will be able to demonstrate:", "Pour réussir
# dans ce poste, vous devez :"): the list after it is the profile, even without a heading.
_PROFILE_LEAD = re.compile(
    r"\b(?:nous recherchons|recherchons|on recherche|a la recherche d|vous (?:devez|devrez|avez|etes|"
    r"possedez|disposez|maitrisez|justifiez)|profil|qualites|competences|savoir-etre|"
    r"we are looking for|looking for|you (?:will|must|should) (?:have|be|need|demonstrate|hold)|"
    r"you (?:have|are|need|hold)|(?:successful|ideal) (?:candidate|applicant|person)s?|"
    r"post ?-?holder (?:will|must|should)|applicants? (?:will|must|should)|requirements?|"
    r"essential|able to demonstrate)\b"
)
_LEAD_END = re.compile(r"[:\uff1a]\s*-?\s*$")


def _heading_style(line: str) -> int:
    """0: not a heading; 1: a plain short line (exact phrases only); 2: styled like a heading."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return 0
    if stripped.endswith(":"):
        return 2
    if _BULLET.match(stripped):
        return 0
    if stripped.startswith("#"):
        return 2
    if stripped.startswith(("**", "__")) and stripped.endswith(("**", "__")):
        return 2
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) > 2 and all(c.isupper() for c in letters):
        return 2
    return 1 if len(stripped.split()) <= 6 and not stripped.endswith((".", ",", ";")) else 0


@dataclass(frozen=True, slots=True)
class Block:
    """A run of lines under one heading: ``key`` is its section key, ``heading`` the heading's own
    words ("Nice to have", "Profil recherché"; empty before any heading)."""

    key: str
    heading: str
    text: str


def iter_blocks(text: str) -> list[Block]:
    """The offer's blocks in text order, each with its heading (finer than :func:`split_sections`:
    "Requirements" and "Nice to have" are both ``profile`` but stay apart here)."""
    blocks: list[Block] = []
    current, heading = "intro", ""
    buffer: list[str] = []

    def flush() -> None:
        chunk = "\n".join(buffer).strip()
        if chunk:
            blocks.append(Block(current, heading, chunk))
        buffer.clear()

    for line in text.splitlines():
        style = _heading_style(line)
        key = heading_key(line, styled=style == 2) if style else None
        rest = ""
        words = line
        if key is None:
            m = _INLINE.match(line)
            if m and len(m.group(1).split()) <= 6:
                key = heading_key(m.group(1), styled=False)
                rest = m.group(2).strip()
                words = m.group(1)
                # "Lieu : Paris" style field lines stay in place; they are not section starts.
                if key == "other" and rest:
                    key = None
        if key is None:
            if (
                current != "profile"
                and _LEAD_END.search(line)
                and len(line.split()) <= 25
                and _PROFILE_LEAD.search(normalise(line))
            ):
                flush()
                current, heading = "profile", ""
            buffer.append(line)
            continue
        flush()
        current, heading = key, _DECORATION.sub("", words.strip()).strip()
        if rest:
            buffer.append(rest)
    flush()
    return blocks


def split_sections(text: str) -> dict[str, str]:
    """Map section key -> text, for a raw offer. Text without headings is all ``intro``."""
    parts: dict[str, list[str]] = {}
    for block in iter_blocks(text):
        parts.setdefault(block.key, []).append(block.text)
    return {key: "\n\n".join(parts[key]) for key in SECTION_KEYS if key in parts}

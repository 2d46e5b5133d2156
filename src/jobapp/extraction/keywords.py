"""What an applicant tracking system would filter on: an offer's keywords, and how a CV covers them.

A keyword is what a recruiter would list: a skill, tool, method, qualification, certification,
licence or language. ``offer_keywords`` weighs each lexicon skill by where the offer says it (the
title and the profile/skills parts weigh most; the company blurb, the benefits and the recruitment
process not at all), by how often, and by kind (a tool or a degree is a harder filter than a soft
skill), and marks it must-have or nice-to-have from how the offer says it (see
:mod:`jobapp.extraction.requirements`). It never returns the employer's name, a place, the job
board's page (see :mod:`jobapp.extraction.offer_noise`), the employer's sector unless the offer asks
for experience of it, HR-process words outside HR jobs, or an adjective describing the company
("une équipe bienveillante", "projets innovants"). A few repeated offer-specific phrases the lexicon
does not know are added at lower weight. ``coverage`` then checks each keyword against a CV indexed
once (:func:`index_text`), across languages: "project management" is covered by "gestion de projets".
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from jobapp.domain import KeywordCoverage
from jobapp.extraction.lexicon import Skill, load_lexicon
from jobapp.extraction.normalise import normalise, term_key, tokenize
from jobapp.extraction.offer_fields import guess_offer_fields
from jobapp.extraction.offer_noise import company_keys, mentions_place, names_company, strip_chrome
from jobapp.extraction.requirements import Level, RequirementReader, stronger
from jobapp.extraction.sections import Block, iter_blocks
from jobapp.extraction.seniority import detect_language
from jobapp.extraction.skills import match_skills, phrase_counts
from jobapp.extraction.textindex import TextIndex, as_index, index_text, mentions

__all__ = ["Keyword", "coverage", "index_text", "offer_keywords"]

SECTION_WEIGHT = {
    "title": 3.0,
    "skills": 2.0,
    "profile": 2.0,
    "missions": 1.3,
    "intro": 0.8,
}
# Parts of an offer that say nothing about the candidate: no keyword comes from them.
SKIPPED_SECTIONS = frozenset({"company", "benefits", "other"})
# ... except a sentence there that plainly describes the candidate ("Vous êtes reconnu(e) pour
# votre goût pour le travail en équipe" under "Avantages"): offers often put the profile last.
_PROFILE_SENTENCE = re.compile(
    r"\b(?:vous etes|vous avez|vous possedez|vous maitrisez|vous disposez|vous savez|votre sens|"
    r"votre gout|vos qualites|you are|you have|you will have|you must|you should|your ability|"
    r"the successful candidate|the ideal candidate)\b"
)
CATEGORY_WEIGHT = {
    "hard": 1.0,
    "tool": 1.0,
    "qualification": 0.9,
    "language": 0.8,
    "domain": 0.6,
    "soft": 0.5,
    "phrase": 0.45,
}
# A must-have counts this much more than a nice-to-have in the coverage share.
REQUIRED_WEIGHT = 1.5
# Words of the hiring process: skills only in HR jobs ("Chargé de recrutement"), noise elsewhere.
HR_PROCESS_SKILLS = frozenset({"Recruitment", "Human resources"})
_HR_TITLE = re.compile(
    r"\b(?:rh|drh|hr|hrbp|ressources humaines|human resources?|recrut\w*|recruit\w*|talent\w*|"
    r"paie|payroll|people|personnel|sourc\w+|chasseur|headhunter)\b"
)
# A sector is a requirement only when the offer asks for experience or knowledge of it.
_EXPERIENCE_CUE = re.compile(
    r"\b(?:experiences?|experienced|connaissances?|knowledge|background|expertise|familiar\w*|"
    r"maitrise\w*|issue?s? du|issue?s? de|pratique|practice|understanding|exposure)\b"
)
# Who a sentence describes: the candidate ("vous êtes", "you are") or not ("une équipe bienveillante").
_CANDIDATE_CUE = re.compile(
    r"\b(?:vous|you|your|votre|candidat\w*|candidate\w*|profil\w*|profile|applicant\w*|"
    r"personne|person|someone|quelqu'un|individual|we are looking|nous recherchons|on recherche|"
    r"recherchons|recrutons|a la recherche d|looking (?:for|to recruit|to appoint)|seeking|"
    r"successful|post ?-?holder|ideal|suitable|able to demonstrate)\b"
)
_NOUN_SUFFIXES = (
    "ite", "ie", "eur", "ence", "ance", "isme", "tion", "sion", "ude", "ise", "esse", "ment", "ity",
    "ness", "ism", "ship", "our", "ing", "ure",
)  # fmt: skip
# Nouns an adjective may describe instead of the candidate: "une équipe bienveillante",
# "projets innovants", "a dynamic team", "an innovative organisation".
_NOT_CANDIDATE_NOUNS = frozenset(
    [
        "equipe",
        "equipes",
        "team",
        "teams",
        "environnement",
        "environment",
        "entreprise",
        "entreprises",
        "company",
        "companies",
        "structure",
        "societe",
        "groupe",
        "group",
        "organisation",
        "organization",
        "ambiance",
        "atmosphere",
        "cadre",
        "culture",
        "projet",
        "projets",
        "project",
        "projects",
        "solution",
        "solutions",
        "outil",
        "outils",
        "tool",
        "tools",
        "produit",
        "produits",
        "product",
        "products",
        "materiel",
        "equipment",
        "machine",
        "machines",
        "secteur",
        "sector",
        "industry",
        "agence",
        "agency",
        "club",
        "service",
        "services",
        "clientele",
        "locaux",
        "office",
        "offices",
        "workplace",
        "startup",
        "start-up",
        "cabinet",
        "reseau",
        "network",
        "departement",
        "department",
        "unit",
        "unite",
        "site",
        "sites",
        "trust",
        "hospital",
        "etablissement",
        "marque",
        "brand",
        "brands",
        "technologies",
        "technology",
        "plateforme",
        "platform",
        "application",
        "applications",
        "idees",
        "ideas",
    ]
)
# Colleagues and job titles ("sous la responsabilité du chef de chantier", "Healthcare Assistant")
# name people, not skills: a person noun counts only where the offer asks the candidate to be one.
# French titles put the person noun first ("chef de chantier"), English ones last ("care assistant").
_PERSON_SUFFIXES_FR = ("eur", "euse", "rice", "ier", "iere", "ien", "ienne", "iste", "aire", "logue")
_PERSON_SUFFIXES_EN = (
    "er", "or", "ist", "ian", "ary", "yst", "manager", "officer", "worker", "assistant", "lead", "ogist",
)  # fmt: skip
_PERSON_WORDS = frozenset(
    ["chef", "responsable", "medecin", "coach", "charge", "chargee", "directeur", "head", "aesh", "nurse",
     "infirmier", "secretaire", "comptable", "teleconseiller", "consultant", "doctor", "clinician",
     "assistant", "assistante", "soignant", "soignante", "intervenant", "enseignant", "commercant"]
)  # fmt: skip
# Sentences about what the employer gives (benefits, terms, training offered) ask nothing of the
# candidate, even outside a "Benefits" heading.
_BENEFIT_CUE = re.compile(
    r"\b(?:we offer|we can offer|in return|benefits?|avantages?|nous (?:vous )?(?:offrons|proposons)|"
    r"vous offre|vous propose|what we offer|on vous offre|on vous propose|"
    r"vous beneficierez|you will (?:get|benefit)|you will receive (?:a|an|full|free|training|support|access|regular|\d)|access to|acces a|pension scheme|annual leave|"
    r"conges payes|mutuelle|tickets? restaurants?|terms and conditions|conditions of service|"
    r"subject to|sous reserve|will be provided|will be given|sera dispensee?|est prevue?|"
    r"opportunit(?:y|ies) for|opportunites? de|possibilites? d'evolution|career (?:development|pathways?)|"
    r"discounts?|salary sacrifice|lease car|childcare vouchers|cycle to work)\b"
)
# Job-board field lines ("Lieu : Lyon", "Contrat : CDI", "Expérience : Débutant accepté",
# "Employer: ...", "Employment type: full time"): the offer's metadata, never a requirement. The
# fields that state one ("Formation :", "Permis :", "Langues :", "Niveau d'études :") stay.
_FIELD_LINE = re.compile(
    r"^[ \t]*(?:entreprise|employeur|employer|lieu(?: de travail)?|location|localisation|contrat|"
    r"type de contrat|contract(?: type)?|employment type|experience|duree(?: du contrat)?|horaires?|"
    r"temps de travail|salaire|salary|remuneration|date de (?:debut|prise de poste)|start date|"
    r"closing date|date limite|reference|secteur(?: d'activite)?|industry|metier|niveau d'experience|"
    r"qualification|deplacements?|poste a pourvoir|nombre de postes?)[ \t]*:[^\n]*$",
    re.MULTILINE,
)
_QUALIFIED_CUE = re.compile(
    r"\b(?:experiences?|experienced|qualified|qualification|diplome\w*|registered|registration|"
    r"titulaire|certifie\w*|certified|en tant que|as an?|background|formation|degree|licence|license)\b"
)


@dataclass(frozen=True, slots=True)
class Keyword:
    """One offer keyword. ``term`` is how the offer writes it; ``canonical`` is the lexicon skill
    (empty for an offer-specific phrase); ``weight`` is 0..1, the most important keyword being 1;
    ``required`` is False when the offer marks it optional ("un plus", "nice to have")."""

    term: str
    category: str  # a lexicon category, or "phrase"
    weight: float
    canonical: str = ""
    required: bool = True


def _strip_fields(text: str) -> str:
    """The text with its job-board field lines blanked (line count kept)."""
    if ":" not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if ":" in line[:40] and _FIELD_LINE.match(_fold_head(line)):
            lines[i] = ""
    return "\n".join(lines)


def _fold_head(line: str) -> str:
    """The line up to its first colon normalised (no accents, lower case), the rest kept as is."""
    head, sep, rest = line.partition(":")
    return normalise(head) + sep + rest


def _title_and_body(text: str) -> tuple[str, str]:
    """The first non-empty line, when short enough to be a title, and the rest."""
    lines = text.strip().splitlines()
    if lines and len(lines[0]) <= 120 and len(lines) > 1:
        return lines[0], "\n".join(lines[1:])
    return "", text


def _is_adjective(surface: str, skill: Skill) -> bool:
    """A one-word soft skill written as an adjective ("bienveillante", "innovants", "rigoureux")."""
    toks = [t for t in tokenize(surface) if not t.stop]
    if len(toks) != 1 or skill.category != "soft":
        return False
    norm = toks[0].norm
    if norm == normalise(skill.canonical):
        return False
    return not norm.endswith(_NOUN_SUFFIXES)


def _describes_other_noun(text: str, start: int, end: int) -> bool:
    """Is the adjective at ``text[start:end]`` attached to a company/team noun ("équipe
    bienveillante", "innovative organisation") rather than to the candidate?"""
    # Up to two words back within the clause ("une plateforme logistique moderne et dynamique"),
    # the next word after it ("an innovative organisation").
    head = re.split(r"[,.;:!?()\n]", text[max(0, start - 60) : start])[-1]
    before = [t.norm for t in tokenize(head) if not t.stop][-2:]
    after = [t.norm for t in tokenize(text[end : end + 40])[:2] if not t.stop][:1]
    return any(w in _NOT_CANDIDATE_NOUNS for w in before + after)


# "en préservant *leur* autonomie", "assurant *leur* fiabilité": a quality
# of someone or something else (residents, data), not asked of the candidate. ("their", "his/her"
# initiative is the post holder's in English offers.)
_OTHERS_POSSESSIVES = frozenset(["leur", "leurs", "son", "sa", "ses", "its"])


def _belongs_to_others(text: str, start: int) -> bool:
    """Is the soft-skill noun at ``start`` owned by someone else ("leur autonomie")?"""
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].casefold() in _OTHERS_POSSESSIVES


# "to support a high standard of patient care", "in delivering exceptional patient care", "une
# prise en charge de qualité": the employer's mission statement when no candidate is in the sentence.
_PRAISE_BEFORE = re.compile(
    r"(?:high[- ]quality|excellent|exceptional|outstanding|first[- ]class|world[- ]class|the best|"
    r"integrated|high standards? of|safe(?: and effective)?|de qualite|d'excellence)\s*$"
)


def _is_person(surface: str, skill: Skill, in_title: bool = False) -> bool:
    """A job title or a colleague ("Accountant", "chef de chantier") rather than the skill itself.
    In the offer's title even a skill named after a person ("Medical secretary") is the job."""
    if skill.category in ("soft", "language", "tool"):
        return False
    toks = [t for t in tokenize(surface) if not t.stop]
    if not toks or (not in_title and {t.stem for t in toks} == set(term_key(skill.canonical))):
        return False
    first, last = toks[0].stem, toks[-1].stem
    return (
        any(t.norm in _PERSON_WORDS for t in toks)  # "chargé", not "cahier des charges"
        or (len(first) > 4 and first.endswith(_PERSON_SUFFIXES_FR) and first not in _THINGS)
        or (len(last) > 4 and last.endswith(_PERSON_SUFFIXES_EN) and last not in _THINGS)
    )


# Nouns of things that end like agent nouns ("réunions de chantier", "cahier des charges", "suivi
# des dossiers", "staff rosters", "printer support"): no people.
_THINGS = frozenset(
    ["cahier", "dossier", "chantier", "atelier", "fichier", "papier", "metier", "courrier", "calendrier",
     "clavier", "escalier", "acier", "panier", "quartier", "planning", "roster", "computer", "printer",
     "server", "container", "register", "paper", "water", "order", "folder", "filter", "router",
     "scanner", "trailer", "timber", "tender", "ledger", "letter", "number", "power", "matter", "career",
     "cluster", "compiler", "docker", "kubernetes", "powerpoint", "parameter", "meter", "boiler",
     "generator", "motor", "sensor", "processor", "elevator", "escalator", "monitor", "radiator",
     "reactor", "tractor", "vector", "sector", "factor", "floor", "door", "interior", "exterior",
     "behaviour", "behavior", "colour", "color", "labour", "labor", "error", "mirror", "indicator",
     "emballer", "depanner", "nettoyer", "encaisser", "livrer", "diagnostiquer", "planifier"]
)  # fmt: skip


# "Patient Transport Service", "Adult Mental Health Services", "the IT Department": the name of a
# service of the employer, not a skill asked of the candidate.
_UNIT_AFTER = re.compile(
    r"^\W{0,3}(?:services?|department|departments|directorate|division|unit|units|wards?|"
    r"programmes?|centres?|centers?|clinics?|teams?)\b",
    re.IGNORECASE,
)


def _names_a_unit(text: str, start: int, end: int) -> bool:
    """Is the hit at ``text[start:end]`` the name of a service ("Mental Health Services")?
    Capitalised names only: "customer service team" stays a skill."""
    surface = text[start:end]
    words = [w for w in surface.split() if w[:1].isalpha()]
    return (
        bool(words) and all(w[:1].isupper() for w in words) and bool(_UNIT_AFTER.match(text[end : end + 16]))
    )


def _noun_form(skill: Skill, french: bool) -> str:
    """How to show a soft skill the offer wrote as an adjective: its first noun alias in the
    offer's language ("Rigueur" for "rigoureux"), else its canonical name."""
    if not french:
        return skill.canonical
    for alias in skill.aliases:
        words = alias.split()
        norm = normalise(alias)
        if len(words) == 1 and norm.endswith(_NOUN_SUFFIXES) and norm != normalise(skill.canonical):
            return alias[0].upper() + alias[1:]
    return skill.canonical


@dataclass
class _Found:
    score: float = 0.0
    surface: str = ""
    level: Level | None = None
    adjective: bool = False
    shown_weight: float = 0.0


_LIST_ITEM = re.compile(r"^\s*(?:[-\u2022\u00b7*\u2013\u2014\u25aa\u25cf]|\d+[.)])\s*")


def _benefit_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the list items under a benefits line ("we offer the following benefits:-",
    "Nos avantages :"): they ask nothing of the candidate, whatever the lexicon finds in them."""
    spans: list[tuple[int, int]] = []
    inside = False
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        # The list goes on while its items are bulleted or short lines ("NHS Pension",
        # "A flexible working pattern to suit you"); a long paragraph ends it.
        if (
            inside
            and stripped
            and not _LIST_ITEM.match(line)
            and stripped not in "-\u2022*"
            and (len(stripped.split()) > 12 or stripped.endswith((".", ":")))
        ):
            inside = False
        if inside and stripped:
            spans.append((pos, end))
        elif (
            stripped.endswith((":", ":-", "-"))
            and len(stripped.split()) <= 25
            and _BENEFIT_CUE.search(normalise(stripped))
        ):
            inside = True
        pos = end + 1
    return spans


def _skill_allowed(
    skill: Skill, block: Block, sentence: str, hr_job: bool, adjective: bool, person: bool, before: str = ""
) -> bool:
    """The rules a lexicon hit must pass to be a keyword (beyond the lexicon's own). ``before`` is
    the normalised text just before the hit."""
    if skill.canonical in HR_PROCESS_SKILLS and not hr_job:
        return False
    if block.key != "title" and _BENEFIT_CUE.search(sentence):
        return False
    if person:
        return block.key != "title" and bool(_QUALIFIED_CUE.search(sentence))
    if skill.category == "domain":
        # The employer's sector is no requirement; experience of a sector can be.
        # The cue must lead to the sector ("expérience dans le BTP", "experience of the public
        # sector"), not merely share its sentence ("join the IT Department").
        return block.key == "skills" or bool(_EXPERIENCE_CUE.search(before))
    if adjective:
        # "Vous êtes rigoureux" describes the candidate; "une équipe bienveillante" the employer.
        return block.key in ("profile", "skills") or bool(_CANDIDATE_CUE.search(sentence))
    return True


def offer_keywords(text: str, limit: int = 25, *, company: str = "") -> list[Keyword]:
    """The offer's ``limit`` most important keywords, most important first.

    ``company`` is the employer's name when known (an offer's own field); names the offer gives
    itself ("Acme recrute", "Acme SAS") and the header's company are found without it.
    """
    lex = load_lexicon()
    text = _strip_fields(strip_chrome(text))
    if not text.strip():
        return []
    title, body = _title_and_body(text)
    # ``Offer.full_text()`` writes "title — company — place — contract" on the first line: the
    # parts after the title name the employer and the place, never a requirement.
    first = text.strip().split("\n", 1)[0]
    header = [p.strip() for p in first.split(" \u2014 ")] if " \u2014 " in first else []
    if header:
        title, body = header[0], text.strip().split("\n", 1)[1] if "\n" in text.strip() else ""
    # Without that header, the offer's own fields say who the employer is (slower: only then).
    fields = {"title": title, "company": ""} if header else guess_offer_fields(text)
    job_title = title if header else (fields["title"] or title)
    blocks = ([Block("title", "", job_title)] if title else []) + iter_blocks(body)
    hr_job = bool(_HR_TITLE.search(normalise(job_title)))
    found: dict[int, _Found] = defaultdict(_Found)
    phrase_count: dict[tuple[str, ...], int] = defaultdict(int)
    phrase_display: dict[tuple[str, ...], str] = {}
    for block in blocks:
        if not block.text or (block.key in SKIPPED_SECTIONS and block.key != "benefits"):
            continue
        profile_only = block.key == "benefits"
        section_weight = SECTION_WEIGHT.get(block.key, 0.8)
        tokens = tokenize(block.text)
        hits = match_skills(block.text, tokens, lex)
        reader = RequirementReader(block.text, block.heading)
        benefits = _benefit_spans(block.text)
        per_skill: dict[int, int] = defaultdict(int)
        for hit in hits:
            if any(a <= hit.start < b for a, b in benefits):
                continue
            if profile_only:
                sentence = reader.sentence(hit.start)
                if not _PROFILE_SENTENCE.search(sentence) or _BENEFIT_CUE.search(sentence):
                    continue
            skill = lex.skills[hit.skill]
            surface = block.text[hit.start : hit.end]
            adjective = _is_adjective(surface, skill) and not _describes_other_noun(
                block.text, hit.start, hit.end
            )
            if _is_adjective(surface, skill) and not adjective:
                continue  # "une équipe bienveillante": the employer's self-portrait
            if skill.category == "soft" and _belongs_to_others(block.text, hit.start):
                continue
            if (
                skill.category == "hard"
                and _PRAISE_BEFORE.search(normalise(block.text[max(0, hit.start - 30) : hit.start]))
                and not _CANDIDATE_CUE.search(reader.sentence(hit.start))
            ):
                continue
            if skill.category not in ("tool", "language") and _names_a_unit(block.text, hit.start, hit.end):
                continue
            person = _is_person(surface, skill, block.key == "title")
            before = (
                normalise(block.text[max(0, hit.start - 70) : hit.start])
                if skill.category == "domain"
                else ""
            )
            if not _skill_allowed(
                skill, block, reader.sentence(hit.start), hr_job, adjective, person, before
            ):
                continue
            per_skill[hit.skill] += 1
            entry = found[hit.skill]
            if section_weight > entry.shown_weight:  # shown as the most telling part writes it
                entry.surface, entry.adjective, entry.shown_weight = surface, adjective, section_weight
            level = reader.level(hit.start, hit.end)
            entry.level = level if entry.level is None else stronger(entry.level, level)
        for skill_idx, count in per_skill.items():
            # Repetition helps, with diminishing returns: 1 -> 1, 2 -> 1.5, 3+ -> 2.
            found[skill_idx].score += section_weight * min(1.0 + 0.5 * (count - 1), 2.0)
        if block.key in ("profile", "skills"):
            for phrase in phrase_counts(block.text, tokens, hits, min_len=2):
                phrase_count[phrase.key] += phrase.count
                phrase_display.setdefault(phrase.key, phrase.display)
    names = company_keys(text, company or fields["company"])
    # The header's second part is the employer; the place and the contract after it are no names
    # ("IT - Helpdesk Support, Leamington Spa" must not hide "IT support").
    for part in header[1:2]:
        names |= company_keys("", part)
    # The place and contract parts still rule out offer-specific phrases ("Sables d'Olonne").
    header_words = set(names)
    for part in header[2:]:
        header_words |= company_keys("", part)
    french = any(e.adjective for e in found.values()) and detect_language(text) == "fr"
    weighted: list[tuple[float, Keyword]] = []
    for skill_idx, entry in found.items():
        if not entry.score:
            continue
        skill = lex.skills[skill_idx]
        term = _noun_form(skill, french) if entry.adjective else _display(entry.surface, skill.canonical)
        if _is_noise(term, names) or _is_noise(skill.canonical, names):
            continue
        value = entry.score * CATEGORY_WEIGHT.get(skill.category, 0.6)
        required = entry.level.required if entry.level else True
        weighted.append((value, Keyword(term, skill.category, value, skill.canonical, required)))
    weighted.extend(_phrases(phrase_count, phrase_display, header_words, limit))
    weighted.sort(key=lambda kv: -kv[0])
    top = weighted[:limit]
    best = top[0][0] if top else 1.0
    return [
        Keyword(kw.term, kw.category, round(value / best, 3), kw.canonical, kw.required) for value, kw in top
    ]


def _is_noise(term: str, names: set[tuple[str, ...]]) -> bool:
    """The employer's name or a place: never a keyword."""
    return names_company(term, names) or mentions_place(term)


def _phrases(
    counts: dict[tuple[str, ...], int],
    display: dict[tuple[str, ...], str],
    names: set[tuple[str, ...]],
    limit: int,
) -> list[tuple[float, Keyword]]:
    """Offer-specific phrases: repeated, multi-word, outside the lexicon; never more than a fifth."""
    repeated = sorted(
        ((count, key) for key, count in counts.items() if count >= 2),
        key=lambda ck: (-ck[0], -len(ck[1]), display[ck[1]]),
    )
    chosen: list[tuple[str, ...]] = []
    out: list[tuple[float, Keyword]] = []
    for count, key in repeated:
        if len(chosen) >= max(2, limit // 5):
            break
        if any(set(key) <= set(c) or set(c) <= set(key) for c in chosen):
            continue
        shown = display[key]
        words = [w for w in shown.split() if len(w) > 3]
        if words and all(w[:1].isupper() for w in words):
            continue  # "Acme Distribution": a name (employer, product), not a requirement
        if _is_noise(shown, names) or any(names_company(w, names) for w in shown.split()):
            continue
        chosen.append(key)
        value = CATEGORY_WEIGHT["phrase"] * min(1.0 + 0.5 * (count - 1), 2.5)
        out.append((value, Keyword(shown, "phrase", value, "", True)))
    return out


def _display(surface: str, canonical: str) -> str:
    """How to show a keyword: the offer's own spelling, unless it is an all-lowercase or
    all-uppercase variant of the canonical name ("python" -> "Python")."""
    clean = " ".join(surface.split())
    if clean.casefold() == canonical.casefold():
        return canonical
    if clean.islower() and len(clean) > 3:
        return clean[0].upper() + clean[1:]
    return clean


# A degree covers the lower ones an offer may ask for: a Master's satisfies "Bac+5" and "Bac+3".
_DEGREE_LADDER: tuple[tuple[str, ...], ...] = (
    ("PhD",),
    ("Bac+5", "Master's degree", "Engineering degree", "Business school degree", "MBA"),
    ("Bac+4",),
    ("Bac+3", "Bachelor's degree"),
    ("Bac+2", "BTS", "DUT/BUT"),
    ("Baccalauréat",),
)
_GENERIC_LEVELS = frozenset({"Bac+5", "Bac+4", "Bac+3", "Bac+2", "Baccalauréat"})
_SATISFIED_BY: dict[str, tuple[str, ...]] = {}
for _rank, _level in enumerate(_DEGREE_LADDER):
    for _name in _level:
        # "Bac+5" is met by any degree of that level or above; a named degree ("Engineering degree")
        # only by itself or a higher level.
        _upto = _rank + 1 if _name in _GENERIC_LEVELS else _rank
        _SATISFIED_BY[_name.casefold()] = tuple(n for lvl in _DEGREE_LADDER[:_upto] for n in lvl)


def keyword_covered(keyword: Keyword, index: TextIndex) -> bool:
    """Is one keyword present in the indexed CV (through its skill, a higher degree, or its words)?"""
    if keyword.canonical:
        if index.has_skill(keyword.canonical):
            return True
        higher = _SATISFIED_BY.get(keyword.canonical.casefold(), ())
        if any(index.has_skill(name) for name in higher):
            return True
    return mentions(keyword.term, index)


def coverage(keywords: list[Keyword], cv: str | TextIndex) -> KeywordCoverage:
    """Which keywords the CV has and misses; coverage is the weighted fraction covered (0..1),
    a must-have counting ``REQUIRED_WEIGHT`` times its weight.

    Pass a :class:`TextIndex` (``index_text(cv_text)``) when checking many offers against one CV.
    """
    index = as_index(cv)
    matched: list[str] = []
    missing: list[str] = []
    required: list[str] = []
    missing_required: list[str] = []
    total = got = 0.0
    for kw in keywords:
        is_required = getattr(kw, "required", True)
        weight = kw.weight * (REQUIRED_WEIGHT if is_required else 1.0)
        total += weight
        if is_required:
            required.append(kw.term)
        if keyword_covered(kw, index):
            matched.append(kw.term)
            got += weight
        else:
            missing.append(kw.term)
            if is_required:
                missing_required.append(kw.term)
    return KeywordCoverage(
        matched=matched,
        missing=missing,
        coverage=round(got / total, 4) if total else 0.0,
        required=required,
        missing_required=missing_required,
    )

"""What is never an ATS keyword, whatever the lexicon says: the employer, places, site chrome.

An offer copied from a job board carries words a recruiter would never list as requirements: the
employer's name ("UNIKALO recrute"), its legal form ("Acme SAS"), where the job is ("Lyon",
"Hauts-de-France", "Greater London"), and the page around the offer (cookie banners, "CGU",
"Mentions légales", "Accessibilité", "Postuler"). This module finds them so that
:mod:`jobapp.extraction.keywords` can drop them: the site's lines before any matching, the names and
places from the keyword list.
"""

from __future__ import annotations

import re
from functools import cache

from jobapp.extraction.lexicon import DATA_DIR, load_lexicon
from jobapp.extraction.normalise import normalise, term_key, tokenize

# Lines of a job board's page (navigation, footer, cookie banner, apply buttons), normalised.
_CHROME = re.compile(
    r"\b(?:cookies?|traceurs|cgu|cgv|conditions generales(?: d'utilisation| de vente)?|mentions legales|"
    r"politique de (?:confidentialite|cookies|protection des donnees)|donnees personnelles|rgpd|gdpr|"
    r"privacy(?: policy| notice| statement)?|terms (?:of use|of service|and conditions)|cookie policy|"
    r"accessibilite(?: ?: ?(?:non|partiellement|totalement) conforme)?|accessibility statement|plan du site|"
    r"sitemap|tous droits reserves|all rights reserved|copyright|se connecter|connexion|sign in|log in|"
    r"creer (?:un|mon) compte|create (?:an )?account|postuler|je postule|candidater|apply now|"
    r"apply for this job|easy apply|partager(?: cette offre| l'offre)?|share this job|signaler(?: cette offre| l'offre)?|"
    r"report this job|alertes? (?:e-?mail|emploi)|job alerts?|offres similaires|similar jobs|voir (?:plus|toutes)|"
    r"see (?:more|all)|retour aux (?:offres|resultats)|back to (?:jobs|results|search)|sauvegarder|"
    r"save job|telecharger l'application|download the app|suivez-nous|follow us|newsletter|nous contacter|"
    r"contact us|centre d'aide|aide en ligne|besoin d'aide|help cent(?:er|re)|faq|recrutement responsable|publiee? (?:il y a|le)|posted \d+|"
    r"reference de l'offre|job id|ref(?:erence)? ?:)\b"
)
_COPYRIGHT = re.compile(r"[\u00a9]|\(c\)\s*\d{4}")

# Legal forms: the words before them are a company name ("Peintures Dupont SAS", "Globex GmbH").
_LEGAL_FORM = re.compile(
    r"((?:[A-Z0-9\u00c0-\u00dd][\w&'\u00c0-\u00ff.-]*\s+){1,4})"
    r"(?:SAS|SASU|SARL|EURL|SA|SNC|SCOP|SCIC|SCI|SELARL|GIE|Inc\.?|Ltd\.?|Limited|LLC|LLP|PLC|plc|"
    r"GmbH|AG|KG|BV|B\.V\.|NV|N\.V\.|S\.A\.|S\.p\.A\.|SpA|Pty|Corp\.?|Corporation|Co\.)(?=\W|$)"
)
# "Acme recrute", "Rejoignez Acme", "Join Acme", "At Acme, we...", "chez Acme": the employer.
_NAME_CUES = re.compile(
    r"(?:\b(?i:chez|rejoignez|rejoindre|join|at|about|le groupe|la soci[eé]t[eé]|l'entreprise|the company)\s+)"
    r"([A-Z0-9\u00c0-\u00dd][\w&'\u00c0-\u00ff-]*(?:\s+[A-Z0-9\u00c0-\u00dd][\w&'\u00c0-\u00ff-]*){0,3})"
    r"|([A-Z0-9\u00c0-\u00dd][\w&'\u00c0-\u00ff-]*(?:\s+[A-Z0-9\u00c0-\u00dd][\w&'\u00c0-\u00ff-]*){0,3})"
    r"\s+(?:recrute|recherche|is hiring|is looking|are hiring|"
    r"(?:est|is) (?:un|une|a|an|le|la|the)\s+(?!(?:vrai |real |big |gros )?(?:plus|atout|avantage|bonus|asset|must)\b))"
)
_NOT_NAMES = frozenset(
    {"nous", "vous", "we", "you", "our", "notre", "votre", "le", "la", "les", "the", "this", "ce", "cette",
     "il", "elle", "on", "they", "it", "un", "une", "a", "an"}
)  # fmt: skip


def is_chrome_line(line: str) -> bool:
    """A line of the job board's page rather than of the offer ("Mentions légales", "Postuler")."""
    norm = normalise(line)
    if not norm:
        return False
    if norm in ("aide", "help"):  # a menu entry; "Aide à la toilette" is a task
        return True
    words = norm.split()
    if _COPYRIGHT.search(line) and len(words) <= 20:
        return True
    hits = len(_CHROME.findall(norm))
    if not hits:
        return False
    # A short line naming site chrome is chrome; a long sentence needs several such words.
    return len(words) <= 8 or hits >= 3 or (hits >= 2 and len(words) <= 25)


def strip_chrome(text: str) -> str:
    """The text without the job board's lines (kept as blank lines, so line numbers hold)."""
    return "\n".join("" if is_chrome_line(line) else line for line in text.splitlines())


@cache
def _places() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """(multi-word place keys, single-word place names), normalised; loaded once."""
    multi: set[tuple[str, ...]] = set()
    single: set[str] = set()
    for line in (DATA_DIR / "places.txt").read_text(encoding="utf-8").splitlines():
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        words = [t.norm for t in tokenize(name) if not t.stop or len(tokenize(name)) == 1]
        if len(words) == 1:
            single.add(words[0])
        elif words:
            multi.add(tuple(words))
    return frozenset(multi), frozenset(single)


def mentions_place(term: str) -> bool:
    """Does a keyword name a place? Multi-word places anywhere in it ("Île-de-France", "New York");
    one-word places when written with a capital ("Lyon", "Tours"), or when they are the whole term."""
    multi, single = _places()
    toks = tokenize(term)
    content = [t for t in toks if not t.stop]
    norms = [t.norm for t in content]
    for size in range(min(4, len(norms)), 1, -1):
        for i in range(len(norms) - size + 1):
            if tuple(norms[i : i + size]) in multi:
                return True
    if len(toks) == 1 and content and content[0].norm in single:
        return True
    return any(t.raw[:1].isupper() and t.norm in single and len(t.norm) > 2 for t in content)


def company_keys(text: str, company: str = "") -> set[tuple[str, ...]]:
    """Word keys (``term_key``) of the employer's names: the given company, names before a legal
    form, and names the offer introduces itself with ("Acme recrute", "Rejoignez Acme")."""
    names = {company} if company.strip() else set()
    for m in _LEGAL_FORM.finditer(text):
        names.add(m.group(1))
    for m in _NAME_CUES.finditer(text):
        name = (m.group(1) or m.group(2) or "").strip()
        if name and name.split()[0].casefold() not in _NOT_NAMES:
            names.add(name)
    lex = load_lexicon()
    keys: set[tuple[str, ...]] = set()
    for name in names:
        key = term_key(name)
        if not key or lex.skill_for_term(name) is not None:
            continue  # "Excel est un plus", "Python is a must": a skill, not the employer
        keys.add(key)
        # "Dupont Peintures Industrie": each distinctive word too, unless it names a skill.
        for tok in tokenize(name):
            if (
                tok.raw[:1].isupper()
                and len(tok.norm) > 2
                and not tok.stop
                and lex.skill_for_term(tok.raw) is None
            ):
                keys.add((tok.stem,))
    return keys


def names_company(term: str, keys: set[tuple[str, ...]]) -> bool:
    """Does a keyword name the employer (its words are all words of one of its names)?"""
    key = term_key(term)
    if not key or not keys:
        return False
    return any(set(key) <= set(k) for k in keys if len(k) > 1) or key in keys

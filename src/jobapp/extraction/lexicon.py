"""The curated FR/EN skills lexicon (``data/skills.tsv``), loaded once and compiled for matching.

File format, one skill per line, tab-separated: ``canonical  category  aliases`` where aliases are
separated by ``|``. The canonical name is an alias too. Alias prefixes handle ambiguous words:

- ``=Excel``  case-sensitive: matches "Excel", not "excel in a team";
- ``~R``      case-sensitive *and* needs context: "Python, R, SQL" yes, "permis B, C" no;
- ``?word``   case-insensitive but needs context;
- ``+word``   case-insensitive and never needs context (for one-word languages such as "bilingue").

Languages ("anglais", "German") always need context when written as one word ("un groupe
allemand" is not a skill; "allemand courant" is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jobapp.extraction.normalise import term_key, term_tokens, tokenize

CATEGORIES = ("hard", "tool", "soft", "language", "qualification", "domain")
# "ignore" entries consume words that would otherwise be misread ("reporting to" is not the skill
# "Reporting"); they are never reported.
IGNORE = "ignore"
DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Skill:
    canonical: str
    category: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Alias:
    skill: int  # index into Lexicon.skills
    text: str
    tokens: tuple[str, ...]  # stems (plain) or raw words (case-sensitive)
    case_sensitive: bool
    needs_context: bool


@dataclass
class Lexicon:
    skills: list[Skill] = field(default_factory=list)
    plain_first: dict[str, list[Alias]] = field(default_factory=dict)  # first stem -> longest first
    exact_first: dict[str, list[Alias]] = field(default_factory=dict)  # first raw word -> longest first
    literal_first: dict[str, list[Alias]] = field(
        default_factory=dict
    )  # first normalised word (ignore entries)
    by_key: dict[tuple[str, ...], int] = field(default_factory=dict)  # term_key(alias) -> skill
    by_name: dict[str, int] = field(default_factory=dict)  # casefolded canonical -> skill
    ignore_skills: frozenset[int] = frozenset()
    # Word trie of the plain aliases: stem -> child node; the key "" holds the alias ending there.
    plain_trie: dict[str, Any] = field(default_factory=dict)

    def skill_for_term(self, term: str) -> Skill | None:
        """The skill a whole term names ("Gestion de projets", "project management", "ML"), if any."""
        idx = self.by_name.get(term.strip().casefold())
        if idx is None:
            key = term_key(term)
            idx = self.by_key.get(key) if key else None
        return self.skills[idx] if idx is not None else None


def _parse_alias(skill_idx: int, text: str, category: str) -> Alias | None:
    marker = text[:1]
    body = text[1:].strip() if marker in "=~?+" else text.strip()
    if not body:
        return None
    case_sensitive = marker in "=~"
    if category == IGNORE:  # literal: every word counts, stopwords included ("reporting *to*")
        tokens = tuple(t.norm for t in tokenize(body))
    elif case_sensitive:
        tokens = tuple(t.raw for t in tokenize(body))
    else:
        tokens = term_tokens(body)
    if not tokens:
        return None
    needs_context = marker in "~?" or (category == "language" and len(tokens) == 1 and marker != "+")
    return Alias(skill_idx, body, tokens, case_sensitive, needs_context)


def parse_lexicon(lines: list[str]) -> Lexicon:
    """Build a Lexicon from TSV lines (see module doc). Later duplicates of a key are ignored."""
    lex = Lexicon()
    for lineno, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[1].strip() not in (*CATEGORIES, IGNORE):
            raise ValueError(f"skills lexicon line {lineno}: expected 'canonical<TAB>category<TAB>aliases'")
        canonical, category = parts[0].strip(), parts[1].strip()
        raw_aliases = [a.strip() for a in (parts[2].split("|") if len(parts) > 2 else []) if a.strip()]
        bodies = {a[1:].casefold() for a in raw_aliases if a[:1] in "=~?+"}
        if canonical.casefold() not in bodies:
            raw_aliases.insert(0, canonical)
        idx = len(lex.skills)
        lex.skills.append(
            Skill(canonical, category, tuple(a[1:] if a[:1] in "=~?+" else a for a in raw_aliases))
        )
        if category != IGNORE:
            lex.by_name.setdefault(canonical.casefold(), idx)
        for raw in raw_aliases:
            alias = _parse_alias(idx, raw, category)
            if alias is None:
                continue
            if category != IGNORE:
                lex.by_key.setdefault(term_key(alias.text), idx)
            if category == IGNORE:
                table = lex.literal_first
            else:
                table = lex.exact_first if alias.case_sensitive else lex.plain_first
            table.setdefault(alias.tokens[0], []).append(alias)
    lex.ignore_skills = frozenset(i for i, sk in enumerate(lex.skills) if sk.category == IGNORE)
    for aliases in lex.plain_first.values():
        for alias in aliases:
            node = lex.plain_trie
            for word in alias.tokens:
                node = node.setdefault(word, {})
            node.setdefault("", alias)  # first alias wins when two spell the same words
    for table in (lex.plain_first, lex.exact_first, lex.literal_first):
        for aliases in table.values():
            aliases.sort(key=lambda a: -len(a.tokens))
    return lex


@cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon (every ``data/skills*.tsv`` file), parsed once per process."""
    lines: list[str] = []
    for path in sorted(DATA_DIR.glob("skills*.tsv")):
        lines.extend(path.read_text(encoding="utf-8").splitlines())
    return parse_lexicon(lines)

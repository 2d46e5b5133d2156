from __future__ import annotations

import time

import pytest

from jobapp.extraction import find_skills, key_phrases
from jobapp.extraction.lexicon import CATEGORIES, load_lexicon
from jobapp.extraction.stopwords import STOPWORDS


def canon(text: str) -> set[str]:
    return {h.canonical for h in find_skills(text)}


def test_lexicon_is_large_and_well_formed() -> None:
    lex = load_lexicon()
    real = [s for s in lex.skills if s.category in CATEGORIES]
    assert len(real) >= 600
    names = [s.canonical.casefold() for s in real]
    assert len(names) == len(set(names)), "duplicate canonical names"
    for cat in CATEGORIES:
        assert any(s.category == cat for s in real), cat


def test_no_alias_belongs_to_two_skills() -> None:
    lex = load_lexicon()
    for table in (lex.plain_first, lex.exact_first):
        owners: dict[tuple[str, ...], set[int]] = {}
        for aliases in table.values():
            for alias in aliases:
                owners.setdefault(alias.tokens, set()).add(alias.skill)
        clashes = {k: v for k, v in owners.items() if len(v) > 1}
        assert not clashes, clashes


def test_no_case_sensitive_alias_is_a_stopword() -> None:
    lex = load_lexicon()
    allowed = {"ai", "si", "it"}  # kept on purpose: upper-case "AI", "SI", "IT" are acronyms
    bad = [
        a.text
        for aliases in lex.exact_first.values()
        for a in aliases
        if len(a.tokens) == 1 and a.tokens[0].casefold() in STOPWORDS - allowed
    ]
    assert not bad


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maîtrise de PYTHON et de sql", {"Python", "SQL"}),
        ("Gestion des projets transverses", {"Project management"}),
        ("Project Management Office", {"Project management"}),
        ("apprentissage automatique et NLP", {"Machine learning", "NLP"}),
        ("Tableaux de bord sous Power BI", {"Dashboards", "Power BI"}),
        ("Relation client exigeante", {"Customer relationship"}),
        ("Permis B exigé", {"Driving licence"}),
        ("CACES R489 catégorie 3", {"CACES"}),
        ("Habilitation électrique B1V", {"Electrical clearance"}),
        ("Diplôme d'État infirmier", {"Nursing diploma"}),
        ("HACCP et hygiène alimentaire", {"Food safety"}),
        ("Développement en C++ et C#", {"C++", "C#"}),
        ("API REST en Node.js", {"REST API", "Node.js"}),
        ("e-commerce et R&D", {"E-commerce", "Research and development"}),
        ("comptabilité générale et rapprochements bancaires", {"Accounting", "Bank reconciliation"}),
    ],
)
def test_find_skills_fr_en_aliases(text: str, expected: set[str]) -> None:
    assert expected <= canon(text)


def test_cross_language_aliases_share_a_canonical() -> None:
    assert canon("gestion de projet") == canon("project management") == {"Project management"}
    assert canon("anglais courant") == canon("fluent English") == {"English"}


@pytest.mark.parametrize(
    "text",
    [
        "Permis B, C exigé pour ce poste de chauffeur.",
        "Riche en vitamine C.",
        "R. Dupont, directeur",
        "Go to the next step with us.",
        "Un point de vue original sur le tableau de bord.",
        "You will excel in a fast-paced team.",
        "Notre groupe allemand recrute.",
        "Reporting to the CTO.",
        "Sage-femme en maternité.",
    ],
)
def test_ambiguous_short_skills_do_not_over_match(text: str) -> None:
    found = canon(text)
    assert not found & {"C", "R", "Go", "Vue.js", "Excel", "German", "Reporting", "Accounting software"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stack : Python, R, SQL", "R"),
        ("Vous codez en Java et Go.", "Go"),
        ("Langage C embarqué", "C"),
        ("Outils :\n- Python\n- R\n- Git", "R"),
        ("Allemand courant apprécié", "German"),
        ("Excel, Word et PowerPoint", "Excel"),
        ("Comptabilité sur Sage et Excel", "Accounting software"),
    ],
)
def test_ambiguous_short_skills_match_in_context(text: str, expected: str) -> None:
    assert expected in canon(text)


def test_skill_hits_count_and_keep_the_first_surface() -> None:
    hits = {h.canonical: h for h in find_skills("python, Python et PYTHON ; SQL")}
    assert hits["Python"].count == 3
    assert hits["Python"].surface == "python"
    assert hits["Python"].category == "hard"


def test_key_phrases_finds_repeated_offer_specific_terms() -> None:
    text = (
        "Vous pilotez la flotte de bouées marines en Python. Vous assurez la maintenance de la flotte "
        "de bouées et rédigez les rapports de plongée. Les rapports de plongée sont relus en SQL."
    )
    phrases = [p.casefold() for p in key_phrases(text, n=5)]
    assert "flotte de bouées" in phrases
    assert "rapports de plongée" in phrases
    assert not {"python", "sql", "maintenance"} & set(phrases)  # lexicon skills are not key phrases


def test_find_skills_speed_is_printed(french_offer: str, english_offer: str) -> None:
    offers = [french_offer, english_offer] * 100
    start = time.perf_counter()
    for offer in offers:
        find_skills(offer)
    elapsed = time.perf_counter() - start
    words = sum(len(o.split()) for o in offers)
    print(f"find_skills: {len(offers)} offers, {words} words in {elapsed:.3f}s")

"""The per-field checks refuse what the issue saw small models produce, and keep what is right."""

from __future__ import annotations

import pytest

from jobapp.llm.field_checks import (
    EMPLOYER,
    NOT_A_CONTRACT,
    NOT_A_TITLE,
    NOT_IN_SOURCE,
    NUMBER,
    PLACEHOLDER,
    FieldAudit,
    junk_reason,
    reasons_for,
)

LUMIO = """Data Analyst (H/F) — Lumio Énergies — Lyon (69) — CDI

Lumio Énergies accompagne 300 000 foyers dans leur transition vers une électricité verte.
Missions :
- Concevoir les tableaux de bord Power BI et écrire des requêtes SQL
Profil : 2 ans d'expérience, rigueur et esprit d'équipe. 2 jours de télétravail par semaine.
"""

CV = """Data Analyst – Références
Expérience : Analyste de données chez Globex SAS (2019-2023), Python, SQL, Tableau.
Formation : Master Statistique, Université Lyon 2.
"""


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ("1.1.1.1", NUMBER),
        ("2023-01-01", NUMBER),
        ("12/03/2021", NUMBER),
        ("2019", NUMBER),
        ("Janvier 2020", NUMBER),
        ("1.2 Python", NUMBER),
        ("soft_skill", PLACEHOLDER),
        ("[SKILL]", PLACEHOLDER),
        ("Compétences", PLACEHOLDER),
        ("n/a", PLACEHOLDER),
        ("Python", ""),
        ("C++", ""),
        ("HTML5", ""),
        ("3D modelling", ""),
    ],
)
def test_junk_items(item, reason):
    assert junk_reason(item) == reason


def test_an_employer_name_is_never_a_skill():
    audit = FieldAudit(LUMIO, company="Lumio Énergies")
    assert audit.items("key_skills", ["Lumio Énergies", "Power BI", "SQL"], group="hard") == [
        "Power BI",
        "SQL",
    ]
    assert audit.item_reason("Lumio Énergies") == EMPLOYER
    assert audit.dropped["key_skills"] == ["Lumio Énergies"]
    assert "key_skills" not in audit.reasons  # some items survived: the field is the model's


def test_employer_found_from_legal_form_without_company_field():
    assert FieldAudit(CV).item_reason("Globex") == EMPLOYER


def test_a_field_with_no_surviving_item_is_refused_with_the_first_reason():
    audit = FieldAudit(CV)
    assert audit.items("sectors", ["1.1.1.1", "1.1.1.2", "Kubernetes"]) == []
    assert audit.reasons["sectors"] == NUMBER
    assert audit.items("hard_skills", ["Kubernetes", "Terraform"], group="hard") == []
    assert audit.reasons["hard_skills"] == NOT_IN_SOURCE


def test_items_are_grounded_with_accents_case_and_aliases():
    audit = FieldAudit(CV)
    assert audit.items("hard_skills", ["python", "sql", "TABLEAU"], group="hard") == [
        "python",
        "sql",
        "TABLEAU",
    ]
    assert audit.items("education", ["Master Statistique"]) == ["Master Statistique"]
    assert audit.items("education", ["Master MIAGE"]) == []


def test_a_skill_in_the_wrong_group_is_dropped():
    audit = FieldAudit(LUMIO)
    assert audit.items("soft_skills", ["SQL", "rigueur"], group="soft") == ["rigueur"]


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("Data Analyst", ""),
        ("2 jours de télétravail par semaine", NOT_A_TITLE),
        ("Demonstration of the Future", NOT_A_TITLE),
        ("Data Analyst – Références", NOT_A_TITLE),
        ("Data Scientist", NOT_IN_SOURCE),
        ("soft_skill", PLACEHOLDER),
    ],
)
def test_titles(title, reason):
    audit = FieldAudit(f"{LUMIO}\n{CV}")
    assert audit.title_reason(title) == reason


def test_contracts():
    audit = FieldAudit(LUMIO)
    assert audit.contract("contract", "CDI") == "CDI"
    assert audit.contract("contract", "c'est") == ""
    assert audit.reasons["contract"] == NOT_A_CONTRACT
    assert FieldAudit(LUMIO).contract_reason("Stage") == NOT_IN_SOURCE


def test_prose_must_be_the_sources_words_or_name_only_its_skills():
    audit = FieldAudit(LUMIO)
    assert audit.prose_reason("Concevoir les tableaux de bord Power BI", min_words=4) == ""
    assert (
        audit.prose_reason("Piloter une équipe Kubernetes en astreinte de nuit", min_words=4) == NOT_IN_SOURCE
    )
    assert audit.prose_reason("Trop court", min_words=4) != ""
    # an explanation rewords facts: only the skills it names must be in the source
    assert audit.prose_reason("Le candidat maîtrise déjà SQL et Power BI.", min_words=4, words=False) == ""
    assert (
        audit.prose_reason("Le candidat maîtrise déjà Kubernetes.", min_words=4, words=False) == NOT_IN_SOURCE
    )


def test_reasons_for_names_why_each_rule_field_was_used():
    audit = FieldAudit(LUMIO)
    audit.contract("contract", "c'est")
    provenance = {
        "profile": "llm",
        "contract": "extraction",
        "mission": "extraction",
        "seniority": "extraction",
    }
    reasons = reasons_for(provenance, audit, not_asked=frozenset({"seniority"}))
    assert reasons == {
        "contract": NOT_A_CONTRACT,
        "mission": "no usable answer",
        "seniority": "not asked (field policy)",
    }

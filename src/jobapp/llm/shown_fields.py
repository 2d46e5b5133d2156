"""Is every field a user will see supported by its source? One audit for tests and benchmarks.

Why a second look after the checks of :mod:`jobapp.llm.field_checks`: those judge the model's
answers; this judges the *shown* record, whichever made each field (model or rules), so a test
over real CVs and offers can assert "no shown field contains text absent from its source" and
``bench/llm_fields.py`` can count it per field and model. Rule-made prose that fills a template
("Profil, niveau senior. Compétences principales : SQL.") is judged on the facts it names (its
skills), not on the template's words.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from jobapp.llm.field_checks import NOT_A_CONTRACT, NOT_IN_SOURCE, FieldAudit

#: field -> how it is audited, per record type.
SUMMARY_FIELDS = {
    "profile": "title",
    "key_skills": "items",
    "soft_skills": "items",
    "mission": "prose",
    "contract": "contract",
}
PROFILE_FIELDS = {
    "title": "title",
    "summary": "written",
    "hard_skills": "items",
    "soft_skills": "items",
    "sectors": "items",
    "strengths": "items",
    "education": "items",
}
EXPLANATION_FIELDS = {"summary": "facts", "strengths": "items", "gaps": "items"}


def unsupported_fields(
    record: BaseModel, source: str, kinds: dict[str, str], *, company: str = ""
) -> dict[str, str]:
    """{field: problem} for every shown field not supported by ``source`` (empty: all supported).

    ``kinds`` is one of :data:`SUMMARY_FIELDS`, :data:`PROFILE_FIELDS`, :data:`EXPLANATION_FIELDS`.
    """
    from jobapp.extraction.seniority import detect_contract
    from jobapp.extraction.textindex import mentions_literally
    from jobapp.llm.summarise import contract_code

    audit = FieldAudit(source, company=company)
    provenance: dict[str, str] = getattr(record, "provenance", {}) or {}
    problems: dict[str, str] = {}
    for name, kind in kinds.items():
        value: Any = getattr(record, name, None)
        if not value:
            continue
        by_model = provenance.get(name) == "llm"
        problem = ""
        if kind == "items":
            bad = {v: audit.item_reason(v) for v in value}  # item_reason starts with junk_reason
            problem = "; ".join(f"{v}: {why}" for v, why in bad.items() if why)
        elif kind == "title":
            problem = (
                audit.title_reason(value)
                if by_model
                else ("" if mentions_literally(value, audit.index) else NOT_IN_SOURCE)
            )
        elif kind == "prose":
            problem = audit.prose_reason(value, min_words=1)
        elif kind == "facts":  # rewords given facts: only the skills it names must be in the source
            problem = audit.prose_reason(value, min_words=1, words=False)
        elif kind == "written":  # the model's own prose must be the source's words; a template, its facts
            problem = audit.prose_reason(value, min_words=1, words=by_model)
        elif kind == "contract":  # the model's must be a contract type; the rules' may copy the offer's field
            literal = mentions_literally(value, audit.index)
            code = detect_contract(value) or contract_code(value)  # "Temporary": our name of "interim"
            problem = (
                audit.contract_reason(value)
                if by_model
                else ("" if literal or (code and code == detect_contract(source)) else NOT_A_CONTRACT)
            )
        if problem:
            problems[name] = f"{problem} ({value!r})"
    return problems

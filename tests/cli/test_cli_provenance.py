"""The CLI marks each LLM field with what made it: "[model]" or "[rules: why]"."""

from __future__ import annotations

from rich.console import Console

from jobapp.cli import output
from jobapp.domain import CvProfile, Explanation


def _render(monkeypatch, fn, *args) -> str:
    console = Console(record=True, width=200, color_system=None)
    monkeypatch.setattr(output, "console", console)
    fn(*args)
    return console.export_text()


def test_profile_fields_carry_their_origin(monkeypatch):
    profile = CvProfile(
        title="Data Analyst",
        hard_skills=["SQL", "Python"],
        sectors=["Énergie"],
        provenance={"title": "llm", "hard_skills": "extraction", "sectors": "extraction"},
        replaced={"hard_skills": "not in the source", "sectors": "not asked (field policy)"},
        model="gguf:/m/qwen.gguf",
    )
    text = _render(monkeypatch, output.profile_panel, profile)
    assert "Title: Data Analyst [model]" in text
    assert "Hard skills: SQL, Python [rules: not in the source]" in text
    assert "Sectors: Énergie [rules: not asked (field policy)]" in text


def test_explanation_fields_carry_their_origin(monkeypatch):
    exp = Explanation(
        offer_id=1,
        cv_id=1,
        summary="Adéquation partielle.",
        strengths=["SQL"],
        gaps=["Airflow"],
        provenance={"summary": "extraction", "strengths": "llm", "gaps": "llm"},
        replaced={"summary": "too short"},
    )
    text = _render(monkeypatch, output.explanations_list, [exp], {})
    assert "Adéquation partielle. [rules: too short]" in text
    assert "+ SQL [model]" in text
    assert "− Airflow [model]" in text

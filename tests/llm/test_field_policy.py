"""The field policy: a model is asked only for the fields it was measured to do well."""

from __future__ import annotations

import json

import pytest

from jobapp.llm import field_policy, summarise_offer
from jobapp.llm.field_checks import NOT_ASKED
from jobapp.llm.field_report import FieldTally, field_note


@pytest.mark.parametrize(
    ("spec", "key"),
    [
        ("gguf:/opt/models/SmolLM2-135M-Instruct.Q4_1.gguf", "smollm2-135m-instruct"),
        ("gguf:/m/qwen2.5-1.5b-instruct-q4_k_m.gguf", "qwen2.5-1.5b-instruct"),
        ("hf:Qwen/Qwen2.5-1.5B-Instruct", "qwen2.5-1.5b-instruct"),
        ("openai:llama3.1", "llama3.1"),
    ],
)
def test_model_key(spec, key):
    assert field_policy.model_key(spec) == key


def test_the_shipped_policy_is_valid():
    data = field_policy.load_policy()
    for model, steps in data["models"].items():
        assert model == field_policy.model_key(model)
        assert set(steps) <= set(field_policy.STEPS)
        assert all(isinstance(fields, list) for fields in steps.values())


@pytest.fixture
def policy(monkeypatch):
    def use(table: dict) -> None:
        monkeypatch.setattr(field_policy, "load_policy", lambda: {"models": table})

    return use


def test_unknown_model_is_asked_every_field(policy):
    policy({})
    assert field_policy.fields_to_ask("gguf:/x/other.gguf", "summary", ("a", "b")) == ("a", "b")


def test_a_model_that_lost_every_field_is_not_called(policy, french_offer, scripted):
    policy({"fake-llm": {"summary": []}})
    llm = scripted({"profile": "Développeur Python"})
    summary = summarise_offer(french_offer, llm)
    assert llm.calls == []
    assert summary.model == "extraction"
    assert set(summary.provenance.values()) == {"extraction"}
    assert set(summary.replaced.values()) == {NOT_ASKED}
    assert summary.key_skills == summarise_offer(french_offer, None).key_skills
    assert field_note(summary) == "rules only"


def test_only_the_policys_fields_are_asked(policy, french_offer, scripted):
    policy({"fake-llm": {"summary": ["key_skills"]}})
    llm = scripted({"key_skills": ["Python", "Django", "Kubernetes"]}, schema=True)
    summary = summarise_offer(french_offer, llm)
    assert len(llm.calls) == 1
    assert list(llm.calls[0]["schema"]["properties"]) == ["key_skills"]
    assert summary.key_skills == ["Python", "Django"]  # Kubernetes is not in the offer
    assert summary.provenance["key_skills"] == "llm"
    assert summary.replaced["mission"] == NOT_ASKED
    assert summary.mission == summarise_offer(french_offer, None).mission
    assert field_note(summary) == "kept 1, replaced 5 (5 not asked)"


def test_log_note_says_why_fields_were_replaced(french_offer, scripted):
    llm = scripted(
        json.dumps(
            {
                "profile": "2 jours de télétravail par semaine",
                "key_skills": ["Acme Logiciels"],
                "soft_skills": ["rigueur"],
                "seniority": "",
                "mission": "Concevoir et développer des API REST en Python avec Django",
                "contract": "c'est",
            }
        )
    )
    summary = summarise_offer(french_offer, llm)
    assert summary.replaced["profile"] == "not a job title"
    assert summary.replaced["key_skills"] == "the employer's name"
    assert summary.replaced["contract"] == "not a contract type"
    note = field_note(summary)
    assert note.startswith("kept 2, replaced 4 (")
    assert "contract: not a contract type" in note
    tally = FieldTally()
    tally.add(summary)
    tally.add(summary)
    assert tally.line().startswith("fields kept from the model 4, replaced by rules 8 (")
    assert "not a contract type ×2" in tally.line()


def test_rules_only_records_have_no_replacement_reasons(french_offer):
    summary = summarise_offer(french_offer, None)
    assert summary.replaced == {}
    assert set(summary.provenance.values()) == {"extraction"}

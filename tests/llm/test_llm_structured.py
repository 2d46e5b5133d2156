"""The structured-output loop: schema, lenient parsing, one repair, salvage, fallback, provenance."""

from __future__ import annotations

import json
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, Field, StringConstraints

from jobapp.errors import ModelUnavailable
from jobapp.llm.structured import clip_to_schema, generate_record, json_schema_for, skeleton_for
from jobapp.llm.text_checks import clean_text, is_degenerate, is_empty_value
from jobapp.models.jsontext import NoJsonFound, parse_json_object


class Draft(BaseModel):
    title: str = Field("", max_length=40)
    skills: list[Annotated[str, StringConstraints(max_length=20)]] = Field(default_factory=list, max_length=3)
    level: Literal["", "junior", "senior"] = ""
    years: float | None = Field(None, ge=0, le=50)


FALLBACK = Draft(title="From rules", skills=["SQL"], level="junior", years=2)


def fallback() -> Draft:
    return FALLBACK


GOOD = {"title": "Data engineer", "skills": ["Python", "Spark"], "level": "senior", "years": 6}


# ----------------------------------------------------------------------------- schema & parsing


def test_schema_is_small_closed_and_bounded():
    schema = json_schema_for(Draft)
    assert schema["required"] == ["title", "skills", "level", "years"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["skills"]["maxItems"] == 3
    assert schema["properties"]["skills"]["items"]["maxLength"] == 20
    assert schema["properties"]["title"]["maxLength"] == 40
    assert schema["properties"]["level"]["enum"] == ["", "junior", "senior"]
    assert "title" not in schema["properties"]["title"]  # no titles: fewer tokens, fewer grammar states


def test_skeleton_shows_every_key():
    skeleton = skeleton_for(Draft)
    assert skeleton.startswith("{") and skeleton.endswith("}")
    for key in ("title", "skills", "level", "years"):
        assert f'"{key}"' in skeleton
    assert "junior|senior" in skeleton


@pytest.mark.parametrize(
    "reply",
    [
        '{"title": "A", "skills": ["x"]}',
        'Sure! Here is the JSON:\n```json\n{"title": "A", "skills": ["x"]}\n```\nHope it helps.',
        'Answer: {"title": "A", "skills": ["x"],} and more text {"other": 1}',
        '{"title": "A", "skills": ["x"',  # cut off by the token limit
        '```\n{"title": "A", "skills": ["x"]}\n```',
    ],
)
def test_lenient_parser_finds_the_first_object(reply):
    assert parse_json_object(reply) == {"title": "A", "skills": ["x"]}


def test_parser_keeps_braces_inside_strings():
    assert parse_json_object('{"title": "a } b { c", "n": 1}') == {"title": "a } b { c", "n": 1}


@pytest.mark.parametrize("reply", ["no json here", "[1, 2, 3]", "{not json at all"])
def test_parser_rejects_replies_without_an_object(reply):
    with pytest.raises(NoJsonFound):
        parse_json_object(reply)


def test_clip_cuts_long_lists_and_strings_instead_of_failing():
    data = {"title": "word " * 30, "skills": ["a", "b", "c", "d", "e"]}
    clipped = clip_to_schema(data, json_schema_for(Draft))
    assert clipped["skills"] == ["a", "b", "c"]
    assert len(clipped["title"]) <= 40
    Draft.model_validate(clipped)


# ----------------------------------------------------------------------------- the loop


def test_valid_json_is_used_with_llm_provenance_and_json_instruction(scripted):
    llm = scripted(json.dumps(GOOD))
    record, provenance = generate_record(llm, [{"role": "user", "content": "CV"}], Draft, fallback=fallback)
    assert record == Draft(**GOOD)
    assert provenance == dict.fromkeys(["title", "skills", "level", "years"], "llm")
    assert len(llm.calls) == 1
    sent = llm.calls[0]
    assert sent["schema"] is None  # no constrained decoding: the keys are shown in the prompt instead
    assert '"skills"' in sent["messages"][-1]["content"]


def test_constrained_backend_gets_the_schema_and_may_return_a_dict(scripted):
    llm = scripted(dict(GOOD), schema=True)
    record, provenance = generate_record(llm, [{"role": "user", "content": "CV"}], Draft, fallback=fallback)
    assert record.title == "Data engineer"
    assert llm.calls[0]["schema"] == json_schema_for(Draft)
    assert llm.calls[0]["messages"] == [{"role": "user", "content": "CV"}]
    assert set(provenance.values()) == {"llm"}


def test_invalid_json_then_valid_after_one_repair(scripted):
    llm = scripted('{"title": "Data engineer", "years": "many"}', json.dumps(GOOD))
    record, provenance = generate_record(llm, [{"role": "user", "content": "CV"}], Draft, fallback=fallback)
    assert record == Draft(**GOOD)
    assert set(provenance.values()) == {"llm"}
    assert len(llm.calls) == 2
    repair = llm.calls[1]["messages"]
    assert repair[-2] == {"role": "assistant", "content": '{"title": "Data engineer", "years": "many"}'}
    assert "years" in repair[-1]["content"]  # the validation error is sent back


def test_garbage_always_ends_in_the_fallback_after_exactly_one_repair(scripted):
    llm = scripted("I am a language model and I like turtles.")
    record, provenance = generate_record(llm, [{"role": "user", "content": "CV"}], Draft, fallback=fallback)
    assert record == FALLBACK
    assert set(provenance.values()) == {"extraction"}
    assert len(llm.calls) == 2


def test_fields_that_still_fail_after_repair_are_salvaged_one_by_one(scripted):
    bad = '{"title": "Data engineer", "skills": ["Python"], "level": "guru", "years": 300}'
    llm = scripted(bad)
    record, provenance = generate_record(llm, [{"role": "user", "content": "CV"}], Draft, fallback=fallback)
    assert record.title == "Data engineer" and record.skills == ["Python"]
    assert record.level == "junior" and record.years == 2  # invalid enum / out of range: from fallback
    assert provenance == {"title": "llm", "skills": "llm", "level": "extraction", "years": "extraction"}


def test_empty_and_placeholder_fields_come_from_the_fallback(scripted):
    llm = scripted(json.dumps({"title": "unknown", "skills": [], "level": "senior", "years": None}))
    record, provenance = generate_record(llm, [{"role": "user", "content": "CV"}], Draft, fallback=fallback)
    assert record == Draft(title="From rules", skills=["SQL"], level="senior", years=2)
    assert provenance == {
        "title": "extraction",
        "skills": "extraction",
        "level": "llm",
        "years": "extraction",
    }


def test_degenerate_text_and_duplicate_items_are_dropped(scripted):
    loop = "data data data data data data data engineer"
    llm = scripted(json.dumps({"title": loop, "skills": ["Python", "python", "#####"], "level": "senior"}))
    record, provenance = generate_record(llm, [{"role": "user", "content": "CV"}], Draft, fallback=fallback)
    assert record.title == "From rules" and provenance["title"] == "extraction"
    assert record.skills == ["Python"]


def test_validate_hook_blanks_ungrounded_items(scripted):
    llm = scripted(json.dumps(GOOD))

    def only_python(d: Draft) -> Draft:
        return d.model_copy(update={"skills": [s for s in d.skills if s == "Python"]})

    record, _ = generate_record(
        llm, [{"role": "user", "content": "CV"}], Draft, fallback=fallback, validate=only_python
    )
    assert record.skills == ["Python"]


def test_fallback_is_not_computed_when_the_model_fills_everything(scripted):
    calls = []

    def counting_fallback() -> Draft:
        calls.append(1)
        return FALLBACK

    generate_record(
        scripted(json.dumps(GOOD)), [{"role": "user", "content": "x"}], Draft, fallback=counting_fallback
    )
    assert calls == []


def test_a_backend_error_falls_back_but_an_unavailable_model_is_reported(scripted):
    def boom(_messages):
        raise RuntimeError("decode failed")

    record, provenance = generate_record(
        scripted(boom), [{"role": "user", "content": "x"}], Draft, fallback=fallback
    )
    assert record == FALLBACK and set(provenance.values()) == {"extraction"}

    def down(_messages):
        raise ModelUnavailable("server down", hint="start it")

    with pytest.raises(ModelUnavailable):
        generate_record(scripted(down), [{"role": "user", "content": "x"}], Draft, fallback=fallback)


# ----------------------------------------------------------------------------- text checks


@pytest.mark.parametrize(
    "text",
    [
        "Python Python Python Python Python Python",
        "gestion de projet gestion de projet gestion de projet gestion de projet",
        "!!!! ---- #### 1234 ???? ....",
        "数据分析师负责数据清洗和报表",
    ],
)
def test_degenerate_texts(text):
    assert is_degenerate(text)
    assert clean_text(text) == ""


@pytest.mark.parametrize(
    "text", ["C++", "C#", "HTML5", ".NET", "Développement d'API REST en Python et Django"]
)
def test_normal_texts_are_kept(text):
    assert not is_degenerate(text)
    assert clean_text(text) == text


@pytest.mark.parametrize("value", ["", "  ", "unknown", "Non précisé", "...", [], None])
def test_placeholders_are_empty(value):
    assert is_empty_value(value)


def test_zero_and_real_values_are_not_empty():
    assert not is_empty_value(0.0)
    assert not is_empty_value("CDI")
    assert not is_empty_value(["x"])


def test_prompt_too_long_is_retried_with_a_shorter_source(scripted):
    from jobapp.llm.structured import generate_fitting
    from jobapp.models.base import ContextTooLong

    sizes: list[int] = []

    def make_messages(max_chars: int):
        sizes.append(max_chars)
        return [{"role": "user", "content": "x" * max_chars}]

    def reply(messages):
        if len(messages[0]["content"]) > 2500:
            raise ContextTooLong("prompt exceeds the context size")
        return json.dumps(GOOD)

    llm = scripted(reply)
    llm.context_tokens = 2048
    record, provenance = generate_fitting(llm, make_messages, Draft, fallback=fallback, max_tokens=300)
    assert record == Draft(**GOOD) and set(provenance.values()) == {"llm"}
    assert sizes == [4194, 2097]  # (2048 - 300 - 350) tokens x 3 chars, then halved

    always = scripted(lambda _m: (_ for _ in ()).throw(ContextTooLong("too long")))
    record, provenance = generate_fitting(always, make_messages, Draft, fallback=fallback)
    assert record == FALLBACK and set(provenance.values()) == {"extraction"}


def test_a_fake_registered_through_the_registry_drives_a_step(scripted, french_offer):
    from jobapp.llm import summarise_offer
    from jobapp.models import registry

    reply = json.dumps({"key_skills": ["Python", "Django"], "mission": "Développer des API REST en Python."})
    registry.register_llm("scripted-test", lambda arg: scripted(reply, name=f"scripted-test:{arg}"))
    try:
        llm = registry.get_llm("scripted-test:v1")
        summary = summarise_offer(french_offer, llm)
    finally:
        registry.unregister("llm", "scripted-test")
        registry.clear_cache()
    assert summary.model == "scripted-test:v1"
    assert summary.key_skills == ["Python", "Django"]
    assert summary.provenance["mission"] == "llm"

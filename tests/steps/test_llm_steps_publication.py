"""Steps 2 and 7 over the real store: a cancelled, failed or worse run never replaces what is shown."""

from __future__ import annotations

from typing import Any

import pytest

from jobapp.domain import OfferSummary
from jobapp.errors import ModelUnavailable
from jobapp.llm.publication import Publication, record_quality
from jobapp.models.base import LLM, Message
from jobapp.steps import summarise as summarise_step
from jobapp.steps.base import MemoryContext
from jobapp.steps.collect import upsert_offers
from jobapp.store import db, repo


class CountingLLM(LLM):
    """Answers every summary with the same record; ``fail=True`` makes it unreachable."""

    supports_schema = True

    def __init__(self, fail: bool = False) -> None:
        self.name = "fake:steps"
        self.fail = fail
        self.calls = 0

    def generate(
        self,
        messages: list[Message],
        schema: dict[str, Any] | None = None,
        max_tokens: int | None = None,
        temperature: float = 0.0,
    ) -> dict[str, Any]:
        self.calls += 1
        if self.fail:
            raise ModelUnavailable("the model server is down")
        return {"mission": "Tout autre chose", "key_skills": ["Python"], "contract": "c'est"}


class CancelAfter(MemoryContext):
    """A context the user cancels once ``items`` items are done."""

    def __init__(self, items: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.items = items

    def cancelled(self) -> bool:
        return len(self.done) >= self.items


@pytest.fixture
def offers() -> list[int]:
    from jobapp.demo import load_demo_offers
    from jobapp.domain import Offer

    with db.session() as s:
        result = upsert_offers(s, [Offer(**o) for o in load_demo_offers()[:3]])
    return result.new


def use_llm(monkeypatch: pytest.MonkeyPatch, llm: LLM) -> None:
    """Make ``llm`` the configured LLM, through the real registry (steps name it before loading it)."""
    from jobapp.models import registry

    registry.register_llm("fake", lambda arg: llm, name=lambda arg: f"fake:{arg}")
    monkeypatch.setenv("JOBAPP_LLM", llm.name)
    registry.clear_cache()


@pytest.fixture(autouse=True)
def forget_fake_llm():
    from jobapp.models import registry

    yield
    registry.unregister("llm", "fake")
    registry.clear_cache()


def shown() -> dict[int, dict[str, Any]]:
    with db.session() as s:
        return {k: v.model_dump() for k, v in repo.latest_summaries(s).items()}


def test_cancel_mid_step_leaves_the_earlier_records_unchanged(offers, monkeypatch):
    summarise_step.run(MemoryContext(params={"no_llm": True}))
    before = shown()
    assert set(before) == set(offers)
    llm = CountingLLM()
    use_llm(monkeypatch, llm)

    ctx = CancelAfter(1)
    summarise_step.run(ctx)

    assert llm.calls == 1  # one offer was summarised by the model before the cancel
    assert shown() == before  # ... and the summary shown for it is still the earlier one
    assert any("Cancelled" in e["message"] for e in ctx.events)
    with db.session() as s:  # the model's record is kept for a resumed run, just not shown
        first = repo.list_offers(s, [offers[0]])[0]
        assert repo.get_summary(s, offers[0], llm.name, summarise_step.summary_hash(first)) is not None

    summarise_step.run(MemoryContext())  # the run resumed to the end is shown
    after = shown()
    assert {v["model"] for v in after.values()} == {llm.name}
    assert llm.calls == 3  # the first offer came from the cache


def test_a_failing_model_leaves_the_earlier_records_unchanged(offers, monkeypatch):
    summarise_step.run(MemoryContext(params={"no_llm": True}))
    before = shown()
    use_llm(monkeypatch, CountingLLM(fail=True))
    ctx = MemoryContext()
    result = summarise_step.run(ctx)
    assert result.failed == 3
    assert shown() == before


def test_an_interrupted_run_is_rolled_back(offers, monkeypatch):
    summarise_step.run(MemoryContext(params={"no_llm": True}))
    before = shown()
    use_llm(monkeypatch, CountingLLM())

    def interrupt(event: dict[str, Any]) -> None:
        if event.get("done") == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        summarise_step.run(MemoryContext(on_event=interrupt))
    assert shown() == before


def test_a_step_log_line_ends_with_kept_and_replaced_fields(offers, monkeypatch):
    use_llm(monkeypatch, CountingLLM())
    ctx = MemoryContext()
    result = summarise_step.run(ctx)
    item_lines = [e["message"] for e in ctx.events if e.get("done")]
    assert item_lines and all("; kept " in line and "replaced" in line for line in item_lines)
    assert "contract: not a contract type" in item_lines[0]
    assert "fields kept from the model" in result.message


def test_policy_without_fields_makes_the_step_rules_only_and_says_so_once(offers, monkeypatch):
    from jobapp.llm import field_policy

    llm = CountingLLM()
    use_llm(monkeypatch, llm)
    monkeypatch.setattr(
        field_policy, "load_policy", lambda: {"models": {field_policy.model_key(llm.name): {"summary": []}}}
    )
    ctx = MemoryContext()
    summarise_step.run(ctx)
    assert llm.calls == 0
    said = [e["message"] for e in ctx.events if "no model call" in e["message"]]
    assert len(said) == 1
    assert {v["model"] for v in shown().values()} == {"extraction"}


def _summary(model: str, **fields: Any) -> OfferSummary:
    return OfferSummary(offer_id=1, model=model, input_hash="h", **fields)


def test_a_worse_record_does_not_replace_a_better_one():
    saved: list[OfferSummary] = []
    publication: Publication[OfferSummary] = Publication(saved.append)
    good = _summary(
        "extraction",
        profile="Data Analyst",
        key_skills=["SQL"],
        mission="Analyser les ventes",
        provenance=dict.fromkeys(["profile", "key_skills", "mission"], "extraction"),
    )
    worse = _summary("fake", profile="Data Analyst", provenance={"profile": "llm"})
    assert record_quality(good) > record_quality(worse)
    assert publication.publish(worse, good, fresh=True) is good
    assert saved == [worse, good]  # the new one is kept under its key; the better one is shown again
    assert publication.kept_earlier == 1


def test_model_fields_stored_before_the_checks_are_judged_again():
    source = "Data Analyst\nSQL, Python, tableaux de bord."
    unchecked = _summary("old", key_skills=["1.1.1.1", "SQL"], provenance={"key_skills": "llm"})
    rules = _summary("extraction", key_skills=["SQL"], provenance={"key_skills": "extraction"})
    assert record_quality(unchecked, source) < record_quality(rules, source)

"""Runs executed in-process and on the SQLite queue: events, timings, items, failures, cancellation."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from task_helpers import race_execute_step, wait_final, wait_for

from jobapp.errors import InvalidInput, ModelUnavailable, NotFound
from jobapp.store.db import session
from jobapp.store.tables import StepItemRow
from jobapp.tasks import runs
from jobapp.tasks.errors import TransientError, is_transient


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def _items(run_id: int) -> dict[tuple[str, str], tuple[str, str]]:
    with session() as s:
        rows = s.scalars(select(StepItemRow).where(StepItemRow.run_id == run_id)).all()
    return {(r.step, r.item_key): (r.status, r.error) for r in rows}


def test_execute_run_in_process_stores_events_timings_items(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    run_id = runs.create_run(["fake_a", "fake_b"], {"n": 4, "out": out})
    seen: list[dict] = []
    run = runs.execute_run(run_id, on_event=seen.append)

    assert run["status"] == "done" and run["error"] == ""
    assert len(_lines(out)) == 8
    assert run["progress"]["fake_a"] == {"done": 4, "failed": 0, "total": 4}
    timings = runs.run_timings(run_id)
    assert [t["step"] for t in timings] == ["fake_a", "fake_b"]
    assert all(t["items"] == 4 and t["wall_s"] > 0 and t["items_per_s"] > 0 for t in timings)
    assert runs.run_timings() == timings  # latest run by default
    events = runs.run_events(run_id)
    assert [e["message"] for e in seen] == [e["message"] for e in events[1:]]  # all but "Run created"
    assert any(e["step"] == "fake_b" and e["done"] == 4 and e["total"] == 4 for e in events)
    assert runs.run_events(run_id, after_id=events[-2]["id"]) == events[-1:]
    assert run["params"]["out"] == str(out)  # Paths are stored as strings


def test_sqlite_queue_end_to_end(consumer, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    consumer(workers=1)
    run_id = runs.create_run(["fake_a", "fake_b"], {"n": 3, "out": out})
    runs.enqueue_run(run_id)
    run = wait_final(run_id)
    assert run["status"] == "done"
    assert sorted(_lines(out)) == sorted(
        f"{run_id} {s} item-{i}" for s in ("fake_a", "fake_b") for i in range(3)
    )
    assert [t["step"] for t in runs.run_timings(run_id)] == ["fake_a", "fake_b"]
    assert all(v == ("done", "") for v in _items(run_id).values()) and len(_items(run_id)) == 6
    started = [e for e in runs.run_events(run_id) if "started (worker" in e["message"]]
    assert len(started) == 2  # one task per step, chained
    assert runs.list_runs(5)[0]["id"] == run_id


def test_two_concurrent_runs_keep_separate_logs_and_items(consumer, tmp_path: Path) -> None:
    consumer(workers=2)
    out1, out2 = tmp_path / "one.txt", tmp_path / "two.txt"
    r1 = runs.create_run(["fake_slow"], {"n": 6, "delay": 0.05, "out": out1})
    r2 = runs.create_run(["fake_slow"], {"n": 9, "delay": 0.05, "out": out2})
    runs.enqueue_run(r1)
    runs.enqueue_run(r2)
    a, b = wait_final(r1), wait_final(r2)
    assert a["status"] == b["status"] == "done"
    # they really ran at the same time: each processed an item before the other's last one
    first = {
        r: min(e["ts"] for e in runs.run_events(r) if e["message"].startswith("processed")) for r in (r1, r2)
    }
    last = {
        r: max(e["ts"] for e in runs.run_events(r) if e["message"].startswith("processed")) for r in (r1, r2)
    }
    assert first[r1] < last[r2] and first[r2] < last[r1]
    assert {line.split()[0] for line in _lines(out1)} == {str(r1)} and len(_lines(out1)) == 6
    assert {line.split()[0] for line in _lines(out2)} == {str(r2)} and len(_lines(out2)) == 9
    for run_id, n in ((r1, 6), (r2, 9)):
        processed = [e for e in runs.run_events(run_id) if e["message"].startswith("processed")]
        assert len(processed) == n and {e["total"] for e in processed} == {n}
        assert runs.run_timings(run_id)[0]["items"] == n
        assert len(_items(run_id)) == n


def test_failed_item_does_not_stop_the_step(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    run_id = runs.create_run(["fake_a", "fake_b"], {"n": 4, "out": out, "fail": ["item-1"]})
    run = runs.execute_run(run_id)
    assert run["status"] == "done"
    assert run["progress"]["fake_a"]["done"] == 3 and run["progress"]["fake_a"]["failed"] == 1
    assert _items(run_id)[("fake_a", "item-1")] == ("failed", "item-1 is malformed")
    assert len(_lines(out)) == 6  # both steps went on past the failing item
    finished = [e for e in runs.run_events(run_id) if "finished" in e["message"] and e["step"] == "fake_a"]
    assert finished[0]["level"] == "warning" and "1 failed" in finished[0]["message"]


def test_non_transient_error_fails_the_run_and_stops_the_chain(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    run_id = runs.create_run(["fake_boom", "fake_a"], {"out": out})
    run = runs.execute_run(run_id)
    assert run["status"] == "failed"
    assert run["error"] == "fake_boom: ValueError: boom"
    assert not out.exists()  # fake_a never ran
    events = runs.run_events(run_id)
    assert events[-1]["level"] == "error"
    assert events[-2]["level"] == "debug" and "in _boom" in events[-2]["message"]  # traceback kept


def test_transient_error_is_retried_then_succeeds_in_process(tmp_path: Path) -> None:
    state = tmp_path / "attempts"
    run_id = runs.create_run(["fake_flaky"], {"state": state, "flaky": 2})
    run = runs.execute_run(run_id)
    assert run["status"] == "done" and state.read_text() == "3"
    retries = [e for e in runs.run_events(run_id) if "Temporary failure" in e["message"]]
    assert len(retries) == 2 and "server busy" in retries[0]["message"]


def test_transient_error_is_retried_by_the_queue(consumer, tmp_path: Path) -> None:
    consumer(workers=1)
    state = tmp_path / "attempts"
    run_id = runs.create_run(["fake_flaky", "fake_a"], {"state": state, "flaky": 1, "n": 1})
    runs.enqueue_run(run_id)
    run = wait_final(run_id, timeout=30)
    assert run["status"] == "done" and state.read_text() == "2"
    assert any("Temporary failure" in e["message"] for e in runs.run_events(run_id))


def test_transient_error_fails_after_the_last_retry(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(runs, "RETRIES", 1)
    state = tmp_path / "attempts"
    run_id = runs.create_run(["fake_flaky"], {"state": state, "flaky": 5})
    run = runs.execute_run(run_id)
    assert run["status"] == "failed" and "server busy (attempt 2)" in run["error"]
    assert state.read_text() == "2"


def test_is_transient_follows_explicit_causes() -> None:
    try:
        try:
            raise httpx.ConnectTimeout("timed out")
        except httpx.ConnectTimeout as exc:
            raise ModelUnavailable("LLM server unreachable") from exc
    except ModelUnavailable as wrapped:
        assert is_transient(wrapped)
    assert is_transient(TransientError("busy")) and is_transient(TimeoutError())
    assert not is_transient(ModelUnavailable("no such model"))
    assert not is_transient(ValueError("bad"))


def test_cancel_queued_run_is_immediate_and_never_executes(consumer, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    run_id = runs.create_run(["fake_a"], {"out": out})
    assert runs.cancel_run(run_id) == "cancelled"
    runs_before = runs.get_run(run_id)
    consumer(workers=1)
    with pytest.raises(InvalidInput):
        runs.enqueue_run(run_id)
    assert runs.get_run(run_id)["status"] == "cancelled" == runs_before["status"]
    assert not out.exists()


def test_cancel_running_run_stops_between_items(consumer, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    consumer(workers=1)
    run_id = runs.create_run(["fake_slow", "fake_b"], {"n": 200, "delay": 0.05, "out": out})
    runs.enqueue_run(run_id)
    wait_for(lambda: len(_lines(out)) >= 2)
    assert runs.cancel_run(run_id) in ("running", "cancelled")
    run = wait_final(run_id)
    assert run["status"] == "cancelled" and run["cancel_requested"]
    lines = _lines(out)
    assert 2 <= len(lines) < 200 and all(" fake_slow " in line for line in lines)  # fake_b never started


def test_ctrl_c_in_execute_run_cancels(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    run_id = runs.create_run(["fake_slow"], {"n": 100, "delay": 0.02, "out": out})

    def interrupt(event: dict) -> None:
        if event.get("done") == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        runs.execute_run(run_id, on_event=interrupt)
    assert runs.get_run(run_id)["status"] == "cancelled"


def test_stopping_the_consumer_hands_the_step_back_and_a_new_one_resumes(consumer, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    first = consumer(workers=1)
    run_id = runs.create_run(["fake_slow"], {"n": 20, "delay": 0.05, "out": out})
    runs.enqueue_run(run_id)
    wait_for(lambda: len(_lines(out)) >= 3)
    first.stop()
    run = runs.get_run(run_id)
    assert run["status"] == "queued" and run["current_step"] == "fake_slow"
    partial = len(_lines(out))
    assert 3 <= partial < 20
    consumer(workers=1)
    assert wait_final(run_id)["status"] == "done"
    lines = _lines(out)
    assert sorted(lines) == sorted(f"{run_id} fake_slow item-{i}" for i in range(20))  # none twice
    assert runs.run_timings(run_id)[0]["items"] == 20 - partial  # only the remaining work


def test_errors_for_unknown_runs_and_steps() -> None:
    with pytest.raises(NotFound):
        runs.get_run(999)
    with pytest.raises(InvalidInput):
        runs.create_run(["no_such_step"], {})
    run_id = runs.create_run(["fake_a"], {"n": 1})
    runs.execute_run(run_id)
    with pytest.raises(InvalidInput):
        runs.execute_run(run_id)  # already done


def test_concurrent_execute_step_calls_claim_once(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    run_id = runs.create_run(["fake_slow"], {"n": 5, "delay": 0.02, "out": out})
    assert sorted(race_execute_step(run_id, "fake_slow")) == ["done", "skipped", "skipped"]
    assert len(_lines(out)) == 5


def test_a_step_that_finished_while_the_consumer_stops_is_not_redone(monkeypatch: pytest.MonkeyPatch) -> None:
    from jobapp.steps.base import StepResult
    from jobapp.steps.registry import register_step, unregister_step
    from jobapp.tasks import context

    register_step("fake_oneshot", lambda ctx: StepResult(items=1, message="all at once"))
    monkeypatch.setattr(context, "stopping", threading.Event())
    context.stopping.set()
    try:
        run_id = runs.create_run(["fake_oneshot", "fake_a"], {"n": 2})
        outcome = runs.execute_step(run_id, "fake_oneshot")  # never asked ctx.cancelled(): it finished
        assert (outcome.status, outcome.next_step) == ("done", "fake_a")
        outcome = runs.execute_step(run_id, "fake_a")  # asked, was told to stop: handed back
        assert (outcome.status, outcome.next_step) == ("released", "fake_a")
        run = runs.get_run(run_id)
        assert run["status"] == "queued" and run["current_step"] == "fake_a"
        assert [t["step"] for t in run["timings"]] == ["fake_oneshot"]
    finally:
        unregister_step("fake_oneshot")


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _as_if_killed(run_id: int, minutes_ago: float) -> None:
    """The run's row as a `jobapp run` killed with SIGKILL leaves it: running, by a dead process."""
    import socket
    from datetime import timedelta

    from sqlalchemy import update

    from jobapp.store.tables import RunRow, utcnow

    with session() as s:
        s.execute(
            update(RunRow)
            .where(RunRow.id == run_id)
            .values(
                status="running",
                worker_id=f"{socket.gethostname()}:{_dead_pid()}",
                heartbeat_at=utcnow() - timedelta(minutes=minutes_ago),
            )
        )


def test_a_killed_run_shows_interrupted_and_resumes_without_redoing_items(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    run_id = runs.create_run(["fake_a", "fake_b"], {"n": 3, "out": out})
    _as_if_killed(run_id, minutes_ago=10)
    fresh = runs.create_run(["fake_a"], {"n": 1, "out": tmp_path / "other.txt"})
    _as_if_killed(fresh, minutes_ago=0)  # lease not expired yet: a live consumer may still take it back

    listed = {r["id"]: r["status"] for r in runs.list_runs()}
    assert listed[run_id] == "interrupted" and listed[fresh] == "running"
    assert any("runs resume" in e["message"] for e in runs.run_events(run_id))
    with pytest.raises(InvalidInput, match="not interrupted"):
        runs.resume_run(fresh)

    runs.resume_run(run_id)
    run = runs.execute_run(run_id)
    assert run["status"] == "done"
    assert len(_lines(out)) == 6  # every item of both steps, once


def test_an_interrupted_run_can_be_cancelled(tmp_path: Path) -> None:
    run_id = runs.create_run(["fake_a"], {"n": 1, "out": tmp_path / "out.txt"})
    _as_if_killed(run_id, minutes_ago=10)
    assert runs.get_run(run_id)["status"] == "interrupted"
    assert runs.cancel_run(run_id) == "cancelled"

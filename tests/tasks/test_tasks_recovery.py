"""Crash recovery: leases, stale runs, and a real worker process killed with SIGKILL mid-step."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from task_helpers import wait_final, wait_for, worker_process

from jobapp.store.db import session
from jobapp.store.tables import RunRow, utcnow
from jobapp.tasks import leases, runs


def _set_run(run_id: int, **values) -> None:
    with session() as s:
        s.execute(update(RunRow).where(RunRow.id == run_id).values(**values))


def _recover(lease: float = 30.0) -> list[tuple[int, str]]:
    enqueued: list[tuple[int, str]] = []
    leases.recover_stale_runs(lease, lambda run_id, step: enqueued.append((run_id, step)))
    return enqueued


def test_expired_lease_is_recovered_once() -> None:
    run_id = runs.create_run(["fake_a", "fake_b"], {})
    _set_run(
        run_id,
        status="running",
        current_step="fake_b",
        worker_id="elsewhere:123",
        heartbeat_at=utcnow() - timedelta(seconds=120),
    )
    assert _recover() == [(run_id, "fake_b")]
    run = runs.get_run(run_id)
    assert run["status"] == "queued" and run["worker_id"] == ""
    assert "stopped responding" in runs.run_events(run_id)[-1]["message"]
    assert _recover() == []  # the compare-and-set made it fresh again: nobody recovers it twice


def test_live_lease_of_another_machine_is_left_alone() -> None:
    run_id = runs.create_run(["fake_a"], {})
    _set_run(run_id, status="running", worker_id="elsewhere:123", heartbeat_at=utcnow())
    assert _recover() == []
    assert runs.get_run(run_id)["status"] == "running"


def test_dead_local_process_is_recovered_without_waiting_for_the_lease() -> None:
    proc = subprocess.Popen(["true"])
    proc.wait()  # a pid that surely is gone now
    run_id = runs.create_run(["fake_a"], {})
    _set_run(run_id, status="running", worker_id=f"{socket.gethostname()}:{proc.pid}", heartbeat_at=utcnow())
    assert _recover(lease=3600) == [(run_id, "fake_a")]


def test_live_local_process_keeps_its_run() -> None:
    run_id = runs.create_run(["fake_a"], {})
    _set_run(
        run_id, status="running", worker_id=f"{socket.gethostname()}:{os.getppid()}", heartbeat_at=utcnow()
    )
    assert _recover() == []


def test_queued_run_whose_task_was_lost_is_requeued() -> None:
    fresh = runs.create_run(["fake_a"], {})
    lost = runs.create_run(["fake_a"], {})
    _set_run(lost, heartbeat_at=utcnow() - timedelta(seconds=120))
    assert _recover() == [(lost, "fake_a")]
    assert runs.get_run(fresh)["status"] == "queued"


def test_heartbeat_renews_the_lease_while_a_step_runs(consumer, tmp_path: Path) -> None:
    consumer(workers=1, lease_seconds=2.0)  # heartbeat every 0.5 s
    run_id = runs.create_run(["fake_slow"], {"n": 30, "delay": 0.1})
    runs.enqueue_run(run_id)
    first = wait_for(
        lambda: runs.get_run(run_id)["heartbeat_at"] if runs.get_run(run_id)["status"] == "running" else None
    )
    later = wait_for(lambda: (b := runs.get_run(run_id)["heartbeat_at"]) and b > first and b, timeout=5)
    assert later > first
    assert _recover(lease=2.0) == []  # renewed, so not stale
    assert wait_final(run_id)["status"] == "done"


@pytest.mark.slow
def test_sigkilled_worker_process_is_resumed_by_another_without_duplicates(tmp_path: Path) -> None:
    out = tmp_path / "results.txt"
    n = 10
    # 0.4 s per item leaves ample time to kill the worker between two items, never between an
    # item's result and its mark_done (real runners make that window safe with idempotent writes)
    run_id = runs.create_run(["fake_slow", "fake_b"], {"n": n, "delay": 0.4, "out": out})
    runs.enqueue_run(run_id)
    first = worker_process()
    try:
        # kill right after an item is committed as done: the worker is then inside the next item
        wait_for(lambda: runs.get_run(run_id)["progress"]["fake_slow"]["done"] >= 3, timeout=30)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    killed = runs.get_run(run_id)
    assert killed["status"] == "running" and killed["worker_id"].endswith(f":{first.pid}")
    done_before = killed["progress"]["fake_slow"]["done"]
    assert 3 <= done_before < n

    second = worker_process()
    try:
        run = wait_final(run_id, timeout=60)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
    assert run["status"] == "done", run
    counts = Counter(line.split(" ", 1)[1] for line in out.read_text().splitlines())
    expected = {f"{step} item-{i}" for step in ("fake_slow", "fake_b") for i in range(n)}
    assert set(counts) == expected  # nothing lost
    assert set(counts.values()) == {1}  # nothing done twice
    events = runs.run_events(run_id)
    assert any("stopped responding" in e["message"] for e in events)
    assert run["worker_id"].endswith(f":{second.pid}")
    slow = [t for t in runs.run_timings(run_id) if t["step"] == "fake_slow"]
    assert len(slow) == 1 and slow[0]["items"] == n - done_before  # the resumed step redid nothing


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_worker_process_stops_gracefully_and_hands_back_its_step(tmp_path: Path, signum: int) -> None:
    out = tmp_path / "results.txt"
    run_id = runs.create_run(["fake_slow"], {"n": 100, "delay": 0.05, "out": out})
    runs.enqueue_run(run_id)
    proc = worker_process()
    try:
        wait_for(lambda: runs.get_run(run_id)["progress"]["fake_slow"]["done"] >= 2, timeout=30)
        proc.send_signal(signum)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    run = runs.get_run(run_id)
    assert run["status"] == "queued" and run["current_step"] == "fake_slow"
    assert any("handed back to the queue" in e["message"] for e in runs.run_events(run_id))

"""The Redis queue with a real redis-server: in-process consumer, and scale-out across processes."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from task_helpers import free_port, wait_final, worker_process

from jobapp.errors import JobAppError
from jobapp.tasks import queue, runs


@pytest.fixture
def redis_queue(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    monkeypatch.setenv("JOBAPP_QUEUE_URL", redis_url)
    queue.reset_queue()
    return redis_url


@pytest.mark.slow
def test_redis_queue_end_to_end(redis_queue: str, consumer, tmp_path: Path) -> None:
    from huey import RedisHuey

    assert isinstance(queue.get_huey(), RedisHuey)
    out = tmp_path / "out.txt"
    consumer(workers=2)
    ids = [runs.create_run(["fake_a", "fake_b"], {"n": 3, "out": out}) for _ in range(3)]
    for run_id in ids:
        runs.enqueue_run(run_id)
    for run_id in ids:
        assert wait_final(run_id)["status"] == "done"
        assert [t["items"] for t in runs.run_timings(run_id)] == [3, 3]
    assert len(out.read_text().splitlines()) == 18


@pytest.mark.slow
def test_two_worker_processes_share_the_runs(redis_queue: str, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    procs = [worker_process(env={"JOBAPP_QUEUE_URL": redis_queue}) for _ in range(2)]
    try:
        ids = [
            runs.create_run(["fake_slow", "fake_b"], {"n": 4, "delay": 0.25, "out": out}) for _ in range(4)
        ]
        for run_id in ids:
            runs.enqueue_run(run_id)
        finals = [wait_final(run_id, timeout=60) for run_id in ids]
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            p.wait(30)
    assert all(r["status"] == "done" for r in finals)
    workers = {
        e["message"].rsplit("worker ", 1)[1].rstrip(").")
        for run_id in ids
        for e in runs.run_events(run_id)
        if "started (worker" in e["message"]
    }
    assert {w.rsplit(":", 1)[1] for w in workers} == {str(p.pid) for p in procs}  # both took work
    assert len(out.read_text().splitlines()) == 4 * 8


def test_unreachable_redis_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBAPP_QUEUE_URL", f"redis://127.0.0.1:{free_port()}/0")
    queue.reset_queue()
    run_id = runs.create_run(["fake_a"], {})
    with pytest.raises(JobAppError) as info:
        runs.enqueue_run(run_id)
    assert "Cannot reach the task queue" in info.value.message and "Redis" in (info.value.hint or "")


def test_unsupported_queue_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBAPP_QUEUE_URL", "amqp://localhost")
    queue.reset_queue()
    with pytest.raises(JobAppError):
        queue.get_huey()

"""The Redis queue with a real redis-server: in-process consumer, and scale-out across processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from task_helpers import free_port, runs_on_two_workers, wait_final, worker_pids_that_started_steps

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
    ids, finals, pids = runs_on_two_workers({"JOBAPP_QUEUE_URL": redis_queue}, out, delay=0.25)
    assert all(r["status"] == "done" for r in finals)
    assert worker_pids_that_started_steps(ids) == pids  # both took work
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

"""Fixtures for the task-queue tests: an isolated data dir, consumers, a real Redis server."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))  # the fake-steps plugin, importable here and in worker subprocesses

import jobapp_fake_steps  # noqa: E402, F401  (registers the fake steps in this process)
from task_helpers import free_port, wait_for  # noqa: E402

from jobapp.store.db import reset_engines  # noqa: E402
from jobapp.tasks import queue, runs  # noqa: E402


@pytest.fixture(autouse=True)
def tasks_env(jobapp_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """On top of the suite's own data dir: no queue/plugin settings, fresh queues, fast retries."""
    monkeypatch.delenv("JOBAPP_QUEUE_URL", raising=False)
    monkeypatch.delenv("JOBAPP_PLUGINS", raising=False)
    monkeypatch.setattr(runs, "RETRY_DELAY", 0.2)
    queue.reset_queue()
    yield jobapp_home
    reset_engines()
    queue.reset_queue()


@pytest.fixture
def consumer() -> Iterator[Callable[..., queue.ConsumerHandle]]:
    """Start in-process consumers; all are stopped at teardown."""
    handles: list[queue.ConsumerHandle] = []

    def start(workers: int = 1, lease_seconds: float = 30.0) -> queue.ConsumerHandle:
        handle = queue.start_inprocess_consumer(workers, lease_seconds=lease_seconds)
        handles.append(handle)
        return handle

    yield start
    for h in handles:
        h.stop()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server on a free port in a temp dir (skipped only when the binary is missing)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port, workdir = free_port(), tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(workdir),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(port=port)
    try:
        wait_for(lambda: _ping(client), timeout=10)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


def _ping(client: Any) -> bool:
    try:
        return bool(client.ping())
    except Exception:
        return False

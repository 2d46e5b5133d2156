"""Helpers shared by the task-queue tests (polling, ports, real worker processes)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jobapp.tasks import runs

HERE = Path(__file__).parent


def wait_for(predicate: Callable[[], Any], timeout: float = 20.0, interval: float = 0.05) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")


def wait_final(run_id: int, timeout: float = 20.0) -> dict[str, Any]:
    return wait_for(lambda: (r := runs.get_run(run_id))["status"] in runs.FINAL_STATES and r, timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def worker_process(
    workers: int = 1, lease: float = 30.0, env: dict[str, str] | None = None
) -> subprocess.Popen:
    """A real ``python -m jobapp.tasks.worker`` process with the fake steps as a plugin."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env["JOBAPP_PLUGINS"] = "jobapp_fake_steps"
    full_env["PYTHONPATH"] = os.pathsep.join([str(HERE), full_env.get("PYTHONPATH", "")])
    return subprocess.Popen(
        [sys.executable, "-m", "jobapp.tasks.worker", "--workers", str(workers), "--lease", str(lease)],
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )

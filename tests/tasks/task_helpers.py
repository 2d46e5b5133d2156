"""Helpers shared by the task-queue tests (polling, ports, real worker processes)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
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


def race_execute_step(run_id: int, step: str, threads: int = 3) -> list[str]:
    """Call ``execute_step`` for the same run from several threads at once; their outcome statuses."""
    outcomes: list[str] = []
    pool = [
        threading.Thread(target=lambda: outcomes.append(runs.execute_step(run_id, step).status))
        for _ in range(threads)
    ]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return outcomes


def runs_on_two_workers(
    env: dict[str, str], out: Path, delay: float, n_runs: int = 4
) -> tuple[list[int], list[dict[str, Any]], set[str]]:
    """Run ``n_runs`` two-step fake runs on two real worker processes sharing the queue.

    Returns the run ids, their final states, and the pids of the workers.
    """
    procs = [worker_process(env=env) for _ in range(2)]
    try:
        ids = [
            runs.create_run(["fake_slow", "fake_b"], {"n": 4, "delay": delay, "out": out})
            for _ in range(n_runs)
        ]
        for run_id in ids:
            runs.enqueue_run(run_id)
        finals = [wait_final(run_id, timeout=60) for run_id in ids]
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            p.wait(30)
    return ids, finals, {str(p.pid) for p in procs}


def worker_pids_that_started_steps(run_ids: list[int]) -> set[str]:
    """Pids named in the runs' "Step ... started (worker host:pid)." events."""
    return {
        e["message"].rsplit(":", 1)[1].rstrip(").")
        for run_id in run_ids
        for e in runs.run_events(run_id)
        if "started (worker" in e["message"]
    }

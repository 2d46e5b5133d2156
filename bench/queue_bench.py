"""Queue benchmark: per-task overhead and throughput of the run queue.

    python bench/queue_bench.py [--redis] [--tasks 1000] [--json out.json]

Measures, on a fresh temporary data dir (SQLite queue; with ``--redis`` also a throwaway
redis-server when the binary is installed):

* ``huey_roundtrip_ms``: median enqueue -> result time of a no-op Huey task (the queue alone);
* ``step_overhead_ms``: median cost of one pipeline step task with a no-op runner, measured over
  runs of 5 chained steps (claim, context, events, timing row, transition, enqueue of the next);
  the target is < 50 ms;
* ``tiny_tasks_per_s``: 1,000 no-op Huey tasks enqueued at once, drained by 1 and 2 worker threads;
* ``step_tasks_per_s``: the same number of pipeline step tasks (runs of 5 no-op steps).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

STEPS_PER_RUN = 5


def _setup(home: Path, queue_url: str) -> Any:
    os.environ["JOBAPP_HOME"] = str(home)
    os.environ["JOBAPP_QUEUE_URL"] = queue_url
    from jobapp.steps.base import StepResult
    from jobapp.steps.registry import register_step
    from jobapp.store.db import engine, reset_engines
    from jobapp.tasks import queue

    reset_engines()
    queue.reset_queue()
    engine()  # migrate once, outside the measurements
    for i in range(STEPS_PER_RUN):
        register_step(f"noop{i}", lambda ctx: StepResult(items=0, message="nothing"))
    huey = queue.get_huey()
    huey.flush()

    @huey.task(name="bench.noop")
    def noop(x: int) -> int:
        return x

    return noop


def _wait_runs(ids: list[int], timeout: float = 600.0) -> None:
    from sqlalchemy import func, select

    from jobapp.store.db import session
    from jobapp.store.tables import RunRow

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with session() as s:
            left = s.scalar(select(func.count()).where(RunRow.id.in_(ids), RunRow.status.not_in(("done",))))
        if not left:
            return
        time.sleep(0.02)  # polling slowly: the poller shares the GIL with the workers it measures
    raise TimeoutError("runs did not finish")


def _finished_at(run_id: int) -> Any:
    from jobapp.store.db import session
    from jobapp.store.tables import RunRow

    with session() as s:
        run = s.get(RunRow, run_id)
        assert run is not None
        return run.finished_at


def measure(queue_url: str, n_tasks: int) -> dict[str, Any]:
    from jobapp.tasks import queue, runs

    steps = [f"noop{i}" for i in range(STEPS_PER_RUN)]
    with tempfile.TemporaryDirectory() as tmp:
        noop = _setup(Path(tmp), queue_url)
        out: dict[str, Any] = {"queue": "redis" if queue_url else "sqlite"}

        handle = queue.start_inprocess_consumer(1)
        try:
            noop(0).get(blocking=True, timeout=30)  # warm up
            lat = []
            for i in range(200):
                t0 = time.perf_counter()
                noop(i).get(blocking=True, timeout=30, backoff=1.0, max_delay=0.001)
                lat.append(time.perf_counter() - t0)
            out["huey_roundtrip_ms"] = round(statistics.median(lat) * 1000, 2)

            from jobapp.store.tables import utcnow

            per_step = []
            for _ in range(30):
                run_id = runs.create_run(steps, {})
                t0 = utcnow()  # the run's own finished_at stamps the end: polling adds no error
                runs.enqueue_run(run_id)
                _wait_runs([run_id])
                per_step.append((_finished_at(run_id) - t0).total_seconds() / STEPS_PER_RUN)
            out["step_overhead_ms"] = round(statistics.median(per_step) * 1000, 2)
        finally:
            handle.stop()

        for workers in (1, 2):
            handle = queue.start_inprocess_consumer(workers)
            try:
                t0 = time.perf_counter()
                results = [noop(i) for i in range(n_tasks)]
                for r in results:
                    r.get(blocking=True, timeout=300, backoff=1.0, max_delay=0.01)
                out[f"tiny_tasks_per_s_{workers}w"] = round(n_tasks / (time.perf_counter() - t0), 1)

                ids = [runs.create_run(steps, {}) for _ in range(n_tasks // STEPS_PER_RUN)]
                t0 = time.perf_counter()
                for run_id in ids:
                    runs.enqueue_run(run_id)
                _wait_runs(ids)
                out[f"step_tasks_per_s_{workers}w"] = round(
                    len(ids) * STEPS_PER_RUN / (time.perf_counter() - t0), 1
                )
            finally:
                handle.stop()
        return out


def _start_redis() -> tuple[subprocess.Popen[bytes], str, str] | None:
    binary = shutil.which("redis-server")
    if binary is None:
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    workdir = tempfile.mkdtemp()
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            workdir,
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    import redis

    for _ in range(100):
        try:
            if redis.Redis(port=port).ping():
                break
        except redis.exceptions.ConnectionError:
            time.sleep(0.05)
    return proc, f"redis://127.0.0.1:{port}/0", workdir


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--redis", action="store_true", help="also measure a throwaway redis-server")
    parser.add_argument("--json", type=Path, help="write the results there as JSON")
    args = parser.parse_args()

    results = [measure("", args.tasks)]
    if args.redis:
        started = _start_redis()
        if started is None:
            print("redis-server not installed: skipping Redis", file=sys.stderr)
        else:
            proc, url, workdir = started
            try:
                results.append(measure(url, args.tasks))
            finally:
                proc.terminate()
                proc.wait(10)
                shutil.rmtree(workdir, ignore_errors=True)
    for r in results:
        ok = "OK" if r["step_overhead_ms"] < 50 else "ABOVE TARGET"
        print(
            f"[{r['queue']}] queue roundtrip {r['huey_roundtrip_ms']} ms (median), "
            f"step task overhead {r['step_overhead_ms']} ms (median, target < 50 ms: {ok})"
        )
        print(
            f"[{r['queue']}] {args.tasks} tiny tasks: {r['tiny_tasks_per_s_1w']}/s with 1 worker, "
            f"{r['tiny_tasks_per_s_2w']}/s with 2; step tasks: {r['step_tasks_per_s_1w']}/s with 1, "
            f"{r['step_tasks_per_s_2w']}/s with 2"
        )
    print(json.dumps(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

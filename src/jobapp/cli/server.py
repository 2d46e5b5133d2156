"""`jobapp serve` (web app + in-process worker) and `jobapp worker` (standalone consumer)."""

from __future__ import annotations

import gc
import ipaddress
import os
import signal
import subprocess
import sys

import click

from jobapp import config
from jobapp.cli.output import console
from jobapp.errors import InvalidInput


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _worker_preexec() -> None:
    """In the worker child: lowest CPU priority, and die with the app (Linux) even if it is killed."""
    os.nice(19)
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def start_worker_process(workers: int) -> subprocess.Popen[bytes]:
    """The queue worker as a child process at the lowest CPU priority.

    Why not threads in the web process: embedding and LLM work hold the CPU (and, in places, the GIL)
    for seconds, and the UI's status and log polling then waits behind them. A separate process at
    the lowest CPU priority keeps the page responsive, and loads the models where they are used,
    once. Its math libraries get all cores but one, so the web server always has a core to answer on.
    """
    threads = str(max(1, (os.cpu_count() or 2) - 1))
    env = {**os.environ, "OMP_NUM_THREADS": threads, "MKL_NUM_THREADS": threads}
    return subprocess.Popen(
        [sys.executable, "-m", "jobapp.tasks.worker", "--workers", str(workers)],
        preexec_fn=_worker_preexec,
        env=env,
    )


@click.command("serve")
@click.option("--host", default=None, help="Address to bind (default JOBAPP_HOST, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default JOBAPP_PORT, 5000).")
@click.option(
    "--workers",
    type=click.IntRange(0, 16),
    default=1,
    show_default=True,
    help="Worker threads of the queue worker process started with the app "
    "(0: none, for separate `jobapp worker` processes).",
)
def serve(host: str | None, port: int | None, workers: int) -> None:
    """Run the web app (production WSGI server) with a task worker process."""
    from waitress import serve as waitress_serve

    from jobapp.web import create_app

    host = host or config.get("JOBAPP_HOST")
    port = port or config.get("JOBAPP_PORT")
    if not is_loopback(host) and not config.get("JOBAPP_TOKEN"):
        raise InvalidInput(
            f"Refusing to listen on {host} without an access token.",
            hint="Set JOBAPP_TOKEN to a long random secret, or bind to 127.0.0.1.",
        )
    app = create_app()
    # Move the app's long-lived objects out of the collector's reach: full collections over them were
    # the tail of the polling latency (bench/api.py p99 82-149 ms before, 41-88 ms after).
    gc.freeze()
    worker_process = start_worker_process(workers) if workers else None
    # SIGTERM (service managers, `kill`) stops the app like Ctrl+C, so the worker is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    console.print(f"Job App Assistant on http://{host}:{port}/  (Ctrl+C to stop)")
    try:
        waitress_serve(app, host=host, port=port, threads=8, ident="jobapp")
    finally:
        if worker_process:
            worker_process.terminate()  # SIGTERM: the worker hands its step back to the queue
            try:
                worker_process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker_process.kill()


@click.command("worker")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker threads.")
def worker(workers: int) -> None:
    """Run a standalone task consumer (several can share a Redis queue and a PostgreSQL database)."""
    from jobapp.tasks.queue import run_worker

    run_worker(workers)


COMMANDS = [serve, worker]

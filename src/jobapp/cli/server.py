"""`jobapp serve` (web app + in-process worker) and `jobapp worker` (standalone consumer)."""

from __future__ import annotations

import ipaddress
import os
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


def start_worker_process(workers: int) -> subprocess.Popen[bytes]:
    """The queue worker as a child process at lower CPU priority.

    Why not threads in the web process: embedding and LLM work hold the CPU (and, in places, the GIL)
    for seconds, and the UI's status and log polling then waits behind them. A separate, niced process
    keeps the page responsive, and loads the models where they are used, once.
    """
    return subprocess.Popen(
        [sys.executable, "-m", "jobapp.tasks.worker", "--workers", str(workers)],
        preexec_fn=lambda: os.nice(10),
    )


@click.command("serve")
@click.option("--host", default=None, help="Address to bind (default JOBAPP_HOST, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default JOBAPP_PORT, 5000).")
@click.option("--workers", type=click.IntRange(0, 16), default=1, show_default=True,
              help="Worker threads of the queue worker process started with the app "
                   "(0: none, for separate `jobapp worker` processes).")
def serve(host: str | None, port: int | None, workers: int) -> None:
    """Run the web app (production WSGI server) with a task worker process."""
    from waitress import serve as waitress_serve

    from jobapp.web import create_app

    host = host or config.get("JOBAPP_HOST")
    port = port or config.get("JOBAPP_PORT")
    if not is_loopback(host) and not config.get("JOBAPP_TOKEN"):
        raise InvalidInput(f"Refusing to listen on {host} without an access token.",
                           hint="Set JOBAPP_TOKEN to a long random secret, or bind to 127.0.0.1.")
    app = create_app()
    worker_process = start_worker_process(workers) if workers else None
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

"""`jobapp serve` (web app + in-process worker) and `jobapp worker` (standalone consumer)."""

from __future__ import annotations

import ipaddress

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


@click.command("serve")
@click.option("--host", default=None, help="Address to bind (default JOBAPP_HOST, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default JOBAPP_PORT, 5000).")
@click.option("--workers", type=click.IntRange(0, 16), default=1, show_default=True,
              help="In-process queue workers (0: only enqueue, for separate `jobapp worker` processes).")
def serve(host: str | None, port: int | None, workers: int) -> None:
    """Run the web app (production WSGI server) with an in-process task worker."""
    from waitress import serve as waitress_serve

    from jobapp.tasks.queue import start_inprocess_consumer
    from jobapp.web import create_app

    host = host or config.get("JOBAPP_HOST")
    port = port or config.get("JOBAPP_PORT")
    if not is_loopback(host) and not config.get("JOBAPP_TOKEN"):
        raise InvalidInput(f"Refusing to listen on {host} without an access token.",
                           hint="Set JOBAPP_TOKEN to a long random secret, or bind to 127.0.0.1.")
    app = create_app()
    consumer = start_inprocess_consumer(workers) if workers else None
    console.print(f"Job App Assistant on http://{host}:{port}/  (Ctrl+C to stop)")
    try:
        waitress_serve(app, host=host, port=port, threads=8, ident="jobapp")
    finally:
        if consumer:
            consumer.stop()


@click.command("worker")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker threads.")
def worker(workers: int) -> None:
    """Run a standalone task consumer (several can share a Redis queue and a PostgreSQL database)."""
    from jobapp.tasks.queue import run_worker

    run_worker(workers)


COMMANDS = [serve, worker]

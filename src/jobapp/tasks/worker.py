"""``python -m jobapp.tasks.worker [--workers N] [--lease SECONDS]``: a standalone queue consumer.

The same thing ``jobapp worker`` runs; usable without the CLI (containers, tests that need a real
worker process to kill).
"""

from __future__ import annotations

import argparse
import logging

from jobapp import config
from jobapp.tasks.leases import DEFAULT_LEASE_SECONDS
from jobapp.tasks.queue import run_worker


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m jobapp.tasks.worker", description=__doc__)
    parser.add_argument("--workers", type=int, default=1, help="consumer threads (default 1)")
    parser.add_argument(
        "--lease",
        type=float,
        default=DEFAULT_LEASE_SECONDS,
        help="seconds without heartbeat before another worker takes a run over",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=config.get("JOBAPP_LOG_LEVEL"), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    run_worker(args.workers, lease_seconds=args.lease)


if __name__ == "__main__":
    main()

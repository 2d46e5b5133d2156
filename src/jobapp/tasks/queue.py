"""The task queue (Huey) and the consumers that execute it.

SQLite in the data dir by default (``queue.db``: nothing to install, survives restarts), Redis when
``JOBAPP_QUEUE_URL=redis://...`` so several worker processes on several machines share the work
(with ``JOBAPP_DATABASE_URL`` pointing them all at one PostgreSQL). Consumers use *threads*, never
forked processes: a worker is one long-lived process that loads each model once and reuses it for
every task and run.

Two ways to consume:

* ``jobapp serve`` calls :func:`start_inprocess_consumer` (threads beside the web app);
* ``jobapp worker`` calls :func:`run_worker` (a standalone process; SIGINT/SIGTERM stop it, the step
  in progress is handed back to the queue between two items).

Plugins: ``JOBAPP_PLUGINS=pkg.mod1,pkg.mod2`` names modules imported when a consumer starts (and by
``execute_run``), so they can register extra step runners (``jobapp.steps.registry.register_step``)
or model backends in the worker process. Tests use it to give a real worker process fake steps.
"""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey
from huey.consumer import Consumer

from jobapp import config
from jobapp.errors import InvalidInput, JobAppError
from jobapp.plugins import load_plugins
from jobapp.tasks import leases, runs
from jobapp.tasks.context import stopping

log = logging.getLogger("jobapp.tasks")

QUEUE_NAME = "jobapp"
STEP_TASK = "jobapp.step"

_lock = threading.Lock()
_hueys: dict[str, Huey] = {}
_step_wrappers: dict[str, Any] = {}  # queue URL -> Huey TaskWrapper of _step_task


def queue_url() -> str:
    """The configured queue, as a URL (the SQLite file when ``JOBAPP_QUEUE_URL`` is empty)."""
    url: str = config.get("JOBAPP_QUEUE_URL")
    return url or f"sqlite:///{config.private_file(config.data_path('queue.db'))}"


def _make_huey(url: str) -> tuple[Huey, Any]:
    if url.startswith(("redis://", "rediss://", "unix://")):
        # blocking: workers wait on BRPOP instead of polling, so a task starts as soon as it is queued.
        huey: Huey = RedisHuey(QUEUE_NAME, url=url, blocking=True, read_timeout=1)
    elif url.startswith("sqlite:///"):
        huey = SqliteHuey(QUEUE_NAME, filename=url.removeprefix("sqlite:///"), strict_fifo=True, timeout=30)
    else:
        raise InvalidInput(
            f"Unsupported JOBAPP_QUEUE_URL {url!r}.",
            hint="Use redis://host:6379/0, or leave it empty for the SQLite queue in the data dir.",
        )
    wrapper = huey.task(
        retries=runs.RETRIES,
        retry_delay=runs.RETRY_DELAY,
        retry_backoff=runs.RETRY_BACKOFF,
        context=True,
        name=STEP_TASK,
    )(_step_task)
    return huey, wrapper


def get_huey() -> Huey:
    """The Huey instance for the configured queue (one per queue URL per process)."""
    url = queue_url()
    with _lock:
        huey = _hueys.get(url)
        if huey is None:
            huey, _step_wrappers[url] = _make_huey(url)
            _hueys[url] = huey
    return huey


def reset_queue() -> None:
    """Forget Huey instances (tests switch data dirs and retry settings)."""
    with _lock:
        _hueys.clear()
        _step_wrappers.clear()


def _step_task(run_id: int, step: str, task: Any = None) -> None:
    """The one task type: execute a step, then chain the next one.

    A transient error is re-raised so Huey schedules the retry with its backoff (``task.retries``
    counts down); everything else was already recorded on the run by ``execute_step``.
    """
    retries = int(getattr(task, "retries", 0) or 0)
    delay = float(getattr(task, "retry_delay", 0) or 0)
    outcome = runs.execute_step(run_id, step, retries_left=retries, retry_delay=delay)
    if outcome.status == "retry" and outcome.error is not None:
        raise outcome.error
    if outcome.next_step is not None and outcome.status in ("done", "released"):
        enqueue_step(run_id, outcome.next_step)


def enqueue_step(run_id: int, step: str) -> None:
    """Put one step of a run on the queue (a worker claims the run when it picks the task up)."""
    get_huey()
    try:
        _step_wrappers[queue_url()](run_id, step)
    except Exception as exc:
        raise JobAppError(
            f"Cannot reach the task queue {queue_url()!r}: {exc}",
            hint="Is Redis running? Check JOBAPP_QUEUE_URL, or unset it to use the SQLite queue.",
        ) from exc


class _Consumer(Consumer):
    """Huey's thread consumer, tuned for low latency and safe to start off the main thread."""

    def __init__(self, huey: Huey, workers: int, *, install_signals: bool) -> None:
        self._install_signals = install_signals
        polls = not huey.storage.blocking
        super().__init__(
            huey,
            workers=workers,
            periodic=False,
            worker_type="thread",
            initial_delay=0.01 if polls else 0.1,
            backoff=1.15,
            max_delay=0.5 if polls else 10.0,
            shutdown_timeout=30,
        )

    def _set_signal_handlers(self) -> None:
        if self._install_signals:
            # Both Ctrl-C and SIGTERM (systemd, docker stop) stop gracefully: the step in progress
            # is handed back to the queue at its next item boundary instead of waiting for recovery.
            self._signal_actions[signal.SIGINT] = (False, True)
            self._signal_actions[signal.SIGTERM] = (False, True)
            super()._set_signal_handlers()

    def stop(self, graceful: bool = False) -> None:
        stopping.set()  # runners stop between items; their step goes back to the queue
        super().stop(graceful=graceful)


class ConsumerHandle:
    """A running in-process consumer; :meth:`stop` ends it (the step in progress is re-queued)."""

    def __init__(self, consumer: _Consumer, recovery: leases.RecoveryThread) -> None:
        self.consumer = consumer
        self.recovery = recovery

    @property
    def workers(self) -> int:
        return len(self.consumer.worker_threads)

    def stop(self) -> None:
        self.recovery.stop()
        self.consumer.stop(graceful=True)
        stopping.clear()


def _prepare(workers: int, lease_seconds: float) -> tuple[Huey, leases.RecoveryThread]:
    if workers < 1:
        raise InvalidInput(f"--workers must be at least 1 (got {workers}).")
    load_plugins()
    stopping.clear()
    huey = get_huey()
    leases.set_heartbeat_interval(lease_seconds / 4)
    recovery = leases.RecoveryThread(lease_seconds, enqueue_step)
    return huey, recovery


def start_inprocess_consumer(
    workers: int = 1, *, lease_seconds: float = leases.DEFAULT_LEASE_SECONDS
) -> ConsumerHandle:
    """Start ``workers`` consumer threads in this process (``jobapp serve``); returns at once."""
    huey, recovery = _prepare(workers, lease_seconds)
    consumer = _Consumer(huey, workers, install_signals=False)
    consumer.start()
    recovery.start()  # first pass at once: resumes runs a previous crash left behind
    return ConsumerHandle(consumer, recovery)


def run_worker(workers: int = 1, *, lease_seconds: float = leases.DEFAULT_LEASE_SECONDS) -> None:
    """Run a standalone consumer until SIGINT/SIGTERM (``jobapp worker``). Blocks."""
    huey, recovery = _prepare(workers, lease_seconds)
    consumer = _Consumer(huey, workers, install_signals=True)
    recovery.start()
    log.info("worker %s started: %d thread(s), queue %s", leases.worker_id(), workers, queue_url())
    try:
        consumer.run()
    finally:
        recovery.stop()

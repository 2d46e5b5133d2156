"""Worker leases: which process executes a run, and how runs of a dead worker come back.

Huey removes a task from the queue when a worker dequeues it, so a worker killed mid-step (SIGKILL,
OOM, power cut) takes its task with it. We therefore never rely on the queue alone: the run row is
the source of truth. A worker *claims* a run (``status='running'``, ``worker_id``, ``heartbeat_at``)
and a heartbeat thread renews ``heartbeat_at`` while the step runs. Any consumer, at start-up and
then periodically, looks for runs whose lease has expired — or whose worker is a process of this
machine that no longer exists — puts them back to ``queued`` with a compare-and-set (so two
recovering workers cannot both take the same run) and enqueues their current step again. Because a
task first claims its run with another compare-and-set, a duplicated task is a harmless no-op, and
because runners skip items already in ``step_items``, the resumed step does not redo finished work.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from jobapp import config
from jobapp.messages import msg
from jobapp.store.db import session
from jobapp.store.tables import RunRow, utcnow
from jobapp.tasks.events import event_row, step_name

log = logging.getLogger("jobapp.tasks")

#: A run whose heartbeat is older than this is presumed abandoned by its worker. Only matters across
#: machines: a dead worker process of the same machine is noticed at once. Generous, so that a step
#: stuck in a long C call (model load) is never taken over while its worker still lives.
DEFAULT_LEASE_SECONDS = 120.0

_lock = threading.Lock()
_active: dict[int, str] = {}  # run id -> database URL, for the runs this process is executing
_heartbeat_interval = DEFAULT_LEASE_SECONDS / 4
_heartbeat_thread: threading.Thread | None = None
_heartbeat_wake = threading.Event()


def updated_rows(s: Session, statement: Any) -> int:
    """Execute an UPDATE and return how many rows it changed (compare-and-set checks rely on it)."""
    result = cast(CursorResult[Any], s.execute(statement))
    return int(result.rowcount)


def worker_id() -> str:
    """``host:pid`` of this process (computed each time: a forked child gets its own)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _process_gone(owner: str) -> bool:
    """True when ``owner`` names a process of this machine that no longer runs (or this process
    itself, for a run it is not executing: left over from a consumer that was stopped)."""
    host, _, pid_text = owner.rpartition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # callers only ask about runs this process does not hold
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, owned by another user
        return False
    return False


def set_heartbeat_interval(seconds: float) -> None:
    """Renew leases at least this often (consumers pass a quarter of their lease)."""
    global _heartbeat_interval
    with _lock:
        _heartbeat_interval = min(_heartbeat_interval, max(seconds, 0.2))
    _heartbeat_wake.set()


def hold(run_id: int) -> None:
    """Mark ``run_id`` as executed by this process: its lease is renewed until :func:`drop`."""
    global _heartbeat_thread
    with _lock:
        _active[run_id] = config.database_url()
        if _heartbeat_thread is None or not _heartbeat_thread.is_alive():
            _heartbeat_thread = threading.Thread(target=_heartbeat_loop, name="jobapp-heartbeat", daemon=True)
            _heartbeat_thread.start()


def drop(run_id: int) -> None:
    with _lock:
        _active.pop(run_id, None)


def held() -> set[int]:
    with _lock:
        return set(_active)


def renew_leases() -> None:
    """Push ``heartbeat_at`` of every run this process executes (one UPDATE per database)."""
    with _lock:
        by_url: dict[str, list[int]] = {}
        for run_id, url in _active.items():
            by_url.setdefault(url, []).append(run_id)
    me = worker_id()
    for url, ids in by_url.items():
        try:
            with session(url) as s:
                updated_rows(
                    s,
                    update(RunRow)
                    .where(RunRow.id.in_(ids), RunRow.worker_id == me, RunRow.status == "running")
                    .values(heartbeat_at=utcnow()),
                )
        except Exception:  # a database hiccup must not kill the heartbeat; the next beat retries
            log.exception("could not renew run leases")


def _heartbeat_loop() -> None:
    while True:
        _heartbeat_wake.wait(_heartbeat_interval)
        _heartbeat_wake.clear()
        if held():
            renew_leases()


def _take_over(s: Session, run_id: int, status: str, owner: str, beat: Any, new: dict[str, Any]) -> bool:
    """Compare-and-set: update the run only if it is still as it was read (status, worker,
    heartbeat), so two processes acting on the same stale run cannot both take it."""
    cond = [RunRow.id == run_id, RunRow.status == status, RunRow.worker_id == owner]
    cond.append(RunRow.heartbeat_at.is_(None) if beat is None else RunRow.heartbeat_at == beat)
    return updated_rows(s, update(RunRow).where(*cond).values(**new)) == 1


def recover_stale_runs(lease_seconds: float, enqueue: Callable[[int, str], None]) -> list[int]:
    """Re-enqueue runs whose worker stopped renewing its lease; returns their ids.

    * ``running`` runs whose heartbeat is older than ``lease_seconds``, or whose worker is a dead
      process of this machine (found at once, without waiting for the lease to expire);
    * ``queued`` runs untouched for ``lease_seconds``: the task that should carry them may have been
      lost between a step finishing and the next being enqueued. Re-enqueueing one that *is* still
      in the queue costs one no-op task (the claim fails for the duplicate).
    """
    now = utcnow()
    cutoff = now - timedelta(seconds=lease_seconds)
    with session() as s:
        rows = s.execute(
            select(
                RunRow.id, RunRow.status, RunRow.current_step, RunRow.worker_id, RunRow.heartbeat_at
            ).where(RunRow.status.in_(("running", "queued")))
        ).all()
    recovered: list[int] = []
    for run_id, status, step, owner, beat in rows:
        if run_id in held():  # read now, not before the query: hold() precedes every claim
            continue
        expired = beat is None or beat < cutoff
        if status == "running" and not (expired or _process_gone(owner or "")):
            continue
        if status == "queued" and not expired:
            continue
        with session() as s:
            taken = _take_over(
                s,
                run_id,
                status,
                owner,
                beat,
                {"status": "queued", "worker_id": "", "heartbeat_at": utcnow()},
            )
            if taken and status == "running":
                lost = msg("run.worker_lost", worker=owner, step=step_name(step))
                s.add(event_row(run_id, lost, step=step, level="warning"))
        if taken:
            log.warning("recovering run %s (step %s, was %s by %r)", run_id, step, status, owner)
            enqueue(run_id, step)
            recovered.append(run_id)
    return recovered


def interrupt_dead_runs(lease_seconds: float = DEFAULT_LEASE_SECONDS) -> list[int]:
    """Mark ``interrupted`` the runs whose process on this machine died and that nobody took back.

    A ``jobapp run`` killed with SIGKILL (or a closed terminal) leaves its run ``running`` with no
    worker to recover it. Once its lease has expired (a live queue consumer re-queues a dead
    worker's run long before that) the run is shown as interrupted, with an event that says how to
    go on: ``jobapp runs resume ID`` continues it, finished items kept.
    """
    cutoff = utcnow() - timedelta(seconds=lease_seconds)
    with session() as s:
        rows = s.execute(
            select(RunRow.id, RunRow.current_step, RunRow.worker_id, RunRow.heartbeat_at).where(
                RunRow.status == "running"
            )
        ).all()
    stopped: list[int] = []
    for run_id, step, owner, beat in rows:
        if run_id in held() or (beat is not None and beat >= cutoff) or not _process_gone(owner or ""):
            continue
        with session() as s:
            if _take_over(s, run_id, "running", owner, beat, {"status": "interrupted", "worker_id": ""}):
                gone = msg("run.process_gone", step=step_name(step), run=run_id)
                s.add(event_row(run_id, gone, step=step, level="warning"))
                stopped.append(run_id)
    return stopped


class RecoveryThread(threading.Thread):
    """Runs :func:`recover_stale_runs` now and then every half lease until stopped."""

    def __init__(self, lease_seconds: float, enqueue: Callable[[int, str], None]) -> None:
        super().__init__(name="jobapp-recovery", daemon=True)
        self.lease_seconds = lease_seconds
        self.enqueue = enqueue
        self._stop_event = threading.Event()
        self._db_url = config.database_url()

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                if config.database_url() == self._db_url:  # tests switch data dirs under our feet
                    recover_stale_runs(self.lease_seconds, self.enqueue)
            except Exception:
                log.exception("stale-run recovery failed; will try again")
            self._stop_event.wait(max(self.lease_seconds / 2, 0.5))

    def stop(self) -> None:
        self._stop_event.set()

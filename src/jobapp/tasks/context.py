"""The database-backed :class:`~jobapp.steps.base.StepContext` a run's steps execute against.

Everything a runner reports goes to rows keyed by the run id — events to ``run_events`` (the live
log the CLI ``--follow`` and the web UI poll), items to ``step_items`` — so two runs executing at
the same time never mix their logs or their progress, and a step resumed by another worker (after a
crash) sees exactly which items the first one finished.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jobapp.errors import NotFound
from jobapp.store.db import session
from jobapp.store.tables import RunEventRow, RunRow, StepItemRow, utcnow
from jobapp.tasks.events import event_row
from jobapp.tasks.leases import updated_rows

log = logging.getLogger("jobapp.tasks")

#: Set while this process's consumer shuts down: runners stop between items, the step is re-queued.
stopping = threading.Event()

_LOG_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
}
_KEY_MAX = 100  # width of step_items.item_key
_BATCH = 500  # keys per statement of mark_all_done (well under SQLite's bound-parameter limit)


def item_key(key: object) -> str:
    """An item key that fits the column: long keys keep a readable prefix plus a hash."""
    text = str(key)
    if len(text) <= _KEY_MAX:
        return text
    digest = hashlib.sha1(text.encode()).hexdigest()[:16]
    return f"{text[: _KEY_MAX - 17]}~{digest}"


def event_dict(row: RunEventRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "run_id": row.run_id,
        "ts": row.ts.isoformat(timespec="milliseconds") + "Z" if row.ts else None,  # UTC
        "level": row.level,
        "step": row.step,
        "message": row.message,
        "message_data": row.message_data,
        "done": row.done,
        "total": row.total,
    }


class RunContext:
    """Implements ``StepContext`` for run ``run_id``.

    ``worker_id`` is the lease holder executing the run: if another worker takes the run over (our
    lease expired), :meth:`cancelled` turns true so the runner stops instead of working twice.
    ``on_event`` receives each event as a dict as well (the CLI prints them live).
    """

    #: cancelled() hits the database at most this often; runners may call it once per item.
    CANCEL_POLL_S = 0.25

    def __init__(
        self,
        run_id: int,
        *,
        run: RunRow | None = None,
        worker_id: str | None = None,
        on_event: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        if run is None:
            with session() as s:
                run = s.get(RunRow, run_id)
                if run is None:
                    raise NotFound(f"Run {run_id} does not exist.", hint="List runs with `jobapp runs list`.")
        self.params: dict[str, Any] = dict(run.params or {})
        self.steps: list[str] = list(run.steps or [])
        self.run_id: int | None = run_id
        self.worker_id = worker_id
        self.on_event = on_event
        self._done: dict[str, set[str]] = {}
        self._marked: dict[str, int] = {}
        self._pending: list[dict[str, Any]] = []
        self._cancel_checked = 0.0
        self._cancelled = False
        #: True once the runner was told the consumer is stopping (so it may have stopped early).
        self.stop_seen = False

    @property
    def _id(self) -> int:
        assert self.run_id is not None
        return self.run_id

    # -- logs -----------------------------------------------------------------------------------
    def log(
        self,
        step: str,
        message: str,
        *,
        level: str = "info",
        done: int | None = None,
        total: int | None = None,
    ) -> None:
        with session() as s:
            self.add_event(s, step, message, level=level, done=done, total=total)
        self.emit_pending()

    def add_event(
        self,
        s: Session,
        step: str,
        message: str,
        *,
        level: str = "info",
        done: int | None = None,
        total: int | None = None,
    ) -> None:
        """Write an event inside the caller's transaction; :meth:`emit_pending` after the commit
        passes it to ``on_event`` (so a rolled-back event is never shown). A :class:`Message` keeps
        its key and parameters beside its English text (the page renders it in its language)."""
        row = event_row(self._id, message, step=step, level=level, done=done, total=total)
        s.add(row)
        s.flush()
        self._pending.append(event_dict(row))

    def emit_pending(self) -> None:
        pending, self._pending = self._pending, []
        for event in pending:
            level = _LOG_LEVELS.get(event["level"], logging.INFO)
            log.log(level, "run %s %s: %s", self.run_id, event["step"], event["message"])
            if self.on_event is not None:
                self.on_event(event)

    def discard_pending(self) -> None:
        self._pending = []

    # -- items ----------------------------------------------------------------------------------
    def _done_keys(self, step: str) -> set[str]:
        # Only the lease holder works on a step, so the set read once stays true for this attempt.
        if step not in self._done:
            with session() as s:
                keys = s.scalars(
                    select(StepItemRow.item_key).where(
                        StepItemRow.run_id == self._id, StepItemRow.step == step, StepItemRow.status == "done"
                    )
                )
                self._done[step] = set(keys)
        return self._done[step]

    def is_done(self, step: str, item_key_: str) -> bool:
        return item_key(item_key_) in self._done_keys(step)

    def _set_item(self, step: str, key: str, status: str, error: str) -> None:
        values = {"status": status, "error": error, "updated_at": utcnow()}
        where = (StepItemRow.run_id == self._id, StepItemRow.step == step, StepItemRow.item_key == key)
        for _ in range(2):  # update-or-insert, portable across SQLite and PostgreSQL
            try:
                with session() as s:
                    if updated_rows(s, update(StepItemRow).where(*where).values(**values)):
                        return
                    s.add(StepItemRow(run_id=self._id, step=step, item_key=key, **values))
                return
            except IntegrityError:  # inserted concurrently: the update wins on the second pass
                continue

    def mark_done(self, step: str, item_key_: str) -> None:
        key = item_key(item_key_)
        self._set_item(step, key, "done", "")
        self._done_keys(step).add(key)
        self._marked[step] = self._marked.get(step, 0) + 1

    def mark_all_done(self, step: str, item_keys: Iterable[str]) -> None:
        """:meth:`mark_done` for many items in one transaction per :data:`_BATCH` keys: a rerun marks
        every cached offer done, and a transaction per offer was most of its time."""
        done = self._done_keys(step)
        keys = [k for k in dict.fromkeys(item_key(k) for k in item_keys) if k not in done]
        for start in range(0, len(keys), _BATCH):
            self._insert_done(step, keys[start : start + _BATCH])
        done.update(keys)
        self._marked[step] = self._marked.get(step, 0) + len(keys)

    def _insert_done(self, step: str, keys: list[str]) -> None:
        values = {"status": "done", "error": "", "updated_at": utcnow()}
        mine = (StepItemRow.run_id == self._id, StepItemRow.step == step)
        for _ in range(2):  # update-or-insert, portable across SQLite and PostgreSQL
            try:
                with session() as s:
                    known = set(
                        s.scalars(select(StepItemRow.item_key).where(*mine, StepItemRow.item_key.in_(keys)))
                    )
                    if known:
                        s.execute(
                            update(StepItemRow).where(*mine, StepItemRow.item_key.in_(known)).values(**values)
                        )
                    s.add_all(
                        StepItemRow(run_id=self._id, step=step, item_key=k, **values)
                        for k in keys
                        if k not in known
                    )
                return
            except IntegrityError:  # one inserted concurrently: the second pass updates it
                continue

    def mark_failed(self, step: str, item_key_: str, error: str) -> None:
        key = item_key(item_key_)
        if key in self._done_keys(step):
            return  # a later failure must not erase a result that exists
        self._set_item(step, key, "failed", error)

    def marked(self, step: str) -> int:
        """Items this context marked done for ``step`` (what it actually processed)."""
        return self._marked.get(step, 0)

    # -- cancellation ---------------------------------------------------------------------------
    def cancelled(self) -> bool:
        """True when the user cancelled the run, the consumer is shutting down, or another worker
        took the run over. Runners check it between items."""
        if stopping.is_set():
            self.stop_seen = True  # the runner is told to stop: its step ends unfinished
            return True
        if self._cancelled:
            return True
        now = time.monotonic()
        if now - self._cancel_checked < self.CANCEL_POLL_S:
            return False
        self._cancel_checked = now
        with session() as s:
            row = s.execute(
                select(RunRow.cancel_requested, RunRow.worker_id).where(RunRow.id == self._id)
            ).first()
        if row is None:
            self._cancelled = True
        else:
            requested, owner = row
            self._cancelled = bool(requested) or (self.worker_id is not None and owner != self.worker_id)
        return self._cancelled

    def cancel_requested(self) -> bool:
        """The user asked to cancel (read now, not throttled)."""
        with session() as s:
            return bool(s.scalar(select(RunRow.cancel_requested).where(RunRow.id == self._id)))

    def lease_lost(self) -> bool:
        if self.worker_id is None:
            return False
        with session() as s:
            owner = s.scalar(select(RunRow.worker_id).where(RunRow.id == self._id))
        return owner != self.worker_id


__all__ = ["RunContext", "event_dict", "item_key", "stopping"]

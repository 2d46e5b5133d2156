"""Runs: create them, execute them (on the queue or in-process), cancel them, read their state.

A run is the list of steps the user asked for. It advances one step at a time: each step is one
queue task that claims the run (compare-and-set on the run row), executes the step's runner against
a :class:`RunContext`, records its timing, then moves the run to the next step and enqueues it. Steps
of different runs therefore interleave across however many workers share the queue, and whichever
worker is free takes the next step. :func:`execute_run` walks the same :func:`execute_step` in the
calling process (the CLI's ``jobapp run``) so there is one code path for both.

Run states: ``queued`` (waiting for a worker to execute ``current_step``), ``running``, and the final
``done``, ``failed`` and ``cancelled``.
"""

from __future__ import annotations

import json
import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from jobapp.errors import InvalidInput, JobAppError, NotFound
from jobapp.messages import Message, error_message, msg
from jobapp.steps.base import StepResult
from jobapp.steps.registry import get_step, parse_steps
from jobapp.store.db import session
from jobapp.store.tables import RunEventRow, RunRow, StepItemRow, StepTimingRow, utcnow
from jobapp.tasks import leases
from jobapp.tasks.context import RunContext, event_dict
from jobapp.tasks.errors import is_transient
from jobapp.tasks.events import event_row, step_name
from jobapp.tasks.leases import updated_rows

log = logging.getLogger("jobapp.tasks")

#: Retry policy for transient errors: delays RETRY_DELAY, x BACKOFF, x BACKOFF**2 ... seconds.
RETRIES = 3
RETRY_DELAY = 2.0
RETRY_BACKOFF = 3.0

FINAL_STATES = ("done", "failed", "cancelled")
#: states in which nothing executes the run: the final ones, and "interrupted" (its process died;
#: :func:`resume_run` continues it)
STOPPED_STATES = (*FINAL_STATES, "interrupted")

EventCallback = Callable[[dict[str, Any]], None]


@dataclass
class StepOutcome:
    """What happened to one attempt at one step.

    status: ``done`` (``next_step`` to run, or None when the run is over), ``retry`` (transient
    error, the step should be tried again after a delay), ``failed``, ``cancelled``, ``released``
    (the consumer is stopping: the step was handed back to the queue) or ``skipped`` (another
    worker holds the run, or the run already moved on: a duplicate task).
    """

    status: str
    next_step: str | None = None
    error: BaseException | None = None


def _jsonable(params: dict[str, Any]) -> dict[str, Any]:
    # Paths and other objects become strings: a run's params are stored as JSON.
    result: dict[str, Any] = json.loads(json.dumps(params or {}, default=str))
    return result


def create_run(steps: str | list[str] | None, params: dict[str, Any] | None = None) -> int:
    """Store a new queued run of ``steps`` ('all', a range 'summarise-rerank', a name or a list)."""
    names = parse_steps(steps)
    with session() as s:
        run = RunRow(
            steps=names,
            params=_jsonable(params or {}),
            status="queued",
            current_step=names[0],
            heartbeat_at=utcnow(),
        )
        s.add(run)
        s.flush()
        s.add(event_row(run.id, msg("run.created", steps=[step_name(n) for n in names])))
        return run.id


def enqueue_run(run_id: int) -> None:
    """Hand a queued run to the task queue (workers pick it up)."""
    from jobapp.tasks.queue import enqueue_step

    run = _load(run_id)
    if run.status != "queued":
        raise InvalidInput(
            f"Run {run_id} is {run.status}, not queued.",
            hint="Create a new run to execute these steps again.",
        )
    with session() as s:
        s.execute(update(RunRow).where(RunRow.id == run_id).values(heartbeat_at=utcnow()))
    enqueue_step(run_id, run.current_step)


def _load(run_id: int) -> RunRow:
    with session() as s:
        run = s.get(RunRow, run_id)
        if run is None:
            raise NotFound(f"Run {run_id} does not exist.", hint="List runs with `jobapp runs list`.")
        return run


def _claim(run_id: int, step: str, me: str, on_event: EventCallback | None) -> RunContext | None:
    """Take the run for this worker (compare-and-set from ``queued``) and log the step's start, in
    one transaction. None when another worker has it or the run moved on (a duplicate task)."""
    now = utcnow()
    with session() as s:
        taken = updated_rows(
            s,
            update(RunRow)
            .where(RunRow.id == run_id, RunRow.current_step == step, RunRow.status == "queued")
            .values(
                status="running",
                worker_id=me,
                heartbeat_at=now,
                started_at=func.coalesce(RunRow.started_at, now),
            ),
        )
        if not taken:
            return None
        run = s.get(RunRow, run_id)
        assert run is not None
        ctx = RunContext(run_id, run=run, worker_id=me, on_event=on_event)
        ctx.add_event(s, step, msg("run.step_started", step=step_name(step), worker=me))
    ctx.emit_pending()
    return ctx


def _transition(run_id: int, me: str, **values: Any) -> bool:
    """Update the run only if this worker still holds it (its lease was not taken over)."""
    with session() as s:
        changed = updated_rows(
            s,
            update(RunRow)
            .where(RunRow.id == run_id, RunRow.worker_id == me, RunRow.status == "running")
            .values(**values),
        )
    return changed == 1


def _error_text(exc: BaseException) -> str:
    """What the log says of a failure; a user-facing error built from catalogue messages stays one
    (its parts render in the page's language)."""
    if isinstance(exc, JobAppError):
        return error_message(exc)
    return f"{type(exc).__name__}: {exc}"


def _finished(step: str, wall: float, result: StepResult, items: int) -> Message:
    summary = result.message or msg("run.items", n=items)
    if result.failed:
        return msg(
            "run.step_finished_failed", step=step_name(step), wall=wall, summary=summary, failed=result.failed
        )
    return msg("run.step_finished", step=step_name(step), wall=wall, summary=summary)


def execute_step(
    run_id: int,
    step: str,
    *,
    retries_left: int = 0,
    retry_delay: float = 0.0,
    on_event: EventCallback | None = None,
) -> StepOutcome:
    """Execute one step of a run in this process: the body of every queue task.

    ``retries_left`` says whether a transient error should give the step back for a retry
    (``retry``) or fail the run. The caller enqueues ``next_step`` (the queue) or loops (the CLI).
    """
    me = leases.worker_id()
    leases.hold(run_id)  # before the claim, so our own recovery thread never sees it unheld
    try:
        ctx = _claim(run_id, step, me, on_event)
        if ctx is None:
            return StepOutcome("skipped")
        return _run_claimed(ctx, step, me, retries_left, retry_delay)
    finally:
        leases.drop(run_id)


def _run_claimed(ctx: RunContext, step: str, me: str, retries_left: int, retry_delay: float) -> StepOutcome:
    run_id = ctx.run_id
    assert run_id is not None
    if ctx.cancel_requested():
        _transition(run_id, me, status="cancelled", finished_at=utcnow())
        ctx.log(step, msg("run.cancelled_before"), level="warning")
        return StepOutcome("cancelled")
    started_at = utcnow()
    t0 = time.perf_counter()
    try:
        result = get_step(step)(ctx)
    except Exception as exc:
        return _step_failed(ctx, step, me, exc, time.perf_counter() - t0, retries_left, retry_delay)
    wall = time.perf_counter() - t0
    return _finish_step(ctx, step, me, result, wall, started_at)


def _step_failed(
    ctx: RunContext, step: str, me: str, exc: Exception, wall: float, retries_left: int, retry_delay: float
) -> StepOutcome:
    run_id = ctx.run_id
    assert run_id is not None
    if ctx.lease_lost():  # another worker took the run over: its attempt is the one that counts
        return StepOutcome("skipped", error=exc)
    text = _error_text(exc)
    if is_transient(exc) and retries_left > 0:
        not_before = utcnow() + timedelta(seconds=retry_delay)
        _transition(run_id, me, status="queued", worker_id="", heartbeat_at=not_before)
        ctx.log(
            step,
            msg("run.retrying", wall=wall, error=text, delay=retry_delay, left=retries_left),
            level="warning",
        )
        return StepOutcome("retry", error=exc)
    _transition(run_id, me, status="failed", error=f"{step}: {text}", finished_at=utcnow())
    if not isinstance(exc, JobAppError):  # a bug, not bad input: keep the traceback with the run
        trace = "".join(traceback.format_exception(exc)[-12:])
        ctx.log(step, msg("run.traceback", trace=trace), level="debug")
    ctx.log(step, msg("run.step_failed", step=step_name(step), error=text), level="error")
    return StepOutcome("failed", error=exc)


def _finish_step(
    ctx: RunContext, step: str, me: str, result: StepResult, wall: float, started_at: datetime
) -> StepOutcome:
    """Record the step's timing and move the run on, in one transaction guarded by the lease."""
    run_id = ctx.run_id
    assert run_id is not None
    steps = list(ctx.steps)
    index = steps.index(step) if step in steps else len(steps)
    following = steps[index + 1] if index + 1 < len(steps) else None
    with session() as s:
        cancel = bool(s.scalar(select(RunRow.cancel_requested).where(RunRow.id == run_id)))
        now = utcnow()
        if ctx.stop_seen and not cancel:  # the runner stopped early because the consumer stops
            values: dict[str, Any] = {"status": "queued", "worker_id": "", "heartbeat_at": now}
            outcome = StepOutcome("released", next_step=step)
            ctx.add_event(
                s,
                step,
                msg("run.handed_back", step=step_name(step)),
                level="warning",
            )
        elif cancel:
            values = {"status": "cancelled", "finished_at": now}
            outcome = StepOutcome("cancelled")
            ctx.add_event(s, step, msg("run.cancelled_during", step=step_name(step)), level="warning")
        else:
            items = result.items or ctx.marked(step)
            s.add(
                StepTimingRow(
                    run_id=run_id,
                    step=step,
                    wall_s=wall,
                    items=items,
                    items_per_s=items / wall if wall > 0 else 0.0,
                    started_at=started_at,
                )
            )
            ctx.add_event(
                s, step, _finished(step, wall, result, items), level="warning" if result.failed else "info"
            )
            if following is None:
                values = {"status": "done", "finished_at": now}
                ctx.add_event(s, "", msg("run.finished"))
            else:
                values = {"status": "queued", "current_step": following, "worker_id": "", "heartbeat_at": now}
            outcome = StepOutcome("done", next_step=following)
        moved = updated_rows(
            s,
            update(RunRow)
            .where(RunRow.id == run_id, RunRow.worker_id == me, RunRow.status == "running")
            .values(**values),
        )
        if not moved:  # our lease was taken over while we were stalled: the other worker owns the run
            s.rollback()
            ctx.discard_pending()
            return StepOutcome("skipped")
    ctx.emit_pending()
    return outcome


def execute_run(run_id: int, on_event: EventCallback | None = None) -> dict[str, Any]:
    """Execute a queued run in this process, step after step, retrying transient errors.

    Used by ``jobapp run``: same code path as the queue workers. Ctrl-C cancels the run.
    """
    from jobapp.plugins import load_plugins

    load_plugins()
    run = _load(run_id)
    if run.status != "queued":
        raise InvalidInput(
            f"Run {run_id} is {run.status}, not queued.",
            hint="Create a new run to execute these steps again.",
        )
    step: str | None = run.current_step
    try:
        while step is not None:
            retries_left, delay = RETRIES, RETRY_DELAY
            while True:
                outcome = execute_step(
                    run_id, step, retries_left=retries_left, retry_delay=delay, on_event=on_event
                )
                if outcome.status != "retry":
                    break
                time.sleep(delay)
                retries_left, delay = retries_left - 1, delay * RETRY_BACKOFF
            if outcome.status == "skipped":
                raise InvalidInput(
                    f"Run {run_id} is being executed by another worker.",
                    hint=f"Follow it with `jobapp runs show {run_id} --follow`.",
                )
            step = outcome.next_step if outcome.status == "done" else None
    except KeyboardInterrupt:
        cancel_run(run_id)
        with session() as s:
            updated_rows(
                s,
                update(RunRow)
                .where(RunRow.id == run_id, RunRow.status.in_(("running", "queued")))
                .values(status="cancelled", finished_at=utcnow()),
            )
        raise
    return get_run(run_id)


def resume_run(run_id: int) -> None:
    """Put an interrupted run back to ``queued`` at the step it stopped in (finished items stay)."""
    run = _load(run_id)
    with session() as s:
        if not updated_rows(
            s,
            update(RunRow)
            .where(RunRow.id == run_id, RunRow.status == "interrupted")
            .values(status="queued", worker_id="", cancel_requested=False, heartbeat_at=utcnow()),
        ):
            raise InvalidInput(
                f"Run {run_id} is {run.status}, not interrupted.",
                hint="Only a run whose process died can be resumed; start a new run otherwise.",
            )
        s.add(event_row(run_id, msg("run.resumed"), step=run.current_step))


def cancel_run(run_id: int) -> str:
    """Ask a run to stop; returns its status afterwards.

    A queued run is cancelled at once; a running one stops at the runner's next item boundary
    (runners check ``ctx.cancelled()`` between items) and no further step is started.
    """
    _load(run_id)
    with session() as s:
        s.execute(
            update(RunRow)
            .where(RunRow.id == run_id, RunRow.status.not_in(FINAL_STATES))
            .values(cancel_requested=True)
        )
        if updated_rows(
            s,
            update(RunRow)
            .where(RunRow.id == run_id, RunRow.status.in_(("queued", "interrupted")))
            .values(status="cancelled", finished_at=utcnow()),
        ):
            s.add(event_row(run_id, msg("run.cancelled"), level="warning"))
    return _load(run_id).status


# -- reading ------------------------------------------------------------------------------------
def _iso(value: Any) -> str | None:
    # Stored naive in UTC; the "Z" makes browsers (Date.parse) read it as UTC, not local time.
    return value.isoformat(timespec="seconds") + "Z" if value else None


def _run_dict(run: RunRow) -> dict[str, Any]:
    end = run.finished_at or (utcnow() if run.started_at else None)
    return {
        "id": run.id,
        "steps": list(run.steps),
        "params": dict(run.params or {}),
        "status": run.status,
        "current_step": run.current_step,
        "error": run.error,
        "cancel_requested": bool(run.cancel_requested),
        "created_at": _iso(run.created_at),
        "started_at": _iso(run.started_at),
        "finished_at": _iso(run.finished_at),
        "elapsed_s": (end - run.started_at).total_seconds() if end and run.started_at else None,
        "worker_id": run.worker_id,
        "heartbeat_at": _iso(run.heartbeat_at),
    }


def get_run(run_id: int) -> dict[str, Any]:
    """A run with per-step progress: ``progress[step] = {done, failed, total}`` (total from the
    runner's latest ``log(..., total=)``, None when it never said)."""
    run = _load(run_id)
    if run.status == "running" and run_id in leases.interrupt_dead_runs():
        run = _load(run_id)  # whoever looks at a run whose process was killed sees it interrupted
    out = _run_dict(run)
    progress: dict[str, dict[str, Any]] = {s: {"done": 0, "failed": 0, "total": None} for s in run.steps}
    with session() as s:
        for step, status, count in s.execute(
            select(StepItemRow.step, StepItemRow.status, func.count())
            .where(StepItemRow.run_id == run_id)
            .group_by(StepItemRow.step, StepItemRow.status)
        ):
            progress.setdefault(step, {"done": 0, "failed": 0, "total": None})[status] = count
        last_ids = (
            select(func.max(RunEventRow.id))
            .where(RunEventRow.run_id == run_id, RunEventRow.total.is_not(None))
            .group_by(RunEventRow.step)
        )
        for step, total in s.execute(
            select(RunEventRow.step, RunEventRow.total).where(RunEventRow.id.in_(last_ids))
        ):
            progress.setdefault(step, {"done": 0, "failed": 0, "total": None})["total"] = total
        out["timings"] = [
            _timing_dict(t)
            for t in s.scalars(
                select(StepTimingRow).where(StepTimingRow.run_id == run_id).order_by(StepTimingRow.id)
            )
        ]
    out["progress"] = progress
    return out


def list_runs(limit: int = 20) -> list[dict[str, Any]]:
    """The latest runs, newest first."""
    leases.interrupt_dead_runs()
    with session() as s:
        rows = s.scalars(select(RunRow).order_by(RunRow.id.desc()).limit(limit)).all()
    return [_run_dict(r) for r in rows]


def run_events(run_id: int, after_id: int = 0, limit: int = 1000) -> list[dict[str, Any]]:
    """Events of a run with id > ``after_id``, oldest first: poll with the last id seen."""
    with session() as s:
        rows = s.scalars(
            select(RunEventRow)
            .where(RunEventRow.run_id == run_id, RunEventRow.id > after_id)
            .order_by(RunEventRow.id)
            .limit(limit)
        ).all()
    return [event_dict(r) for r in rows]


def _timing_dict(t: StepTimingRow) -> dict[str, Any]:
    return {
        "run_id": t.run_id,
        "step": t.step,
        "wall_s": t.wall_s,
        "items": t.items,
        "items_per_s": t.items_per_s,
        "started_at": _iso(t.started_at),
    }


def run_timings(run_id: int | None = None, runs: int = 1) -> list[dict[str, Any]]:
    """Per-step timings of ``run_id``, or when None of the latest ``runs`` runs that have any
    (oldest run first: the page's chart of time over runs reads them in order)."""
    with session() as s:
        if run_id is None:
            latest = select(StepTimingRow.run_id).distinct().order_by(StepTimingRow.run_id.desc())
            run_ids = list(s.scalars(latest.limit(max(1, runs))))
        else:
            run_ids = [run_id]
        rows = s.scalars(
            select(StepTimingRow)
            .where(StepTimingRow.run_id.in_(run_ids))
            .order_by(StepTimingRow.run_id, StepTimingRow.id)
        )
        return [_timing_dict(t) for t in rows]

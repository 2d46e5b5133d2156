"""Marking many items done at once (a rerun marks every cached offer): one transaction per batch,
same rows as marking them one by one, a failed item turned done, keys too long shortened alike."""

from __future__ import annotations

from sqlalchemy import select

from jobapp.store.db import session
from jobapp.store.tables import StepItemRow
from jobapp.tasks import context as ctx_module
from jobapp.tasks.context import RunContext, item_key
from jobapp.tasks.runs import create_run


def _rows(run_id: int) -> dict[str, tuple[str, str]]:
    with session() as s:
        rows = s.scalars(select(StepItemRow).where(StepItemRow.run_id == run_id)).all()
    return {r.item_key: (r.status, r.error) for r in rows}


def test_mark_all_done_writes_every_item_once(monkeypatch):
    monkeypatch.setattr(ctx_module, "_BATCH", 2)  # several batches
    run_id = create_run(["summarise"])
    ctx = RunContext(run_id)
    ctx.mark_failed("summarise", "2", "model timed out")
    long_key = "x" * 150
    ctx.mark_all_done("summarise", ["1", "2", "3", "1", long_key])
    rows = _rows(run_id)
    assert rows == {k: ("done", "") for k in ["1", "2", "3", item_key(long_key)]}
    assert all(ctx.is_done("summarise", k) for k in ["1", "2", "3", long_key])
    assert ctx.marked("summarise") == 4
    # A second context (another worker resuming) sees them done; marking again changes nothing.
    again = RunContext(run_id)
    again.mark_all_done("summarise", ["1", "3"])
    assert again.marked("summarise") == 0 and _rows(run_id) == rows


def test_mark_all_done_with_nothing_is_a_no_op():
    run_id = create_run(["summarise"])
    ctx = RunContext(run_id)
    ctx.mark_all_done("summarise", [])
    assert _rows(run_id) == {} and ctx.marked("summarise") == 0

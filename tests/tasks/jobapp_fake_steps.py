"""Fake step runners, registered through the real registry.

Imported by the tests and, through ``JOBAPP_PLUGINS=jobapp_fake_steps``, by real worker processes
the tests start (and kill). They behave like the real runners: log progress with done/total, skip
items already done, mark each item done or failed, check for cancellation between items.

Params (all optional): ``n`` items, ``delay`` seconds per item, ``out`` a file that gets one line
``<run> <step> <item>`` per item processed (the "result" whose duplicates the crash test counts),
``fail`` item keys that fail, ``flaky`` how many attempts raise a TransientError first (attempts are
counted in the file ``state``, so the count survives threads and processes).
"""

from __future__ import annotations

import time
from pathlib import Path

from jobapp.steps.base import StepContext, StepResult
from jobapp.steps.registry import register_step
from jobapp.tasks.errors import TransientError

NAMES = ("fake_a", "fake_b", "fake_slow")


def _items(name: str, ctx: StepContext) -> StepResult:
    p = ctx.params
    n, delay, out = int(p.get("n", 3)), float(p.get("delay", 0)), p.get("out")
    fail = set(p.get("fail", []))
    ctx.log(name, f"{n} items to process", done=0, total=n)
    processed = failed = 0
    for i in range(n):
        key = f"item-{i}"
        if ctx.cancelled():
            ctx.log(name, "stopping early", level="warning")
            break
        if ctx.is_done(name, key):
            continue
        time.sleep(delay)
        if key in fail:
            ctx.mark_failed(name, key, f"{key} is malformed")
            failed += 1
            continue
        if out:
            with open(out, "a", encoding="utf-8") as fh:
                fh.write(f"{ctx.run_id} {name} {key}\n")
        ctx.mark_done(name, key)
        processed += 1
        ctx.log(name, f"processed {key}", done=i + 1, total=n)
    return StepResult(items=processed, failed=failed, message=f"{processed} processed")


def _flaky(ctx: StepContext) -> StepResult:
    state = Path(ctx.params["state"])
    attempts = int(state.read_text() or 0) + 1 if state.exists() else 1
    state.write_text(str(attempts))
    if attempts <= int(ctx.params.get("flaky", 1)):
        raise TransientError(f"server busy (attempt {attempts})")
    ctx.mark_done("fake_flaky", "only")
    return StepResult(items=1, message=f"succeeded on attempt {attempts}")


def _boom(ctx: StepContext) -> StepResult:
    raise ValueError("boom")


def _make(name: str):  # type: ignore[no-untyped-def]
    return lambda ctx: _items(name, ctx)


for _name in NAMES:
    register_step(_name, _make(_name))
register_step("fake_flaky", _flaky)
register_step("fake_boom", _boom)

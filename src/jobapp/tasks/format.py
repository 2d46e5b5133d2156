"""Rich renderings of runs for the CLI (``jobapp runs list | show ID [--follow] | timings [ID]``).

Kept beside the data they show so the CLI stays a thin layer: each function takes the plain dicts
returned by :mod:`jobapp.tasks.runs` and returns something ``rich.console.Console.print`` accepts.
"""

from __future__ import annotations

import time
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from jobapp.tasks import runs

_STATUS_STYLE = {
    "queued": "cyan",
    "running": "yellow",
    "done": "green",
    "failed": "red",
    "cancelled": "magenta",
}
_LEVEL_STYLE = {"debug": "dim", "info": "", "warning": "yellow", "error": "bold red"}


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    if value < 60:
        return f"{value:.2f}s"
    minutes, secs = divmod(value, 60)
    return f"{int(minutes)}m{secs:04.1f}s"


def status_text(status: str) -> Text:
    return Text(status, style=_STATUS_STYLE.get(status, ""))


def runs_table(items: list[dict[str, Any]]) -> Table:
    """``jobapp runs list``: one line per run, newest first."""
    table = Table(title="Runs", show_lines=False)
    for name, justify in (
        ("ID", "right"),
        ("Status", "left"),
        ("Steps", "left"),
        ("Current", "left"),
        ("Created (UTC)", "left"),
        ("Elapsed", "right"),
        ("Error", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for run in items:
        steps = run["steps"]
        span = steps[0] if len(steps) == 1 else f"{steps[0]}…{steps[-1]} ({len(steps)})"
        error = run.get("error") or ""
        table.add_row(
            str(run["id"]),
            status_text(run["status"]),
            span,
            run["current_step"] if run["status"] in ("queued", "running") else "",
            (run.get("created_at") or "").replace("T", " ").rstrip("Z"),
            _seconds(run.get("elapsed_s")),
            Text(error[:60] + ("…" if len(error) > 60 else ""), style="red"),
        )
    return table


def format_event(event: dict[str, Any]) -> Text:
    """One log line: ``12:03:04.512 summarise [12/100] message``."""
    ts = (event.get("ts") or "")[11:23]
    line = Text(f"{ts} ", style="dim")
    if event.get("step"):
        line.append(f"{event['step']} ", style="bold")
    if event.get("total"):
        line.append(f"[{event.get('done') or 0}/{event['total']}] ", style="cyan")
    line.append(event.get("message", ""), style=_LEVEL_STYLE.get(event.get("level", "info"), ""))
    return line


def format_timings(timings: list[dict[str, Any]]) -> Table:
    """``jobapp runs timings [ID]``: wall time, items and throughput per step, with a total."""
    run_id = timings[0]["run_id"] if timings else None
    table = Table(title=f"Step timings, run {run_id}" if run_id else "Step timings (no run yet)")
    table.add_column("Step")
    table.add_column("Wall time", justify="right")
    table.add_column("Items", justify="right")
    table.add_column("Items/s", justify="right")
    for t in timings:
        table.add_row(t["step"], _seconds(t["wall_s"]), str(t["items"]), f"{t['items_per_s']:.1f}")
    if len(timings) > 1:
        total = sum(t["wall_s"] for t in timings)
        table.add_section()
        table.add_row(Text("total", style="bold"), _seconds(total), "", "")
    return table


def run_detail(run: dict[str, Any], events: list[dict[str, Any]] | None = None) -> RenderableType:
    """``jobapp runs show ID``: status, per-step progress, timings, then the log."""
    head = Text.assemble(("Run ", "bold"), (str(run["id"]), "bold"), "  ", status_text(run["status"]))
    if run.get("elapsed_s") is not None:
        head.append(f"  {_seconds(run['elapsed_s'])}", style="dim")
    parts: list[RenderableType] = [head]
    if run.get("error"):
        parts.append(Text(run["error"], style="red"))
    progress = Table(show_header=True, box=None, pad_edge=False)
    for name in ("Step", "Done", "Failed", "Total", "Wall time"):
        progress.add_column(name, justify="left" if name == "Step" else "right")
    walls = {t["step"]: t["wall_s"] for t in run.get("timings", [])}
    for step in run["steps"]:
        p = run.get("progress", {}).get(step, {})
        marker = "▶ " if step == run["current_step"] and run["status"] == "running" else "  "
        progress.add_row(
            marker + step,
            str(p.get("done", 0)),
            str(p.get("failed", 0)),
            str(p["total"]) if p.get("total") is not None else "-",
            _seconds(walls.get(step)),
        )
    parts.append(progress)
    if events:
        parts.append(Text("Log", style="bold"))
        parts.extend(format_event(e) for e in events)
    return Group(*parts)


def follow_run(
    run_id: int, console: Console | None = None, *, poll_s: float = 0.5, after_id: int = 0
) -> dict[str, Any]:
    """Print a run's events as they arrive until it is done, failed, cancelled or interrupted; returns the run."""
    console = console or Console()
    while True:
        run = runs.get_run(run_id)  # read before the events so the last ones are never missed
        for event in runs.run_events(run_id, after_id=after_id):
            console.print(format_event(event))
            after_id = event["id"]
        if run["status"] in runs.STOPPED_STATES:
            return run
        time.sleep(poll_s)


#: The name the CLI uses for :func:`format_timings`.
timings_table = format_timings


def show_run(run_id: int, console: Console | None = None) -> dict[str, Any]:
    """Print a run's state and whole log once (``jobapp runs show ID``); returns the run."""
    run = runs.get_run(run_id)
    (console or Console()).print(run_detail(run, runs.run_events(run_id, limit=100_000)))
    return run

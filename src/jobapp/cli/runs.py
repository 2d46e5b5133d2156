"""`jobapp runs list | show ID [--follow] | timings [ID] | cancel ID | resume ID`."""

from __future__ import annotations

import click

from jobapp.cli.output import console, print_json


@click.group()
def runs() -> None:
    """Runs of the pipeline: their logs, timings and state."""


@runs.command("list")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def list_(limit: int, as_json: bool) -> None:
    """The latest runs."""
    from jobapp.tasks.format import runs_table
    from jobapp.tasks.runs import list_runs

    rows = list_runs(limit)
    print_json(rows) if as_json else console.print(runs_table(rows))


@runs.command("show")
@click.argument("run_id", type=int)
@click.option("--follow", is_flag=True, help="Keep printing new events until the run ends.")
@click.option("--json", "as_json", is_flag=True)
def show(run_id: int, follow: bool, as_json: bool) -> None:
    """A run's state and its log."""
    from jobapp.tasks.format import follow_run, show_run
    from jobapp.tasks.runs import get_run, run_events

    if as_json:
        print_json({**get_run(run_id), "events": run_events(run_id)})
    elif follow:
        follow_run(run_id, console)
    else:
        show_run(run_id, console)


@runs.command("timings")
@click.argument("run_id", type=int, required=False)
@click.option("--json", "as_json", is_flag=True)
def timings(run_id: int | None, as_json: bool) -> None:
    """Time per step of a run (the latest by default)."""
    from jobapp.tasks.format import timings_table
    from jobapp.tasks.runs import run_timings

    rows = run_timings(run_id)
    print_json(rows) if as_json else console.print(timings_table(rows))


@runs.command("cancel")
@click.argument("run_id", type=int)
def cancel(run_id: int) -> None:
    """Ask a run to stop after the item in progress."""
    from jobapp.tasks.runs import cancel_run

    cancel_run(run_id)
    console.print(f"Run {run_id}: cancellation requested.")


@runs.command("resume")
@click.argument("run_id", type=int)
@click.option("--json", "as_json", is_flag=True)
def resume(run_id: int, as_json: bool) -> None:
    """Continue an interrupted run (its process died) in this process, finished items kept."""
    from jobapp.tasks.format import format_event
    from jobapp.tasks.runs import execute_run, resume_run

    resume_run(run_id)
    run = execute_run(run_id, on_event=None if as_json else lambda e: console.print(format_event(e)))
    print_json(run) if as_json else console.print(f"Run {run_id}: {run['status']}.")


COMMANDS = [runs]

"""The rich renderings the CLI prints for `jobapp runs list | show | timings`."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from jobapp.tasks import format as fmt
from jobapp.tasks import runs


def _render(renderable) -> str:
    console = Console(width=140, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_tables_show_runs_progress_and_timings(tmp_path: Path) -> None:
    done = runs.create_run(["fake_a", "fake_b"], {"n": 5, "fail": ["item-2"]})
    runs.execute_run(done)
    failed = runs.create_run(["fake_boom"], {})
    runs.execute_run(failed)

    listing = _render(fmt.runs_table(runs.list_runs()))
    assert "done" in listing and "failed" in listing and "ValueError: boom" in listing
    assert "fake_a…fake_b (2)" in listing

    detail = _render(fmt.run_detail(runs.get_run(done), runs.run_events(done)))
    assert "Run " + str(done) in detail
    lines = [line for line in detail.splitlines() if line.strip().startswith("fake_a ")]
    assert lines and lines[0].split()[1:4] == ["4", "1", "5"]  # done, failed, total
    assert "processed item-4" in detail and "[5/5]" in detail

    timings = _render(fmt.format_timings(runs.run_timings(done)))
    assert f"run {done}" in timings and "fake_a" in timings and "total" in timings
    assert "no run yet" in _render(fmt.format_timings([]))


def test_follow_run_prints_every_event_until_the_end(tmp_path: Path) -> None:
    run_id = runs.create_run(["fake_a"], {"n": 3})
    runs.execute_run(run_id)
    console = Console(width=140, record=True, color_system=None)
    run = fmt.follow_run(run_id, console, poll_s=0.01)
    text = console.export_text()
    assert run["status"] == "done"
    assert text.count("processed item-") == 3 and "Run finished." in text


def test_show_run_prints_the_whole_log(tmp_path: Path) -> None:
    run_id = runs.create_run(["fake_a"], {"n": 2})
    runs.execute_run(run_id)
    console = Console(width=140, record=True, color_system=None)
    assert fmt.show_run(run_id, console)["status"] == "done"
    text = console.export_text()
    assert "Run created" in text and "processed item-1" in text and "Run finished." in text
    assert fmt.timings_table is fmt.format_timings

"""`jobapp cv ...`: the CV (steps 3 and 4)."""

from __future__ import annotations

import click

from jobapp.cli.output import console, cv_panel, print_json, profile_panel
from jobapp.store import db, repo


@click.group()
def cv() -> None:
    """Add your CV (PDF, DOCX, TXT), show its text and its anonymised profile."""


@cv.command("add")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
def add(file: str, as_json: bool) -> None:
    """Convert a CV file to text and make it the current CV."""
    from jobapp.steps.convert import add_cv_file

    doc = add_cv_file(file)
    if as_json:
        print_json(doc.model_dump())
    else:
        console.print(f"CV {doc.id} added and selected: {doc.filename} ({len(doc.text.split())} words).")
        for w in doc.warnings:
            console.print(f"[yellow]warning:[/] {w}")


@cv.command("show")
@click.option("--json", "as_json", is_flag=True)
@click.option("--full", is_flag=True, help="Print the whole text.")
def show(as_json: bool, full: bool) -> None:
    """Show the current CV's text."""
    with db.session() as s:
        doc = repo.current_cv(s)
    assert doc is not None
    if as_json:
        print_json(doc.model_dump())
    else:
        cv_panel(doc, full=full)


@cv.command("profile")
@click.option("--json", "as_json", is_flag=True)
@click.option("--no-llm", is_flag=True, help="Deterministic extraction only.")
def profile(as_json: bool, no_llm: bool) -> None:
    """Synthesise the anonymised profile of the current CV (step 4)."""
    from jobapp.steps.profile import current_profile

    p = current_profile(no_llm=no_llm)
    if as_json:
        print_json(p.model_dump())
    else:
        profile_panel(p)


COMMANDS = [cv]

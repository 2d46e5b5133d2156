"""`jobapp cv ...`: the CV (steps 3 and 4)."""

from __future__ import annotations

from typing import Any

import click

from jobapp.cli.output import console, cv_panel, print_json, profile_panel
from jobapp.cli.safe_text import plain, safe
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
        console.print(
            f"CV {doc.id} added and selected: {safe(doc.filename)} ({len(doc.text.split())} words)."
        )
        for w in doc.warnings:
            console.print(f"[yellow]warning:[/] {w}")


@cv.command("show")
@click.option("--json", "as_json", is_flag=True)
@click.option("--full", is_flag=True, help="Print the whole text.")
@click.option(
    "--anonymised",
    "--anonymized",
    "anonymised",
    is_flag=True,
    help="Print the anonymised text: exactly what any model receives (JSON: text and redactions).",
)
def show(as_json: bool, full: bool, anonymised: bool) -> None:
    """Show the current CV's text (or, with --anonymised, the text the models read)."""
    with db.session() as s:
        doc = repo.current_cv(s)
    assert doc is not None
    if anonymised:
        from jobapp.steps.anonymised import anonymised_cv

        view = anonymised_cv(doc)
        if as_json:
            print_json(view)
        else:
            # no markup, only terminal control characters neutralised (--json gives the exact bytes)
            click.echo(plain(view["text"]))
            removed = ", ".join(f"{n} {k}" for k, n in view["removed"].items()) or "nothing"
            click.echo(f"\n-- removed before any model reads it: {removed}.", err=True)
        return
    if as_json:
        print_json(doc.model_dump())
    else:
        cv_panel(doc, full=full)


@cv.command("list")
@click.option("--json", "as_json", is_flag=True)
def list_(as_json: bool) -> None:
    """List the stored CVs (the current one first) and any CV file kept on request."""
    from jobapp.steps.convert import kept_cv_files

    with db.session() as s:
        docs = repo.list_cvs(s)
    rows: list[dict[str, Any]] = [
        {
            "id": d.id,
            "filename": d.filename,
            "format": d.format,
            "words": len(d.text.split()),
            "current": i == 0,
            "kept_files": [str(p) for p in kept_cv_files(d.id)],
        }
        for i, d in enumerate(docs)
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("No CV stored.")
    for r in rows:
        mark = "*" if r["current"] else " "
        kept = f"; kept file: {', '.join(r['kept_files'])}" if r["kept_files"] else ""
        console.print(
            f"{mark} {r['id']}: {safe(r['filename'])} ({r['format']}, {r['words']} words){safe(kept)}",
            highlight=False,
        )


@cv.command("delete")
@click.argument("cv_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True)
def delete(cv_id: int, yes: bool, as_json: bool) -> None:
    """Delete a CV, its files and every record derived from it (profile, embeddings, matches,
    explanations, run logs), then compact the database so no copy remains."""
    from jobapp.steps.forget import delete_cv

    if not yes and not as_json:
        click.confirm(f"Delete CV {cv_id} and everything derived from it?", abort=True)
    deleted = delete_cv(cv_id)
    if as_json:
        print_json(deleted.as_dict())
    else:
        console.print(
            f"CV {cv_id} deleted: " + ", ".join(f"{n} {k}" for k, n in deleted.as_dict().items()) + "."
        )


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

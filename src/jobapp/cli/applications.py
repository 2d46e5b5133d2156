"""`jobapp applications ...`: track each application through its stages."""

from __future__ import annotations

import click

from jobapp.cli.output import console, print_json
from jobapp.cli.safe_text import safe
from jobapp.domain import APPLICATION_STATUSES


@click.group("applications", invoke_without_command=True)
@click.pass_context
def applications(ctx: click.Context) -> None:
    """Your applications: statuses (to_apply, applied, interview, offer, rejected, withdrawn), dates,
    notes and history. Without a sub-command: the list."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_cmd)


@applications.command("list")
@click.option("--status", type=click.Choice(APPLICATION_STATUSES), default=None, help="Only this stage.")
@click.option(
    "--follow-up-days", type=click.IntRange(min=1), default=None, help="No news for N days: flag it."
)
@click.option("--json", "as_json", is_flag=True)
def list_cmd(status: str | None, follow_up_days: int | None, as_json: bool) -> None:
    """Applications, latest news first; open ones without news for a while are flagged."""
    from rich.table import Table

    from jobapp.steps.applications import FOLLOW_UP_DAYS, list_applications, needs_follow_up

    days = follow_up_days or FOLLOW_UP_DAYS
    found = list_applications(status)
    if as_json:
        print_json(
            [
                {
                    **a.__dict__,
                    "history": [e.__dict__ for e in a.history],
                    "follow_up": needs_follow_up(a, days),
                }
                for a in found
            ]
        )
        return
    if not found:
        console.print("No application yet: `jobapp applications set OFFER_ID applied` records one.")
        return
    table = Table("offer", "title", "company", "status", "applied", "last news", "")
    for a in found:
        flag = f"follow up: no news for {a.days_without_news()} days" if needs_follow_up(a, days) else ""
        table.add_row(
            str(a.offer_id), safe(a.title), safe(a.company), a.status, a.applied[:10], a.updated[:10], flag
        )
    console.print(table)


@applications.command("set")
@click.argument("offer_id", type=click.IntRange(min=1))
@click.argument("status")
@click.option("--note", default="", help="What happened, who to call back...")
@click.option("--date", "when", default=None, help="When it happened (YYYY-MM-DD; default: now).")
@click.option("--json", "as_json", is_flag=True)
def set_cmd(offer_id: int, status: str, note: str, when: str | None, as_json: bool) -> None:
    """Move the application to OFFER_ID to STATUS (the history keeps every step)."""
    from jobapp.steps.applications import set_status

    application = set_status(offer_id, status, note, when)
    if as_json:
        print_json({**application.__dict__, "history": [e.__dict__ for e in application.history]})
        return
    console.print(
        f"{safe(application.title)}: {application.status} ({len(application.history)} step(s) so far)."
    )


@applications.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv")
@click.option(
    "--out", type=click.Path(dir_okay=False, writable=True), default=None, help="File (default: stdout)."
)
def export_cmd(fmt: str, out: str | None) -> None:
    """Export the applications: title, company, link, status, dates (JSON: with the history)."""
    from pathlib import Path

    from jobapp.steps.applications import export, list_applications

    text = export(list_applications(), fmt)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        console.print(f"Wrote {safe(out)}.")
    else:
        click.echo(text, nl=False)


COMMANDS = [applications]

"""`jobapp tailor OFFER_ID`: how to tailor the current CV to one offer."""

from __future__ import annotations

import click

from jobapp.cli.output import console, print_json
from jobapp.cli.safe_text import safe


@click.command("tailor")
@click.argument("offer_id", type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Every keyword with its status and the CV lines.")
@click.option("--all", "show_all", is_flag=True, help="Also list the keywords already worded as the offer.")
def tailor(offer_id: int, as_json: bool, show_all: bool) -> None:
    """Tailoring advice for OFFER_ID: keywords to reword as the offer does, gaps, sections to move up.

    Built from the CV's own lines and the offer's words only, in the offer's language."""
    from jobapp.extraction.tailoring_text import advice_lines
    from jobapp.steps.tailor import advice_for_offer

    advice = advice_for_offer(offer_id)
    if as_json:
        print_json(advice.to_dict())
        return
    console.print(f"[bold]{safe(advice.offer_title)}[/]")
    for line in advice_lines(advice, done=show_all):
        console.print(safe(line), style="dim" if line.startswith("  ↳") else None, soft_wrap=True)


COMMANDS = [tailor]

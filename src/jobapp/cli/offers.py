"""`jobapp offers ...`: collect and list offers (step 1)."""

from __future__ import annotations

import sys

import click

from jobapp.cli.output import console, offers_table, print_json
from jobapp.domain import Offer
from jobapp.errors import InvalidInput
from jobapp.store import db, repo


@click.group()
def offers() -> None:
    """Collect job offers (file, board search, URL, pasted text) and list them."""


def _report(res: repo.UpsertResult, as_json: bool) -> None:
    if as_json:
        print_json({"new": res.new, "merged": res.merged})
    else:
        console.print(f"{len(res.new)} new offers, {len(res.merged)} already known (merged).")


@offers.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def import_(file: str, as_json: bool) -> None:
    """Import offers from a CSV or JSON file."""
    from pathlib import Path

    from jobapp.cli.output import err_console
    from jobapp.steps.collect import read_offers_path, store_offers

    found, warnings = read_offers_path(file)
    for w in warnings:
        err_console.print(f"[yellow]warning:[/] {w}", highlight=False)
    _report(store_offers(found, detail=Path(file).name), as_json)


@offers.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the offers as JSON.")
def list_(as_json: bool) -> None:
    """List the stored offers."""
    with db.session() as s:
        found = repo.list_offers(s)
    if as_json:
        print_json([o.model_dump() for o in found])
    else:
        offers_table(found)


@offers.command("search")
@click.argument("query")
@click.option(
    "--board",
    "boards",
    multiple=True,
    default=["hellowork"],
    show_default=True,
    help="Board(s): hellowork, indeed, linkedin, glassdoor, google... Repeat for several.",
)
@click.option("--location", default=None, help="City or region, e.g. Paris.")
@click.option("--radius-km", type=click.IntRange(0, 500), default=None)
@click.option("--count", type=click.IntRange(1, 200), default=20, show_default=True, help="Offers per board.")
@click.option("--contract", default=None, help="cdi, cdd, stage, alternance, freelance, interim.")
@click.option("--max-age-days", type=click.IntRange(1, 365), default=None)
@click.option("--json", "as_json", is_flag=True)
def search(
    query: str,
    boards: tuple[str, ...],
    location: str | None,
    radius_km: int | None,
    count: int,
    contract: str | None,
    max_age_days: int | None,
    as_json: bool,
) -> None:
    """Search job boards (HelloWork by default) and store the offers found."""
    from jobapp.cli.output import err_console
    from jobapp.sources.boards import search_boards
    from jobapp.steps.collect import store_offers

    result = search_boards(
        query,
        boards=list(boards),
        location=location,
        radius_km=radius_km,
        count=count,
        contract=contract,
        max_age_days=max_age_days,
    )
    for message in result.messages():
        err_console.print(f"[yellow]{message}[/]", highlight=False)
    _report(store_offers(result.offers, detail=f"search {query!r}"), as_json)


@offers.command("add-url")
@click.argument("url")
@click.option("--json", "as_json", is_flag=True)
def add_url(url: str, as_json: bool) -> None:
    """Fetch one offer page (reads its schema.org JobPosting data) and store it.

    A HelloWork search URL runs the equivalent board search instead.
    """
    from jobapp.cli.output import err_console
    from jobapp.sources.boards import search_boards
    from jobapp.sources.url import resolve_url
    from jobapp.steps.collect import store_offers

    found = resolve_url(url)
    if isinstance(found, Offer):
        _report(store_offers([found], detail=url), as_json)
        return
    err_console.print(f"[dim]Search URL: searching {', '.join(found.boards)} for {found.query!r}.[/]")
    result = search_boards(**found.as_kwargs())
    for message in result.messages():
        err_console.print(f"[yellow]{message}[/]", highlight=False)
    _report(store_offers(result.offers, detail=url), as_json)


@offers.command("paste")
@click.option("--json", "as_json", is_flag=True)
@click.option("--no-llm", is_flag=True, help="Split the text with heuristics only.")
def paste(as_json: bool, no_llm: bool) -> None:
    """Read one offer's raw text on standard input and store it."""
    from jobapp.sources.paste import offer_from_text
    from jobapp.steps.collect import store_offers

    text = sys.stdin.read()
    if not text.strip():
        raise InvalidInput(
            "No text on standard input.", hint="Pipe or paste the offer: `jobapp offers paste < offer.txt`."
        )
    llm = None
    if not no_llm:
        from jobapp.models.registry import get_llm

        llm = get_llm()
    _report(store_offers([offer_from_text(text, llm=llm)], detail="pasted text"), as_json)


COMMANDS = [offers]

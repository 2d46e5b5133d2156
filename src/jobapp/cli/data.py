"""`jobapp export` and `jobapp settings`."""

from __future__ import annotations

import click

from jobapp import config
from jobapp.cli.output import console, print_json


@click.command("export")
@click.argument("directory", type=click.Path(file_okay=False))
def export(directory: str) -> None:
    """Write every step's results as CSV and JSON into DIRECTORY."""
    from jobapp.store.export import export_all

    paths = export_all(directory)
    console.print(f"Wrote {len(paths)} files to {directory}.")


@click.command("settings")
@click.option("--markdown", is_flag=True, help="Print the README table.")
@click.option("--json", "as_json", is_flag=True)
def settings(markdown: bool, as_json: bool) -> None:
    """List every setting with its current value, default and meaning."""
    if markdown:
        click.echo(config.settings_markdown())
        return
    rows = [
        {"name": s.name, "value": config.get(s.name), "default": s.default, "help": s.help}
        for s in config.SETTINGS
    ]
    if as_json:
        print_json(rows)
        return
    for r in rows:
        console.print(f"[bold]{r['name']}[/] = {r['value']!r}\n  [dim]{r['help']}[/]", highlight=False)


COMMANDS = [export, settings]

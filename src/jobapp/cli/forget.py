"""`jobapp forget --all`: delete everything the app holds about the user (the offers stay)."""

from __future__ import annotations

import click

from jobapp.cli.output import console, print_json


@click.command("forget")
@click.option("--all", "everything", is_flag=True, help="Delete every CV and all that derives from it.")
@click.option("--compact", "compact_only", is_flag=True, help="Only rewrite the database (after a delete).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True)
def forget(everything: bool, compact_only: bool, yes: bool, as_json: bool) -> None:
    """Delete your data: every CV, its files, profiles, embeddings, matches, explanations, feedback
    and run logs; then compact the database so no copy of them remains in its files."""
    from jobapp.errors import InvalidInput

    if compact_only:
        from jobapp.store.forget import compact

        compact()
        console.print("Database compacted.")
        return
    if not everything:
        raise InvalidInput(
            "Say what to forget.", hint="`jobapp forget --all` (or `jobapp cv delete ID` for one CV)."
        )
    if not yes and not as_json:
        click.confirm("Delete every CV and everything derived from it (offers stay)?", abort=True)
    from jobapp.steps.forget import forget_everything

    deleted = forget_everything()
    if as_json:
        print_json(deleted.as_dict())
    else:
        console.print("Deleted: " + ", ".join(f"{n} {k}" for k, n in deleted.as_dict().items()) + ".")


COMMANDS = [forget]

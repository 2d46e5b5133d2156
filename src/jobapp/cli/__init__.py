"""The `jobapp` command. Sub-commands live in one module per topic; errors are rendered here, once."""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any

import click

from jobapp import config
from jobapp.errors import JobAppError

#: Command name -> the module defining it. A command's module is imported when that command runs
#: (or when --help lists them all): `jobapp run` does not pay for the imports of the web server,
#: the model downloads or the exports.
COMMAND_MODULES = {
    "applications": "applications",
    "cv": "cv",
    "export": "data",
    "settings": "data",
    "forget": "forget",
    "models": "models",
    "offers": "offers",
    "run": "pipeline",
    "summarise": "pipeline",
    "match": "pipeline",
    "explain": "pipeline",
    "eval": "pipeline",
    "runs": "runs",
    "serve": "server",
    "tailor": "tailor",
    "worker": "server",
}


class JobAppGroup(click.Group):
    """Loads sub-commands on demand; turns a user-facing error into a clean message and exit code 2
    (no traceback)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = importlib.import_module(f"jobapp.cli.{COMMAND_MODULES[cmd_name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JobAppError as exc:
            from jobapp.cli.output import print_error

            print_error(exc)
            sys.exit(2)


@click.group(cls=JobAppGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jobapp")
def main() -> None:
    """Job App Assistant: rank job offers for your CV, locally, and explain each match."""
    logging.basicConfig(
        level=config.get("JOBAPP_LOG_LEVEL").upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    from jobapp.plugins import load_plugins

    load_plugins()

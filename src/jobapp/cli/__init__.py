"""The `jobapp` command. Sub-commands live in one module per topic; errors are rendered here, once."""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from jobapp import config
from jobapp.errors import JobAppError


class JobAppGroup(click.Group):
    """Turns a user-facing error into a clean message and exit code 2 (no traceback)."""

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


def _register() -> None:
    from jobapp.cli import cv, data, forget, models, offers, pipeline, runs, server

    for module in (cv, data, forget, models, offers, pipeline, runs, server):
        for command in module.COMMANDS:
            main.add_command(command)


_register()

"""The `sendfolio` command line: a thin click shell over the Folio, the rules and the compilers.

`sendfolio` with no command opens the TUI. Each area lists its commands in its own module under
`sendfolio/commands/`; this module only gathers them.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

COMMAND_MODULES = (
    "sendfolio.commands.core",
    "sendfolio.commands.transfer",
    "sendfolio.commands.deadlines",
    "sendfolio.commands.compile",
    "sendfolio.commands.privacy",
    "sendfolio.commands.generate",
)
"""Modules whose `COMMANDS` lists are added to the group."""


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="SENDFOLIO_DATA_DIR",
    help="Folder of the folio (default: $SENDFOLIO_DATA_DIR, else your user data folder).",
)
@click.version_option(package_name="sendfolio")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None) -> None:
    """sendfolio: case log, reflections, CPD and portfolio for a sole SEND mediator.

    With no command, opens the app.
    """
    ctx.ensure_object(dict)
    ctx.obj["data_dir"] = data_dir
    if ctx.invoked_subcommand is None:
        from sendfolio.commands.common import open_app

        open_app(ctx)


def _add_commands() -> None:
    """Add every command listed by the command modules."""
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        for command in getattr(module, "COMMANDS", ()):
            main.add_command(command)


_add_commands()

"""The `sendfolio` command line: a thin click shell over the Folio, the rules and the compilers.

`sendfolio` with no command opens the TUI. Each area lists its commands in its own module under
`sendfolio/commands/`; this module only gathers them.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click
from click.exceptions import NoArgsIsHelpError

from sendfolio.domain.text import for_terminal

COMMAND_MODULES = (
    "sendfolio.commands.core",
    "sendfolio.commands.transfer",
    "sendfolio.commands.backups",
    "sendfolio.commands.deadlines",
    "sendfolio.commands.compile",
    "sendfolio.commands.privacy",
    "sendfolio.commands.generate",
    "sendfolio.commands.forms",
    "sendfolio.commands.attachments",
)
"""Modules whose `COMMANDS` lists are added to the group."""

COMMAND_HOMES = {
    **dict.fromkeys(("demo", "check", "criteria"), "sendfolio.commands.core"),
    **dict.fromkeys(("import", "export"), "sendfolio.commands.transfer"),
    "restore": "sendfolio.commands.backups",
    "deadlines": "sendfolio.commands.deadlines",
    **dict.fromkeys(("portfolio", "renewal", "passport", "review"), "sendfolio.commands.compile"),
    **dict.fromkeys(
        ("encrypt", "decrypt", "passphrase", "privacy-check", "do-not-print", "purge"), "sendfolio.commands.privacy"
    ),
    "generate": "sendfolio.commands.generate",
    "forms": "sendfolio.commands.forms",
    **dict.fromkeys(("attach", "attachments"), "sendfolio.commands.attachments"),
}
"""The module of each command: running one imports that module alone (`check` need not import the
importers and exporters). A command missing here is still found: every module is then imported."""


class OneLineUsageError(click.UsageError):
    """A usage error shown as one line on stderr (docs/ARCHITECTURE.md, "Command line"): what is wrong and where to look."""

    def show(self, file: IO[Any] | None = None) -> None:
        """Print `sendfolio: <what is wrong> (try '<command> --help')` as a single line."""
        message = " ".join(self.format_message().split()).rstrip(".")
        where = self.ctx.command_path if self.ctx is not None else "sendfolio"
        click.echo(f"sendfolio: {for_terminal(message)} (try '{where} --help')", err=True)


@contextmanager
def one_line_usage_errors() -> Iterator[None]:
    """Turn click's usage errors (usage, hint and error on three lines) into one-line ones."""
    try:
        yield
    except NoArgsIsHelpError:
        raise
    except click.UsageError as error:
        if isinstance(error, OneLineUsageError):
            raise
        raise OneLineUsageError(error.format_message(), error.ctx) from None


class SendfolioGroup(click.Group):
    """The `sendfolio` group: like click's, but every usage error is one line on stderr, exit 2.

    Its commands are added the first time one is looked up or listed: `sendfolio` alone (open the
    app) never imports the command modules (the importers, exporters, compilers), which the app does not need.
    """

    _loaded = False
    """True once every command module's commands are in the group."""

    def _load_commands(self) -> None:
        """Add every command listed by the command modules (once)."""
        if self._loaded:
            return
        self._loaded = True
        for name in COMMAND_MODULES:
            for command in getattr(importlib.import_module(name), "COMMANDS", ()):
                self.add_command(command)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name (for help), the modules imported first."""
        self._load_commands()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called `cmd_name`: its own module imported (`COMMAND_HOMES`), else every one."""
        if not self._loaded and cmd_name in COMMAND_HOMES and cmd_name not in self.commands:
            for command in getattr(importlib.import_module(COMMAND_HOMES[cmd_name]), "COMMANDS", ()):
                self.add_command(command)
        found = super().get_command(ctx, cmd_name)
        if found is None:
            self._load_commands()
            found = super().get_command(ctx, cmd_name)
        return found

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        """Parse the group's own options, reporting a bad one in one line."""
        with one_line_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the chosen command, reporting an unknown command or a bad option in one line.

        An unexpected error is one line too, naming only its type: a Python traceback prints
        values that can hold record text. `SENDFOLIO_DEBUG=1` shows the traceback instead.
        """
        try:
            with one_line_usage_errors():
                return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as error:
            if os.environ.get("SENDFOLIO_DEBUG"):
                raise
            click.echo(f"sendfolio: {error_line(error)}", err=True)
            ctx.exit(2)


def error_line(error: Exception) -> str:
    """What went wrong, as the one line after "sendfolio: " (a Python traceback prints values that can hold
    record text): a system error names the file; the store's own error says which file, what happened and what
    to do; anything else names only its type."""
    if isinstance(error, OSError):  # the disk full, a folder read-only, a file where a folder belongs…
        from sendfolio.commands.errors import os_error_line

        return os_error_line(error)
    from sendfolio.store.storage import FolioError

    if isinstance(error, FolioError):
        return str(error)
    return (
        f"unexpected error ({type(error).__name__}); nothing was printed that could hold "
        "record text (set SENDFOLIO_DEBUG=1 to see the details)"
    )


@click.group(cls=SendfolioGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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
    from sendfolio.commands.common import terminal_safe_output

    ctx.ensure_object(dict)
    ctx.obj["data_dir"] = data_dir
    if ctx.invoked_subcommand is not None:
        from sendfolio.commands.errors import quiet_libraries

        ctx.with_resource(terminal_safe_output())
        ctx.with_resource(quiet_libraries())
    else:
        from sendfolio.commands.common import open_app

        open_app(ctx)

"""How a command ends when it cannot go on: one line on stderr and an exit status.

In a module of its own, imported by every command module and importing none of them.
"""

from __future__ import annotations

from typing import Literal, NoReturn

import click

from sendfolio.domain.text import for_terminal


class CommandError(click.ClickException):
    """What a command reports when it cannot go on: one line on stderr, `sendfolio: <message>`.

    The library raises its own exceptions (`FolioError`, `ImportProblems`, `CryptoError`…);
    commands turn them into this, and click prints it and exits with `exit_code`: 2, bad usage
    or bad data.
    """

    exit_code = 2

    def show(self, file: object = None) -> None:
        """Print `sendfolio: <message>` on stderr."""
        click.echo(f"sendfolio: {for_terminal(self.format_message())}", err=True)


class NotDone(CommandError):
    """A command that ran but could not do what was asked, or found it not met: exit status 1."""

    exit_code = 1


def fail(message: str, code: Literal[1, 2] = 2) -> NoReturn:
    """End the command with one clear line on stderr and exit status `code` (2: bad usage or bad data)."""
    raise NotDone(message) if code == 1 else CommandError(message)

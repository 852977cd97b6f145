"""How a command ends when it cannot go on: one line on stderr and an exit status.

In a module of its own, imported by every command module and importing none of them.
"""

from __future__ import annotations

import errno
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
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


ADVICE = {
    errno.ENOSPC: "the disk is full: free some space, then run the command again",
    errno.EDQUOT: "the disk quota is used up: free some space, then run the command again",
    errno.EROFS: "the folder is read-only: make it writable, or copy the data folder somewhere that is "
    "and name it with --data-dir",
    errno.EACCES: "you may not write there: check the folder's owner and permissions",
    errno.EPERM: "the system does not allow it: check the file is not locked or immutable (lsattr), and its owner",
    errno.ENOTDIR: "a file is where a folder belongs: move the file away, then run the command again",
    errno.EISDIR: "a folder is where a file belongs: move the folder away, then run the command again",
    errno.EEXIST: "something is already there: move it away, then run the command again",
    errno.EIO: "the disk reported an error: check the disk, then run the command again",
}
"""What to do about each system error, in words."""


def os_error_reason(error: OSError) -> str:
    """Why the system refused, and what to do: "No space left on device (the disk is full: ...)"."""
    why = error.strerror or str(error)
    advice = ADVICE.get(error.errno or 0)
    return f"{why} ({advice})" if advice else why


def os_error_line(error: OSError, where: object = None) -> str:
    """A system error as one line naming the file (or `where`), what happened and what to do."""
    place = where if where is not None else (error.filename or "a file")
    return f"cannot use {place}: {os_error_reason(error)}; nothing was changed"


LIBRARY_LOGGERS = ("pypdf", "PIL", "fontTools", "weasyprint", "pydyf")
"""Libraries whose log lines (a damaged PDF's hundreds of lines, a font's notes) never reach the terminal."""


@contextmanager
def quiet_libraries() -> Iterator[None]:
    """While a command runs, the libraries' warnings and log lines are dropped: stderr carries the
    command's own one line (a decompression bomb's warning and traceback, pypdf's notes on a broken
    file said nothing the mediator could act on; the command says what was refused, and why)."""
    loggers = [logging.getLogger(name) for name in LIBRARY_LOGGERS]
    saved = [(logger.propagate, logger.level) for logger in loggers]
    quiet = logging.NullHandler()
    for logger in loggers:
        logger.addHandler(quiet)
        logger.propagate = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            yield
        finally:
            for logger, (propagate, _level) in zip(loggers, saved):
                logger.removeHandler(quiet)
                logger.propagate = propagate

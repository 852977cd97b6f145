"""What every command shares: the data folder, opening the folio, terminal-safe output.

The one-line errors are `sendfolio.commands.errors` (re-exported here for the commands).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sendfolio.commands.errors import CommandError as CommandError, NotDone as NotDone, fail as fail
from sendfolio.domain.text import for_terminal

if TYPE_CHECKING:
    from sendfolio.store import Folio
    from sendfolio.store.storage import Codec

DO_NOT_PRINT_SETTING = "privacy.do_not_print"
"""The setting holding the do-not-print words (`privacy.check.DO_NOT_PRINT_KEY`; a test checks they agree)."""

APP_NAME = "sendfolio"
"""The name used for the platform's user data folder."""


class Masking:
    """Whether what a command prints has its likely identifiers hidden, and the folio's do-not-print words.

    On for every command (`terminal_safe_output` sets it afresh), with the list of the folio the
    command opens (`open_folio`); off only for the commands whose job is to show the findings and
    the list to the mediator (`privacy-check`, `do-not-print`), by `show_identifiers`.
    """

    on: bool = True
    words: re.Pattern | None = None


MASKING = Masking()
"""The masking of the command running now."""


def show_identifiers() -> None:
    """Print what this command prints without hiding identifiers (it is there to show them)."""
    MASKING.on = False


def mask_words(words: list[str]) -> None:
    """Hide these do-not-print words too in what this command prints."""
    from sendfolio.domain.identifier_patterns import do_not_print_pattern

    MASKING.words = do_not_print_pattern(words)


class TerminalSafe:
    """A text stream that takes escape sequences and control characters out of what is written to it,
    and puts likely identifiers out of sight (see `Masking`).

    Record text reaches the terminal in findings, listings and messages; a note holding
    `ESC[2J` must print as text, never clear the screen, and an observer's name holding an NHS
    number must not show the number. Everything else is the wrapped stream's.
    """

    def __init__(self, stream: Any) -> None:
        """Wrap `stream` (sys.stdout or sys.stderr)."""
        self._stream = stream

    def write(self, text: str) -> int:
        """Write the text with `for_terminal` applied, identifiers hidden; returns the length given (as a
        stream does)."""
        if not isinstance(text, str):
            raise TypeError("a text stream writes str")
        shown = for_terminal(text)
        if MASKING.on:
            from sendfolio.domain.identifier_patterns import masked

            shown = masked(shown, MASKING.words)
        self._stream.write(shown)
        return len(text)

    def __getattr__(self, name: str) -> Any:
        """Everything else (flush, encoding, isatty...) is the wrapped stream's."""
        return getattr(self._stream, name)


@contextmanager
def terminal_safe_output() -> Iterator[None]:
    """While a command runs, what it prints to stdout and stderr goes through `for_terminal`, identifiers
    hidden (`Masking`)."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalSafe(sys.stdout), TerminalSafe(sys.stderr)
    MASKING.on, MASKING.words = True, None
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
        MASKING.on, MASKING.words = True, None


def data_dir(ctx: click.Context) -> Path:
    """The folio folder: --data-dir, else $SENDFOLIO_DATA_DIR, else the user data folder."""
    chosen = ctx.find_root().obj.get("data_dir") if ctx.find_root().obj else None
    if chosen:
        return Path(chosen).expanduser()
    env = os.environ.get("SENDFOLIO_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def open_folio(ctx: click.Context, *, create: bool = True, readonly: bool = False) -> Folio:
    """Open the folio in the data folder, or fail with one line saying why.

    Commands that only read (reports, exports) pass `readonly=True`: they work while the app
    has the folio open, and fail clearly when there is no folio yet.
    """
    from sendfolio.store import Folio, FolioError
    from sendfolio.store.lock import held_elsewhere

    if not readonly and (locked := held_elsewhere(data_dir(ctx))):  # before asking for a passphrase
        fail(locked)
    try:
        folio = Folio.open(data_dir(ctx), codec=_codec(ctx), create=create, readonly=readonly)
    except FolioError as error:
        fail(str(error))
    folio.on_save.append(lambda: show_notices(folio))
    words = folio.get_setting(DO_NOT_PRINT_SETTING, []) or []  # as privacy.check.do_not_print reads it
    if words:  # the identifier check's modules are not imported for a folio with no list
        mask_words(list(words))
    return folio


def show_notices(folio: Any) -> None:
    """Print on stderr, one line each, what went wrong after a save that stands (backups not rotated)."""
    for notice in folio.take_notices():
        click.echo(f"Warning: {notice}", err=True)


def _codec(ctx: click.Context) -> Codec | None:
    """The encryption codec for an encrypted folio, or None for a plain one.

    A folio file that cannot even be read (a folder, no permission) ends the command with one
    line naming it, rather than a traceback.
    """
    from sendfolio.store import FOLIO_FILE
    from sendfolio.store.mark import is_encrypted

    try:
        if not is_encrypted(data_dir(ctx)):  # a plain folio: the cryptography stack is not imported
            return None
        from sendfolio.commands.passphrase import codec_for_cli

        return codec_for_cli(data_dir(ctx))
    except OSError as error:
        fail(f"cannot open {data_dir(ctx) / FOLIO_FILE}: {error.strerror or error}. The file has not been changed")


def open_app(ctx: click.Context) -> None:
    """Open the TUI on the folio in the data folder."""
    from sendfolio.tui.app import run_app

    sys.exit(run_app(data_dir(ctx)))

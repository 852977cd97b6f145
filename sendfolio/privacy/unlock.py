"""Unlocking an encrypted folio: is it encrypted, and the codec for a passphrase.

The passphrase comes from $SENDFOLIO_PASSPHRASE, a hidden prompt (CLI) or the TUI's unlock
screen; it is used once to derive the key and never written anywhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sendfolio.store.crypto import (
    HEADER_SIZE,
    CorruptFile,
    CryptoError,
    FolioCodec,
    WrongPassphrase,
    parse_header,
    unlock,
)
from sendfolio.store.mark import is_encrypted
from sendfolio.store.names import FOLIO_FILE

PASSPHRASE_ENV = "SENDFOLIO_PASSPHRASE"
"""Environment variable that may hold the passphrase (for scripts)."""

NEW_PASSPHRASE_ENV = "SENDFOLIO_NEW_PASSPHRASE"
"""Environment variable that may hold the new passphrase for `sendfolio passphrase` (for scripts)."""

PROMPT_TRIES = 3
"""How many times a person may type the passphrase before giving up."""

__all__ = ["WrongPassphrase", "CorruptFile", "is_encrypted", "codec_from_passphrase", "codec_for_cli", "codec_from_env"]
"""What other areas import from here."""


def folio_path(data_dir: Path) -> Path:
    """The folio file in a data folder."""
    return Path(data_dir) / FOLIO_FILE


def _head(path: Path, size: int = HEADER_SIZE) -> bytes:
    """The first bytes of a file, or b"" when it is missing."""
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except FileNotFoundError:
        return b""


def header_candidates(data_dir: Path) -> list[Path]:
    """The folio file, then its backups newest first: where a header may be read."""
    main = folio_path(data_dir)
    numbered = [path for path in main.parent.glob(f"{main.name}.*") if path.suffix[1:].isdigit()]
    return [main, *sorted(numbered, key=lambda path: int(path.suffix[1:]))]


def read_header(data_dir: Path) -> bytes:
    """The first intact encryption header: the folio's, else its newest backup's; else raise `CorruptFile`."""
    main = folio_path(data_dir)
    first_error: CryptoError | None = None
    for path in header_candidates(data_dir):
        head = _head(path)
        try:
            parse_header(head)
        except CryptoError as error:
            first_error = first_error or error
            continue
        return head
    raise CorruptFile(f"cannot open {main}: {first_error}. The file has not been changed")


def codec_from_passphrase(data_dir: Path, passphrase: str) -> FolioCodec:
    """The codec of the encrypted folio in `data_dir`, or raise `WrongPassphrase` / `CorruptFile`."""
    return unlock(read_header(data_dir), passphrase)


def codec_from_env(data_dir: Path) -> FolioCodec | None:
    """The codec from $SENDFOLIO_PASSPHRASE when it is set (raises `WrongPassphrase` if it is wrong)."""
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if not passphrase:
        return None
    return codec_from_passphrase(data_dir, passphrase)


def codec_for_cli(data_dir: Path) -> FolioCodec | None:
    """None for a plain folio; else the codec from $SENDFOLIO_PASSPHRASE or a hidden prompt.

    A wrong passphrase or a damaged file ends the command with one line on stderr (exit 2).
    """
    from sendfolio.commands.common import fail

    if not is_encrypted(data_dir):
        return None
    try:
        return codec_from_env(data_dir) or _prompt_codec(data_dir)
    except WrongPassphrase:
        fail(f"wrong passphrase for the encrypted folio in {data_dir} (from ${PASSPHRASE_ENV}); nothing was changed")
    except CryptoError as error:
        fail(str(error))


def _prompt_codec(data_dir: Path) -> FolioCodec:
    """Ask for the passphrase up to `PROMPT_TRIES` times; end the command if none fits."""
    import click

    from sendfolio.commands.common import fail

    for attempt in range(1, PROMPT_TRIES + 1):
        passphrase = ask_passphrase(f"Passphrase for the folio in {data_dir}")
        try:
            return codec_from_passphrase(data_dir, passphrase)
        except WrongPassphrase:
            left = PROMPT_TRIES - attempt
            if left:
                click.echo(f"Wrong passphrase; {left} {'try' if left == 1 else 'tries'} left.", err=True)
    fail(f"wrong passphrase for the encrypted folio in {data_dir} ({PROMPT_TRIES} tries); nothing was changed")


def ask_passphrase(prompt: str, *, confirm: bool = False) -> str:
    """Read a passphrase without echo; with no terminal input, end the command with one line."""
    import click

    from sendfolio.commands.common import fail

    if not can_ask():
        fail(f"there is no terminal to ask for the passphrase: set ${PASSPHRASE_ENV}")
    try:
        return click.prompt(prompt, hide_input=True, confirmation_prompt=confirm, show_default=False)
    except click.exceptions.Abort:
        fail(f"no passphrase given: type it when asked, or set ${PASSPHRASE_ENV}")


def can_ask() -> bool:
    """True when a passphrase can be asked for without echo: a terminal, or a front end supplying input."""
    import click.termui

    if getattr(click.termui.hidden_prompt_func, "__module__", "") != "click.termui":
        return True  # replaced, e.g. by click's test runner: it supplies the input itself
    if sys.stdin is not None and sys.stdin.isatty():
        return True
    try:
        with open("/dev/tty", "rb"):
            return True
    except OSError:
        return False

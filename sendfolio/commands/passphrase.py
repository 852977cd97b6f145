"""Asking for the passphrase on the command line: from $SENDFOLIO_PASSPHRASE or a hidden prompt.

The unlocking itself is `sendfolio.privacy.unlock`; this is the command line's side of it:
prompts, tries, and one-line errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import click.termui

from sendfolio.commands.errors import fail
from sendfolio.privacy.unlock import (
    PASSPHRASE_ENV,
    PROMPT_TRIES,
    CryptoError,
    FolioCodec,
    WrongPassphrase,
    codec_from_env,
    codec_from_passphrase,
    is_encrypted,
)


def codec_for_cli(data_dir: Path) -> FolioCodec | None:
    """None for a plain folio; else the codec from $SENDFOLIO_PASSPHRASE or a hidden prompt.

    A wrong passphrase or a damaged file ends the command with one line on stderr (exit 2).
    """
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
    if not can_ask():
        fail(f"there is no terminal to ask for the passphrase: set ${PASSPHRASE_ENV}")
    try:
        return click.prompt(prompt, hide_input=True, confirmation_prompt=confirm, show_default=False)
    except click.exceptions.Abort:
        fail(f"no passphrase given: type it when asked, or set ${PASSPHRASE_ENV}")


def can_ask() -> bool:
    """True when a passphrase can be asked for without echo: a terminal, or a front end supplying input."""
    if getattr(click.termui.hidden_prompt_func, "__module__", "") != "click.termui":
        return True  # replaced, e.g. by click's test runner: it supplies the input itself
    if sys.stdin is not None and sys.stdin.isatty():
        return True
    try:
        with open("/dev/tty", "rb"):
            return True
    except OSError:
        return False

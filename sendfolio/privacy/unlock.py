"""Unlocking an encrypted folio: is it encrypted, and the codec for a passphrase.

The passphrase comes from $SENDFOLIO_PASSPHRASE, a hidden prompt (`commands/passphrase.py`)
or the TUI's unlock screen; it is used once to derive the key and never written anywhere.
This module raises (`WrongPassphrase`, `CorruptFile`); the shells report.
"""

from __future__ import annotations

import os
from pathlib import Path

from sendfolio.store.atomic import read_regular
from sendfolio.store.crypto import (
    HEADER_SIZE,
    CorruptFile,
    CryptoError as CryptoError,
    FolioCodec as FolioCodec,
    WrongPassphrase as WrongPassphrase,
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

__all__ = ["WrongPassphrase", "CorruptFile", "is_encrypted", "codec_from_passphrase", "codec_from_env"]
"""What other areas import from here."""


def folio_path(data_dir: Path) -> Path:
    """The folio file in a data folder."""
    return Path(data_dir) / FOLIO_FILE


def _head(path: Path, size: int = HEADER_SIZE) -> bytes:
    """The first bytes of a file, or b"" when it is missing or not a regular file."""
    try:
        return read_regular(path, head=size)
    except OSError:  # missing, or a link, pipe or device (never opened; the folio's open names it)
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

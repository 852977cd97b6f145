"""The mark an encrypted folio file starts with, and a quick look for it.

Kept apart from `crypto.py` so the app can tell at start-up whether to ask for a
passphrase without loading the cryptography stack.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sendfolio.store.atomic import read_regular
from sendfolio.store.names import FOLIO_FILE

MAGIC = b"SENDFOLIO-ENC\n"
"""The first bytes of every encrypted folio file (and of its backups)."""


def has_magic(blob: bytes) -> bool:
    """True when the bytes begin like an encrypted folio."""
    return blob.startswith(MAGIC)


def read_head(path: Path, size: int) -> bytes:
    """The first bytes of a file, or b"" when it is missing or not a regular file.

    A link, pipe or device is not opened (a pipe would block): opening the folio then
    refuses it with a clear line (`storage.AtomicJSONStorage`).
    """
    if not stat.S_ISREG(_lstat_mode(path)):
        return b""
    try:
        return read_regular(path, head=size)
    except OSError:  # gone, or swapped for a link or pipe since
        return b""


def _lstat_mode(path: Path) -> int:
    """The file's mode without following a link; 0 when nothing is there."""
    try:
        return os.lstat(path).st_mode
    except OSError:
        return 0


def is_encrypted(data_dir: Path) -> bool:
    """True when the folio file starts with the encryption mark (or a cut-off piece of it)."""
    head = read_head(Path(data_dir) / FOLIO_FILE, len(MAGIC))
    return bool(head) and (has_magic(head) or MAGIC.startswith(head))

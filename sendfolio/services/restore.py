"""Bring back one of the folio's numbered backups, for `sendfolio restore` and the Restore screen.

Restoring is atomic and keeps the current folio file as backup 1 (`store.backups`). The shell
closes any folio it holds open first, and opens it again (`codec_after` gives the key).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sendfolio.store.backups import BackupInfo


@dataclass(frozen=True)
class Restored:
    """A backup restored: which, and whether a folio file was kept as backup 1."""

    backup: BackupInfo
    kept_previous: bool


def list_backups(data_dir: Path, passphrase: str | None = None, codec: Any = None) -> list[BackupInfo]:
    """The folio's backups, newest first (encrypted ones counted only with their `passphrase` or the open
    folio's `codec`)."""
    from sendfolio.store.backups import list_backups as listed

    return listed(data_dir, passphrase=passphrase, codec=codec)


def restore_changes(data_dir: Path, number: int, *, passphrase: str | None = None, codec: Any = None) -> str:
    """What restoring backup `number` would change compared with the folio now, in words
    ("Compared with now, it removes 1 case added since and brings back 2 CPD entries.").
    Raises `FolioError` when the folio or the backup cannot be read."""
    from sendfolio.store.backup_changes import backup_changes, changes_text

    return changes_text(backup_changes(data_dir, number, passphrase=passphrase, codec=codec))


def restore_backup(data_dir: Path, number: int, *, passphrase: str | None = None, codec: Any = None) -> Restored:
    """Make backup `number` the folio, whole and at once.

    An encrypted backup is read with the open folio's `codec` when it fits, else with its
    `passphrase`. Raises `FolioError` (no such backup, unreadable, wrong passphrase) or
    `OSError`; nothing is changed then.
    """
    from sendfolio.store import FOLIO_FILE
    from sendfolio.store.backups import restore_backup as restored

    folder = Path(data_dir)
    had_folio = os.path.lexists(folder / FOLIO_FILE)
    done = restored(folder, number, passphrase=passphrase, codec=codec)
    return Restored(done, had_folio)


def codec_after(data_dir: Path, passphrase: str | None, codec: Any) -> Any:
    """The key to open the folio with after a restore: unlocked with the backup's `passphrase` when one
    was given, else the folio's own `codec`. Raises `CryptoError` or `OSError`."""
    if passphrase is None:
        return codec
    from sendfolio.store import FOLIO_FILE
    from sendfolio.store.crypto import unlock

    return unlock((Path(data_dir) / FOLIO_FILE).read_bytes(), passphrase)

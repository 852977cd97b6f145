"""The folder's lock: one writer at a time holds `folio.lock`; a read-only folio holds none.

`FolioLock` takes an exclusive, non-blocking `flock` on the lock file and writes its process
id there, so a second sendfolio opening the same folio is refused (`FolioLocked`) naming the
process that has it. `ReadOnlyLock` stands in for it when a folio is opened read-only (reports
while the app is open elsewhere): nothing is held, and the `Folio` refuses every change.
"""

from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path

from sendfolio.store.atomic import FILE_MODE, special_kind
from sendfolio.store.storage import FolioError


class FolioLocked(FolioError):
    """Another process has this folio open."""


class FolioLock:
    """An exclusive, non-blocking `flock` on the data folder's lock file, held while the folio is open."""

    def __init__(self, path: Path):
        """Take the lock or raise `FolioLocked` naming the process that holds it."""
        self.path = path
        kind = special_kind(path)
        if kind is not None:  # a link could point at the folio: taking the lock truncates its file
            raise FolioError(
                f"cannot lock {path}: it is {kind}, not a regular file; move it away (sendfolio makes a new one)"
            )
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
        self._fd: int | None = fd
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a pipe or device since the look above
            self.release()
            raise FolioError(f"cannot lock {path}: it is not a regular file; move it away (sendfolio makes a new one)")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _holder(fd)
            self.release()
            raise FolioLocked(
                f"the folio in {path.parent} is open in another sendfolio (pid {holder}); close it first"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())

    def release(self) -> None:
        """Let go of the lock (closing the file releases it)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def held_elsewhere(data_dir: Path) -> str | None:
    """Why the folio in `data_dir` cannot be opened for writing now (another sendfolio has it open), or None.

    Asked before a passphrase is, so that nobody types one only to be told the folio is open elsewhere.
    The lock is taken and let go at once; a folder without a lock file has never been opened: None.
    """
    from sendfolio.store.names import LOCK_FILE

    path = Path(data_dir).expanduser() / LOCK_FILE
    if not path.is_file() or path.is_symlink():
        return None  # nothing to ask about: opening the folio reports anything odd
    try:
        FolioLock(path).release()
    except FolioLocked as locked:
        return str(locked)
    except (FolioError, OSError):
        return None  # opening the folio says what is wrong
    return None


class ReadOnlyLock:
    """Stands in for the lock of a folio opened read-only: nothing to release."""

    def release(self) -> None:
        """Nothing is held."""


def _holder(fd: int) -> str:
    """The pid written in the open lock file by the process holding the lock, or "unknown"."""
    try:
        return os.pread(fd, 32, 0).decode().strip() or "unknown"
    except (OSError, UnicodeDecodeError):
        return "unknown"

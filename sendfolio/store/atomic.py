"""Writing a file so that a crash at any instant leaves the old file or the new one, never half.

Every file sendfolio writes -- the folio, its backups, exports, PDFs, calendars -- goes through
`write_atomic`: a private temporary file in the same folder, write, flush, fsync, rename over
the target, then fsync the folder so the rename itself is durable.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

FILE_MODE = 0o600
"""Files sendfolio writes are readable and writable by their owner only."""


def temp_path(path: Path) -> Path:
    """A fresh hidden temporary name beside `path` (`.NAME.XXXXXXXX.tmp`)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def write_temp(path: Path, content: bytes, mode: int = FILE_MODE) -> Path:
    """A new private temporary file beside `path` holding `content`, synced to disk."""
    temp = temp_path(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
    try:
        with open(fd, "wb", closefd=True) as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (where the platform allows opening folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_or_remove(temp: Path, target: Path) -> None:
    """Rename `temp` over `target`; if that fails, delete `temp` (no copy is left behind) and raise."""
    try:
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path | str, content: bytes, mode: int = FILE_MODE) -> None:
    """Replace `path` with `content` atomically; the folder must exist.

    Only a regular file is ever replaced: a folder, device or pipe at `path` is refused
    (as root, renaming over /dev/null would replace the device).
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        raise OSError(errno.EINVAL, "is not a regular file (a folder, device or pipe)", str(path))
    replace_or_remove(write_temp(path, content, mode), path)
    fsync_folder(path.parent)  # the new file is complete and in place; only the rename's durability is left

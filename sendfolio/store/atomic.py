"""Writing a file so that a crash at any instant leaves the old file or the new one, never half.

Every file sendfolio writes -- the folio, its backups, exports, PDFs, calendars -- goes through
`write_atomic`: a private temporary file in the same folder, write, flush, fsync, rename over
the target, then fsync the folder so the rename itself is durable.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

FILE_MODE = 0o600
"""Files sendfolio writes are readable and writable by their owner only."""

FOLDER_MODE = 0o700
"""Folders sendfolio creates (the data folder, output folders) are open to their owner only."""


def special_kind(path: Path) -> str | None:
    """What is at `path` when it is not a plain regular file: "a symbolic link to …", "a named
    pipe (FIFO)", "a device", "a socket", "a folder"; None for a regular file or nothing at all.

    Looks with `lstat` only: nothing is opened, so a pipe cannot block and a link is not followed.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return f"a symbolic link to {os.readlink(path)}"
    return _kind_of(mode)


MAX_READ = 512 * 1024 * 1024
"""The largest file sendfolio reads unless told a smaller bound (512 MB: ten years of records are far less)."""

NO_WAIT_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
"""How a file in the data folder is opened: never following a link, never waiting on a pipe."""


def read_regular(path: Path, limit: int = MAX_READ, head: int | None = None, follow_links: bool = False) -> bytes:
    """The bytes of the regular file at `path`, never following a link nor waiting on a pipe.

    Every file sendfolio reads in its data folder (the folio, backups, attachments, drafts,
    exports) is read through here. Raises `FileNotFoundError` when nothing is there, and
    `OSError(EINVAL)` saying what is there instead when it is a link, pipe, device, socket or
    folder, and `OSError(EFBIG)` when the file is larger than `limit` bytes. With `head`, only
    the file's first `head` bytes are read (and its size is not bounded). `follow_links` is for
    a file the mediator names from outside the data folder (a certificate to attach, a file to
    import): a link to a regular file is read, but a pipe or device still is not.
    """
    path = Path(path)
    kind = None if follow_links else special_kind(path)
    if kind is not None:
        raise OSError(errno.EINVAL, f"it is {kind}, not a regular file", str(path))
    flags = NO_WAIT_FLAGS & ~getattr(os, "O_NOFOLLOW", 0) if follow_links else NO_WAIT_FLAGS
    try:
        fd = os.open(path, flags)
    except OSError as error:
        kind = special_kind(path) if error.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO) else None
        if kind is not None:
            raise OSError(errno.EINVAL, f"it is {kind}, not a regular file", str(path)) from None
        raise
    with open(fd, "rb", closefd=True) as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, f"it is {_kind_of(status.st_mode)}, not a regular file", str(path))
        if head is not None:
            return handle.read(head)
        if status.st_size > limit:
            raise OSError(errno.EFBIG, f"it is {_megabytes(status.st_size)}, more than sendfolio reads", str(path))
        content = handle.read(limit + 1)
        if len(content) > limit:
            raise OSError(errno.EFBIG, "it grew past the size sendfolio reads while being read", str(path))
        return content


def _kind_of(mode: int) -> str:
    """What an opened file is when it is not a regular file, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _megabytes(size: int) -> str:
    """A file size in megabytes, in words."""
    return f"{size / 1024 / 1024:.1f} MB"


def make_private_folders(folder: Path) -> None:
    """Create `folder` and any missing parents open to the owner only (0700, whatever the umask);
    folders that already exist are left as they are."""
    folder = Path(folder)
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for created in reversed(missing):
        created.mkdir(mode=FOLDER_MODE, exist_ok=True)
        os.chmod(created, FOLDER_MODE)


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

"""The files of attachments: kept in `<data dir>/attachments/`, through the folio's codec.

Each attached file is one file `<id>.<ext>` (mode 0600, written atomically). When the folio
is encrypted, the file is encrypted with the same codec (the same header, key and format as
the folio file), so nothing of a certificate is on disk in plain text. When the codec
changes (encrypt, decrypt, new passphrase) every file is re-encoded with the folio, as one
step (`store/recode.py`). A restore writes the new files beside the old ones and puts them in
place once the records are saved: a crash in between leaves a temporary file that reads with
the folio's codec; `read` finds and keeps it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sendfolio.domain.records import ATTACHMENT_MAX_BYTES, Attachment, FolioData
from sendfolio.store.atomic import fsync_folder, read_regular, replace_or_remove, special_kind, write_atomic, write_temp
from sendfolio.store.mark import has_magic
from sendfolio.store.names import ATTACHMENTS_FOLDER
from sendfolio.store.storage import Codec, FolioError, make_private_folder

STORED_MAX_BYTES = ATTACHMENT_MAX_BYTES + 1024 * 1024
"""The largest attachment file read back: the largest attachment, with room for its encryption."""


@dataclass(frozen=True)
class ReadableAttachments:
    """What a backup or a portfolio can carry: the records whose files read, those files, and the rest named.

    A file that is missing or cannot be read never stops a backup or a portfolio: its
    attachment is left out of `data` and named in `left_out` (one sentence each, saying where
    and what to do), and everything else goes on.
    """

    data: FolioData
    files: dict[str, bytes]
    left_out: list[str] = field(default_factory=list)


class AttachmentFiles:
    """The attachments folder of one data folder, read and written through a codec."""

    def __init__(self, data_dir: Path):
        """Files live in `<data_dir>/attachments`."""
        self.folder = Path(data_dir) / ATTACHMENTS_FOLDER

    def path(self, attachment: Attachment) -> Path:
        """Where the file of this attachment is kept."""
        return self.folder / attachment.file_name

    def write(self, attachment: Attachment, content: bytes, codec: Codec | None) -> None:
        """Store the file's bytes, encoded with `codec`, atomically."""
        make_private_folder(self.folder)
        write_atomic(self.path(attachment), _encode(content, codec))

    def read(self, attachment: Attachment, codec: Codec | None) -> bytes:
        """The plain bytes of an attachment (checked against its SHA-256), or `FolioError` saying why not."""
        path = self.path(attachment)
        try:
            plain = _decode(read_regular(path, STORED_MAX_BYTES), codec)
            if _matches(plain, attachment):
                return plain
        except (OSError, ValueError):
            pass
        for leftover in sorted(self.folder.glob(f".{path.name}.*.tmp")):
            with contextlib.suppress(ValueError, OSError):
                plain = _decode(read_regular(leftover, STORED_MAX_BYTES), codec)
                if _matches(plain, attachment):
                    replace_or_remove(leftover, path)  # a re-encoding or restore cut short: this is the good one
                    return plain
        advice = f"attach it again, or remove it with `sendfolio attachments --remove {attachment.id}`"
        kind = special_kind(path)
        if kind is not None:
            raise FolioError(
                f"the file of attachment {attachment.id} ({attachment.title}) at {path} is {kind}, "
                f"not a regular file: move it away, then {advice}"
            )
        if not os.path.lexists(path):
            raise FolioError(
                f"the file of attachment {attachment.id} ({attachment.title}) is missing from {path}: {advice}"
            )
        raise FolioError(
            f"the file of attachment {attachment.id} ({attachment.title}) cannot be read ({path}): {advice}"
        )

    def remove(self, attachment: Attachment) -> None:
        """Delete the file of an attachment (nothing when it is already gone)."""
        self.path(attachment).unlink(missing_ok=True)

    @staticmethod
    def commit(pending: list[tuple[Path, Path]]) -> None:
        """Put each new version in place of the old."""
        for temp, target in pending:
            os.replace(temp, target)
        if pending:
            fsync_folder(pending[0][1].parent)

    @staticmethod
    def discard(pending: list[tuple[Path, Path]]) -> None:
        """Delete new versions that will not be used."""
        for temp, _ in pending:
            temp.unlink(missing_ok=True)

    def stage(self, attachment: Attachment, content: bytes, codec: Codec | None) -> tuple[Path, Path]:
        """A new file written beside its final place (see `commit`), e.g. while restoring a backup."""
        make_private_folder(self.folder)
        target = self.path(attachment)
        return write_temp(target, _encode(content, codec)), target

    def prune(self, keep: Iterable[Attachment], referenced: set[str] | None) -> None:
        """Delete the files of attachments neither in `keep` nor named in `referenced` (file names a
        backup still refers to); `referenced` None (a backup could not be read) deletes nothing."""
        if referenced is None:
            return
        for stray in self.strays(keep):
            if stray.name not in referenced:
                stray.unlink(missing_ok=True)

    def strays(self, keep: Iterable[Attachment]) -> list[Path]:
        """Files in the folder that belong to no attachment in `keep` (temporary files aside)."""
        if not self.folder.is_dir():
            return []
        names = {attachment.file_name for attachment in keep}
        return [
            path
            for path in self.folder.iterdir()
            if path.is_file() and not path.name.startswith(".") and path.name not in names
        ]


def _matches(plain: bytes, attachment: Attachment) -> bool:
    """True when the bytes are the file the record describes."""
    return hashlib.sha256(plain).hexdigest() == attachment.sha256


def _encode(content: bytes, codec: Codec | None) -> bytes:
    """The stored bytes of a file."""
    return codec.encode(content) if codec is not None else content


def _decode(stored: bytes, codec: Codec | None) -> bytes:
    """The plain bytes of a stored file, or `ValueError` when it does not fit the codec."""
    if codec is None:
        if has_magic(stored):
            raise ValueError("encrypted, but the folio is not")
        return stored
    if not has_magic(stored):
        raise ValueError("not encrypted, but the folio is")
    try:
        return codec.decode(stored)
    except Exception as error:  # the codec's own errors (wrong key, damage)
        raise ValueError(str(error)) from None

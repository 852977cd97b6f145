"""Reading a file to attach: PDF, PNG or JPEG, at most 20 MB, judged by its content.

The file's first bytes say what it is (never its name); a PDF must then open with pypdf
and every page be readable, an image must decode with Pillow, both in a child process
bounded in time and memory (`store.pdf_reading`). Anything else is refused with
`AttachmentRefused`, whose message names the file and what is allowed, before anything
is stored.
"""

from __future__ import annotations

import errno
import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sendfolio.domain.records import ATTACHMENT_MAX_BYTES, Attachment
from sendfolio.store.atomic import read_regular
from sendfolio.store.pdf_reading import SIGNATURES, DocumentRefused, read_document

ALLOWED = "a PDF, PNG or JPEG file of at most 20 MB"
"""What may be attached, in words."""


class AttachmentRefused(ValueError):
    """A file that cannot be attached; the message says which file and why."""


@dataclass(frozen=True)
class CheckedFile:
    """A file's bytes that passed the checks, with its type and page count."""

    content: bytes
    file_type: str
    pages: int

    def record(self, evidence_for: str, title: str, added: date) -> Attachment:
        """The attachment record of this file (checked by `Attachment.from_dict`)."""
        return Attachment.from_dict(
            {
                "evidence_for": evidence_for,
                "title": title,
                "file_type": self.file_type,
                "size": len(self.content),
                "pages": self.pages,
                "sha256": hashlib.sha256(self.content).hexdigest(),
                "added": added,
            }
        )


def read_attachment(path: Path) -> CheckedFile:
    """The checked bytes of the file at `path`, or `AttachmentRefused` saying why not."""
    path = Path(path)
    try:
        content = read_regular(path, ATTACHMENT_MAX_BYTES, follow_links=True)  # never waits on a pipe or device
    except FileNotFoundError:
        raise AttachmentRefused(f"{path}: no such file") from None
    except IsADirectoryError:
        raise AttachmentRefused(f"{path}: is a folder, not a file") from None
    except OSError as error:
        if error.errno == errno.EFBIG:
            raise AttachmentRefused(f"{path}: {error.strerror}; attach {ALLOWED}") from None
        raise AttachmentRefused(f"{path}: cannot be read ({error.strerror or error})") from None
    return check_content(str(path), content)


def check_content(name: str, content: bytes) -> CheckedFile:
    """The bytes checked as an attachment (`name` only for messages), or `AttachmentRefused`.

    The file is read in a child process bounded in time and memory (`store.pdf_reading`): a
    PDF must open and every page be readable, an image must decode whole, and neither may
    unpack to more than sendfolio reads.
    """
    if not content:
        raise AttachmentRefused(f"{name}: is empty; attach {ALLOWED}")
    if len(content) > ATTACHMENT_MAX_BYTES:
        raise AttachmentRefused(f"{name}: is {len(content) / 1024 / 1024:.1f} MB; attach {ALLOWED}")
    if not any(content.startswith(magic) for _, magic in SIGNATURES):
        raise AttachmentRefused(f"{name}: is not a PDF, PNG or JPEG file (judged by its content); attach {ALLOWED}")
    try:
        read = read_document(content)
    except DocumentRefused as why:
        raise AttachmentRefused(f"{name}: {why}") from None
    return CheckedFile(content, read.file_type, read.pages)

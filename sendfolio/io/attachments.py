"""Reading a file to attach: PDF, PNG or JPEG, at most 20 MB, judged by its content.

The file's first bytes say what it is (never its name); a PDF must then open with pypdf
and every page be readable, an image must decode with Pillow. Anything else is refused
with `AttachmentRefused`, whose message names the file and what is allowed, before
anything is stored.
"""

from __future__ import annotations

import errno
import hashlib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sendfolio.domain.records import ATTACHMENT_MAX_BYTES, Attachment
from sendfolio.store.atomic import read_regular

ALLOWED = "a PDF, PNG or JPEG file of at most 20 MB"
"""What may be attached, in words."""

SIGNATURES = (("pdf", b"%PDF-"), ("png", b"\x89PNG\r\n\x1a\n"), ("jpeg", b"\xff\xd8\xff"))
"""The first bytes of each file type that may be attached."""


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
    """The bytes checked as an attachment (`name` only for messages), or `AttachmentRefused`."""
    if not content:
        raise AttachmentRefused(f"{name}: is empty; attach {ALLOWED}")
    if len(content) > ATTACHMENT_MAX_BYTES:
        raise AttachmentRefused(f"{name}: is {len(content) / 1024 / 1024:.1f} MB; attach {ALLOWED}")
    file_type = next((kind for kind, magic in SIGNATURES if content.startswith(magic)), None)
    if file_type is None:
        raise AttachmentRefused(f"{name}: is not a PDF, PNG or JPEG file (judged by its content); attach {ALLOWED}")
    if file_type == "pdf":
        return CheckedFile(content, "pdf", _pdf_pages(name, content))
    _check_image(name, content, file_type)
    return CheckedFile(content, file_type, 1)


def _pdf_pages(name: str, content: bytes) -> int:
    """The page count of a whole, readable PDF, or `AttachmentRefused`."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    if b"%%EOF" not in content[-2048:]:
        raise AttachmentRefused(f"{name}: the PDF is cut short (it has no end-of-file mark); attach the whole file")
    try:
        reader = PdfReader(io.BytesIO(content), strict=True)
        if reader.is_encrypted:
            raise AttachmentRefused(f"{name}: the PDF is password-protected; attach a copy without a password")
        pages = len(reader.pages)
        for page in reader.pages:
            page.get_contents()
            _ = page.mediabox
    except AttachmentRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as error:
        raise AttachmentRefused(f"{name}: the PDF is damaged and cannot be read ({_short(error)})") from None
    except Exception as error:  # pypdf raises many kinds of error on a broken file
        raise AttachmentRefused(f"{name}: the PDF is damaged and cannot be read ({_short(error)})") from None
    if pages < 1:
        raise AttachmentRefused(f"{name}: the PDF has no pages")
    return pages


def _check_image(name: str, content: bytes, file_type: str) -> None:
    """Decode the whole image, or `AttachmentRefused`."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != file_type.upper():
                raise AttachmentRefused(f"{name}: is not a whole {file_type.upper()} image")
            image.load()
    except AttachmentRefused:
        raise
    except Exception as error:  # Pillow raises OSError, SyntaxError, DecompressionBombError, ...
        raise AttachmentRefused(f"{name}: the image is damaged and cannot be read ({_short(error)})") from None


def _short(error: Exception) -> str:
    """An error's message cut to one short line."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:120]

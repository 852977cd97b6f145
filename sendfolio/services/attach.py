"""Keep a certificate or other document with the folio, or remove one: for `sendfolio attach`,
`sendfolio attachments --remove` and the Documents screen.

The file is judged by its content before anything is stored (`io.attachments`), then kept beside
the folio through its codec (`Folio.attach`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendfolio.domain.records import Attachment
    from sendfolio.io.attachments import CheckedFile
    from sendfolio.store import Folio


class NoSuchAttachment(LookupError):
    """No attachment has the id given."""


def read_document(file: Path) -> CheckedFile:
    """The file read and judged by its content, ready to attach; `AttachmentRefused` says why not.

    Read before the folio is opened, so a refused file never creates or changes a folio.
    """
    from sendfolio.io.attachments import read_attachment

    return read_attachment(Path(file).expanduser())


def attach_file(
    folio: Folio, document: CheckedFile, evidence_for: str, *, title: str | None, today: date
) -> Attachment:
    """Keep the `document` read with `read_document` with the folio, as evidence for `evidence_for`.

    `evidence_for` is `training:ID`, `membership`, `insurance`, `case:REF` or `cpd:ID`; `title` is
    how the portfolio names it (default: from what it is evidence for). Raises `TargetProblem`,
    `InvalidRecord`, `FolioError` or `OSError`; nothing is stored then.
    """
    from sendfolio.domain.links import default_title, resolve_target

    data = folio.data()
    target = resolve_target(data, evidence_for)
    record = document.record(target, title or default_title(data, target), today)
    return folio.attach(record, document.content)


def remove_attachment(folio: Folio, attachment_id: str) -> Attachment:
    """Remove the attachment `attachment_id` (its record and its file); returns it (`NoSuchAttachment` if none)."""
    found = next((item for item in folio.attachments() if item.id == attachment_id), None)
    if found is None:
        raise NoSuchAttachment(f"no attachment {attachment_id}")
    folio.detach(found)
    return found

"""The words of attached documents, checked for identifiers as the folio's own text is.

A certificate reading "awarded to Zoe Smith NHS 943 476 5919" prints the name and the number
in the portfolio's appendix as surely as a typed note would. `attachment_findings` reads the
text of every attached PDF page (and of a kept returned form) in the bounded child of
`store.pdf_reading` and checks it with `identifiers.find_identifiers`: every pattern and the
do-not-print words. What has no text to check (an image, a scanned page) is a finding of its
own, "not checked: an image", until the mediator has looked at it and marked it with
`privacy-check --ignore ID` (as for a false alarm); a document that cannot be read within the
limits is "not checked: cannot be read", and cannot be marked: it is removed or attached again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sendfolio.domain.unchecked import KIND, not_checked_id
from sendfolio.privacy.identifiers import Finding, find_identifiers
from sendfolio.store.pdf_reading import DocumentRefused, read_documents
from sendfolio.store.storage import FolioError

if TYPE_CHECKING:
    from sendfolio.domain.records import Attachment
    from sendfolio.store import Folio

IMAGE = "image"
"""The category of a document, or some of its pages, with no text to check."""

UNREADABLE = "unreadable"
"""The category of a document that cannot be read within the limits."""


def attachment_findings(folio: Folio, do_not_print: Iterable[str] = ()) -> list[Finding]:
    """Likely identifiers in the text of every attached document, and each document nothing could check.

    A document whose file is missing is left out here, as it is left out of every export and PDF.
    """
    words = list(do_not_print)
    items: list[Attachment] = []
    contents: list[bytes] = []
    for attachment in folio.attachments():
        try:
            contents.append(folio.attachment_bytes(attachment))
        except FolioError:
            continue
        items.append(attachment)
    found: list[Finding] = []
    for attachment, read in zip(items, read_documents(contents)):
        if isinstance(read, DocumentRefused):
            found.append(
                _not_checked(
                    UNREADABLE, attachment, f"{attachment.title}: {read}; remove it or attach a copy that reads"
                )
            )
            continue
        for number, text in enumerate(read.texts, 1):
            if text.strip():
                place = f"page {number}" if read.pages > 1 else "text"
                found += find_identifiers(text, words, kind=KIND, record=attachment.id, field=place)
        blank = read.pages_without_text
        if blank:
            pages = f" (page {', '.join(str(number) for number in blank)})" if read.file_type == "pdf" else ""
            found.append(
                _not_checked(
                    IMAGE,
                    attachment,
                    f"{attachment.title}{pages} has no text to check: look at it, and once it holds no identifier "
                    "mark it as checked",
                )
            )
    return found


def _not_checked(category: str, attachment: Attachment, context: str) -> Finding:
    """A finding for a document nothing could check; its id changes when the file does."""
    key = not_checked_id(category, attachment.id, attachment.sha256)
    return Finding(key, category, KIND, attachment.id, "file", "", context)

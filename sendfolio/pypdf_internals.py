"""The parts of pypdf's inside that sendfolio writes PDFs with, in one place.

pypdf has no public way to add a free-standing object (a content stream, a form, a font) to
the file being written, nor to set the file identifier a compile derives from its content (the
same records give the same bytes). Both are private attributes of `PdfWriter`, listed in
`RELIES_ON`; nothing else in sendfolio touches them. `tests/portfolio/test_framework_internals.py` fails,
naming what changed, when a pypdf upgrade moves either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PdfWriter
    from pypdf.generic import ByteStringObject, IndirectObject, PdfObject

RELIES_ON = (
    "PdfWriter._add_object(obj) -> IndirectObject (private): adds a content stream, form or font to the file "
    "and returns its reference (margins and copied pages are drawn as forms, tick boxes need a font)",
    "PdfWriter._ID (private): the trailer's /ID pair, written as it is set; a joined or generated PDF takes "
    "the identifier derived from its content, so the same records give the same bytes",
)
"""Every part of pypdf's inside that sendfolio uses, and why (all of them in this module)."""


def add_object(writer: PdfWriter, obj: PdfObject) -> IndirectObject:
    """Add `obj` to the file `writer` writes; its indirect reference."""
    return writer._add_object(obj)


def set_file_identifier(writer: PdfWriter, identifier: ByteStringObject) -> None:
    """Write `identifier` as both halves of the file's /ID (in place of pypdf's random one)."""
    from pypdf.generic import ArrayObject

    writer._ID = ArrayObject([identifier, identifier])

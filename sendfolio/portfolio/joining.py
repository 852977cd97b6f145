"""Join the chunks' PDFs into one: page margins, named destinations, outline, metadata and identifier as in one pass.

Each page's margins (running heads, "page x of y"), laid out apart, are drawn over it.

Every link annotation WeasyPrint wrote names its target; one name tree of every anchor
(at the page and spot the chunks found it) makes each land where it would in one pass.
The outline is built with WeasyPrint's own rule from every chunk's headings in order.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Protocol

from sendfolio.portfolio.weasy import identifier_for, outline
from sendfolio.pypdf_internals import add_object, set_file_identifier


class LaidChunk(Protocol):
    """What the join reads of a chunk laid out (`chunked.Laid`)."""

    @property
    def index(self) -> int:
        """The chunk's place in the document, from 0."""

    @property
    def pdf(self) -> bytes:
        """The chunk's pages, without their margins."""

    @property
    def anchors(self) -> dict[str, tuple[int, float, float]]:
        """Each anchor's page in the chunk and spot on it, in points."""

    @property
    def bookmarks(self) -> Sequence[tuple[int, int, str, float, float, str]]:
        """The chunk's headings: (page, level, label, x, y, open or closed)."""

    @property
    def heights(self) -> Sequence[float]:
        """Each page's height in CSS pixels."""


def join(
    laid: Sequence[LaidChunk],
    margins: list[bytes],
    html: str,
    *,
    owner: dict[str, tuple[int, int]],
    offsets: list[int],
) -> bytes:
    """The chunks' pages as one PDF, each under its margins: named destinations, outline, metadata, identifier."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ByteStringObject, Fit, NameObject

    writer = PdfWriter()
    first = PdfReader(io.BytesIO(laid[0].pdf))
    for item in laid:
        reader = first if item.index == 0 else PdfReader(io.BytesIO(item.pdf))
        for page in reader.pages:
            writer.add_page(page)
    _draw_margins(writer, margins)
    for name in sorted(owner):
        chunk, number = owner[name]
        _, x, y = laid[chunk].anchors[name]
        writer.add_named_destination(name, offsets[chunk] + number, fit=Fit.xyz(left=x, top=y, zoom=0))
    _outline(writer, laid, offsets)
    info = first.metadata
    writer.add_metadata(dict(info) if info is not None else {})
    language = first.root_object.get("/Lang")
    if language is not None:
        writer.root_object[NameObject("/Lang")] = language
    set_file_identifier(writer, ByteStringObject(identifier_for(html, False)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


MARGINS = "/SfMargins"
"""The resource name of a page's margins, drawn as a form over the page."""


def _draw_margins(writer: Any, margins: list[bytes]) -> None:
    """Draw each page's margins over it, as a form XObject: the page's own content is not parsed or rewritten."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    def stream(data: bytes) -> Any:
        """A small content stream added to the file once and shared by every page."""
        made = DecodedStreamObject()
        made.set_data(data)
        return add_object(writer, made)

    save, restore, draw = stream(b"q\n"), stream(b"\nQ\n"), stream(f"q {MARGINS} Do Q\n".encode("ascii"))
    number = 0
    for run in margins:
        for margin in PdfReader(io.BytesIO(run)).pages:
            page = writer.pages[number]
            drawn: Any = margin["/Contents"].get_object()
            if isinstance(drawn, ArrayObject):  # pragma: no cover - WeasyPrint writes one stream a page
                joined = DecodedStreamObject()
                joined.set_data(b"\n".join(part.get_object().get_data() for part in drawn))
                drawn = joined
            form: Any = drawn.clone(writer)
            form[NameObject("/Type")] = NameObject("/XObject")
            form[NameObject("/Subtype")] = NameObject("/Form")
            form[NameObject("/BBox")] = ArrayObject(margin.mediabox)
            form[NameObject("/Resources")] = margin["/Resources"].clone(writer)
            resources = DictionaryObject(page["/Resources"].get_object())
            forms = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
            forms[NameObject(MARGINS)] = form.indirect_reference
            resources[NameObject("/XObject")] = forms
            page[NameObject("/Resources")] = resources
            contents = page["/Contents"]
            own = list(contents) if isinstance(contents.get_object(), ArrayObject) else [contents]
            page[NameObject("/Contents")] = ArrayObject([save, *own, restore, draw])
            number += 1


def _outline(writer: Any, laid: Sequence[LaidChunk], offsets: list[int]) -> None:
    """The outline of the whole document, built with WeasyPrint's rule from every chunk's headings."""
    from pypdf.generic import Fit

    def pages() -> Any:
        """Each page of the document: its number, height and headings."""
        for item, offset in zip(laid, offsets):
            marks: list[list[Any]] = [[] for _ in item.heights]
            for page, level, label, x, y, state in item.bookmarks:
                marks[page].append((level, label, (x, y), state))
            for local, height in enumerate(item.heights):
                yield offset + local, height, marks[local]

    root = outline(pages())

    def add(nodes: list[Any], parent: Any) -> None:
        """Add each bookmark and its children under `parent`."""
        for label, (page, x, y), children, state in nodes:
            made = writer.add_outline_item(
                title=label,
                page_number=page,
                parent=parent,
                fit=Fit.xyz(left=x, top=y, zoom=0),
                is_open=state != "closed",
            )
            add(children, made)

    add(root, None)

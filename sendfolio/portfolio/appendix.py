"""Putting the attached documents' pages into a compiled PDF, after the PDF is laid out.

The appendix of the document (template `_portfolio_attachments.html.j2`) reserves one page for
each page of each attached document (a PDF's pages; one for an image): the first carries the
document's heading with the anchor `attachment-aN`, each a short caption at its top. Those pages
already carry the running head, the page number and any DRAFT mark, so every page number and
page reference of the document stays right. Once the PDF is written, this step finds each
document's first page (by its named destination, or failing that by its heading text) and draws
the document's pages, scaled to fit below the caption, onto the reserved pages. It works on
finished PDF bytes, so it does not mind how the main PDF was made (in one piece or in chunks
joined together).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sendfolio.pypdf_internals import add_object

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader, PdfWriter

MM = 72 / 25.4
"""One millimetre in PDF points."""

A4 = (595.28, 841.89)
"""A4 in PDF points."""

COPY_BOX = (22 * MM, 22 * MM, A4[0] - 20 * MM, A4[1] - 44 * MM)
"""(left, bottom, right, top) of the area a copied page is drawn in: within the page margins of
`styles/portfolio.css` (24 / 20 / 22 / 22 mm), below the caption block (`.attachment-head`, 18 mm)."""


@dataclass(frozen=True)
class Insert:
    """One attached document: the anchor of its page in the appendix, its heading and its bytes."""

    anchor: str
    heading: str
    file_type: str
    content: bytes


def insert_attachments(pdf: bytes, inserts: Sequence[Insert]) -> tuple[bytes, int]:
    """The PDF with each document drawn on the pages reserved for it; returns the bytes and page count."""
    from pypdf import PdfReader, PdfWriter

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(pdf))
    if not inserts:
        return pdf, len(reader.pages)
    writer = PdfWriter(clone_from=reader)
    for item in inserts:
        sources = _pages(item)
        first = _page_of(reader, item, len(sources))
        if first + len(sources) > len(writer.pages):
            raise ValueError(f"the appendix has no pages reserved for {item.heading}")
        for offset, source in enumerate(sources):
            _draw_onto(writer, writer.pages[first + offset], source)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def _page_of(reader: PdfReader, item: Insert, count: int) -> int:
    """The index of the first of the `count` pages reserved for the document (the one holding its heading).

    By the anchor's named destination; failing that (a PDF joined from pieces may have lost them),
    the last page whose caption names the document is the last of its run.
    """
    destination = reader.named_destinations.get(item.anchor) or reader.named_destinations.get("/" + item.anchor)
    number = reader.get_destination_page_number(destination) if destination is not None else None
    if number is not None:
        return number
    wanted = " ".join(item.heading.split())
    for index in range(len(reader.pages) - 1, -1, -1):
        if wanted in " ".join((reader.pages[index].extract_text() or "").split()):
            return max(0, index - (count - 1))
    raise ValueError(f"the appendix page of {item.heading} is not in the PDF")


def _pages(item: Insert) -> list[PageObject]:
    """The pages of one document: a PDF's own, or an image as a page of its size."""
    from pypdf import PdfReader

    if item.file_type == "pdf":
        return list(PdfReader(io.BytesIO(item.content)).pages)
    return [_image_page(item.content)]


def _image_page(content: bytes) -> PageObject:
    """A page exactly the size of the image (at 72 dots per inch), holding it."""
    from PIL import Image
    from pypdf import PdfReader

    with Image.open(io.BytesIO(content)) as image:
        image.load()
        converted = image.convert("RGB")
    buffer = io.BytesIO()
    converted.save(buffer, "PDF", resolution=72.0)
    return PdfReader(io.BytesIO(buffer.getvalue())).pages[0]


def _draw_onto(writer: PdfWriter, page: PageObject, source: PageObject) -> None:
    """Draw `source` under `page`'s own marks (its /Rotate applied), scaled to fit the copy area.

    The copy is a form XObject drawn inside an `/Artifact` marked-content sequence: a tagged
    (PDF/UA) document stays tagged, its reserved page's caption saying what the copy is.
    """
    from pypdf import Transformation

    box = source.cropbox
    width, height = float(box.width), float(box.height)
    upright = Transformation().translate(-float(box.left), -float(box.bottom))
    turn = (source.rotation or 0) % 360
    if turn == 90:
        upright = upright.rotate(-90).translate(0, width)
    elif turn == 180:
        upright = upright.rotate(180).translate(width, height)
    elif turn == 270:
        upright = upright.rotate(90).translate(height, 0)
    if turn in (90, 270):
        width, height = height, width
    left, bottom, right, top = COPY_BOX
    scale = min((right - left) / width, (top - bottom) / height)
    x = left + ((right - left) - width * scale) / 2
    y = top - height * scale
    _draw_form(writer, page, source, upright.scale(scale, scale).translate(x, y).ctm)


def _draw_form(writer: PdfWriter, page: PageObject, source: PageObject, matrix: tuple[float, ...]) -> None:
    """Put `source`'s content on `page`, before the page's own content, as an artifact form XObject."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject

    contents = source.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    box = source.cropbox
    resources = source.get("/Resources")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                FloatObject(value) for value in (box.left, box.bottom, box.right, box.top)
            ),
            NameObject("/Resources"): resources.clone(writer) if resources is not None else DictionaryObject(),
        }
    )
    form_ref = add_object(writer, form)
    page_resources: Any = page.get("/Resources")
    if page_resources is None:
        page_resources = DictionaryObject()
        page[NameObject("/Resources")] = page_resources
    page_resources = page_resources.get_object()
    xobjects: Any = page_resources.get("/XObject")
    if xobjects is None:
        xobjects = DictionaryObject()
        page_resources[NameObject("/XObject")] = xobjects
    xobjects = xobjects.get_object()
    name = f"/SFcopy{len(xobjects)}"
    xobjects[NameObject(name)] = form_ref
    numbers = " ".join(f"{value:.5f}" for value in matrix)
    stream = DecodedStreamObject()
    stream.set_data(f"/Artifact BMC q {numbers} cm {name} Do Q EMC\n".encode("ascii"))
    drawn = add_object(writer, stream)
    existing = page.raw_get("/Contents") if "/Contents" in page else None
    if existing is None:
        page[NameObject("/Contents")] = drawn
    elif isinstance(existing.get_object(), ArrayObject):
        page[NameObject("/Contents")] = ArrayObject([drawn, *existing.get_object()])
    else:
        page[NameObject("/Contents")] = ArrayObject([drawn, existing])

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

COPY_BOX = (22 * MM, 22 * MM, A4[0] - 20 * MM, A4[1] - 52 * MM)
"""(left, bottom, right, top) of the area a copied page is drawn in: within the page margins of
`styles/portfolio.css` (24 / 20 / 22 / 22 mm), below the caption block (`.attachment-head`, 26 mm: a heading and four lines of caption, the longest a returned form has)."""


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
        return list(PdfReader(io.BytesIO(with_fields_drawn(item.content))).pages)
    return [_image_page(item.content)]


def with_fields_drawn(content: bytes) -> bytes:
    """A PDF whose filled-in form fields are drawn into its pages (the bytes as they are when it has none).

    A copied page carries its content, not its annotations, so an observer's returned form
    would print empty: each visible widget's appearance (made first for a text field whose
    reader set only its value) is drawn where the widget sits, as any viewer shows it.
    """
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(content))
    locked = reader.is_encrypted
    if locked:
        reader.decrypt("")  # a returned form with only an owner password opens without one: copied unlocked
    if "/AcroForm" not in reader.root_object and not locked:
        return content
    writer = PdfWriter(clone_from=reader)
    values = {
        name: spec["/V"]
        for name, spec in (reader.get_fields() or {}).items()
        if spec.get("/FT") == "/Tx" and isinstance(spec.get("/V"), str) and spec.get("/V")
    }
    drawn = False
    for page in writer.pages:
        if values:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
        drawn = _draw_widgets(writer, page) or drawn
    if not drawn and not locked:
        return content
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _draw_widgets(writer: PdfWriter, page: PageObject) -> bool:
    """Draw each visible widget's normal appearance into `page`'s content, then drop the widgets."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, StreamObject

    draws = []
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    page[NameObject("/Resources")] = resources
    xobjects = resources.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else DictionaryObject()
    resources[NameObject("/XObject")] = xobjects
    for ref in page.get("/Annots") or ():
        widget = ref.get_object()
        appearance = _appearance(widget)
        if appearance is None or not isinstance(appearance.get_object(), StreamObject):
            continue
        stream = appearance.get_object()
        placed = _placement(widget, stream)
        if placed is None:
            continue
        name = f"/SFfield{len(xobjects)}"
        xobjects[NameObject(name)] = appearance if hasattr(appearance, "idnum") else add_object(writer, stream)
        draws.append(f"q {' '.join(f'{value:.4f}' for value in placed)} cm {name} Do Q")
    if not draws:
        return False
    stream = DecodedStreamObject()
    stream.set_data(("Q\n" + "\n".join(draws) + "\n").encode("ascii"))
    added = add_object(writer, stream)
    opening = DecodedStreamObject()
    opening.set_data(b"q\n")  # the page's own content may leave its coordinates changed: the widgets start afresh
    existing = page.raw_get("/Contents") if "/Contents" in page else None
    before = [] if existing is None else [existing]
    if existing is not None and isinstance(existing.get_object(), ArrayObject):
        before = list(existing.get_object())
    page[NameObject("/Contents")] = ArrayObject([add_object(writer, opening), *before, added])
    del page["/Annots"]
    return True


def _appearance(widget: Any) -> Any:
    """A visible widget's normal appearance (for a tick box, the one of its state), or None."""
    if widget.get("/Subtype") != "/Widget" or int(widget.get("/F", 0)) & 2:
        return None
    looks = widget.get("/AP")
    normal = looks.get_object().get("/N") if looks is not None else None
    if normal is None:
        return None
    if isinstance(normal.get_object(), dict) and not hasattr(normal.get_object(), "get_data"):
        state = widget.get("/AS")
        states = normal.get_object()
        return states.raw_get(state) if state is not None and str(state) in states else None
    return normal if hasattr(normal, "idnum") else normal.get_object()


def _placement(widget: Any, stream: Any) -> tuple[float, ...] | None:
    """The matrix drawing an appearance's box (through its own /Matrix) onto the widget's /Rect."""
    try:
        x0, y0, x1, y1 = (float(value) for value in widget["/Rect"])
        bx0, by0, bx1, by1 = (float(value) for value in stream.get("/BBox", widget["/Rect"]))
        a, b, c, d, e, f = (float(value) for value in stream.get("/Matrix", (1, 0, 0, 1, 0, 0)))
    except (KeyError, TypeError, ValueError):
        return None
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (bx0, bx1) for y in (by0, by1)]
    left, right = min(x for x, _ in corners), max(x for x, _ in corners)
    bottom, top = min(y for _, y in corners), max(y for _, y in corners)
    if right - left <= 0 or top - bottom <= 0:
        return None
    x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    sx, sy = (x1 - x0) / (right - left), (y1 - y0) / (top - bottom)
    return (sx, 0.0, 0.0, sy, x0 - left * sx, y0 - bottom * sy)


def _image_page(content: bytes) -> PageObject:
    """A page exactly the size of the image (at 72 dots per inch), holding it."""
    from PIL import Image
    from pypdf import PdfReader

    with Image.open(io.BytesIO(content)) as image:
        image.load()
        converted = image if image.mode in ("1", "L", "RGB") else image.convert("RGB")
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
    """Put `source`'s content on `page`, before the page's own content, as an artifact form XObject.

    The copy keeps the source's compressed drawing instructions as they are (a page drawn by
    several streams is joined and compressed again): the portfolio grows by about the size of
    the attached document, never by what its pages unpack to.
    """
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        IndirectObject,
        NameObject,
        StreamObject,
    )

    drawing = source.raw_get("/Contents") if "/Contents" in source else None
    drawing = drawing.get_object() if isinstance(drawing, IndirectObject) else drawing
    if isinstance(drawing, StreamObject):
        form = drawing.clone(writer, force_duplicate=True)
        for key in list(form.keys()):
            if key not in ("/Filter", "/DecodeParms", "/Length"):
                del form[key]
    else:
        contents = source.get_contents()
        joined = DecodedStreamObject()
        joined.set_data(contents.get_data() if contents is not None else b"")
        form = joined.flate_encode()
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
    cloned = getattr(form, "indirect_reference", None)  # a stream cloned from an indirect object is added already
    form_ref = cloned if cloned is not None else add_object(writer, form)
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

"""A fictional certificate as a small PDF, made on the fly for the demo (and for tests).

Built with pypdf alone: A4 pages whose text is set in the PDF's standard Helvetica and
Times fonts (no font files embedded), so making one is quick and gives the same
bytes every time.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, IndirectObject, NameObject

from sendfolio.pypdf_internals import add_object

A4 = (595.28, 841.89)
"""A4 in PDF points."""


def certificate_pdf(pages: Sequence[Sequence[tuple[str, float, str]]], *, title: str = "Certificate") -> bytes:
    """A PDF with one A4 page per item of `pages`; each page a list of (text, size, style) lines.

    `style` is "title" (Times, centred), "body" (Helvetica, centred) or "small" (Helvetica, left).
    """
    writer = PdfWriter()
    fonts = DictionaryObject(
        {
            NameObject("/F1"): _font(writer, "/Helvetica"),
            NameObject("/F2"): _font(writer, "/Times-Bold"),
        }
    )
    for lines in pages:
        page = writer.add_blank_page(*A4)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        stream = DecodedStreamObject()
        stream.set_data(_content(lines).encode("latin-1"))
        page[NameObject("/Contents")] = add_object(writer, stream)
    writer.add_metadata({"/Title": title, "/Producer": "sendfolio demo"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _font(writer: PdfWriter, base: str) -> IndirectObject:
    """A reference to one of the PDF's standard fonts."""
    return add_object(
        writer,
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject(base),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        ),
    )


def _content(lines: Sequence[tuple[str, float, str]]) -> str:
    """The page's content stream: a double border, then each line of text down the page."""
    width, height = A4
    parts = ["0.2 0.3 0.5 RG 3 w 36 36 523.28 769.89 re S 1 w 46 46 503.28 749.89 re S 0 0 0 rg"]
    y = height - 150
    for text, size, style in lines:
        font = "/F2" if style == "title" else "/F1"
        if style == "small":
            x = 80.0
        else:
            x = (width - _text_width(text, size, style)) / 2
        parts.append(f"BT {font} {size:g} Tf {x:.1f} {y:.1f} Td ({_escape(text)}) Tj ET")
        y -= size * 1.9
    return "\n".join(parts)


def _text_width(text: str, size: float, style: str) -> float:
    """An estimate of the width of a line (average glyph widths of Helvetica and Times Bold)."""
    return len(text) * size * (0.5 if style == "title" else 0.52)


def _escape(text: str) -> str:
    """Text as a PDF string literal's content."""
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


__all__ = ["A4", "certificate_pdf"]

"""Hostile files, made small on disk: PDFs whose streams unpack to tens of megabytes each, and an
image of 169 million pixels. Written by hand (a few objects and a cross-reference), so making one
takes a fraction of a second and the test process never holds what they unpack to."""

from __future__ import annotations

import functools
import struct
import zlib

SPACES = 70 * 1024 * 1024
"""What each hostile stream unpacks to: 70 MB (under pypdf's own 75 MB limit)."""


@functools.cache
def _deflated_tail(size: int) -> bytes:
    """`size` spaces as raw deflate blocks, the last one final (made once: it takes a second)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b" " * (1024 * 1024)
    parts = [packer.compress(chunk[: min(size - done, len(chunk))]) for done in range(0, size, len(chunk))]
    return b"".join(parts) + packer.flush()


def _deflated_spaces(prefix: bytes, size: int = SPACES) -> bytes:
    """`prefix` then `size` spaces as a zlib stream (about 1/1000 of their size).

    The prefix is deflated on its own up to a full flush (which starts the next block afresh),
    so the spaces' blocks are made once and shared; the checksum covers both.
    """
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = head.compress(prefix) + head.flush(zlib.Z_FULL_FLUSH)
    check = zlib.adler32(prefix)
    chunk = b" " * (1024 * 1024)
    for done in range(0, size, len(chunk)):
        check = zlib.adler32(chunk[: min(size - done, len(chunk))], check)
    return b"\x78\xda" + start + _deflated_tail(size) + struct.pack(">I", check)


def _pdf(objects: dict[int, bytes], root: int) -> bytes:
    """A PDF of the numbered objects (each the bytes between `N 0 obj` and `endobj`) with a classic xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    """A stream object's body."""
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def pages_of_spaces(pages: int = 20) -> bytes:
    """A PDF of `pages` A4 pages, each page's drawing instructions unpacking to 70 MB (~1.4 MB on disk at 20)."""
    objects: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    kids = []
    content = _deflated_spaces(b"BT /F1 12 Tf 72 720 Td (Certificate) Tj ET\n")
    for index in range(pages):
        page, drawing = 10 + 2 * index, 11 + 2 * index
        kids.append(b"%d 0 R" % page)
        objects[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % drawing
        )
        objects[drawing] = _stream(b"/Filter /FlateDecode", content)
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    objects[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return _pdf(objects, 1)


def form_with_object_streams(streams: int = 8) -> bytes:
    """A one-page form whose fields sit in `streams` object streams of 70 MB of white space each (~560 KB).

    The objects in streams need a cross-reference stream, so this one is laid out by hand too.
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    fields = b" ".join(b"%d 0 R" % (10 + index) for index in range(streams))
    add(1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + fields + b"] >> >>")
    add(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    add(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    for index in range(streams):
        header = b"%d 0 " % (10 + index)
        first = len(header)
        body = header + b"<< /FT /Tx /T (field%d) /V (x) >>" % index
        add(20 + index, _stream(b"/Type /ObjStm /N 1 /First %d /Filter /FlateDecode" % first, _deflated_spaces(body)))
    xref_number = 20 + streams
    size = xref_number + 1
    offsets[xref_number] = len(out)
    rows = bytearray()
    for number in range(size):
        if number in offsets:
            rows += struct.pack(">BIH", 1, offsets[number], 0)
        elif 10 <= number < 10 + streams:
            rows += struct.pack(">BIH", 2, 20 + number - 10, 0)
        else:
            rows += struct.pack(">BIH", 0, 0, 65535 if number == 0 else 0)
    out += (
        b"%d 0 obj\n" % xref_number
        + _stream(b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R" % size, bytes(rows))
        + b"\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def huge_one_bit_png(side: int = 13_000) -> bytes:
    """A `side` x `side` black-and-white PNG (169 million pixels at 13,000; about 30 KB on disk)."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")

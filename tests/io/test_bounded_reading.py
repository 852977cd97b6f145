"""Bounded PDF and image work: a hostile attachment or returned form is refused in a child process
bounded in time and memory, an image is judged by its pixels before it is decoded, the page limit
is one the compile meets, and attached pages are copied compressed.

Each hostile file is small on disk (`tests/helpers/hostile_files.py`); what they unpack to, and the time
and memory of refusing them, are in tests/benchmarks/README.md ("Bounded reading")."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendfolio.cli import main
from sendfolio.samples.certificate import certificate_pdf
from sendfolio.store import Folio
from sendfolio.store.pdf_reading import MAX_PAGES, MAX_PIXELS
from tests.helpers.hostile_files import form_with_object_streams, huge_one_bit_png, pages_of_spaces


def run(folio_dir: Path, *args: str):
    """Run the CLI on the folio folder."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args])


def attach(folio_dir: Path, path: Path):
    """`sendfolio attach FILE --for membership`."""
    return run(folio_dir, "attach", str(path), "--for", "membership")


def one_line(result) -> str:
    """The command's error: one line on stderr (no library warning, no traceback)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "unexpected error" not in lines[0]
    return lines[0]


def test_pages_unpacking_to_70_mb_each_are_refused(folio_dir, tmp_path):
    hostile = tmp_path / "certificate.pdf"
    hostile.write_bytes(pages_of_spaces(20))
    assert hostile.stat().st_size < 2 * 1024 * 1024
    result = attach(folio_dir, hostile)
    assert result.exit_code == 2
    assert "too large or too complex to read safely" in one_line(result)
    assert not (folio_dir / "attachments").exists() or not any((folio_dir / "attachments").iterdir())


def test_a_returned_form_of_object_streams_of_white_space_is_refused(folio_dir, tmp_path):
    assert run(folio_dir, "demo").exit_code == 0
    hostile = tmp_path / "returned-form.pdf"
    hostile.write_bytes(form_with_object_streams(8))
    result = run(folio_dir, "import", str(hostile))
    assert result.exit_code == 2
    assert str(hostile) in result.stderr
    assert "too large or too complex to read safely" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_image_is_judged_by_its_pixels_before_it_is_decoded(folio_dir, tmp_path):
    hostile = tmp_path / "scan.png"
    hostile.write_bytes(huge_one_bit_png(13_000))
    result = attach(folio_dir, hostile)
    assert result.exit_code == 2
    line = one_line(result)
    assert "13000 x 13000 pixels" in line and f"{MAX_PIXELS // 1_000_000} million" in line


def test_an_image_just_under_the_limit_is_attached(folio_dir, tmp_path):
    side = int(MAX_PIXELS**0.5) - 1
    image = tmp_path / "scan.png"
    image.write_bytes(huge_one_bit_png(side))
    assert attach(folio_dir, image).exit_code == 0


def dense_pages(count: int) -> bytes:
    """A PDF of `count` pages of small, dense text (sixty lines each): the slowest to read for its size."""
    page = [
        (f"Module {line}: the mediator's duties under the SEND Code of Practice, with notes", 9, "small")
        for line in range(60)
    ]
    return certificate_pdf([page] * count)


def test_the_page_limit(folio_dir, tmp_path):
    over = tmp_path / "over.pdf"
    over.write_bytes(certificate_pdf([[("Page", 12, "body")]] * (MAX_PAGES + 1)))
    result = attach(folio_dir, over)
    assert result.exit_code == 2
    assert f"has {MAX_PAGES + 1} pages; attach at most {MAX_PAGES}" in one_line(result)


def test_an_attachment_at_the_page_limit_is_read_and_joined(folio_dir, tmp_path):
    """The longest document accepted, in dense text, is read within the child's time and drawn whole
    onto its reserved pages (where 10,000 pages crashed the join)."""
    from pypdf import PdfWriter

    from sendfolio.portfolio.appendix import Insert, insert_attachments

    document = tmp_path / "handbook.pdf"
    document.write_bytes(dense_pages(MAX_PAGES))
    attached = attach(folio_dir, document)
    assert attached.exit_code == 0, attached.output
    writer = PdfWriter()
    for _ in range(MAX_PAGES + 2):
        writer.add_blank_page(595.28, 841.89)
    writer.add_named_destination("attachment-a1", 1)
    buffer = io.BytesIO()
    writer.write(buffer)
    joined, pages = insert_attachments(
        buffer.getvalue(), [Insert("attachment-a1", "Handbook", "pdf", document.read_bytes())]
    )
    assert pages == MAX_PAGES + 2
    reader = PdfReader(io.BytesIO(joined))
    assert "Module 59" in reader.pages[MAX_PAGES].extract_text()
    assert not reader.pages[MAX_PAGES + 1].extract_text()


@pytest.mark.slow
def test_a_portfolio_with_an_attachment_at_the_page_limit_compiles(folio_dir, tmp_path, today):
    """The whole compile at the limit (about 30 s: WeasyPrint lays out a reserved page for each page)."""
    document = tmp_path / "handbook.pdf"
    document.write_bytes(dense_pages(MAX_PAGES))
    assert attach(folio_dir, document).exit_code == 0
    out = tmp_path / "portfolio.pdf"
    result = run(folio_dir, "portfolio", "-o", str(out), "--date", today.isoformat())
    assert result.exit_code == 0, result.output + result.stderr
    reader = PdfReader(out)
    copied = [page for page in reader.pages if "SEND Code of Practice, with notes" in (page.extract_text() or "")]
    assert len(copied) == MAX_PAGES
    assert out.stat().st_size < len(document.read_bytes()) + 2 * 1024 * 1024


def test_attached_pages_are_copied_compressed():
    from sendfolio.portfolio.appendix import Insert, insert_attachments

    document = pages_of_spaces(3)  # 210 KB, unpacking to 210 MB: the appendix never unpacks it
    writer_pdf = certificate_pdf([[("Appendix", 12, "body")]] * 3)
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(writer_pdf)))
    writer.add_named_destination("attachment-a1", 0)
    buffer = io.BytesIO()
    writer.write(buffer)
    joined, pages = insert_attachments(buffer.getvalue(), [Insert("attachment-a1", "Handbook", "pdf", document)])
    assert pages == 3
    assert len(joined) < len(document) + len(buffer.getvalue()) + 10_000
    page = PdfReader(io.BytesIO(joined)).pages[0]
    copy = page["/Resources"]["/XObject"]["/SFcopy0"].get_object()
    assert copy["/Filter"] == "/FlateDecode"  # as it came, not unpacked to its 70 MB
    source = PdfReader(io.BytesIO(document)).pages[0]["/Contents"].get_object()
    assert copy._data == source._data


def test_a_damaged_pdf_is_one_line_without_library_warnings(folio_dir, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    result = attach(folio_dir, broken)
    assert result.exit_code == 2
    assert "damaged" in one_line(result)


def test_the_apps_attach_reads_through_the_same_bounded_reader(folio_dir, tmp_path):
    """The app's attach dialog calls `read_attachment`, as the command does (no reading of its own)."""
    from sendfolio.io.attachments import AttachmentRefused, read_attachment

    hostile = tmp_path / "certificate.pdf"
    hostile.write_bytes(pages_of_spaces(20))
    with pytest.raises(AttachmentRefused, match="too large or too complex"):
        read_attachment(hostile)
    with Folio.open(folio_dir) as folio:
        assert folio.attachments() == ()

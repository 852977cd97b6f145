"""Attachment text checked: the words of an attached PDF go through the same identifier check as a
typed record, at attach and before every export and PDF; an image, with no text to check, waits for
the mediator's word; a document that cannot be read is never printed."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from sendfolio.cli import main
from sendfolio.domain.records import Attachment
from sendfolio.samples.certificate import certificate_pdf
from sendfolio.store import Folio
from tests.helpers.hostile_files import pages_of_spaces

LEAK = "awarded to Zoe Smith NHS 943 476 5919"
"""A certificate's line carrying a listed name and an NHS number (fictional)."""


def run(folio_dir: Path, *args: str):
    """Run the CLI on the folio folder."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args])


def findings(folio_dir: Path) -> list[dict]:
    """`privacy-check --json`."""
    result = run(folio_dir, "privacy-check", "--json")
    return json.loads(result.output)


def test_a_certificates_text_is_checked_and_refuses_the_portfolio(folio_dir, tmp_path):
    assert run(folio_dir, "do-not-print", "add", "Zoe Smith").exit_code == 0
    cert = tmp_path / "certificate.pdf"
    cert.write_bytes(certificate_pdf([[("Certificate of membership", 20, "title"), (LEAK, 12, "body")]]))
    attached = run(folio_dir, "attach", str(cert), "--for", "membership")
    assert attached.exit_code == 0
    assert "2 possible identifiers" in attached.stderr and "NHS number" in attached.stderr
    assert len(attached.stderr.strip().splitlines()) == 1

    found = findings(folio_dir)
    assert {item["category"] for item in found} == {"nhs-number", "do-not-print"}
    assert all(item["kind"] == "attachment" for item in found)
    listed = run(folio_dir, "privacy-check")
    assert listed.exit_code == 1 and "No likely identifiers" not in listed.output

    out = tmp_path / "portfolio.pdf"
    refused = run(folio_dir, "portfolio", "-o", str(out))
    assert refused.exit_code == 2 and "possible identifiers" in refused.stderr
    assert not out.exists()


def png() -> bytes:
    """A small scanned-looking card, as a PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_an_image_waits_for_the_mediators_word(folio_dir, tmp_path):
    card = tmp_path / "card.png"
    card.write_bytes(png())
    attached = run(folio_dir, "attach", str(card), "--for", "membership")
    assert attached.exit_code == 0
    assert "no text to check" in attached.stderr
    (item,) = findings(folio_dir)
    assert item["category"] == "image"
    listed = run(folio_dir, "privacy-check")
    assert f"[{item['id']}] not checked: an image in attachment" in listed.output

    out = tmp_path / "portfolio.pdf"
    assert run(folio_dir, "portfolio", "-o", str(out)).exit_code == 2
    assert run(folio_dir, "privacy-check", "--ignore", item["id"]).exit_code == 0
    assert findings(folio_dir) == []
    assert run(folio_dir, "portfolio", "-o", str(out)).exit_code == 0


def test_a_pdf_page_without_text_is_listed_by_its_page(folio_dir, tmp_path):
    cert = tmp_path / "certificate.pdf"
    cert.write_bytes(certificate_pdf([[("Certificate of completion", 20, "title")], []]))
    assert run(folio_dir, "attach", str(cert), "--for", "membership").exit_code == 0
    (item,) = findings(folio_dir)
    assert item["category"] == "image" and "(page 2)" in item["context"]


def test_a_document_that_cannot_be_read_is_never_printed(folio_dir, tmp_path):
    """A document kept before the bounds (or damaged since) is listed and cannot be marked."""
    content = pages_of_spaces(3)
    with Folio.open(folio_dir) as folio:
        folio.attach(
            Attachment.from_dict(
                {
                    "evidence_for": "membership",
                    "title": "Old certificate",
                    "file_type": "pdf",
                    "size": len(content),
                    "pages": 3,
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "added": date(2024, 1, 1),
                }
            ),
            content,
        )
    (item,) = findings(folio_dir)
    assert item["category"] == "unreadable" and "too large or too complex" in item["context"]
    marked = run(folio_dir, "privacy-check", "--ignore", item["id"])
    assert marked.exit_code == 2 and "attachments --remove" in marked.stderr
    assert run(folio_dir, "portfolio", "-o", str(tmp_path / "portfolio.pdf")).exit_code == 2


def test_text_found_in_several_documents_is_read_in_one_child(folio_dir, tmp_path):
    from sendfolio.store import pdf_reading

    contents = [
        certificate_pdf([[("Certificate one", 20, "title")]]),
        certificate_pdf([[("Certificate two", 20, "title"), (LEAK, 12, "body")]]),
        pages_of_spaces(2),
    ]
    pdf_reading._READ.clear()
    first, second, hostile = pdf_reading.read_documents(contents)
    assert "Certificate one" in first.texts[0]
    assert LEAK in " ".join(second.texts[0].split())
    assert isinstance(hostile, pdf_reading.DocumentRefused)


def test_documents_read_earlier_are_still_answered_when_the_memory_of_readings_is_full(monkeypatch):
    """A long session reads many attachments: when the kept readings are full, a document read earlier
    and one read now are both answered in the same call (this once stopped a compile with a KeyError)."""
    from sendfolio.store import pdf_reading

    monkeypatch.setattr(pdf_reading, "_READ", {})
    monkeypatch.setattr(pdf_reading, "CACHED", 2)
    earlier, second, third = (certificate_pdf([[(f"Certificate {n}", 20, "title")]]) for n in ("one", "two", "three"))
    (first,) = pdf_reading.read_documents([earlier])
    answers = pdf_reading.read_documents([earlier, second, third])
    assert [" ".join(doc.texts[0].split()) for doc in answers] == [
        "Certificate one",
        "Certificate two",
        "Certificate three",
    ]
    assert first.texts == answers[0].texts and len(pdf_reading._READ) <= 2


def test_a_returned_forms_text_is_checked_at_import(tmp_path, tmp_path_factory):
    """The observer's PDF, kept as it came, has its words checked as it is imported (and before every PDF)."""
    from tests.helpers.folios import demo_case_forms
    from tests.portfolio.test_observer_forms import OBSERVED, fill, invoke, make_demo

    folder = make_demo(tmp_path / "folio")
    returned = fill(demo_case_forms(tmp_path_factory), tmp_path / "returned.pdf", OBSERVED)  # the forms, made once
    assert invoke(folder, "do-not-print", "add", "Fairweather").exit_code == 0  # printed on every page of the form
    result = invoke(folder, "import", str(returned))
    assert result.exit_code == 0, result.output
    assert "the text of the returned form holds" in result.stderr
    assert any(item["kind"] == "attachment" for item in findings(folder))

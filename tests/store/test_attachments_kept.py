"""A removed attachment's file is kept while a backup refers to it, so restoring that backup brings the
document back; a record whose file is missing is named and left out, never stopping a backup or a portfolio."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendfolio.cli import main
from sendfolio.samples.certificate import certificate_pdf
from sendfolio.store import Folio

CANARY = "CANARYNUMBAT31"
"""Text on the attached certificate's page."""


def run(folio_dir: Path, *args: str):
    """Run the CLI on the folio folder."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args])


@pytest.fixture
def attached(folio_dir: Path, tmp_path: Path) -> tuple[Path, str, bytes]:
    """A folio with one membership certificate attached: (folder, its id, its bytes)."""
    content = certificate_pdf([[("Membership certificate", 20, "title"), (CANARY, 12, "body")]])
    cert = tmp_path / "membership.pdf"
    cert.write_bytes(content)
    result = run(folio_dir, "attach", str(cert), "--for", "membership")
    assert result.exit_code == 0, result.output
    with Folio.open(folio_dir, readonly=True) as folio:
        (item,) = folio.attachments()
    return folio_dir, item.id, content


def test_restore_after_removal_brings_the_file_back(attached, tmp_path):
    """attach, attachments --remove, restore 1: the document reads again and goes into the JSON backup whole."""
    folder, ident, content = attached
    assert run(folder, "attachments", "--remove", ident).exit_code == 0
    result = run(folder, "restore", "1")
    assert result.exit_code == 0, result.output
    with Folio.open(folder, readonly=True) as folio:
        (item,) = folio.attachments()
        assert item.id == ident and folio.attachment_bytes(item) == content
    backup = tmp_path / "backup.json"
    exported = run(folder, "export", str(backup))
    assert exported.exit_code == 0 and exported.stderr == "", exported.output
    (carried,) = json.loads(backup.read_text())["attachments"]
    assert base64.b64decode(carried["content"]) == content


def test_the_file_goes_once_no_backup_refers_to_it(attached):
    """Once five more saves have pushed every backup holding the record out, the next removal prunes the file."""
    folder, ident, _ = attached
    assert run(folder, "attachments", "--remove", ident).exit_code == 0
    kept = folder / "attachments" / f"{ident}.pdf"
    with Folio.open(folder) as folio:
        for number in range(4):
            folio.put_setting("privacy.do_not_print", [f"Fictional{number}"])
    assert kept.exists(), "backup 5 still holds the record"
    with Folio.open(folder) as folio:
        folio.put_setting("privacy.do_not_print", ["FictionalLast"])
    with Folio.open(folder):
        pass
    assert not kept.exists(), "no backup refers to the file: it is deleted when the folio is next opened"


def test_an_unreadable_backup_keeps_every_file(attached):
    """A backup that cannot be read might refer to the file: nothing is deleted."""
    folder, ident, _ = attached
    assert run(folder, "attachments", "--remove", ident).exit_code == 0
    with Folio.open(folder) as folio:
        for number in range(5):
            folio.put_setting("privacy.do_not_print", [f"Fictional{number}"])
        (folder / "folio.json.3").write_bytes(b"{ damaged")
    with Folio.open(folder):
        pass
    assert (folder / "attachments" / f"{ident}.pdf").exists()


def test_a_missing_file_is_named_and_left_out(attached, tmp_path):
    """The file deleted by hand: `export` writes the JSON backup without it and `portfolio` compiles without
    it, each naming it on stderr (exit 0); the backup imports into a new folder."""
    folder, ident, _ = attached
    (folder / "attachments" / f"{ident}.pdf").unlink()
    backup = tmp_path / "backup.json"
    exported = run(folder, "export", str(backup))
    assert exported.exit_code == 0, exported.output
    assert f"left out: the file of attachment {ident}" in exported.stderr
    assert "attachments" not in json.loads(backup.read_text())
    compiled = run(folder, "portfolio", "-o", str(tmp_path / "p.pdf"))
    assert compiled.exit_code == 0, compiled.output
    assert f"left out: the file of attachment {ident}" in compiled.stderr
    assert CANARY not in "".join(page.extract_text() for page in PdfReader(tmp_path / "p.pdf").pages)
    imported = run(tmp_path / "elsewhere", "import", str(backup))
    assert imported.exit_code == 0, imported.output

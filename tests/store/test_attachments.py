"""Attachments: `sendfolio attach` / `attachments`, checked by content, stored beside the folio,
encrypted with it, carried by JSON backups."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendfolio.cli import main
from sendfolio.samples.certificate import certificate_pdf
from sendfolio.store import Folio

CANARY = "CANARYQUOKKA77"
"""Text inside the attached PDF's page that must never be on disk in plain text once encrypted."""

PASSPHRASE = "correct horse battery"


@pytest.fixture
def cheap_kdf(monkeypatch):
    """Fast key derivation for tests, and no passphrase from the caller's environment."""
    from sendfolio.store import crypto

    monkeypatch.setattr(crypto, "DEFAULT_PARAMS", crypto.TEST_PARAMS)
    monkeypatch.delenv("SENDFOLIO_PASSPHRASE", raising=False)
    monkeypatch.delenv("SENDFOLIO_NEW_PASSPHRASE", raising=False)


def three_pages() -> bytes:
    """A three-page certificate with the canary on its first page."""
    return certificate_pdf(
        [
            [("Certificate of completion", 26, "title"), (CANARY, 12, "body")],
            [("Course content", 14, "title")],
            [("Assessment record", 14, "title")],
        ]
    )


def run(folio_dir: Path, *args: str, env: dict | None = None):
    """Run the CLI on the folio folder."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args], env=env)


@pytest.fixture
def folio_with_course(folio_dir):
    """A folio holding one foundation course (id `course-1`)."""
    from sendfolio.domain.records import Training

    with Folio.open(folio_dir) as folio:
        folio.put(
            Training.from_dict(
                {
                    "id": "course-1",
                    "kind": "foundation",
                    "title": "Foundation course in mediation",
                    "provider": "Northfield Mediation Training",
                    "date": "2025-03-01",
                    "hours": "40",
                }
            )
        )
    return folio_dir


def stored_files(folio_dir: Path) -> list[Path]:
    """Every file under the data folder."""
    return sorted(path for path in folio_dir.rglob("*") if path.is_file())


def test_attach_a_three_page_pdf_stores_it_privately(folio_with_course, tmp_path):
    cert = tmp_path / "certificate.pdf"
    cert.write_bytes(three_pages())
    result = run(folio_with_course, "attach", str(cert), "--for", "training:course-1")
    assert result.exit_code == 0, result.output
    assert "3 pages" in result.output
    with Folio.open(folio_with_course, readonly=True) as folio:
        (item,) = folio.attachments()
        assert item.evidence_for == "training:course-1"
        assert item.title == "Certificate: Foundation course in mediation"
        assert item.pages == 3
        assert folio.attachment_bytes(item) == cert.read_bytes()
    path = folio_with_course / "attachments" / f"{item.id}.pdf"
    assert path.stat().st_mode & 0o777 == 0o600
    listed = run(folio_with_course, "attachments")
    assert item.id in listed.output and "training:course-1" in listed.output


def test_title_and_each_target(folio_with_course, tmp_path):
    image = tmp_path / "insurance.png"
    from PIL import Image

    Image.new("RGB", (40, 30), "white").save(image)
    assert (
        run(folio_with_course, "attach", str(image), "--for", "insurance", "--title", "Insurance 2025").exit_code == 0
    )
    jpeg = tmp_path / "membership.jpg"
    Image.new("RGB", (40, 30), "white").save(jpeg, "JPEG")
    assert run(folio_with_course, "attach", str(jpeg), "--for", "membership").exit_code == 0
    with Folio.open(folio_with_course, readonly=True) as folio:
        kinds = {item.evidence_for: (item.file_type, item.title) for item in folio.attachments()}
    assert kinds == {
        "insurance": ("png", "Insurance 2025"),
        "membership": ("jpeg", "Membership certificate"),
    }


def refused(folio_dir: Path, file: Path, target: str = "membership"):
    """Attach a file that must be refused: exit 2, one line, nothing stored."""
    before = stored_files(folio_dir)
    result = run(folio_dir, "attach", str(file), "--for", target)
    assert result.exit_code == 2, result.output
    assert stored_files(folio_dir) == before
    with Folio.open(folio_dir, readonly=True) as folio:
        assert folio.attachments() == ()
    return result.output


def test_a_docx_is_refused(folio_with_course, tmp_path):
    docx = tmp_path / "certificate.docx"
    docx.write_bytes(b"PK\x03\x04" + b"\0" * 200 + b"word/document.xml")
    output = refused(folio_with_course, docx)
    assert "is not a PDF, PNG or JPEG file" in output


def test_a_docx_renamed_pdf_is_refused_by_its_content(folio_with_course, tmp_path):
    fake = tmp_path / "certificate.pdf"
    fake.write_bytes(b"PK\x03\x04" + b"\0" * 200)
    assert "judged by its content" in refused(folio_with_course, fake)


def test_a_truncated_pdf_is_refused(folio_with_course, tmp_path):
    whole = three_pages()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    assert "cut short" in refused(folio_with_course, cut)


def test_a_pdf_with_a_broken_body_is_refused(folio_with_course, tmp_path):
    whole = three_pages()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(whole[:20] + b"\0" * (len(whole) - 40) + whole[-20:])
    assert "damaged" in refused(folio_with_course, broken)


def test_a_truncated_png_is_refused(folio_with_course, tmp_path):
    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((300, 300), 60).convert("RGB").save(buffer, "PNG")
    cut = tmp_path / "cut.png"
    cut.write_bytes(buffer.getvalue()[:2000])
    assert "damaged" in refused(folio_with_course, cut)


def test_a_50_mb_file_is_refused(folio_with_course, tmp_path):
    big = tmp_path / "big.pdf"
    whole = three_pages()
    big.write_bytes(whole[:-6] + b"\n" + b" " * (50 * 1024 * 1024) + whole[-6:])
    assert "50.0 MB" in refused(folio_with_course, big)


def test_an_unknown_target_is_refused(folio_with_course, tmp_path):
    cert = tmp_path / "c.pdf"
    cert.write_bytes(three_pages())
    assert "no training 'nope'" in refused(folio_with_course, cert, "training:nope")
    assert "is not allowed" in refused(folio_with_course, cert, "passport")


def test_remove(folio_with_course, tmp_path):
    cert = tmp_path / "c.pdf"
    cert.write_bytes(three_pages())
    run(folio_with_course, "attach", str(cert), "--for", "membership")
    with Folio.open(folio_with_course, readonly=True) as folio:
        (item,) = folio.attachments()
    result = run(folio_with_course, "attachments", "--remove", item.id)
    assert result.exit_code == 0, result.output
    with Folio.open(folio_with_course, readonly=True) as folio:
        assert folio.attachments() == ()
    assert (folio_with_course / "attachments" / item.file_name).exists(), "backup 1 still refers to the file"
    assert run(folio_with_course, "attachments", "--remove", item.id).exit_code == 2


def no_canary_on_disk(folio_dir: Path) -> None:
    """No file in the data folder holds the canary in plain text."""
    for path in stored_files(folio_dir):
        assert CANARY.encode() not in path.read_bytes(), path


def test_attached_to_an_encrypted_folio_the_file_is_encrypted(cheap_kdf, folio_with_course, tmp_path):
    env = {"SENDFOLIO_PASSPHRASE": PASSPHRASE}
    assert run(folio_with_course, "encrypt", env=env).exit_code == 0
    cert = tmp_path / "c.pdf"
    cert.write_bytes(three_pages())
    result = run(folio_with_course, "attach", str(cert), "--for", "membership", env=env)
    assert result.exit_code == 0, result.output
    assert "encrypted" in result.output
    no_canary_on_disk(folio_with_course)
    assert "3 pages" in run(folio_with_course, "attachments", env=env).output


def test_encrypt_decrypt_and_passphrase_recode_existing_attachments(cheap_kdf, folio_with_course, tmp_path):
    cert = tmp_path / "c.pdf"
    cert.write_bytes(three_pages())
    assert run(folio_with_course, "attach", str(cert), "--for", "membership").exit_code == 0
    (stored,) = (folio_with_course / "attachments").iterdir()
    assert CANARY.encode() in stored.read_bytes()  # plain folio: plain file

    env = {"SENDFOLIO_PASSPHRASE": PASSPHRASE}
    assert run(folio_with_course, "encrypt", env=env).exit_code == 0
    no_canary_on_disk(folio_with_course)
    assert not list((folio_with_course / "attachments").glob(".*"))  # no temporary copies left

    new_env = {"SENDFOLIO_PASSPHRASE": PASSPHRASE, "SENDFOLIO_NEW_PASSPHRASE": "another good passphrase"}
    assert run(folio_with_course, "passphrase", env=new_env).exit_code == 0
    no_canary_on_disk(folio_with_course)
    from sendfolio.privacy.unlock import codec_from_passphrase

    codec = codec_from_passphrase(folio_with_course, "another good passphrase")
    with Folio.open(folio_with_course, codec=codec, readonly=True) as folio:
        assert folio.attachment_bytes(folio.attachments()[0]) == cert.read_bytes()

    assert (
        run(folio_with_course, "decrypt", "--yes", env={"SENDFOLIO_PASSPHRASE": "another good passphrase"}).exit_code
        == 0
    )
    assert stored.read_bytes() == cert.read_bytes()


def test_a_json_backup_carries_and_restores_the_files(folio_with_course, tmp_path):
    cert = tmp_path / "c.pdf"
    cert.write_bytes(three_pages())
    run(folio_with_course, "attach", str(cert), "--for", "training:course-1")
    backup = tmp_path / "backup.json"
    assert run(folio_with_course, "export", str(backup)).exit_code == 0
    document = json.loads(backup.read_text())
    assert len(document["attachments"]) == 1 and document["attachments"][0]["content"]

    restored = tmp_path / "restored"
    result = run(restored, "import", str(backup))
    assert result.exit_code == 0, result.output
    with Folio.open(restored, readonly=True) as folio:
        (item,) = folio.attachments()
        assert folio.attachment_bytes(item) == cert.read_bytes()
        assert len(PdfReader(io.BytesIO(folio.attachment_bytes(item))).pages) == 3
    again = tmp_path / "again.json"
    run(restored, "export", str(again))
    assert again.read_bytes() == backup.read_bytes()


def test_a_backup_with_a_damaged_file_restores_nothing(folio_with_course, tmp_path):
    cert = tmp_path / "c.pdf"
    cert.write_bytes(three_pages())
    run(folio_with_course, "attach", str(cert), "--for", "membership")
    backup = tmp_path / "backup.json"
    run(folio_with_course, "export", str(backup))
    document = json.loads(backup.read_text())
    document["attachments"][0]["content"] = document["attachments"][0]["content"][:-8] + "AAAAAAA="
    backup.write_text(json.dumps(document))
    restored = tmp_path / "restored"
    result = run(restored, "import", str(backup))
    assert result.exit_code == 2
    assert "does not match the attachment's sha256" in result.output
    assert not (restored / "attachments").exists()


def test_a_damaged_file_is_reported_not_printed(folio_with_course, tmp_path):
    """A stored file whose bytes are not the ones attached (checked by SHA-256) is refused with advice."""
    from sendfolio.store import FolioError

    cert = tmp_path / "c.pdf"
    cert.write_bytes(three_pages())
    run(folio_with_course, "attach", str(cert), "--for", "membership")
    (stored,) = (folio_with_course / "attachments").iterdir()
    stored.write_bytes(stored.read_bytes().replace(CANARY.encode(), b"CANARYQUOKKA78"))
    with (
        Folio.open(folio_with_course, readonly=True) as folio,
        pytest.raises(FolioError, match="cannot be read .*sendfolio attachments --remove"),
    ):
        folio.attachment_bytes(folio.attachments()[0])
    result = run(folio_with_course, "portfolio", "-o", str(tmp_path / "p.pdf"))
    assert result.exit_code == 0, result.output
    assert "left out: the file of attachment" in result.stderr and "cannot be read" in result.stderr
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "p.pdf").pages)
    assert "CANARYQUOKKA78" not in text

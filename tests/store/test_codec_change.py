"""`encrypt`, `passphrase` and `decrypt` take the drafts and the app's exports with the folio: nothing
stays plain after `encrypt` (or, on the mediator's word, the exports go), and no draft is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.privacy.unlock import codec_from_passphrase
from sendfolio.store import Folio
from sendfolio.store.drafts import load_draft, save_draft
from sendfolio.store.mark import has_magic

CANARY = "Canary-Hollowmere-2286"
"""Fictional text in the records, the draft and the exports."""

FIRST, SECOND = "first fictional passphrase", "second fictional passphrase"

DRAFT = {"title": f"Reflection on {CANARY}", "body": "Half written."}


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    """Fast key derivation, and no passphrase from the caller's environment."""
    from sendfolio.store import crypto

    monkeypatch.setattr(crypto, "DEFAULT_PARAMS", crypto.TEST_PARAMS)
    monkeypatch.delenv("SENDFOLIO_PASSPHRASE", raising=False)
    monkeypatch.delenv("SENDFOLIO_NEW_PASSPHRASE", raising=False)


def run(folio_dir: Path, *args: str, env: dict | None = None, given: str | None = None):
    """Run the CLI on the folio folder."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args], env=env, input=given)


@pytest.fixture
def with_draft_and_exports(folio_dir: Path) -> Path:
    """A plain folio with a record, an unsaved draft and two exports, all holding the canary."""
    from sendfolio.domain.records import CPDEntry

    with Folio.open(folio_dir) as folio:
        folio.put(CPDEntry.from_dict({"date": "2025-03-01", "hours": "2", "method": "reading", "title": CANARY}))
        save_draft(folio, "reflection-new", DRAFT)
    (folio_dir / "exports").mkdir()
    assert run(folio_dir, "export", str(folio_dir / "exports" / "backup.json")).exit_code == 0
    (folio_dir / "exports" / "notes.md").write_text(f"# {CANARY}\n", encoding="utf-8")
    return folio_dir


def plain_files(folder: Path) -> list[str]:
    """Files anywhere under the data folder holding the canary in plain text."""
    return [
        str(path.relative_to(folder))
        for path in sorted(folder.rglob("*"))
        if path.is_file() and CANARY.encode() in path.read_bytes()
    ]


def draft_under(folder: Path, passphrase: str | None) -> dict | None:
    """The draft, read as the folio opened with `passphrase` (None: plain) reads it."""
    codec = codec_from_passphrase(folder, passphrase) if passphrase else None
    with Folio.open(folder, codec=codec) as folio:
        return load_draft(folio, "reflection-new")


def test_encrypt_leaves_nothing_plain(with_draft_and_exports):
    """The draft and the exports are encrypted with the folio; the canary is nowhere in plain text; the
    encrypted backup still imports with the passphrase."""
    folder = with_draft_and_exports
    result = run(folder, "encrypt", env={"SENDFOLIO_PASSPHRASE": FIRST}, given="\n")  # the offered answer: encrypt
    assert result.exit_code == 0, result.output
    assert "1 unsaved draft kept, encrypted with the folio" in result.output
    assert "2 files in the exports folder" in result.output and "Warning" not in result.stderr
    assert plain_files(folder) == []
    assert draft_under(folder, FIRST) == DRAFT
    assert has_magic((folder / "exports" / "backup.json").read_bytes())
    elsewhere = folder.parent / "elsewhere"
    imported = run(elsewhere, "import", str(folder / "exports" / "backup.json"), env={"SENDFOLIO_PASSPHRASE": FIRST})
    assert imported.exit_code == 0, imported.output


def test_encrypt_can_remove_the_exports_instead(with_draft_and_exports):
    """`--exports remove` (for scripts) and the answer "remove" at the prompt both delete them."""
    folder = with_draft_and_exports
    result = run(folder, "encrypt", "--exports", "remove", env={"SENDFOLIO_PASSPHRASE": FIRST})
    assert result.exit_code == 0, result.output
    assert "2 files removed from the exports folder" in result.output
    assert list((folder / "exports").iterdir()) == [] and plain_files(folder) == []
    assert draft_under(folder, FIRST) == DRAFT


def test_encrypt_asks_about_the_exports(with_draft_and_exports):
    """Without --exports the command asks; "remove" removes."""
    folder = with_draft_and_exports
    result = run(folder, "encrypt", env={"SENDFOLIO_PASSPHRASE": FIRST}, given="remove\n")
    assert result.exit_code == 0, result.output
    assert "Encrypt them with the folio, or remove them?" in result.output
    assert list((folder / "exports").iterdir()) == [] and plain_files(folder) == []


def test_a_new_passphrase_and_decrypt_keep_the_draft(with_draft_and_exports):
    """The draft is offered again after `passphrase` (under the new key) and after `decrypt` (plain)."""
    folder = with_draft_and_exports
    assert run(folder, "encrypt", "--exports", "encrypt", env={"SENDFOLIO_PASSPHRASE": FIRST}).exit_code == 0
    changed = run(folder, "passphrase", env={"SENDFOLIO_PASSPHRASE": FIRST, "SENDFOLIO_NEW_PASSPHRASE": SECOND})
    assert changed.exit_code == 0, changed.output
    assert draft_under(folder, SECOND) == DRAFT
    assert plain_files(folder) == []
    decrypted = run(folder, "decrypt", "--yes", env={"SENDFOLIO_PASSPHRASE": SECOND})
    assert decrypted.exit_code == 0, decrypted.output
    assert draft_under(folder, None) == DRAFT
    assert (folder / "exports" / "notes.md").read_text(encoding="utf-8") == f"# {CANARY}\n"


def test_a_change_that_cannot_be_made_changes_nothing(with_draft_and_exports):
    """A new version that cannot be written (a folder in its way): one line, exit 2, and every file as before."""
    folder = with_draft_and_exports
    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file() and path.name != "folio.lock"}
    (folder / "drafts" / ".reflection-new.json.codec-change").mkdir()
    result = run(folder, "encrypt", "--exports", "encrypt", env={"SENDFOLIO_PASSPHRASE": FIRST})
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "nothing was changed" in result.stderr
    after = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file() and path.name != "folio.lock"}
    assert after == before
    assert draft_under(folder, None) == DRAFT


def test_a_journal_that_names_the_folio_to_delete_is_refused(with_draft_and_exports):
    """A journal (damaged, or written by someone else) may not make an open delete the folio: one line, nothing changed."""
    import json

    from sendfolio.store import FolioError

    folder = with_draft_and_exports
    before = (folder / "folio.json").read_bytes()
    journal = {
        "sendfolio-codec-change": 1,
        "moves": [[".folio.json.codec-change", "folio.json"]],
        "deletes": ["folio.json"],
    }
    (folder / "codec-change.json").write_text(json.dumps(journal), encoding="utf-8")
    with pytest.raises(FolioError, match="codec-change.json") as refused:
        Folio.open(folder)
    assert "\n" not in str(refused.value)
    assert (folder / "folio.json").read_bytes() == before


def test_an_unreadable_journal_beside_an_untouched_folio_is_undone(with_draft_and_exports):
    """A journal cut to garbage while the folio's new version still waits: the change is undone at open."""
    folder = with_draft_and_exports
    before = (folder / "folio.json").read_bytes()
    (folder / ".folio.json.codec-change").write_bytes(b"new version never put in place")
    (folder / "codec-change.json").write_bytes(b"\x00garbage")
    with Folio.open(folder) as folio:
        assert load_draft(folio, "reflection-new") == DRAFT
    assert (folder / "folio.json").read_bytes() == before
    assert not (folder / "codec-change.json").exists() and not (folder / ".folio.json.codec-change").exists()


def test_a_draft_kept_while_the_codec_changes_is_written_under_the_new_one(with_draft_and_exports):
    """The app changes the codec in a worker while an editor may keep its draft: the draft waits for the
    change and is then written encrypted, never plain beside an encrypted folio."""
    import threading

    from sendfolio.store import crypto

    folder = with_draft_and_exports
    new = crypto.new_codec(FIRST, crypto.TEST_PARAMS)
    started, go_on = threading.Event(), threading.Event()

    class Slow:
        """The new codec, pausing in its first encode (the folio's) until told to go on."""

        def encode(self, data: bytes) -> bytes:
            """Pause once, then encode."""
            if not started.is_set():
                started.set()
                go_on.wait(10)
            return new.encode(data)

        def decode(self, data: bytes) -> bytes:
            """Decode as the new codec does."""
            return new.decode(data)

    later = {"title": f"Typed during the change {CANARY}", "body": "More."}
    with Folio.open(folder) as folio:
        changing = threading.Thread(target=folio.change_codec, args=(Slow(),))
        changing.start()
        assert started.wait(10)
        keeping = threading.Thread(target=save_draft, args=(folio, "reflection-new", later))
        keeping.start()
        keeping.join(0.3)
        assert keeping.is_alive(), "the draft waits while the codec changes"
        go_on.set()
        changing.join(10)
        keeping.join(10)
        assert load_draft(folio, "reflection-new") == later
    assert plain_files(folder) == []

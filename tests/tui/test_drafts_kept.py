"""Drafts are never lost in the app: Esc on "restore this draft?" keeps it (only Discard deletes), the
Reflections list shows a kept draft, a form's draft stays until the form is saved, and the encryption
screen takes the drafts and the exports with the folio (the exports removed only on the mediator's word)."""

from __future__ import annotations

from textual.widgets import Input

from sendfolio.store import Folio, crypto
from sendfolio.store.drafts import load_draft, save_draft
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.dialogs.forms import EditRecordScreen
from sendfolio.tui.screens.encryption import EncryptionScreen
from sendfolio.tui.screens.reflection_editor import ReflectionEditor
from sendfolio.tui.screens.reflections import ReflectionsScreen
from tests.helpers.tui import SIZE, enter, make_app, settle
from tests.tui.test_encryption_restore_screens import answer, wait_for_result

DRAFT = {"date": "2026-11-01", "hours": "1", "title": "Half-written thoughts", "case": "", "cpd": "", "body": "Begun."}
"""A new reflection's draft, as the editor keeps it."""

PASSPHRASE = "fictional passphrase one"


def keep_draft(folder, values=DRAFT, name="reflection-new") -> None:
    """A draft on disk, as the app leaves it when the terminal closes."""
    with Folio.open(folder) as folio:
        save_draft(folio, name, values)


def draft_on_disk(folder, name="reflection-new") -> dict | None:
    """The draft as the folio reads it."""
    with Folio.open(folder) as folio:
        return load_draft(folio, name)


def summary(screen) -> str:
    """The Reflections list's summary line."""
    return str(screen.query_one("#reflections-summary").render())


async def test_esc_on_the_restore_question_keeps_the_draft_and_the_list_shows_it(started_dir, today):
    """The list says a draft is waiting; a opens it; Esc on the question keeps it; Discard deletes it."""
    keep_draft(started_dir)
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionsScreen)
        assert summary(app.screen) == "1 unsaved draft: press a to continue it"
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and "Restore it?" in app.screen.question
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionsScreen), "not now: back to the list"
        assert summary(app.screen) == "1 unsaved draft: press a to continue it"
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionEditor)
        assert app.screen.query_one("#title", Input).value == "Half-written thoughts"
        await pilot.press("escape")  # leave with the restored text unsaved: asks first
        await settle(pilot)
        await pilot.press("e")  # keep editing
        await settle(pilot)
        assert load_draft(app.current_folio, "reflection-new") == DRAFT
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionsScreen)
        assert load_draft(app.current_folio, "reflection-new") is None, "saved: the draft goes"
        assert [item.title for item in app.current_folio.reflections()] == ["Half-written thoughts"]


async def test_only_discard_deletes_the_draft(started_dir, today):
    """n (Discard) on the question deletes the draft; the list no longer shows one."""
    keep_draft(started_dir)
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert load_draft(app.current_folio, "reflection-new") is None


async def test_a_forms_draft_stays_until_the_form_is_saved(started_dir, today):
    """A CPD form's draft is restored into the form and still on disk until the form is saved."""
    keep_draft(
        started_dir,
        {"date": "2026-11-20", "hours": "2", "method": "reading", "title": "Reading on the SEND Code"},
        "form-cpd-new",
    )
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditRecordScreen)
        assert form.values()["title"] == "Reading on the SEND Code"
        assert load_draft(app.current_folio, "form-cpd-new") is not None, "kept while the form is open"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EditRecordScreen)
        assert [entry.title for entry in app.current_folio.cpd()] == ["Reading on the SEND Code"]
        assert load_draft(app.current_folio, "form-cpd-new") is None


async def open_encryption(pilot) -> EncryptionScreen:
    """The encryption screen, from the palette."""

    await pilot.press("ctrl+p")
    await enter(pilot, "encryption")
    await pilot.pause(0.5)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EncryptionScreen)
    return pilot.app.screen


async def test_encrypting_in_the_app_keeps_the_draft_and_asks_about_the_exports(started_dir, today, monkeypatch):
    """The draft survives encrypt and a new passphrase; the exports are encrypted unless Remove is chosen."""
    monkeypatch.setattr(crypto, "DEFAULT_PARAMS", crypto.TEST_PARAMS)
    keep_draft(started_dir)
    exports = started_dir / "exports"
    exports.mkdir()
    (exports / "portfolio.pdf").write_bytes(b"%PDF-1.4 fictional Half-written thoughts")
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_encryption(pilot)
        await pilot.press("e")
        await settle(pilot)
        await answer(pilot, PASSPHRASE)
        await answer(pilot, PASSPHRASE)
        assert isinstance(app.screen, ConfirmScreen) and "Encrypt it with the folio, or remove it?" in (
            app.screen.question
        )
        await pilot.press("n")  # Encrypt them
        result = await wait_for_result(pilot, screen)
        assert result.startswith("✓ Encrypted") and "1 unsaved draft kept" in result, result
        assert load_draft(app.current_folio, "reflection-new") == DRAFT
        await pilot.press("p")
        await settle(pilot)
        await answer(pilot, PASSPHRASE)
        await answer(pilot, "fictional passphrase two")
        await answer(pilot, "fictional passphrase two")
        assert (await wait_for_result(pilot, screen)).startswith("✓ The passphrase is changed")
        assert load_draft(app.current_folio, "reflection-new") == DRAFT
    for path in started_dir.rglob("*"):
        assert not path.is_file() or b"Half-written" not in path.read_bytes(), path
    codec = crypto.unlock((started_dir / "folio.json").read_bytes(), "fictional passphrase two")
    assert codec.decode((exports / "portfolio.pdf").read_bytes()).startswith(b"%PDF-1.4")
    with Folio.open(started_dir, codec=codec) as folio:
        assert load_draft(folio, "reflection-new") == DRAFT


async def test_the_apps_backup_names_and_leaves_out_a_missing_document(started_dir, today, home):
    """An attached document whose file is gone: the app's JSON backup is still written, and says which was left out."""
    import json

    from sendfolio.domain.links import resolve_target
    from sendfolio.io.attachments import read_attachment
    from sendfolio.samples.certificate import certificate_pdf
    from sendfolio.tui.screens.transfer import ExportScreen
    from tests.tui.test_transfer_screens import finish, from_palette

    certificate = started_dir.parent / "membership.pdf"
    certificate.write_bytes(certificate_pdf([[("Membership certificate", 20, "title")]]))
    with Folio.open(started_dir) as folio:
        checked = read_attachment(certificate)
        saved = folio.attach(
            checked.record(resolve_target(folio.data(), "membership"), "Membership", today), checked.content
        )
    (started_dir / "attachments" / saved.file_name).unlink()
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await from_palette(pilot, "export", ExportScreen)
        await pilot.press("ctrl+s")
        result = await finish(pilot)
    assert result.startswith("✓ Exported") and f"Left out: the file of attachment {saved.id}" in result, result
    backup = home / "Documents" / "sendfolio" / f"sendfolio-backup-{today:%Y-%m-%d}.json"
    assert "SM-T-001" in backup.read_text() and "attachments" not in json.loads(backup.read_text())


async def test_a_save_whose_backups_cannot_move_says_so_in_the_app(started_dir, today):
    """A backup made immutable: the app's next save stands, every backup stays, and a notice says so."""
    from tests.store.test_backup_rotation import digests, stuck

    with Folio.open(started_dir) as folio:
        for number in range(6):
            folio.put_setting("privacy.do_not_print", [f"Fictional{number}"])
    before = digests(started_dir)
    app = make_app(started_dir, today)
    with stuck(started_dir / "folio.json.2"):
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f2")  # the contrast setting is saved at once
            await settle(pilot)
            notices = [item.message for item in app._notifications if item.title == "Backups"]
    assert digests(started_dir) == before
    assert len(notices) == 1 and "folio.json.2" in notices[0] and "kept as they were" in notices[0]

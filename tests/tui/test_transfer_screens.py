"""Export, import (checked first) and the deadlines calendar, from the palette, on real files."""

from __future__ import annotations

import json

from textual.widgets import Input, TextArea

from sendfolio.domain.records import CPDEntry
from sendfolio.tui.screens.transfer import CalendarScreen, ExportScreen, ImportScreen
from tests.helpers.tui import SIZE, enter, make_app, reopen, sample_case, settle


async def from_palette(pilot, words: str, screen_type: type) -> object:
    """Open a feature by typing its name in the command palette."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await enter(pilot, words)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type)
    return pilot.app.screen


async def finish(pilot) -> str:
    """Wait for the screen's worker and return its result line (read on the transfer screen, under the Privacy
    screen a refusal opens over it)."""
    for _ in range(100):
        await settle(pilot)
        screen = next(item for item in reversed(pilot.app.screen_stack) if item.query("#transfer-result"))
        text = str(screen.query_one("#transfer-result").render())
        if text and not text.endswith("…"):
            return text
    return text


async def test_export_a_backup_always_but_csv_only_once_privacy_is_clear(started_dir, today, home):
    """The JSON backup is written with the records; a CSV waits while a phone number is in a note."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.folio.put(
            CPDEntry.from_dict(
                {"date": "2026-11-20", "hours": "2", "method": "reading", "title": "Call 07700 900123 back"}
            )
        )
        await from_palette(pilot, "export", ExportScreen)
        await pilot.press("ctrl+s")
        result = await finish(pilot)
        backup = home / "Documents" / "sendfolio" / f"sendfolio-backup-{today:%Y-%m-%d}.json"
        assert result.startswith("✓ Exported") and str(backup) in result
        assert "SM-T-001" in backup.read_text()
        app.screen.query_one("#export-kind").query("RadioButton")[2].value = True  # CPD diary as CSV
        await settle(pilot)
        assert app.screen.query_one("#export-path", Input).value.endswith("cpd.csv")
        await pilot.press("ctrl+s")
        result = await finish(pilot)
        assert "Not exported: the privacy check found 1 possible identifier" in result
        assert not (home / "Documents" / "sendfolio" / "cpd.csv").exists()


async def test_import_shows_a_dry_run_first_and_saves_only_on_import(started_dir, tmp_path, today):
    """ctrl+r lists what would come in and saves nothing; ctrl+s then imports it."""
    csv = tmp_path / "cpd.csv"
    csv.write_text("date,hours,method,title\n2026-11-02,1.5,reading,Reading on joint meetings\n")
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await from_palette(pilot, "import files", ImportScreen)
        screen.query_one("#import-files", TextArea).text = str(csv)
        await pilot.press("ctrl+r")
        result = await finish(pilot)
        assert "nothing saved yet" in result and "1 added" in result
        assert app.folio.cpd() == ()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "✓ Imported" in str(screen.query_one("#transfer-result").render())
    with reopen(started_dir) as folio:
        assert [entry.title for entry in folio.cpd()] == ["Reading on joint meetings"]


async def test_import_lists_every_problem_and_saves_nothing(started_dir, tmp_path, today):
    """A bad row: the problem is named, Import stays disabled, the folio is unchanged."""
    csv = tmp_path / "cpd.csv"
    csv.write_text("date,hours,method,title\n2026-11-02,lots,reading,Reading\n")
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await from_palette(pilot, "import files", ImportScreen)
        screen.query_one("#import-files", TextArea).text = str(csv)
        await pilot.press("ctrl+r")
        result = await finish(pilot)
        assert result.startswith("✗ Nothing can be imported yet: 1 problem") and "hours" in result
        assert screen.query_one("#import-go").disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.folio.cpd() == ()


async def test_the_deadlines_calendar_is_saved_as_ics(started_dir, today, home):
    """A case with a decision notice: its upcoming deadlines go in the .ics, by case reference only."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.folio.put(sample_case("SM-T-002", today.isoformat(), decision_notice=today.isoformat()))
        await from_palette(pilot, "deadlines calendar", CalendarScreen)
        await pilot.press("ctrl+s")
        result = await finish(pilot)
    out = home / "Documents" / "sendfolio" / "deadlines.ics"
    assert result.startswith("✓ Saved") and str(out) in result
    text = out.read_text()
    assert "BEGIN:VCALENDAR" in text and "SM-T-002" in text
    assert json.dumps("Alex Example") not in text and "Alex Example" not in text


async def test_an_encrypted_backup_asks_for_a_new_passphrase_twice_in_one_dialog(started_dir, today, monkeypatch, home):
    """Too short, then typed differently: nothing written, said why; the same twice: the backup opens with it only."""
    from textual.widgets import Checkbox

    from sendfolio.store import crypto
    from sendfolio.tui.dialogs.new_passphrase import NewPassphraseScreen

    monkeypatch.setattr(crypto, "DEFAULT_PARAMS", crypto.TEST_PARAMS)
    backup = home / "Documents" / "sendfolio" / f"sendfolio-backup-{today:%Y-%m-%d}.json"
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await from_palette(pilot, "export", ExportScreen)
        screen.query_one("#export-encrypt", Checkbox).value = True

        async def typed(*answers: str) -> None:
            """Export, then type each answer into the passphrase dialog."""
            await pilot.press("ctrl+s")
            await settle(pilot)
            for text in answers:
                assert isinstance(app.screen, NewPassphraseScreen)
                app.screen.query_one("#ask-text", Input).value = text
                await pilot.press("enter")
                await settle(pilot)

        await typed("short")
        assert (await finish(pilot)).startswith("✗ passphrase:") and not backup.exists()
        await typed("fictional backup passphrase", "fictional backup passphrasE")
        assert await finish(pilot) == "✗ The two passphrases differ; nothing was written." and not backup.exists()
        await typed("fictional backup passphrase", "fictional backup passphrase")
        assert (await finish(pilot)).startswith("✓ Exported")
    blob = backup.read_bytes()
    assert b"SM-T-001" not in blob
    assert "SM-T-001" in crypto.unlock(blob, "fictional backup passphrase").decode(blob).decode()

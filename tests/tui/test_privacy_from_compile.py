"""Privacy fixes without the command line (issue 20, item 5): a refused compile opens the Privacy screen,
Enter there opens the record at the field holding the finding, and the footer says so."""

from __future__ import annotations

from textual.widgets import DataTable

from sendfolio.domain.records import CPDEntry
from sendfolio.tui.dialogs.forms import EditRecordScreen
from sendfolio.tui.screens.compile import CompileScreen
from sendfolio.tui.screens.privacy import PrivacyScreen
from sendfolio.tui.widgets.footer import AppFooter
from tests.helpers.tui import SIZE, make_app, settle

LEAKY = {
    "date": "2026-11-20",
    "hours": "2",
    "method": "reading",
    "title": "Reading after a case",
    "learning": "Call back on 07700 900123 next week.",
}
"""A fictional CPD entry holding a (fictional) phone number in its learning."""


def footer_text(screen) -> str:
    """What the screen's footer shows."""
    footer = screen.query_one(AppFooter)
    return " ".join(str(part.render()) for part in footer.query("*"))


async def test_a_refused_compile_opens_privacy_and_enter_opens_the_field(started_dir, today, home):
    """c on Compile with a phone number in a CPD entry: no PDF, the Privacy screen, Enter → the form at 'learning'."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.folio.put(CPDEntry.from_dict(LEAKY))
        await pilot.press("8")
        await settle(pilot)
        compile_screen = app.screen
        assert isinstance(compile_screen, CompileScreen)
        await pilot.press("c")
        for _ in range(300):
            await pilot.pause(0.1)
            if isinstance(app.screen, PrivacyScreen):
                break
        privacy = app.screen
        assert isinstance(privacy, PrivacyScreen)
        result = str(compile_screen.query_one("#compile-result").render())
        assert result.startswith("✗ Not compiled") and "1 possible identifier" in result
        assert "sendfolio privacy-check" not in result and "Privacy screen" in result
        await settle(pilot)
        assert "Open at the field" in footer_text(privacy)
        privacy.query_one("#privacy-findings", DataTable).focus()
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditRecordScreen) and form.focused is form.editor("learning")
    assert not any((home / "Documents" / "sendfolio").glob("*.pdf"))


async def test_observer_forms_refused_by_the_privacy_check_open_privacy_not_the_command_line(
    started_dir, today, tmp_path
):
    """f on a case with a phone number in a CPD entry: not written, the Privacy screen over the dialog (no command
    line named); Esc comes back to the dialog."""
    from sendfolio.tui.dialogs.observer_forms import FormsScreen

    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.folio.put(CPDEntry.from_dict(LEAKY))
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormsScreen)
        dialog.query_one("#observer-forms-path").value = str(tmp_path / "forms.pdf")
        await pilot.press("enter")
        for _ in range(300):
            await pilot.pause(0.1)
            if isinstance(app.screen, PrivacyScreen):
                break
        assert isinstance(app.screen, PrivacyScreen)
        result = str(dialog.query_one("#observer-forms-result").render())
        assert result.startswith("Not written") and "1 possible identifier" in result
        assert "sendfolio privacy-check" not in result and "Privacy screen" in result
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dialog
    assert not (tmp_path / "forms.pdf").exists()

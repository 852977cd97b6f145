"""The Privacy screen: findings in context, a jump to the field, false positives, the do-not-print list."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from sendfolio.domain.records import CPDEntry
from sendfolio.privacy import check
from sendfolio.tui.dialogs.forms import EditRecordScreen
from sendfolio.tui.screens.privacy import PrivacyScreen
from sendfolio.tui.views.features import FEATURES
from tests.helpers.tui import SIZE, enter, make_app, settle

LEAKY = {
    "date": "2026-11-20",
    "hours": "2",
    "method": "reading",
    "title": "Call with Zoe's mother",
    "learning": "Her number is 07700 900123, follow up.",
}
"""A fictional CPD entry holding a (fictional) phone number and a name to list."""


async def open_privacy(pilot) -> PrivacyScreen:
    """Open the Privacy screen from the command palette, as a newcomer would."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await enter(pilot, "privacy")
    await pilot.pause(0.5)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PrivacyScreen)
    return pilot.app.screen


async def test_privacy_lists_findings_jumps_to_the_field_and_clears_once_fixed(started_dir, today):
    """The phone number is listed in context; Enter opens the CPD form at the field; fixing it clears the list."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.folio.put(CPDEntry.from_dict(LEAKY))
        screen = await open_privacy(pilot)
        table = screen.query_one("#privacy-findings", DataTable)
        assert table.row_count == 1
        assert "07700 900123" in str(table.get_row_at(0)[2])
        assert "CPD entry Call with Zoe's mother, learning" in str(table.get_row_at(0)[1])
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditRecordScreen) and form.focused is form.editor("learning")
        form.editor("learning").text = "Follow up by letter."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert table.row_count == 0
        assert "No likely identifiers" in str(screen.query_one("#privacy-summary").render())


async def test_mark_a_false_positive_and_keep_a_name_off_every_page(started_dir, today):
    """i marks the finding; a adds "Zoe" to the list, which then finds her; x removes her again."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.folio.put(CPDEntry.from_dict(LEAKY))
        screen = await open_privacy(pilot)
        table = screen.query_one("#privacy-findings", DataTable)
        table.focus()
        await pilot.press("i")
        await settle(pilot)
        assert table.row_count == 0 and len(check.ignored(app.folio)) == 1
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#ask-text", Input).value = "Zoe"
        await pilot.press("enter")
        await settle(pilot)
        assert check.do_not_print(app.folio) == ["Zoe"]
        assert table.row_count == 1 and "Zoe" in str(table.get_row_at(0)[2])
        screen.query_one("#privacy-words", DataTable).focus()
        await pilot.press("x")
        await settle(pilot)
        assert check.do_not_print(app.folio) == [] and table.row_count == 0


def test_the_palette_registry_names_every_feature_the_cli_has():
    """Privacy, export, import, calendar, restore, encryption and switching folios are all listed."""
    titles = " | ".join(feature.title for feature in FEATURES)
    for word in ("Privacy", "Export", "Import", "calendar", "Restore", "Encryption", "demo", "data folder"):
        assert word in titles


async def test_an_attached_image_is_looked_at_then_marked(started_dir, today):
    """An image has no text to check: listed as such (named by its title; the line under the table says it whole),
    Enter says where to look, i marks it as looked at."""
    import hashlib
    import io

    from PIL import Image

    from sendfolio.domain.records import Attachment

    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(buffer, "PNG")
    card = buffer.getvalue()
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.folio.attach(
            Attachment.from_dict(
                {
                    "evidence_for": "membership",
                    "title": "Membership card",
                    "file_type": "png",
                    "size": len(card),
                    "pages": 1,
                    "sha256": hashlib.sha256(card).hexdigest(),
                    "added": today,
                }
            ),
            card,
        )
        screen = await open_privacy(pilot)
        table = screen.query_one("#privacy-findings", DataTable)
        assert table.row_count == 1
        assert "not checked: an image" in str(table.get_row_at(0)[0])
        assert str(table.get_row_at(0)[1]) == "document “Membership card”, file"  # its title, not its id
        detail = " ".join(str(screen.query_one("#privacy-detail").render()).split())
        assert "Membership card has no text to check: look at it, and once it holds no identifier mark it" in detail
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen  # nothing to edit: the notice says where to look
        await pilot.press("i")
        await settle(pilot)
        assert table.row_count == 0
        assert check.open_findings(app.folio) == []

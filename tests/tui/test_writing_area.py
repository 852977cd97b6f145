"""The editor (issue 20, item 2): toggling the preview never hides text; ctrl+Home / ctrl+End reach the ends."""

from __future__ import annotations

from sendfolio.tui.screens.reflection_editor import ReflectionEditor
from sendfolio.tui.widgets.writing import WritingArea
from tests.helpers.tui import make_app, settle

LONG = "\n\n".join(f"Paragraph {number}: " + "a long line of reflection " * 12 for number in range(20))
"""Twenty paragraphs far wider than the editor, so each wraps over several rows."""


def fits(editor: WritingArea) -> bool:
    """True when every wrapped row fits the editor's width and nothing is scrolled sideways out of sight."""
    return editor.scroll_x == 0 and editor.virtual_size.width <= editor.scrollable_content_region.width


async def test_the_preview_toggled_keeps_every_row_in_sight_and_the_ends_are_reached(started_dir, today):
    """F3 twice with the cursor at the end of a long paragraph: rows wrap to the editor's width; ctrl+End, ctrl+Home."""
    app = make_app(started_dir, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ReflectionEditor(body=LONG))
        await settle(pilot)
        editor = app.screen.query_one("#body", WritingArea)
        editor.focus()
        assert fits(editor)
        narrow = editor.scrollable_content_region.width
        await pilot.press("ctrl+end")
        assert editor.cursor_location == editor.document.end
        await pilot.press("f3")
        await settle(pilot)
        assert editor.scrollable_content_region.width > narrow and fits(editor)
        await pilot.press("up", "end", "f3")
        await settle(pilot)
        assert editor.scrollable_content_region.width == narrow and fits(editor)
        await pilot.press("ctrl+home")
        assert editor.cursor_location == (0, 0) and editor.scroll_y == 0
        await pilot.press("ctrl+shift+end")
        assert editor.selected_text == LONG

"""Snapshots of the records screens on the demo folio, at 80x24 and a fixed today."""

from __future__ import annotations

import pytest

from sendfolio.tui.app import SendfolioApp
from tests.helpers.tui import settle

SIZE = (80, 24)
"""The smallest terminal the app must be readable in."""


def app_on(folio, folio_dir, today) -> SendfolioApp:
    """The real app on the demo folio."""
    return SendfolioApp(folio_dir, today=today, folio=folio)


@pytest.mark.parametrize("key", ["4", "5", "6", "7"])
def test_area_screens(snap_compare, demo_folio, folio_dir, today, key):
    """Reflections (4), CPD (5), PPC (6) and Training & profile (7) as the mediator first sees them."""
    assert snap_compare(app_on(demo_folio, folio_dir, today), press=[key], terminal_size=SIZE)


def test_compile_screen(snap_compare, demo_folio, folio_dir, today):
    """Compile (8) on the renewal pack, with an output path that does not depend on the test's folder."""

    async def fixed_path(pilot) -> None:
        await pilot.press("8")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        pilot.app.screen.query_one("#compile-output").value = "exports/renewal-2026.pdf"

    assert snap_compare(app_on(demo_folio, folio_dir, today), run_before=fixed_path, terminal_size=SIZE)


def test_reflection_editor_from_the_kolb_template(snap_compare, demo_folio, folio_dir, today):
    """The editor beside its preview, on Kolb's headings (highlighting needs tree-sitter-markdown)."""
    pytest.importorskip("tree_sitter_markdown")

    async def open_with_steady_cursor(pilot):
        """Open the editor on Kolb's template, and stop its cursor blinking (the picture must not
        depend on the instant it is taken)."""
        from textual.widgets import Input, TextArea

        await pilot.press("4", "a", "down", "down", "down", "enter")
        await settle(pilot)  # the template chosen, the editor opens from the screen's worker
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        for field in pilot.app.screen.query(Input):  # the focused title's cursor too
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app_on(demo_folio, folio_dir, today), run_before=open_with_steady_cursor, terminal_size=SIZE)

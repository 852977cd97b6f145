"""Snapshots of the case form's five sections on the demo folio's first case, at 80×24 and 120×40."""

from __future__ import annotations

import pytest
from textual.widgets import TabbedContent

from sendfolio.tui.app import SendfolioApp
from sendfolio.tui.dialogs.case_form import CASE_SECTIONS
from tests.helpers.tui import settle


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("section", range(len(CASE_SECTIONS)), ids=[key for key, _t, _n in CASE_SECTIONS])
def test_case_form_section(snap_compare, demo_folio, folio_dir, today, size, section):
    """The case form opened on the first case (e on the case log), then PgDn to the section."""

    async def to_section(pilot) -> None:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("home", "e")
        await settle(pilot)
        for _ in range(section):
            await pilot.press("pagedown")
            await pilot.pause()
        await settle(pilot)
        key = CASE_SECTIONS[section][0]
        assert pilot.app.screen.query_one(TabbedContent).active == f"section-{key}"
        assert pilot.app.focused is pilot.app.screen.editor(CASE_SECTIONS[section][2][0])
        await pilot.wait_for_scheduled_animations()  # the tabs' underline slides to the section
        if hasattr(pilot.app.focused, "cursor_blink"):
            pilot.app.focused.cursor_blink = False  # the cursor always drawn, whenever the picture is taken
        await pilot.pause()

    app = SendfolioApp(folio_dir, today=today, folio=demo_folio)
    assert snap_compare(app, run_before=to_section, terminal_size=size)

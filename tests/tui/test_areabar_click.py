"""Clicking an area in the area bar switches to it: the bar posts `AreaBar.Chosen`, the app handles it."""

from __future__ import annotations

from sendfolio.tui.views.areas import AREAS
from sendfolio.tui.widgets.areabar import AreaBar
from tests.helpers.tui import SIZE, make_app, settle


async def test_clicking_an_area_in_the_bar_switches_to_it_and_highlights_it(started_dir, today):
    """A click on "5 CPD" shows the CPD diary; the bar on it highlights CPD."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        offset = 0
        for area in AREAS:
            if area.mode == "cpd":
                break
            offset += len(area.key) + len(area.title) + 2
        assert app.current_mode == "dashboard"
        await pilot.click(AreaBar, offset=(offset + 1, 0))
        await settle(pilot)
        assert app.current_mode == "cpd"
        bar = app.screen.query_one(AreaBar)
        highlighted = "".join(part.text for part in bar.render_line(0) if part.style and part.style.reverse)
        assert highlighted.strip() == "5 CPD"

"""Whole at 80×24 (issue 20, item 9): the area bar shows every area, with short names where titles do not fit."""

from __future__ import annotations

from sendfolio.tui.views.areas import AREAS
from sendfolio.tui.widgets.areabar import AreaBar
from tests.helpers.tui import make_app, settle


def bar_text(app) -> str:
    """What the area bar shows, cut to the screen's width as drawn."""
    bar = app.screen.query_one(AreaBar)
    return str(bar.render())[: bar.size.width]


async def test_every_area_is_in_the_bar_at_80_and_at_120_columns(started_dir, today):
    """At 80 columns each key and short name is drawn (none cut off); at 120 each full title."""
    for size, names in (((80, 24), [area.label for area in AREAS]), ((120, 40), [area.title for area in AREAS])):
        app = make_app(started_dir, today)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            for key in ("1", "4", "0"):
                await pilot.press(key)
                await settle(pilot)
                text = bar_text(app)
                assert len(str(app.screen.query_one(AreaBar).render())) <= size[0], text
                for area, name in zip(AREAS, names, strict=True):
                    assert f"{area.key} {name} " in text, (size, key, text)


async def test_clicking_a_short_name_goes_to_its_area(started_dir, today):
    """At 80 columns, a click on "0 Docs" at the right end opens Documents."""
    app = make_app(started_dir, today)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = bar_text(app)
        await pilot.click(AreaBar, offset=(text.index("0 Docs") + 2, 0))
        await settle(pilot)
        assert app.current_mode == "documents"

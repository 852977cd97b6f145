"""Snapshots of every area (and the practice's three screens, reached with p) at 80×24 and 120×40, on the demo folio."""

from __future__ import annotations

import pytest

from sendfolio.tui.views.areas import AREAS
from tests.helpers.snapshots import LARGE, SMALL, app_on, demo_folio_here, showing

SCREENS = {**{area.mode: area.key for area in AREAS}, "practice": "p", "feedback": "p f", "development": "p v"}
"""Each screen by name, and the keys that bring it up from the Dashboard."""


@pytest.fixture
def snap_folio(tmp_path, monkeypatch, today):
    """The demo folio, shown as `folio`."""
    yield from demo_folio_here(tmp_path, monkeypatch, today)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_area(snap_compare, snap_folio, today, screen, size):
    """The area as the mediator first sees it."""
    assert snap_compare(app_on(snap_folio, today), terminal_size=size, run_before=showing(SCREENS[screen]))

"""The demo's banner: one line across the top of every screen while the demo folio is open.

API: `DemoBanner()` -- a one-line Static docked at the top of its screen. The app mounts one on
each screen it shows while the demo is open (areas, the screens opened over them and dialogs
alike) and removes them when another folio is opened, so the demo is never taken for the
mediator's own folio.
"""

from __future__ import annotations

from textual.screen import Screen, SystemModalScreen
from textual.widgets import Static

DEMO_WORDS = "Demo folio: fictional records; yours is untouched · ctrl+p “Open my own folio”"
"""What the banner says."""


class DemoBanner(Static):
    """The line saying the demo folio is open, and how to go back."""

    DEFAULT_CSS = """
    DemoBanner {
        dock: top;
        height: 1;
        width: 100%;
        padding: 0 1;
        background: $warning;
        color: $background;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """
    """One bold line in the warning colour, above everything else on the screen."""

    def __init__(self) -> None:
        """The banner's words, shown as typed."""
        super().__init__(DEMO_WORDS, markup=False)


def mark_demo(screen: Screen, demo: bool) -> None:
    """Give `screen` the banner while the demo is open (areas, the screens over them, dialogs; not the command
    palette), and take it away once another folio is open."""
    if isinstance(screen, SystemModalScreen) or not screen.is_attached:
        return
    banners = screen.query(DemoBanner)
    if demo and not banners:
        screen.mount(DemoBanner())
    elif not demo and banners:
        banners.remove()

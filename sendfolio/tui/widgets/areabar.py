"""The line at the top of every area screen listing the areas and their keys.

API: `AreaBar()` -- a one-line Static, at the top of the screen (its DEFAULT_CSS), showing
"1 Dashboard  2 Cases ..." with the current area highlighted. The app mounts one on
any area screen that does not compose its own, and refreshes it when areas switch.
Clicking an area posts `AreaBar.Chosen(mode)`; the app switches to it.
"""

from __future__ import annotations

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from sendfolio.tui.views.areas import AREAS


class AreaBar(Static):
    """The areas and their keys, the current one highlighted."""

    DEFAULT_CSS = """
    AreaBar {
        height: 1;
        width: 100%;
        background: $panel;
        color: $text-muted;
    }
    """
    """One line across the top of the screen."""

    class Chosen(Message):
        """An area was clicked: the app switches to it."""

        def __init__(self, mode: str) -> None:
            """Name the area's mode."""
            super().__init__()
            self.mode = mode
            """The mode of the area chosen."""

    def on_mount(self) -> None:
        """Draw the bar for the current area."""
        self.refresh_areas()

    def refresh_areas(self) -> None:
        """Redraw with the app's current area highlighted."""
        current = self.app.current_mode
        line = Text(no_wrap=True, overflow="ellipsis")
        for area in AREAS:
            style = "reverse bold" if area.mode == current else ""
            line.append(area.key, style=f"bold {style}")
            line.append(f" {area.title} ", style=style)
        self.update(line)

    def on_click(self, event: Click) -> None:
        """Switch to the area under the mouse."""
        offset = 0
        for area in AREAS:
            width = len(area.key) + len(area.title) + 2
            if offset <= event.x < offset + width:
                self.post_message(self.Chosen(area.mode))
                return
            offset += width

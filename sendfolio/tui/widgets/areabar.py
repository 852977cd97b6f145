"""The line at the top of every area screen listing the areas and their keys.

API: `AreaBar()` -- a one-line Static, at the top of the screen (its DEFAULT_CSS), showing
"1 Dashboard  2 Cases ..." with the current area highlighted (at 80 columns, short names:
"1 Dash  2 Cases  3 Cover ...", so every area stays in sight). The app mounts one on
any area screen that does not compose its own, and refreshes it when areas switch.
Clicking an area posts `AreaBar.Chosen(mode)`; the app switches to it.
"""

from __future__ import annotations

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from sendfolio.tui.views.areas import AREAS

AREA_KEYS = {area.mode: area.key for area in AREAS}
"""Each area's key, by mode."""


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

    def on_resize(self) -> None:
        """Redraw for the new width (full titles, or short names so that every area stays in sight)."""
        self.refresh_areas()

    def labels(self) -> list[tuple[str, str]]:
        """Each area's mode and the words shown for it: the titles if they all fit, else short names.

        The current area keeps its title among short names where the line has room for it.
        """
        current = self.app.current_mode
        width = self.size.width or 80
        for shown in (
            [(area.mode, area.title) for area in AREAS],
            [(area.mode, area.title if area.mode == current else area.label) for area in AREAS],
            [(area.mode, area.label) for area in AREAS],
        ):
            if self._width_of(shown) <= width:
                return shown
        return shown

    @staticmethod
    def _width_of(shown: list[tuple[str, str]]) -> int:
        """How many columns the bar takes for these labels: key, space, label, space each."""
        return sum(len(AREA_KEYS[mode]) + len(label) + 2 for mode, label in shown)

    def refresh_areas(self) -> None:
        """Redraw with the app's current area highlighted."""
        current = self.app.current_mode
        line = Text(no_wrap=True, overflow="ellipsis")
        for mode, label in self.labels():
            style = "reverse bold" if mode == current else ""
            line.append(AREA_KEYS[mode], style=f"bold {style}")
            line.append(f" {label} ", style=style)
        self.update(line)

    def on_click(self, event: Click) -> None:
        """Switch to the area under the mouse."""
        offset = 0
        for mode, label in self.labels():
            width = len(AREA_KEYS[mode]) + len(label) + 2
            if offset <= event.x < offset + width:
                self.post_message(self.Chosen(mode))
                return
            offset += width

"""A checkbox and a selection list whose ticks read without colour: ✓ when ticked, blank when not.

Textual draws every box as `▐X▌`, ticked or not, and only the colour tells them apart.
`TickBox` (a `Checkbox`) and `TickList` (a `SelectionList`) draw `▐✓▌` or `▐ ▌` instead, and
`TickRadio` (a `RadioButton`) `▐●▌` or `▐ ▌`;
everything else (keys, messages, values) is Textual's.
"""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList

TICK = "✓"
"""What a ticked box shows."""

TEXTUAL_INNER = Checkbox.BUTTON_INNER
"""The mark Textual draws inside every box, ticked or not (read before `TickBox` overrides it)."""


class TickBox(Checkbox):
    """A checkbox showing ✓ when ticked and a blank when not.

    Words typed at it (the mediator thought they were in a text field) are not taken for ticks:
    after a letter, Space does nothing until the box is left, and a notice says what the box is.
    """

    typed = False
    """True once a letter was typed while the box had the focus (reset when it gets the focus again)."""

    def on_focus(self, event: events.Focus) -> None:
        """A fresh visit: Space ticks again."""
        self.typed = False

    def on_key(self, event: events.Key) -> None:
        """A letter typed here is not for the box: say so, and let the spaces between words tick nothing."""
        if event.is_printable and event.character not in (None, " "):
            if not self.typed:
                self.notify("This is a tick box: Space ticks it, Tab moves on. What you typed went nowhere.", timeout=6)
            self.typed = True
        elif event.key == "space" and self.typed:
            event.stop()
            event.prevent_default()

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual types it a class string; a property draws by value
        """✓ or a blank, by the box's value."""
        return TICK if self.value else " "


class TickRadio(RadioButton):
    """A radio button showing ● when chosen and a blank when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual types it a class string; a property draws by value
        """● or a blank, by the button's value."""
        return "●" if self.value else " "


class TickList(SelectionList):
    """A selection list whose boxes show ✓ when ticked and a blank when not; the form around it scrolls to keep
    the highlighted option in view (a list low in a long form was ticked while out of sight)."""

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Textual's own scrolling within the list, then the form's to show the list (while it has the focus)."""
        super().watch_highlighted(highlighted)
        if highlighted is not None and self.has_focus:
            self.call_after_refresh(self.scroll_visible, animate=False)

    def render_line(self, y: int) -> Strip:
        """Textual's line, with the box's inner mark made ✓ or blank."""
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if index >= self.option_count or len(segments) < 2 or segments[1].text != TEXTUAL_INNER:
            return strip
        ticked = self.get_option_at_index(index).value in self.selected
        segments[1] = Segment(TICK if ticked else " ", segments[1].style)
        return Strip(segments, strip.cell_length)

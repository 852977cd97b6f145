"""Progress towards the numeric requirements, drawn as one widget: a line each, title, bar and amount.

API: `ProgressLines(id=...)`, then `show([(title, have, need, amount_text), ...])`. Each line is
the title (cut to 25 characters), a 32-cell bar filled to `have / need` (in the success colour
once met) and the amount in words. One widget draws every line, as one text, where a row of
Textual progress bars costs six widgets each to mount and style (the Dashboard's figures waited
for about fifty of them).
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.renderables.bar import Bar
from textual.widget import Widget

BAR_WIDTH = 32
"""Cells of each bar (as Textual's ProgressBar draws it)."""

TITLE_WIDTH = 26
"""Cells of the title column (the title is cut to one less)."""


class ProgressLines(Widget):
    """The numeric requirements' progress bars, one line each."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "progress-lines--bar",
        "progress-lines--complete",
        "progress-lines--amount",
    }
    """A bar under way, a bar complete, the amount after it."""

    DEFAULT_CSS = """
    ProgressLines {
        height: auto;
        & > .progress-lines--bar {
            color: $primary;
            background: $surface;
        }
        & > .progress-lines--complete {
            color: $success;
            background: $surface;
        }
        & > .progress-lines--amount {
            color: $text-muted;
        }
    }
    """
    """The colours of Textual's progress bar; the amount muted."""

    def __init__(self, *, id: str | None = None) -> None:
        """No lines until `show`."""
        super().__init__(id=id)
        self.lines: list[tuple[str, float, float, str]] = []

    def show(self, lines: list[tuple[str, float, float, str]]) -> None:
        """Draw these lines: (title, have, need, amount in words), need above zero."""
        self.lines = list(lines)
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        """The lines as one text: title, bar (Textual's bar renderable), amount (cheaper to lay out than a table)."""
        console = self.app.console
        amount = self.get_component_rich_style("progress-lines--amount")
        lines = []
        for title, have, need, words in self.lines:
            done = max(0.0, min(have / need, 1.0))
            style = self.get_component_rich_style("progress-lines--complete" if done >= 1 else "progress-lines--bar")
            bar = Bar(
                highlight_range=(0, BAR_WIDTH * done),
                highlight_style=Style.from_color(style.color),
                background_style=Style.from_color(style.bgcolor),
                width=BAR_WIDTH,
            )
            drawn = next(iter(bar.__rich_console__(console, console.options)))  # the bar renderable yields one Text
            drawn = drawn if isinstance(drawn, Text) else Text(str(drawn))
            lines.append(Text.assemble(title[: TITLE_WIDTH - 1].ljust(TITLE_WIDTH), drawn, (f" {words}", amount)))
        return Text("\n", no_wrap=True, overflow="crop").join(lines)

"""`WritingArea`: Textual's TextArea with the keys every editor has for the ends of the text.

ctrl+Home and ctrl+End go to the start and the end of the whole text (with shift, selecting
on the way), as in any word processor; Textual's TextArea binds neither. Used wherever a
mediator writes more than a line: the reflection editor and the forms' longer fields.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import TextArea


class WritingArea(TextArea):
    """A TextArea where ctrl+Home / ctrl+End reach the start and the end of the text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+home", "text_start", "Start of the text", show=False),
        Binding("ctrl+end", "text_end", "End of the text", show=False),
        Binding("ctrl+shift+home", "text_start(True)", "Select to the start", show=False),
        Binding("ctrl+shift+end", "text_end(True)", "Select to the end", show=False),
    ]
    """The ends of the whole text, not only of the line (home and end)."""

    def action_text_start(self, select: bool = False) -> None:
        """Put the cursor at the very start of the text (selecting to there with shift)."""
        self.move_cursor(self.document.start, select=select)

    def action_text_end(self, select: bool = False) -> None:
        """Put the cursor at the very end of the text (selecting to there with shift)."""
        self.move_cursor(self.document.end, select=select)

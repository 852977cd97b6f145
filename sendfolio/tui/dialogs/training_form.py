"""A course's form: "What it covered" offers only what a course of the kind chosen can cover.

A foundation course lists the four parts of §1.1, SEND training the four modules of §2.2; a refresher
course lists nothing (the record refuses anything else: `Training.problems`). Choosing another kind
keeps the ticks that still apply and says what the list now holds.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.widgets import Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from sendfolio.domain.records import COVERS_BY_KIND, Training
from sendfolio.domain.wording import words
from sendfolio.tui.dialogs.forms import EditRecordScreen

COVERS_HELP = {
    "foundation": "The four parts of a foundation course (§1.1). ↑↓ move; Space ticks or unticks each.",
    "send": "The four modules of SEND training (§2.2, Appendix B). ↑↓ move; Space ticks or unticks each.",
    "refresher": "A refresher course has nothing to tick here.",
    "": "Choose the kind of course first: the list shows what that kind covers.",
}
"""The line under "What it covered", by the kind of course chosen."""


class TrainingForm(EditRecordScreen[Training]):
    """The course form: the "covers" list follows the kind of course."""

    def on_mount(self) -> None:
        """The form as every form starts, then the list of what the chosen kind covers."""
        super().on_mount()
        self.offer_covers(self.chosen_kind())

    def chosen_kind(self) -> str:
        """The kind of course chosen in the form ('' when none)."""
        value = self.query_one("#field-kind", Select).value
        return "" if value is Select.NULL else str(value)

    @on(Select.Changed, "#field-kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        """Another kind of course: the list shows what it covers."""
        self.offer_covers("" if event.value is Select.NULL else str(event.value))

    def offer_covers(self, kind: str) -> None:
        """Offer in "What it covered" only the items of `kind`, keeping those ticked that still apply."""
        tick_list: SelectionList[Any] = self.query_one("#field-covers", SelectionList)
        allowed = COVERS_BY_KIND.get(kind, ())
        offered = [tick_list.get_option_at_index(index).value for index in range(tick_list.option_count)]
        if offered == list(allowed):
            self._say(kind)
            return
        kept = [value for value in tick_list.selected if value in allowed]
        spec = next(item for item in self.specs if item.name == "covers")
        tick_list.clear_options()
        tick_list.add_options([Selection(Text(spec.label_of(item)), item, item in kept) for item in allowed])
        tick_list.display = bool(allowed)
        if allowed:
            tick_list.highlighted = 0  # Space ticks the first item at once, as it did before the list changed
        self._say(kind)

    def _say(self, kind: str) -> None:
        """Put what the list holds under it."""
        field = self.editor("covers").parent
        help_line = field.query(".field-help") if field is not None else None
        text = COVERS_HELP.get(kind, f"A {words(kind).lower()} course has nothing to tick here.")
        if help_line:
            help_line.first(Static).update(Text(text))

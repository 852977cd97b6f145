"""The choice of a de-brief's skills or knowledge gap, to start a learning need from."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from sendfolio.domain.records import DEBRIEF_TITLES
from sendfolio.paths import style_path
from sendfolio.tui.widgets.footer import AppFooter


class GapChooser(ModalScreen[tuple[str, str, str, str] | None]):
    """A list of the de-briefs' skills and knowledge gaps; Enter chooses one, Escape leaves."""

    CSS_PATH = style_path("records.tcss")
    """The records screens' styles (the dialog's are there too)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    """Escape closes without choosing."""

    def __init__(self, gaps: list[tuple[str, str, str, str]]) -> None:
        """Keep the gaps to offer."""
        super().__init__()
        self.gaps = gaps

    def compose(self) -> ComposeResult:
        """The title and the list."""
        with Vertical(id="gap-dialog"):
            yield Label("Start a learning need from a de-brief", classes="summary")
            yield OptionList(
                *(
                    Option(Text(f"{ref} · {DEBRIEF_TITLES[heading]}: {text}"), id=str(index))
                    for index, (ref, heading, text, _) in enumerate(self.gaps)
                ),
                id="gap-list",
            )
            yield Label("↑↓ choose · Enter: start the need · Esc: cancel", classes="breakdown")
        yield AppFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Dismiss with the chosen gap."""
        self.dismiss(self.gaps[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)

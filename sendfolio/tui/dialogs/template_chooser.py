"""The choice of template a new reflection starts from (Gibbs, Rolfe, Kolb, the de-brief, a blank page)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from sendfolio.paths import style_path
from sendfolio.tui.views.reflection_templates import TEMPLATES
from sendfolio.tui.widgets.footer import AppFooter


class TemplateChooser(ModalScreen[str | None]):
    """Pick the template a new reflection starts from; dismisses with its key or None."""

    CSS_PATH = style_path("records.tcss")
    """Its styles, in `styles/records.tcss`."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    """Escape closes without starting a reflection."""

    def compose(self) -> ComposeResult:
        """The templates in a list, blank page first."""
        with Vertical(id="template-dialog"):
            yield Label("Start a new reflection from", id="template-question")
            yield OptionList(*(Option(item.label, id=item.key) for item in TEMPLATES), id="templates")
            yield Label("↑↓ choose · Enter start · Esc cancel", classes="hint")
        yield AppFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Start from the chosen template."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)

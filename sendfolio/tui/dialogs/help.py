"""The help dialog: what the current screen is for, and every key it and the app answer to.

`HelpScreen(screen)` reads the keys from the `BINDINGS` of the screen's classes and of
the app, so it never disagrees with what the keys do. A screen may set the class
variable `HELP` (a few sentences) to say what it is for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from sendfolio.paths import style_path
from sendfolio.tui.support.host import NamedOnScreen
from sendfolio.tui.widgets.footer import AppFooter


def class_bindings(node: DOMNode, stop_at: type) -> list[Binding]:
    """The bindings declared by the node's own classes (not those of `stop_at` and its bases)."""
    found: list[Binding] = []
    seen: set[str] = set()
    for klass in type(node).__mro__:
        if klass is stop_at or not isinstance(klass, type) or not issubclass(klass, stop_at):
            break
        for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", [])):
            if binding.key not in seen and binding.description:
                seen.add(binding.key)
                found.append(binding)
    return found


def key_name(app: App[object], binding: Binding) -> str:
    """A key as a newcomer reads it: `ctrl+s` rather than `^s`, `[` and `]` as they are."""
    shown = app.get_key_display(binding)
    return f"ctrl+{shown[1:]}" if shown.startswith("^") and len(shown) > 1 else shown


def screen_title(screen: Screen) -> str:
    """A screen's name in words: a form's title, the TITLE, the palette name, or the class name in words."""
    named = screen.title_text if isinstance(screen, NamedOnScreen) else None
    title = named or screen.TITLE or getattr(screen, "PALETTE_NAME", None)
    if title:
        return str(title)
    name = type(screen).__name__.removesuffix("Screen")
    words = "".join(f" {char.lower()}" if char.isupper() else char for char in name).strip()
    return words[:1].upper() + words[1:]


def keys_table(app: App[object], bindings: Iterable[Binding]) -> Table:
    """A two-column table of keys and what they do (descriptions shown as typed, never as markup)."""
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=True)
    table.add_column("Key", style="bold", no_wrap=True, width=16)
    table.add_column("What it does", ratio=1)
    for binding in bindings:
        table.add_row(Text(key_name(app, binding)), Text(binding.tooltip or binding.description))
    return table


class HelpScreen(ModalScreen[None]):
    """The keys of the current screen and of the whole app."""

    CSS_PATH = style_path("app.tcss")
    """Its styles, in `styles/app.tcss`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
        Binding("f1", "close", "Close", show=False),
    ]
    """Escape, ? or F1 closes the help."""

    def __init__(self, screen: Screen) -> None:
        """Keep the screen whose keys are listed."""
        super().__init__()
        self.about_screen = screen

    def compose(self) -> ComposeResult:
        """The screen's purpose, its keys, then the app's keys."""
        with Vertical(id="help-dialog"):
            with VerticalScroll(id="help-text"):
                yield from self._sections()
            yield Label("Escape (or ? or F1) closes this help · ↑↓ scroll", id="help-close")
        yield AppFooter()

    def _sections(self) -> ComposeResult:
        """One Static per section of the help."""
        screen = self.about_screen
        yield Static(Text(f"Help: {screen_title(screen)}", style="bold"), classes="section-title")
        if screen.HELP:
            yield Static(Text(screen.HELP))
        yield Static(Text("Keys on this screen", style="bold"), classes="section-title")
        own = class_bindings(screen, Screen)
        yield Static(keys_table(self.app, own) if own else "No keys of its own.")
        yield Static(Text("Keys everywhere", style="bold"), classes="section-title")
        yield Static(keys_table(self.app, self._app_bindings()))

    def _app_bindings(self) -> list[Binding]:
        """The app's bindings, plus the command palette's key."""
        bindings = list(Binding.make_bindings(self.app.BINDINGS))
        palette = Binding(
            self.app.COMMAND_PALETTE_BINDING, "command_palette", "Command palette: find any area or action"
        )
        return [item for item in bindings if item.description] + [palette]

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)

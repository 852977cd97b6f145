"""The app's footer: the screen's keys, with help always in sight at the right.

API: `AppFooter()` -- use it wherever a screen would yield `Footer()`. It shows what Textual's
Footer shows (the focused screen's keys, then the app's), except that the help key is not
in the row, where a narrow (80-column) screen would cut it off: it is docked at the right
beside the command palette's key, as `? help` -- or `f1 help` while a text field would take
the `?` as typing. F1 opens help on every screen, forms and dialogs included.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTIONS = ("help", "app.help")
"""The actions that open help; their keys are shown once, docked at the right."""


class AppFooter(Footer):
    """Textual's Footer with the help and palette keys docked together at the right, never cut off."""

    DEFAULT_CSS = """
    AppFooter HorizontalGroup.-right-keys {
        dock: right;
        width: auto;
        height: 1;
        border-left: vkey $foreground 20%;
    }
    AppFooter HorizontalGroup.-right-keys FooterKey {
        padding-right: 1;
    }
    """
    """The help and palette keys sit at the right, apart from the screen's keys."""

    def __init__(self) -> None:
        """A footer whose palette key this class draws itself (beside the help key)."""
        super().__init__(show_command_palette=False)

    def compose(self) -> ComposeResult:
        """The Footer's keys without the help key in the row, then help and palette at the right."""
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action in HELP_ACTIONS:
                continue
            yield widget
        if not self._bindings_ready:
            return
        with HorizontalGroup(classes="-right-keys"):
            key = "f1" if self._question_mark_is_typing() else "question_mark"
            yield FooterKey(key, "f1" if key == "f1" else "?", "help", "app.help", tooltip="The keys of this screen")
            palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
                yield FooterKey(
                    palette.binding.key,
                    self.app.get_key_display(palette.binding),
                    "palette",
                    palette.binding.action,
                    tooltip="Find any area or action",
                )

    def _question_mark_is_typing(self) -> bool:
        """True when the focused widget (a text field) would take `?` as a typed character."""
        focused = self.screen.focused
        return focused is not None and focused.check_consume_key("question_mark", "?")

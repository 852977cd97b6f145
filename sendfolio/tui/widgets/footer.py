"""The app's footer: the screen's keys, with help always in sight at the right.

API: `AppFooter()` -- use it wherever a screen would yield `Footer()`. It shows what Textual's
Footer shows (the focused screen's keys, then the app's), except that the help key is not
in the row, where a narrow (80-column) screen would cut it off: it is docked at the right
beside the command palette's key, as `? help` -- or `f1 help` while a text field would take
the `?` as typing. F1 opens help on every screen, forms and dialogs included.

The keys are shown in the order the screen lists them, the main actions first: a key that does not fit
whole in the width (80 columns) is left out, with every key after it, rather than cut in the middle;
`?` lists them all.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widget import Widget
from textual.widgets import Footer

from sendfolio.tui.support.textual_internals import draw_keys_at_once, keys_ready

HELP_ACTIONS = ("help", "app.help")
"""The actions that open help; their keys are shown once, docked at the right."""


class DockedKey(Widget):
    """One key and its description, drawn as the footer draws its keys; a click presses the key."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"docked-key--key", "docked-key--description"}
    """The key and its description, styled as the footer's."""

    DEFAULT_CSS = """
    DockedKey {
        width: auto;
        height: 1;
        text-wrap: nowrap;
        background: $footer-item-background;
        padding-right: 1;
        .docked-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .docked-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        &:hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """
    """The same look as Textual's footer keys."""

    def __init__(self, key: str, key_display: str, description: str, *, tooltip: str = "") -> None:
        """The key pressed on a click, how it is shown, and what it does."""
        super().__init__()
        self.set_reactive(Widget.shrink, False)
        self.key, self.key_display, self.description = key, key_display, description
        if tooltip:
            self.tooltip = tooltip

    def render(self) -> Text:
        """`key description`, in the footer's compact styles."""
        return Text.assemble(
            (self.key_display, self.get_component_rich_style("docked-key--key")),
            (f" {self.description}", self.get_component_rich_style("docked-key--description")),
        )

    def on_mouse_down(self) -> None:
        """A click presses the key."""
        self.app.simulate_key(self.key)


class AppFooter(Footer):
    """Textual's Footer with the help and palette keys docked together at the right, never cut off."""

    DEFAULT_CSS = """
    AppFooter HorizontalGroup.-right-keys {
        dock: right;
        width: auto;
        height: 1;
        border-left: vkey $foreground 20%;
    }
    AppFooter.-compact KeyGroup.-compact {
        padding-left: 0;
    }
    AppFooter.-compact FooterLabel {
        margin: 0 1 0 0;
    }
    """
    """The help and palette keys sit at the right, apart from the screen's keys."""

    def __init__(self) -> None:
        """A footer whose palette key this class draws itself (beside the help key)."""
        super().__init__(show_command_palette=False, compact=True)
        self._drawn: tuple = ()
        # The keys are drawn when the footer is first composed, from the screen's bindings then, rather than on an
        # empty first paint and again once the screen's bindings are first announced.
        draw_keys_at_once(self)

    def _keys_shown(self) -> tuple:
        """Everything the keys in the footer are drawn from (the same tuple: nothing to redraw)."""
        if not keys_ready(self) or not self.is_attached:
            return ()
        get_key_display = self.app.get_key_display
        return (
            tuple(
                (
                    binding.key,
                    get_key_display(binding),
                    binding.description,
                    binding.action,
                    binding.group,
                    enabled,
                    tip,
                )
                for (_, binding, enabled, tip) in self.screen.active_bindings.values()
                if binding.show
            ),
            self._question_mark_is_typing(),
            self.app.ENABLE_COMMAND_PALETTE,
        )

    async def recompose(self) -> None:
        """Build the keys again only if they changed.

        Textual's Footer rebuilds every key on each change of focus or of the bindings: a dozen
        widgets restyled, several times while an area opens. Most of those changes leave the keys as they were.
        """
        if self._keys_shown() == self._drawn:
            return
        await super().recompose()
        self.call_after_refresh(self._fit_keys)

    def on_mount(self) -> None:
        """Leave out the keys that do not fit, once they are laid out."""
        self.call_after_refresh(self._fit_keys)

    def on_resize(self, event: events.Resize) -> None:
        """Show as many keys as the new width holds."""
        self.call_after_refresh(self._fit_keys)

    def _fit_keys(self) -> None:
        """Show the keys that fit whole before the help and palette keys; hide the first that does not and all after it.

        Each key's right edge is measured once, while every key is shown (they are laid out left to right, so
        hiding later keys moves none before them), and kept on the key for the next resize.
        """
        if not self.is_attached:
            return
        right = [child for child in self.children if child.has_class("-right-keys")]
        keys = [child for child in self.children if not child.has_class("-right-keys")]
        if not keys:
            return
        if any(getattr(key, "_right_edge", None) is None and not key.region.width for key in keys):
            return  # not laid out yet: measured on the next refresh (a resize or a recompose)
        for key in keys:
            if getattr(key, "_right_edge", None) is None:
                key._right_edge = key.region.right - self.region.x  # type: ignore[attr-defined]
        room = self.size.width - sum(group.outer_size.width for group in right)
        fits = True
        for key in keys:
            fits = fits and key._right_edge <= room  # type: ignore[attr-defined]
            if key.display != fits:
                key.display = fits

    def compose(self) -> ComposeResult:
        """The Footer's keys without the help key in the row, then help and palette at the right."""
        self._drawn = self._keys_shown()
        for widget in super().compose():
            if getattr(widget, "action", None) in HELP_ACTIONS:
                continue
            yield widget
        with HorizontalGroup(classes="-right-keys"):
            key = "f1" if self._question_mark_is_typing() else "question_mark"
            yield DockedKey(key, "f1" if key == "f1" else "?", "help", tooltip="The keys of this screen")
            palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
                yield DockedKey(
                    palette.binding.key,
                    self.app.get_key_display(palette.binding),
                    "palette",
                    tooltip="Find any area or action",
                )

    def _question_mark_is_typing(self) -> bool:
        """True when the focused widget (a text field) would take `?` as a typed character."""
        focused = self.screen.focused
        return focused is not None and focused.check_consume_key("question_mark", "?")

"""The app's built-in high-contrast theme: white and yellow on black, no faint greys."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="sendfolio-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFA500",
    error="#FF5555",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "text-muted": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "input-selection-background": "#FFFF00 50%",
    },
)
"""High contrast for low vision or bright rooms (toggled with F2 or from the palette)."""

DEFAULT_THEME = "textual-dark"
"""The theme the app opens with unless the folio remembers another."""

THEME_SETTING = "tui.theme"
"""The folio setting that remembers the chosen theme."""

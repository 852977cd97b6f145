"""One entry of the command palette, as a screen offers it.

A screen's `palette_commands()` returns `PaletteCommand`s (e.g. the case log's "Add a case");
the palette (`tui/palette.py`) lists them with the app's own. Here, below the screens, so a
screen offers its commands without importing the palette.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PaletteCommand:
    """One entry of the command palette: its title, a line of help, and what it runs."""

    title: str
    """What the palette lists (with the key, where there is one)."""
    help: str
    """A line saying what it does."""
    run: Callable[[], object]
    """What it runs when chosen."""
    words: str = ""
    """Other words it is found by (the area it lives in, the mediator's words for it)."""

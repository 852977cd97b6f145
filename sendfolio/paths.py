"""Where the files that ship with sendfolio are: styles and templates."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

SOURCE_STYLES = Path(__file__).resolve().parent.parent / "styles"
"""`styles/` in a source checkout, beside the package."""


def styles_dir() -> Path:
    """The styles folder: `sendfolio.styles` in an installed wheel, else the checkout's `styles/`."""
    if SOURCE_STYLES.is_dir():
        return SOURCE_STYLES
    return Path(str(files("sendfolio.styles")))


def style_path(name: str) -> Path:
    """The path of one file in the styles folder."""
    return styles_dir() / name

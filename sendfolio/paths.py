"""Where the files that ship with sendfolio are: styles and templates."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
"""The installed `sendfolio` package folder."""

INSTALLED_STYLES = PACKAGE_DIR / "styles"
"""`styles/` as a wheel installs it: inside the package, as `sendfolio.styles`."""

SOURCE_STYLES = PACKAGE_DIR.parent / "styles"
"""`styles/` in a source checkout (and an editable install), beside the package."""


def styles_dir() -> Path:
    """The styles folder: inside the installed package, else the checkout's `styles/`."""
    if (INSTALLED_STYLES / "app.tcss").is_file():
        return INSTALLED_STYLES
    return SOURCE_STYLES


def style_path(name: str) -> Path:
    """The path of one file in the styles folder."""
    return styles_dir() / name

"""One way to style the app: a screen names its style file in `styles/`, a widget keeps its own.

Every screen and dialog of the app names the file in `styles/` that holds its rules in its
`CSS_PATH` (and has no `DEFAULT_CSS` or `CSS` of its own); the widgets keep theirs in
`DEFAULT_CSS`. The files named are those the app reads itself (`app.tcss` at start, the others
before another screen shows), so no screen's first show makes Textual re-read every style file.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from textual.screen import Screen
from textual.widget import Widget

import sendfolio.tui
from sendfolio.paths import style_path
from sendfolio.tui.app import SendfolioApp


def app_classes() -> list[type]:
    """Every class defined in the modules of `sendfolio.tui`."""
    found = []
    for module in pkgutil.walk_packages(sendfolio.tui.__path__, "sendfolio.tui."):
        loaded = importlib.import_module(module.name)
        found += [item for item in vars(loaded).values() if isinstance(item, type) and item.__module__ == module.name]
    return found


def named(css_path: object) -> list[Path]:
    """The files a `CSS_PATH` names."""
    if css_path is None:
        return []
    return [Path(item) for item in (css_path if isinstance(css_path, list | tuple) else [css_path])]


def test_every_screen_names_its_style_file_and_the_widgets_keep_theirs():
    """Screens: `CSS_PATH` in `styles/`, read by the app; no `DEFAULT_CSS` or `CSS`. Widgets: `DEFAULT_CSS` only."""
    read_by_app = {style_path(name) for name in ("app.tcss", *SendfolioApp.SCREEN_STYLES)}
    screens = [item for item in app_classes() if issubclass(item, Screen)]
    assert len(screens) > 20
    for screen in screens:
        assert "DEFAULT_CSS" not in vars(screen) and "CSS" not in vars(screen), screen
        assert set(named(screen.CSS_PATH)) <= read_by_app, screen
        if "compose" in vars(screen):  # a screen of its own, not a base: it says where its styles are
            assert named(screen.CSS_PATH), screen
    widgets = [item for item in app_classes() if issubclass(item, Widget) and not issubclass(item, Screen)]
    for widget in widgets:
        assert "CSS_PATH" not in vars(widget) and "CSS" not in vars(widget), widget

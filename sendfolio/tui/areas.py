"""The app's areas: one key, one mode, one screen each.

Each `Area` names the module and class of its screen. Screens written by other
helpers are imported by name when first shown; a module that does not exist yet
gives a "coming soon" placeholder, so the app still runs while it is being built.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter


@dataclass(frozen=True)
class Area:
    """One area of the app: its key, mode name, title, and where its screen lives."""

    key: str
    """The key that switches to it ("1"–"8")."""
    mode: str
    """The app mode that holds its screen."""
    title: str
    """Its name in the area bar and the palette."""
    module: str
    """The module of its screen class."""
    screen: str
    """The name of its screen class."""
    about: str
    """What the area holds, in a few words."""


AREAS: tuple[Area, ...] = (
    Area(
        "1",
        "dashboard",
        "Dashboard",
        "sendfolio.tui.dashboard",
        "DashboardScreen",
        "requirements met and missing, renewal, deadlines",
    ),
    Area(
        "2",
        "cases",
        "Cases",
        "sendfolio.tui.caselog",
        "CaseLogScreen",
        "the case log, timelines, observation checklists, de-briefs",
    ),
    Area(
        "3",
        "coverage",
        "Coverage",
        "sendfolio.tui.coverage",
        "CoverageScreen",
        "which criteria each practice case showed",
    ),
    Area(
        "4", "reflections", "Reflections", "sendfolio.tui.reflections", "ReflectionsScreen", "reflections on practice"
    ),
    Area("5", "cpd", "CPD", "sendfolio.tui.cpd", "CPDScreen", "the CPD diary"),
    Area("6", "ppc", "PPC", "sendfolio.tui.ppc", "PPCScreen", "supervision with your PPC"),
    Area("7", "profile", "Training", "sendfolio.tui.profile", "ProfileScreen", "training courses and your profile"),
    Area(
        "8", "compile", "Compile", "sendfolio.tui.compile", "CompileScreen", "the portfolio, renewal and passport PDFs"
    ),
)
"""Every area in key order."""

AREA_BY_MODE = {area.mode: area for area in AREAS}
"""Areas by mode name."""


class PlaceholderScreen(Screen):
    """Stands in for an area whose screen is not built yet."""

    def __init__(self, area: Area) -> None:
        """Remember which area this stands in for."""
        super().__init__()
        self.area = area

    def compose(self) -> ComposeResult:
        """A short note and the footer."""
        yield AreaBar()
        yield Static(f"{self.area.title}: {self.area.about}.\n\nComing soon.", classes="placeholder")
        yield AppFooter()


def screen_factory(area: Area) -> Callable[[], Screen]:
    """A function making the area's screen, or a placeholder if its module is missing."""

    def make() -> Screen:
        """The area's screen (imported now), or its placeholder."""
        try:
            module = importlib.import_module(area.module)
        except ModuleNotFoundError as missing:
            if missing.name != area.module:
                raise
            return PlaceholderScreen(area)
        screen_class = getattr(module, area.screen, None)
        return screen_class() if screen_class is not None else PlaceholderScreen(area)

    return make

"""The app's areas: one key, one mode, one screen each.

Each `Area` names the module and class of its screen, imported by name when the
area is first shown (so start-up loads only the Dashboard). This module holds data
only: widgets import it, never the other way round.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from textual.screen import Screen

from sendfolio.tui.support.host import ReadsScreenStyles
from sendfolio.tui.support.textual_internals import mark_styled


@dataclass(frozen=True)
class Area:
    """One area of the app: its key, mode name, title, and where its screen lives."""

    key: str
    """The key that switches to it ("1"–"9", "0")."""
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
    short: str = ""
    """Its name in an area bar too narrow for the titles (80 columns); the title when not given."""

    @property
    def label(self) -> str:
        """The short name, or the title."""
        return self.short or self.title


AREAS: tuple[Area, ...] = (
    Area(
        "1",
        "dashboard",
        "Dashboard",
        "sendfolio.tui.screens.dashboard",
        "DashboardScreen",
        "requirements met and missing, renewal, deadlines",
        "Dash",
    ),
    Area(
        "2",
        "cases",
        "Cases",
        "sendfolio.tui.screens.caselog",
        "CaseLogScreen",
        "the case log, timelines, observation checklists, de-briefs",
    ),
    Area(
        "3",
        "coverage",
        "Coverage",
        "sendfolio.tui.screens.coverage",
        "CoverageScreen",
        "which criteria each practice case showed",
        "Cover",
    ),
    Area(
        "4",
        "reflections",
        "Reflections",
        "sendfolio.tui.screens.reflections",
        "ReflectionsScreen",
        "reflections on practice",
        "Reflect",
    ),
    Area("5", "cpd", "CPD", "sendfolio.tui.screens.cpd", "CPDScreen", "the CPD diary"),
    Area("6", "ppc", "PPC", "sendfolio.tui.screens.ppc", "PPCScreen", "supervision with your PPC"),
    Area(
        "7",
        "profile",
        "Training",
        "sendfolio.tui.screens.profile",
        "ProfileScreen",
        "training courses and your profile",
        "Train",
    ),
    Area(
        "8",
        "compile",
        "Compile",
        "sendfolio.tui.screens.compile",
        "CompileScreen",
        "the portfolio, renewal and passport PDFs",
    ),
    Area(
        "9",
        "plan",
        "Plan",
        "sendfolio.tui.screens.plan",
        "LearningPlanScreen",
        "the learning plan: needs from de-briefs and PPC sessions, and what met them",
    ),
    Area(
        "0",
        "documents",
        "Documents",
        "sendfolio.tui.screens.attachments",
        "AttachmentsScreen",
        "attached certificates and other documents",
        "Docs",
    ),
)
"""Every area in key order."""

PRACTICE_AREAS: tuple[Area, ...] = (
    Area(
        "p",
        "practice",
        "Practice",
        "sendfolio.tui.screens.practice",
        "GovernanceScreen",
        "your practice as a sole provider (Appendix D): the governance register",
    ),
    Area(
        "",
        "feedback",
        "Feedback",
        "sendfolio.tui.screens.practice",
        "FeedbackScreen",
        "service users' feedback and the responses, due within 20 working days",
    ),
    Area(
        "",
        "development",
        "Development plan",
        "sendfolio.tui.screens.practice",
        "DevelopmentScreen",
        "the practice development plan: the service's targets (Appendix D §2)",
    ),
)
"""The sole provider's screens (Appendix D): reached with p (and from there g, f, v), not in the area bar."""

ALL_AREAS = AREAS + PRACTICE_AREAS
"""Every screen the app switches to by mode."""

AREA_BY_MODE = {area.mode: area for area in ALL_AREAS}
"""Areas by mode name."""


def screen_factory(area: Area) -> Callable[[], Screen]:
    """A function making the area's screen (its module imported when first needed)."""

    def make() -> Screen:
        """The area's screen, marked as styled by the stylesheet as it stands.

        A new screen's widgets are styled as they mount, but Textual, seeing a screen it has not
        styled yet, would re-parse every stylesheet and restyle the app twice on each area's
        first visit, input waiting; the mark spares it. A screen shown again after a
        theme change is still restyled then.

        The first screen (the Dashboard, at start) is made before Textual has styled the app itself:
        the app is styled here first, as that refresh would have, or text drawn from an unstyled
        app's colour is invisible (the Dashboard's heading was).
        """
        screen_class = getattr(importlib.import_module(area.module), area.screen)
        screen: Screen = screen_class()
        app = screen.app
        if area is not AREAS[0] and isinstance(app, ReadsScreenStyles):
            app.load_screen_styles()  # every screen but the Dashboard may use the other screens' styles
        if not app.styles.has_rule("background"):
            app.stylesheet.apply(app)
        mark_styled(screen, app)
        return screen

    return make


def preload_areas() -> None:
    """Import every area's screen module, then set the objects alive aside from the garbage collector.

    Run off the screen's thread once the Dashboard is up. Imported there, the first visit of an
    area does not wait for its imports (the case log's and the reflections' pull in the forms,
    the editor and Markdown); an area opened before this has finished imports its
    module itself, as before. The folio's records, the modules and the dashboard are then frozen
    out of the collector's full collections (see `sendfolio.tui.support.memory`).
    """
    from sendfolio.tui.support.memory import freeze_long_lived

    for area in AREAS:
        importlib.import_module(area.module)
    freeze_long_lived("started")

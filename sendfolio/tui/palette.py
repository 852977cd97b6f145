"""The command palette's sendfolio commands (ctrl+p): every area and every action.

`SendfolioCommands` lists, in the mediator's words:
- every everyday job, from any area (tui/views/jobs.py: a new case, the renewal pack, your
  profile, verification…): it goes to the job's area and starts it there;
- "Go to <area>" for each area (the same as its number key);
- every feature beyond the areas (tui/views/features.py: privacy, export, import, restore,
  encryption, the deadlines calendar, switching folios, and what other screens register);
- the app's actions (help, high contrast, quit);
- the current screen's own actions: a screen may define `palette_commands()` returning
  `PaletteCommand`s (e.g. the case log's "Add a case").

Typing finds a command by every word of its title, of its area and the mediator's words for it,
or of its help ("renewal", "booked", "form 5", "passphrase"), and by its title letter by letter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol, cast, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from sendfolio.tui.views.areas import ALL_AREAS, AREA_BY_MODE
from sendfolio.tui.views.features import FEATURES, Feature
from sendfolio.tui.views.jobs import JOBS, Job, words_match
from sendfolio.tui.views.palette_command import PaletteCommand

if TYPE_CHECKING:
    from textual.screen import Screen

    from sendfolio.tui.support.host import HostApp


@runtime_checkable
class OffersCommands(Protocol):
    """A screen with palette commands of its own (e.g. the case log's "Add a case")."""

    def palette_commands(self) -> Iterable[PaletteCommand]:
        """The screen's own commands, in the mediator's words."""
        ...


def app_commands(app: HostApp) -> list[PaletteCommand]:
    """The app-wide commands: every job, feature and area (once a folio is open), help, high contrast and quit."""
    return [*job_commands(app), *feature_commands(app), *area_commands(app), *general_commands(app)]


def job_commands(app: HostApp) -> list[PaletteCommand]:
    """Every everyday job (tui/views/jobs.py), once a folio is open: each goes to its area and starts there."""
    if app.folio is None:
        return []
    return [
        PaletteCommand(job.title, job.help, _job_runner(app, job), f"{AREA_BY_MODE[job.mode].title} {job.words}")
        for job in JOBS
    ]


def _job_runner(app: HostApp, job: Job) -> Callable[[], object]:
    """A callable that goes to the job's area and runs its action on the area's screen."""

    def run() -> None:
        """Show the area; once it is up, start the job there (unless the area could not be shown)."""
        app.action_area(job.mode)
        if job.action:
            app.call_after_refresh(_start, app, job)

    return run


async def _start(app: HostApp, job: Job) -> None:
    """Run the job's action on its area's screen, if that is where the app now is."""
    if app.current_mode == job.mode and len(app.screen_stack) == 1:
        await app.screen.run_action(job.action)


def feature_commands(app: HostApp) -> list[PaletteCommand]:
    """Every feature beyond the areas (tui/views/features.py): privacy, export, import, switching folios…"""
    return [
        PaletteCommand(feature.title, feature.help, _feature_runner(app, feature), feature.words)
        for feature in FEATURES
        if app.folio is not None or not feature.needs_folio
    ]


def area_commands(app: HostApp) -> list[PaletteCommand]:
    """ "Go to <area>" for each area, once a folio is open."""
    return [
        PaletteCommand(
            f"Go to {area.title}{f' ({area.key})' if area.key else ''}",
            area.about[:1].upper() + area.about[1:],
            _area_runner(app, area.mode),
            area.title,
        )
        for area in ALL_AREAS
        if app.folio is not None
    ]


def general_commands(app: HostApp) -> list[PaletteCommand]:
    """Help, high contrast and quit."""
    return [
        PaletteCommand("Help: keys of this screen (? or F1)", "What each key does here", app.action_help),
        PaletteCommand(
            "Toggle high contrast (F2)",
            "Switch between the normal and the high-contrast theme",
            app.action_toggle_contrast,
        ),
        PaletteCommand("Quit (ctrl+q)", "Close sendfolio (asks first if anything is unsaved)", app.action_quit),
    ]


def _feature_runner(app: HostApp, feature: Feature) -> Callable[[], object]:
    """A callable that opens one feature."""
    return lambda: feature.run(app)


def _area_runner(app: HostApp, mode: str) -> Callable[[], object]:
    """A callable that switches the app to one area."""
    return lambda: app.action_area(mode)


def screen_commands(screen: Screen[object]) -> list[PaletteCommand]:
    """The current screen's own commands: its `palette_commands()`, or else one per key it shows in help."""
    if isinstance(screen, OffersCommands):
        return list(screen.palette_commands())
    from textual.screen import Screen

    from sendfolio.tui.dialogs.help import class_bindings, key_name, screen_title

    title = screen_title(screen)
    return [
        PaletteCommand(
            f"{title}: {binding.description} ({key_name(screen.app, binding)})",
            binding.tooltip or binding.description,
            _action_runner(screen, binding.action),
        )
        for binding in class_bindings(screen, Screen)
        if screen.check_action(binding.action.split("(")[0], ()) is not False
    ]


def _action_runner(screen: Screen[object], action: str) -> Callable[[], object]:
    """A callable that runs one of the screen's actions."""
    return lambda: screen.run_action(action)


class SendfolioCommands(Provider):
    """Areas, app actions and the current screen's actions, for the command palette."""

    def commands(self) -> Iterable[PaletteCommand]:
        """Everything offered right now: the features and areas first, then this screen's own actions."""
        app = cast("HostApp", self.app)  # the provider is the sendfolio app's (SendfolioApp.COMMANDS)
        if app.folio is None:
            return app_commands(app)
        return [
            *job_commands(app),
            *feature_commands(app),
            *area_commands(app),
            *screen_commands(self.screen),
            *general_commands(app),
        ]

    async def discover(self) -> Hits:
        """Show every command before anything is typed."""
        for command in self.commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        """The commands matching what was typed: by title, the area and the mediator's words, or the help."""
        matcher = self.matcher(query)
        for command in self.commands():
            score = search_score(query, command, matcher.match(command.title))
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)


def search_score(query: str, command: PaletteCommand, fuzzy: float) -> float:
    """How well `command` answers `query`: every word in its title first, then in its own words, then in its help.

    A command none of whose texts hold every word typed may still match its title letter by letter
    (`fuzzy`, Textual's matcher), below any word match.
    """
    if words_match(query, command.title):
        return 3.0
    if words_match(query, command.title, command.words):
        return 2.9
    if words_match(query, command.title, command.words, command.help):
        return 2.7
    return fuzzy / (1 + fuzzy)  # Textual's score has no ceiling: kept below 1, under every word match

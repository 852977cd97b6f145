"""The base of every screen drawn from the open folio: redrawn when the folio or the year changes.

API: subclass `FolioScreen` and implement `refresh_view()`. The screen subscribes to the
app's `folio_changed_signal` (published on each `FolioChanged`) and watches the app's
reactive `year` (the registration year on show, shared by every area). A change redraws
the screen at once if it is showing, or when it is next shown -- so hidden screens cost
nothing. `year` reads and sets the app's year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, getters, on
from textual.binding import Binding, BindingType

from sendfolio.tui.support.loop import let_keys_in
from sendfolio.tui.support.textual_internals import ResumeHookScreen

if TYPE_CHECKING:
    from sendfolio.tui.support.host import HostApp
    from sendfolio.tui.support.messages import FolioChanged

QUIT_BINDING = Binding("q", "app.quit", "Quit", show=False, tooltip="Quit sendfolio (ctrl+q too)")
"""`q` quits from a list screen (typing q in a field types it); the app asks first if anything is unsaved."""


class FolioScreen(ResumeHookScreen):
    """A screen showing the open folio, kept in step with it."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", show=False, tooltip="Close sendfolio (asks first if anything is unsaved)")
    ]
    """q quits from the list screens, as ctrl+q does everywhere."""

    _stale = True
    """True when the folio or year changed while the screen was hidden (and before it is first shown)."""

    _drawn = -1
    """The app's folio revision when the screen was last drawn."""

    _styled_since_shown = True
    """True until the screen is first hidden: its widgets were styled as they mounted."""

    def refresh_view(self) -> None:
        """Redraw everything from the folio."""

    @property
    def year(self) -> int:
        """The registration year on show (the app's, shared by every area)."""
        return self.app.year

    @year.setter
    def year(self, value: int) -> None:
        """Show another registration year in every area."""
        self.app.year = value

    @on(events.Mount)
    def _follow_the_folio(self) -> None:
        """Subscribe to folio changes and watch the year."""
        app = self.app
        app.folio_changed_signal.subscribe(self, self._folio_changed)
        self.watch(app, "year", self._changed, init=False)

    def _folio_changed(self, message: FolioChanged) -> None:
        """The folio changed: redraw, unless the screen was drawn after this change."""
        if message.revision > self._drawn:
            self._changed()

    def _changed(self, _: object = None) -> None:
        """Redraw now if showing, else when next shown."""
        if self.is_current:
            self._stale = False
            self._drawn = self.app.revision
            self.refresh_view()
            self.refresh_bindings()
        else:
            self._stale = True

    @on(events.ScreenResume)
    def _catch_up(self) -> None:
        """Redraw if something changed while hidden."""
        if self._stale:
            self._changed()

    def restyle_on_resume(self) -> bool:
        """Restyle on resume only a screen hidden since it was shown.

        Textual restyles the whole screen on every resume, twice on an area's first visit,
        though its widgets were styled as they mounted; that is kept for a screen shown again
        (something may have changed while it was hidden).
        """
        return not self._styled_since_shown

    async def resumed(self) -> None:
        """Give the keys a turn before the paint.

        The resume (the first rows of a long table included) and the screen's first paint then
        run in two turns of the event loop, not one, so a key pressed meanwhile waits for
        either, not both.
        """
        await let_keys_in()

    @on(events.ScreenSuspend)
    def _hidden(self) -> None:
        """From now on a resume restyles the screen, as Textual does."""
        self._styled_since_shown = False

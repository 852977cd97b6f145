"""What the screens, dialogs and widgets ask of the app, typed without importing it.

`FolioHost` lists the app's own attributes they use (the open folio, today's date, the year on
show, switching areas and folios). `SendfolioApp` satisfies it (checked by mypy in `tui/app.py`);
a screen types `self.app` with `app = getters.app(HostApp)` inside `if TYPE_CHECKING:`, so nothing
below the app imports it and the package has no import cycle through the app.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from textual.app import App
    from textual.signal import Signal

    from sendfolio.store import Folio
    from sendfolio.store.figures import DigestInBackground
    from sendfolio.tui.support.messages import FolioChanged


@runtime_checkable
class HoldsUnsavedWork(Protocol):
    """A screen or dialog that may hold typed work not yet saved (the app asks before quitting)."""

    def has_unsaved_changes(self) -> bool:
        """True while something typed here is not saved."""
        ...


@runtime_checkable
class ShowsErrors(Protocol):
    """A screen that shows an error in place (the first screen, while no folio is open)."""

    def show_error(self, message: str) -> None:
        """Show `message` on the screen."""
        ...


@runtime_checkable
class ReadsScreenStyles(Protocol):
    """An app that reads the other screens' style files itself, once (`SendfolioApp.load_screen_styles`)."""

    def load_screen_styles(self) -> None:
        """Read the other screens' style files, once."""
        ...


@runtime_checkable
class NamedOnScreen(Protocol):
    """A dialog or form with a title of its own (a record's form, a question, the file picker)."""

    title_text: str
    """Its title as shown."""


class FolioHost(Protocol):
    """The app's attributes beyond Textual's that screens, dialogs and widgets use."""

    data_dir: Path
    """The folder of the open folio."""
    today: date
    """Today's date (given in tests)."""
    folio: Folio | None
    """The open folio, None until one is open."""
    year: int
    """The registration year on show in every area."""
    is_demo: bool
    """True while the demo folio is open."""
    revision: int
    """How many times the folio has changed since the app started."""
    folio_changed_signal: Signal[FolioChanged]
    """Published on every change of the folio."""
    start_digest: DigestInBackground | None
    """The digest of the folio file the app started on, worked out while it starts (None once the
    Dashboard has used it): its kept figures are painted with the first frame (`store/figures.py`)."""

    @property
    def current_folio(self) -> Folio:
        """The open folio (raises `AttributeError` before one is open)."""
        ...

    def folio_saved(self) -> None:
        """Tell the screens the folio saved a change."""
        ...

    def folio_failed(self, message: str) -> None:
        """Show why a folio could not be opened."""
        ...

    def load_screen_styles(self) -> None:
        """Read the other screens' style files, once."""
        ...

    def notify_once(self, message: str, **options: Any) -> None:
        """A notice shown once per cause: the same words again, while this folio is open, are not shown."""
        ...

    def unsaved_screens(self) -> list[Any]:
        """The open screens holding unsaved work."""
        ...

    def switch_folio(self, data_dir: Path, *, demo: bool = False) -> None:
        """Open another folio in place of this one."""
        ...

    def use_folio(self, folio: Folio, *, demo: bool = False) -> Awaitable[None]:
        """Use an open folio in place of this one."""
        ...

    def action_area(self, mode: str) -> None:
        """Switch to an area."""
        ...

    def action_help(self) -> None:
        """Show the keys of the screen on show."""
        ...

    def action_toggle_contrast(self) -> None:
        """Switch between the normal and the high-contrast theme."""
        ...


if TYPE_CHECKING:

    class HostApp(App[int], FolioHost):
        """The app as screens, dialogs and widgets see it: a Textual app that is a `FolioHost` (types only)."""

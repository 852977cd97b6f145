"""The snapshot tests' shared parts: the demo folio at a path that reads the same on every machine, the app on it,
and the steps that bring a screen up and hold it still.

The folio is made in the test's own folder, entered as the working folder, and named by the relative path
`folio`: the screens that show where the folio or its exports are read `folio/exports/...`, never the temporary
folder's name. Today is the tests' fixed date (`tests/helpers/dates.FIXED_TODAY`, the `today` fixture); the
backups' times are set to a fixed moment before a screen that lists them is shown.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.helpers.tui import settle

SNAPSHOT_DIR = Path("folio")
"""The folio's path as the screens show it."""

SMALL, LARGE = (80, 24), (120, 40)
"""The smallest terminal the app must be whole in, and a roomy one."""

BACKUP_TIME = datetime(2026, 11, 28, 17, 30).timestamp()
"""When every backup is said to have been saved."""

Step = str | Callable[[Any], Any]
"""A step before the picture: keys to press (separated by spaces) or a function of the app (may be async)."""


def demo_folio_here(tmp_path: Path, monkeypatch: Any, today: Any) -> Iterator[Any]:
    """The demo folio in `tmp_path/folio`, opened as `folio` from `tmp_path`; closed after the test."""
    from sendfolio.samples.demo import write_demo
    from sendfolio.store import Folio

    monkeypatch.chdir(tmp_path)
    folio = Folio.open(SNAPSHOT_DIR)
    write_demo(folio, today)
    yield folio
    if not folio.closed:
        folio.close()


def app_on(folio: Any, today: Any, *, contrast: bool = False) -> Any:
    """The real app on an open folio (in the high-contrast theme if asked)."""
    from sendfolio.tui.app import SendfolioApp
    from sendfolio.tui.support.theme import HIGH_CONTRAST

    app = SendfolioApp(Path(folio.data_dir) if folio is not None else SNAPSHOT_DIR, today=today, folio=folio)
    if contrast:
        app.theme = HIGH_CONTRAST.name
    return app


def fixed_backup_times(app: Any) -> None:
    """Date every backup of the open folio at `BACKUP_TIME`, so that a list of them reads the same each run."""
    for path in Path(app.current_folio.data_dir).glob("folio.json.*"):
        os.utime(path, (BACKUP_TIME, BACKUP_TIME))


def hold_still(app: Any) -> None:
    """Stop every cursor on the screen blinking: the picture must not depend on the instant it is taken."""
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]


def showing(*steps: Step) -> Callable[[Any], Any]:
    """A `run_before` for `snap_compare`: wait for the app, take each step in turn (settling after each), hold still."""

    async def run_before(pilot: Any) -> None:
        """Bring the screen up."""
        await settle(pilot)
        for step in steps:
            if callable(step):
                result = step(pilot.app)
                if inspect.isawaitable(result):
                    await result
            else:
                for key in step.split():
                    await pilot.press(key)
                    await settle(pilot)
            await settle(pilot)
        pilot.app.clear_notifications()
        hold_still(pilot.app)
        await pilot.pause()

    return run_before

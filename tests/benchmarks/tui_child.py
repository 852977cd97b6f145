"""Child program of the benchmarks: start a Textual app headless, exit after its first paint.

Usage::

    python tui_child.py bare                 # a bare Textual app painting one Static
    python tui_child.py sendfolio DATA_DIR   # SendfolioApp, until the dashboard's figures are painted
    python tui_child.py tour DATA_DIR        # SendfolioApp, then every area in turn (for peak memory)

The runner times the whole process (interpreter start included) and reads its peak RSS
with `os.wait4`. On exit the child prints one JSON line: how many times `folio.json` was
opened after the folio finished loading (seen by a Python audit hook; it must be 0,
since every query and list reads memory).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

TODAY = date(2025, 6, 1)
"""The 'today' the app is started with (the generated archives end the year before)."""

SIZE = (120, 40)
"""The headless terminal size."""

AREA_SECONDS: dict[str, float] = {}
"""Tour mode: seconds from pressing an area's key until its screen has settled."""

OPENS: dict[str, list[str]] = {"before": [], "after": []}
"""Opens of folio.json, before and after the folio was loaded."""

PHASE = ["before"]
"""The current phase ("before" until the folio is loaded, then "after")."""


def audit(event: str, args: tuple) -> None:
    """Record every open of the folio file, by phase."""
    if event == "open" and isinstance(args[0], (str, Path)) and str(args[0]).endswith("folio.json"):
        OPENS[PHASE[0]].append(str(args[0]))


def run_bare() -> None:
    """A bare Textual app: one Static, exit right after the first paint."""
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        """One Static, then exit after the first refresh."""

        def compose(self):
            """The one widget."""
            yield Static("Dashboard")

        def on_mount(self) -> None:
            """Exit once the screen has been painted."""
            self.call_after_refresh(self.exit)

    Bare().run(headless=True, size=SIZE)


def loaded_app_class():
    """SendfolioApp, noting when the folio is loaded (the app's own code is not changed)."""
    from sendfolio.tui.app import SendfolioApp

    class Measured(SendfolioApp):
        """SendfolioApp that marks the moment its folio is ready."""

        def folio_ready(self, folio) -> None:
            """From here on, any open of folio.json is a read after load."""
            PHASE[0] = "after"
            super().folio_ready(folio)

    return Measured


def run_sendfolio(data_dir: Path) -> None:
    """SendfolioApp headless: exit right after the dashboard has painted its figures."""
    from sendfolio.tui.dashboard import DashboardScreen

    show = DashboardScreen.show

    def show_then_exit(screen, view) -> None:
        """Fill the dashboard, then exit after the next paint."""
        show(screen, view)
        screen.app.call_after_refresh(screen.app.exit)

    DashboardScreen.show = show_then_exit
    loaded_app_class()(data_dir, today=TODAY).run(headless=True, size=SIZE)


async def tour(data_dir: Path) -> None:
    """Open the app, wait for the dashboard, visit every area (1–8), then quit."""
    import time

    from sendfolio.tui.areas import AREAS

    app = loaded_app_class()(data_dir, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for area in (*AREAS[1:], AREAS[0]):
            started = time.perf_counter()
            await pilot.press(area.key)
            await settle(pilot)
            AREA_SECONDS[area.mode] = round(time.perf_counter() - started, 3)


async def settle(pilot) -> None:
    """Wait for workers and pending messages (twice: a worker may start another)."""
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def main() -> None:
    """Run the requested mode and print the folio.json opens as JSON."""
    mode = sys.argv[1]
    sys.addaudithook(audit)
    if mode == "bare":
        run_bare()
    elif mode == "sendfolio":
        run_sendfolio(Path(sys.argv[2]))
    elif mode == "tour":
        import asyncio

        asyncio.run(tour(Path(sys.argv[2])))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(
        json.dumps(
            {
                "opens_before_load": len(OPENS["before"]),
                "opens_after_load": len(OPENS["after"]),
                "area_seconds": AREA_SECONDS,
            }
        )
    )


if __name__ == "__main__":
    main()

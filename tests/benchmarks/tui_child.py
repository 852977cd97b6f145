"""Child program of the benchmarks: start a Textual app headless, exit after its first paint.

Usage::

    python tui_child.py bare                 # a bare Textual app painting one Static
    python tui_child.py frame DATA_DIR       # SendfolioApp, until the dashboard's frame is painted
    python tui_child.py sendfolio DATA_DIR   # SendfolioApp, until the dashboard's figures are painted
    python tui_child.py tour DATA_DIR        # SendfolioApp, then every area in turn (peak memory, blocking)
    python tui_child.py warm DATA_DIR [DATE] # SendfolioApp until its figures are worked out and kept, then quit
    python tui_child.py bare-stay            # the bare app in a real terminal, until killed (the tmux measure)

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

AREA_BLOCKED: dict[str, float] = {}
"""Tour mode: the longest time (seconds) the app's event loop could not answer input, per area visit."""

AREA_BLOCKED_CPU: dict[str, float] = {}
"""Tour mode: the same longest wait counted in the screen thread's CPU time (`time.thread_time`).

A loaded machine stretches wall time (the process waits for a core); the CPU the event loop's
thread spent between two turns is what the app itself did meanwhile."""

TICK = 0.005
"""How often the tour's watcher asks the event loop for a turn (seconds)."""

OPENS: dict[str, list[str]] = {"before": [], "after": []}
"""Opens of folio.json, before and after the folio was loaded."""

PAINTED: list[float] = []
"""`time.monotonic()` when the measured paint happened (the runner subtracts its spawn time)."""

PHASE = ["before"]
"""The current phase ("before" until the folio is loaded, then "after")."""


def audit(event: str, args: tuple) -> None:
    """Record every open of the folio file, by phase."""
    if event == "open" and isinstance(args[0], (str, Path)) and str(args[0]).endswith("folio.json"):
        OPENS[PHASE[0]].append(str(args[0]))


def run_bare_staying() -> None:
    """The bare app in the terminal it is started in, painting one line, until it is ended."""
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        """One Static."""

        def compose(self):
            """The one widget."""
            yield Static("Dashboard: 0 of 0 met")

    Bare().run()


async def warm(data_dir: Path, today: date) -> None:
    """Open the app once and let it settle, so the folio is sealed and its figures kept (as after any use)."""
    from sendfolio.tui.app import SendfolioApp

    app = SendfolioApp(data_dir, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)


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
            self.call_after_refresh(painted_then_exit, self)

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


def painted_then_exit(app) -> None:
    """Note the moment of the paint, report, and end the process at once.

    Ending at once (not `app.exit()`) keeps a worker still running from holding the exit up:
    the runner measures up to the paint, not the shutdown.
    """
    import os
    import time

    PAINTED.append(time.monotonic())
    report()
    sys.stdout.flush()
    os._exit(0)


def run_frame(data_dir: Path) -> None:
    """SendfolioApp headless: exit right after the dashboard's first paint (its frame; figures may follow)."""
    from sendfolio.tui.screens.dashboard import DashboardScreen

    mount = DashboardScreen.on_mount

    def mount_then_exit(screen) -> None:
        """Mount the dashboard, then exit after its first paint."""
        mount(screen)
        screen.app.call_after_refresh(painted_then_exit, screen.app)

    DashboardScreen.on_mount = mount_then_exit
    loaded_app_class()(data_dir, today=TODAY).run(headless=True, size=SIZE)


def run_sendfolio(data_dir: Path) -> None:
    """SendfolioApp headless: exit right after the dashboard has painted its figures."""
    from sendfolio.tui.screens.dashboard import DashboardScreen

    show = DashboardScreen.show

    def show_then_exit(screen, view) -> None:
        """Fill the dashboard, then exit after the next paint."""
        show(screen, view)
        screen.app.call_after_refresh(painted_then_exit, screen.app)

    DashboardScreen.show = show_then_exit
    loaded_app_class()(data_dir, today=TODAY).run(headless=True, size=SIZE)


async def tour(data_dir: Path) -> None:
    """Open the app, wait for the dashboard, visit every area (1–8), then quit.

    A watcher task asks the event loop for a turn every `TICK` seconds; the longest wait
    beyond `TICK` while an area is shown and settles is how long input could not be answered.
    """
    import asyncio
    import time

    from sendfolio.tui.views.areas import AREAS

    longest = [0.0, 0.0]

    async def watch() -> None:
        """Note the longest gap between the loop's turns, in wall time and in this thread's CPU time."""
        while True:
            before, cpu = time.perf_counter(), time.thread_time()
            await asyncio.sleep(TICK)
            longest[0] = max(longest[0], time.perf_counter() - before - TICK)
            longest[1] = max(longest[1], time.thread_time() - cpu)

    app = loaded_app_class()(data_dir, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        watcher = asyncio.create_task(watch())
        for area in (*AREAS[1:], AREAS[0]):
            await asyncio.sleep(0.05)
            longest[0] = longest[1] = 0.0
            started = time.perf_counter()
            await pilot.press(area.key)
            await settle(pilot)
            AREA_SECONDS[area.mode] = round(time.perf_counter() - started, 3)
            await asyncio.sleep(0.3)  # work the screen does after its workers (batches, refreshes)
            AREA_BLOCKED[area.mode] = round(longest[0], 3)
            AREA_BLOCKED_CPU[area.mode] = round(longest[1], 3)
        watcher.cancel()


async def settle(pilot) -> None:
    """Wait for workers and pending messages (twice: a worker may start another)."""
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def main() -> None:
    """Run the requested mode and print the folio.json opens as JSON."""
    mode = sys.argv[1]
    sys.addaudithook(audit)
    if mode in ("frame", "sendfolio"):  # as `sendfolio` starts the app (`sendfolio.launch`)
        try:
            from sendfolio.tui.support.memory import paused_until_first_paint
        except ImportError:  # an older tree (`--before`) started without it
            pass
        else:
            paused_until_first_paint()
    if mode == "bare":
        run_bare()
    elif mode == "frame":
        run_frame(Path(sys.argv[2]))
    elif mode == "sendfolio":
        run_sendfolio(Path(sys.argv[2]))
    elif mode == "bare-stay":
        run_bare_staying()
    elif mode == "warm":
        import asyncio

        when = date.fromisoformat(sys.argv[3]) if len(sys.argv) > 3 else TODAY
        asyncio.run(warm(Path(sys.argv[2]), when))
    elif mode == "tour":
        import asyncio

        asyncio.run(tour(Path(sys.argv[2])))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    report()


def report() -> None:
    """Print the folio.json opens, the tour's figures and the paint time as one JSON line."""
    print(
        json.dumps(
            {
                "opens_before_load": len(OPENS["before"]),
                "opens_after_load": len(OPENS["after"]),
                "area_seconds": AREA_SECONDS,
                "area_blocked": AREA_BLOCKED,
                "area_blocked_cpu": AREA_BLOCKED_CPU,
                "painted": PAINTED[0] if PAINTED else None,
            }
        )
    )


if __name__ == "__main__":
    main()

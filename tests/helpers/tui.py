"""Driving the real app in the TUI tests: the app on a folio, keys typed, the folio read back from disk."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from textual.app import App
from textual.worker import Worker

from sendfolio.domain.records import Case
from sendfolio.tui.support.base_app import NoticesApp

SIZE = (100, 32)
"""The terminal size of the Pilot tests."""


def saved(folio):
    """Close the app's folio and open the file again: what is really on disk."""
    from sendfolio.store import Folio

    folio.close()
    return Folio.open(folio.data_dir)


def sample_case(ref: str, when: str, **changes) -> Case:
    """A valid case for tests."""
    values = {
        "ref": ref,
        "kind": "mediation",
        "role": "lead",
        "date": when,
        "prep_hours": "1",
        "meeting_hours": "3",
        "followup_hours": "0.5",
        "outcome": "agreement",
    }
    return Case.from_dict({**values, **changes})


def reopen(folio_dir: Path):
    """The folio as saved on disk (opened afresh, after the app has closed it)."""
    from sendfolio.store import Folio

    return Folio.open(folio_dir, create=False)


def _awaiting_answer(task: asyncio.Task) -> Worker | None:
    """The worker running in `task` when it waits for a screen's answer (`push_screen_wait`), else None.

    Read from the chain of coroutines the task is suspended in (`cr_await`): the worker's own
    `_run` at its root, and somewhere along it `App.push_screen_wait` waiting on the screen's
    future (not on a coroutine: that is the moment before the screen is pushed).
    """
    root = task.get_coro()
    if getattr(root, "cr_code", None) is not Worker._run.__code__:
        return None
    link = root
    while inspect.iscoroutine(link):
        waiting_on = link.cr_await
        if link.cr_code is App.push_screen_wait.__code__ and not inspect.iscoroutine(waiting_on):
            return root.cr_frame.f_locals.get("self")
        link = waiting_on
    return None


IDLE_GROUPS = ("_loader",)
"""Workers that wait for work for ever by design: a `DirectoryTree`'s loading queue (the file picker)."""


def _busy(app) -> list[Worker]:
    """The app's workers still running, but for those waiting for a screen's answer or for work (`IDLE_GROUPS`)."""
    asking = {id(worker) for task in asyncio.all_tasks() if (worker := _awaiting_answer(task)) is not None}
    return [
        worker
        for worker in app.workers
        if not worker.is_finished and id(worker) not in asking and worker.group not in IDLE_GROUPS
    ]


async def settle(pilot) -> None:
    """Wait until the app is still: every worker done or waiting for a dialog's answer, no message pending.

    A worker that asks with `push_screen_wait` stays running while its dialog is open; the test
    answers the dialog next, so waiting for that worker to finish would wait for ever. The check is
    made twice around a pause, as a worker may start another, or resume once its dialog answered.
    Keys typed ahead and still held for the key before them (`holding_keys`) are waited for too:
    Pilot's own idle check compares CPU with wall time, and a process starved of CPU looks idle.
    """
    app = pilot.app
    holding = app.holding_keys if isinstance(app, NoticesApp) else lambda: False  # a test's own small app holds none
    for _ in range(2):
        while _busy(app) or holding():
            await asyncio.sleep(0.005)
        await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type text into the focused widget, key by key."""
    await pilot.press(*[{" ": "space"}.get(char, char) for char in text])


async def enter(pilot, text: str) -> None:
    """Put text into the focused field at its cursor in one edit, as a paste would.

    For tests about what a form or a search does with the text, not about typing it: the field
    changes once (one `Changed` message) instead of once per key. Any other focused widget gets
    the keys one by one (`type_text`).
    """
    from textual.widgets import Input, TextArea

    await pilot.pause()  # a focus() just called lands first, as it would before a key
    widget = pilot.app.focused
    if isinstance(widget, Input):
        widget.replace(text, *widget.selection)  # a selection (all, on focus) is replaced, as by a key
    elif isinstance(widget, TextArea) and not widget.read_only:
        widget.replace(text, *widget.selection, maintain_selection_offset=False)
    else:
        await type_text(pilot, text)
        return
    await pilot.pause()


async def choose(pilot, option: str) -> None:
    """Pick an option of the focused Select: open it, type to search, Enter."""
    await pilot.press("enter")
    await type_text(pilot, option)
    await pilot.press("enter")


async def fill_form(pilot, steps: Iterable[tuple[str, str]]) -> None:
    """Fill the focused form field by field: ("type", text), ("choose", option), ("tab", "") or ("key", name)."""
    for how, value in steps:
        if how == "type":
            await enter(pilot, value)
        elif how == "choose":
            await choose(pilot, value)
        elif how == "key":
            await pilot.press(value)
        await pilot.press("tab")
        await pilot.pause()


def make_app(folio_dir: Path, today: date, folio=None):
    """The real app on the folio in `folio_dir`."""
    from sendfolio.tui.app import SendfolioApp

    return SendfolioApp(folio_dir, today=today, folio=folio)


def cells_by_heading(table, row_key=None, *, row: int | None = None) -> dict[str, str]:
    """One row of a DataTable as {column heading: cell text}: tests read a cell by its column, whatever the order."""
    cells = table.get_row(row_key) if row_key is not None else table.get_row_at(row or 0)
    return {str(column.label): str(cell) for column, cell in zip(table.ordered_columns, cells, strict=True)}

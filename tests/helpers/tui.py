"""Driving the real app in the TUI tests: the app on a folio, keys typed, the folio read back from disk."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sendfolio.domain.records import Case

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


async def settle(pilot) -> None:
    """Wait for workers and pending messages."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type text into the focused widget, key by key."""
    await pilot.press(*[{" ": "space"}.get(char, char) for char in text])


async def choose(pilot, option: str) -> None:
    """Pick an option of the focused Select: open it, type to search, Enter."""
    await pilot.press("enter")
    await type_text(pilot, option)
    await pilot.press("enter")


async def fill_form(pilot, steps: Iterable[tuple[str, str]]) -> None:
    """Fill the focused form field by field: ("type", text), ("choose", option), ("tab", "") or ("key", name)."""
    for how, value in steps:
        if how == "type":
            await type_text(pilot, value)
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

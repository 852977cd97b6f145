"""Fixtures and key-driving helpers for the TUI tests: the real app on a real folio in tmp_path."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from sendfolio.domain.records import Case, Profile

SIZE = (100, 32)
"""The terminal size of the Pilot tests."""


@pytest.fixture
def started_dir(folio_dir: Path) -> Path:
    """A folio with a profile and one case, so the app opens straight on the dashboard."""
    from sendfolio.store import Folio

    with Folio.open(folio_dir) as folio:
        folio.put(Profile.from_dict({"name": "Alex Example", "membership_body": "COM", "route": "new"}))
        folio.put(sample_case("SM-T-001", "2026-10-01"))
    return folio_dir


@pytest.fixture
def folio(folio_dir: Path):
    """A real folio with a profile (registration year from 1 April), closed after the test."""
    from sendfolio.store import Folio

    opened = Folio.open(folio_dir)
    opened.put(Profile.from_dict({"name": "Test Mediator", "registration_anniversary": "2024-04-01"}))
    yield opened
    if not opened.closed:
        opened.close()


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

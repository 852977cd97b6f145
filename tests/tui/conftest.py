"""Fixtures of the TUI tests: a real folio in tmp_path (the key-driving helpers are in tests/helpers/tui.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendfolio.domain.records import Profile
from tests.helpers.tui import sample_case


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

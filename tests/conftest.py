"""Shared fixtures: a real folio in a temporary folder, and a fixed 'today'."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.dates import FIXED_TODAY


@pytest.fixture
def today() -> date:
    """A fixed date for tests."""
    return FIXED_TODAY


@pytest.fixture
def folio_dir(tmp_path):
    """An empty folder for a folio."""
    path = tmp_path / "folio"
    path.mkdir()
    return path


@pytest.fixture
def demo_folio(folio_dir, today):
    """A real folio on disk filled with the demo records; closed after the test."""
    from sendfolio.samples.demo import write_demo
    from sendfolio.store import Folio

    folio = Folio.open(folio_dir)
    write_demo(folio, today)
    yield folio
    folio.close()

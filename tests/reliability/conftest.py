"""Fixtures of the fault-injection suite: loop counts, small by default and large under `-m slow`."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def loops(request) -> int:
    """How many kills per test: a few hundred under `-m slow`, otherwise about a dozen."""
    return 300 if request.node.get_closest_marker("slow") else 12


@pytest.fixture
def started(folio_dir: Path) -> Path:
    """A folio with a profile, so the app opens on the dashboard (the tests of the app on a pty)."""
    from sendfolio.domain.records import Profile
    from sendfolio.store import Folio

    with Folio.open(folio_dir) as folio:
        folio.put(Profile.from_dict({"name": "Alex Example", "membership_body": "COM"}))
    return folio_dir

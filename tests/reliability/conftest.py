"""Fixtures of the fault-injection suite: loop counts, small by default and large under `-m slow`."""

from __future__ import annotations

import pytest


@pytest.fixture
def loops(request) -> int:
    """How many kills per test: a few hundred under `-m slow`, otherwise about a dozen."""
    return 300 if request.node.get_closest_marker("slow") else 12

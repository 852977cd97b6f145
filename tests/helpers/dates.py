"""The fixed 'today' of the tests that need one (the demo, snapshots, observer forms)."""

from __future__ import annotations

from datetime import date

FIXED_TODAY = date(2026, 11, 29)
"""The 'today' used by tests that need a fixed date (the demo, snapshots)."""

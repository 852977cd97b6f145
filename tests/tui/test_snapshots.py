"""Snapshots of the dashboard, the case log and the coverage matrix on the demo folio (fixed size, fixed today)."""

from __future__ import annotations

from tests.helpers.tui import make_app, settle

SNAPSHOT_SIZE = (100, 32)
"""The terminal size of the snapshots."""


def demo_app(demo_folio, folio_dir, today):
    """The app on the demo folio."""
    return make_app(folio_dir, today, folio=demo_folio)


def test_dashboard_snapshot(snap_compare, demo_folio, folio_dir, today):
    """Dashboard snapshot."""
    assert snap_compare(demo_app(demo_folio, folio_dir, today), terminal_size=SNAPSHOT_SIZE, run_before=settle)


def test_case_log_snapshot(snap_compare, demo_folio, folio_dir, today):
    """Case log snapshot."""

    async def to_cases(pilot):
        """Go to the case log and wait for it."""
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(demo_app(demo_folio, folio_dir, today), terminal_size=SNAPSHOT_SIZE, run_before=to_cases)


def test_coverage_snapshot(snap_compare, demo_folio, folio_dir, today):
    """Coverage snapshot."""

    async def to_coverage(pilot):
        """Go to the coverage matrix and wait for it."""
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(demo_app(demo_folio, folio_dir, today), terminal_size=SNAPSHOT_SIZE, run_before=to_coverage)


def test_case_log_snapshot_at_80_by_24(snap_compare, demo_folio, folio_dir, today):
    """Case log snapshot at 80 by 24."""

    async def to_cases(pilot):
        """Go to the case log and wait for it."""
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(demo_app(demo_folio, folio_dir, today), terminal_size=(80, 24), run_before=to_cases)

"""The dashboard's parts: days left, the renewal date, past breaches, criteria in words, recent entries, paging."""

from __future__ import annotations

from datetime import timedelta

from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from sendfolio import rules
from sendfolio.domain import timescales
from sendfolio.domain.records import Case, CPDEntry
from sendfolio.domain.wording import days_until, short_date
from sendfolio.tui.screens.dashboard import DashboardScreen
from tests.helpers.tui import SIZE, make_app, settle

LATE_CERTIFICATE = {
    "ref": "SM-LATE-1",
    "kind": "mediation",
    "role": "lead",
    "date": "2026-06-05",
    "status": "not-held",
    "decision_notice": "2026-06-01",
    "adviser_contacted": "2026-06-03",
    "mediation_declined": "2026-06-03",
    "certificate_issued": "2026-07-30",
}
"""A case whose mediation certificate came weeks after the parent declined mediation: a missed timescale."""


def text_of(screen, selector: str) -> str:
    """What a Static shows, as plain text."""
    return str(screen.query_one(selector, Static).render())


async def test_dashboard_shows_days_left_renewal_date_breaches_and_criteria_in_words(demo_folio, folio_dir, today):
    """Deadlines count their days, renewal has a date, a missed timescale is listed, criteria are words."""
    demo_folio.put(Case.from_dict(LATE_CERTIFICATE))
    data = demo_folio.data()
    missed = [item for item in timescales.all_deadlines(data.cases, today) if item.status == "missed"]
    assert missed, "the late certificate is a missed timescale"
    due = [item for item in timescales.all_deadlines(data.cases, today) if item.status in ("due", "overdue")]
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        deadlines = screen.query_one("#deadlines", DataTable)
        assert [str(cell) for cell in deadlines.get_row_at(0)[2:4]] == [
            short_date(due[0].due),
            days_until(due[0].due, today),
        ]
        year = rules.current_registration_year(data.profile, today)
        renews = rules.registration_year(data.profile, year)[1] + timedelta(days=1)
        assert text_of(screen, "#renewal-date").startswith(
            f"Registration renews on {short_date(renews)}, in {(renews - today).days} days"
        )
        breaches = text_of(screen, "#breaches")
        assert f"SM-LATE-1: {missed[0].event}: due {short_date(missed[0].due)}" in breaches
        table = screen.query_one("#requirements", DataTable)
        ids = [key.value for key in table.rows]
        table.move_cursor(row=ids.index("practice.criteria-coverage"))
        await pilot.pause()
        detail = text_of(screen, "#requirement-detail")
        coverage = rules.accreditation(data, today).requirement("practice.criteria-coverage")
        if not coverage.met:
            assert "Form " in detail and "f1." not in detail and "f2." not in detail


async def test_recent_entries_are_in_the_order_they_were_entered(demo_folio, folio_dir, today):
    """The entry saved last comes first, even when another entry is dated later."""
    demo_folio.put(Case.from_dict({**LATE_CERTIFICATE, "ref": "SM-FUTURE-1", "date": "2027-02-01"}))
    old = {"date": "2025-05-01", "hours": "2", "method": "reading", "title": "Reading on SEND tribunals"}
    demo_folio.put(CPDEntry.from_dict(old))
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = text_of(app.screen, "#recent").splitlines()
        assert lines[0] == "1 May 2025  CPD: Reading on SEND tribunals (2 h)"
        assert lines[1].startswith("1 Feb 2027  Case SM-FUTURE-1")


async def test_every_part_of_the_dashboard_is_reached_by_page_keys(demo_folio, folio_dir, today):
    """PageDown / End scroll the whole page (not only the table's cursor); Home / PageUp come back."""
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        body = app.screen.query_one("#dashboard-body", VerticalScroll)
        table = app.screen.query_one("#requirements", DataTable)
        assert body.max_scroll_y > 0 and body.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0 and table.cursor_row == 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        recent = app.screen.query_one("#recent", Static)
        assert recent.region.y < 24 and recent.region.bottom > 0
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("pagedown", "pageup")
        await pilot.pause()
        assert body.scroll_y == 0

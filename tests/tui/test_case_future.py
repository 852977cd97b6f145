"""One truth about the future, in the app: the case form refuses a case held before its date (one line under
Status), warns under a timeline date after today, a folio already holding such a case opens with it
flagged, and the timeline shows a date entered for a step as entered, not as due."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input, Label, Static

from sendfolio.tui.dialogs.case_form import CaseFormScreen
from sendfolio.tui.screens.caselog import CaseLogScreen
from sendfolio.tui.screens.timeline import TimelineScreen
from tests.helpers.tui import SIZE, make_app, reopen, sample_case, settle


async def open_case_form(pilot, key: str = "a", ref: str = "") -> CaseFormScreen:
    """Go to the case log and open the form (a: new, e: the case `ref`, else the highlighted one)."""
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    if ref:
        table = pilot.app.screen.query_one("#case-table", DataTable)
        table.move_cursor(row=table.get_row_index(ref))
        await pilot.pause()
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, CaseFormScreen)
    return pilot.app.screen


async def test_a_case_held_before_its_date_is_refused_then_saved_as_booked_and_later_held(started_dir, today):
    """The issue's case: booked now, held once the day has come; never held before."""
    ahead = today + timedelta(days=7)
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_case_form(pilot)
        values = {"ref": "SM-F-010", "date": ahead.isoformat(), "prep_hours": "1", "meeting_hours": "2"}
        for name, value in values.items():
            form.query_one(f"#field-{name}", Input).value = value
        form.query_one("#field-followup_hours", Input).value = "0.5"
        form.query_one("#field-outcome").value = "agreement"
        form.query_one("#field-role").value = "lead"
        form.query_one("#field-kind").value = "mediation"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = form.query_one("#error-status", Label)
        assert error.display and "cannot be Held yet: choose Booked" in str(error.render())
        assert app.folio.case("SM-F-010") is None
        form.query_one("#field-status").value = "booked"
        form.query_one("#field-outcome").clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseLogScreen)
        assert app.folio.case("SM-F-010").status == "booked"
    later = make_app(started_dir, ahead)
    async with later.run_test(size=SIZE) as pilot:
        form = await open_case_form(pilot, key="e", ref="SM-F-010")
        assert form.original is not None and form.original.ref == "SM-F-010"
        form.query_one("#field-status").value = "held"
        form.query_one("#field-outcome").value = "agreement"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(later.screen, CaseLogScreen)
    with reopen(started_dir) as folio:
        assert folio.case("SM-F-010").is_held


async def test_a_timeline_date_after_today_is_warned_of_under_its_field(started_dir, today):
    """Typed or already there, a date after today is flagged under its field; the case still saves."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_case_form(pilot, key="e")
        warning = form.query_one("#warn-date_fixed", Label)
        assert not warning.display
        form.query_one("#field-date_fixed", Input).value = (today + timedelta(days=3)).strftime("%d/%m/%Y")
        await pilot.pause()
        assert warning.display and "is after today: kept" in str(warning.render())
        form.query_one("#field-date_fixed", Input).value = today.strftime("%d/%m/%Y")
        await pilot.pause()
        assert not warning.display


async def test_a_folio_holding_a_case_held_before_its_date_opens_with_it_flagged(started_dir, today):
    """Old data is never silently ignored: the case log flags it; its timeline shows entered dates as to come."""
    from sendfolio.store import Folio

    ahead = today + timedelta(days=10)
    case = sample_case("SM-F-011", ahead.isoformat(), la_informed=today.isoformat(), parties_notified=ahead.isoformat())
    with Folio.open(started_dir) as folio:
        folio.put(case)  # as an older version of sendfolio could have saved it
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#case-table", DataTable)
        row = [str(cell) for cell in table.get_row("SM-F-011")]
        assert any("⚠ Agreement, date to come" in cell for cell in row)
        table.move_cursor(row=table.get_row_index("SM-F-011"))
        await pilot.pause()
        detail = str(screen.query_one("#case-detail", Static).render())
        assert "after today, but marked held" in detail and "no count takes it as held" in detail.replace("\n", " ")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        rows = app.screen.query_one("#timeline-table", DataTable)
        told = [[str(cell) for cell in rows.get_row_at(index)] for index in range(rows.row_count)]
        parties = next(row for row in told if row[0] == "parties told of mediation date")
        assert parties[2].endswith("(to come)") and parties[3] == "entered, date to come"


async def test_the_dashboard_lists_a_step_entered_for_a_day_to_come_as_entered_not_due(started_dir, today):
    """A booked case's step whose date is entered, still to come and within its deadline is planned: the deadline
    list says entered; entered for a day after its deadline, it stays due (overdue once that passes)."""
    from sendfolio.store import Folio

    ahead = today + timedelta(days=12)
    case = sample_case(
        "SM-F-012",
        ahead.isoformat(),
        status="booked",
        outcome="",
        la_informed=(today - timedelta(days=2)).isoformat(),
        parties_notified=(today + timedelta(days=3)).isoformat(),
    )
    with Folio.open(started_dir) as folio:
        folio.put(case)
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#deadlines", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
        status = {row[1]: row[4] for row in rows if row[0] == "SM-F-012"}
        assert status["parties told of mediation date"] == "entered"
        assert status["mediation held"] == "entered"  # the booked day itself: entered, still to come
    late = case.with_changes(ref="SM-F-013", parties_notified=(today + timedelta(days=9)).isoformat())
    with Folio.open(started_dir) as folio:
        folio.put(late)  # entered for a day after the step's deadline: still due, never "entered"
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#deadlines", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
        status = {row[1]: row[4] for row in rows if row[0] == "SM-F-013"}
        assert status["parties told of mediation date"] == "due"

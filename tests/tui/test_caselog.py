"""The case log driven with keys (text put into a field whole); what the folio file holds afterwards is the proof."""

from __future__ import annotations

from textual.widgets import DataTable, Label, Static

from sendfolio.tui.dialogs.forms import EditRecordScreen
from sendfolio.tui.screens.caselog import CaseLogScreen
from tests.helpers.tui import SIZE, cells_by_heading, choose, enter, make_app, reopen, settle

NEW_CASE_START = [
    ("type", "SM-T-002"),
    ("type", "2026-11-02"),
    ("choose", "held"),
    ("choose", "mediation"),
    ("choose", "co-med"),
]
"""Keys for the first fields of a new case: ref, date, status, kind, role."""


async def open_cases(pilot) -> CaseLogScreen:
    """Go to the case log (key 2) and return its screen."""
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CaseLogScreen)
    return pilot.app.screen


async def fill(pilot, steps) -> None:
    """Fill fields one after another, tabbing between them."""
    for how, value in steps:
        if how == "type":
            await enter(pilot, value)
        else:
            await choose(pilot, value)
        await pilot.press("tab")


async def test_bad_hours_show_inline_error_and_save_nothing_until_fixed(started_dir, today):
    """Bad hours show inline error and save nothing until fixed."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_cases(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditRecordScreen)
        await fill(pilot, NEW_CASE_START + [("type", "two"), ("type", "3"), ("type", "0.5"), ("choose", "agreement")])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#error-prep_hours", Label)
        assert error.display and "'two' is not a number" in str(error.render())
        assert app.folio.case("SM-T-002") is None
        form.query_one("#field-prep_hours").focus()
        await pilot.press("ctrl+a", "ctrl+k", "1", ".", "5", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseLogScreen)
    with reopen(started_dir) as folio:
        case = folio.case("SM-T-002")
        assert case is not None and case.prep_hours == 1.5 and case.role == "co-mediator"


async def test_duplicate_reference_is_refused_in_the_form(started_dir, today):
    """Duplicate reference is refused in the form."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_cases(pilot)
        await pilot.press("a")
        await fill(
            pilot,
            [
                ("type", "SM-T-001"),
                ("type", "2026-11-02"),
                ("choose", "held"),
                ("choose", "mediation"),
                ("choose", "lead"),
                ("type", "1"),
                ("type", "1"),
                ("type", "1"),
                ("choose", "agreement"),
            ],
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#error-ref", Label)
        assert error.display and "already the reference" in str(error.render())
    with reopen(started_dir) as folio:
        assert folio.case("SM-T-001").meeting_hours == 3


async def test_delete_asks_then_deletes_and_undo_restores(started_dir, today):
    """Delete asks then deletes and undo restores."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_cases(pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.folio.case("SM-T-001") is not None
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.folio.case("SM-T-001") is None
        assert app.screen.query_one("#case-table", DataTable).row_count == 0
    with reopen(started_dir) as folio:
        assert folio.cases() == ()


async def test_undo_puts_the_case_and_its_observations_back(started_dir, today):
    """Undo puts the case and its observations back."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_cases(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("space", "escape", "d", "y")
        await settle(pilot)
        assert app.folio.observations() == ()
        await pilot.press("u")
        await settle(pilot)
    with reopen(started_dir) as folio:
        assert folio.case("SM-T-001") is not None
        assert len(folio.observations("SM-T-001")) == 1


async def test_escape_with_changes_asks_before_discarding(started_dir, today):
    """Escape with changes asks before discarding (Keep as draft / Discard / Keep editing)."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_cases(pilot)
        await pilot.press("a")
        await enter(pilot, "SM-T-009")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#leave-question", Static)
        await pilot.press("e")  # Keep editing
        await settle(pilot)
        assert isinstance(app.screen, EditRecordScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")  # Discard
        await settle(pilot)
        assert isinstance(app.screen, CaseLogScreen)


async def test_edit_renames_a_case_keeping_its_observations(started_dir, today):
    """Edit renames a case keeping its observations."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_cases(pilot)
        await pilot.press("c", "space", "escape", "enter")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k")
        await enter(pilot, "SM-T-100")
        await pilot.press("ctrl+s")
        await settle(pilot)
    with reopen(started_dir) as folio:
        assert folio.case("SM-T-001") is None
        assert [item.ref for item in folio.observations()] == ["SM-T-100"]


async def test_filter_and_sort(started_dir, today):
    """Filter and sort."""
    from sendfolio.store import Folio
    from tests.helpers.tui import enter, sample_case

    with Folio.open(started_dir) as folio:
        folio.put(sample_case("AB-1", "2026-09-01", kind="disagreement-resolution", role="co-mediator"))
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cases(pilot)
        table = screen.query_one("#case-table", DataTable)
        assert [row.value for row in table.rows] == ["AB-1", "SM-T-001"]
        await pilot.press("s")
        assert "sorted by reference" in str(screen.query_one("#case-status").render())
        await pilot.press("slash")
        await enter(pilot, "disagree")
        await pilot.pause()
        assert [row.value for row in table.rows] == ["AB-1"]
        await pilot.press("enter")
        assert table.has_focus
        await pilot.press("slash")
        await enter(pilot, "nothing-like-this")
        await pilot.pause()
        assert table.row_count == 0
        assert str(screen.query_one("#case-detail").render()) == ""  # no case left to describe


async def test_a_booked_case_is_logged_before_it_is_held(started_dir, today):
    """A case is saved as booked without outcome or hours; marking it held then asks for them."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cases(pilot)
        await pilot.press("a")
        await pilot.pause()
        steps = [("type", "SM-T-009"), ("type", "10/12/2026"), ("choose", "booked")]
        await fill(pilot, steps + [("choose", "mediation"), ("choose", "lead")])
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseLogScreen)
        assert not any("after today" in str(note.message) for note in app._notifications)
        row = cells_by_heading(screen.query_one("#case-table", DataTable), "SM-T-009")
        shown = [row[heading] for heading in ("Date", "Kind", "Role", "Hours", "Outcome")]
        assert shown == ["10 Dec 2026", "Mediation", "Lead", "0", "Booked"]
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-status").focus()
        await choose(pilot, "held")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        for name in ("meeting_hours", "followup_hours", "outcome"):
            error = form.query_one(f"#error-{name}", Label)
            assert error.display and "is required once the case is held" in str(error.render())
    with reopen(started_dir) as folio:
        case = folio.case("SM-T-009")
        assert (case.status, case.outcome, case.meeting_hours) == ("booked", "", 0)


async def test_a_held_case_dated_in_the_future_is_refused_under_status(started_dir, today):
    """Saving a held case dated after today is refused (issue #20, item 3): one line under Status names the
    date and says to choose Booked; nothing is saved."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_cases(pilot)
        await pilot.press("a")
        await pilot.pause()
        steps = [("type", "SM-T-010"), ("type", "2027-01-15"), ("choose", "held"), ("choose", "mediation")]
        await fill(pilot, steps + [("choose", "lead"), ("type", "1"), ("type", "3"), ("type", "1")])
        await choose(pilot, "agreement")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CaseLogScreen)
        error = app.screen.query_one("#error-status", Label)
        assert error.display and "dated 15 Jan 2027, after today" in str(error.render())
        assert "Booked" in str(error.render())
    with reopen(started_dir) as folio:
        assert folio.case("SM-T-010") is None


async def test_the_highlighted_case_is_shown_in_full_under_a_narrow_table(started_dir, today):
    """At 80 columns the table cannot show every column; the detail line under it names them all."""
    app = make_app(started_dir, today)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cases(pilot)
        detail = str(screen.query_one("#case-detail").render())
        assert detail.startswith("SM-T-001: mediation, lead, 1 Oct 2026")
        assert "agreement" in detail and "no de-brief" in detail and "not observed" in detail


async def test_q_quits_from_a_list_screen_but_types_in_a_field(started_dir, today):
    """q in the case filter is a letter; q on the table quits the app."""
    from textual.widgets import Input

    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cases(pilot)
        await pilot.press("slash", "q")
        await pilot.pause()
        assert screen.query_one("#case-filter", Input).value == "q" and app.return_code is None
        await pilot.press("backspace", "enter", "q")
        await pilot.pause()
        assert app.return_code == 0


async def test_a_choice_left_empty_names_its_options_in_words(started_dir, today):
    """The problem under an empty Kind or Role lists the choices as the list shows them, not as stored."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_cases(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        kind = str(app.screen.query_one("#error-kind", Label).render())
        role = str(app.screen.query_one("#error-role", Label).render())
        assert kind == "is required: one of Mediation / Disagreement resolution"
        assert role == "is required: one of Observer / Co-mediator / Lead"

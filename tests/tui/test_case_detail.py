"""A case's checklist, evidence notes, de-brief and timeline, driven with keys (text put into a field whole)."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from sendfolio.domain.criteria import CRITERIA
from sendfolio.domain.records import DEBRIEF_HEADINGS
from sendfolio.tui.screens.checklist import ChecklistScreen
from sendfolio.tui.screens.timeline import TimelineScreen
from tests.helpers.tui import SIZE, enter, make_app, reopen, settle


async def open_case_log(pilot) -> None:
    """Go to the case log."""
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


async def test_ticking_a_criterion_stores_an_observation(started_dir, today):
    """Ticking a criterion stores an observation."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_log(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        await pilot.press("space", "down", "enter", "down", "space", "space")
        await pilot.pause()
        assert "2 of" in str(app.screen.query_one("#checklist-note", Static).render())
    with reopen(started_dir) as folio:
        assert {item.criterion for item in folio.observations("SM-T-001")} == {CRITERIA[0].id, CRITERIA[1].id}


async def test_evidence_note_is_saved_and_unticking_it_asks_first(started_dir, today):
    """Evidence note is saved and unticking it asks first."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_log(pilot)
        await pilot.press("c", "n")
        await pilot.pause()
        await enter(pilot, "Opened with both parties by phone")  # the cursor starts in the note
        await pilot.press("shift+tab")
        await enter(pilot, "PPC Jo")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
    with reopen(started_dir) as folio:
        [found] = folio.observations("SM-T-001")
        assert (found.criterion, found.observer, found.notes) == (
            CRITERIA[0].id,
            "PPC Jo",
            "Opened with both parties by phone",
        )


async def test_debrief_notes_are_saved_under_form_3_headings(started_dir, today):
    """Debrief notes are saved under form 3 headings."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_log(pilot)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("space", "tab")
        await enter(pilot, "Kept the agenda clear")
        await pilot.press("tab", "tab")
        await enter(pilot, "Time keeping")
        await pilot.press("ctrl+s")
        await settle(pilot)
    with reopen(started_dir) as folio:
        case = folio.case("SM-T-001")
        assert case.debriefed
        assert case.debrief == {DEBRIEF_HEADINGS[0]: "Kept the agenda clear", DEBRIEF_HEADINGS[2]: "Time keeping"}


async def test_timeline_shows_deadlines_and_the_rule_on_demand(started_dir, today):
    """Timeline shows deadlines and the rule on demand."""
    from sendfolio.store import Folio
    from tests.helpers.tui import sample_case

    with Folio.open(started_dir) as folio:
        folio.put(sample_case("SM-T-001", "2026-12-10", decision_notice="2026-11-02", la_informed="2026-11-20"))
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_log(pilot)
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        table = screen.query_one("#timeline-table", DataTable)
        assert table.row_count >= 2
        await pilot.press("enter")
        rule = str(screen.query_one("#timeline-rule", Static).render())
        assert "Source:" in rule
        await pilot.press("escape")
        assert not isinstance(app.screen, TimelineScreen)


async def test_a_reference_changed_from_the_timeline_names_the_case_anew(started_dir, today):
    """e on the timeline edits the case; a new reference saved is the timeline's title and its case's name."""
    from sendfolio.store import Folio
    from tests.helpers.tui import sample_case

    with Folio.open(started_dir) as folio:
        folio.put(sample_case("SM-T-001", "2026-11-10", decision_notice="2026-11-02"))
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_log(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#field-ref").value = "SM-T-002"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.ref == "SM-T-002"
        assert str(screen.query_one("#timeline-title", Static).render()) == "Timeline of case SM-T-002"
        assert screen.query_one("#timeline-table", DataTable).row_count >= 1
    assert [case.ref for case in reopen(started_dir).cases()] == ["SM-T-002"]


async def test_a_case_without_timeline_dates_says_so(started_dir, today):
    """A case without timeline dates says so."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_log(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert "No statutory timeline" in str(app.screen.query_one("#timeline-rule", Static).render())

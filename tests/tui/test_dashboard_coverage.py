"""The dashboard and the coverage matrix on the demo folio: what they show and where they lead."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from sendfolio import rules
from sendfolio.domain.standards import RULE_SET
from sendfolio.tui.screens.checklist import ChecklistScreen
from sendfolio.tui.screens.coverage import CoverageScreen
from sendfolio.tui.screens.dashboard import DashboardScreen
from sendfolio.tui.views.dashboard import area_for_rule
from tests.helpers.tui import SIZE, make_app, settle


def test_every_rule_leads_to_an_area():
    """Every rule leads to an area."""
    from sendfolio.tui.views.areas import AREA_BY_MODE

    for rule in RULE_SET.rules:
        assert area_for_rule(rule.id) in AREA_BY_MODE and area_for_rule(rule.id) != "dashboard", rule.id


async def test_dashboard_lists_every_requirement_and_explains_the_unmet(demo_folio, folio_dir, today):
    """Dashboard lists every requirement and explains the unmet."""
    app = make_app(folio_dir, today, folio=demo_folio)
    report = rules.accreditation(demo_folio.data(), today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one("#requirements", DataTable)
        assert [key.value for key in table.rows] == [item.id for item in report.requirements]
        unmet = report.unmet[0]
        table.move_cursor(row=[item.id for item in report.requirements].index(unmet.id))
        await pilot.pause()
        assert unmet.detail in str(screen.query_one("#requirement-detail", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == area_for_rule(unmet.id)


async def test_coverage_marks_missing_criteria_and_opens_a_case_checklist(demo_folio, folio_dir, today):
    """Coverage marks missing criteria and opens a case checklist."""
    app = make_app(folio_dir, today, folio=demo_folio)
    matrix = rules.coverage(demo_folio.data())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        table = screen.query_one("#coverage-table", DataTable)
        assert table.row_count == len(matrix.rows)
        assert str(table.get_cell_at((0, 1))).startswith(("missing: ", matrix.rows[0].criterion.text))
        assert screen.query_one("#coverage-summary").has_class("missing") == bool(matrix.missing)
        await pilot.press("m")
        row = table.cursor_row
        assert matrix.rows[row].criterion.id == matrix.missing[0]
        assert str(table.get_cell_at((row, 1))).startswith("missing: ")
        await pilot.press("right", "right", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        assert app.screen.ref == matrix.cases[0].ref
        assert app.screen.highlighted() == matrix.missing[0]


async def test_square_brackets_in_user_text_are_shown_as_typed(started_dir, today):
    """Square brackets in user text are shown as typed."""
    from sendfolio.domain.records import CPDEntry
    from sendfolio.store import Folio
    from tests.helpers.tui import cells_by_heading, sample_case

    with Folio.open(started_dir) as folio:
        folio.put(sample_case("SM-T-001", "2026-10-01", observed_by="[b]PPC[/x]"))
        folio.put(CPDEntry.from_dict({"date": "2026-11-01", "hours": 1, "method": "reading", "title": "[/ref] notes"}))
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "[/ref] notes" in str(app.screen.query_one("#recent", Static).render())
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#case-table", DataTable)
        assert cells_by_heading(table)["Observed"] == "[b]PPC[/x]"

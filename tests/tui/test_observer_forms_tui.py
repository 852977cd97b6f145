"""Forms for the observer from the case log: the PDF written in a worker, a returned form imported after a preview."""

from __future__ import annotations

from pypdf import PdfReader, PdfWriter

from sendfolio.domain.form_fields import FOLIO_ID_SETTING
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.dialogs.observer_forms import FormsScreen, ImportFormScreen
from tests.helpers.tui import SIZE, enter, make_app, settle
from tests.tui.test_caselog import open_cases


async def test_forms_written_then_a_returned_form_previewed_and_saved(demo_folio, folio_dir, today, tmp_path):
    """f writes the highlighted case's forms; i reads the returned PDF, shows what it records, saves on yes."""
    app = make_app(folio_dir, today, folio=demo_folio)
    out = tmp_path / "forms.pdf"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cases(pilot)
        ref = screen.selected_ref()
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FormsScreen)
        box = app.screen.query_one("#observer-forms-path")
        box.value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert f"Written: {out}" in str(app.screen.query_one("#observer-forms-result").render())
        assert demo_folio.get_setting(FOLIO_ID_SETTING)
        await pilot.press("escape")
        writer = PdfWriter(clone_from=PdfReader(out))
        for page in writer.pages:
            writer.update_page_form_field_values(
                page,
                {"f2_observer": "Jo Lindqvist", "f2_role": "mentor", "f2_signed_on": "02/11/2026",
                 "seen_f2_pm_manage-time": "/on", "note_f2_pm_manage-time": "Kept to the agreed breaks."},
                auto_regenerate=False,
            )  # fmt: skip
        writer.write(tmp_path / "returned.pdf")
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ImportFormScreen)
        await enter(pilot, str(tmp_path / "returned.pdf"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Jo Lindqvist (mentor)" in str(app.screen.query_one("#confirm-question").render())
        assert not any(item.observer == "Jo Lindqvist" for item in demo_folio.observations(ref))
        await pilot.press("y")
        await settle(pilot)
    (found,) = [item for item in demo_folio.observations(ref) if item.criterion == "f2.pm.manage-time"]
    assert found.observer == "Jo Lindqvist" and found.notes == "Kept to the agreed breaks." and found.returned


async def test_coverage_shows_which_ticks_rest_on_returned_forms(demo_folio, folio_dir, today):
    """A returned form's tick reads "✓ form", the mediator's own "✓"; the detail line names who recorded it."""
    from textual.widgets import DataTable

    from sendfolio import rules
    from sendfolio.tui.screens.coverage import CoverageScreen

    matrix = rules.coverage(demo_folio.data())
    refs = [case.ref for case in matrix.cases]
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, CoverageScreen)
        table = app.screen.query_one("#coverage-table", DataTable)
        seen = {"returned": 0, "entered": 0}
        for index, row in enumerate(matrix.rows):
            for column, ref in enumerate(refs, start=2):
                showing = row.showing(ref)
                if showing is None:
                    continue
                kind = "returned" if showing.returned else "entered"
                assert str(table.get_cell_at((index, column))) == ("✓ form" if showing.returned else "✓")
                seen[kind] += 1
        assert seen["returned"] and seen["entered"]
        assert f"{matrix.backed} rest on forms returned by observers" in str(
            app.screen.query_one("#coverage-summary").render()
        )


async def test_a_returned_tick_says_so_and_an_edit_of_it_becomes_the_mediators(demo_folio, folio_dir, today):
    """The checklist names who returned a tick; changing its note makes it the mediator's entry, never misattributed."""
    from sendfolio.tui.screens.checklist import ChecklistScreen

    (first,) = [item for item in demo_folio.observations("SM-DEMO-003") if item.returned][:1]
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ChecklistScreen("SM-DEMO-003", first.criterion))
        await settle(pilot)
        option = app.screen.query_one("OptionList").get_option(first.criterion)
        assert "On a returned form: returned by Alex Penrose on" in str(option.prompt)
        await pilot.press("n")
        await settle(pilot)
        await enter(pilot, " And my own words.")
        await pilot.press("ctrl+s")
        await settle(pilot)
    (after,) = [item for item in demo_folio.observations("SM-DEMO-003") if item.criterion == first.criterion]
    assert "And my own words." in after.notes and after.provenance == "entered by the mediator"


async def test_editing_a_returned_debrief_heading_makes_that_heading_the_mediators(demo_folio, folio_dir, today):
    """The de-brief editor: a changed heading leaves the observer's return; the untouched ones stay theirs."""
    before = demo_folio.case("SM-DEMO-003")
    assert before.debrief_returned and before.debrief_by == "Alex Penrose"
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cases(pilot)
        screen.reload(select="SM-DEMO-003")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("tab")  # from "De-brief held" to the first heading (Key strengths)
        await enter(pilot, " My addition.")  # Tab lands at the end of the observer's words: this adds to them
        await pilot.press("ctrl+s")
        await settle(pilot)
    after = demo_folio.case("SM-DEMO-003")
    assert after.debrief["strengths"] == before.debrief["strengths"] + " My addition."
    assert "strengths" not in after.debrief_returned and set(after.debrief_returned) == set(before.debrief_returned) - {
        "strengths"
    }
    assert after.debrief_provenance("strengths") == "entered by the mediator"
    assert after.debrief_provenance("outcome").startswith("returned by Alex Penrose")

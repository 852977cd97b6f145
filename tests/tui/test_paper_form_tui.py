"""An observer's form on paper in the app (issue 24, item 6): recognised on import, kept with its case, its ticks entered.

From the case log, i reads a scan: the app offers to keep it as the observer's form (no command
line), then opens the checklist for that form's ticks; each tick is the observer's, transcribed.
"""

from __future__ import annotations

from PIL import Image

from sendfolio.tui.dialogs.observer_forms import ImportFormScreen
from sendfolio.tui.dialogs.paper_form import PaperFormScreen
from sendfolio.tui.screens.checklist import ChecklistScreen
from tests.helpers.tui import SIZE, enter, make_app, settle
from tests.tui.test_caselog import open_cases

CASE = "SM-DEMO-004"
"""A held practice case of the demo folio."""


async def test_a_scan_is_offered_to_be_kept_as_the_observers_form_then_its_ticks_are_entered(
    demo_folio, folio_dir, today, tmp_path
):
    """i, a scan's path: the paper dialog (not an error); keeping it opens the ticks of that form; space ticks."""
    scan = tmp_path / "scan.png"
    Image.new("RGB", (120, 170), "white").save(scan)
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SIZE) as pilot:
        await open_cases(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ImportFormScreen)
        await enter(pilot, str(scan))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PaperFormScreen)
        assert "scan.png is an image" in str(app.screen.query_one("#paper-about").render())
        for ident, value in (
            ("paper-case", CASE), ("paper-observer", "Alex Rowan"), ("paper-role", "co-mediator"),
            ("paper-completed", "08/10/2026"), ("paper-forms", "1"),
        ):  # fmt: skip
            app.screen.query_one(f"#{ident}").value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen) and app.screen.paper
        assert "Alex Rowan's form on paper" in str(app.screen.query_one("#checklist-title").render())
        await pilot.press("space")
        await settle(pilot)
        option = app.screen.query_one("#checklist").get_option("f1.pm.initial-contact")
        said = " ".join(str(option.prompt).split())
        assert "transcribed by the mediator from the observer's signed paper form (Alex Rowan)" in said
        assert "returned by Alex Rowan" not in said
    (kept,) = [
        item for item in demo_folio.data().returns_for(CASE) if item.how == "paper" and item.observer == "Alex Rowan"
    ]
    assert kept.observer == "Alex Rowan" and kept.forms == ("1",) and kept.ticked == ("f1.pm.initial-contact",)
    (tick,) = [item for item in demo_folio.observations(CASE) if item.observer == "Alex Rowan"]
    assert tick.criterion == "f1.pm.initial-contact" and tick.returned and tick.observer_role == "co-mediator"
    assert any(item.id == kept.attachment and item.evidence_for == f"case:{CASE}" for item in demo_folio.attachments())


async def test_a_returned_forms_observer_is_offered_as_the_cases_observed_by(demo_folio, folio_dir, today, tmp_path):
    """The case names a role only; once the form of Alex Rowan (co-mediator) is saved, a dialog offers to set
    "Observed by" to them, and "Set it" records the name and the role apart."""
    from pypdf import PdfReader, PdfWriter

    from sendfolio.tui.dialogs.confirm import ConfirmScreen
    from sendfolio.tui.dialogs.observer_forms import FormsScreen

    app = make_app(folio_dir, today, folio=demo_folio)
    out = tmp_path / "forms.pdf"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cases(pilot)
        ref = screen.selected_ref()
        case = demo_folio.case(ref)
        demo_folio.put(case.with_changes(status="held", observed_by="", observed_by_role="Lead mediator (PPC)"))
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FormsScreen)
        app.screen.query_one("#observer-forms-path").value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        writer = PdfWriter(clone_from=PdfReader(out))
        for page in writer.pages:
            writer.update_page_form_field_values(
                page,
                {"f2_observer": "Alex Rowan", "f2_role": "co-mediator", "seen_f2_pm_manage-time": "/on"},
                auto_regenerate=False,
            )
        writer.write(tmp_path / "returned.pdf")
        await pilot.press("i")
        await settle(pilot)
        await enter(pilot, str(tmp_path / "returned.pdf"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")  # save what the form records
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question").render())
        assert 'says "Observed by Lead mediator (PPC)", but this form is from Alex Rowan (co-mediator)' in question
        assert demo_folio.case(ref).observed_by == ""
        await pilot.press("y")  # set it
        await settle(pilot)
    after = demo_folio.case(ref)
    assert (after.observed_by, after.observed_by_role) == ("Alex Rowan", "co-mediator")
    assert any(item.observer == "Alex Rowan" for item in demo_folio.observations(ref))

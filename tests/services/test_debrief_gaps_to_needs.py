"""De-brief gaps reach the learning plan (issue 24, item 9): importing a de-brief with gaps offers learning needs.

The command line says how (`import --learning-needs`) and does it; the app asks after a de-brief
is saved in the case log, and adds them on "Add them". `check` stops listing a gap once a need
addresses it.
"""

from __future__ import annotations

import json

from sendfolio.store import Folio
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from tests.helpers.folios import demo_case_forms
from tests.helpers.tui import SIZE, make_app, settle
from tests.portfolio.test_observer_forms import CASE, OBSERVED, fill, invoke, make_demo
from tests.tui.test_caselog import open_cases


def without_needs(folder, ref):
    """The folio with no learning need from case `ref` (so its de-brief's gaps are open)."""
    with Folio.open(folder) as folio:
        for need in folio.learning_plan():
            if need.case_ref == ref:
                folio.delete(need)


def test_an_import_with_gaps_says_how_to_add_them_and_learning_needs_adds_them(tmp_path, tmp_path_factory):
    """The import names the gap and --learning-needs; again with it, one need per gap, and check is clear of it."""
    folder = make_demo(tmp_path / "folio")
    returned = fill(demo_case_forms(tmp_path_factory), tmp_path / "returned.pdf", OBSERVED)  # the forms, made once
    without_needs(folder, CASE)
    first = invoke(folder, "import", str(returned))
    assert first.exit_code == 0, first.output
    said = " ".join(first.output.split())
    # the observer's skills gap, and the one the mediator's own de-brief of the case already named
    assert f"The de-brief of {CASE} names 2 skills or knowledge gaps no learning need addresses" in said
    assert "`sendfolio import --learning-needs`" in said
    again = invoke(folder, "import", "--learning-needs", str(returned))
    assert again.exit_code == 0 and "Added 2 learning needs from the de-brief gaps" in again.output
    with Folio.open(folder, readonly=True) as folio:
        needs = {item.need: item for item in folio.learning_plan() if item.case_ref == CASE}
    assert len(needs) == 2 and needs["Summarising sooner under pressure"].status == "open"
    report = json.loads(invoke(folder, "check", "--json").output)
    (case,) = [item for item in report["evidence"] if item["case"] == CASE]
    assert case["gaps_without_need"] == []
    assert "Added" not in invoke(folder, "import", "--learning-needs", str(returned)).output  # once only


async def test_saving_a_debrief_with_a_gap_offers_a_learning_need(demo_folio, folio_dir, today):
    """b, a skills gap written, ctrl+s: the app asks to add it to the learning plan; "Add them" adds it."""
    app = make_app(folio_dir, today, folio=demo_folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cases(pilot)
        ref = screen.selected_ref()
        for need in demo_folio.learning_plan():
            if need.case_ref == ref:
                demo_folio.delete(need)
        await pilot.press("b")
        await settle(pilot)
        app.screen.query_one("#field-skills_gaps").text = "Reframing positions as interests."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question").render())
        assert "Reframing positions as interests." in question and "learning plan" in question
        await pilot.press("y")
        await settle(pilot)
    assert "Reframing positions as interests" in [
        item.need for item in demo_folio.learning_plan() if item.case_ref == ref
    ]

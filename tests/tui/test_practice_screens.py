"""The sole provider's practice in the app (Appendix D): the register, feedback and its answer, the conduct
declarations on the case form, the Dashboard's warnings and the review compiled from Compile."""

from __future__ import annotations

from datetime import date

from textual.widgets import Label, Select

from sendfolio.domain.governance import CONDUCT_DECLARATIONS
from sendfolio.tui.dialogs.case_form import CONDUCT_GROUP
from sendfolio.tui.dialogs.forms import EditRecordScreen
from sendfolio.tui.screens.dashboard import DashboardScreen
from sendfolio.tui.screens.practice import FeedbackScreen, GovernanceScreen
from tests.helpers.tui import SIZE, cells_by_heading, choose, enter, make_app, sample_case, saved, settle


async def test_record_the_insurance_and_a_policy_and_the_dashboard_warns(folio, folio_dir, today):
    """p opens the register; an insurance lapsing in 47 days and a policy past review are listed, then on the Dashboard."""
    app = make_app(folio_dir, today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, GovernanceScreen)
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, "Insurance")
        await pilot.press("tab")
        await enter(pilot, "Professional indemnity")
        await pilot.press("tab")
        await enter(pilot, "16/01/2026")
        await pilot.press("tab")
        await enter(pilot, "15/01/2027")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, "Safeguarding policy")
        await pilot.press("tab", "tab")
        await enter(pilot, "01/11/2025")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GovernanceScreen)
        reminders = str(app.screen.query_one("#governance-reminders").render())
        assert "Safeguarding policy overdue for review since 1 November 2026 (28 days)" in reminders
        assert "Professional indemnity lapses in 47 days, on 15 January 2027" in reminders
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        practice = str(app.screen.query_one("#practice").render())
        assert "! Safeguarding policy overdue for review" in practice
        assert "• Professional indemnity lapses in 47 days" in practice
    register = saved(folio).data().governance
    assert sorted((item.item, item.due) for item in register) == [
        ("insurance", date(2027, 1, 15)),
        ("safeguarding-policy", None),
    ]


async def test_log_feedback_then_answer_it(folio, folio_dir, today):
    """f shows feedback; a logs it (overdue after 20 working days); s answers it today, late, in working days."""
    folio.put(sample_case("SM-T-9", "2026-10-01"))
    app = make_app(folio_dir, today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, "SM-T-9")
        await pilot.press("tab")
        await choose(pilot, "Parent")
        await pilot.press("tab", "ctrl+u")
        await enter(pilot, "20/10/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = app.screen.query_one("#feedback-table")
        assert [cells_by_heading(table)[heading] for heading in ("Response due", "Response")] == [
            "17 Nov 2026",
            "Overdue",
        ]
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, EditRecordScreen)
        await enter(pilot, "Thank you: the agenda now goes out a week ahead.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert cells_by_heading(table)["Response"] == "Late: 28 working days"
        summary = str(app.screen.query_one("#feedback-summary").render())
        assert "1 received · 0 answered within 20 working days · 1 late" in summary
    (feedback,) = saved(folio).data().feedback
    assert (feedback.case, feedback.given_by, feedback.responded) == ("SM-T-9", "parent-carer", today)
    assert feedback.response == "Thank you: the agenda now goes out a week ahead."


async def test_the_case_form_holds_the_declarations_in_their_own_group(folio, folio_dir, today):
    """The case form ends with the conduct group; an answer saved there closes that gap on the Dashboard."""
    folio.put(sample_case("SM-T-7", "2026-10-01"))
    app = make_app(folio_dir, today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "SM-T-7: independence, neutrality" in str(app.screen.query_one("#practice").render())
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditRecordScreen)
        titles = [str(label.render()) for label in form.query(Label) if label.has_class("form-group-title")]
        assert titles == [CONDUCT_GROUP]
        for item in CONDUCT_DECLARATIONS:  # setting the answers directly: choosing from a list is tested above
            form.query_one(f"#field-{item.field}", Select).value = "yes"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert "SM-T-7" not in str(app.screen.query_one("#practice").render())
    case = saved(folio).case("SM-T-7")
    assert all(getattr(case, item.field) == "yes" for item in CONDUCT_DECLARATIONS)


async def test_compile_the_review_from_the_app(folio, folio_dir, today, tmp_path):
    """8, v, then c writes the review and its shareable summary beside it."""
    folio.put(sample_case("SM-T-5", "2026-10-01"))
    app = make_app(folio_dir, today, folio=folio)
    out = tmp_path / "out" / "review-2026.pdf"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert "Goes in: 0 register items · 1 case led or co-mediated" in str(
            app.screen.query_one("#compile-contents").render()
        )
        app.screen.query_one("#compile-output").value = str(out)
        await pilot.press("c")
        await settle(pilot)
        result = str(app.screen.query_one("#compile-result").render())
        assert "✓ Saved" in result and str(out) in result
        assert "The anonymised summary to share is beside it" in result
    assert out.exists() and (tmp_path / "out" / "review-2026-summary.pdf").exists()

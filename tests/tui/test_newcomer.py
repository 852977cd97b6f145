"""What a newcomer meets: text shown as typed everywhere, help always in sight, forms that explain themselves."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Markdown, Static

from sendfolio.domain.records import (
    CPDEntry,
    Observation,
    PPCContact,
    PPCSession,
    Profile,
    Reflection,
    Training,
    Verification,
)
from sendfolio.tui.dialogs.forms import EditRecordScreen
from sendfolio.tui.dialogs.help import HelpScreen
from sendfolio.tui.palette import SendfolioCommands
from sendfolio.tui.screens.coverage import CoverageTable
from sendfolio.tui.support.theme import HIGH_CONTRAST
from sendfolio.tui.views.areas import AREAS
from tests.helpers.tui import enter, make_app, sample_case, settle

ODD = "[/ref] [b]x"
"""Text that Rich / Textual markup would read as tags (and crash on, or swallow)."""

NARROW = (80, 24)
"""The smallest terminal the app promises to be readable in."""


def screen_text(app) -> str:
    """Everything the terminal shows now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def fill_odd_folio(folio_dir) -> None:
    """A folio with markup-like text in every kind of record a mediator types into."""
    from sendfolio.store import Folio

    with Folio.open(folio_dir) as folio, folio.batch():
        folio.put(Profile.from_dict({"name": f"Alex {ODD}", "membership_body": "COM", "route": "new"}))
        folio.put(
            Training.from_dict(
                {
                    "kind": "foundation",
                    "title": f"Course {ODD}",
                    "provider": ODD,
                    "date": "2024-01-10",
                    "hours": 40,
                    "recognised_by": ODD,
                }
            )
        )
        folio.put(
            sample_case(
                "SM-T-001",
                "2026-10-01",
                role="co-mediator",
                observed_by=f"Obs {ODD}",
                notes=ODD,
                issues=[ODD],
                decision_notice="2026-09-01",
            )
        )
        folio.put(
            Observation.from_dict(
                {"ref": "SM-T-001", "criterion": "f1.pm.initial-contact", "observer": ODD, "notes": f"Evidence {ODD}"}
            )
        )
        folio.put(
            Reflection.from_dict(
                {
                    "date": "2026-10-02",
                    "hours": 1,
                    "title": f"Reflection {ODD}",
                    "body": f"Body {ODD}",
                    "case": "SM-T-001",
                }
            )
        )
        folio.put(
            CPDEntry.from_dict(
                {
                    "date": "2026-11-01",
                    "hours": 2,
                    "method": "reading",
                    "title": f"CPD {ODD}",
                    "provider": ODD,
                    "learning": ODD,
                }
            )
        )
        folio.put(
            PPCSession.from_dict(
                {
                    "date": "2026-11-02",
                    "ppc": f"PPC {ODD}",
                    "hours": 1,
                    "mode": "one-to-one",
                    "topics": f"Topic {ODD}",
                    "actions": ODD,
                }
            )
        )
        folio.put(PPCContact.from_dict({"name": f"Contact {ODD}", "register": ODD}))
        folio.put(
            Verification.from_dict(
                {"name": f"Verifier {ODD}", "register": ODD, "role": "PPC", "date": "2026-11-03", "statement": ODD}
            )
        )
        from sendfolio.domain.records import LearningNeed

        folio.put(LearningNeed.from_dict({"need": f"Need {ODD}", "action": ODD, "due": "2026-12-01"}))
    from sendfolio.io.attachments import check_content
    from sendfolio.samples.certificate import certificate_pdf

    checked = check_content("c.pdf", certificate_pdf([[("Certificate", 20, "title")]]))
    with Folio.open(folio_dir) as folio:
        folio.attach(checked.record("insurance", f"Doc {ODD}", date(2026, 11, 1)), checked.content)


EXPECTED = {
    "dashboard": [],  # checked through its widgets below (the recent entries are below the fold)
    "cases": ["Obs [/ref] [b]x"],
    "coverage": [],
    "reflections": ["Reflection [/ref] [b]x", "Body [/ref] [b]x"],
    "cpd": ["CPD [/ref] [b]x"],
    "ppc": ["PPC [/ref] [b]x", "Contact [/ref] [b]x", "Verifier [/ref] [b]x"],
    "profile": ["Alex [/ref] [b]x", "Course [/ref] [b]x"],
    "compile": [],
    "plan": ["Need [/ref] [b]x"],
    "documents": ["Doc [/ref] [b]x"],
}
"""What each area must show, character for character."""


async def test_user_text_is_shown_literally_in_every_area_and_screen(folio_dir, today):
    """Markup-like text in every record shows as typed in every area, the checklist, timeline and help."""
    fill_odd_folio(folio_dir)
    app = make_app(folio_dir, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for area in AREAS:
            await pilot.press(area.key)
            await settle(pilot)
            assert app.current_mode == area.mode
            text = screen_text(app)
            for words in EXPECTED[area.mode]:
                assert words in text, (area.mode, words)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("1")
        await settle(pilot)
        recent = str(app.screen.query_one("#recent", Static).render())
        assert "CPD: CPD [/ref] [b]x" in recent and "Reflection: Reflection [/ref] [b]x" in recent
        await pilot.press("2", "c")
        await settle(pilot)
        assert "Evidence: Evidence [/ref] [b]x" in screen_text(app)
        await pilot.press("escape", "t")
        await settle(pilot)
        assert type(app.screen).__name__ == "TimelineScreen"
        await pilot.press("escape", "b")
        await settle(pilot)
        assert type(app.screen).__name__ == "DebriefScreen"
        await pilot.press("escape", "e")
        await settle(pilot)
        assert isinstance(app.screen, EditRecordScreen)
        assert app.screen.query_one("#field-observed_by").value == f"Obs {ODD}"
        assert app.screen.query_one("#field-notes").text == ODD
        await pilot.press("escape")
        await pilot.press("4")
        await settle(pilot)
        preview = app.screen.query_one("#reflection-preview", Markdown)
        assert "Reflection [/ref] [b]x" in screen_text(app) and preview.source.startswith("# Reflection")


async def test_help_is_always_in_the_footer_even_at_80_by_24(started_dir, today):
    """Every area, a form and a dialog show how to get help on the bottom line of an 80×24 terminal."""
    app = make_app(started_dir, today)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        for area in AREAS:
            await pilot.press(area.key)
            await settle(pilot)
            bottom = screen_text(app).splitlines()[-1].lower()  # (Compile, owned elsewhere, has the plain Footer)
            assert "? help" in bottom or "f1 help" in bottom, (area.mode, bottom)
        await pilot.press("2", "a")
        await settle(pilot)
        bottom = screen_text(app).splitlines()[-1]
        assert "f1 help" in bottom and "Save" in bottom  # the reference field takes "?" as typing


async def test_f1_opens_and_closes_help_on_a_form(started_dir, today):
    """F1 works inside a form (a dialog), and says how to move around it."""
    app = make_app(started_dir, today)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("2", "a")
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        words = screen_text(app)
        assert "Help: New case" in words and "Tab" in words and "ctrl+s" in words
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, EditRecordScreen)


async def test_forms_explain_dates_and_lists(started_dir, today):
    """A date field says how to write a date; a list says how to open it; the form says how to move."""
    app = make_app(started_dir, today)
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("2", "a")
        await settle(pilot)
        words = screen_text(app)
        assert "DD/MM/YYYY" in words and "Enter opens the list" in words
        assert "Tab / shift+Tab: next / previous field" in words


async def test_every_area_offers_its_keys_in_the_palette(started_dir, today):
    """The palette lists every area, and the actions of whatever screen is showing."""
    app = make_app(started_dir, today)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        wanted = {
            "dashboard": "Fix this",
            "cases": "Add a case",
            "coverage": "Next missing",
            "reflections": "New reflection",
            "cpd": "Add",
            "ppc": "PPC contact",
            "profile": "Edit profile",
        }
        for area in AREAS:
            await pilot.press(area.key)
            await settle(pilot)
            titles = [command.title for command in SendfolioCommands(app.screen).commands()]
            assert all(any(f"Go to {other.title} ({other.key})" == title for title in titles) for other in AREAS)
            if area.mode in wanted:
                assert any(wanted[area.mode] in title for title in titles), (area.mode, titles)
        helps = [command.help for command in SendfolioCommands(app.screen).commands()]
        assert "The CPD diary" in helps and "Supervision with your PPC" in helps
        await pilot.press("2", "c")
        await settle(pilot)
        titles = [command.title for command in SendfolioCommands(app.screen).commands()]
        assert "Observation checklist: Evidence note (n)" in titles


async def test_coverage_colours_follow_a_theme_switch(started_dir, today):
    """After F2 the coverage marks are redrawn in the high-contrast theme's colours at once."""
    app = make_app(started_dir, today)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one(CoverageTable)
        before = table.get_cell_at((0, 1)).style
        await pilot.press("f2")
        await settle(pilot)
        assert app.theme == HIGH_CONTRAST.name
        after = table.get_cell_at((0, 1)).style
        assert after != before and after == table.mark_styles()["missing"]


async def test_dashboard_at_80_by_24_shows_its_heading_and_no_cut_off_need_column(started_dir, today):
    """At 80×24 the heading is in sight and the table has no Need column cut to a few letters."""
    app = make_app(started_dir, today)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert "Accreditation (SEND 2018)" in screen_text(app)
        table = app.screen.query_one("#requirements", DataTable)
        assert [str(column.label) for column in table.columns.values()] == ["", "Requirement", "Have"]
        assert "Need:" in str(app.screen.query_one("#requirement-detail", Static).render())
    app = make_app(started_dir, today)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#requirements", DataTable)
        assert "Need" in [str(column.label) for column in table.columns.values()]


async def test_undo_is_offered_only_after_a_delete(started_dir, today):
    """The footer offers u only when there is a deleted case to put back."""
    app = make_app(started_dir, today)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert "Undo delete" not in screen_text(app).splitlines()[-1]
        await pilot.press("d", "y")
        await settle(pilot)
        assert "Undo delete" in screen_text(app).splitlines()[-1]


async def test_evidence_note_form_names_the_criterion_and_starts_in_the_note(started_dir, today):
    """n on a criterion opens a form titled with the criterion's words, the cursor in the note."""
    app = make_app(started_dir, today)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("2", "c")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert "Evidence: Make initial contact with parties" in screen_text(app)
        assert app.focused.id == "field-notes"
        await enter(pilot, "Phoned both")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.folio.observations("SM-T-001")[0].notes == "Phoned both"

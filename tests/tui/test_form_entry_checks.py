"""Saving a form: a likely identifier is warned about under its field (saved on the second ctrl+s); control
characters and Markdown past its bounds are refused."""

from __future__ import annotations

from textual.widgets import TextArea

from sendfolio.privacy import check
from sendfolio.tui.app import SendfolioApp
from sendfolio.tui.dialogs.forms import EditRecordScreen
from sendfolio.tui.screens.cpd import CPDScreen
from sendfolio.tui.screens.reflection_editor import ReflectionEditor
from sendfolio.tui.screens.reflections import ReflectionsScreen
from tests.helpers.tui import enter, saved

SIZE = (80, 24)
"""The smallest terminal the app must be readable in."""


async def new_cpd_entry(pilot, title: str) -> None:
    """Open the CPD area's add form and fill hours, method and title."""
    await pilot.pause()
    await pilot.press("5")
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    await pilot.press("tab")
    await enter(pilot, "1.5")
    await pilot.press("tab", "enter", "down", "down", "down", "enter", "tab")
    await enter(pilot, title)


async def test_a_phone_number_is_warned_about_under_its_field_then_saved(folio, folio_dir, today):
    """The first ctrl+s shows the finding under the title and keeps the form; the second saves."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await new_cpd_entry(pilot, "Call back on 07700 900123")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditRecordScreen)
        warning = app.screen.query_one("#error-title")
        assert warning.display and warning.has_class("field-warning")
        text = str(warning.render())
        assert "looks like a UK phone number" in text and "ctrl+s again saves" in text
        assert folio.cpd() == ()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CPDScreen)
    [entry] = saved(folio).cpd()
    assert entry.title == "Call back on 07700 900123"


async def test_changing_the_text_after_a_warning_checks_it_again(folio, folio_dir, today):
    """A warning is for the values shown: editing the field and saving warns about the new text."""
    check.add_word(folio, "Zephyrine")
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await new_cpd_entry(pilot, "Notes on Zephyrine")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "word on the do-not-print list: »Zephyrine«" in str(app.screen.query_one("#error-title").render())
        await enter(pilot, " and SW1A 1AA")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditRecordScreen)
        assert "UK postcode: »SW1A 1AA«" in str(app.screen.query_one("#error-title").render())
    assert saved(folio).cpd() == ()


async def test_clean_text_saves_at_once(folio, folio_dir, today):
    """Ordinary text is saved on the first ctrl+s, with no warning."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await new_cpd_entry(pilot, "Section 19 and EHCP 2024-25, 10:30-12:00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CPDScreen)
    assert len(saved(folio).cpd()) == 1


async def test_reflection_editor_warns_then_saves(folio, folio_dir, today):
    """The reflection editor shows the finding under the form; ctrl+s again saves the reflection."""
    check.add_word(folio, "Zoe")
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ReflectionEditor)
        await enter(pilot, "After zoe_smith's meeting")
        await pilot.press("shift+tab")
        await enter(pilot, "1")
        editor.query_one("#body", TextArea).load_text("What I noticed about my own summarising.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        errors = editor.query_one("#errors")
        assert errors.has_class("-warning")
        assert "title: ⚠ looks like a word on the do-not-print list: »zoe«" in str(errors.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionsScreen)
    [reflection] = saved(folio).reflections()
    assert reflection.title == "After zoe_smith's meeting"


async def test_a_pasted_control_character_is_refused_under_its_field(folio, folio_dir, today):
    """Text pasted with an escape character is refused at save, naming the character; nothing is saved."""
    from textual.widgets import Input

    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await new_cpd_entry(pilot, "Course")
        app.screen.query_one("#field-title", Input).value = "Course\x1b[2J notes"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditRecordScreen)
        error = app.screen.query_one("#error-title")
        assert error.display and not error.has_class("field-warning")
        assert "holds a control character, U+001B (escape), at character 7" in str(error.render())
    assert saved(folio).cpd() == ()


async def test_the_debrief_form_warns_then_saves():
    """A phone number in a de-brief heading is shown under the form, named by heading; ctrl+s again saves."""
    from textual.app import App

    from sendfolio.tui.dialogs.case_form import DebriefScreen
    from tests.helpers.tui import enter, sample_case

    class Host(App):
        """A bare app that opens the de-brief form and keeps its answer."""

        answers: list = []

        def on_mount(self) -> None:
            """Open the form."""
            self.push_screen(DebriefScreen(sample_case("SM-W-1", "2026-05-05")), self.answers.append)

    host = Host()
    async with host.run_test(size=(100, 40)) as pilot:
        await pilot.press("space", "tab")
        await enter(pilot, "Mum rang from 020 7946 0958")
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = host.screen.query_one("#form-errors")
        assert errors.display and errors.has_class("field-warning")
        assert "Key strengths: ⚠ looks like a UK phone number: »020 7946 0958«" in str(errors.render())
        assert host.answers == []
        await pilot.press("ctrl+s")
        await pilot.pause()
    [case] = host.answers
    assert case.debrief["strengths"] == "Mum rang from 020 7946 0958" and case.debriefed


async def test_the_reflection_editor_refuses_a_table_past_the_bound(folio, folio_dir, today):
    """A 51-column table in the body is refused at save, naming the field and the limit; nothing is saved."""
    header = "|" + "|".join(f"c{index}" for index in range(51)) + "|"
    table = "\n".join([header, "|" + "---|" * 51, "|" + "x|" * 51])
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        await enter(pilot, "Wide table")
        await pilot.press("shift+tab")
        await enter(pilot, "1")
        editor.query_one("#body", TextArea).load_text("My notes.\n\n" + table)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        errors = str(editor.query_one("#errors").render())
        assert "body: has a table of 51 columns at line 3; at most 50 columns" in errors
    assert saved(folio).reflections() == ()

"""Training's "What it covered" offers only what a course of the kind chosen covers (standards §1.1 and §2.2),
and the form scrolls to keep the highlighted item in view."""

from __future__ import annotations

from textual.widgets import SelectionList

from sendfolio.domain.records import FOUNDATION_COVERS, SEND_MODULES
from sendfolio.tui.dialogs.training_form import TrainingForm
from sendfolio.tui.screens.profile import ProfileScreen
from tests.helpers.tui import make_app, saved, settle

SIZE = (80, 24)
"""The smallest terminal the app must be readable in."""


def offered(form: TrainingForm) -> list[str]:
    """The items "What it covered" offers, in order."""
    covers = form.query_one("#field-covers", SelectionList)
    return [covers.get_option_at_index(index).value for index in range(covers.option_count)]


def help_line(form: TrainingForm) -> str:
    """The line under "What it covered"."""
    parent = form.editor("covers").parent
    assert parent is not None
    return str(parent.query_one(".field-help").render())


async def choose_kind(pilot, form: TrainingForm, *steps: str) -> None:
    """Choose a kind of course in the form's first field: Enter opens it on the kind chosen, `steps` move, Enter."""
    form.editor("kind").focus()
    await pilot.press("enter", *steps, "enter")
    await settle(pilot)


async def test_the_list_follows_the_kind_of_course_and_keeps_what_still_applies(folio, folio_dir, today):
    """No kind: nothing offered and a line saying to choose it; foundation: its four parts; SEND: the four
    modules (the foundation ticks dropped); refresher: nothing. Saved with SEND modules ticked."""
    app = make_app(folio_dir, today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TrainingForm)
        assert offered(form) == [] and "Choose the kind of course first" in help_line(form)
        await choose_kind(pilot, form, "down")  # foundation
        assert offered(form) == list(FOUNDATION_COVERS) and "§1.1" in help_line(form)
        form.editor("covers").focus()
        await pilot.press("space")
        await choose_kind(pilot, form, "down")  # send
        assert offered(form) == list(SEND_MODULES) and "§2.2" in help_line(form)
        assert form.query_one("#field-covers", SelectionList).selected == []
        await choose_kind(pilot, form, "down")  # refresher
        assert offered(form) == [] and "nothing to tick" in help_line(form)
        await choose_kind(pilot, form, "up")  # send again
        for name, value in (("title", "SEND mediation"), ("provider", "Example Trainers"), ("hours", "12")):
            form.editor(name).value = value
        form.editor("covers").focus()
        await pilot.press("space", "end", "space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
    (course,) = saved(folio).training()
    assert course.kind == "send" and course.covers == ("legislative-framework", "local-processes")


async def test_the_form_scrolls_to_the_highlighted_item(folio, folio_dir, today):
    """At 80×24, with the form scrolled back to its top while the list has the focus, moving the highlight
    brings the highlighted item back into view."""
    app = make_app(folio_dir, today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TrainingForm)
        await choose_kind(pilot, form, "down", "down")  # send
        covers = form.query_one("#field-covers", SelectionList)
        covers.focus()
        await settle(pilot)
        fields = form.query_one("#form-fields")
        fields.scroll_home(animate=False)
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        assert covers.highlighted == 3
        line = covers.content_region.y + covers.highlighted - covers.scroll_offset.y
        assert fields.content_region.y <= line < fields.content_region.bottom, (line, fields.content_region)

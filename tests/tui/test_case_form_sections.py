"""The case form in sections (issue #20, item 6): each section whole at 80×24, one date hint for the timeline,
the health care box with the issues (typed words never tick it), Tab on into the next section, and the
cursor at the end of a filled field (typing adds, never replaces)."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Static, TabbedContent

from sendfolio.tui.dialogs.case_form import CASE_SECTIONS, CaseFormScreen, SectionScroll
from tests.helpers.tui import make_app, reopen, settle, type_text


async def open_form(pilot, key: str = "e") -> CaseFormScreen:
    """The case log, then the form of the highlighted case (e) or a new one (a)."""
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, CaseFormScreen)
    return pilot.app.screen


async def test_every_section_fits_one_screen_at_80_by_24(started_dir, today):
    """PgDn through the five sections: every field of each is on screen, none scrolled away."""
    app = make_app(started_dir, today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        tabs = form.query_one(TabbedContent)
        for index, (key, _title, names) in enumerate(CASE_SECTIONS):
            if index:
                await pilot.press("pagedown")
                await pilot.pause()
            assert tabs.active == f"section-{key}"
            assert app.focused is form.editor(names[0])
            pane = form.query_one(f"#section-{key}")
            visible = pane.query_one(SectionScroll).region
            assert visible.bottom <= 24 - 1  # above the footer
            for name in names:
                region = form.editor(name).region
                assert region.height > 0 and visible.contains_region(region), (key, name)
        await pilot.press("pagedown")
        assert tabs.active == "section-case"


async def test_the_timeline_has_one_date_hint_not_eleven(started_dir, today):
    """How to write a date is said once, above the dates; a date field's own help line says nothing more."""
    app = make_app(started_dir, today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        timeline = form.query_one("#section-timeline")
        hints = [str(item.render()) for item in timeline.query(Static) if "DD/MM/YYYY" in str(item.render())]
        assert len(hints) == 1
        form.set_focus(form.reveal("date_fixed"))
        await pilot.pause()
        assert str(form.query_one("#case-help", Static).render()) == ""
        form.set_focus(form.reveal("ref"))
        await pilot.pause()
        assert "Never a name" in str(form.query_one("#case-help", Static).render())


async def test_health_care_sits_with_the_issues_and_typed_words_never_tick_it(started_dir, today):
    """Tab from Issues reaches the box; words typed at the box (spaces between them) leave it unticked."""
    app = make_app(started_dir, today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        form.set_focus(form.reveal("issues"))
        await pilot.press("tab")
        await pilot.pause()
        box = form.query_one("#field-health_care", Checkbox)
        assert app.focused is box and not box.value
        await type_text(pilot, "speech and language therapy")
        await pilot.pause()
        assert not box.value
        await pilot.press("tab", "shift+tab", "space")
        await pilot.pause()
        assert box.value  # a fresh visit: Space ticks


async def test_tab_goes_on_into_the_next_section_and_back(started_dir, today):
    """Tab from a section's last field shows the next section with the cursor in its first field."""
    app = make_app(started_dir, today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        tabs = form.query_one(TabbedContent)
        form.set_focus(form.editor("role"))
        await pilot.press("tab")
        await pilot.pause()
        assert tabs.active == "section-hours" and app.focused is form.editor("prep_hours")
        await pilot.press("shift+tab")
        await pilot.pause()
        assert tabs.active == "section-case" and app.focused is form.editor("role")


async def test_tab_into_a_filled_field_puts_the_cursor_at_the_end_and_typing_adds(started_dir, today):
    """The reference is kept and added to, not replaced; the saved case says so."""
    app = make_app(started_dir, today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        await pilot.press("tab", "shift+tab")  # into the reference again, as from another field
        await pilot.pause()
        ref = form.query_one("#field-ref", Input)
        assert app.focused is ref and ref.cursor_position == len(ref.value) and ref.selection.is_empty
        await type_text(pilot, "-B")
        await pilot.press("ctrl+s")
        await settle(pilot)
    with reopen(started_dir) as folio:
        assert folio.case("SM-T-001-B") is not None and folio.case("SM-T-001") is None


async def test_a_problem_in_another_section_shows_that_section_at_its_field(started_dir, today):
    """ctrl+s from the timeline with bad hours: the Hours section comes up, the cursor in the bad field."""
    app = make_app(started_dir, today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        form.query_one("#field-meeting_hours", Input).value = "three"
        form.set_focus(form.reveal("date_fixed"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.query_one(TabbedContent).active == "section-hours"
        assert app.focused is form.editor("meeting_hours")


async def test_a_late_focus_on_a_field_of_a_section_left_keeps_the_cursor_in_the_section_on_show(started_dir, today):
    """A list refocuses itself a moment after its choice; on a busy machine that can arrive after PgDn has shown
    the next section. The next section stays on show with the cursor in its first field, and what is typed goes
    there (the late focus used to bring the first section back, or leave the focus nowhere). With nothing
    focused, a field of a hidden section asked for gives the first field shown."""
    app = make_app(started_dir, today)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "a")
        tabs = form.query_one(TabbedContent)
        status = form.editor("status")
        status.focus()
        await settle(pilot)
        await pilot.press("pagedown")
        status.focus()  # what the Status list does after a choice, arriving late
        await settle(pilot)
        assert tabs.active == "section-hours"
        assert app.focused is form.editor("prep_hours")
        await type_text(pilot, "3")
        await settle(pilot)
        assert form.editor("prep_hours").value == "3"
        await pilot.press("tab")
        await settle(pilot)
        form.set_focus(None)
        app.set_focus(form.editor("date"))
        await settle(pilot)
        assert tabs.active == "section-hours"
        assert app.focused is form.editor("prep_hours")

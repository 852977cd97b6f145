"""The Reflections screen and editor, driven with keys through the real app on a real folio file."""

from __future__ import annotations

import pytest

from sendfolio.domain.records import DEBRIEF_TITLES, Reflection
from sendfolio.tui.app import SendfolioApp
from sendfolio.tui.screens.reflection_editor import ReflectionEditor
from sendfolio.tui.screens.reflections import ReflectionsScreen
from sendfolio.tui.views.areas import AREAS
from sendfolio.tui.views.reflection_templates import TEMPLATES, template_body, word_count
from sendfolio.tui.widgets.areabar import AreaBar
from tests.helpers.tui import enter, saved, settle

SIZE = (80, 24)
"""The smallest terminal the app must be readable in."""


async def new_from_template(pilot, downs: int) -> ReflectionEditor:
    """Go to Reflections, press a and pick the template `downs` places below the blank page."""
    await pilot.pause()
    await pilot.press("4")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReflectionsScreen)
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*["down"] * downs, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReflectionEditor)
    return pilot.app.screen


async def test_new_reflection_from_rolfe_is_saved_with_its_headings(folio, folio_dir, today):
    """Rolfe's three headings start the body; title and hours typed; ctrl+s puts it in the file."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        editor = await new_from_template(pilot, 2)
        assert "What? So what? Now what?" in editor.heading
        await enter(pilot, "A hard joint meeting")
        await pilot.press("shift+tab")
        await enter(pilot, "0.5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor and app.folio.data().reflections == ()
        assert "no words of the mediator's own" in str(editor.query_one("#errors").render())
        editor.query_one("#body").insert("Both parties spoke at once.\n", (2, 0))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionsScreen)
        assert app.screen.query_one("#reflections-table").row_count == 1
    [reflection] = saved(folio).reflections()
    assert (reflection.title, reflection.hours, reflection.date) == ("A hard joint meeting", 0.5, today)
    for heading in ("## What?", "## So what?", "## Now what?"):
        assert heading in reflection.body
    assert "<!-- Describe the situation and your part in it. -->" in reflection.body
    assert "Both parties spoke at once." in reflection.body


async def test_bad_hours_are_shown_inline_and_nothing_is_saved(folio, folio_dir, today):
    """Hours of 0 are refused beside the form; leaving asks first; the file stays empty."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        editor = await new_from_template(pilot, 1)
        await enter(pilot, "Gibbs on a withdrawn case")
        await pilot.press("shift+tab")
        await enter(pilot, "0")
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = str(editor.query_one("#errors").render())
        assert "hours: must be hours from more than 0 to 100" in errors
        assert editor.query_one("#hours").has_class("-invalid")
        await pilot.press("escape")
        await pilot.pause()
        assert "not saved" in str(app.screen.query_one("#leave-question").render())
        await pilot.press("d")  # Discard
        await pilot.pause()
        assert isinstance(app.screen, ReflectionsScreen)
    assert saved(folio).reflections() == ()


async def test_delete_asks_then_removes_the_reflection(folio, folio_dir, today):
    """d asks; n keeps it, y removes it from the file."""
    folio.put(Reflection.from_dict({"date": "2026-11-01", "hours": "1", "title": "To go", "body": "text"}))
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert len(folio.reflections()) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert saved(folio).reflections() == ()


async def test_editing_keeps_the_id_and_links_the_case(folio, folio_dir, today):
    """Enter opens the highlighted reflection; a changed title replaces it rather than adding one."""
    folio.put(Reflection.from_dict({"date": "2026-11-01", "hours": "1", "title": "Draft", "body": "Words here"}))
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ReflectionEditor)
        assert "2 words" in str(editor.query_one("#word-count").render())
        editor.query_one("#title").focus()
        await pilot.press("end")
        await enter(pilot, " final")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [reflection] = saved(folio).reflections()
    assert reflection.title == "Draft final"


def test_templates_hold_the_models_headings():
    """Gibbs, Rolfe, Kolb and the Form 3 de-brief headings are offered, as data."""
    keys = [item.key for item in TEMPLATES]
    assert keys == ["blank", "gibbs", "rolfe", "kolb", "debrief"]
    assert "## Action plan" in template_body("gibbs")
    assert "## Active experimentation" in template_body("kolb")
    for title in DEBRIEF_TITLES.values():
        assert f"## {title}" in template_body("debrief")
    assert template_body("blank") == ""


def test_word_count_ignores_markdown_marks():
    """Heading marks and bullets are not words."""
    assert word_count("## What?\n\n- one two\n\n_three_") == 4


async def test_the_focused_header_field_of_the_editor_stands_out(folio, folio_dir, today):
    """Date, hours, title, case and CPD each look different focused from how they look unfocused."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await new_from_template(pilot, 0)
        for name in ("date", "hours", "title", "case", "cpd"):
            field = editor.query_one(f"#{name}")
            shown = field.query_one("SelectCurrent") if name in ("case", "cpd") else field
            editor.query_one("#body").focus()
            await pilot.pause()
            unfocused = shown.background_colors[1]
            field.focus()
            await pilot.pause()
            focused = shown.background_colors[1]
            change = sum(abs(a - b) for a, b in zip(focused.rgb, unfocused.rgb, strict=True))
            assert change > 60, f"{name}: {unfocused} -> {focused} is hard to see"


async def leave_by(pilot, way: str) -> None:
    """Go to the case log from the editor as a person would: a click on "2 Cases" in the area bar, or the palette."""
    if way == "palette":
        await pilot.press("ctrl+p")
        await pilot.pause()
        await enter(pilot, "go to Cases")
        await pilot.pause(0.5)
        await pilot.press("enter")
        return
    offset = 0
    for area in AREAS:
        if area.mode == "cases":
            break
        offset += len(area.key) + len(area.title) + 2
    await pilot.click(AreaBar, offset=(offset + 1, 0))


@pytest.mark.parametrize("way", ["area-bar", "palette"])
async def test_the_editor_closed_by_going_to_another_area_opens_again(folio, folio_dir, today, way):
    """The editor open on a reflection, another area chosen, then back: the list, and e opens the editor again
    (and saves); no worker is left waiting for the editor that was closed."""
    folio.put(Reflection.from_dict({"date": "2026-11-01", "hours": "1", "title": "Draft", "body": "Words here"}))
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        reflections = app.screen
        assert isinstance(reflections, ReflectionsScreen)

        def waiting() -> list:
            return [worker for worker in app.workers if worker.node is reflections and not worker.is_finished]

        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionEditor)
        assert len(waiting()) == 1, "the list waits for its editor"
        await leave_by(pilot, way)
        await settle(pilot)
        assert app.current_mode == "cases"
        assert waiting() == [], "closed by the move: the list's worker has its answer"
        await pilot.press("4")
        await settle(pilot)
        assert app.screen is reflections
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ReflectionEditor)
        editor.query_one("#title").focus()
        await pilot.press("end")
        await enter(pilot, " again")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is reflections
        assert "Draft again" in str(reflections.query_one("#reflection-preview").source)
        assert waiting() == []
    [reflection] = saved(folio).reflections()
    assert reflection.title == "Draft again"

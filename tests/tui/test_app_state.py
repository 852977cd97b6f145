"""App state: one FolioChanged per save, a shared year, unsaved work on quit and hang-up, switching folios."""

from __future__ import annotations

import os
import signal

from textual.widgets import DataTable, Input, TextArea

from sendfolio.domain.records import CPDEntry
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.dialogs.forms import EditRecordScreen
from sendfolio.tui.dialogs.unsaved import UnsavedScreen
from sendfolio.tui.screens.cpd import CPDScreen
from sendfolio.tui.screens.dashboard import DashboardScreen
from sendfolio.tui.screens.reflection_editor import ReflectionEditor
from sendfolio.tui.support.messages import FolioChanged
from tests.helpers.tui import SIZE, enter, make_app, reopen, settle

ENTRY = {"date": "2026-11-20", "hours": "2", "method": "reading", "title": "Reading on the SEND Code"}
"""A fictional CPD entry inside the registration year of the tests' today."""


async def goto(pilot, key: str) -> None:
    """Switch area by its key and let the screen draw."""
    await pilot.press(key)
    await settle(pilot)


async def test_one_save_posts_one_folio_changed_and_a_hidden_screen_catches_up(started_dir, today):
    """A save anywhere posts one FolioChanged; the CPD table, hidden at the time, shows it when next shown."""
    app = make_app(started_dir, today)
    seen: list[FolioChanged] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "5")
        rows = app.screen.query_one(DataTable).row_count
        await goto(pilot, "1")
        app.folio_changed_signal.subscribe(app.screen, seen.append)
        app.folio.put(CPDEntry.from_dict(ENTRY))
        await settle(pilot)
        assert len(seen) == 1
        await goto(pilot, "5")
        assert isinstance(app.screen, CPDScreen)
        assert app.screen.query_one(DataTable).row_count == rows + 1


async def test_the_year_on_show_is_shared_by_every_area(started_dir, today):
    """[ in CPD steps back a year; PPC and Compile show that year too (one reactive year on the app)."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        start = app.year
        await goto(pilot, "5")
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.year == start - 1
        assert str(start - 1) in str(app.screen.query_one("#cpd-year").render())
        await goto(pilot, "6")
        assert str(start - 1) in str(app.screen.query_one("#ppc-year").render())


async def open_new_cpd_form(pilot) -> None:
    """In CPD, open the add form and type a title."""
    await goto(pilot, "5")
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EditRecordScreen)
    pilot.app.screen.query_one("#field-title", Input).value = "Half-typed entry"
    await pilot.pause()


async def test_ctrl_q_with_an_unsaved_form_asks_and_cancel_keeps_it(started_dir, today):
    """ctrl+q over a changed form asks; Escape cancels and the form is still there, unchanged."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new_cpd_form(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, EditRecordScreen)
        assert app.screen.query_one("#field-title", Input).value == "Half-typed entry"


async def test_ctrl_q_then_discard_closes_without_saving(started_dir, today):
    """d in the question closes the app; nothing is saved."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new_cpd_form(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert not app.is_running
    with reopen(started_dir) as folio:
        assert folio.cpd() == ()


async def test_ctrl_q_then_save_saves_the_form_and_closes(started_dir, today):
    """s saves a valid form, then closes; an invalid one stays open showing what to fix."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new_cpd_form(pilot)
        form = app.screen
        form.query_one("#field-hours", Input).value = "1.5"
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert app.is_running and app.screen is form  # no method chosen: the form shows the problem
        form.query_one("#field-method").value = "reading"
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await settle(pilot)
        assert not app.is_running
    with reopen(started_dir) as folio:
        assert [entry.title for entry in folio.cpd()] == ["Half-typed entry"]


async def test_q_quits_from_a_list_screen_when_nothing_is_unsaved(started_dir, today):
    """q on the dashboard closes the app."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running


async def test_q_typed_in_a_form_is_text_not_quit(started_dir, today):
    """q in a form's text field is a letter: the app stays open."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_new_cpd_form(pilot)
        app.screen.query_one("#field-title", Input).focus()
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running and "q" in app.screen.query_one("#field-title", Input).value


async def write_reflection(pilot, body: str) -> ReflectionEditor:
    """Open a new blank reflection and type into its body."""
    await goto(pilot, "4")
    await pilot.press("n")
    await settle(pilot)
    if not isinstance(pilot.app.screen, ReflectionEditor):
        await pilot.press("enter")
        await settle(pilot)
    editor = pilot.app.screen
    assert isinstance(editor, ReflectionEditor)
    editor.query_one("#title", Input).value = "Kept by the hang-up"
    editor.query_one("#body", TextArea).text = body
    await pilot.pause()
    return editor


async def test_sighup_keeps_an_encrypted_draft_that_the_next_open_offers(started_dir, today):
    """SIGHUP with a reflection half-written: a draft is kept (encrypted like the folio) and offered next time."""
    from sendfolio.store import Folio, crypto

    with Folio.open(started_dir) as folio:
        folio.change_codec(crypto.new_codec("fictional passphrase one", crypto.TEST_PARAMS))
        codec = folio.codec
    app = make_app(started_dir, today, folio=Folio.open(started_dir, codec=codec))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await write_reflection(pilot, "What the joint meeting taught me about pacing.")
        os.kill(os.getpid(), signal.SIGHUP)
        await settle(pilot)
        assert not app.is_running
    app.folio.close()
    drafts = list((started_dir / "drafts").glob("*.json"))
    assert len(drafts) == 1
    assert b"pacing" not in drafts[0].read_bytes()
    again = make_app(started_dir, today, folio=Folio.open(started_dir, codec=codec))
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "4")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(again.screen, ConfirmScreen), "a kept draft is offered at once (no template to choose)"
        await pilot.press("y")
        await settle(pilot)
        editor = again.screen
        assert isinstance(editor, ReflectionEditor)
        assert editor.query_one("#body", TextArea).text == "What the joint meeting taught me about pacing."
        assert editor.query_one("#title", Input).value == "Kept by the hang-up"
    again.folio.close()


async def test_switch_to_the_demo_and_back_without_restarting(started_dir, today):
    """From the palette: the demo opens (own folio untouched), then our own folio again."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        own = app.folio.data_dir
        await pilot.press("ctrl+p")
        await enter(pilot, "open the demo")
        await pilot.pause(0.5)
        await pilot.press("enter")
        for _ in range(50):
            await settle(pilot)
            if app.is_demo and isinstance(app.screen, DashboardScreen):
                break
        assert app.is_demo and app.folio.data_dir != own and len(app.folio.cases()) > 1
        await pilot.press("ctrl+p")
        await enter(pilot, "open my own")
        await pilot.pause(0.5)
        await pilot.press("enter")
        for _ in range(50):
            await settle(pilot)
            if not app.is_demo and app.folio.data_dir == own:
                break
        assert not app.is_demo and app.folio.data_dir == own
        assert [case.ref for case in app.folio.cases()] == ["SM-T-001"]


async def test_open_another_data_folder_by_typing_its_path(started_dir, tmp_path, today):
    """Open another data folder: type the path; the app shows that folio (a new one gets the welcome)."""
    from sendfolio.tui.dialogs.firstrun import WelcomeScreen

    other = tmp_path / "second"
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_open_folder()
        await settle(pilot)
        field = app.screen.query_one("#ask-text", Input)
        field.value = ""
        await enter(pilot, str(other))
        await pilot.press("enter")
        for _ in range(50):
            await settle(pilot)
            if isinstance(app.screen, WelcomeScreen):
                break
        assert isinstance(app.screen, WelcomeScreen)
        assert app.folio.data_dir == other and (other / "folio.json").exists()


async def test_the_reflection_editor_autosaves_a_draft_and_forgets_it_when_discarded(started_dir, today):
    """A pause in typing keeps a draft beside the folio; leaving without saving removes it."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await write_reflection(pilot, "Notes on a long joint meeting.")
        await pilot.pause(2.5)
        draft = started_dir / "drafts" / "reflection-new.json"
        assert draft.exists() and "long joint meeting" in draft.read_text()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")  # Discard
        await settle(pilot)
        assert not draft.exists()

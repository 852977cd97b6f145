"""Keep the saving promise (issue #20, item 7): a form keeps a draft as the reflection editor does; Esc on a
changed form offers Keep as draft / Discard / Keep editing; opening it again brings the draft back; a damaged
or hostile draft file is said in one line, set aside, and never crashes the app."""

from __future__ import annotations

import json
import os

import pytest
from textual.widgets import Input, Label, TextArea

from sendfolio.store import Folio, crypto
from sendfolio.store.drafts import draft_path, load_draft
from sendfolio.tui.dialogs import form_drafts
from sendfolio.tui.dialogs.case_form import CaseFormScreen, DebriefScreen
from sendfolio.tui.dialogs.firstrun import WELCOME_TEXT
from sendfolio.tui.dialogs.forms import EditRecordScreen
from sendfolio.tui.dialogs.leave_form import LeaveFormScreen
from sendfolio.tui.screens.caselog import CaseLogScreen
from sendfolio.tui.screens.cpd import CPDScreen
from tests.helpers.tui import SIZE, make_app, reopen, settle, type_text

NAME = "form-case-sm-t-001"
"""The draft of the case form of SM-T-001 (the started folio's case)."""


async def open_form(pilot) -> CaseFormScreen:
    """The case log, then the form of its case."""
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CaseFormScreen)
    assert pilot.app.screen.draft_name == NAME
    return pilot.app.screen


async def type_a_note(pilot, form: CaseFormScreen, words: str) -> None:
    """Type into the case's notes, as the mediator would."""
    form.set_focus(form.reveal("notes"))
    await pilot.pause()
    await type_text(pilot, words)


async def test_esc_keeps_a_draft_and_opening_the_form_again_brings_it_back(started_dir, today):
    """Esc, k: the form closes with the note kept on disk; e again: the note is back; ctrl+s: saved, draft gone."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await type_a_note(pilot, form, "Parents met twice")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LeaveFormScreen)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, CaseLogScreen)
        assert load_draft(app.current_folio, NAME)["notes"] == "Parents met twice"
        assert app.current_folio.case("SM-T-001").notes == ""
        form = await open_form(pilot)
        assert form.query_one("#field-notes", TextArea).text == "Parents met twice"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseLogScreen)
        assert load_draft(app.current_folio, NAME) is None
    with reopen(started_dir) as folio:
        assert folio.case("SM-T-001").notes == "Parents met twice"


async def test_a_draft_goes_once_a_large_folios_save_stands(started_dir, today, monkeypatch):
    """A large folio is saved in a thread after the form has closed: its draft goes once that save stands."""
    from sendfolio.tui.support import saving

    monkeypatch.setattr(saving, "INLINE_BYTES", 0)  # this small folio is saved as a large one is
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await type_a_note(pilot, form, "Parents met twice")
        form.keep_draft()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseLogScreen)
        assert app.current_folio.case("SM-T-001").notes == "Parents met twice"
        assert load_draft(app.current_folio, NAME) is None


async def test_discard_forgets_and_keep_editing_stays(started_dir, today):
    """Esc then Esc keeps editing; Esc then d discards the changes and any draft."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await type_a_note(pilot, form, "Half a thought")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form and form.query_one("#field-notes", TextArea).text == "Half a thought"
        form.keep_draft()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, CaseLogScreen)
        assert load_draft(app.current_folio, NAME) is None
        assert app.current_folio.case("SM-T-001").notes == ""


async def test_an_unchanged_form_closes_without_asking(started_dir, today):
    """Esc on a form nothing was typed into: closed at once, no question, no draft."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseLogScreen)
        assert not draft_path(app.current_folio, NAME).exists()


async def leave_keeping_a_draft(pilot) -> None:
    """Esc, then k (Keep as draft): back on the area."""
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(pilot.app.screen, LeaveFormScreen)
    await pilot.press("k")
    await settle(pilot)


async def test_a_new_records_draft_comes_back_in_the_next_new_form(started_dir, today):
    """A new CPD entry half typed, kept as a draft: the next 'a' opens the form with it; Discard forgets it."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditRecordScreen) and form.draft_name == "form-cpd-new"
        form.set_focus(form.editor("title"))
        await pilot.pause()
        await type_text(pilot, "Reading on the SEND Code")
        await leave_keeping_a_draft(pilot)
        assert isinstance(app.screen, CPDScreen) and app.current_folio.cpd() == ()
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditRecordScreen) and form.values()["title"] == "Reading on the SEND Code"
        hint = str(form.query_one("#form-hint", Label).render())
        assert hint == "Your draft is back: ctrl+s saves it; Esc, then Discard, forgets it."
        await pilot.press("escape")  # the restored draft is a change: Esc asks again
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, CPDScreen) and load_draft(app.current_folio, "form-cpd-new") is None
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.values()["title"] == ""


async def test_the_debrief_keeps_a_draft_too(started_dir, today):
    """The de-brief of a case: Esc, Keep as draft; b again brings the notes back; ctrl+s saves them."""
    name = "form-debrief-sm-t-001"
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen) and debrief.draft_name == name
        await pilot.press("space")  # De-brief held
        area = debrief.query(TextArea).first()
        debrief.set_focus(area)
        await pilot.pause()
        await type_text(pilot, "Pacing the joint meeting")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")  # Keep editing
        await settle(pilot)
        assert app.screen is debrief
        await leave_keeping_a_draft(pilot)
        assert isinstance(app.screen, CaseLogScreen)
        kept = load_draft(app.current_folio, name)
        assert kept["debriefed"] is True and "Pacing the joint meeting" in kept.values()
        assert not app.current_folio.case("SM-T-001").debriefed
        await pilot.press("b")
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen) and debrief.values()["debriefed"] is True
        assert str(debrief.query_one("#form-hint", Label).render()).startswith("Your draft is back:")
        assert "Pacing the joint meeting" in debrief.values()["debrief"].values()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseLogScreen) and load_draft(app.current_folio, name) is None
    with reopen(started_dir) as folio:
        case = folio.case("SM-T-001")
        assert case.debriefed and "Pacing the joint meeting" in case.debrief.values()


async def test_a_cases_draft_is_never_offered_in_another_cases_form(started_dir, today):
    """SM-T-001 and SM/T/001 (and sm-t-001) are three cases: a draft of one is not shown in the others' forms."""
    from sendfolio.tui.dialogs.form_drafts import ref_word
    from tests.helpers.tui import sample_case

    assert len({ref_word(ref) for ref in ("SM-T-001", "SM/T/001", "sm-t-001", "SM--T-001")}) == 4
    with Folio.open(started_dir) as folio:
        folio.put(sample_case("SM/T/001", "2026-10-02"))
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)  # SM-T-001's
        await type_a_note(pilot, form, "Only for SM-T-001")
        await leave_keeping_a_draft(pilot)
        other = CaseFormScreen(app.current_folio.case("SM/T/001"), app.current_folio, today)
        app.push_screen(other)
        await settle(pilot)
        assert other.draft_name != NAME and other.query_one("#field-notes", TextArea).text == ""


def test_each_record_has_a_draft_of_its_own():
    """A draft is named by the record's key in the folio: an observation's by its case, criterion and observer."""
    from sendfolio.domain.records import CPDEntry, Observation
    from sendfolio.tui.screens.checklist import NOTE_SPECS

    def name(record_type, initial):
        return EditRecordScreen(record_type, NOTE_SPECS, initial=initial).draft_name

    first, second = (Observation(ref="SM-T-001", criterion=criterion) for criterion in ("f1.a.1", "f1.a.2"))
    assert name(Observation, first) != name(Observation, second)
    assert name(Observation, first) == name(Observation, Observation(ref="SM-T-001", criterion="f1.a.1"))
    assert name(CPDEntry, None) == "form-cpd-new"


async def test_tab_into_a_debrief_note_puts_the_cursor_at_its_end(started_dir, today):
    """A note already written: Tab from 'De-brief held' into it, and what is typed follows it."""
    with Folio.open(started_dir) as folio:
        case = folio.case("SM-T-001")
        folio.put(case.with_changes(debrief={"strengths": "Clear ground rules."}))
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, " Calm pace.")
        assert app.screen.values()["debrief"]["strengths"] == "Clear ground rules. Calm pace."


async def test_a_forms_draft_is_encrypted_when_the_folio_is(started_dir, today):
    """On disk the draft holds no word of what was typed; the app (with the passphrase) brings it back; a
    plain draft put there from elsewhere is not believed: set aside, said in one line."""
    with Folio.open(started_dir) as folio:
        folio.change_codec(crypto.new_codec("fictional passphrase one", crypto.TEST_PARAMS))
        codec = folio.codec
    app = make_app(started_dir, today, folio=Folio.open(started_dir, codec=codec))
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await type_a_note(pilot, form, "Parents met twice")
        await leave_keeping_a_draft(pilot)
        stored = draft_path(app.current_folio, NAME).read_bytes()
        assert b"Parents" not in stored and b"notes" not in stored and b"SM-T-001" not in stored
        assert codec.decode(stored).startswith(b"{")
        form = await open_form(pilot)
        assert form.query_one("#field-notes", TextArea).text == "Parents met twice"
    app.folio.close()
    path = started_dir / "drafts" / f"{NAME}.json"
    path.write_text(json.dumps({"notes": "a plain draft from another folio"}))  # not written under this passphrase
    again = make_app(started_dir, today, folio=Folio.open(started_dir, codec=codec))
    async with again.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        notices = [str(note.message) for note in again._notifications if note.title == "Draft"]
        assert notices == [
            "A draft of this form could not be used: it is damaged or was written under another passphrase; "
            f"it is set aside as drafts/{NAME}.unreadable-1."
        ]
        assert form.query_one("#field-notes", TextArea).text == ""


async def test_the_reflection_editor_asks_as_the_forms_do(started_dir, today):
    """Esc in the editor with changes: Keep as draft goes back to the list, which says a draft waits."""
    from textual.widgets import Input

    from sendfolio.tui.screens.reflection_editor import ReflectionEditor
    from sendfolio.tui.screens.reflections import ReflectionsScreen

    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        if not isinstance(app.screen, ReflectionEditor):  # the template chooser: the first template
            await pilot.press("enter")
            await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ReflectionEditor)
        editor.query_one("#title", Input).value = "Pacing a joint meeting"
        await pilot.pause()
        await leave_keeping_a_draft(pilot)
        assert isinstance(app.screen, ReflectionsScreen)
        assert load_draft(app.current_folio, "reflection-new")["title"] == "Pacing a joint meeting"
        assert app.current_folio.reflections() == ()


async def test_discard_when_quitting_forgets_the_draft_kept_while_typing(started_dir, today):
    """ctrl+q over a changed form, then Discard: closed, and no draft of it is offered next time."""
    from sendfolio.tui.dialogs.unsaved import UnsavedScreen

    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await type_a_note(pilot, form, "Half a thought")
        form.keep_draft()  # as a pause in typing does
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("d")
        await settle(pilot)
    assert not (started_dir / "drafts" / f"{NAME}.json").exists()


async def test_a_draft_holding_only_what_the_record_holds_is_not_offered(started_dir, today):
    """A draft of the very values saved (kept just before the save stood): removed, not offered as a change."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.keep_draft()
    assert (started_dir / "drafts" / f"{NAME}.json").exists()
    again = make_app(started_dir, today)
    async with again.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert not form.draft and not form.has_changes()
        assert not [note for note in again._notifications if (note.title or "").startswith("Draft")]
    assert not (started_dir / "drafts" / f"{NAME}.json").exists()


async def test_a_draft_is_kept_a_moment_after_typing_stops(started_dir, today, monkeypatch):
    """As in the editor: no key to press; the draft is on disk after a pause (a short one here)."""
    monkeypatch.setattr(form_drafts, "FORM_DRAFT_DELAY", 0.05)
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.set_focus(form.reveal("ref"))
        await pilot.pause()
        await type_text(pilot, "-B")
        await pilot.pause(0.3)
        await settle(pilot)
        assert load_draft(app.current_folio, NAME)["ref"] == "SM-T-001-B"


HOSTILE = {
    "garbage": b"\x00\xff not json at all",
    "deep": b"[" * 200_000,
    "a list": b"[1, 2, 3]",
    "wrong types": json.dumps(
        {
            "date": {"day": 1},
            "issues": 5,
            "health_care": "yes",
            "status": "exploded",
            "notes": "x" * 1_000_000,
            "ref": "SM-T-001-D",
        }
    ).encode(),
}
"""Draft files written to break the form: damaged, nested past any parser's depth, not a mapping, wrong values."""


@pytest.mark.parametrize("kind", list(HOSTILE))
async def test_a_damaged_or_hostile_draft_is_said_in_one_line_and_the_form_opens(started_dir, today, kind):
    """The form opens; one line says what could not be used; what can be used is; nothing crashes."""
    with Folio.open(started_dir) as folio:
        path = draft_path(folio, NAME)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    path.write_bytes(HOSTILE[kind])
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        notices = [str(note.message) for note in app._notifications if note.title == "Draft"]
        assert len(notices) == 1 and "\n" not in notices[0]
        if kind == "wrong types":
            assert notices[0] == "Part of the draft of this form could not be used: 5 fields left as saved."
            assert form.query_one("#field-ref", Input).value == "SM-T-001-D"
            assert form.values()["status"] == "held" and not form.values()["health_care"]
        else:
            assert notices[0].startswith("A draft of this form could not be used: it is damaged")
            assert "set aside as drafts/form-case-sm-t-001.unreadable-1" in notices[0]
            assert form.values()["ref"] == "SM-T-001"
    if kind != "wrong types":
        assert not path.exists() and path.with_name(f"{NAME}.unreadable-1").read_bytes() == HOSTILE[kind]


async def test_the_identifier_check_applies_to_a_restored_draft(started_dir, today):
    """A draft holding a postcode (written outside the app): restored, but ctrl+s warns under the field first."""
    from sendfolio.store.drafts import save_draft

    with Folio.open(started_dir) as folio:
        save_draft(folio, NAME, {"notes": "Met at the school, SW1A 1AA"})
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert form.query_one("#field-notes", TextArea).text == "Met at the school, SW1A 1AA"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and "SW1A 1AA" in str(form.query_one("#error-notes", Label).render())
        assert app.current_folio.case("SM-T-001").notes == ""


async def test_a_huge_draft_is_not_read_but_set_aside(started_dir, today):
    """A draft file larger than any form's (17 MB): never read in, set aside whole, said in one line."""
    from sendfolio.store.drafts import DRAFT_MAX_BYTES

    with Folio.open(started_dir) as folio:
        path = draft_path(folio, NAME)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(DRAFT_MAX_BYTES + 1024 * 1024)  # sparse: no disk used
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        notices = [str(note.message) for note in app._notifications if note.title == "Draft"]
        assert len(notices) == 1 and "\n" not in notices[0]
        assert "could not be read (it is 17.0 MB, more than sendfolio reads)" in notices[0], notices
        assert form.values()["notes"] == ""
    aside = path.with_name(f"{NAME}.unreadable-1")
    assert not path.exists() and aside.stat().st_size == DRAFT_MAX_BYTES + 1024 * 1024


async def test_a_draft_that_is_a_link_or_a_pipe_is_never_followed(started_dir, today, tmp_path):
    """A link to another file, or a pipe, is refused (never read, never waited on) and said in one line."""
    secret = tmp_path / "elsewhere.json"
    secret.write_text(json.dumps({"notes": "not the mediator's draft"}))
    with Folio.open(started_dir) as folio:
        path = draft_path(folio, NAME)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    for make in (lambda: path.symlink_to(secret), lambda: os.mkfifo(path)):
        make()
        app = make_app(started_dir, today)
        async with app.run_test(size=SIZE) as pilot:
            form = await open_form(pilot)
            notices = [str(note.message) for note in app._notifications if note.title == "Draft"]
            assert len(notices) == 1 and "could not be read" in notices[0]
            assert form.query_one("#field-notes", TextArea).text == ""
        assert not path.exists() and not path.is_symlink()
        for aside in path.parent.glob(f"{NAME}.unreadable-*"):
            aside.unlink()


def test_the_welcome_says_what_is_saved_when():
    """No 'saved as you type': a record on ctrl+s, a draft after a pause or on Keep as draft, offered back."""
    assert "as you type it in" not in WELCOME_TEXT
    assert "ctrl+s" in WELCOME_TEXT and "draft" in WELCOME_TEXT and "Keep as draft" in WELCOME_TEXT

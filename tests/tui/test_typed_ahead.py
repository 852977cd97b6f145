"""Keys typed ahead land where they were typed (issue 20, "keystrokes right after a form opens went to the
wrong field"): Tab moves on before the next letters arrive, however busy the app is.

A fast typist (or a busy machine) can have several keys waiting at once: a name, Tab, the next field's
text. Tab used to travel up from the field to the screen behind the letters already waiting, so the
next field's text landed at the end of the first. Here all the keys are queued before the app reads
any of them, the worst case.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tests.helpers.tui import SIZE, make_app, reopen, settle


def queue_keys(app, keys: list[str]) -> None:
    """Put every key in the app's queue at once, as a terminal delivers a burst of typing."""
    for key in keys:
        character = {"tab": "\t", "space": " "}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


def letters(text: str) -> list[str]:
    """The keys that type `text`."""
    return ["space" if char == " " else char for char in text]


async def test_text_typed_after_tab_in_a_burst_goes_to_the_next_field(started_dir, today):
    """On a new course: title, Tab, provider, Tab, shift+Tab, all at once: each text in its own field."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#field-title", Input).focus()
        await pilot.pause()
        queue_keys(app, [*letters("Foundation course"), "tab", *letters("Northgate Training"), "tab"])
        await settle(pilot)
        assert form.query_one("#field-title", Input).value == "Foundation course"
        assert form.query_one("#field-provider", Input).value == "Northgate Training"
        assert app.focused is not None and app.focused.id == "field-date"
        queue_keys(app, ["shift+tab", *letters(" Ltd")])
        await settle(pilot)
        assert form.query_one("#field-provider", Input).value == "Northgate Training Ltd"


async def test_a_choice_then_tab_then_text_in_a_burst(started_dir, today):
    """The kind of course chosen from its list (the list seen open), then Enter, Tab and the title all at once."""
    from textual.widgets import Select

    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert app.focused is form.query_one("#field-kind", Select)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)
        queue_keys(app, ["enter", "tab", *letters("SEND module"), "tab", *letters("Westfield")])
        await settle(pilot)
        assert form.query_one("#field-kind", Select).value == "send"
        assert form.query_one("#field-title", Input).value == "SEND module"
        assert form.query_one("#field-provider", Input).value == "Westfield"


async def test_a_status_chosen_then_the_next_section_and_its_first_field_in_a_burst(started_dir, today):
    """The case form: Held chosen from the Status list, PageDown to the hours, the preparation hours typed: the
    hours go in their field, not into the Status list left behind."""
    from textual.widgets import Select

    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#field-status", Select).focus()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        queue_keys(app, ["down", "down", "enter", "pagedown", "3"])
        await settle(pilot)
        assert form.query_one("#field-status", Select).value == "held"
        assert form.query_one("#field-prep_hours", Input).value == "3"
        assert app.focused is form.query_one("#field-prep_hours", Input)


async def test_text_then_ctrl_s_in_a_burst_saves_the_whole_text(started_dir, today):
    """A PPC session: hours, Tab, Tab (past the mode), the topics and ctrl+s all queued at once: the session is
    saved with every character of its topics (ctrl+s never overtakes the text typed before it)."""
    from sendfolio.tui.screens.ppc import PPCScreen

    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(app.screen, PPCScreen)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#field-ppc", Input).focus()
        await pilot.pause()
        topics = "Managing a power imbalance"
        queue_keys(app, [*letters("Casey Morgan"), "tab", "1", "tab", "tab", *letters(topics), "ctrl+s"])
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, PPCScreen)
    (session,) = reopen(started_dir).ppc_sessions()
    assert session.ppc == "Casey Morgan" and session.hours == 1 and session.topics == topics

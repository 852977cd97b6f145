"""One voice (issue 20, item 11): dates as "6 Dec 2026" in the restore list, the unlock button says what it does."""

from __future__ import annotations

import re

from textual.widgets import Button, DataTable

from sendfolio.domain.records import CPDEntry, Profile
from sendfolio.tui.dialogs.unlock import UnlockScreen
from sendfolio.tui.screens.restore import RestoreScreen
from tests.helpers.tui import SIZE, make_app, settle


async def test_the_restore_list_dates_backups_as_the_app_does(started_dir, today):
    """The Saved column reads like "6 Dec 2026 02:16", never "2026-12-06 02:16"."""
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.folio.put(CPDEntry.from_dict({"date": "2026-11-20", "hours": "1", "method": "reading", "title": "Reading"}))
        app.push_screen(RestoreScreen())
        await settle(pilot)
        table = app.screen.query_one("#restore-table", DataTable)
        assert table.row_count >= 1
        saved = str(table.get_row_at(0)[1])
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}", saved), saved


async def test_the_unlock_button_says_what_giving_up_does(started_dir, tmp_path, today):
    """At start it quits; opening another encrypted folio, Esc (the button) stays on the one open."""
    from sendfolio.store import Folio, crypto

    other = tmp_path / "other"
    with Folio.open(other) as folio:
        folio.put(Profile.from_dict({"name": "Sam Example", "membership_body": "COM", "route": "new"}))
        folio.change_codec(crypto.new_codec("fictional passphrase two", crypto.TEST_PARAMS))
    app = make_app(started_dir, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.switch_folio(other)
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert str(app.screen.query_one("#unlock-quit", Button).label) == "Stay on this folio (esc)"
        await pilot.press("escape")
        await settle(pilot)
        assert app.folio is not None and app.folio.case("SM-T-001") is not None
    app = make_app(other, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert str(app.screen.query_one("#unlock-quit", Button).label) == "Quit sendfolio (esc)"


def test_send_is_written_as_send_inside_a_sentence():
    """A SEND course's line keeps "SEND" in capitals where the words start small ("contextual knowledge of SEND")."""
    from sendfolio.domain.records import Training
    from sendfolio.domain.wording import in_sentence
    from sendfolio.tui.screens.profile import course_detail

    course = Training.from_dict(
        {
            "kind": "send",
            "title": "Fictional SEND course",
            "provider": "Fictional Training",
            "date": "2025-03-01",
            "hours": "12",
            "covers": ["send-context", "legislative-framework"],
        }
    )
    line = course_detail(course)
    assert "SEND training" in line and "contextual knowledge of SEND" in line and "legislative framework" in line
    assert " send" not in line.replace("SEND", "")
    assert in_sentence("PPC sessions") == "PPC sessions" and in_sentence("A course") == "a course"


async def test_one_hour_is_written_in_the_singular(folio, folio_dir, today):
    """A folio with one reflection of one hour: the Reflections summary and the requirement say "1 hour"."""
    from sendfolio import rules
    from sendfolio.domain.records import Reflection
    from sendfolio.domain.wording import hours_words
    from sendfolio.tui.app import SendfolioApp
    from tests.helpers.tui import settle

    assert [hours_words(value) for value in (1, 0.5, 12)] == ["1 hour", "0.5 hours", "12 hours"]
    folio.put(Reflection.from_dict({"date": "2026-11-01", "hours": "1", "title": "One hour", "body": "text"}))
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        summary = " ".join(str(widget.render()) for widget in app.screen.query(".summary"))
        assert "1 reflection · 1 hour" in summary and "1 hours" not in summary
    assert "1 hours" not in str(rules.accreditation(folio.data(), today).requirements)

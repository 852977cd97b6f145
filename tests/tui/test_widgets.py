"""The shared widgets on their own: the record form (every kind of field) and the confirm dialog."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Checkbox, Label, SelectionList

from sendfolio.domain.records import SEND_MODULES, TRAINING_KINDS, Case, Training
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.dialogs.forms import EditRecordScreen, FieldSpec
from tests.helpers.tui import choose, enter, sample_case, type_text

TRAINING_SPECS = (
    FieldSpec("kind", "Kind", "choice", options=TRAINING_KINDS),
    FieldSpec("title", "Title", "text"),
    FieldSpec("provider", "Provider", "text"),
    FieldSpec("date", "Date", "date"),
    FieldSpec("hours", "Hours", "hours"),
    FieldSpec("covers", "Covers", "list", options=SEND_MODULES),
)
"""A form with a choice, texts, a date, hours and a list with options."""


class Host(App):
    """A bare app that opens one dialog and keeps its answer."""

    def __init__(self, dialog) -> None:
        """Keep the dialog to open."""
        super().__init__()
        self.dialog = dialog
        self.answers: list = []

    def on_mount(self) -> None:
        """Open the dialog, recording what it dismisses with."""
        self.push_screen(self.dialog, self.answers.append)


async def test_list_field_with_options_is_a_selection_list_and_validates():
    """List field with options is a selection list and validates."""
    host = Host(EditRecordScreen(Training, TRAINING_SPECS, title="New course"))
    async with host.run_test(size=(100, 40)) as pilot:
        await choose(pilot, "send")
        await pilot.press("tab")
        await enter(pilot, "SEND course")
        await pilot.press("tab")
        await enter(pilot, "Example Academy")
        await pilot.press("tab")
        await enter(pilot, "2026-01-03")
        await pilot.press("tab")
        await enter(pilot, "12")
        await pilot.press("tab")
        assert isinstance(host.focused, SelectionList)
        await pilot.press("space", "down", "space", "ctrl+s")
        await pilot.pause()
    [course] = host.answers
    assert course.covers == SEND_MODULES[:2] and course.hours == 12


async def test_whole_record_problems_show_under_their_field():
    """Whole record problems show under their field."""
    host = Host(EditRecordScreen(Training, TRAINING_SPECS, title="New course"))
    async with host.run_test(size=(100, 40)) as pilot:
        await choose(pilot, "foundation")
        await pilot.press("tab")
        await enter(pilot, "Course")
        await pilot.press("tab")
        await enter(pilot, "Academy")
        await pilot.press("tab")
        await enter(pilot, "2026-01-03")
        await pilot.press("tab")
        await enter(pilot, "40")
        await pilot.press("tab", "space", "ctrl+s")
        await pilot.pause()
        error = host.screen.query_one("#error-covers", Label)
        assert error.display and "not covered by foundation training" in str(error.render())
    assert host.answers == []


async def test_yes_no_field_and_fields_without_a_spec_are_kept():
    """Yes no field and fields without a spec are kept."""
    original = sample_case("SM-W-1", "2026-05-05", notes="kept as it was")
    specs = (FieldSpec("debriefed", "De-brief held", "yesno"), FieldSpec("meeting_hours", "Meeting hours", "hours"))
    host = Host(EditRecordScreen(Case, specs, initial=original))
    async with host.run_test(size=(100, 40)) as pilot:
        assert isinstance(host.focused, Checkbox)
        await pilot.press("space", "tab", "ctrl+a", "ctrl+k", "2", "ctrl+s")
        await pilot.pause()
    [case] = host.answers
    assert case.debriefed and case.meeting_hours == 2 and case.notes == "kept as it was" and case.ref == "SM-W-1"


async def test_escape_without_changes_closes_at_once():
    """Escape without changes closes at once."""
    host = Host(EditRecordScreen(Case, (FieldSpec("ref", "Ref", "text"),), initial=sample_case("SM-W-2", "2026-05-05")))
    async with host.run_test() as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert host.answers == [None]


async def test_confirm_answers_and_defaults_to_no():
    """Confirm answers and defaults to no."""
    host = Host(ConfirmScreen("Delete it?"))
    async with host.run_test() as pilot:
        await pilot.press("enter")
        await pilot.pause()
    host2 = Host(ConfirmScreen("Delete it?", yes_label="Remove"))
    async with host2.run_test() as pilot:
        await pilot.press("y")
        await pilot.pause()
    assert host.answers == [False] and host2.answers == [True]


def test_the_areas_are_data_that_widgets_import_not_the_other_way_round():
    """tui/views/areas.py imports no widget, so the area bar can import it without a cycle."""
    import subprocess
    import sys

    code = (
        "import sys, sendfolio.tui.views.areas; print(sorted(m for m in sys.modules if m.startswith('sendfolio.tui.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "sendfolio.tui.widgets" not in loaded
    assert "sendfolio.tui.views.areas" in loaded


async def test_an_error_goes_as_soon_as_its_field_is_fixed():
    """Bad hours show a problem; typing a good number takes it away at once, before saving."""
    host = Host(EditRecordScreen(Training, TRAINING_SPECS, title="New course"))
    async with host.run_test(size=(100, 40)) as pilot:
        form = host.screen
        await choose(pilot, "send")
        await pilot.press("tab")
        await enter(pilot, "SEND course")
        await pilot.press("tab")
        await enter(pilot, "Example Academy")
        await pilot.press("tab")
        await enter(pilot, "2026-01-03")
        await pilot.press("tab")
        await enter(pilot, "lots")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = form.query_one("#error-hours", Label)
        assert error.display and "'lots' is not a number" in str(error.render())
        assert form.query_one("#field-hours").has_focus
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "12")
        await pilot.pause()
        assert not error.display and host.answers == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert host.answers[0].hours == 12


async def test_ticks_read_without_colour():
    """A ticked box shows ✓ and an unticked one a blank, in a checkbox and in a list of options."""
    from sendfolio.tui.dialogs.case_form import CASE_SPECS

    host = Host(EditRecordScreen(Case, CASE_SPECS, initial=sample_case("SM-T-1", "2026-01-05"), title="Case"))
    async with host.run_test(size=(100, 40)) as pilot:
        box = host.screen.query_one("#field-debriefed", Checkbox)
        assert str(box.render()).startswith("▐ ▌")
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value and str(box.render()).startswith("▐✓▌")
    host = Host(EditRecordScreen(Training, TRAINING_SPECS, title="New course"))
    async with host.run_test(size=(100, 40)) as pilot:
        options = host.screen.query_one("#field-covers", SelectionList)
        options.select(SEND_MODULES[1])
        await pilot.pause()
        marks = ["".join(segment.text for segment in list(options.render_line(row))[:3]) for row in range(4)]
        assert marks == ["▐ ▌", "▐✓▌", "▐ ▌", "▐ ▌"]


async def test_the_chosen_radio_button_reads_without_colour():
    """In a set of choices only the chosen one shows ●; the others are blank."""
    from textual.widgets import RadioSet

    from sendfolio.tui.widgets.ticks import TickRadio

    class Choices(App):
        """Two choices, the first chosen."""

        def compose(self):
            """A radio set of two."""
            with RadioSet():
                yield TickRadio("Portfolio", value=True, id="one")
                yield TickRadio("Renewal pack", id="two")

    app = Choices()
    async with app.run_test(size=(60, 10)) as pilot:
        one, two = app.query_one("#one"), app.query_one("#two")
        assert str(one.render()).startswith("▐●▌") and str(two.render()).startswith("▐ ▌")
        two.value = True
        await pilot.pause()
        assert str(one.render()).startswith("▐ ▌") and str(two.render()).startswith("▐●▌")

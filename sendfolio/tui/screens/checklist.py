"""One case's observation checklist: the criteria of Forms 1–3, ticked when shown.

The criteria come from `standards.criteria_by_form_section()`, grouped by form and section.
Space or Enter ticks or unticks the highlighted criterion; n adds or edits its evidence note
(and the observer). Each tick is an Observation record, saved through the Folio at once;
unticking a criterion that has a note asks first, so no evidence is lost on a slip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sendfolio.domain.criteria import CRITERIA, Criterion, criteria_by_form_section
from sendfolio.domain.records import Observation
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.dialogs.forms import EditRecordScreen, FieldSpec
from sendfolio.tui.views import caseops
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter

if TYPE_CHECKING:
    from sendfolio.tui.support.host import HostApp

NOTE_SPECS = (
    FieldSpec("observer", "Observed by", "text", help="Who saw you demonstrate this (the case's observer by default)."),
    FieldSpec("notes", "Evidence note", "multiline", help="What you did that shows this criterion. No names."),
)
"""The fields of an evidence note."""


def criterion_prompt(item: Criterion, found: Observation | None) -> Text:
    """A criterion's line: its tick box and text, and its evidence note if any."""
    text = Text("[x] " if found else "[ ] ", style="bold green" if found else "bold")
    text.append(item.text)
    if found and found.notes:
        text.append(f"\n    Evidence: {found.notes}", style="italic")
    if found and found.returned:
        text.append(f"\n    On a returned form: {found.provenance}", style="italic")
    return text


class ChecklistScreen(Screen):
    """Tick the Forms 1–3 criteria shown in one case, with evidence notes."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    TITLE = "Observation checklist"
    """The screen's name in help."""

    HELP = (
        "The criteria of observation Forms 1–3. Tick those you demonstrated in this case: over your "
        "practice cases every criterion must be shown at least once (Coverage, 3). Space or Enter ticks; "
        "n writes the evidence note."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick / untick"),
        Binding("n", "note", "Evidence note"),
        Binding("escape", "back", "Back"),
    ]
    """Space (or Enter) ticks; n edits the note; Escape goes back."""

    def __init__(self, ref: str, criterion: str | None = None) -> None:
        """Keep the case's reference and the criterion to start on."""
        super().__init__()
        self.ref = ref
        self.start_at = criterion

    def compose(self) -> ComposeResult:
        """A title, the list of criteria, and a summary line."""
        yield AreaBar()
        yield Static(f"Criteria shown in case {self.ref}", id="checklist-title", classes="section-title")
        yield OptionList(*self._options(), id="checklist")
        yield Static("", id="checklist-note")
        yield AppFooter()

    def _options(self) -> list[Option]:
        """A heading per form and section, then one option per criterion."""
        options: list[Option] = []
        for (form, section), items in criteria_by_form_section().items():
            heading = Text(f"Form {form} · {items[0].form_title} · {section}", style="bold reverse")
            options.append(Option(heading, disabled=True))
            for item in items:
                found = caseops.observation(self.app.current_folio, self.ref, item.id)
                options.append(Option(criterion_prompt(item, found), id=item.id))
        return options

    def on_mount(self) -> None:
        """Focus the list, on the requested criterion or the first one."""
        checklist = self.query_one("#checklist", OptionList)
        checklist.focus()
        target = self.start_at or CRITERIA[0].id
        checklist.highlighted = checklist.get_option_index(target)
        self.show_summary()

    def show_summary(self) -> None:
        """How many criteria this case shows."""
        shown = len(self.app.current_folio.observations(self.ref))
        self.query_one("#checklist-note", Static).update(
            f"{shown} of {len(CRITERIA)} criteria shown in this case. Space ticks, n adds evidence, Esc goes back."
        )

    def highlighted(self) -> str | None:
        """The id of the highlighted criterion."""
        option = self.query_one("#checklist", OptionList).highlighted_option
        return option.id if option is not None else None

    def redraw(self, criterion_id: str) -> None:
        """Redraw one criterion's line after a change."""
        found = caseops.observation(self.app.current_folio, self.ref, criterion_id)
        item = next(item for item in CRITERIA if item.id == criterion_id)
        self.query_one("#checklist", OptionList).replace_option_prompt(criterion_id, criterion_prompt(item, found))
        self.show_summary()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter ticks or unticks."""
        event.stop()
        self.action_tick()

    def action_tick(self) -> None:
        """Tick the highlighted criterion, or untick it (asking first if it has a note)."""
        criterion_id, case = self.highlighted(), self.app.current_folio.case(self.ref)
        if criterion_id is None or case is None:
            return
        found = caseops.observation(self.app.current_folio, self.ref, criterion_id)
        if found is None:
            caseops.tick_criterion(self.app.current_folio, case, criterion_id)
            self.redraw(criterion_id)
        elif not found.notes and not found.returned:
            self._untick(found, True)
        else:
            words = f"what {found.observer} returned on their form" if found.returned else "its evidence note"
            question = ConfirmScreen(f"Untick this criterion and delete {words}?", "Untick", "Keep")
            self.app.push_screen(question, lambda yes: self._untick(found, yes))

    def _untick(self, found: Observation, yes: bool | None) -> None:
        """Delete the observation when confirmed."""
        if yes:
            self.app.current_folio.delete(found)
            self.redraw(found.criterion)

    def action_note(self) -> None:
        """Add or edit the highlighted criterion's evidence note (ticking it)."""
        criterion_id, case = self.highlighted(), self.app.current_folio.case(self.ref)
        if criterion_id is None or case is None:
            return
        found = caseops.observation(self.app.current_folio, self.ref, criterion_id)
        initial = found or Observation(ref=self.ref, criterion=criterion_id, observer=case.observed_by)
        item = next(item for item in CRITERIA if item.id == criterion_id)
        form = EditRecordScreen(Observation, NOTE_SPECS, initial=initial, title=f"Evidence: {item.text}", focus="notes")
        self.app.push_screen(form, lambda record: self._note_saved(record, found))

    def _note_saved(self, record: Observation | None, before: Observation | None = None) -> None:
        """Save the note at once; a changed note on a returned form becomes the mediator's own entry."""
        if record is not None:
            self.app.current_folio.put(caseops.entered_if_changed(record, before))
            self.redraw(record.criterion)

    def action_back(self) -> None:
        """Back to where the checklist was opened from."""
        self.app.pop_screen()

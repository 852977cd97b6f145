"""One case's observation checklist: the criteria of Forms 1–3, ticked when shown.

The criteria come from `standards.criteria_by_form_section()`, grouped by form and section.
Space or Enter ticks or unticks the highlighted criterion; n adds or edits its evidence note
(and the observer). Each tick is an Observation record, saved through the Folio at once;
unticking a criterion that has a note asks first, so no evidence is lost on a slip.

Opened for an observer's form on paper (`paper`: the id of their return), it is the tick entry
for that form: each tick is the observer's, transcribed by the mediator (`services.paper`).
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sendfolio import rules
from sendfolio.domain.criteria import CRITERIA, Criterion, criteria_by_form_section
from sendfolio.domain.records import FolioData, Observation
from sendfolio.paths import style_path
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.dialogs.forms import EditRecordScreen, FieldSpec
from sendfolio.tui.support.saving import large, saving
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


def criterion_prompt(item: Criterion, found: Observation | None, data: FolioData) -> Text:
    """A criterion's line: its tick box and text, its evidence note if any, and who recorded a returned tick."""
    text = Text("[x] " if found else "[ ] ", style="bold green" if found else "bold")
    text.append(item.text)
    if found and found.notes:
        text.append(f"\n    Evidence: {found.notes}", style="italic")
    if found and found.returned:
        text.append(f"\n    On a returned form: {rules.tick_provenance(data, found)}", style="italic")
    return text


class ChecklistScreen(Screen):
    """Tick the Forms 1–3 criteria shown in one case, with evidence notes."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`."""

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

    def __init__(self, ref: str, criterion: str | None = None, paper: str | None = None) -> None:
        """Keep the case's reference, the criterion to start on, and the observer's paper return to transcribe."""
        super().__init__()
        self.ref = ref
        self.start_at = criterion
        self.paper = paper
        self._ticking = asyncio.Lock()
        """Held while a large folio's tick is saved (`_tick_in_thread`)."""

    def paper_return(self) -> Any:
        """The observer's return on paper whose ticks are entered here (None: the mediator's own ticks)."""
        return next((item for item in self.app.current_folio.data().returns if item.id == self.paper), None)

    def found(self, criterion_id: str) -> Observation | None:
        """The tick of a criterion shown here: the paper form's observer's, or the case's first."""
        kept = self.paper_return()
        if kept is None:
            return caseops.observation(self.app.current_folio, self.ref, criterion_id)
        return next(
            (
                item
                for item in self.app.current_folio.observations(self.ref)
                if item.criterion == criterion_id and item.returned and item.observer == kept.observer
            ),
            None,
        )

    def compose(self) -> ComposeResult:
        """A title, the list of criteria, and a summary line."""
        yield AreaBar()
        kept = self.paper_return()
        title = (
            f"Ticks on {kept.observer}'s form on paper, case {self.ref}"
            if kept is not None
            else f"Criteria shown in case {self.ref}"
        )
        yield Static(title, id="checklist-title", classes="section-title", markup=False)
        yield OptionList(*self._options(), id="checklist")
        yield Static("", id="checklist-note")
        yield AppFooter()

    def _options(self) -> list[Option]:
        """A heading per form and section, then one option per criterion."""
        options: list[Option] = []
        data = self.app.current_folio.data()
        for (form, section), items in criteria_by_form_section().items():
            heading = Text(f"Form {form} · {items[0].form_title} · {section}", style="bold reverse")
            options.append(Option(heading, disabled=True))
            for item in items:
                found = self.found(item.id)
                options.append(Option(criterion_prompt(item, found, data), id=item.id))
        return options

    def on_mount(self) -> None:
        """Focus the list, on the requested criterion or the first one."""
        checklist = self.query_one("#checklist", OptionList)
        checklist.focus()
        target = self.start_at or CRITERIA[0].id
        checklist.highlighted = checklist.get_option_index(target)
        self.show_summary()

    note: var[str] = var("", init=False)
    """The line under the list: how many criteria are ticked, and the keys; `watch_note` shows it."""

    def watch_note(self, note: str) -> None:
        """Show the line under the list."""
        self.query_one("#checklist-note", Static).update(note)

    def show_summary(self) -> None:
        """How many criteria this case shows."""
        kept = self.paper_return()
        if kept is not None:
            self.note = (
                f"{len(kept.ticked)} ticked on {kept.observer}'s form. Space ticks what they ticked, n adds their "
                "comment, Esc goes back."
            )
            return
        shown = len(self.app.current_folio.observations(self.ref))
        self.note = (
            f"{shown} of {len(CRITERIA)} criteria shown in this case. Space ticks, n adds evidence, Esc goes back."
        )

    def highlighted(self) -> str | None:
        """The id of the highlighted criterion."""
        option = self.query_one("#checklist", OptionList).highlighted_option
        return option.id if option is not None else None

    def redraw(self, criterion_id: str) -> None:
        """Redraw one criterion's line after a change."""
        found = self.found(criterion_id)
        item = next(item for item in CRITERIA if item.id == criterion_id)
        self.query_one("#checklist", OptionList).replace_option_prompt(
            criterion_id, criterion_prompt(item, found, self.app.current_folio.data())
        )
        self.show_summary()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter ticks or unticks."""
        event.stop()
        self.action_tick()

    def action_tick(self) -> None:
        """Tick the highlighted criterion, or untick it (asking first if it has a note); a large folio's tick (the
        mediator's own or one transcribed from paper) is saved off the screen's thread (`_tick_in_thread`)."""
        if large(self.app.current_folio):
            self._tick_in_thread(self.highlighted())
            return
        criterion_id, case = self.highlighted(), self.app.current_folio.case(self.ref)
        if criterion_id is None or case is None:
            return
        found = self.found(criterion_id)
        if self.paper is not None and (found is None or not found.notes):
            from sendfolio.services.paper import transcribe_tick

            transcribe_tick(self.app.current_folio, self.paper, criterion_id, "", ticked=found is None)
            self.redraw(criterion_id)
        elif found is None:
            caseops.tick_criterion(self.app.current_folio, case, criterion_id)
            self.redraw(criterion_id)
        elif not found.notes and not found.returned:
            self.app.current_folio.delete(found)
            self.redraw(criterion_id)
        else:
            self.ask_untick(found)

    @work(group="checklist-ticks", description="saving a tick")
    async def _tick_in_thread(self, criterion_id: str | None) -> None:
        """Tick or untick a criterion of a large folio, saved in a thread while the screen answers keys. Ticks are
        taken in the order pressed, each once the one before is saved: a quick second press sees the first."""
        async with self._ticking:
            folio = self.app.current_folio
            case = folio.case(self.ref)
            if criterion_id is None or case is None:
                return
            found = self.found(criterion_id)
            if self.paper is not None and (found is None or not found.notes):
                await self._transcribe(criterion_id, "", found is None)
                return
            if found is None:
                await saving(folio, caseops.tick_criterion, folio, case, criterion_id)
            elif not found.notes and not found.returned:
                await saving(folio, folio.delete, found)
            else:
                self.ask_untick(found)
                return
            if self.is_attached:
                self.redraw(criterion_id)

    @work(exclusive=True, group="checklist-asking")
    async def ask_untick(self, found: Observation) -> None:
        """Untick a criterion holding a note or an observer's return, once the mediator agrees to delete it."""
        words = f"what {found.observer} returned on their form" if found.returned else "its evidence note"
        question = ConfirmScreen(f"Untick this criterion and delete {words}?", "Untick", "Keep")
        yes = await self.app.push_screen_wait(question)
        await self._untick(found, yes)

    async def _untick(self, found: Observation, yes: bool | None) -> None:
        """Delete the observation when confirmed (a large folio off the screen's thread)."""
        if yes and self.paper is not None:
            await self._transcribe(found.criterion, "", False)
        elif yes:
            folio = self.app.current_folio
            await saving(folio, folio.delete, found)
            if self.is_attached:
                self.redraw(found.criterion)

    async def _transcribe(self, criterion_id: str, comment: str, ticked: bool) -> None:
        """Tick (or untick) a criterion as the observer did on their paper form (a large folio off the screen's
        thread)."""
        from sendfolio.services.paper import transcribe_tick

        if self.paper is not None:
            folio, paper = self.app.current_folio, self.paper
            await saving(folio, partial(transcribe_tick, folio, paper, criterion_id, comment, ticked=ticked))
            if self.is_attached:
                self.redraw(criterion_id)

    @work(exclusive=True, group="checklist-asking")
    async def action_note(self) -> None:
        """Add or edit the highlighted criterion's evidence note (ticking it), saved at once; on an observer's
        paper form, their comment as written (ticking it as they did)."""
        criterion_id, case = self.highlighted(), self.app.current_folio.case(self.ref)
        if criterion_id is None or case is None:
            return
        found = self.found(criterion_id)
        initial = found or Observation(ref=self.ref, criterion=criterion_id, observer=case.observed_by)
        item = next(item for item in CRITERIA if item.id == criterion_id)
        if self.paper is not None:
            specs = (FieldSpec("notes", "The observer's comment", "multiline", help="As written on their form."),)
            form = EditRecordScreen(Observation, specs, initial=initial, title=f"Comment: {item.text}", focus="notes")
            comment = await self.app.push_screen_wait(form)
            if comment is not None:
                await self._transcribe(criterion_id, comment.notes, True)
            return
        form = EditRecordScreen(Observation, NOTE_SPECS, initial=initial, title=f"Evidence: {item.text}", focus="notes")
        record = await self.app.push_screen_wait(form)
        if record is not None:  # a changed note on a returned form becomes the mediator's own entry
            folio = self.app.current_folio
            await saving(folio, folio.put, caseops.entered_if_changed(record, found))
            if self.is_attached:
                self.redraw(record.criterion)

    def action_back(self) -> None:
        """Back to where the checklist was opened from."""
        self.app.pop_screen()

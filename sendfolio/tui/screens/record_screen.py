"""What the records screens share: a table of records to add, edit and delete, years, plain cells.

A subclass names its record type, the form's fields, the table's columns and how
a record becomes a row; this base class keeps the table in step with the folio,
opens the shared `EditRecordScreen` to add or edit (the record validates itself)
and asks before deleting. Every change is put in the folio at once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Static

from sendfolio.domain.record_base import Dated, Identified, Titled
from sendfolio.domain.records import Record
from sendfolio.domain.wording import short_date, span
from sendfolio.paths import style_path
from sendfolio.rules import current_registration_year, registration_year, year_label
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.dialogs.forms import EditRecordScreen, FieldSpec
from sendfolio.tui.screens.folio_screen import QUIT_BINDING, FolioScreen
from sendfolio.tui.support.saving import saving
from sendfolio.tui.widgets.batches import fill_rows
from sendfolio.tui.widgets.long_table import LongTable
from sendfolio.tui.widgets.text import plain_cells

if TYPE_CHECKING:
    from sendfolio.tui.support.host import FolioHost

YEAR_KEYS = Binding.Group("Year", compact=True)
"""The footer shows the two year keys together as `[] Year`."""

YEAR_BINDINGS: list[BindingType] = [
    Binding("left_square_bracket", "year(-1)", "Previous year", key_display="[", group=YEAR_KEYS),
    Binding("right_square_bracket", "year(1)", "Next year", key_display="]", group=YEAR_KEYS),
]
"""`[` and `]` step to the previous or next registration year."""


def record_bindings(noun: str) -> list[BindingType]:
    """a adds a record, e edits the highlighted one (Enter too), d deletes it after asking."""
    return [
        Binding("a", "add", "Add", tooltip=f"Add a {noun}"),
        Binding("e", "edit", "Edit", tooltip=f"Edit the highlighted {noun} (or press Enter on it)"),
        Binding("d", "delete", "Delete", tooltip=f"Delete the highlighted {noun}, after asking"),
        QUIT_BINDING,
    ]


def current_year(app: FolioHost) -> int:
    """The registration year that holds the app's today."""
    return current_registration_year(app.current_folio.profile(), app.today)


def draft(record_type: type[Record], **values: Any) -> Record:
    """An unchecked record holding only `values` (other required fields blank), to prefill a new form."""
    blank = {
        spec.name: ""
        for spec in dataclasses.fields(record_type)
        if spec.name not in values
        and spec.default is dataclasses.MISSING
        and spec.default_factory is dataclasses.MISSING
    }
    return record_type(**blank, **values)


def binding_commands(screen: Screen) -> list[Any]:
    """The screen's own keys as command-palette entries, e.g. `CPD: Add (a)`."""
    from sendfolio.tui.views.palette_command import PaletteCommand

    commands = []
    for binding in Binding.make_bindings(type(screen).BINDINGS):
        if binding.description and screen.check_action(binding.action.split("(")[0], ()) is not False:
            title = (
                f"{getattr(screen, 'PALETTE_NAME', '')}: {binding.description} ({screen.app.get_key_display(binding)})"
            )
            commands.append(PaletteCommand(title, binding.tooltip or binding.description, _runner(screen, binding)))
    return commands


def _runner(screen: Screen, binding: Binding) -> Any:
    """A callable that runs a binding's action on the screen."""
    return lambda: screen.run_action(binding.action)


class RecordTableScreen(FolioScreen):
    """A screen whose main part is a table of one kind of record, with add / edit / delete."""

    CSS_PATH = style_path("records.tcss")
    """The records screens' styles."""

    BINDINGS: ClassVar[list[BindingType]] = []
    """Each subclass lists `record_bindings(NOUN)` and its own keys."""

    RECORD_TYPE: ClassVar[type[Record]] = Record
    """The kind of record in the table."""
    SPECS: ClassVar[Sequence[FieldSpec]] = ()
    """The fields of the add / edit form."""
    FORM: ClassVar[type[EditRecordScreen[Any]]] = EditRecordScreen
    """The add / edit form (a subclass where fields follow one another, e.g. a course's kind and what it covered)."""
    NOUN: ClassVar[str] = "record"
    """What one record is called in titles and messages, e.g. `CPD entry`."""
    COLUMNS: ClassVar[Sequence[str]] = ()
    """The table's column headings."""
    TABLE_ID: ClassVar[str] = "records-table"
    """The id of the table widget."""
    PALETTE_NAME: ClassVar[str] = "Records"
    """The area's name in the command palette."""
    SUMMARY_ID: ClassVar[str] = ""
    """The id of the line above the table that `summary` fills (a screen with no such line leaves it empty)."""

    summary: var[str] = var("", init=False)
    """The line above the table (its words worked out in `tui/views/`); `watch_summary` shows it."""

    def watch_summary(self, summary: str) -> None:
        """Show the line above the table."""
        if self.SUMMARY_ID:
            self.query_one(f"#{self.SUMMARY_ID}", Static).update(summary)

    def palette_commands(self) -> list[Any]:
        """This screen's keys, offered in the command palette."""
        return binding_commands(self)

    def specs(self) -> Sequence[FieldSpec]:
        """The form's fields (`SPECS`; a screen whose choices come from the folio works them out)."""
        return self.SPECS

    def records(self) -> Sequence[Record]:
        """The records the table shows, in order."""
        raise NotImplementedError

    def row(self, record: Record) -> Sequence[Any]:
        """One record as the table's cells."""
        raise NotImplementedError

    def describe(self, record: Record) -> str:
        """One record in a few words, for the delete question."""
        return record.title if isinstance(record, Titled) else self.NOUN

    def refresh_view(self) -> None:
        """Redraw everything from the folio; subclasses add their summaries."""
        self.refresh_table()

    def make_table(self) -> DataTable:
        """The empty table with its columns."""
        table: DataTable = LongTable(id=self.TABLE_ID, cursor_type="row", zebra_stripes=True)
        table.add_columns(*self.COLUMNS)
        return table

    def on_mount(self) -> None:
        """Nothing to do yet: the screen is drawn from the folio when first shown (see FolioScreen)."""

    @property
    def table(self) -> DataTable:
        """The table of records."""
        return self.query_one(f"#{self.TABLE_ID}", DataTable)

    def refresh_table(self, select: str | None = None) -> None:
        """Refill the table, keeping the cursor on `select` (a record id) or where it was."""
        keep = select or self.highlighted_key()
        fill_rows(self.table, self.records(), make=self._row_of, select=keep)

    def _row_of(self, record: Record) -> tuple[list, str]:
        """A record's cells and row key, for the table."""
        return plain_cells(self.row(record)), self.key_of(record)

    def key_of(self, record: Record) -> str:
        """The table row key of a record: its id."""
        return record.id if isinstance(record, Identified) else ""

    def highlighted_key(self) -> str | None:
        """The row key under the cursor, if any."""
        table = self.table
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def highlighted(self) -> Record | None:
        """The record under the cursor, if any."""
        wanted = self.highlighted_key()
        return next((record for record in self.records() if self.key_of(record) == wanted), None)

    def detail(self, record: Record) -> str:
        """One record in a line, every column named (shown under the table, which may be cut off)."""
        cells = [str(cell) for cell in self.row(record)]
        return " · ".join(f"{name}: {cell}" for name, cell in zip(self.COLUMNS, cells, strict=False) if cell)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted record in full in the detail line (`#record-detail`), if the screen has one."""
        lines = self.query("#record-detail")
        if event.data_table.id != self.TABLE_ID or not lines:
            return
        record = next((item for item in self.records() if self.key_of(item) == event.row_key.value), None)
        lines.first(Static).update(Text(self.detail(record)) if record is not None else "")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row edits it."""
        if event.data_table.id == self.TABLE_ID:
            self.action_edit()

    def new_record(self) -> Record | None:
        """A record to start the add form from (e.g. dated today), or None for a blank form."""
        return None

    def action_add(self) -> None:
        """Open the form for a new record."""
        self.open_form(self.FORM(self.RECORD_TYPE, self.specs(), initial=self.new_record(), title=f"New {self.NOUN}"))

    def action_edit(self) -> None:
        """Open the form on the highlighted record."""
        record = self.highlighted()
        if record is None:
            self.notify(f"Nothing to edit: press a to add a {self.NOUN}.", severity="warning")
            return
        self.open_form(self.FORM(self.RECORD_TYPE, self.specs(), initial=record, title=f"Edit {self.NOUN}"))

    @work(exclusive=True, group="record-form")
    async def open_form(self, form: EditRecordScreen[Any]) -> None:
        """Open a record's form, and save what it returns (`fill_and_save`)."""
        await self.fill_and_save(form)

    async def fill_and_save(self, form: EditRecordScreen[Any]) -> None:
        """Wait for the form; save the record it returns, then offer its year when that is not the one on show."""
        saved = await self.save(await self.app.push_screen_wait(form))
        if saved is not None:
            await self.offer_its_year(saved)

    async def save(self, record: Record | None) -> Record | None:
        """Put a record from the form in the folio at once (a large folio off the screen's thread), and show it;
        the record as saved (None: nothing to save)."""
        if record is None:
            return None
        folio = self.app.current_folio
        saved: Record = await saving(folio, folio.put, record)
        self.notify(f"Saved the {self.NOUN}.", markup=False)
        self.refresh_view()
        self.refresh_table(select=self.key_of(saved))
        return saved

    def shown_year(self) -> int | None:
        """The registration year on show, for screens that show one year at a time (else None)."""
        return None

    def show_year(self, year: int) -> None:
        """Show another registration year (screens that show one year at a time)."""

    async def offer_its_year(self, record: Record) -> None:
        """A record saved outside the year on show: say where it went, and offer to go there."""
        shown = self.shown_year()
        if shown is None or not isinstance(record, Dated) or not isinstance(record.date, date):
            return
        when = record.date
        profile = self.app.current_folio.profile()
        start, end = registration_year(profile, shown)
        if start <= when <= end:
            return
        year = current_registration_year(profile, when)
        label = year_label(profile, year)
        question = (
            f"The {self.NOUN} dated {short_date(when)} is saved in registration year {label} "
            f"({span(*registration_year(profile, year))}), not the year on screen "
            f"({span(start, end)}). Go to {label}?"
        )
        if await self.app.push_screen_wait(ConfirmScreen(question, yes_label=f"Go to {label}", no_label="Stay here")):
            self.show_year(year)
            self.refresh_table(select=self.key_of(record))

    @work(exclusive=True, group="record-delete")
    async def action_delete(self) -> None:
        """Ask, then delete the highlighted record."""
        record = self.highlighted()
        if record is None:
            self.notify("Nothing to delete.", severity="warning")
            return
        question = f"Delete the {self.NOUN} “{self.describe(record)}”?"
        if not await self.app.push_screen_wait(ConfirmScreen(question)):
            return
        await saving(self.app.current_folio, self.app.current_folio.delete, record)
        self.notify(f"Deleted the {self.NOUN} “{self.describe(record)}”.", markup=False)
        self.refresh_view()

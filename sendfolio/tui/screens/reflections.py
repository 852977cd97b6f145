"""Reflections: the list of written reflections, with a preview of the one highlighted.

New reflections start from a template (Gibbs, Rolfe, Kolb, the Form 3 de-brief
headings, or a blank page) and open in the editor beside a live preview.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Markdown, Static

from sendfolio.domain.records import Reflection
from sendfolio.domain.wording import count, hours_text, hours_words, short_date
from sendfolio.paths import style_path
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.dialogs.template_chooser import TemplateChooser
from sendfolio.tui.screens.folio_screen import QUIT_BINDING, FolioScreen
from sendfolio.tui.screens.record_screen import binding_commands
from sendfolio.tui.screens.reflection_editor import ReflectionEditor
from sendfolio.tui.support.saving import saving
from sendfolio.tui.views.reflection_templates import listed_word_count, template, template_body
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.batches import fill_rows
from sendfolio.tui.widgets.footer import AppFooter
from sendfolio.tui.widgets.long_table import LongTable
from sendfolio.tui.widgets.text import plain_cells

NEW_DRAFT = "reflection-new"
"""The name of a new reflection's draft (`ReflectionEditor.draft_name`)."""

COLUMNS = ("Date", "Case", "Hours", "Title", "Words")
"""The columns of the reflections table (the long title after the short columns, so 80 columns show them all)."""


MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|<>~"
"""Characters Markdown could read as formatting; escaped in a title so it shows as typed."""


def markdown_literal(text: str) -> str:
    """Text escaped so Markdown shows every character as typed (for a title in the preview)."""
    return "".join(f"\\{char}" if char in MARKDOWN_SPECIALS else char for char in text)


def reflection_row(item: Reflection) -> tuple[list, str]:
    """One reflection as the table's cells, and its row key (its id)."""
    cells = (
        short_date(item.date),
        item.case or "—",
        hours_text(item.hours),
        item.title,
        str(listed_word_count(item.body)),
    )
    return plain_cells(cells), item.id


class ReflectionsScreen(FolioScreen):
    """The mediator's reflections on practice: list, preview, write, edit, delete."""

    HELP = (
        "Your written reflections on practice, newest first, with the highlighted one shown below. "
        "Press a to write a new one from a template (Gibbs, Rolfe, Kolb or the Form 3 de-brief headings), "
        "Enter or e to edit, d to delete. Use case references, never names."
    )

    CSS_PATH = style_path("records.tcss")
    """The records screens' styles."""

    BINDINGS = [
        Binding("a,n", "new", "New reflection", tooltip="Write a new reflection from a template"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted reflection (or press Enter on it)"),
        Binding("d", "delete", "Delete", tooltip="Delete the highlighted reflection, after asking"),
        QUIT_BINDING,
    ]
    """Write a new reflection, edit or delete the highlighted one (Enter also edits)."""

    PALETTE_NAME = "Reflections"
    """The screen's name in the command palette."""

    def palette_commands(self) -> list:
        """This screen's keys, offered in the command palette."""
        return binding_commands(self)

    def compose(self) -> ComposeResult:
        """A summary line, the table and the preview of the highlighted reflection."""
        yield AreaBar()
        with Vertical(id="reflections-body"):
            yield Static("", id="reflections-summary", classes="summary", markup=False)
            table: DataTable = LongTable(id="reflections-table", cursor_type="row", zebra_stripes=True)
            table.add_columns(*COLUMNS)
            yield table
            yield Markdown("", id="reflection-preview", open_links=False)
        yield AppFooter()

    def refresh_view(self) -> None:
        """Show the folio's reflections."""
        self.refresh_table()

    def reflections(self) -> list[Reflection]:
        """The folio's reflections, newest first."""
        return sorted(self.app.current_folio.reflections(), key=lambda item: (item.date, item.title), reverse=True)

    def refresh_table(self, select: str | None = None) -> None:
        """Redraw the table, keeping the cursor on `select` (a reflection id) when given."""
        table = self.query_one("#reflections-table", DataTable)
        current = select or self._highlighted_id()
        items = self.reflections()
        self._show_summary(items)
        fill_rows(table, items, make=reflection_row, select=current)
        if not items:
            self._show_preview()

    def _show_summary(self, items: list[Reflection]) -> None:
        """How many reflections and their hours together, and any unsaved draft kept for later."""
        hours = sum(item.hours for item in items)
        drafts = self.kept_drafts()
        waiting = ""
        if drafts:
            how = "press a to continue it" if NEW_DRAFT in drafts else "open its reflection (e) to continue it"
            if len(drafts) > 1:
                how = "press a, or open their reflections (e), to continue them"
            waiting = f"{count(len(drafts), 'unsaved draft')}: {how}"
        if items:
            text = f"{count(len(items), 'reflection')} · {hours_words(hours)}" + (f" · {waiting}" if waiting else "")
        else:
            text = waiting or "No reflections yet: press a to write one."
        self.query_one("#reflections-summary", Static).update(text)

    def kept_drafts(self) -> list[str]:
        """The reflections' drafts kept on disk (a new one, or edits of saved ones)."""
        from sendfolio.store.drafts import kept_drafts

        return kept_drafts(self.app.current_folio, "reflection-")

    def _highlighted_id(self) -> str | None:
        """The id of the highlighted reflection, if any."""
        table = self.query_one("#reflections-table", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def highlighted(self) -> Reflection | None:
        """The highlighted reflection, if any."""
        wanted = self._highlighted_id()
        return next((item for item in self.app.current_folio.reflections() if item.id == wanted), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Preview the reflection under the cursor."""
        self._show_preview()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row opens it in the editor."""
        self.action_edit()

    def _show_preview(self) -> None:
        """Render the highlighted reflection's Markdown below the table."""
        item = self.highlighted()
        self.query_one("#reflection-preview", Markdown).update(
            f"# {markdown_literal(item.title)}\n\n{item.body}" if item else ""
        )

    @work(group="reflection-editor")
    async def action_new(self) -> None:
        """Choose a template, then open the editor on it; with a new reflection's draft kept, offer that first."""
        if self.editing():
            return
        if NEW_DRAFT in self.kept_drafts():
            await self._edit(ReflectionEditor(heading="New reflection"))
            return
        key = await self.app.push_screen_wait(TemplateChooser())
        if key is None:
            return
        chosen = template(key)
        heading = "New reflection" if key == "blank" else f"New reflection · {chosen.label}"
        await self._edit(ReflectionEditor(body=template_body(key), heading=heading))

    @work(group="reflection-editor")
    async def action_edit(self) -> None:
        """Open the highlighted reflection in the editor."""
        if self.editing():
            return
        item = self.highlighted()
        if item is None:
            self.notify("No reflection to edit: press a to write one.", severity="warning")
            return
        await self._edit(ReflectionEditor(item))

    def editing(self) -> bool:
        """True while an editor is open (a second key typed ahead of the first editor's showing opens no other)."""
        return any(isinstance(screen, ReflectionEditor) for screen in self.app.screen_stack)

    async def _edit(self, editor: ReflectionEditor) -> None:
        """Open the editor and wait until it closes (saved, left, or closed by moving to another area: then None);
        then show the saved reflection highlighted in the list, and any draft still kept."""
        saved = await self.app.push_screen_wait(editor)
        self.refresh_table(select=saved.id if saved else None)
        self._show_summary(list(self.app.current_folio.reflections()))

    @work(exclusive=True, group="reflection-delete")
    async def action_delete(self) -> None:
        """Ask, then delete the highlighted reflection."""
        item = self.highlighted()
        if item is None:
            self.notify("No reflection to delete.", severity="warning")
            return
        question = f"Delete the reflection “{item.title}” of {short_date(item.date)}?"
        if not await self.app.push_screen_wait(ConfirmScreen(question)):
            return
        await saving(self.app.current_folio, self.app.current_folio.delete, item)
        self.notify(f"Deleted the reflection “{item.title}”.", markup=False)
        self.refresh_table()

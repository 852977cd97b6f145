"""Coverage: which Forms 1–3 criteria each practice case showed.

A matrix of criteria (rows) by practice cases (columns), from `rules.coverage`. A
criterion not yet shown in any practice case stands out in the error colour and is
marked "missing" (style: `CoverageTable > .coverage--missing` in app.tcss). A mark reads "✓ form" when it
rests on a form the observer returned, "✓" when the mediator entered it. Enter on a cell opens that case's
checklist at that criterion.

With more than `MAX_CASE_COLUMNS` practice cases (an archive of years) the matrix shows one
registration year's cases at a time: the year on show in every area, or the nearest year that
has practice cases; [ and ] step to the previous or next such year. The summary, the missing
marks, `m` and the detail line still count every practice case. A table of hundreds of columns
would cost every repaint all of them (Textual's DataTable renders whole rows, then crops).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.reactive import var
from textual.strip import Strip
from textual.widgets import DataTable, Static

from sendfolio import rules
from sendfolio.domain.records import Case, FolioData, Profile
from sendfolio.paths import style_path
from sendfolio.tui.screens.folio_screen import QUIT_BINDING, FolioScreen
from sendfolio.tui.screens.record_screen import YEAR_BINDINGS
from sendfolio.tui.support.textual_internals import CellHookTable
from sendfolio.tui.views.year_tables import year_span
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.batches import fill_rows
from sendfolio.tui.widgets.footer import AppFooter

SECTION_CODES = {"Process Management": "PM", "Skills and Knowledge": "SK", "De-brief and Supervision": "DS"}
"""Short names of the form sections, for the narrow first column."""

CRITERION_WIDTH = 40
"""Width of the criterion column (the full text shows below the table)."""

MAX_CASE_COLUMNS = 100
"""More practice cases than this are shown one registration year at a time."""


@dataclass(frozen=True)
class Shown:
    """The practice cases whose columns are on show, and the years they can be stepped through."""

    cases: tuple[Case, ...]
    """The practice cases shown as columns, in order."""
    year: int | None = None
    """The registration year shown (None: every practice case is shown)."""
    years: tuple[int, ...] = ()
    """The registration years that hold practice cases (empty when every case is shown)."""


def shown_cases(cases: Sequence[Case], profile: Profile, year: int) -> Shown:
    """Every practice case, or, past `MAX_CASE_COLUMNS`, those of `year` (or the nearest year that has some)."""
    if len(cases) <= MAX_CASE_COLUMNS:
        return Shown(tuple(cases))
    by_year: dict[int, list] = {}
    for case in cases:
        by_year.setdefault(rules.current_registration_year(profile, case.date), []).append(case)
    years = tuple(sorted(by_year))
    nearest = min(years, key=lambda held: (abs(held - year), -held))
    return Shown(tuple(by_year[nearest]), nearest, years)


class CoverageTable(CellHookTable):
    """The matrix table; its component classes style the marks (app.tcss), so they follow the theme.

    `coverage--missing`: a criterion not yet shown; `coverage--shown`: the tick of a case that showed
    it; `coverage--blank`: the dot of a case that did not.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = DataTable.COMPONENT_CLASSES | {
        "coverage--missing",
        "coverage--shown",
        "coverage--blank",
    }
    """DataTable's component classes plus the styles of the matrix's marks."""

    _window: tuple[int, int] = (-1, -1)
    """The scroll offset and width the rows in Textual's row cache were drawn for."""

    _sight: tuple[int, int, int] = (0, 0, 0)
    """For this paint: the fixed columns, and where the columns in sight start and end (cells)."""

    _spans: tuple[tuple[int, int], ...] = ()
    """Where each column starts and ends across the whole row (cells), for this paint."""

    def render_lines(self, crop: Region) -> list[Strip]:
        """Paint, drawing only the columns in sight (see `draw_cell`).

        Textual's DataTable draws every cell of a row and then crops it to the screen: a year of
        practice cases is 60 columns of which six are in sight. Rows it cached for another scroll
        offset or width would lack the columns now in sight, so they are dropped.
        """
        scroll_x, width = window = (self.scroll_offset.x, self.size.width)
        if window != self._window:
            self.forget_drawn_rows()
            self._window = window
        spans, start = [], 0
        for column in self.ordered_columns:
            end = start + column.get_render_width(self)
            spans.append((start, end))
            start = end
        self._spans = tuple(spans)
        fixed = min(self.fixed_columns, len(spans))
        self._sight = (fixed, scroll_x + (spans[fixed - 1][1] if fixed else 0), scroll_x + width)
        return super().render_lines(crop)

    def draw_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """A cell out of sight is blank (its width only); the others are drawn as DataTable draws them.

        Relies on how Textual's DataTable draws a row (see `tui/support/textual_internals.py`): `_render_line_in_row`
        draws a row's fixed columns (in the fixed style), then every column again for the part
        that scrolls, which `_render_line` crops to `[scroll x + fixed width, scroll x + width)`;
        so a fixed column drawn in another style than the fixed one is cropped away too.
        """
        fixed, left, right = self._sight
        if column_index < fixed:
            if row_index < 0 or base_style.meta.get("fixed"):
                return super().draw_cell(row_index, column_index, base_style, width, cursor, hover)
            return [[Segment(" " * width, base_style)]]
        if column_index < len(self._spans):
            start, end = self._spans[column_index]
            if end <= left or start >= right:
                return [[Segment(" " * width, base_style)]]
        return super().draw_cell(row_index, column_index, base_style, width, cursor, hover)

    def mark_styles(self) -> dict[str, Style]:
        """The theme's current style of each mark, by component class name (without the prefix)."""
        return {
            name: self.get_component_rich_style(f"coverage--{name}", partial=True)
            for name in ("missing", "shown", "blank")
        }


def criterion_cells(row: rules.CoverageRow, cases: tuple, styles: Mapping[str, Style | str]) -> list:
    """One matrix row: form/section, criterion text, then a mark per practice case."""
    item = row.criterion
    style = "" if row.shown else styles.get("missing", "")
    where = Text(f"{item.form} {SECTION_CODES.get(item.section, '')}", style=style)
    words = Text(("" if row.shown else "missing: ") + item.text, style=style)
    showings = {showing.ref: showing for showing in reversed(row.showings)}  # the first showing of each case
    counted = set(row.refs)
    return [where, words, *(_mark(showings.get(case.ref), case.ref in counted, styles) for case in cases)]


def _mark(showing: Any, counted: bool, styles: Mapping[str, Style | str]) -> Text:
    """A case's mark: "✓ form" on a form the observer returned, "✓" entered by the mediator, "·" not shown.

    `showing` is the case's first showing of the criterion (from `rules.coverage`), or None; `counted`
    says whether it counts. When only returned forms count (a profile setting), the mediator's own
    entry shows as "(✓)", not counted.
    """
    if showing is None:
        return Text("·", style=styles.get("blank", ""))
    if not counted:
        return Text("(✓)", style=styles.get("blank", ""))
    return Text("✓ form" if showing.returned else "✓", style=styles.get("shown", ""))


SHOWINGS_NAMED = 6
"""At most this many cases are named in the detail line (ten years may hold hundreds)."""


def showings_words(row: rules.CoverageRow) -> str:
    """Where a criterion was shown, in words: the cases (the first few of many) and how each was recorded."""
    if not row.showings:
        return "not yet shown in any practice case"
    named = "; ".join(f"{item.ref}, {item.provenance}" for item in row.showings[:SHOWINGS_NAMED])
    more = len(row.showings) - SHOWINGS_NAMED
    return f"shown in {named}" + (f"; and {more} more practice cases" if more > 0 else "")


class CoverageScreen(FolioScreen):
    """The criteria × practice cases matrix, missing criteria standing out."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`."""

    TITLE = "Coverage"
    """The screen's name in help."""

    HELP = (
        "Every criterion of observation Forms 1–3 against your practice cases (co-mediated or led, after "
        "your SEND training). Each criterion must be shown at least once over the practice period. Move with "
        "the arrow keys; Enter on a case's cell opens its checklist there."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "next_missing", "Next missing"),
        Binding("r", "reload", "Refresh"),
        *YEAR_BINDINGS,
        QUIT_BINDING,
    ]
    """m jumps to the next missing criterion; r refreshes; Enter opens a checklist; [ ] step years (long archives)."""

    shown: var[Shown] = var(Shown(()), init=False, always_update=True, bindings=True)
    """The practice cases whose columns are on show; the year keys work when they are one year's."""

    matrix: var[rules.Coverage | None] = var(None, init=False, always_update=True)
    """The matrix on show (None until it is worked out); a new one redraws the summary above the table."""

    detail: var[Text] = var(Text(), init=False)
    """The highlighted criterion in full, how it is shown and the case under the cursor; `watch_detail` shows it."""

    def compose(self) -> ComposeResult:
        """A summary, the matrix, and the highlighted criterion in full."""
        yield AreaBar()
        yield Static("Working it out…", id="coverage-summary")
        yield CoverageTable(id="coverage-table", cursor_type="cell", fixed_columns=2)
        yield Static("", id="coverage-detail", classes="requirement-detail")
        yield AppFooter()

    def on_mount(self) -> None:
        """Redraw the matrix in the new colours whenever the theme changes (e.g. F2, high contrast)."""
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        """Redraw after the new theme's styles are in place."""
        if self.matrix is not None:
            self.call_after_refresh(self.action_reload)

    def refresh_view(self) -> None:
        """Work the matrix out again when the folio changes."""
        self.action_reload()

    def action_reload(self) -> None:
        """Recompute from the folio's current records (the marks in the theme's current styles)."""
        if self.app.folio is not None:
            styles = self.query_one("#coverage-table", CoverageTable).mark_styles()
            self.compute(rules.dated_until(self.app.current_folio.data(), self.app.today), styles, self.year)

    @work(thread=True, exclusive=True, group="coverage", description="the coverage matrix")
    def compute(self, data: FolioData, styles: dict[str, Style], year: int) -> None:
        """Ask the rules and build every cell off the screen's thread, then show the matrix.

        The matrix holds the cases up to today, as the dashboard does; its columns are every
        practice case, or one registration year's (`year`, or the nearest) in a long archive.
        """
        from textual.worker import get_current_worker

        matrix = rules.coverage(data)
        shown = shown_cases(matrix.cases, data.profile, year)
        rows = [(criterion_cells(row, shown.cases, styles), row.criterion.id) for row in matrix.rows]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, matrix, rows, shown)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The year keys only when the practice cases are shown a registration year at a time."""
        if action == "year":
            return bool(self.shown.years)
        return True

    def action_year(self, step: int) -> None:
        """Show the previous (-1) or next (+1) registration year that holds practice cases."""
        now = self.shown.year
        if now is None:
            return
        later = [year for year in self.shown.years if (year - now) * step > 0]
        if not later:
            self.app.bell()
            self.notify(f"No practice cases {'before' if step < 0 else 'after'} these.")
            return
        self.year = min(later, key=lambda year: abs(year - now))

    def show(self, matrix: rules.Coverage, rows: list, shown: Shown | None = None) -> None:
        """Fill the table (a few rows per turn) and the summary; keep the cursor where it was.

        Nothing is shown if the screen has gone. The case columns have a set width, so
        adding a row measures no cells.
        """
        if not self.is_attached or not self.query("#coverage-table"):
            return
        self.shown = shown or Shown(tuple(matrix.cases))
        self.matrix = matrix
        table = self.query_one("#coverage-table", CoverageTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Form", width=4, key="form")
        table.add_column("Criterion", width=CRITERION_WIDTH, key="criterion")
        for case in self.shown.cases:
            table.add_column(case.ref, key=case.ref, width=max(1, len(case.ref)))

        def restore() -> None:
            """Put the cursor back where it was."""
            if cursor.row < table.row_count:
                table.cursor_coordinate = cursor

        fill_rows(table, rows, then=restore)
        table.focus()

    def watch_matrix(self, matrix: rules.Coverage | None) -> None:
        """How many criteria are shown, and how many missing."""
        if matrix is None:
            return
        summary = self.query_one("#coverage-summary", Static)
        total, missing = len(matrix.rows), len(matrix.missing)
        if not matrix.cases:
            summary.update("No practice cases yet: cases you co-mediate or lead after your SEND training count here.")
        else:
            counted = " (only returned forms count)" if matrix.returned_only else ""
            summary.update(
                Text(
                    f"{total - missing} of {total} criteria shown over {len(matrix.cases)} practice cases{counted}; "
                    f"{missing} missing (m jumps to the next). {matrix.backed} rest on forms returned by observers "
                    "(✓ form); ✓ alone was entered by you." + self._year_words()
                )
            )
        summary.set_class(bool(missing), "missing")

    def _year_words(self) -> str:
        """Which registration year's cases the columns show, when not every practice case is shown."""
        shown = self.shown
        if shown.year is None:
            return ""
        return (
            f" Columns: the {len(shown.cases)} cases of {year_span(self.app.current_folio.profile(), shown.year)}"
            " ([ ] other years)."
        )

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        """Show the highlighted criterion in full, and the case under the cursor."""
        if self.matrix is None or not self.matrix.rows:
            return
        row = self.matrix.rows[event.coordinate.row]
        case = self._case_at(event.coordinate.column)
        where = f"  Enter: open {case.ref}'s checklist here." if case else ""
        shown = showings_words(row)
        self.detail = Text(f"{row.criterion.text} ({shown}).{where}")

    def watch_detail(self, detail: Text) -> None:
        """Show the highlighted criterion in full under the matrix."""
        self.query_one("#coverage-detail", Static).update(detail)

    def _case_at(self, column: int) -> Case | None:
        """The practice case of a column, or None for the criterion columns."""
        if self.matrix is None or column < 2 or column - 2 >= len(self.shown.cases):
            return None
        return self.shown.cases[column - 2]

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a case's cell opens that case's checklist at the criterion."""
        from sendfolio.tui.screens.checklist import ChecklistScreen

        event.stop()
        case = self._case_at(event.coordinate.column)
        if case is None or self.matrix is None:
            self.notify("Move right to a case's column, then press Enter to open its checklist.")
            return
        self.app.push_screen(ChecklistScreen(case.ref, self.matrix.rows[event.coordinate.row].criterion.id))

    def action_next_missing(self) -> None:
        """Move the cursor to the next criterion not yet shown."""
        if self.matrix is None or not self.matrix.missing:
            self.notify("Every criterion has been shown.")
            return
        table = self.query_one("#coverage-table", DataTable)
        ids = [row.criterion.id for row in self.matrix.rows]
        later = [ids.index(item) for item in self.matrix.missing if ids.index(item) > table.cursor_row]
        target = later[0] if later else ids.index(self.matrix.missing[0])
        table.cursor_coordinate = table.cursor_coordinate._replace(row=target)

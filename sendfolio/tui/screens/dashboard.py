"""The Dashboard: where the mediator stands, at a glance.

Every requirement of accreditation (or of the passported route) with what is needed, what
the records show and whether it is met -- the unmet ones explained in words, the numeric
ones with a progress bar; this registration year's renewal; the next statutory deadlines;
the latest entries. Enter on a requirement opens the area that fixes it. The figures come
from the rules (computed in a worker); this screen only shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.coordinate import Coordinate
from textual.reactive import var
from textual.widgets import DataTable, Static

from sendfolio.domain.wording import count, days_until, hours_text, short_date
from sendfolio.paths import style_path
from sendfolio.tui.screens.folio_screen import QUIT_BINDING, FolioScreen
from sendfolio.tui.views.areas import AREA_BY_MODE, preload_areas
from sendfolio.tui.views.dashboard import DashboardView, area_for_rule, dashboard_view
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter
from sendfolio.tui.widgets.progress_lines import ProgressLines
from sendfolio.tui.widgets.text import mark, plain_cells, status_text

if TYPE_CHECKING:  # imported where used: the rules and records load after the first paint
    from sendfolio import rules
    from sendfolio.domain import timescales
    from sendfolio.domain.records import Record
    from sendfolio.store.figures import KeepsFigures, Snapshot
    from sendfolio.store.storage import Codec


class DashboardScreen(FolioScreen):
    """Requirements met and missing, renewal, deadlines and recent entries."""

    CSS_PATH = style_path("app.tcss")
    """Its styles, in `styles/app.tcss`."""

    TITLE = "Dashboard"
    """The screen's name in help."""

    HELP = (
        "What your records show against the standards. Move along the requirements with the arrow keys; "
        "the lines under the table say what is missing. Enter opens the area where you fix it. "
        "Tab moves to the deadlines; Enter on one opens its case's timeline. PageUp / PageDown scroll "
        "the whole page (renewal, deadlines, past breaches, recent entries); Home / End go to its top or end."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "fix", "Fix this", tooltip="Go to the area that fixes the highlighted requirement (or Enter)"),
        Binding("r", "reload", "Refresh"),
        QUIT_BINDING,
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("home", "end(0)", "Top", show=False, priority=True),
        Binding("end", "end(1)", "End", show=False, priority=True),
    ]
    """f (or Enter on a requirement) opens the area that fixes it; r refreshes."""

    AUTO_FOCUS = "#requirements"
    """The requirements have the focus from the start (not the page first, then them: each move restyles the page)."""

    def compose(self) -> ComposeResult:
        """The sections of the dashboard, top to bottom."""
        yield AreaBar()
        with VerticalScroll(id="dashboard-body"):
            yield Static(self._waiting(), id="dash-heading", classes="section-title")
            yield DataTable(id="requirements", cursor_type="row", zebra_stripes=True)
            yield Static("", id="requirement-detail", classes="requirement-detail")
            yield ProgressLines(id="progress")
            yield Static("Renewal", id="renewal-title", classes="section-title")
            yield Static("", id="renewal-date")
            yield Static("", id="renewal-status")
            yield Static("Your practice as a provider (p)", classes="section-title")
            yield Static("", id="practice")
            yield Static("Statutory deadlines (overdue first)", classes="section-title")
            yield DataTable(id="deadlines", cursor_type="row")
            yield Static("", id="deadlines-empty")
            yield Static("Past breaches of timescales", classes="section-title")
            yield Static("", id="breaches")
            yield Static("Learning plan (9)", classes="section-title")
            yield Static("", id="learning-plan")
            disagreeing = Static("", id="disagreements")
            disagreeing.display = False  # shown only when an observer's return leaves a mediator's tick unticked
            yield disagreeing
            yield Static("Recent entries (last added or changed first)", classes="section-title")
            yield Static("", id="recent")
        yield AppFooter()

    view: var[DashboardView | None] = var(None, init=False, always_update=True)
    """What the rules last answered (None until they have); `watch_view` shows it (again on every answer, even the
    same: a resize lays the tables out anew)."""

    error: var[str] = var("", init=False)
    """Why the folio could not be opened ('' unless it could not); `watch_error` shows it in place of the figures."""

    _preloaded = False
    """True once the areas' modules and the other screens' styles were asked for (after the first figures
    worked out from the open folio)."""

    _columns_width = -1
    """The screen's width the tables' columns were last made for."""

    def _waiting(self) -> str:
        """The heading until the figures arrive: the folio is still being read, or the rules are working."""
        return "Reading the folio…" if self.app.folio is None else "Working it out…"

    def on_mount(self) -> None:
        """The figures kept for the folio file as it is, today, painted with the first frame; else nothing
        until the rules have answered (they confirm kept figures too, once the folio is open)."""
        self._requirements: dict[str, rules.Requirement] = {}
        kept = self._kept_view()
        if kept is not None:
            self.show(kept)

    def _kept_view(self, codec: Codec | None = None) -> DashboardView | None:
        """The figures kept beside the folio the app started on, if they are for that very file and today (an
        encrypted folio's once its passphrase gave the `codec`: `show_kept`)."""
        starting = self.app.start_digest
        if starting is None or self.app.folio is not None:
            return None
        from sendfolio.store.figures import kept_figures
        from sendfolio.store.mark import is_encrypted
        from sendfolio.tui.views.kept_figures import READER, from_json

        if codec is None and is_encrypted(self.app.data_dir):  # its figures are read once the passphrase is given
            return None
        self.app.start_digest = None  # the first Dashboard only: another folio opened later has its own
        today = self.app.today.isoformat()
        kept = kept_figures(self.app.data_dir, starting.result(), today=today, reader=READER, codec=codec)
        return None if kept is None else from_json(kept)

    def show_kept(self, codec: Codec) -> None:
        """The encrypted folio the app started on is unlocked: its kept figures (if for that very file and today)
        while it opens."""
        kept = self._kept_view(codec)
        if kept is not None:
            self.show(kept)

    def show_error(self, message: str) -> None:
        """The folio could not be opened: `watch_error` says why in place of the figures."""
        self.error = message

    def watch_error(self, message: str) -> None:
        """Say why the folio could not be opened (and how to quit) in place of the figures, which stay hidden."""
        if not message or not self.query("#dash-heading"):
            return
        heading = self.query_one("#dash-heading", Static)
        heading.update("Your folio could not be opened")
        heading.add_class("-error")
        why = self.query_one("#requirement-detail", Static)
        why.update(Text.assemble(message, "\n\nPress ctrl+q to quit."))  # as written: a path is not markup
        why.add_class("-error")
        for part in self.query_one("#dashboard-body").children:
            part.display = part in (heading, why)

    def on_resize(self) -> None:
        """Fit the tables' columns to the new width (not again for the width they were made for)."""
        if self.view is not None and self.size.width != self._columns_width:
            self.show(self.view)

    def _set_columns(self) -> None:
        """(Re)make both tables' columns to fit the screen's width (no Need column when narrow: the line below says it)."""
        self._columns_width = self.size.width
        rest = max(self.size.width - 12, 50)
        table = self.query_one("#requirements", DataTable)
        table.clear(columns=True)
        for label, key, width in requirement_columns(rest):  # labels as Text: not read as markup (nor emoji codes)
            table.add_column(Text(label), width=width, key=key)
        deadlines = self.query_one("#deadlines", DataTable)
        deadlines.clear(columns=True)
        for label, width in (("Case", 11), ("Event", rest - 41), ("Due", 11), ("Days left", 10), ("Status", 7)):
            deadlines.add_column(Text(label), width=width, key=label.lower())

    def refresh_view(self) -> None:
        """Work the figures out again when the folio changes."""
        self.action_reload()

    def action_reload(self) -> None:
        """Recompute from the folio's current records (nothing until the folio is open)."""
        if self.app.folio is not None:
            if self.view is None:
                self.view = None  # the heading says the rules are working
            folio = self.app.current_folio
            self.compute(folio.snapshot(), self.app.today, folio.entered(), folio)

    def action_page(self, direction: int) -> None:
        """Scroll the whole dashboard a page up or down, whichever part has the focus."""
        body = self.query_one("#dashboard-body", VerticalScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def action_end(self, bottom: int) -> None:
        """Go to the top (0) or the end (1) of the dashboard."""
        body = self.query_one("#dashboard-body", VerticalScroll)
        (body.scroll_end if bottom else body.scroll_home)(animate=False)

    # `description` given: else Textual describes a worker by the repr() of its arguments, on the screen's
    # thread -- here every record (0.1 s at 10 years, on each refresh), and record text in its logs.
    @work(thread=True, exclusive=True, group="dashboard", description="the dashboard's figures")
    def compute(self, snapshot: Snapshot, today: date, entered: Sequence[Record], folio: KeepsFigures) -> None:
        """Ask the rules off the screen's thread, show the result, and keep it beside the folio for the next start."""
        from textual.worker import get_current_worker

        from sendfolio.tui.support.memory import collector_paused
        from sendfolio.tui.views.kept_figures import READER, to_json

        with collector_paused():  # the rules make many short-lived objects and no cycles: no collections meanwhile
            view = dashboard_view(snapshot.data, today, entered)
        if not get_current_worker().is_cancelled:  # the app is closing: the loop would never answer
            self.app.call_from_thread(self.show, view)
            folio.keep_figures(snapshot, to_json(view), today=today.isoformat(), reader=READER)

    def show(self, view: DashboardView) -> None:
        """Show the rules' answer (or the figures kept from the last time): `watch_view` draws it."""
        self.view = view

    def watch_view(self, old: DashboardView | None, view: DashboardView | None) -> None:
        """Fill every section from the rules' answer (the first time, from the top of the page); until there is
        one, the heading says what is awaited.

        A worker may answer after the screen has gone (the demo folio replaced the areas), or after the folio could
        not be opened (`error`): then nothing is shown.
        """
        if not self.is_attached or not self.query("#requirements") or self.error:
            return
        if view is None:
            self.query_one("#dash-heading", Static).update(self._waiting())
            return
        row = self.query_one("#requirements", DataTable).cursor_row
        self._set_columns()
        self._show_requirements(view.report, row)
        self._show_progress(view.report)
        self._show_deadlines(view.deadlines, view.today)
        for selector, text in section_texts(view).items():
            self.query_one(selector, Static).update(text)
        self.query_one("#disagreements", Static).display = bool(view.disagreements or view.gaps)
        if old is None:
            self.call_after_refresh(self.query_one("#dashboard-body", VerticalScroll).scroll_home, animate=False)
        if self.app.folio is not None and not self._preloaded:  # not for kept figures: the folio opens first
            self._preloaded = True
            self.call_after_refresh(self.preload)  # once the figures are painted: they do not wait for these imports
            self.call_after_refresh(self.app.load_screen_styles)  # and the other screens' styles

    @work(thread=True, exclusive=True, group="preload", description="importing the areas")
    def preload(self) -> None:
        """Import every area's module off the screen's thread, and count the reflections' words: a first visit of
        an area need not wait for them."""
        preload_areas()
        from sendfolio.tui.views.reflection_templates import count_words_ahead

        folio = self.app.folio
        if folio is not None:
            count_words_ahead(item.body for item in folio.reflections())

    def _show_requirements(self, report: rules.Report, row: int) -> None:
        """One row per requirement, the cursor on `row`."""
        table = self.query_one("#requirements", DataTable)
        keys = [str(column.key.value) for column in table.columns.values()]
        for item in report.requirements:
            cells = {"met": mark(item.met), "title": item.title, "need": item.need, "have": item.have}
            table.add_row(*plain_cells([cells[key] for key in keys]), key=item.id)
        fit_rows(table, len(report.requirements))
        if report.requirements:
            table.move_cursor(row=min(row, len(report.requirements) - 1))
        self._requirements = {item.id: item for item in report.requirements}
        self._show_detail()

    def _show_progress(self, report: rules.Report) -> None:
        """A progress bar for every numeric requirement."""
        self.query_one("#progress", ProgressLines).show(
            [
                (
                    item.title,
                    item.numeric_have,
                    item.numeric_need,
                    f"{hours_text(item.numeric_have)} of {hours_text(item.numeric_need)}",
                )
                for item in report.requirements
                if item.numeric_need and item.numeric_have is not None
            ]
        )

    def _show_deadlines(self, deadlines: tuple[timescales.Deadline, ...], today: date) -> None:
        """The next deadlines with their days left, or a line saying there are none."""
        table = self.query_one("#deadlines", DataTable)
        for index, item in enumerate(deadlines):
            left = days_until(item.due, today) if item.due else "—"
            status = status_text(item.status)
            if item.entered_in_time:  # planned in time: its date is entered and still to come
                status = Text("entered", style="italic")
            cells = (item.case, item.event, short_date(item.due), left, status)
            table.add_row(*plain_cells(cells), key=str(index))
        fit_rows(table, len(deadlines))
        table.display = bool(deadlines)
        empty = self.query_one("#deadlines-empty", Static)
        empty.update("No statutory deadline is due or overdue.")
        empty.display = not deadlines

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Explain the highlighted requirement."""
        if event.data_table.id == "requirements":
            self._show_detail()

    def _show_detail(self) -> None:
        """The highlighted requirement's detail and where to fix it."""
        item = self.highlighted()
        detail = self.query_one("#requirement-detail", Static)
        if item is None:
            detail.update("")
            return
        area = AREA_BY_MODE[area_for_rule(item.id)]
        words = item.detail if not item.met else "Met."
        detail.update(
            Text(
                f"{item.title} ({item.source}). Need: {item.need}. Have: {item.have}.\n{words}  "
                f"(Enter: go to {area.key} {area.title})"
            )
        )

    def highlighted(self) -> rules.Requirement | None:
        """The requirement under the cursor, if any."""
        table = self.query_one("#requirements", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return self._requirements.get(key) if key is not None else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a requirement opens the area that fixes it; on a deadline, its case's timeline."""
        event.stop()
        if event.data_table.id == "requirements":
            self.action_fix()
        elif self.view is not None and event.cursor_row < len(self.view.deadlines):
            from sendfolio.tui.screens.timeline import TimelineScreen

            self.app.push_screen(TimelineScreen(self.view.deadlines[event.cursor_row].case))

    def action_fix(self) -> None:
        """Go to the area that fixes the highlighted requirement."""
        item = self.highlighted()
        if item is not None:
            self.app.action_area(area_for_rule(item.id))


def section_texts(view: DashboardView) -> dict[str, str | Text]:
    """The words of each of the dashboard's text sections (by its widget's selector), from the rules' answer."""
    return {
        "#dash-heading": view.title,
        "#renewal-title": view.renewal_title,
        "#renewal-date": view.renews,
        "#renewal-status": renewal_text(view.renewal),
        "#practice": practice_text(view.practice, view.has_register),
        "#breaches": breaches_text(view.breaches),
        "#learning-plan": learning_text(view.learning),
        "#disagreements": disagreements_text(view.disagreements, view.gaps),
        "#recent": recent_text(view.recent),
    }


def requirement_columns(width: int) -> tuple[tuple[str, str, int], ...]:
    """(label, key, width) of the requirements table's columns for `width` cells of text.

    Wide enough (110+): tick, requirement, need, have. Narrower, the Need column goes (it would be cut
    to a few letters) and the line under the table gives the need of the highlighted requirement.
    """
    if width >= 110:
        return ("", "met", 1), ("Requirement", "title", 30), ("Need", "need", 34), ("Have", "have", width - 65)
    return ("", "met", 1), ("Requirement", "title", 30), ("Have", "have", width - 31)


def renewal_text(report: rules.RenewalReport) -> Text:
    """The renewal requirements on a few lines: mark, title, have of need."""
    text = Text()
    for item in report.requirements:
        text.append_text(mark(item.met))
        text.append(f" {item.title}: {item.have} (need {item.need})\n")  # append() never reads markup
    text.append("Ready to renew." if report.met else "Not yet ready to renew.", style="bold")
    return text


def practice_text(lines: tuple[tuple[bool, str], ...], has_register: bool) -> Text:
    """What needs attention in the practice, one a line, the urgent ones marked (shown as typed, never as markup)."""
    text = Text()
    for urgent, words in lines:
        text.append("! " if urgent else "• ", style="bold red" if urgent else "bold")
        text.append(f"{words}\n")
    if not has_register:
        text.append("No governance register yet: press p to record your insurance, training and policies (Appendix D).")
    elif not lines:
        text.append("Nothing in the practice needs attention: nothing lapses in the next 60 days.")
    text.rstrip()
    return text


def disagreements_text(found: tuple[str, ...], gaps: tuple[str, ...] = ()) -> Text:
    """The criteria observers' returns leave unticked that the mediator ticked, and the de-brief gaps no
    learning need addresses, one a line (shown as typed)."""
    text = Text()
    if found:
        text.append(f"Observers' returns: {count(len(found), 'disagreement')}\n", style="bold")
        for line in found:
            text.append(f"{line}\n")
    if gaps:
        text.append(f"De-brief gaps no learning need addresses: {len(gaps)}\n", style="bold")
        for line in gaps:
            text.append(f"{line}\n")
    return text


def learning_text(needs: tuple[tuple[date, bool, str], ...]) -> Text:
    """The open learning needs, one a line, overdue ones marked (shown as typed, never as markup)."""
    if not needs:
        return Text("No open learning needs. Add one from a de-brief's gaps in the learning plan (9).")
    overdue = sum(1 for _, late, _ in needs if late)
    text = Text(f"{len(needs)} open" + (f", {overdue} past the target date" if overdue else "") + "\n", style="bold")
    for due, late, need in needs:
        text.append(f"{short_date(due)}  ")
        if late:
            text.append("overdue  ", style="bold red")
        text.append(f"{need}\n")
    return text


def breaches_text(breaches: tuple[timescales.Deadline, ...]) -> Text:
    """The timescales missed, one a line: case, event, when due and when done (shown as typed)."""
    if not breaches:
        return Text("No timescale was missed.")
    lines = []
    for item in breaches:
        done = f"done {short_date(item.done)}" if item.done else "can no longer be met"
        lines.append(f"✗ {item.case}: {item.event}: due {short_date(item.due)}, {done}")
    return Text("\n".join(lines))


def recent_text(recent: tuple[tuple[date, str], ...]) -> Text:
    """The recent entries, one a line (shown as typed, never as markup)."""
    if not recent:
        return Text("Nothing recorded yet: add your training (7) and cases (2).")
    return Text("\n".join(f"{short_date(when)}  {words}" for when, words in recent))


def fit_rows(table: DataTable, rows: int) -> None:
    """Make the table as high as its header and `rows` one-line rows (its max-height in the styles still caps it).

    Left to `height: auto`, a table measures its new rows only once its own messages are done; under load that
    came after the page's layout, and the table stayed no lines high, hiding the deadlines, until something
    else changed the page.
    """
    table.styles.height = rows + int(table.show_header)

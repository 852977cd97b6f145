"""Every use of Textual's private API, in one place: what the app relies on, and why.

Textual's names that start with `_` may change in any release. The app uses a few, each for
a reason below; nothing else in `sendfolio` touches them (a test checks the source). Each one is
listed in `RELIED_ON`, and `changed()` says, one line each, which of them the installed Textual
no longer has as expected; `tests/tui/test_textual_internals.py` fails with those lines after
an upgrade that changes any of them. Textual is pinned in `pyproject.toml` to the version they
were written against (`TESTED_WITH`).

What the rest of the app uses instead, with public names:
- `CrashHookApp.unhandled_error(error)` and `end_with_error(error)`: the app's own crash report;
- `ResumeHookScreen.restyle_on_resume()` and `resumed()`: a screen's resume without a needless restyle;
- `mark_styled(screen, app)`: an area's new screen taken as styled by the stylesheet as it stands;
- `CellHookTable.draw_cell(...)`, `caches_cleared()`, `row_state(row_index)` and `forget_drawn_rows()`:
  tables that keep or skip the cells they draw;
- `draw_keys_at_once(footer)` and `keys_ready(footer)`: a footer drawn from the screen's keys at once;
- `running_loop(app)`: the app's event loop, for a signal's handler to hand it the close.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable, Footer

TESTED_WITH = "8.2.8"
"""The Textual version everything below was written and tested against (pinned in pyproject.toml)."""


@dataclass(frozen=True)
class Internal:
    """One private name of Textual the app relies on."""

    owner: str
    """Where it is: `module:Class`."""
    name: str
    """The private name."""
    kind: str
    """"method" (overridden or called: its parameters must stay `parameters`), "attribute" (on an
    instance, as made with no arguments) or "reactive" (a reactive declared on the class)."""
    why: str
    """What the app does with it."""
    parameters: tuple[str, ...] = ()
    """For a method: the names of its parameters, `self` first."""


RELIED_ON: tuple[Internal, ...] = (
    Internal(
        "textual.app:App",
        "_handle_exception",
        "method",
        "overridden: an unhandled error shows a short message and writes a private crash log, "
        "instead of Textual's report with every local variable (the mediator's records among them)",
        ("self", "error"),
    ),
    Internal("textual.app:App", "_return_code", "attribute", "set to 1 by the app's own crash report, as Textual's is"),
    Internal(
        "textual.app:App", "_exception", "attribute", "kept by the crash report so a test run re-raises the error"
    ),
    Internal(
        "textual.app:App", "_exception_event", "attribute", "set by the crash report so a test run re-raises the error"
    ),
    Internal(
        "textual.app:App",
        "_css_update_count",
        "attribute",
        "copied onto an area's new screen: Textual restyles a screen whose count differs on its first show",
    ),
    Internal(
        "textual.screen:Screen",
        "_css_update_count",
        "attribute",
        "set from the app's, so an area's first visit is not restyled twice (0.1 s with input waiting)",
    ),
    Internal(
        "textual.screen:Screen",
        "_on_screen_resume",
        "method",
        "overridden (as a coroutine, which Textual awaits): a resume without restyling a screen never "
        "hidden, and the keys let in before the first paint",
        ("self", "event"),
    ),
    Internal(
        "textual.widgets:DataTable",
        "_render_cell",
        "method",
        "overridden: the long tables keep the cells they drew; the coverage matrix skips columns out of sight",
        ("self", "row_index", "column_index", "base_style", "width", "cursor", "hover"),
    ),
    Internal(
        "textual.widgets:DataTable",
        "_render_line_in_row",
        "method",
        "not called, but the coverage matrix's skipping relies on it: it draws a row's fixed columns, then "
        "every column again for the part that scrolls",
        ("self", "row_key", "line_no", "base_style", "cursor_location", "hover_location"),
    ),
    Internal(
        "textual.widgets:DataTable",
        "_render_line",
        "method",
        "not called, but the coverage matrix's skipping relies on it: it crops a drawn row to the part in sight",
        ("self", "y", "x1", "x2", "base_style"),
    ),
    Internal(
        "textual.widgets:DataTable",
        "_get_row_renderables",
        "method",
        "called by the long tables to draw a one-line cell of plain text without Rich's renderer",
        ("self", "row_index"),
    ),
    Internal(
        "textual.widgets:DataTable",
        "_get_styles_to_render_cell",
        "method",
        "called by the long tables for a plain cell's styles, as Textual's own drawing of the cell asks them",
        (
            "self",
            "is_header_cell",
            "is_row_label_cell",
            "is_fixed_style_cell",
            "hover",
            "cursor",
            "show_cursor",
            "show_hover_cursor",
            "has_css_foreground_priority",
            "has_css_background_priority",
        ),
    ),  # fmt: skip
    Internal(
        "textual.widgets:DataTable",
        "_clear_caches",
        "method",
        "overridden: when Textual drops its drawn rows, the long tables drop the cells they kept",
        ("self",),
    ),
    Internal(
        "textual.widgets:DataTable",
        "_row_render_cache",
        "attribute",
        "cleared by the coverage matrix when it scrolls sideways (its cached rows lack the columns now in sight)",
    ),
    Internal(
        "textual.widgets:DataTable",
        "_row_locations",
        "attribute",
        "read by the long tables: the key of the row drawn at an index, part of what a kept cell depends on",
    ),
    Internal(
        "textual.widgets:DataTable",
        "_show_hover_cursor",
        "attribute",
        "read by the long tables: whether the hover shows, part of what a kept cell depends on",
    ),
    Internal(
        "textual.widgets:DataTable",
        "_pseudo_class_state",
        "attribute",
        "read by the long tables: focus and the like, part of what a kept cell depends on",
    ),
    Internal(
        "textual.app:App",
        "_loop",
        "attribute",
        "read by the signals' handler (SIGHUP, SIGTERM), outside the loop: the loop to hand the app's close to",
    ),
    Internal(
        "textual.widgets:Footer",
        "_bindings_ready",
        "reactive",
        "set as the footer is made, so its keys are drawn at once from the screen's bindings "
        "rather than on an empty first paint and again",
    ),
)
"""Every private name of Textual the app relies on."""


def _owner(internal: Internal) -> type:
    """The class an internal name belongs to."""
    module, _, name = internal.owner.partition(":")
    owner: type = getattr(import_module(module), name)
    return owner


def _instance(owner: type) -> Any:
    """An instance of `owner` made with no arguments, as the attribute checks need."""
    return owner()


def changed(relied_on: Iterable[Internal] = RELIED_ON) -> list[str]:
    """One line for each private name the installed Textual no longer has as the app expects (none: all holds)."""
    import textual

    problems = []
    for internal in relied_on:
        where = f"{internal.owner.replace(':', '.')}.{internal.name}"
        try:
            owner = _owner(internal)
        except (ImportError, AttributeError):
            problems.append(f"{internal.owner} is gone (needed for {internal.name}: {internal.why})")
            continue
        if internal.kind == "method":
            method = getattr(owner, internal.name, None)
            if not callable(method):
                problems.append(f"{where} is no longer a method ({internal.why})")
                continue
            found = tuple(inspect.signature(method).parameters)
            if found != internal.parameters:
                problems.append(f"{where} now takes {found}, not {internal.parameters} ({internal.why})")
        elif internal.kind == "reactive":
            from textual.reactive import Reactive

            if not isinstance(owner.__dict__.get(internal.name), Reactive):
                problems.append(f"{where} is no longer a reactive of the class ({internal.why})")
        elif not hasattr(_instance(owner), internal.name):
            problems.append(f"{where} is no longer an attribute of a new {owner.__name__} ({internal.why})")
    if problems:
        problems.append(
            f"Textual {textual.__version__} is installed; sendfolio/tui/support/textual_internals.py was written "
            f"against {TESTED_WITH}: adapt it there (nothing else uses these names)"
        )
    return problems


class CrashHookApp(App[int]):
    """A Textual app whose unhandled errors go to `unhandled_error` (Textual's report by default)."""

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an unhandled error: passed to `unhandled_error`."""
        self.unhandled_error(error)

    def unhandled_error(self, error: Exception) -> None:
        """What to do with an unhandled error; Textual's own report unless a subclass says otherwise."""
        App._handle_exception(self, error)

    def end_with_error(self, error: Exception) -> None:
        """What Textual does first with an unhandled error: exit status 1, the error kept for a test run to re-raise."""
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()


class ResumeHookScreen(Screen[Any]):
    """A screen whose resume may skip Textual's restyle (`restyle_on_resume`), then runs `resumed`."""

    def restyle_on_resume(self) -> bool:
        """Whether this resume restyles the whole screen, as Textual's always does."""
        return True

    async def resumed(self) -> None:
        """Run after Textual's resume, before the screen is painted."""

    # Textual awaits a handler that is a coroutine; its own `_on_screen_resume` is typed as plain.
    async def _on_screen_resume(self, event: events.ScreenResume) -> None:  # type: ignore[override]
        """Textual's resume (restyling only when `restyle_on_resume` says so), then `resumed`."""
        event.prevent_default()
        if event.refresh_styles and not self.restyle_on_resume():
            event = events.ScreenResume(refresh_styles=False)
        Screen._on_screen_resume(self, event)
        await self.resumed()


def mark_styled(screen: Screen[Any], app: App[Any]) -> None:
    """Take `screen` as styled by the app's stylesheet as it stands (Textual will not restyle it on its first show)."""
    screen._css_update_count = app._css_update_count


class CellHookTable(DataTable[Any]):
    """A DataTable whose cells are drawn through `draw_cell`, told through `caches_cleared` when Textual drops them."""

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """Textual's draw of one cell: passed to `draw_cell`."""
        return self.draw_cell(row_index, column_index, base_style, width, cursor, hover)

    def draw_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """One cell as Textual draws it (row -1: the header); a subclass may keep or skip it."""
        return DataTable._render_cell(self, row_index, column_index, base_style, width, cursor, hover)

    def draw_plain_cell(
        self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool, hover: bool
    ) -> list[list[Segment]] | None:
        """A one-line data cell of plain printable ASCII text, drawn as Textual draws it (through Rich: the cell's
        padding, the text cropped or filled to the width, every part in the cell's style) without Rich's renderer;
        None for any other cell. `tests/tui/test_long_table_cells.py` compares the two, cell by cell."""
        row_key = self._row_locations.get_key(row_index) if row_index >= 0 and column_index >= 0 else None
        row = self.rows.get(row_key) if row_key is not None else None
        if row is None or row.height != 1 or row.auto_height:
            return None
        cells = self._get_row_renderables(row_index).cells
        cell = cells[column_index] if column_index < len(cells) else None
        if type(cell) is not Text or cell.spans or cell.style or cell.justify or cell.overflow:
            return None
        text, padding = cell.plain, self.cell_padding
        inner = width - 2 * padding
        if inner < 0 or not (text.isascii() and text.isprintable()):
            return None
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            row_index < self.fixed_rows or column_index < self.fixed_columns,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style + post_style
        shown = text[:inner]
        edge = [Segment(" " * padding, style)] if padding else []
        fill = [Segment(" " * (inner - len(shown)), style)] if len(shown) < inner else []
        return [[*edge, Segment(shown, style), *fill, *edge]]

    def _clear_caches(self) -> None:
        """Textual drops its drawn rows and cells: `caches_cleared` first."""
        self.caches_cleared()
        DataTable._clear_caches(self)

    def caches_cleared(self) -> None:
        """Textual is dropping everything it has drawn (rows cleared, a watched setting changed)."""

    def forget_drawn_rows(self) -> None:
        """Drop the rows Textual keeps drawn, so each is drawn again when next painted."""
        self._row_render_cache.clear()

    def row_key_at(self, row_index: int) -> Any:
        """The key of the row drawn at `row_index`, or None."""
        return self._row_locations.get_key(row_index)

    def drawing_state(self) -> tuple[Any, ...]:
        """What else a drawn cell depends on: whether the hover shows, and the table's pseudo-classes (focus…)."""
        return (self._show_hover_cursor, self._pseudo_class_state)


def draw_keys_at_once(footer: Footer) -> None:
    """Have `footer` draw its keys from the screen's bindings when first composed (not on an empty first paint)."""
    footer.set_reactive(Footer._bindings_ready, True)


def keys_ready(footer: Footer) -> bool:
    """Whether `footer` has the screen's keys to draw."""
    return bool(footer._bindings_ready)


def running_loop(app: App[Any]) -> asyncio.AbstractEventLoop | None:
    """The event loop `app` runs on (None before it runs), for code outside the loop to call into it."""
    return app._loop

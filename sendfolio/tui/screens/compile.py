"""Compile: choose a document, see what goes in and what is still unmet, and make the PDF.

The PDF is made in a thread worker so the screen stays responsive; WeasyPrint and
the portfolio package are imported only inside that worker. While it runs, the screen
lists the compiler's stages as they are reported through the progress callback
(`progress(what, fraction)`; a `what` of "Stage: detail", such as "Laying out pages:
24 pages", updates that stage's line in place, so a page count grows on one line).
x cancels: the next progress report stops the compile, and no PDF is written. The requirements
shown come from the rules (accreditation, renewal of one registration year, or
the passported route), so this screen says exactly what `sendfolio check` says.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import var
from textual.widgets import Button, Input, Label, ProgressBar, RadioButton, RadioSet, Static
from textual.worker import Worker, WorkerState

from sendfolio.domain.wording import count
from sendfolio.paths import style_path
from sendfolio.portfolio.progress import CompileCancelled
from sendfolio.tui.dialogs.confirm import may_replace
from sendfolio.tui.screens.folio_screen import FolioScreen
from sendfolio.tui.screens.record_screen import YEAR_BINDINGS, binding_commands
from sendfolio.tui.views.compile_plan import DOCUMENTS, contents, unmet
from sendfolio.tui.views.year_tables import year_span
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter
from sendfolio.tui.widgets.ticks import TickRadio

if TYPE_CHECKING:
    from sendfolio.portfolio.api import CompileResult

INLINE_RECORDS = 400
"""Up to this many cases, reflections and CPD entries, the rules are asked on the screen's thread
(quick at that size); a longer archive is worked out in a worker, the screen answering meanwhile."""


def summary(kind: str, data: Any, year: int, today: Any) -> tuple[str, str]:
    """What the document holds, and the requirements still unmet."""
    return contents(kind, data, year, today), unmet(kind, data, year, today)


class CompileScreen(FolioScreen):
    """Make the portfolio, a renewal pack, the passported declaration or the annual service review as a PDF."""

    _summary_of: tuple[str, int] | None = None
    """The document and year whose contents and unmet requirements are on show."""

    CSS_PATH = style_path("records.tcss")
    """The records screens' styles."""

    HELP = (
        "Choose the document, check what goes in and what is still unmet, then press c (or Enter in the "
        "output box) to make the PDF. Your records are not changed."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "compile", "Compile PDF", tooltip="Make the chosen PDF at the path shown"),
        Binding("p", "choose('portfolio')", "Portfolio", tooltip="The written portfolio for accreditation"),
        Binding("r", "choose('renewal')", "Renewal", tooltip="The renewal pack of one registration year"),
        Binding("f", "choose('passport')", "Passport", tooltip="The passported declaration (Form 5)"),
        Binding(
            "v",
            "choose('review')",
            "Review",
            tooltip="The annual service review (Appendix D) and its summary",
            show=False,
        ),
        Binding("x", "cancel", "Cancel", tooltip="Stop making the PDF (nothing is written)"),
        *YEAR_BINDINGS,
    ]
    """Compile; choose the document; step the renewal year (when the renewal pack is chosen)."""

    PALETTE_NAME = "Compile"
    """The screen's name in the command palette."""

    def palette_commands(self) -> list:
        """This screen's keys, offered in the command palette."""
        return binding_commands(self)

    kind: var[str] = var("portfolio", init=False)
    """The document chosen (a key of `DOCUMENTS`); choosing another redraws what it holds."""

    compiling: var[bool] = var(False, init=False)
    """True while a PDF is being made: the progress line shows, Compile waits and Cancel works."""

    summary_lines: var[tuple[str, str]] = var(("", ""), init=False)
    """What the chosen document holds, and the requirements still unmet, in words."""

    fraction: var[float] = var(0.0, init=False)
    """How far the compile has gone (0 to 1), bound to the progress bar."""

    step: var[str] = var("", init=False)
    """What the compiler is doing now, beside the progress bar."""

    outcome: var[tuple[str, bool]] = var(("", False), init=False)
    """What the compile came to (or the stages so far), and whether it is an error; shown under the output box."""

    year_line: var[str] = var("", init=False)
    """The year the renewal pack or the service review is for, and the keys that change it."""

    def __init__(self) -> None:
        """Start on the portfolio; the renewal year is chosen when mounted."""
        super().__init__()
        self._default_path = ""
        self._cancel = threading.Event()
        self._stages: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        """The choice, the contents, the unmet requirements, the output path and the result."""
        yield AreaBar()
        with Vertical(id="compile-body"):
            with RadioSet(id="compile-kind"):
                for key, document in DOCUMENTS.items():
                    yield TickRadio(document.label, value=key == self.kind, name=key)
            yield Static("", id="compile-year", classes="summary", markup=False)
            yield Static("", id="compile-contents", classes="breakdown", markup=False)
            with VerticalScroll(id="compile-unmet-box"):
                yield Static("", id="compile-unmet", markup=False)
            with Horizontal(id="compile-output-line"):
                yield Label("Save to", classes="field-label")
                yield Input(id="compile-output", compact=True)
                yield Button("Compile (c)", id="compile-button", variant="primary", compact=True)
            with Horizontal(id="compile-progress-line"):
                yield ProgressBar(total=1.0, show_eta=False, id="compile-progress").data_bind(
                    progress=CompileScreen.fraction
                )
                yield Label("", id="compile-step", markup=False)
                yield Button("Cancel (x)", id="compile-cancel", compact=True)
            yield Static("", id="compile-result", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        """Hide the progress line (nothing is being compiled); the figures are drawn when the screen is shown."""
        self.watch_compiling(False)

    def refresh_view(self) -> None:
        """Redraw the year, contents, unmet requirements and the default output path."""
        data, profile = self.app.current_folio.data(), self.app.current_folio.profile()
        which = "Review of" if self.kind == "review" else "Renewal"
        self.year_line = f"{which} {year_span(profile, self.year)}  ([ and ] change the year)"
        self.query_one("#compile-year").display = self.kind in ("renewal", "review")
        if len(data.cases) + len(data.reflections) + len(data.cpd) <= INLINE_RECORDS:
            self._show_summary(self.kind, self.year, *summary(self.kind, data, self.year, self.app.today))
        else:
            if self._summary_of != (self.kind, self.year):
                self.summary_lines = ("Working it out…", "Working it out…")
            # After the next paint: beside the worker (which holds the GIL half the time), the first paint took twice as long.
            self.call_after_refresh(self._work_out_summary, self.kind, data, self.year, self.app.today)
        self._update_default_path()
        self.refresh_bindings()

    @work(thread=True, exclusive=True, group="compile-summary", description="what the document holds")
    def _work_out_summary(self, kind: str, data: Any, year: int, today: Any) -> None:
        """The contents and unmet requirements of a long archive, worked out off the screen's thread."""
        from textual.worker import get_current_worker

        texts = summary(kind, data, year, today)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_summary, kind, year, *texts)

    def _show_summary(self, kind: str, year: int, holds: str, still_unmet: str) -> None:
        """Show what the document holds and what is still unmet (unless another document or year was chosen since)."""
        if not self.is_attached or (kind, year) != (self.kind, self.year):
            return
        self.summary_lines = (holds, still_unmet)
        self._summary_of = (kind, year)

    def watch_year_line(self, line: str) -> None:
        """Show the year the document is for."""
        self.query_one("#compile-year", Static).update(line)

    def watch_summary_lines(self, lines: tuple[str, str]) -> None:
        """Show what the document holds and what is still unmet."""
        holds, still_unmet = lines
        self.query_one("#compile-contents", Static).update(holds)
        self.query_one("#compile-unmet", Static).update(still_unmet)

    def _update_default_path(self) -> None:
        """Propose a path for the PDF in the output folder (the profile's), unless the mediator typed their own."""
        from sendfolio.services.outputs import default_output, shown_path

        output = self.query_one("#compile-output", Input)
        proposed = shown_path(default_output(self.app.current_folio, self.kind, year=self.year))
        if output.value in ("", self._default_path):
            output.value = proposed
        self._default_path = proposed

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The year keys only apply to the renewal pack; cancelling only while compiling."""
        if action == "year":
            return self.kind in ("renewal", "review")
        if action == "cancel":
            return self.compiling
        if action == "compile":
            return not self.compiling
        return True

    def watch_kind(self) -> None:
        """Show what the document chosen holds, its year and its file."""
        self.refresh_view()

    def watch_compiling(self, compiling: bool) -> None:
        """Show the progress line while compiling; Compile and Cancel each work only when they can."""
        self.query_one("#compile-progress-line").display = compiling
        self.query_one("#compile-button", Button).disabled = compiling
        self.query_one("#compile-cancel", Button).disabled = not compiling
        self.refresh_bindings()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Follow the document chosen with the arrows or the mouse."""
        self.kind = event.pressed.name or "portfolio"

    def action_choose(self, kind: str) -> None:
        """Choose a document by key."""
        for button in self.query(RadioButton):
            if button.name == kind:
                button.value = True

    def action_year(self, step: int) -> None:
        """Show the previous (-1) or next (+1) registration year for the renewal pack."""
        self.year += step

    @on(Input.Submitted, "#compile-output")
    @on(Button.Pressed, "#compile-button")
    def _compile_pressed(self) -> None:
        """Enter in the output box, or the Compile button, compiles."""
        self.action_compile()

    @on(Button.Pressed, "#compile-cancel")
    def action_cancel(self) -> None:
        """Stop the compile at its next step; nothing is written."""
        if not self.compiling:
            return
        self._cancel.set()
        self.query_one("#compile-cancel", Button).disabled = True
        self.step = "Cancelling…"

    @work(exclusive=True, group="compile-asking")
    async def action_compile(self) -> None:
        """Make the PDF, asking first when it would replace a file already there."""
        raw = self.query_one("#compile-output", Input).value.strip()
        if not raw:
            self._show_result("Give a file to save the PDF to.", error=True)
            return
        path = Path(raw).expanduser()
        if not path.suffix:
            path = path.with_suffix(".pdf")
        outputs = [path]
        if self.kind == "review":
            from sendfolio.portfolio.api import summary_path

            outputs.append(summary_path(path))
        replace = await may_replace(self.app, outputs)
        if replace is None:
            self._show_result(f"Not compiled: {path.name} is kept as it was.")
        else:
            self._start_compile(path, replace)

    def _start_compile(self, path: Path, replace: bool) -> None:
        """Start making the PDF in a worker, showing progress."""
        self._cancel = threading.Event()
        self._stages = []
        self._show_progress("Starting", 0.0)
        self.compiling = True
        self._show_result(f"Compiling the {DOCUMENTS[self.kind].label.lower()}…")
        self.compile_worker(self.kind, path, self.year, self._cancel, replace)

    @work(thread=True, exclusive=True, group="compile", exit_on_error=False, description="compiling a PDF")
    def compile_worker(
        self, kind: str, path: Path, year: int, cancel: threading.Event, replace: bool = False
    ) -> CompileResult:
        """Make the PDF off the screen's thread through the compile service (the compiler is imported only here)."""
        from sendfolio.services.compile import compile_document, compile_review

        def progress(step: str, fraction: float) -> None:
            """Pass the compiler's progress to the screen's thread."""
            self.app.call_from_thread(self._show_progress, step, fraction)

        folio, today, stop = self.app.current_folio, self.app.today, cancel.is_set
        if kind == "review":  # the review, and its summary beside it
            return compile_review(folio, year, path, as_of=today, replace=replace, progress=progress, cancelled=stop)[0]
        return compile_document(
            folio, kind, path, as_of=today, year=year, replace=replace, progress=progress, cancelled=stop
        )

    def _show_progress(self, step: str, fraction: float) -> None:
        """Move the progress bar, say what the compiler is doing, and list the stages so far."""
        self.fraction = fraction
        if self._cancel.is_set():
            return
        self.step = step
        stage, _, detail = step.partition(": ")
        if self._stages and self._stages[-1][0] == stage:
            self._stages[-1] = (stage, detail)
        elif stage != "Starting":
            self._stages.append((stage, detail))
        self._show_result(stage_lines(self._stages, done=fraction >= 1.0))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show the result (path and pages) or the error when the worker ends."""
        if event.worker.group != "compile" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.compiling = False
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            beside = ""
            if self.kind == "review":
                from sendfolio.portfolio.api import summary_path

                beside = f"\n✓ The anonymised summary to share is beside it: {summary_path(event.worker.result.path)}"
            result = f"{result_text(event.worker.result)}{beside}"
            self._show_result(f"{result}\n{stage_lines(self._stages, done=True)}".strip())
            self.notify(f"PDF saved: {event.worker.result.path.name} ({event.worker.result.pages} pages)", markup=False)
            return
        self._show_result(error_text(event.worker.error), error=True)
        from sendfolio.privacy import PrivacyFindings

        if isinstance(event.worker.error, PrivacyFindings):
            self.open_privacy()

    def open_privacy(self) -> None:
        """Open the Privacy screen over this one, so the findings that stopped the PDF are fixed in the app."""
        from sendfolio.tui.screens.privacy import PrivacyScreen

        if self.app.screen is self:
            self.app.push_screen(PrivacyScreen())

    def _show_result(self, text: str, *, error: bool = False) -> None:
        """Put the outcome under the output box, marked as an error when it is one."""
        self.outcome = (text, error)

    def watch_outcome(self, outcome: tuple[str, bool]) -> None:
        """Show the outcome under the output box, marked as an error when it is one."""
        text, error = outcome
        result = self.query_one("#compile-result", Static)
        result.update(text)
        result.set_class(error, "-error")

    def watch_step(self, step: str) -> None:
        """Say what the compiler is doing beside the progress bar."""
        self.query_one("#compile-step", Label).update(step)


def stage_lines(stages: list[tuple[str, str]], *, done: bool = False) -> str:
    """The stages reported so far, one a line: ✓ for those finished, ▸ for the one running."""
    lines = []
    for index, (stage, detail) in enumerate(stages):
        running = index == len(stages) - 1 and not done
        text = f"{stage} ({detail})" if detail else stage
        lines.append(f"{'▸' if running else '✓'} {text}{'…' if running else ''}")
    return "\n".join(lines)


def result_text(done: CompileResult) -> str:
    """Where the PDF went, how many pages, and whether it is marked as a draft."""
    text = f"✓ Saved {done.pages} pages to {done.path}"
    if done.draft:
        text += f"\n  Marked DRAFT: {count(len(done.unmet), 'requirement')} still unmet."
    for line in done.left_out:
        text += f"\n  ⚠ {line[0].upper()}{line[1:]}"
    return text


def error_text(error: BaseException | None) -> str:
    """One clear line about why compiling failed."""
    from sendfolio.privacy import PrivacyFindings

    if isinstance(error, CompileCancelled):
        return "Cancelled: no PDF was written."
    if isinstance(error, PrivacyFindings):
        found = count(len(error.findings), "possible identifier")
        return (
            f"✗ Not compiled — the privacy check found something that must not be printed ({found}). "
            "The Privacy screen lists them: Enter opens each at its field to fix it, i marks one that is not an "
            "identifier; Esc comes back here to compile again."
        )
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"✗ Could not save the PDF{where}: {error.strerror or error}"
    return f"✗ Could not compile the PDF: {error}"

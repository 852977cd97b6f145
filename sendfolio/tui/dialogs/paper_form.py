"""An observer's form on paper (printed, flattened or scanned), kept with its case as the observer's return.

Offered when an import finds such a form: the case, the observer's name and role and the date
completed as written on it, and which forms it carries. "Keep and enter ticks" keeps the file
with the case (`services.paper.keep_paper_form`) and dismisses with the return, which the caller
opens in the case's checklist to transcribe the ticks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from sendfolio.paths import style_path
from sendfolio.tui.widgets.footer import AppFooter

if TYPE_CHECKING:
    from sendfolio.tui.support.host import HostApp

FIELDS = (
    ("paper-case", "Case reference"),
    ("paper-observer", "Observer's name, as written on the form"),
    ("paper-role", "Their role (co-mediator, PPC, manager or mentor)"),
    ("paper-completed", "Date completed on the form (e.g. 12/04/2026; blank if none)"),
    ("paper-forms", "Forms on the paper (e.g. 1, 2, 3)"),
)
"""The dialog's boxes, by id, with their labels."""


class PaperFormScreen(ModalScreen[Any]):
    """Keep a form on paper as the observer's return. Dismisses with the `ObserverReturn` kept, or None."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    CSS_PATH = style_path("records.tcss")
    """The records screens' styles (the dialog's are there too)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Keep", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    """ctrl+s keeps the form; Escape leaves it."""

    def __init__(self, path: Path, ref: str = "", why: str = "") -> None:
        """The file found to be a form on paper, the case it names ('' when unknown) and what was found."""
        super().__init__()
        self.path, self.ref, self.why = path, ref, why

    def compose(self) -> ComposeResult:
        """What was found, the boxes, the error line and the buttons."""
        with Vertical(id="paper-dialog"):
            yield Label("An observer's form on paper", classes="summary")
            yield Static(
                f"{self.path.name} {self.why or 'has no fields to read'}. Keep it with its case as the observer's "
                "form: the portfolio prints it, and the ticks you enter from it are recorded as transcribed by you "
                "from the observer's signed paper form.",
                id="paper-about",
                markup=False,
            )
            for ident, label in FIELDS:
                yield Label(label)
                value = self.ref if ident == "paper-case" else "1, 2, 3" if ident == "paper-forms" else ""
                yield Input(value, id=ident, compact=True)
            yield Label("", id="paper-error", classes="field-error", markup=False)
            with Horizontal(id="paper-buttons"):
                yield Button("Keep and enter ticks", id="paper-save", variant="primary")
                yield Button("Cancel", id="paper-cancel")
        yield AppFooter()

    def on_mount(self) -> None:
        """Start in the first box to fill."""
        self.query_one("#paper-observer" if self.ref else "#paper-case", Input).focus()

    def value(self, ident: str) -> str:
        """What a box holds, trimmed."""
        return self.query_one(f"#{ident}", Input).value.strip()

    @on(Button.Pressed, "#paper-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        """Keep the file and the return, or say what is wrong (nothing is kept then)."""
        from sendfolio.domain.fields import FieldProblem, parse_date_value
        from sendfolio.domain.records import InvalidRecord
        from sendfolio.io.attachments import AttachmentRefused
        from sendfolio.services.attach import read_document
        from sendfolio.services.paper import PaperFormRefused, keep_paper_form
        from sendfolio.store import FolioError

        error = self.query_one("#paper-error", Label)
        ref, observer = self.value("paper-case").upper(), self.value("paper-observer")
        if not ref or not observer:
            error.update("Case reference and observer's name: both are needed")
            self.query_one("#paper-case" if not ref else "#paper-observer", Input).focus()
            return
        forms = [part for part in self.value("paper-forms").replace(",", " ").split() if part in ("1", "2", "3")]
        try:
            completed = parse_date_value(self.value("paper-completed")) if self.value("paper-completed") else None
        except FieldProblem as problem:
            error.update(f"Date completed: {problem}")
            return
        try:
            document = read_document(self.path)
            kept = keep_paper_form(
                self.app.current_folio,
                document,
                ref,
                observer=observer,
                role=self.value("paper-role"),
                completed=completed,
                forms=forms or None,
                today=self.app.today,
            )
        except (AttachmentRefused, PaperFormRefused, InvalidRecord, FolioError, OSError) as refused:
            error.update(f"Not kept: {re.sub(r'^--[a-z]+: ', '', str(refused))}")
            return
        self.dismiss(kept)

    @on(Button.Pressed, "#paper-cancel")
    def action_cancel(self) -> None:
        """Leave the form unkept."""
        self.dismiss(None)


def paper_form_for(error: BaseException | None) -> PaperFormScreen | None:
    """The dialog that keeps an observer's form on paper with its case, when `error` (an import's problems) found
    one; else None. It dismisses with the return kept (the caller opens its checklist for the ticks), or None."""
    from sendfolio.io.problems import ImportProblems

    if not isinstance(error, ImportProblems):
        return None
    problem = next((item for item in error.problems if item.paper_case is not None), None)
    if problem is None:
        return None
    return PaperFormScreen(Path(problem.file), problem.paper_case or "", problem.problem.split(":")[0])


async def ask_after_import(app: HostApp, plan: Any, paths: list[Path]) -> None:
    """Once an import is saved, from a `@work` coroutine: whether to set a case's "Observed by" to the observer
    of a returned form that it does not name (`ask_observed_by`), then whether to add the de-briefs' open gaps
    to the learning plan (`gap_needs.offer_learning_needs`)."""
    from sendfolio.tui.dialogs.gap_needs import offer_learning_needs

    if plan.observer_differs:
        await ask_observed_by(app, plan, paths)
    await offer_learning_needs(app, plan.debrief_cases)


async def ask_observed_by(app: HostApp, plan: Any, paths: list[Path]) -> None:
    """Once a returned form is saved whose observer the case's "Observed by" does not name: ask whether to
    set it to the form's observer, and do so (the same files checked again, setting it) when the mediator agrees."""
    from sendfolio.tui.dialogs.confirm import ConfirmScreen

    said = next((line.strip() for line in plan.forms if "Observed by" in line), "")
    question = f"Saved. {said[:1].upper()}{said[1:]}.\nSet the case's \"Observed by\" to the form's observer?"
    if not await app.push_screen_wait(ConfirmScreen(question, yes_label="Set it", no_label="Leave it")):
        return
    from sendfolio.io.problems import ImportProblems
    from sendfolio.services.imports import apply_import, check_import
    from sendfolio.store import FolioError

    folio = app.current_folio
    try:
        apply_import(folio, check_import(folio, paths, set_observed_by=True))
    except (ImportProblems, FolioError, OSError) as error:
        app.notify(f'"Observed by" not set: {error}', severity="error", markup=False)
        return
    app.notify('"Observed by" now names the form\'s observer.', markup=False)

"""Forms 1–3 for the observer, from the case log: write the fillable PDF, import a returned one.

`FormsScreen` writes a case's forms to a PDF (proposed in the output folder, as every document;
a file already there replaced only after asking) in a thread worker, so WeasyPrint is imported only then.
`ImportFormScreen` reads a returned PDF, shows what will be recorded, and saves only
when the mediator says so (all or nothing, as `sendfolio import` does).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from sendfolio.domain.wording import count
from sendfolio.paths import style_path
from sendfolio.services.outputs import shown_path
from sendfolio.tui.dialogs.confirm import ConfirmScreen, may_replace
from sendfolio.tui.views.features import PRIVACY
from sendfolio.tui.widgets.footer import AppFooter

if TYPE_CHECKING:
    from sendfolio.store import Folio
    from sendfolio.tui.support.host import HostApp


def proposed_path(folio: Folio, ref: str) -> Path:
    """Where a case's forms are proposed to go: the output folder of the profile."""
    from sendfolio.services.outputs import default_output

    return default_output(folio, "forms", ref=ref)


class FormsScreen(ModalScreen[None]):
    """Write the Forms 1–3 PDF of one case for the observer."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_screen", "Close")]
    """Escape closes the dialog."""

    def __init__(self, ref: str) -> None:
        """The dialog for case `ref`."""
        super().__init__()
        self.ref = ref

    def compose(self) -> ComposeResult:
        """The path box and the result line."""
        with Vertical(id="observer-forms-dialog", classes="observer-forms"):
            yield Label(f"Forms for the observer: case {self.ref}", classes="observer-forms-title")
            yield Static(
                "Forms 1–3, fillable in any PDF reader, pre-filled with the case reference and date. "
                "Enter writes the PDF here:"
            )
            yield Input(shown_path(proposed_path(self.app.current_folio, self.ref)), id="observer-forms-path")
            yield Static("", id="observer-forms-result")
        yield AppFooter()

    @on(Input.Submitted, "#observer-forms-path")
    @work(exclusive=True, group="observer-forms-asking")
    async def write_forms(self) -> None:
        """Write the PDF in a worker, asking first when it would replace a file already there."""
        raw = self.query_one("#observer-forms-path", Input).value.strip()
        if not raw:
            self.query_one("#observer-forms-result", Static).update("Write where the PDF should go.")
            return
        path = Path(raw).expanduser()
        result = self.query_one("#observer-forms-result", Static)
        replace = await may_replace(self.app, [path])
        if replace is None:
            result.update(f"Not written: {path.name} is kept as it was.")
        else:
            self._write(path, replace)

    def _write(self, path: Path, replace: bool) -> None:
        """Make the folio's form id (on this thread: it is saved) and start writing the PDF."""
        from sendfolio.services.forms import form_id

        form_id(self.app.current_folio, self.ref)
        self.query_one("#observer-forms-result", Static).update("Writing the forms…")
        self.forms_worker(path, replace)

    @work(thread=True, exclusive=True, group="observer-forms", exit_on_error=False, description="writing the forms")
    def forms_worker(self, path: Path, replace: bool = False) -> Any:
        """Lay out and write the PDF off the screen's thread (the forms service: the privacy gate first)."""
        from sendfolio.services.forms import write_forms

        return write_forms(self.app.current_folio, path, case_ref=self.ref, replace=replace)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show the path written, or why not."""
        result = self.query_one("#observer-forms-result", Static)
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            done = event.worker.result
            result.update(f"Written: {done.path} ({done.pages} pages). Send it to the observer.")
        elif event.state == WorkerState.ERROR:
            from sendfolio.privacy import PrivacyFindings
            from sendfolio.store.outputs import OutputRefused

            error = event.worker.error
            if isinstance(error, PrivacyFindings):
                result.update(privacy_refusal(error))
                PRIVACY.run(self.app)  # over this dialog: Esc there comes back here to write it again
                return
            why = str(error) if isinstance(error, OutputRefused) else None
            result.update(f"Not written: {why or getattr(error, 'strerror', None) or type(error).__name__}")

    def action_dismiss_screen(self) -> None:
        """Close the dialog."""
        self.dismiss(None)


def privacy_refusal(findings: Any) -> str:
    """Why the PDF was not written when the privacy check refused it, and where it is put right in the app."""
    return (
        f"Not written: the privacy check found {count(len(findings.findings), 'possible identifier')}. "
        "The Privacy screen lists them: Enter opens each at its field to fix it, i marks one that is not an "
        "identifier; Esc comes back here to write it again."
    )


class ImportFormScreen(ModalScreen[Any]):
    """Import a returned Forms 1–3 PDF: show what will be recorded, then save when asked.

    Dismisses with True once saved, with the `ObserverReturn` of a form on paper kept instead (its ticks to
    enter next), or False."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "browse", "Choose the file", priority=True),
        Binding("escape", "dismiss_screen", "Close"),
    ]
    """ctrl+o chooses the returned PDF in a folder tree; Escape closes the dialog."""

    @on(Button.Pressed, "#import-form-browse")
    @work(exclusive=True, group="import-form-asking")
    async def action_browse(self) -> None:
        """Choose the returned PDF in a folder tree; it is read at once (nothing chosen: the path box waits for a
        typed path)."""
        from sendfolio.tui.dialogs.file_picker import RETURNED_FORMS, FilePickerScreen

        remember = str(self.app.current_folio.data_dir)
        path = await self.app.push_screen_wait(
            FilePickerScreen("Choose the returned form", RETURNED_FORMS, remember=remember)
        )
        if path is None:
            self.query_one("#import-form-path", Input).focus()
            return
        self.query_one("#import-form-path", Input).value = str(path)
        await self.check_and_save()

    def compose(self) -> ComposeResult:
        """The path box and the problems line."""
        with Vertical(id="import-form-dialog", classes="observer-forms"):
            yield Label("Import a returned form", classes="observer-forms-title")
            yield Static(
                "The PDF the observer filled in and sent back (ctrl+o to choose it, or type its path). "
                "Enter reads it and shows what it records:"
            )
            yield Input(placeholder="~/Downloads/observer-forms-SM-2025-014.pdf", id="import-form-path")
            browse = Button("Choose the file… (ctrl+o)", id="import-form-browse", compact=True)
            browse.can_focus = False  # the path box keeps the focus: typing a path works as before
            yield browse
            yield Static("", id="import-form-result")
        yield AppFooter()

    @on(Input.Submitted, "#import-form-path")
    @work(exclusive=True, group="import-form-asking")
    async def read_form(self) -> None:
        """Read the PDF typed, and ask before saving what it records."""
        await self.check_and_save()

    async def check_and_save(self) -> None:
        """Read the PDF against the folio and ask before saving what it records; a form on paper
        (printed, flattened or scanned) is offered to be kept with its case, then its ticks entered."""
        from sendfolio.io.problems import ImportProblems
        from sendfolio.services.imports import check_import

        raw = self.query_one("#import-form-path", Input).value.strip()
        path = Path(raw).expanduser()
        if path.suffix.lower() not in (".pdf", ".png", ".jpg", ".jpeg"):
            self.query_one("#import-form-result", Static).update("Give the returned form: a .pdf file (or a scan).")
            return
        folio = self.app.current_folio
        try:
            plan = check_import(folio, [path])
        except ImportProblems as bad:
            from sendfolio.tui.dialogs.paper_form import paper_form_for

            paper = paper_form_for(bad)
            if paper is not None:
                kept = await self.app.push_screen_wait(paper)
                if kept is not None:
                    self.dismiss(kept)
                return
            self.query_one("#import-form-result", Static).update(
                "Nothing imported: " + "; ".join(str(problem) for problem in bad.problems)
            )
            return
        await self.confirm(plan, path)

    async def confirm(self, plan: Any, path: Path) -> None:
        """Show what the form records and save it in one batch when the mediator says so; once saved, ask what
        the import offers next (`paper_form.ask_after_import`), from the app, as this dialog has gone."""
        from sendfolio.services.imports import apply_import
        from sendfolio.tui.dialogs.paper_form import ask_after_import

        result = self.query_one("#import-form-result", Static)
        lines = plan.forms + [f"  {line}" for line in plan.summary()]
        if not plan.to_put:
            result.update("\n".join([*lines, "Already recorded: nothing new."]))
            return
        question = "\n".join(["This form records:", *lines, "Save it in the folio?"])
        if not await self.app.push_screen_wait(ConfirmScreen(question, yes_label="Save", no_label="Cancel")):
            result.update("Not saved.")
            return
        try:
            apply_import(self.app.current_folio, plan)
        except Exception as error:  # the folio is unchanged: the batch saves all or nothing
            result.update(f"Not saved: {error}")
            return
        self.dismiss(True)
        self.app.run_worker(ask_after_import(self.app, plan, [path]), group="after-import")

    def action_dismiss_screen(self) -> None:
        """Close the dialog without importing."""
        self.dismiss(False)

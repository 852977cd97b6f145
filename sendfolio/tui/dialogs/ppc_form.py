"""Form 4 for the PPC, from the PPC area: write the fillable PDF the PPC verifies, signs and returns.

`PPCFormScreen` is the observer forms' dialog (`observer_forms.FormsScreen`: the path proposed
in the output folder, a file already there replaced only after asking, the PDF written in a thread worker, the result or why not)
writing Form 4 instead. The PPC's return comes in through `observer_forms.ImportFormScreen`, as
every returned form does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from sendfolio.services.outputs import default_output, shown_path
from sendfolio.tui.dialogs.confirm import may_replace
from sendfolio.tui.dialogs.observer_forms import FormsScreen
from sendfolio.tui.widgets.footer import AppFooter


class PPCFormScreen(FormsScreen):
    """Write Form 4 for the PPC to verify and sign."""

    def __init__(self) -> None:
        """The dialog for the folio's Form 4."""
        super().__init__("")

    def compose(self) -> ComposeResult:
        """The path box and the result line."""
        folio = self.app.current_folio
        with Vertical(id="observer-forms-dialog", classes="observer-forms"):
            yield Label("Form 4 for your PPC", classes="observer-forms-title")
            yield Static(
                "Form 4, fillable in any PDF reader: the facts it certifies, the statements your PPC confirms, "
                "their name, registration, date and a signature box. Enter writes the PDF here:"
            )
            yield Input(shown_path(default_output(folio, "form4")), id="ppc-form-path")
            yield Static("", id="observer-forms-result")
        yield AppFooter()

    @on(Input.Submitted, "#ppc-form-path")
    @work(exclusive=True, group="observer-forms-asking")
    async def write_ppc_form(self) -> None:
        """Write the PDF in a worker, asking first when it would replace a file already there."""
        raw = self.query_one("#ppc-form-path", Input).value.strip()
        result = self.query_one("#observer-forms-result", Static)
        if not raw:
            result.update("Write where the PDF should go.")
            return
        path = Path(raw).expanduser()
        replace = await may_replace(self.app, [path])
        if replace is None:
            result.update(f"Not written: {path.name} is kept as it was.")
        else:
            self._write_ppc(path, replace)

    def _write_ppc(self, path: Path, replace: bool) -> None:
        """Make the folio's form id (on this thread: it is saved) and start writing the PDF."""
        from sendfolio.portfolio.observer_forms import folio_id

        folio_id(self.app.current_folio)
        self.query_one("#observer-forms-result", Static).update("Writing Form 4…")
        self.forms_worker(path, replace)

    @work(thread=True, exclusive=True, group="observer-forms", exit_on_error=False, description="writing Form 4")
    def forms_worker(self, path: Path, replace: bool = False) -> Any:
        """Lay out and write Form 4 off the screen's thread (the forms service: the privacy gate first)."""
        from sendfolio.services.forms import write_ppc_form

        return write_ppc_form(self.app.current_folio, path, as_of=self.app.today, replace=replace)

    def on_worker_state_changed(self, event: Any) -> None:
        """Show the path written (to send to the PPC), or why not."""
        from textual.worker import WorkerState

        super().on_worker_state_changed(event)
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            done = event.worker.result
            self.query_one("#observer-forms-result", Static).update(
                f"Written: {done.path} ({done.pages} pages). Send it to your PPC; import their return with i."
            )

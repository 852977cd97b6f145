"""Export, import and the deadlines calendar: what `sendfolio export`, `import` and `deadlines --ics` do.

- `ExportScreen`: a JSON backup of everything (plain, or encrypted), one kind as CSV, or the
  reflections as Markdown files. The backup is never refused; CSV and Markdown are, while the
  privacy check has open findings (the screen says so and offers the Privacy screen).
- `ImportScreen`: CSV, Markdown reflections, observer forms or a JSON backup. "Check" reads and
  checks every file and shows what would be imported (a dry run); only then can "Import" save
  it, all or nothing. A backup that would replace records asks first.
- `CalendarScreen`: the upcoming statutory deadlines as an .ics file (case references only).

Outputs go to the output folder of the profile (`services.outputs.default_output`), never onto the
folio's own files (`store.outputs.check_output`), and replace a file already there only after asking.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, RadioSet, Static, TextArea
from textual.worker import Worker, WorkerState

from sendfolio.domain.wording import count
from sendfolio.paths import style_path
from sendfolio.tui.dialogs.confirm import may_replace
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter
from sendfolio.tui.widgets.ticks import TickRadio

if TYPE_CHECKING:
    from sendfolio.io.importer import ImportPlan
    from sendfolio.store import Folio
    from sendfolio.tui.dialogs.paper_form import PaperFormScreen
    from sendfolio.tui.support.host import HostApp

EXPORT_CHOICES: dict[str, str] = {
    "backup": "JSON backup of everything (to keep, or to restore with Import)",
    "cases": "Cases as CSV",
    "cpd": "CPD diary as CSV",
    "ppc": "PPC sessions as CSV",
    "training": "Training courses as CSV",
    "observations": "Observed criteria as CSV",
    "plan": "Learning plan as CSV",
    "governance": "Governance register as CSV",
    "feedback": "Service users' feedback as CSV",
    "development": "Development plan as CSV",
    "reflections": "Reflections as Markdown files (a folder)",
}
"""What can be exported, in the mediator's words, by export kind."""

PLAIN_NOTE = "The file is not encrypted and holds your case notes: keep it somewhere private and delete it when done."
"""What every plain export says about the file it wrote."""


def checked_output(folio: Folio, raw: str) -> Path:
    """The output path typed, or `ValueError` saying why it cannot be used (asked before any passphrase)."""
    from sendfolio.services.outputs import checked_output as checked
    from sendfolio.store.outputs import OutputRefused

    if not raw.strip():
        raise ValueError("Give a file to save to.")
    try:
        return checked(folio.data_dir, Path(raw.strip()).expanduser())
    except OutputRefused as refused:
        raise ValueError(f"{refused}; nothing was written") from None


class TransferScreen(Screen):
    """What the three screens share: a result line, Escape back, errors in words."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Back")]
    """Escape goes back."""

    def show_result(self, text: str, *, error: bool = False) -> None:
        """Say what happened under the form."""
        result = self.query_one("#transfer-result", Static)
        result.update(Text(text))
        result.set_class(error, "-error")

    def action_close(self) -> None:
        """Back to where the palette was opened."""
        self.dismiss()

    def palette_commands(self) -> list:
        """This screen's keys, offered in the command palette."""
        from sendfolio.tui.screens.record_screen import binding_commands

        return binding_commands(self)


class ExportScreen(TransferScreen):
    """Export a backup, one kind as CSV, or the reflections as Markdown."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    TITLE = "Export"
    PALETTE_NAME = "Export"

    HELP = (
        "Choose what to export and where, then press ctrl+s (or Enter in the path). A JSON backup holds "
        "everything (with your do-not-print list) and is always allowed; tick Encrypt to protect it with a "
        "passphrase. CSV and Markdown are for other programs, so they wait until the privacy check is clear."
    )

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "export", "Export", priority=True)]

    def compose(self) -> ComposeResult:
        """The choice, the encryption tick, the path and the result."""
        yield AreaBar()
        with VerticalScroll(id="transfer-body"):
            yield Static("Export your records", classes="transfer-heading")
            with RadioSet(id="export-kind", compact=True):
                for key, label in EXPORT_CHOICES.items():
                    yield TickRadio(label, value=key == "backup", name=key)
            yield Checkbox(
                "Encrypt the backup (with the folio's passphrase, or a new one)", id="export-encrypt", compact=True
            )
            with Horizontal(classes="transfer-line"):
                yield Label("Save to")
                yield Input(id="export-path", compact=True)
            with Horizontal(classes="transfer-buttons"):
                yield Button("Export (ctrl+s)", id="export-go", variant="primary", compact=True)
                yield Button("Back (esc)", id="export-back", compact=True)
            yield Static("", id="transfer-result")
        yield AppFooter()

    kind: var[str] = var("backup", init=False)
    """What is exported (a key of `EXPORT_CHOICES`): the path proposed and the encryption tick follow it."""

    def on_mount(self) -> None:
        """Propose a file for the backup."""
        self._proposed = ""
        self._propose()

    def watch_kind(self) -> None:
        """Propose the path of the kind chosen."""
        self._propose()

    def _propose(self) -> None:
        """Put the default path for the chosen kind in the path box, unless the mediator typed one."""
        from sendfolio.services.outputs import default_output, shown_path

        proposed = shown_path(default_output(self.app.current_folio, self.kind, today=self.app.today))
        field = self.query_one("#export-path", Input)
        if field.value in ("", self._proposed):
            field.value = proposed
        self._proposed = proposed
        self.query_one("#export-encrypt").display = self.kind == "backup"

    @on(RadioSet.Changed, "#export-kind")
    def _kind_chosen(self, event: RadioSet.Changed) -> None:
        """Follow the choice."""
        self.kind = event.pressed.name or "backup"

    @on(Button.Pressed, "#export-back")
    def _back(self) -> None:
        """Back."""
        self.action_close()

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    @work(exclusive=True, group="export-asking")
    async def action_export(self) -> None:
        """Export, or say why not."""
        folio = self.app.current_folio
        try:
            out = checked_output(folio, self.query_one("#export-path", Input).value)
        except ValueError as problem:
            self.show_result(f"✗ {problem}", error=True)
            return
        encrypt = self.kind == "backup" and self.query_one("#export-encrypt", Checkbox).value
        paths = [] if self.kind == "reflections" else [out]  # reflections go into a new or empty folder
        replace = await may_replace(self.app, paths)
        if replace is None:
            self.show_result(f"Not exported: {out.name} is kept as it was.")
        elif not encrypt or self.app.current_folio.codec is not None:
            self.export_worker(out, encrypt, replace=replace)
        else:  # an encrypted backup of a plain folio: a passphrase for it first
            from sendfolio.tui.dialogs.new_passphrase import NewPassphraseScreen, PassphraseRefused

            passphrase = await self.app.push_screen_wait(
                NewPassphraseScreen(
                    "A passphrase for the backup",
                    "Without it the backup cannot be opened: nobody can recover it. At least 8 characters.",
                )
            )
            if isinstance(passphrase, PassphraseRefused):
                self.show_result(f"✗ {passphrase.words('nothing was written')}", error=True)
            elif passphrase is not None:
                self.export_worker(out, True, passphrase, replace=replace)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False, description="exporting the folio")
    def export_worker(self, out: Path, encrypt: bool, passphrase: str | None = None, *, replace: bool = False) -> Any:
        """Write the export off the screen's thread through the export service; returns what it wrote."""
        from sendfolio.services.export import export_records

        self.app.call_from_thread(self.show_result, "Exporting…")
        return export_records(
            self.app.current_folio,
            self.kind,
            out,
            encrypt=encrypt,
            passphrase=passphrase,
            create_folder=True,
            replace=replace,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Say what was written, or why not."""
        if event.worker.group != "export" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        out = str(Path(self.query_one("#export-path", Input).value.strip()).expanduser())
        if event.state == WorkerState.SUCCESS:
            encrypted = self.kind == "backup" and self.query_one("#export-encrypt", Checkbox).value
            note = "It is encrypted: Import opens it with its passphrase." if encrypted else PLAIN_NOTE
            done: Any = event.worker.result
            warnings = "".join(f"\n⚠ {line[0].upper()}{line[1:]}" for line in done.left_out)
            self.show_result(f"✓ Exported {done.what} to {out}{warnings}\n{note}")
            return
        self.show_result(_export_error(event.worker.error, out), error=True)
        from sendfolio.privacy import PrivacyFindings

        if isinstance(event.worker.error, PrivacyFindings):
            open_privacy(self)


def _export_error(error: BaseException | None, out: str) -> str:
    """Why the export failed, in one line."""
    from sendfolio.privacy import PrivacyFindings

    if isinstance(error, PrivacyFindings):
        return f"✗ Not exported: {_privacy_words(error)} A JSON backup can always be made."
    if isinstance(error, OSError):
        return f"✗ Not exported: cannot write {error.filename or out}: {error.strerror or error}"
    return f"✗ Not exported: {error}"


def _privacy_words(findings: Any) -> str:
    """What the privacy gate's refusal says on these screens: how many findings, and where to fix them
    (the Privacy screen, opened over this one as the Compile screen does)."""
    return (
        f"the privacy check found {count(len(findings.findings), 'possible identifier')}. "
        "The Privacy screen lists them: Enter opens each at its field to fix it, i marks one that is not an "
        "identifier; Esc comes back here."
    )


def open_privacy(screen: Screen) -> None:
    """Open the Privacy screen over `screen` (if it is on top), where the findings that stopped it are fixed."""
    from sendfolio.tui.screens.privacy import PrivacyScreen

    if screen.app.screen is screen:
        screen.app.push_screen(PrivacyScreen())


class ImportScreen(TransferScreen):
    """Check files, show what they would bring in, then import them all or nothing."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    TITLE = "Import"
    PALETTE_NAME = "Import"

    HELP = (
        "Choose the files to import (ctrl+o) or type them, one a line: CSV files (cases, cpd, ppc, training, observations, plan), "
        "Markdown reflections (.md), observer forms returned as PDF, or a JSON backup. Press c to check them: "
        "the screen lists every problem, or what would be imported. Nothing is saved until you press i."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "browse", "Add a file", priority=True, tooltip="Choose a file to import in a folder tree"),
        Binding("ctrl+r", "check", "Check", priority=True, tooltip="Read and check the files; save nothing"),
        Binding("ctrl+s", "import", "Import", priority=True, tooltip="Save what the check showed"),
    ]

    def compose(self) -> ComposeResult:
        """The files, an optional passphrase, the buttons and the preview."""
        yield AreaBar()
        with VerticalScroll(id="transfer-body"):
            yield Static("Import files (one path a line; ctrl+o to choose one)", classes="transfer-heading")
            yield TextArea("", id="import-files")
            with Horizontal(classes="transfer-line"):
                yield Label("Passphrase of an encrypted backup (if any)")
                yield Input(id="import-passphrase", password=True, compact=True)
            with Horizontal(classes="transfer-buttons"):
                yield Button("Add a file (ctrl+o)", id="import-browse", compact=True)
                yield Button("Check (ctrl+r)", id="import-check", variant="primary", compact=True)
                yield Button("Import (ctrl+s)", id="import-go", variant="success", disabled=True, compact=True)
                yield Button("Back (esc)", id="import-back", compact=True)
            yield Static("", id="transfer-result")
        yield AppFooter()

    plan: var[ImportPlan | None] = var(None, init=False)
    """What the last check found to import (None: nothing checked since the files changed); Import works only
    on a plan that brings something in."""

    def on_mount(self) -> None:
        """Nothing checked yet."""
        self.checked: list[Path] = []
        self.query_one("#import-files", TextArea).focus()

    def paths(self) -> list[Path]:
        """The files typed, one a line."""
        text = self.query_one("#import-files", TextArea).text
        return [Path(line.strip()).expanduser() for line in text.splitlines() if line.strip()]

    @on(Button.Pressed, "#import-browse")
    @work(exclusive=True, group="import-asking")
    async def action_browse(self) -> None:
        """Choose a file to import in a folder tree; it is added as a line of its own."""
        from sendfolio.tui.dialogs.file_picker import IMPORTS, FilePickerScreen

        remember = str(self.app.current_folio.data_dir)
        path = await self.app.push_screen_wait(FilePickerScreen("Choose a file to import", IMPORTS, remember=remember))
        if path is None:
            return
        files = self.query_one("#import-files", TextArea)
        lines = [line for line in files.text.splitlines() if line.strip()]
        files.text = "\n".join([*lines, str(path)])
        self.query_one("#import-check", Button).focus()

    @on(TextArea.Changed, "#import-files")
    def _files_changed(self) -> None:
        """A change to the files means checking again."""
        self.plan = None

    def watch_plan(self, plan: ImportPlan | None) -> None:
        """Import works only on a checked plan that brings something in."""
        self.query_one("#import-go", Button).disabled = plan is None or not plan.summary()

    @on(Button.Pressed, "#import-back")
    def _back(self) -> None:
        """Back."""
        self.action_close()

    @on(Button.Pressed, "#import-check")
    def action_check(self) -> None:
        """Read and check the files in a worker (a dry run)."""
        paths = self.paths()
        if not paths:
            self.show_result("✗ Type the path of at least one file.", error=True)
            return
        self.show_result("Checking…")
        self.check_worker(paths, self.query_one("#import-passphrase", Input).value)

    @work(
        thread=True,
        exclusive=True,
        group="import-check",
        exit_on_error=False,
        description="checking the files to import",
    )
    def check_worker(self, paths: list[Path], passphrase: str) -> Any:
        """Plan the import against the folio as it is (the import service); raises `ImportProblems` listing every problem."""
        from sendfolio.services.imports import check_import

        self.checked = paths
        return check_import(self.app.current_folio, paths, passphrase_for=_typed(passphrase))

    @on(Button.Pressed, "#import-go")
    @work(exclusive=True, group="import-asking")
    async def action_import(self) -> None:
        """Save what the check showed, asking first when a backup replaces records."""
        plan = self.plan
        if plan is None or self.checked != self.paths():
            self.show_result("✗ Check the files first (ctrl+r): nothing is saved unchecked.", error=True)
            return
        from sendfolio.services.imports import would_replace

        folio = self.app.current_folio
        if would_replace(folio, plan):
            from sendfolio.io.exporter import counts
            from sendfolio.tui.dialogs.confirm import ConfirmScreen

            question = f"Restoring the backup replaces every record in this folio ({counts(folio.data())}). Go on?"
            if not await self.app.push_screen_wait(ConfirmScreen(question, yes_label="Replace", no_label="Keep")):
                return
        await self._apply(plan)

    async def _apply(self, plan: ImportPlan) -> None:
        """Save the plan, all or nothing (a backup replacing records only once the mediator agreed); then ask
        what the import offers next (`paper_form.ask_after_import`)."""
        from sendfolio.services.imports import apply_import
        from sendfolio.store import FolioError
        from sendfolio.tui.dialogs.paper_form import ask_after_import

        try:
            apply_import(self.app.current_folio, plan, replace=True)
        except (FolioError, OSError) as error:
            self.show_result(f"✗ Nothing was imported: {error}", error=True)
            return
        self.plan = None
        heading = "Imported" if plan.backup is None else "Restored the backup"
        lines = plan.summary() or ["no records (the files hold none)"]
        self.show_result(f"✓ {heading}:\n" + "\n".join(f"  {line}" for line in lines))
        await ask_after_import(self.app, plan, self.checked)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show the dry run's result: what would be imported, or every problem."""
        if event.worker.group != "import-check" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.state == WorkerState.ERROR:
            self.plan = None
            self.show_result(_import_problems(event.worker.error), error=True)
            from sendfolio.tui.dialogs.paper_form import paper_form_for

            paper = paper_form_for(event.worker.error)
            if paper is not None:
                self.keep_on_paper(paper)
            return
        plan = event.worker.result
        if plan is None:
            return
        self.plan = plan
        lines = plan.summary()
        if not lines:
            self.show_result("The files hold no records: nothing to import.")
            return
        what = "restore this backup (replacing the folio's records)" if plan.backup is not None else "bring in"
        self.show_result(
            f"Checked; nothing saved yet. The import would {what}:\n"
            + "\n".join(f"  {line}" for line in lines)
            + "\nPress ctrl+s (Import) to save it."
        )

    @work(exclusive=True, group="import-asking")
    async def keep_on_paper(self, paper: PaperFormScreen) -> None:
        """Offer to keep the observer's form on paper the check found; then open its checklist for the ticks."""
        from sendfolio.tui.screens.checklist import ChecklistScreen

        back = await self.app.push_screen_wait(paper)
        if back is not None:
            self.app.push_screen(ChecklistScreen(back.ref, paper=back.id))


def _typed(passphrase: str) -> Any:
    """The passphrase typed for an encrypted backup, or `ValueError` asking for it."""

    def given(name: str) -> str:
        """The passphrase typed above (the same for every backup)."""
        if not passphrase:
            raise ValueError("it is encrypted: type its passphrase above, then check again")
        return passphrase

    return given


def _import_problems(error: BaseException | None) -> str:
    """Every problem the check found (already short and masked), or the one error."""
    from sendfolio.io.problems import ImportProblems

    if isinstance(error, ImportProblems):
        lines = [str(problem) for problem in error.problems]
        files = len({problem.file for problem in error.problems})
        return (
            f"✗ Nothing can be imported yet: {count(len(lines), 'problem')} in {count(files, 'file')}:\n"
            + "\n".join(lines)
        )
    return f"✗ Nothing can be imported: {error}"


class CalendarScreen(TransferScreen):
    """Save the upcoming statutory deadlines as an .ics calendar file."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    TITLE = "Deadlines calendar"
    PALETTE_NAME = "Calendar"

    HELP = (
        "Saves each case's upcoming statutory deadlines as an .ics file that calendar apps import. Only case "
        "references identify a case. Saving it again later updates the same events rather than adding copies."
    )

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "save", "Save", priority=True)]

    def compose(self) -> ComposeResult:
        """A line about what goes in, the path and the result."""
        yield AreaBar()
        with Vertical(id="transfer-body"):
            yield Static("Deadlines calendar (.ics)", classes="transfer-heading")
            yield Static("", id="calendar-about")
            with Horizontal(classes="transfer-line"):
                yield Label("Save to")
                yield Input(id="calendar-path", compact=True)
            with Horizontal(classes="transfer-buttons"):
                yield Button("Save calendar (ctrl+s)", id="calendar-go", variant="primary", compact=True)
                yield Button("Back (esc)", id="calendar-back", compact=True)
            yield Static("", id="transfer-result")
        yield AppFooter()

    def upcoming(self) -> list[Any]:
        """The deadlines still to come."""
        from sendfolio.io.calendar import calendar_deadlines

        return calendar_deadlines(self.app.current_folio.data(), self.app.today)

    def on_mount(self) -> None:
        """Count the deadlines and propose a path."""
        count = len(self.upcoming())
        self.query_one("#calendar-about", Static).update(
            f"{count} upcoming deadline{'s' if count != 1 else ''} from your cases' timeline dates."
        )
        from sendfolio.services.outputs import default_output, shown_path

        self.query_one("#calendar-path", Input).value = shown_path(default_output(self.app.current_folio, "calendar"))

    @on(Button.Pressed, "#calendar-back")
    def _back(self) -> None:
        """Back."""
        self.action_close()

    @on(Input.Submitted, "#calendar-path")
    @on(Button.Pressed, "#calendar-go")
    @work(exclusive=True, group="calendar-asking")
    async def action_save(self) -> None:
        """Write the calendar, asking first when it would replace a file already there."""
        try:
            out = checked_output(self.app.current_folio, self.query_one("#calendar-path", Input).value)
        except ValueError as problem:
            self.show_result(f"✗ {problem}", error=True)
            return
        replace = await may_replace(self.app, [out])
        if replace is None:
            self.show_result(f"Not saved: {out.name} is kept as it was.")
        else:
            self._save(out, replace)

    def _save(self, out: Path, replace: bool) -> None:
        """Write the calendar (the calendar service: the privacy gate first), or say why not."""
        from sendfolio.privacy import PrivacyFindings
        from sendfolio.rules import practice_dates
        from sendfolio.services.export import write_calendar

        folio = self.app.current_folio
        try:
            written = write_calendar(folio, out, self.app.today, create_folder=True, replace=replace)
        except ValueError as problem:
            self.show_result(f"✗ {problem}", error=True)
            return
        except PrivacyFindings as findings:
            self.show_result(f"✗ Not saved: {_privacy_words(findings)}", error=True)
            open_privacy(self)
            return
        except OSError as error:
            self.show_result(
                f"✗ Not saved: cannot write {error.filename or out}: {error.strerror or error}", error=True
            )
            return
        practice = practice_dates(folio.data(), self.app.today)
        dates = f" and {len(practice)} date{'s' if len(practice) != 1 else ''} of your practice" if practice else ""
        self.show_result(f"✓ Saved {written} upcoming deadline{'s' if written != 1 else ''}{dates} to {out}")

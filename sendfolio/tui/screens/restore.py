"""Restore: list the folio's backups and go back to one, as `sendfolio restore` does.

Each backup is listed with when it was saved, what it holds and whether it is encrypted (what it
holds wraps within the width: nothing is cut at 80 columns). Restoring asks first, saying what it
would change compared with the folio now (records removed, brought back, put back as they were); the app then closes the folio (restoring takes the folder's lock),
the store makes the backup the folio atomically, keeping the folio as it was as backup 1,
and the app opens it again. An encrypted backup under another passphrase asks for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Static

from sendfolio.paths import style_path
from sendfolio.tui.dialogs.ask_text import AskTextScreen
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter

if TYPE_CHECKING:
    from sendfolio.tui.support.host import HostApp


FIXED_COLUMNS = 44
"""Columns the table takes beside "Holds": the other three columns, cell padding, margins and scroll bar."""


class BackupsTable(DataTable):
    """The backups: Enter restores the highlighted one, and the footer says so while the table has the focus.

    (A plain table's own Enter, unshown, would hide the screen's from the footer.)
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.restore", "Restore", tooltip="Make the highlighted backup the folio (after asking)")
    ]
    """Enter: restore the highlighted backup."""


class RestoreScreen(Screen):
    """The folio's backups, newest first; Enter restores the highlighted one (after asking)."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    TITLE = "Restore a backup"
    PALETTE_NAME = "Restore"

    HELP = (
        "sendfolio keeps the last few versions of your folio as backups. Enter restores the highlighted one: "
        "the folio as it is now is kept as backup 1, so a restore can itself be undone."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "restore", "Restore", tooltip="Make the highlighted backup the folio (after asking)"),
        Binding("escape", "close", "Back"),
    ]
    """Restore, back."""

    def palette_commands(self) -> list:
        """This screen's keys, offered in the command palette."""
        from sendfolio.tui.screens.record_screen import binding_commands

        return binding_commands(self)

    def compose(self) -> ComposeResult:
        """A line of explanation, the table of backups and a result line."""
        yield AreaBar()
        with Vertical(id="restore-body"):
            yield Static("", id="restore-about")
            yield BackupsTable(id="restore-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="restore-result")
        yield AppFooter()

    about: var[str] = var("", init=False)
    """How many backups there are and where, or that there are none yet; `watch_about` shows it."""

    def watch_about(self, about: str) -> None:
        """Show the line above the backups (as written: a path is not markup)."""
        self.query_one("#restore-about", Static).update(Text(about))

    def on_mount(self) -> None:
        """List the backups."""
        self.backups: list[Any] = []
        self._holds_width = 0
        self.refresh_view()

    def on_resize(self) -> None:
        """Wrap what each backup holds within the new width."""
        if self._holds_width != self._holds_fit():
            self._fill_table()

    def _holds_fit(self) -> int:
        """The width of the "Holds" column: what the screen leaves beside the other columns."""
        return max(24, (self.size.width or 80) - FIXED_COLUMNS)

    def refresh_view(self) -> None:
        """Read the backups' descriptions again."""
        from sendfolio.services.restore import list_backups

        folio = self.app.current_folio
        self.backups = list_backups(folio.data_dir, codec=folio.codec)
        self._fill_table()
        about = (
            f"{len(self.backups)} backup{'s' if len(self.backups) != 1 else ''} of the folio in {folio.data_dir}, "
            "newest first. Enter restores one (after asking)."
            if self.backups
            else f"No backups yet in {folio.data_dir}: one is kept each time the folio is saved."
        )
        self.about = about
        self.query_one("#restore-table", DataTable).focus()

    def _fill_table(self) -> None:
        """One row per backup, what it holds wrapped over as many lines as it needs."""
        table = self.query_one("#restore-table", DataTable)
        row = table.cursor_row
        self._holds_width = self._holds_fit()
        table.clear(columns=True)
        table.add_columns("Backup", "Saved", "Encrypted")
        table.add_column("Holds", width=self._holds_width)
        for info in self.backups:
            table.add_row(
                str(info.number),
                info.saved_text(),
                "yes" if info.encrypted else "no",
                Text(info.counts_text()),
                height=None,
            )
        if self.backups:
            table.move_cursor(row=min(row, len(self.backups) - 1))

    def show_result(self, text: str, *, error: bool = False) -> None:
        """Say what happened."""
        result = self.query_one("#restore-result", Static)
        result.update(Text(text))
        result.set_class(error, "-error")

    @on(DataTable.RowSelected, "#restore-table")
    @work(exclusive=True, group="restore-asking")
    async def action_restore(self) -> None:
        """Ask, then restore the highlighted backup (asking for a passphrase the open folio's key does not fit)."""
        if not self.backups:
            self.show_result("No backup to restore.")
            return
        info = self.backups[min(self.query_one("#restore-table", DataTable).cursor_row, len(self.backups) - 1)]
        if not info.readable:
            self.show_result(f"✗ Backup {info.number} cannot be restored: {info.problem}", error=True)
            return
        question = (
            f"Restore backup {info.number}, saved {info.saved_text()}? {self._changes(info)} "
            "The folio as it is now is kept as backup 1."
        )
        if not await self.app.push_screen_wait(ConfirmScreen(question, yes_label="Restore", no_label="Keep")):
            return
        passphrase = None
        if info.locked:
            passphrase = await self.app.push_screen_wait(
                AskTextScreen(
                    "Passphrase of the backup", "This backup was encrypted with another passphrase.", password=True
                )
            )
            if passphrase is None:  # the mediator gave up
                return
        self.restore(info.number, passphrase)

    def _changes(self, info: Any) -> str:
        """What restoring the backup would change compared with now; what it holds when that cannot be told."""
        from sendfolio.services.restore import restore_changes
        from sendfolio.store import FolioError

        if not info.locked:
            folio = self.app.current_folio
            try:
                return restore_changes(folio.data_dir, info.number, codec=folio.codec)
            except (FolioError, OSError):
                pass
        return f"It holds: {info.counts_text()}."

    def restore(self, number: int, passphrase: str | None) -> None:
        """Restore through the app (it closes and reopens the folio)."""
        self.app.run_worker(self._restore(number, passphrase), exclusive=True, group="restore")

    async def _restore(self, number: int, passphrase: str | None) -> None:
        """Close the folio, restore the backup, open the folio again; say what happened."""
        from sendfolio.services.restore import codec_after, restore_backup
        from sendfolio.store import Folio, FolioError

        app = self.app
        if app.unsaved_screens():
            self.show_result("✗ Save or close the open form first.", error=True)
            return
        folio = app.current_folio
        data_dir, codec, demo = folio.data_dir, folio.codec, app.is_demo
        folio.close()
        problem = notice = None
        try:
            notice = restore_backup(data_dir, number, passphrase=passphrase, codec=codec).backup.notice
        except (FolioError, OSError) as error:
            problem = str(error)
        if problem is None:
            from sendfolio.store.crypto import CryptoError

            try:
                codec = codec_after(data_dir, passphrase, codec)
            except (CryptoError, OSError) as error:
                problem = str(error)
        try:
            reopened = Folio.open(data_dir, codec=codec)
        except FolioError as error:
            app.folio_failed(f"The folio could not be opened again after the restore: {error}")
            return
        await app.use_folio(reopened, demo=demo)
        if problem:
            app.notify(f"Nothing was restored: {problem}", title="Restore", severity="error", markup=False)
        else:
            app.notify(
                f"Restored backup {number}. The folio as it was is kept as backup 1 (ctrl+p, Restore, to go back).",
                title="Restore",
                timeout=10,
            )
        if notice:
            app.notify(
                f"{notice[0].upper()}{notice[1:]}.", title="Backups", severity="warning", timeout=20, markup=False
            )

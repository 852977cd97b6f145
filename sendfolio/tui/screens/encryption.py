"""Encryption: encrypt the folio with a passphrase, change the passphrase, or store it plain again.

What `sendfolio encrypt`, `passphrase` and `decrypt` do. The key is derived in a worker
(Argon2id takes a second or more), the folio and its attached files are re-saved through the
new codec in one step with the drafts of unsaved work and the exports folder (whose files,
when encrypting, the mediator may choose to remove instead), plain copies of the folio left
in the data folder are removed (others are named). Changing the passphrase asks for the
current one first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static
from textual.worker import Worker, WorkerState

from sendfolio.domain.wording import count
from sendfolio.paths import style_path
from sendfolio.store.crypto import FolioCodec
from sendfolio.tui.dialogs.ask_text import AskTextScreen
from sendfolio.tui.dialogs.confirm import ConfirmScreen
from sendfolio.tui.dialogs.new_passphrase import NewPassphraseScreen, PassphraseRefused
from sendfolio.tui.widgets.areabar import AreaBar
from sendfolio.tui.widgets.footer import AppFooter

if TYPE_CHECKING:
    from sendfolio.tui.support.host import HostApp


class EncryptionScreen(Screen):
    """Whether the folio is encrypted, and the three things that can be done about it."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`."""

    if TYPE_CHECKING:
        app = getters.app(HostApp)

    TITLE = "Encryption"
    PALETTE_NAME = "Encryption"

    HELP = (
        "Encrypting protects the folio on this disk with a passphrase (Argon2id and AES-256-GCM). Without the "
        "passphrase nobody can open it, you included: keep it somewhere safe. e encrypts, p changes the "
        "passphrase, d stores the folio as plain text again (after asking)."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "encrypt", "Encrypt", tooltip="Encrypt the folio with a new passphrase"),
        Binding("p", "change", "Change passphrase", tooltip="Give the encrypted folio a new passphrase"),
        Binding("d", "decrypt", "Decrypt", tooltip="Store the folio as plain text again"),
        Binding("escape", "close", "Back"),
    ]
    """Encrypt, change the passphrase, decrypt, back."""

    def palette_commands(self) -> list:
        """This screen's keys, offered in the command palette."""
        from sendfolio.tui.screens.record_screen import binding_commands

        return binding_commands(self)

    def compose(self) -> ComposeResult:
        """The state, the buttons and the result."""
        yield AreaBar()
        with Vertical(id="encryption-body"):
            yield Static("", id="encryption-state")
            with Horizontal(id="encryption-buttons"):
                yield Button("Encrypt (e)", id="encryption-encrypt", variant="primary")
                yield Button("Change passphrase (p)", id="encryption-change", variant="primary")
                yield Button("Decrypt (d)", id="encryption-decrypt", variant="error")
                yield Button("Back (esc)", id="encryption-back")
            yield Static("", id="encryption-result")
        yield AppFooter()

    def on_mount(self) -> None:
        """Show the state."""
        self.show_state()

    @property
    def encrypted(self) -> bool:
        """True when the open folio is encrypted."""
        return self.app.current_folio.codec is not None

    def show_state(self) -> None:
        """Say whether the folio is encrypted, and offer what fits."""
        folio = self.app.current_folio
        if self.encrypted:
            params = folio.codec.params if isinstance(folio.codec, FolioCodec) else None
            state = f"The folio in {folio.data_dir} is encrypted ({params.describe() if params else ''}, AES-256-GCM)."
        else:
            state = f"The folio in {folio.data_dir} is not encrypted: anyone with the file can read your notes."
        self.query_one("#encryption-state", Static).update(Text(state))
        self.query_one("#encryption-encrypt").display = not self.encrypted
        self.query_one("#encryption-change").display = self.encrypted
        self.query_one("#encryption-decrypt").display = self.encrypted
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Encrypt only a plain folio; change or decrypt only an encrypted one; nothing while busy."""
        busy = any(worker.is_running and worker.group == "encryption" for worker in self.workers)
        if action == "encrypt":
            return not self.encrypted and not busy
        if action in ("change", "decrypt"):
            return self.encrypted and not busy
        return True

    def show_result(self, text: str, *, error: bool = False) -> None:
        """Say what happened."""
        result = self.query_one("#encryption-result", Static)
        result.update(Text(text))
        result.set_class(error, "-error")

    @on(Button.Pressed, "#encryption-encrypt")
    def action_encrypt(self) -> None:
        """Ask for a new passphrase twice (and what becomes of the exports), then encrypt."""
        if not self.encrypted:
            self.ask("encrypt")

    @on(Button.Pressed, "#encryption-change")
    def action_change(self) -> None:
        """Ask for the current passphrase, then a new one twice, then re-encrypt."""
        if self.encrypted:
            self.ask("change")

    @on(Button.Pressed, "#encryption-decrypt")
    def action_decrypt(self) -> None:
        """Ask, then store the folio as plain text."""
        if self.encrypted:
            self.ask("decrypt")

    @work(exclusive=True, group="encryption-asking")
    async def ask(self, what: str) -> None:
        """Ask what re-saving the folio needs, one dialog after another ("encrypt", "change" or "decrypt"), then
        re-save it; nothing is changed when a dialog is closed without an answer."""
        if what == "decrypt":
            question = "Store the folio as plain text on this disk? Anyone with the file could read your case notes."
            if await self.app.push_screen_wait(ConfirmScreen(question, yes_label="Decrypt", no_label="Keep encrypted")):
                self.recode(None, "decrypt")
            return
        if what == "change" and not await self._current_passphrase_given():
            return
        new = await self.app.push_screen_wait(
            NewPassphraseScreen(
                "New passphrase",
                "At least 8 characters. Without it the folio cannot be opened: nobody can recover it.",
                again="Type the new passphrase again",
            )
        )
        if isinstance(new, PassphraseRefused):
            self.show_result(f"✗ {new.words('nothing was changed')}", error=True)
        elif new is not None:
            self.recode(new, what, remove_exports=what == "encrypt" and await self._exports_removed())

    async def _current_passphrase_given(self) -> bool:
        """Ask for the current passphrase and check it against the folio file (saying so when it is wrong)."""
        from sendfolio.store.crypto import CryptoError, unlock

        current = await self.app.push_screen_wait(
            AskTextScreen("Current passphrase", "The passphrase the folio is encrypted with now.", password=True)
        )
        if current is None:
            return False
        try:
            unlock(self.app.current_folio.path.read_bytes(), current)
        except (CryptoError, OSError):
            self.show_result("✗ That is not the folio's passphrase; nothing was changed.", error=True)
            return False
        return True

    async def _exports_removed(self) -> bool:
        """When the data folder's exports folder holds files, ask whether they go (True) or are encrypted."""
        from sendfolio.store.names import EXPORTS_FOLDER

        folder = self.app.current_folio.data_dir / EXPORTS_FOLDER
        found = sorted(path.name for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []
        if not found:
            return False
        shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
        them = "it" if len(found) == 1 else "them"
        question = (
            f"The exports folder in the data folder holds {count(len(found), 'file')} you exported ({shown}). "
            f"Encrypt {them} with the folio, or remove {them}?"
        )
        remove = await self.app.push_screen_wait(
            ConfirmScreen(question, yes_label=f"Remove {them}", no_label=f"Encrypt {them}")
        )
        return bool(remove)

    @on(Button.Pressed, "#encryption-back")
    def action_close(self) -> None:
        """Back."""
        self.dismiss()

    def recode(self, passphrase: str | None, what: str, *, remove_exports: bool = False) -> None:
        """Start re-saving the folio through the new codec."""
        self.show_result("Deriving the key and re-saving the folio…" if passphrase else "Re-saving the folio…")
        self.recode_worker(passphrase, what, remove_exports)
        self.refresh_bindings()

    @work(thread=True, exclusive=True, group="encryption", exit_on_error=False, description="re-saving the folio")
    def recode_worker(self, passphrase: str | None, what: str, remove_exports: bool) -> tuple[str, Any, list[Any]]:
        """Derive the key, re-save the folio with its files, drafts and exports (one step), sweep plain copies;
        returns (what, the change made, plain files left)."""
        from sendfolio.privacy.files import sweep_plain_files
        from sendfolio.store import crypto

        folio = self.app.current_folio
        codec = crypto.new_codec(passphrase, crypto.DEFAULT_PARAMS) if passphrase is not None else None
        change = folio.change_codec(codec, remove_exports=remove_exports)
        kept = sweep_plain_files(folio.data_dir) if codec is not None else []
        return what, change, kept

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Say what was done, or why not."""
        if event.worker.group != "encryption" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.show_state()
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            reason = f"{error.strerror or error}" if isinstance(error, OSError) else str(error)
            self.show_result(f"✗ Nothing was changed: {reason}", error=True)
            return
        if event.worker.result is None:
            return
        from sendfolio.privacy.files import codec_change_lines

        what, change, kept = event.worker.result
        self.app.folio_saved()
        done = {
            "encrypt": "✓ Encrypted. Plain backups were removed. Without the passphrase it cannot be opened.",
            "change": "✓ The passphrase is changed; backups under the old one were removed.",
            "decrypt": "✓ Stored as plain text now; encrypted backups were removed.",
        }[what]
        self.show_result(
            done
            + "".join(f"\n{line}" for line in codec_change_lines(change, decrypted=what == "decrypt"))
            + "".join(f"\n⚠ {path} in the data folder is not encrypted: move or delete it yourself." for path in kept)
        )

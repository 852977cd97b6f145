"""Ask for a new passphrase, typed twice in one dialog: for encrypting the folio, changing its passphrase, or a backup.

API: `NewPassphraseScreen(title, help)` asks for the passphrase, checks it is long enough
(`store.crypto.check_new_passphrase`), then asks for it again in the same dialog. It dismisses
with the passphrase when both match, None when cancelled, or a `PassphraseRefused` saying why
not (too short, or the two differ), which the screen shows on its result line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.widgets import Input, Label, Static

from sendfolio.tui.dialogs.ask_text import AskTextScreen

AGAIN_HELP = "The same passphrase, to be sure."
"""The help line of the second asking."""


@dataclass(frozen=True)
class PassphraseRefused:
    """Why a new passphrase was not taken: too short (`problem`), or typed differently the second time."""

    problem: str = ""
    """What is wrong with the passphrase ("" when the two typings differ)."""

    def words(self, nothing_done: str) -> str:
        """One line for the screen, e.g. `The two passphrases differ; nothing was written.`."""
        if self.problem:
            return f"passphrase: {self.problem}"
        return f"The two passphrases differ; {nothing_done}."


class NewPassphraseScreen(AskTextScreen):
    """A new passphrase, then the same again; dismisses with it, None, or a `PassphraseRefused`."""

    def __init__(self, title: str, help: str, again: str = "Type the passphrase again") -> None:
        """Keep the title and help of the first asking, and the title of the second."""
        super().__init__(title, help, password=True)
        self.again = again
        self.first: str | None = None
        """The passphrase typed the first time (None until then)."""

    def accepted(self, value: Any) -> None:
        """The first time: check it, then ask again; the second: dismiss with it if both match."""
        if self.first is None:
            from sendfolio.store.crypto import check_new_passphrase

            try:
                check_new_passphrase(value)
            except ValueError as problem:
                self.dismiss(PassphraseRefused(str(problem)))
                return
            self.first = value
            self.query_one("#ask-title", Label).update(Text(self.again))
            self.query_one("#ask-help", Static).update(Text(AGAIN_HELP))
            self.query_one("#ask-text", Input).value = ""
            return
        self.dismiss(value if value == self.first else PassphraseRefused())

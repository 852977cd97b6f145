"""Choosing a file to bring in: a folder tree filtered by kind, or a path typed; one dialog for the whole app.

API: `FilePickerScreen(title, kinds, start=None)` dismisses with the chosen file's `Path`, or None when
cancelled. `kinds` is one of `ATTACHMENTS` (PDF, PNG, JPEG), `RETURNED_FORMS` (PDF) or `IMPORTS` (CSV,
JSON, Markdown, PDF): the tree shows folders and only files of those kinds; hidden files and anything
but a regular file (a pipe, a device, a socket, a broken link) are never shown nor accepted. It starts
in the folder last used for this folio, else the home folder. The path box takes a typed path too:
a folder opens it in the tree, a file is chosen. Backspace in the tree goes up a folder.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, Static

from sendfolio.paths import style_path
from sendfolio.services.outputs import shown_path
from sendfolio.tui.widgets.footer import AppFooter


@dataclass(frozen=True)
class FileKinds:
    """The files a picker offers: their endings and how they are named in words."""

    suffixes: tuple[str, ...]
    words: str


ATTACHMENTS = FileKinds((".pdf", ".png", ".jpg", ".jpeg"), "a PDF, PNG or JPEG")
"""What can be attached: a certificate or other document."""

RETURNED_FORMS = FileKinds((".pdf",), "a PDF")
"""A form the observer or the PPC sent back."""

IMPORTS = FileKinds((".csv", ".json", ".md", ".pdf"), "a CSV, JSON backup, Markdown reflection or returned PDF")
"""What Import reads."""

MOST_SHOWN = 2000
"""At most this many entries of one folder are listed (a folder of a million files stays quick)."""

_LAST_FOLDER: dict[str, Path] = {}
"""The folder a file was last chosen from, by the dialog's `remember` key (a folio's data folder)."""


def regular_file(path: Path) -> bool:
    """True for a regular file (a link to one too); never opens it, so a pipe cannot block."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def folder(path: Path) -> bool:
    """True for a folder (a link to one too)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def start_folder(remember: str | None, start: Path | None = None) -> Path:
    """Where the picker opens: `start`, else the folder last used (for `remember`), else the home folder."""
    for candidate in (start, _LAST_FOLDER.get(remember or "")):
        if candidate is not None and folder(candidate):
            return candidate
    return Path.home()


class PickedTree(DirectoryTree):
    """A folder tree showing folders and the files of the kinds asked for; no hidden or special files."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("backspace", "up", "Up a folder")]
    """Backspace shows the folder above."""

    def __init__(self, path: Path, kinds: FileKinds, *, id: str | None = None) -> None:
        """The tree rooted at `path`, offering `kinds`."""
        super().__init__(path, id=id)
        self.kinds = kinds

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Folders and regular files of the kinds asked for, not hidden (run in the tree's loading thread)."""
        shown = (
            path
            for path in paths
            if not path.name.startswith(".")
            and (folder(path) or (path.suffix.lower() in self.kinds.suffixes and regular_file(path)))
        )
        return list(islice(shown, MOST_SHOWN))

    def action_up(self) -> None:
        """Show the folder above this one."""
        here = Path(self.path)
        if here.parent != here:
            self.path = here.parent


class FilePickerScreen(ModalScreen[Path | None]):
    """Choose a file in a folder tree, or type its path; dismisses with the file, or None."""

    CSS_PATH = style_path("screens.tcss")
    """Its styles, in `styles/screens.tcss`: a dialog filling most of the screen, the tree taking what is left."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    """Escape cancels."""

    def __init__(self, title: str, kinds: FileKinds, *, start: Path | None = None, remember: str | None = None) -> None:
        """The dialog's title, the kinds of file offered, where to start, and the key its last folder is kept by."""
        super().__init__()
        self.title_text, self.kinds, self.remember = title, kinds, remember
        self.start = start_folder(remember, start)

    def compose(self) -> ComposeResult:
        """Title, help, the path box, the tree, an error line and the buttons."""
        with Vertical(id="picker-dialog"):
            yield Label(Text(self.title_text), id="picker-title")
            yield Static(
                Text(
                    f"Choose {self.kinds.words}: Enter opens a folder or chooses a file; Backspace goes up a "
                    "folder; or type a path and press Enter."
                ),
                id="picker-help",
            )
            yield Input(shown_path(self.start).rstrip(os.sep) + os.sep, id="picker-path", compact=True)
            yield PickedTree(self.start, self.kinds, id="picker-tree")
            yield Static("", id="picker-error")
            with Horizontal(id="picker-buttons"):
                yield Button("Choose (enter)", id="picker-choose", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="picker-cancel", compact=True)
        yield AppFooter()

    def on_mount(self) -> None:
        """The tree has the focus: arrows move through it at once."""
        self.query_one(PickedTree).focus()

    def show_error(self, message: str) -> None:
        """Say what is wrong, in one line."""
        self.query_one("#picker-error", Static).update(Text(message))

    @on(DirectoryTree.FileSelected, "#picker-tree")
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        """A file chosen in the tree."""
        event.stop()
        self.choose(Path(event.path))

    @on(DirectoryTree.DirectorySelected, "#picker-tree")
    def _folder_highlighted(self, event: DirectoryTree.DirectorySelected) -> None:
        """A folder opened in the tree: its path in the box, to type a name after it."""
        event.stop()
        self.query_one("#picker-path", Input).value = shown_path(Path(event.path)).rstrip(os.sep) + os.sep

    @on(Input.Submitted, "#picker-path")
    def _typed(self) -> None:
        """A path typed: a folder opens in the tree, a file is chosen."""
        raw = self.query_one("#picker-path", Input).value.strip()
        if not raw:
            self.show_error("Type a path, or choose a file in the tree.")
            return
        path = Path(raw).expanduser()
        if folder(path):
            tree = self.query_one(PickedTree)
            tree.path = path
            tree.focus()
            self.show_error("")
            return
        self.choose(path)

    @on(Button.Pressed, "#picker-choose")
    def _choose_pressed(self) -> None:
        """The Choose button: the file highlighted in the tree, else the path typed."""
        node = self.query_one(PickedTree).cursor_node
        if self.focused is not self.query_one("#picker-path") and node is not None and node.data is not None:
            path = Path(node.data.path)
            if not folder(path):
                self.choose(path)
                return
        self._typed()

    def choose(self, path: Path) -> None:
        """Dismiss with `path` when it is a regular file of the kinds asked for; else say why not."""
        if not os.path.lexists(path):
            self.show_error(f"There is no file {path}.")
            return
        if not regular_file(path):
            self.show_error(f"{path.name} is not a regular file (a folder, pipe or device): choose a file.")
            return
        if path.suffix.lower() not in self.kinds.suffixes:
            self.show_error(f"{path.name} is not {self.kinds.words}: choose {self.kinds.words}.")
            return
        if self.remember is not None:
            _LAST_FOLDER[self.remember] = path.parent
        self.dismiss(path)

    @on(Button.Pressed, "#picker-cancel")
    def action_cancel(self) -> None:
        """Give up: nothing chosen."""
        self.dismiss(None)

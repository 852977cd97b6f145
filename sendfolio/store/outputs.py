"""Where outputs may go: never onto the folio, its backups, its lock, or anything in its data folder.

Every command and screen that writes a file the mediator asked for (a PDF, HTML, a calendar, an
export) checks its path here first. Links are resolved, so a link elsewhere that points into the
data folder is refused too. The one place inside the data folder that is allowed is its
`exports` folder (`EXPORTS_FOLDER`), where earlier versions put the PDFs of a plain folio and a
mediator may still name a file; the app proposes one output folder outside the data folder
(`services.outputs.default_output`).
"""

from __future__ import annotations

import os
from pathlib import Path

from sendfolio.store.atomic import make_private_folders
from sendfolio.store.names import EXPORTS_FOLDER, FOLIO_FILE, LOCK_FILE


class OutputRefused(ValueError):
    """An output path that would land on the folio's own files; the message says which and what to do."""


def check_output(target: Path | str, data_dir: Path | str) -> Path:
    """`target` resolved (links followed), or raise `OutputRefused` when it is the folio, a backup
    of it, its lock, a temporary file of a save, the data folder itself or anything inside it
    (other than its `exports` folder)."""
    target = Path(target).expanduser()
    resolved = Path(os.path.realpath(target))
    folder = Path(os.path.realpath(Path(data_dir).expanduser()))
    if resolved != folder and folder not in resolved.parents:
        return resolved
    exports = folder / EXPORTS_FOLDER
    if resolved == exports or exports in resolved.parents:  # realpath: a link named exports was followed
        return resolved
    named = f"{target} (a link to {resolved})" if Path(os.path.abspath(target)) != resolved else str(target)
    raise OutputRefused(
        f"{named} {_what(resolved, folder)}: nothing is written into the folio's own folder; "
        f"write it somewhere outside {folder}"
    )


def _what(resolved: Path, folder: Path) -> str:
    """What the refused path is, in words."""
    if resolved == folder:
        return "is the folio's data folder"
    name = resolved.name
    if resolved.parent == folder:
        if name == FOLIO_FILE:
            return "is the folio file itself"
        if name == LOCK_FILE:
            return "is the folio's lock file"
        if name.startswith(FOLIO_FILE + ".") and name[len(FOLIO_FILE) + 1 :].isdigit():
            return "is a backup of the folio"
        if name.startswith("."):
            return "is a temporary file of the folio"
    return "is inside the folio's data folder, which holds the folio, its backups and its lock"


def make_output_folder(folder: Path | str) -> None:
    """Create an output file's folder (and missing parents) open to the owner only (0700)."""
    make_private_folders(Path(folder))

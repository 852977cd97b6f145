"""Where a service writes: one output folder, never onto the folio's own files, never over a file unasked.

Every document (the PDFs, the observer's forms, the calendar, the exports) goes by default to one
folder outside the data folder, the same whether the folio is encrypted or not: the folder the
mediator chose in their profile (the folio's `output_folder` setting), else `<Documents>/sendfolio`.
`default_output` names a job's file there, for the command line and the app alike. A service
refuses a file that already exists (`OutputExists`) unless the shell says the mediator agreed
(`replace`): the app asks, the command line needs `--force`.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sendfolio.store.outputs import OutputRefused, check_output

if TYPE_CHECKING:
    from sendfolio.store import Folio

OUTPUT_FOLDER_SETTING = "output_folder"
"""The folio's setting holding the output folder the mediator chose (absent: the default)."""

FOLDER_NAME = "sendfolio"
"""The default output folder's name, inside the user's documents folder."""


class OutputRefusedFor(OutputRefused):
    """An output path refused, with which of the job's outputs it was (`role`: "output" or "html")."""

    def __init__(self, message: str, role: str) -> None:
        """The refusal's words and the output it concerns."""
        super().__init__(message)
        self.role = role


class OutputExists(OutputRefusedFor):
    """An output whose file is already there, refused until the mediator agrees to replace it."""

    def __init__(self, path: Path, role: str) -> None:
        """The file that is there, and which output it is."""
        super().__init__(f"{path} already exists", role)
        self.path = path


def checked_output(data_dir: Path, path: Path, role: str = "output", *, replace: bool = True) -> Path:
    """`path` as given, once it is known not to land on the folio's own files (`OutputRefusedFor` otherwise),
    nor on a file already there unless `replace` (`OutputExists`)."""
    try:
        check_output(path, data_dir)
    except OutputRefused as refused:
        raise OutputRefusedFor(str(refused), role) from None
    if not replace and os.path.lexists(Path(path).expanduser()):
        raise OutputExists(Path(path), role)
    return path


def default_output_folder(data_dir: Path) -> Path:
    """`<Documents>/sendfolio`; when that would be inside the data folder, a folder beside the data folder."""
    from platformdirs import user_documents_path

    folder = user_documents_path() / FOLDER_NAME
    if _inside(folder, Path(data_dir)):
        data = Path(os.path.realpath(Path(data_dir).expanduser()))
        return data.parent / f"{data.name}-{FOLDER_NAME}-documents"
    return folder


def output_folder(folio: Folio) -> Path:
    """The folder the folio's documents go to by default: the mediator's choice, else the default."""
    chosen = folio.get_setting(OUTPUT_FOLDER_SETTING)
    if isinstance(chosen, str) and chosen.strip():
        return Path(chosen).expanduser()
    return default_output_folder(folio.data_dir)


def check_output_folder(text: str, data_dir: Path) -> Path:
    """The folder typed as a full path, or `ValueError` (naming the field) when it cannot hold outputs:
    empty, relative, a file or a special file, or inside the data folder."""
    raw = text.strip()
    example = f"e.g. ~/Documents/{FOLDER_NAME}"
    if not raw:
        raise ValueError(f"Output folder: give a folder, {example}")
    if "\0" in raw:
        raise ValueError("Output folder: a path cannot hold a NUL character")
    folder = Path(raw).expanduser()
    if not folder.is_absolute():
        raise ValueError(f"Output folder: give the full path (starting with / or ~), {example}")
    if os.path.lexists(folder) and not folder.is_dir():
        from sendfolio.store.atomic import special_kind

        what = special_kind(folder) or "a file"
        raise ValueError(f"Output folder: {folder} is {what}, not a folder")
    if _inside(folder, Path(data_dir)):
        raise ValueError(
            f"Output folder: {folder} is inside the folio's data folder; choose a folder outside {data_dir}"
        )
    return folder


def set_output_folder(folio: Folio, text: str) -> Path:
    """Save the output folder typed (checked by `check_output_folder`; `ValueError` otherwise)."""
    folder = check_output_folder(text, folio.data_dir)
    folio.put_setting(OUTPUT_FOLDER_SETTING, str(folder))
    return folder


def _inside(path: Path, data_dir: Path) -> bool:
    """True when `path` (links resolved) is the data folder or anything in it."""
    resolved = Path(os.path.realpath(path.expanduser()))
    folder = Path(os.path.realpath(data_dir.expanduser()))
    return resolved == folder or folder in resolved.parents


def default_name(job: str, *, year: int | None = None, ref: str | None = None, today: date | None = None) -> str:
    """The file a job writes by default: `portfolio.pdf`, `renewal-2025.pdf`, `observer-forms-SM-1.pdf`,
    `deadlines.ics`, `sendfolio-backup-2026-12-06.json`, `cases.csv`, `reflections-2026-12-06` (a folder)."""
    day = (today or date.today()).isoformat()
    names = {
        "portfolio": "portfolio.pdf",
        "renewal": f"renewal-{year}.pdf",
        "passport": "passport.pdf",
        "review": f"review-{year}.pdf",
        "forms": f"observer-forms-{ref}.pdf" if ref else "observer-forms-blank.pdf",
        "form4": "form4-for-the-ppc.pdf",
        "calendar": "deadlines.ics",
        "backup": f"sendfolio-backup-{day}.json",
        "reflections": f"reflections-{day}",
    }
    return names.get(job, f"{job}.csv")


def default_output(
    folio: Folio, job: str, *, year: int | None = None, ref: str | None = None, today: date | None = None
) -> Path:
    """Where a job's file goes by default: its `default_name` in the folio's `output_folder`."""
    return output_folder(folio) / default_name(job, year=year, ref=ref, today=today)


def already_there(paths: list[Path]) -> list[Path]:
    """The outputs among `paths` whose file (or anything else) is already there: the shell asks before replacing."""
    return [path for path in paths if os.path.lexists(Path(path).expanduser())]


def shown_path(path: Path) -> str:
    """A path as the mediator reads and types it: under their home folder as `~/…` (it works typed back)."""
    home = Path.home()
    try:
        return str(Path("~") / Path(path).relative_to(home))
    except ValueError:
        return str(path)

"""What the user sees when something unexpected goes wrong: a short message and a log file.

Textual's own crash report is a rich traceback showing local variables, which can hold
case text. The app replaces it: the traceback is written -- without local variables --
to a private file (mode 0600) under the data folder, and the screen shows only a
short message with that file's path.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

LOG_FOLDER = "logs"
"""The folder under the data folder that holds crash logs."""


def crash_log_folder(data_dir: Path | None) -> Path:
    """Where crash logs go: `<data dir>/logs`, else a private temporary folder."""
    for base in (data_dir, Path(tempfile.gettempdir()) / "sendfolio"):
        if base is None:
            continue
        folder = base / LOG_FOLDER
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            return folder
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix="sendfolio-logs-"))


def crash_text(error: BaseException) -> str:
    """The traceback of `error` (and its causes) as plain text, with no local variables."""
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def write_crash_log(data_dir: Path | None, error: BaseException) -> Path:
    """Write the crash report to a new private file and return its path."""
    folder = crash_log_folder(data_dir)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.log"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as log:
        log.write(f"sendfolio crash at {datetime.now().isoformat(timespec='seconds')}\n\n")
        log.write(crash_text(error))
    return path


def crash_message(error: BaseException, log_path: Path | None) -> str:
    """The short message shown on the terminal after a crash."""
    where = f"The details are in {log_path}" if log_path else "No log could be written"
    return (
        f"sendfolio stopped after an unexpected error ({type(error).__name__}).\n"
        "Everything you saved before this is safe: each change is saved as you make it.\n"
        f"{where} (it may hold text you typed; share it only if you choose to)."
    )

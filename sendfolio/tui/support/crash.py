"""What the user sees when something unexpected goes wrong: a short message and a log file.

Textual's own crash report is a rich traceback showing local variables, which can hold
case text. The app replaces it: a private file (mode 0600) under `<data dir>/logs/` gets
the exception's type and where it happened -- file, line and function of every frame, for
the error and each error it came from -- and nothing else. Exception messages are left out
on purpose: "invalid value 'Zebedee'" or a path naming a child is record text, and this
file sits in plain text next to a folio that may be encrypted. The screen shows a short
message naming that file.
"""

from __future__ import annotations

import errno
import os
import tempfile
import traceback
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

LOG_FOLDER = "logs"
"""The folder under the data folder that holds crash logs."""

MAX_CHAIN = 10
"""The most chained errors (causes and contexts) written; a longer chain is cut short."""


def crash_log_folder(data_dir: Path | None) -> Path:
    """Where crash logs go: `<data dir>/logs`, else a private temporary folder."""
    for base in (data_dir, Path(tempfile.gettempdir()) / "sendfolio"):
        if base is None:
            continue
        folder = Path(base) / LOG_FOLDER
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            return folder
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix="sendfolio-logs-"))


def error_label(error: BaseException) -> str:
    """The error's type (module-qualified unless built in), with an OS error's errno name: never its message."""
    kind = type(error)
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    code = getattr(error, "errno", None) if isinstance(error, OSError) else None
    if isinstance(code, int):
        return f"{name} [{errno.errorcode.get(code, code)}]"
    return name


def frame_lines(error: BaseException) -> list[str]:
    """One line per traceback frame, outermost first: `  file:line in function` (no source, no values)."""
    return [f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(error.__traceback__)]


CAUSE = "The error above was the direct cause of the error below."
"""How a chained report joins an error to the one it was raised from."""

CONTEXT = "The error above happened while handling the error below."
"""How a chained report joins an error to the one being handled when it happened."""


def _next_in_chain(error: BaseException) -> tuple[str, BaseException | None]:
    """The error this one came from (its cause, else its unsuppressed context) and how they link."""
    if error.__cause__ is not None:
        return CAUSE, error.__cause__
    if error.__context__ is not None and not error.__suppress_context__:
        return CONTEXT, error.__context__
    return "", None


def error_chain(error: BaseException) -> Iterator[tuple[str, BaseException]]:
    """(link, error) for the error and those it came from, oldest first as Python prints them."""
    chain, links = [error], []
    while len(chain) < MAX_CHAIN:
        link, earlier = _next_in_chain(chain[-1])
        if earlier is None or any(earlier is seen for seen in chain):
            break
        chain.append(earlier)
        links.append(link)
    yield "", chain[-1]
    for index in range(len(chain) - 2, -1, -1):
        yield links[index], chain[index]


def crash_text(error: BaseException) -> str:
    """The crash report: each error's type and frames, with no messages, values or local variables."""
    parts: list[str] = []
    for link, item in error_chain(error):
        if link:
            parts.append(f"\n{link}\n\n")
        parts.append("Traceback (most recent call last):\n" + "".join(line + "\n" for line in frame_lines(item)))
        parts.append(f"{error_label(item)} (message left out: it may hold record text)\n")
        for number, inner in enumerate(getattr(item, "exceptions", None) or (), start=1):
            parts.append(f"  sub-error {number}: {error_label(inner)}\n")
    return "".join(parts)


def write_crash_log(data_dir: Path | None, error: BaseException) -> Path:
    """Write the crash report to a new private file (0600) and return its path."""
    folder = crash_log_folder(data_dir)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.log"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as log:
        log.write(f"sendfolio crash at {datetime.now().isoformat(timespec='seconds')}\n\n")
        log.write(crash_text(error))
    return path.resolve()


def crash_message(error: BaseException, log_path: Path | None) -> str:
    """The short message shown on the terminal after a crash."""
    where = f"Where it happened is written in {log_path}" if log_path else "No log could be written"
    return (
        f"sendfolio stopped after an unexpected error ({type(error).__name__}).\n"
        "Everything you saved before this is safe: each change is saved as you make it.\n"
        f"{where} (only the error's type and the lines of code: no record text, so it is safe to share)."
    )

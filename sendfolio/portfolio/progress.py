"""How a long job tells its caller how far it has got, and how the caller stops it.

The one `Progress` callback type, the one cancel flag and the one `CompileCancelled`, shared by
the compiler, the services (`sendfolio.services`) and both shells. A shell passes
`progress(what, fraction)` to show the stage and `cancelled()` to stop: the job asks it between
steps and raises `CompileCancelled` before anything is written.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sendfolio.domain.wording import count

Progress = Callable[[str, float], None]
"""Told what is being done and how far along (0.0 to 1.0); "Stage: detail" updates one stage in place.

A compile's stages, in order: "Judging the records", "Writing the pages", then either "Laying out
pages" (a short document, one pass) or "Laying out pages: N so far" and "Numbering T pages" (a
long one, in chunks: N grows as chunks finish) and "Joining T pages", then "Writing the PDF: T
pages", "Done".
"""

CancelFlag = Callable[[], bool]
"""Asked between steps; answering True stops the job (`CompileCancelled`), nothing written."""


class CompileCancelled(RuntimeError):
    """The job was cancelled before its file was written; nothing was written."""

    def __init__(self, message: str = "the compile was cancelled; no PDF was written") -> None:
        """Say what was not written."""
        super().__init__(message)


def tell(progress: Progress | None, what: str, fraction: float) -> None:
    """Report progress if anyone is listening."""
    if progress is not None:
        progress(what, fraction)


def stop_if(cancelled: CancelFlag | None, what: str = "the compile was cancelled; no PDF was written") -> None:
    """Raise `CompileCancelled` (saying `what`) when the caller has asked to stop."""
    if cancelled is not None and cancelled():
        raise CompileCancelled(what)


LAYOUT_STAGE = "Laying out pages"
"""The compiler's stage whose page count grows (the name it reports through `progress`)."""

PAGE_REPORT_EVERY = 0.25
"""The least time, in seconds, between two reports of the growing page count."""


@contextmanager
def counting_pages(progress: Progress | None) -> Iterator[None]:
    """While compiling in this thread, report "Laying out pages: N pages" as WeasyPrint lays out each page.

    WeasyPrint logs each page it lays out on its `weasyprint.progress` logger; a handler listens
    there for this thread only, for the length of the compile, and passes the count through the
    same `progress(what, fraction)` callback (at most every PAGE_REPORT_EVERY seconds).
    """
    if progress is None:
        yield
        return
    logger = logging.getLogger("weasyprint.progress")
    handler = _PageCounter(progress, threading.get_ident())
    level = logger.level
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


class _PageCounter(logging.Handler):
    """Turns WeasyPrint's "Creating layout - Page N" records of one thread into progress reports."""

    def __init__(self, progress: Progress, thread: int) -> None:
        """Report to `progress`, for records of `thread` only."""
        super().__init__(logging.INFO)
        self.progress, self.thread = progress, thread
        self.pages, self.reported = 0, 0.0

    def emit(self, record: logging.LogRecord) -> None:
        """Count a page laid out; report the count now and then (a cancel is left to the next stage)."""
        if record.thread != self.thread or "Creating layout - Page" not in str(record.msg):
            return
        number = record.args[0] if isinstance(record.args, tuple) and record.args else 0
        self.pages = max(self.pages, int(number) if isinstance(number, (int, float, str)) else 0)
        now = time.monotonic()
        if now - self.reported < PAGE_REPORT_EVERY:
            return
        self.reported = now
        fraction = 0.3 + 0.5 * (1 - 1 / (1 + self.pages / 40))
        try:
            self.progress(f"{LAYOUT_STAGE}: {count(self.pages, 'page')}", fraction)
        except Exception:
            pass

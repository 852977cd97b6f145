"""What both shells ask for, done once: compile, export, import, restore, attach and the observer's forms.

A command (`sendfolio/commands`) and a screen (`sendfolio/tui`) call the same function here the
same way: with the open `Folio`, what the mediator chose, and optionally a `progress(what,
fraction)` callback and a `cancelled()` flag. A service checks where its output goes, passes
the privacy gate when something leaves the machine, reads what it needs and dispatches to the
compiler or the exporters; it raises the library's own exceptions and prints nothing. The
shells parse, ask and show: the command line turns the exceptions into one line
(`commands/reporting.py`), a screen into a line under its form.
"""

from sendfolio.portfolio.progress import CancelFlag, CompileCancelled, Progress

__all__ = ["CancelFlag", "CompileCancelled", "Progress"]
"""The one progress callback type, cancel flag and cancellation, shared by every service."""

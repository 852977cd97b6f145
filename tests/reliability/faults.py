"""Injecting OS errors into a save: the OS calls a save makes, and making one of them fail.

`OSFaults` wraps `os.open`, `os.fsync`, `os.replace`, `os.link` and the `write` of files
opened for writing with `open()` -- the operating system's side, not sendfolio's code --
counting each call. Installed with a fail index it raises `OSError(errno)` at that call;
without one it only records the calls, so a test can fail each step of a save in turn.
"""

from __future__ import annotations

import builtins
import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

ERRNOS = (errno.ENOSPC, errno.EIO, errno.EACCES)
"""The errors injected: a full disk, a failing disk, a refused permission."""

OS_CALLS = ("open", "fsync", "replace", "link")
"""The `os` functions wrapped."""


class FaultyFile:
    """A file opened for writing whose `write` goes through the fault counter."""

    def __init__(self, handle: Any, faults: OSFaults):
        """Wrap a real file object."""
        self._handle = handle
        self._faults = faults

    def write(self, data: bytes) -> int:
        """Count the call; raise if it is the one to fail; else write."""
        self._faults.step("write")
        return self._handle.write(data)

    def __getattr__(self, name: str) -> Any:
        """Everything else is the real file's."""
        return getattr(self._handle, name)

    def __enter__(self) -> FaultyFile:
        """Use in a with block, like the real file."""
        self._handle.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Close the real file."""
        self._handle.__exit__(*exc_info)


class OSFaults:
    """Counts OS calls; the one numbered `fail_at` raises `OSError(code)`."""

    def __init__(self, fail_at: int | None = None, code: int = errno.EIO):
        """Fail the call numbered `fail_at` (0-based), or none."""
        self.fail_at = fail_at
        self.code = code
        self.calls: list[str] = []

    def step(self, name: str) -> None:
        """Record one call, raising if it is the one to fail."""
        index = len(self.calls)
        self.calls.append(name)
        if index == self.fail_at:
            raise OSError(self.code, os.strerror(self.code))

    def _wrap(self, name: str, real: Callable) -> Callable:
        """A stand-in for an os function that counts (and may fail) before calling it."""

        def call(*args: Any, **kwargs: Any) -> Any:
            """Count (maybe fail), then do the real call."""
            self.step(name)
            return real(*args, **kwargs)

        return call

    def _wrap_open(self, real: Callable) -> Callable:
        """A stand-in for `open` whose files opened for writing count their writes."""

        def call(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            """Open for real; wrap files opened for writing."""
            handle = real(file, mode, *args, **kwargs)
            return FaultyFile(handle, self) if any(flag in mode for flag in "wax+") else handle

        return call

    @contextmanager
    def installed(self) -> Iterator[OSFaults]:
        """Wrap the OS calls for the length of the block only."""
        with pytest.MonkeyPatch.context() as patch:
            for name in OS_CALLS:
                patch.setattr(os, name, self._wrap(name, getattr(os, name)))
            patch.setattr(builtins, "open", self._wrap_open(builtins.open))
            yield self


def save_steps(action: Callable[[], Any]) -> list[str]:
    """The OS calls one run of `action` makes, in order."""
    tracer = OSFaults()
    with tracer.installed():
        action()
    return tracer.calls

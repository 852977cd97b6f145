"""Child program of the step-by-step kill tests: a change of codec killed at one chosen OS call.

Usage: python step_child.py MODE BASE WORK

    MODE  encrypt | encrypt-remove | rekey | decrypt (as fault_child.py; encrypt-remove removes
          the exports instead of encrypting them)
    BASE  a data folder to start each run from (copied to WORK first)

It prints "ready", then reads commands on stdin, one a line:

    count           run the change once, unkilled; print "steps N" (the OS calls it made)
    kill K DELAY    run it and SIGKILL the run at its OS call number K (0-based): at once,
                    before the call, when DELAY is 0, else DELAY seconds after the call starts;
                    print "killed K" (or "finished K" when the change ended first)

Each run is a forked copy of this prepared process, so a kill costs no interpreter start. The
OS calls counted are the ones that change files: opening a file for writing, fsync, rename,
replace, link, unlink, mkdir, rmdir -- the operating system's side, not sendfolio's code.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

PASSPHRASES = ("first fictional passphrase", "second fictional passphrase")
"""As in kill_tools.py: the first and second passphrase."""

COUNTED = ("fsync", "rename", "replace", "link", "unlink", "mkdir", "rmdir")
"""The `os` functions counted as steps, besides `os.open` for writing."""

WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
"""Flags of an `os.open` that may change a file."""


class Steps:
    """Counts the OS calls of one run; the one numbered `kill_at` ends the process with SIGKILL."""

    def __init__(self, kill_at: int | None = None, delay: float = 0.0):
        """Kill at call `kill_at` (None: only count), at once or `delay` seconds after it starts."""
        self.kill_at = kill_at
        self.delay = delay
        self.count = 0

    def step(self) -> None:
        """Count one call; kill the process when it is the chosen one."""
        if self.count == self.kill_at:
            if self.delay <= 0:
                os.kill(os.getpid(), signal.SIGKILL)
            threading.Thread(target=self._kill_later, daemon=True).start()
        self.count += 1

    def _kill_later(self) -> None:
        """SIGKILL this process after the delay."""
        time.sleep(self.delay)
        os.kill(os.getpid(), signal.SIGKILL)

    def install(self) -> None:
        """Wrap the counted `os` functions (in this forked run only)."""
        for name in COUNTED:
            real = getattr(os, name)
            setattr(os, name, self._wrapped(real))
        real_open = os.open

        def opening(path, flags, *args, **kwargs):
            """os.open, counted when it may write."""
            if flags & WRITING:
                self.step()
            return real_open(path, flags, *args, **kwargs)

        os.open = opening

    def _wrapped(self, real):
        """A counting stand-in for one os function."""

        def call(*args, **kwargs):
            """Count, then do the real call."""
            self.step()
            return real(*args, **kwargs)

        return call


def prepare(mode: str, base: Path):
    """The codecs of the run: (the one the folio opens with, the new one, remove the exports)."""
    from sendfolio.privacy.unlock import codec_from_passphrase
    from sendfolio.store.crypto import TEST_PARAMS, new_codec

    if mode in ("encrypt", "encrypt-remove"):
        return None, new_codec(PASSPHRASES[0], TEST_PARAMS), mode == "encrypt-remove"
    old = codec_from_passphrase(base, PASSPHRASES[0])
    if mode == "rekey":
        return old, new_codec(PASSPHRASES[1], TEST_PARAMS), False
    if mode == "decrypt":
        return old, None, False
    raise SystemExit(f"unknown mode {mode!r}")


def run(base: Path, work: Path, codecs, steps: Steps) -> tuple[int, int | None]:
    """Copy the base, fork, and in the fork open the folio and change its codec under `steps`; returns
    how the fork ended (its exit status, or minus the signal that ended it) and, when it finished,
    how many steps it made. The answer is read once the fork is gone (and its lock with it)."""
    from sendfolio.store import Folio

    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(base, work)
    old, new, remove_exports = codecs
    sys.stdout.flush()
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reading)
        try:
            folio = Folio.open(work, codec=old)
            steps.install()
            folio.change_codec(new, remove_exports=remove_exports)
            os.write(writing, str(steps.count).encode())
            os._exit(0)
        except BaseException as error:  # report and end the fork without running the parent's code
            os.write(2, f"{type(error).__name__}: {error}\n".encode())
            os._exit(3)
    os.close(writing)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(reading, "rb") as answer:
        counted = answer.read().decode()
    ended = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    return ended, int(counted) if counted else None


def main() -> None:
    """Prepare, then serve `count` and `kill` commands until stdin closes."""
    mode, base, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    import sendfolio.store.folio  # noqa: F401 -- imported once, before the forks

    codecs = prepare(mode, base)
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "count":
            ended, counted = run(base, work, codecs, Steps())
            print(f"steps {counted}" if ended == 0 else f"failed {ended}", flush=True)
        elif words[0] == "kill":
            kill_at, delay = int(words[1]), float(words[2])
            ended, _ = run(base, work, codecs, Steps(kill_at, delay))
            outcome = "killed" if ended == -signal.SIGKILL else "finished" if ended == 0 else "failed"
            print(f"{outcome} {kill_at}", flush=True)
        else:
            print(f"unknown command {words[0]!r}", flush=True)


if __name__ == "__main__":
    main()

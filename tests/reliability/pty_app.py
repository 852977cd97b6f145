"""Running the real `sendfolio` TUI under a pseudo-terminal: start it, read what it paints,
type keys, signal it, and see how it leaves the terminal.

The app runs as `python -m sendfolio --data-dir DIR` with the pty as its terminal (stdin,
stdout, stderr), in a session of its own, at a fixed size; a thread keeps reading what it
writes so it never blocks on a full pty. The pty is the session's controlling terminal, so
closing it (`close_terminal`) sends the app SIGHUP, as closing a terminal window does.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

ROWS, COLUMNS = 40, 120
"""The terminal size the app is started at."""

KEYS = {"f2": "\x1bOQ", "ctrl+q": "\x11"}
"""Byte sequences an xterm sends for the keys the tests press."""

ALT_SCREEN_OFF = b"\x1b[?1049l"
"""The sequence that leaves the alternate screen (the terminal gets its old contents back)."""

CURSOR_ON = b"\x1b[?25h"
"""The sequence that shows the cursor again."""


class PtyApp:
    """The sendfolio TUI on a pseudo-terminal."""

    def __init__(self, data_dir: Path, *, controlling: bool = True):
        """Start the app on the folio in `data_dir`; `controlling`: the pty is its controlling terminal
        (closing it sends SIGHUP), else it is only its stdin, stdout and stderr."""
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(ROWS)}
        env.pop("TEXTUAL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sendfolio", "--data-dir", str(data_dir)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            preexec_fn=_take_terminal if controlling else None,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        """Keep reading the terminal's output until the app closes it (or the terminal stops reading)."""
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if not ready:
                    continue
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.output += chunk

    def freeze(self) -> None:
        """Stop reading what the app writes (a terminal that hangs): its writes block once the pty is full."""
        self._stop.set()
        self._reader.join(timeout=2)

    def close_terminal(self) -> None:
        """Close the terminal, as closing its window does: the app gets SIGHUP and its writes fail."""
        self.freeze()
        try:
            os.close(self.master)
        except OSError:
            pass

    def wait(self, timeout: float) -> int | None:
        """The app's exit status once it has ended, waiting up to `timeout` seconds (None: still running)."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def seen(self) -> bytes:
        """Everything the app has written so far."""
        with self._lock:
            return bytes(self.output)

    def wait_for(self, text: bytes, timeout: float = 30.0, start: int = 0) -> bool:
        """Wait until the output (from byte `start`) contains `text`; False on timeout or exit."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.seen()[start:]:
                return True
            if self.process.poll() is not None:
                time.sleep(0.2)
                return text in self.seen()[start:]
            time.sleep(0.05)
        return False

    def press(self, key: str) -> None:
        """Type one key."""
        os.write(self.master, KEYS.get(key, key).encode())

    def signal(self, number: int, timeout: float = 15.0) -> int | None:
        """Send a signal; the exit status once the app has ended (None if it is still running)."""
        self.process.send_signal(number)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> None:
        """Make sure the app is gone and the terminal closed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
        self._stop.set()
        self._reader.join(timeout=2)
        try:
            os.close(self.master)
        except OSError:
            pass


def _take_terminal() -> None:
    """In the child, after it has its own session: make the pty (its stdin) the session's controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

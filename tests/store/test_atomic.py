"""The one atomic file writer: whole files only, private, and never over a device or pipe."""

from __future__ import annotations

import os
import stat

import pytest

from sendfolio.store.atomic import write_atomic


def test_writes_whole_file_private_and_leaves_no_temp(tmp_path):
    """The new content replaces the old; mode 0600; no temporary file is left behind."""
    target = tmp_path / "out.json"
    target.write_text("old")
    write_atomic(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]


def test_refuses_a_pipe_and_leaves_it_a_pipe(tmp_path):
    """A named pipe at the target is refused, not renamed over."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic(pipe, b"data")
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert [path.name for path in tmp_path.iterdir()] == ["pipe"]


def test_refuses_a_folder(tmp_path):
    """A folder at the target is refused."""
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic(tmp_path, b"data")


def test_failed_rename_removes_the_temp_file(tmp_path, monkeypatch):
    """When the rename fails (disk full), the old file stays and no temp file is left."""
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")

    def refuse(*args, **kwargs):
        """The operating system refusing the rename."""
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["out.pdf"]

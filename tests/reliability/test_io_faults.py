"""I/O faults at every step of a save: a clear FolioError, the previous file intact, the folio
still usable once the fault is gone. Also a folder that turns read-only and a full disk,
on real mounts (skipped where this user may not mount)."""

from __future__ import annotations

import errno
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from faults import ERRNOS, OSFaults, save_steps
from kill_tools import copy_folder, cpd

from sendfolio.store import Folio, FolioError


@pytest.fixture
def base(tmp_path) -> Path:
    """A folio saved eight times, so a save also rotates five backups."""
    folder = tmp_path / "base"
    with Folio.open(folder) as folio:
        for number in range(8):
            folio.put(cpd(f"Entry {number}"))
    return folder


def titles_on_disk(folder: Path) -> set[str]:
    """The CPD titles the folio holds when opened afresh."""
    with Folio.open(folder) as folio:
        return {entry.title for entry in folio.cpd()}


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file in the folder (the folio and its backups) with its bytes, but the lock."""
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.name != "folio.lock"}


def fault_one_step(folder: Path, index: int, code: int) -> str:
    """Put one entry with OS call `index` failing; check the folio; return "saved" or the error."""
    with Folio.open(folder) as folio:
        before, data, every = folio.path.read_bytes(), folio.data(), files_in(folder)
        try:
            with OSFaults(index, code).installed():
                folio.put(cpd("Faulted save"))
            outcome = "saved"
        except FolioError as error:
            outcome = str(error)
            assert "\n" not in outcome and str(folio.path) in outcome and os.strerror(code) in outcome, outcome
            assert folio.path.read_bytes() == before, "the failed save changed the folio file"
            assert files_in(folder) == every, "the failed save changed a backup"
            assert folio.data() == data, "the failed save changed the folio in memory"
            assert not list(folder.glob(".folio.json.*.tmp")), "the failed save left a temporary file"
        folio.put(cpd("After the fault"))
    held = titles_on_disk(folder)
    assert "After the fault" in held and ("Faulted save" in held) == (outcome == "saved"), (outcome, held)
    return outcome


def test_a_save_makes_the_expected_os_calls(base):
    """The save being faulted writes and fsyncs a temporary file, keeps the old file (a hard link),
    renames the new file into place and fsyncs the folder, and only then rotates the backups."""
    with Folio.open(base) as folio:
        steps = save_steps(lambda: folio.put(cpd("Traced")))
    assert {"open", "write", "fsync", "replace", "link"} <= set(steps), steps
    first = steps.index("replace")
    assert steps.index("link") < first and steps[first + 1 : first + 3] == ["open", "fsync"], steps
    assert steps[-3:] == ["replace", "open", "fsync"], steps


def test_every_step_of_a_save_fails_cleanly(tmp_path, base):
    """Each OS call of a save, failing with ENOSPC, EIO or EACCES in turn: clear error, nothing lost.

    A failed hard link (a backup) falls back to a copy; once the new file is renamed into place
    the save stands (memory matches the file): a failed sync of the folder, or a failed rotation
    of the backups after it, only leaves the backups as they were. A save that fails changes no
    file at all, backups included.
    """
    with Folio.open(copy_folder(base, tmp_path / "trace")) as folio:
        steps = save_steps(lambda: folio.put(cpd("Traced")))
    renamed = steps.index("replace")  # the new file is in place after the first rename; the backups rotate after it
    problems = []
    for index, name in enumerate(steps):
        for code in ERRNOS:
            try:
                outcome = fault_one_step(copy_folder(base, tmp_path / "run"), index, code)
            except AssertionError as failure:
                problems.append(f"step {index} ({name}), {errno.errorcode[code]}: {failure}")
                continue
            if outcome == "saved" and name != "link" and index <= renamed:  # a failed link falls back to a copy
                problems.append(f"step {index} ({name}), {errno.errorcode[code]}: the fault was ignored")
            if outcome != "saved" and index > renamed:
                problems.append(f"step {index} ({name}): error after the new file was in place: {outcome}")
    assert not problems, "\n".join(problems)


@contextmanager
def mounted(args: list[str], folder: Path):
    """Mount something on `folder` for the block (skip the test if mounting is not allowed)."""
    done = subprocess.run(["mount", *args, str(folder)], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount here ({done.stderr.strip() or 'mount failed'}); needs root with CAP_SYS_ADMIN")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def remount(folder: Path, mode: str) -> None:
    """Remount a bind mount read-only ("ro") or read-write ("rw")."""
    done = subprocess.run(["mount", "-o", f"remount,{mode},bind", str(folder)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_folder_turning_read_only(tmp_path, base):
    """The folder becomes read-only while the folio is open (chmod cannot stop root: a read-only
    bind mount laid over the folder; the lock's open file keeps the mount below busy, so it is not remounted)."""
    folder = copy_folder(base, tmp_path / "ro")
    with Folio.open(folder) as folio:
        before, data = folio.path.read_bytes(), folio.data()
        with mounted(["--bind", str(folder)], folder):
            remount(folder, "ro")
            with pytest.raises(FolioError, match="could not save .*Read-only file system; nothing was changed"):
                folio.put(cpd("Refused"))
            assert folio.path.read_bytes() == before and folio.data() == data
        folio.put(cpd("Saved once writable"))
    assert "Saved once writable" in titles_on_disk(folder) and "Refused" not in titles_on_disk(folder)


def test_opening_in_a_read_only_folder_is_a_clear_error(tmp_path, base):
    """A folio in a read-only folder cannot be locked: one line saying so, the file untouched."""
    folder = copy_folder(base, tmp_path / "ro")
    (folder / "folio.lock").unlink()
    before = (folder / "folio.json").read_bytes()
    with mounted(["--bind", str(folder)], folder):
        remount(folder, "ro")
        with pytest.raises(FolioError) as caught:
            Folio.open(folder)
        assert "\n" not in str(caught.value) and "Read-only file system" in str(caught.value)
        assert (folder / "folio.json").read_bytes() == before


def test_full_disk(tmp_path):
    """On a small tmpfs filled up by another file: the save fails with ENOSPC, nothing lost, fine once freed."""
    folder = tmp_path / "small"
    folder.mkdir()
    with mounted(["-t", "tmpfs", "-o", "size=1m", "tmpfs"], folder):
        with Folio.open(folder / "folio") as folio:
            for number in range(20):
                folio.put(cpd(f"Entry {number}", learning="Fictional learning. " * 200))
            before, data = folio.path.read_bytes(), folio.data()
            filler = fill_disk(folder / "filler.bin")
            with pytest.raises(FolioError, match="No space left on device; nothing was changed"):
                folio.put(cpd("Does not fit", learning="More fictional learning. " * 200))
            assert folio.path.read_bytes() == before and folio.data() == data
            assert not list((folder / "folio").glob(".folio.json.*.tmp"))
            filler.unlink()
            folio.put(cpd("Fits again"))
        assert "Fits again" in titles_on_disk(folder / "folio")


def fill_disk(path: Path) -> Path:
    """Write a file until the disk is full (unbuffered: no bytes left over to fail again on close)."""
    with open(path, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return path

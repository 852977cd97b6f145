"""`sendfolio` alone (or with `--data-dir`) opens the app without the command line; anything else is click's."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sendfolio.launch import app_folder


def test_no_command_opens_the_app_on_the_folder_chosen(tmp_path, monkeypatch):
    """The folder given (both spellings), else $SENDFOLIO_DATA_DIR, else the user data folder."""
    monkeypatch.delenv("SENDFOLIO_DATA_DIR", raising=False)
    assert app_folder(["--data-dir", str(tmp_path)]) == tmp_path
    assert app_folder([f"--data-dir={tmp_path / 'new'}"]) == tmp_path / "new"  # made when the folio opens
    assert app_folder([]).name == "sendfolio"
    monkeypatch.setenv("SENDFOLIO_DATA_DIR", str(tmp_path))
    assert app_folder([]) == tmp_path
    monkeypatch.setenv("HOME", str(tmp_path))
    assert app_folder(["--data-dir", "~/folio"]) == tmp_path / "folio"


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["--data-dir", "x", "check"],
        ["--help"],
        ["--version"],
        ["--data-dir"],
        ["--data-dir", ""],
        ["--data-dir", "--help"],
        ["--data"],
        ["-h"],
    ],
)
def test_anything_else_goes_to_the_command_line(args):
    """A command, help, the version, or an option missing its folder: click's, as before."""
    assert app_folder(args) is None


def test_a_folder_click_refuses_is_refused_in_one_line_as_before(tmp_path):
    """A file given as the data folder: not opened; click's one line, exit 2 (the app never starts)."""
    afile = tmp_path / "afile"
    afile.write_text("not a folder")
    assert app_folder(["--data-dir", str(afile)]) is None
    done = subprocess.run(
        [sys.executable, "-m", "sendfolio", "--data-dir", str(afile)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "is a file" in lines[0] and lines[0].startswith("sendfolio: ")

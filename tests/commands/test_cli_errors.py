"""Bad usage and bad data on the command line: exit status 2 and one clear line on stderr.

docs/ARCHITECTURE.md, "Command line": "2 bad usage or bad data, with one clear line on stderr saying what and where".
Import problems are the one exception by design: each bad cell gets its own
`file:line: column: problem` line, then one line says nothing was imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.store import Folio

CPD_CSV = "date,hours,method,title\n2025-01-05,2,reading,Code of practice\n"
"""A valid one-row CPD file."""


def invoke(data_dir: Path, *args: str):
    """Run `sendfolio --data-dir DIR ARGS` in-process and return click's result."""
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], prog_name="sendfolio")


def one_line(result) -> str:
    """The single stderr line of a failed command (asserts there is exactly one, and exit 2)."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("sendfolio: ")
    return lines[0]


@pytest.fixture
def filled(demo_folio):
    """The demo folio, closed, so commands can open it."""
    demo_folio.close()
    return demo_folio.data_dir


@pytest.mark.parametrize(
    "args, words",
    [
        (["nosuch"], ["No such command 'nosuch'", "sendfolio --help"]),
        (["check", "--year", "abc"], ["--year", "'abc' is not a valid integer", "sendfolio check --help"]),
        (["check", "--bogus"], ["No such option '--bogus'"]),
        (["export", "out.csv", "--kind", "bogus"], ["--kind", "'bogus' is not one of"]),
        (["import"], ["Missing argument"]),
        (["check", "--today", "31/02/2025"], ["--today", "not a real calendar date"]),
        (["demo", "--today", "soon"], ["--today", "YYYY-MM-DD or DD/MM/YYYY"]),
        (["deadlines", "--today", "soon"], ["--today"]),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(tmp_path, args, words):
    """Unknown commands and bad option values: one line saying what, where to look, exit 2."""
    line = one_line(invoke(tmp_path / "folio", *args))
    assert all(word in line for word in words), line
    assert not (tmp_path / "folio").exists()


def test_data_dir_that_is_a_file_is_one_line(tmp_path):
    """--data-dir naming a file: exit 2, one line naming the option."""
    (tmp_path / "afile").write_text("x")
    assert "--data-dir" in one_line(invoke(tmp_path / "afile", "check"))


def test_unknown_command_in_a_subprocess_has_no_usage_block(tmp_path):
    """Through `python -m sendfolio` too: one line, no usage block."""
    result = subprocess.run([sys.executable, "-m", "sendfolio", "nosuch"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Usage" not in result.stderr


def test_locked_folio_is_one_line_and_reports_still_work(filled, tmp_path):
    """While another process writes the folio: changes fail with one line; reports and dry runs work."""
    (tmp_path / "cpd.csv").write_text(CPD_CSV, encoding="utf-8")
    command = [sys.executable, "-m", "sendfolio", "--data-dir", str(filled)]
    with Folio.open(filled):
        for args in (["import", str(tmp_path / "cpd.csv")], ["demo"]):
            result = subprocess.run(command + args, capture_output=True, text=True, timeout=60)
            assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
            assert "open in another sendfolio" in result.stderr
        for args in (["check"], ["import", "--dry-run", str(tmp_path / "cpd.csv")], ["criteria"]):
            result = subprocess.run(command + args, capture_output=True, text=True, timeout=60)
            assert result.returncode in (0, 1), (args, result.stderr)
    with Folio.open(filled) as folio:
        assert not any(entry.title == "Code of practice" for entry in folio.cpd())


def test_missing_input_file_names_it(filled, tmp_path):
    """A file that does not exist: one line naming it and saying 'does not exist'."""
    result = invoke(filled, "import", str(tmp_path / "missing.csv"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"sendfolio: nothing was imported: {tmp_path / 'missing.csv'}: does not exist",
    ]


def test_folder_given_as_input_file(filled, tmp_path):
    """A folder where a file is expected: named as a folder, nothing imported."""
    (tmp_path / "cases.csv").mkdir()
    result = invoke(filled, "import", str(tmp_path / "cases.csv"))
    assert result.exit_code == 2 and f"{tmp_path / 'cases.csv'}: is a folder, not a file" in result.stderr


def test_unknown_column_and_bad_row_save_nothing(filled, tmp_path):
    """An unknown column in one file and a bad row in another: each named `file:line: column: ...`."""
    (tmp_path / "extra.csv").write_text("date,hours,method,title,colour\n2025-01-01,1,reading,x,red\n")
    (tmp_path / "bad.csv").write_text(CPD_CSV + "31/02/2025,abc,reading,Bad row\n")
    before = (filled / "folio.json").read_bytes()
    result = invoke(filled, "import", str(tmp_path / "bad.csv"), str(tmp_path / "extra.csv"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'extra.csv'}:1: colour: is not a column of a cpd CSV" in result.stderr
    assert f"{tmp_path / 'bad.csv'}:3: date: '31/02/2025' is not a real calendar date" in result.stderr
    assert f"{tmp_path / 'bad.csv'}:3: hours: 'abc' is not a number" in result.stderr
    assert (filled / "folio.json").read_bytes() == before


@pytest.mark.parametrize(
    "target, words",
    [
        ("afile/out.json", "is a file, not a folder"),
        ("afolder", "is a folder"),
        ("pipe", "not a regular file"),
    ],
)
def test_export_to_a_path_it_cannot_write_is_one_line(filled, tmp_path, target, words):
    """Export under a file, onto a folder or a pipe: one line, nothing written (a missing folder is made:
    tests/commands/test_output_folder_cli.py)."""
    (tmp_path / "afile").write_text("keep")
    (tmp_path / "afolder").mkdir()
    os.mkfifo(tmp_path / "pipe")
    line = one_line(invoke(filled, "export", str(tmp_path / target)))
    assert "nothing was exported" in line and words in line, line
    assert (tmp_path / "afile").read_text() == "keep" and not any((tmp_path / "afolder").iterdir())
    assert not (tmp_path / "pipe").is_file()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
def test_export_into_a_read_only_folder_is_one_line(filled, tmp_path):
    """A folder the user may not write to: one line naming the file, exit 2."""
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        line = one_line(invoke(filled, "export", str(locked / "out.json")))
    finally:
        locked.chmod(0o700)
    assert "nothing was exported" in line and "out.json" in line


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_export_where_no_file_can_be_made_is_one_line(filled):
    """A folder no one can create files in (even root: /proc): one line naming the file, exit 2."""
    line = one_line(invoke(filled, "export", "/proc/sendfolio-out.json"))
    assert line.startswith("sendfolio: nothing was exported: cannot write /proc/sendfolio-out.json: "), line


def test_unexpected_error_is_one_line_without_record_text(tmp_path):
    """A fault injected inside a command (a bug we cannot otherwise provoke) prints its type only."""
    import subprocess
    import sys

    (tmp_path / "folio").mkdir()
    script = (
        "import sys; from sendfolio import rules\n"
        "def broken(*args, **kwargs):\n"
        "    raise ValueError('SECRET-CASE-TEXT')\n"
        "rules.check_json = broken\n"
        "from sendfolio.cli import main\n"
        "sys.argv = ['sendfolio', '--data-dir', sys.argv[1], 'check']\n"
        "main()\n"
    )
    from sendfolio.store import Folio

    Folio.open(tmp_path / "folio").close()
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "folio")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "unexpected error (ValueError)" in result.stderr
    assert "SECRET-CASE-TEXT" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1

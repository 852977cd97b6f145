"""One line on stderr, always: every command run against a full disk, a read-only folder and a file
where a folder belongs says what and where in one line, never "unexpected error" or a traceback.

The disk and the folder are made to refuse writes by injecting the error at the OS calls that write
(`os.open` for writing, `os.replace`, `os.link`, `os.mkdir`, `open` for writing), as the fault
suite does (tests/reliability/faults.py): the tests run as root, which a read-only mode does not stop.
The lock file is left alone, so each command gets as far as its first real write.
"""

from __future__ import annotations

import builtins
import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.samples.certificate import certificate_pdf

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
"""Flags of an `os.open` that writes."""


@contextmanager
def refusing_writes(code: int) -> Iterator[None]:
    """Every write anywhere fails with `code` (ENOSPC: a full disk; EROFS: a read-only folder), the lock aside."""

    def refuse(target: object) -> None:
        raise OSError(code, os.strerror(code), str(target))

    real_open, real_builtin_open = os.open, builtins.open

    def os_open(path, flags, *args, **kwargs):
        if flags & WRITE_FLAGS and not str(path).endswith("folio.lock"):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def builtin_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+") and not isinstance(file, int):
            refuse(file)
        return real_builtin_open(file, mode, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "open", os_open)
        patch.setattr(builtins, "open", builtin_open)
        for name in ("replace", "rename", "link", "mkdir"):
            patch.setattr(os, name, lambda source, *args, **kwargs: refuse(source))
        yield


@pytest.fixture
def cheap_kdf(monkeypatch):
    """Fast key derivation, and a passphrase for `encrypt`."""
    from sendfolio.store import crypto

    monkeypatch.setattr(crypto, "DEFAULT_PARAMS", crypto.TEST_PARAMS)
    monkeypatch.setenv("SENDFOLIO_PASSPHRASE", "correct horse battery")
    monkeypatch.delenv("SENDFOLIO_NEW_PASSPHRASE", raising=False)


@pytest.fixture
def folio(folio_dir, tmp_path, cheap_kdf) -> Path:
    """A folio with a case and an attached certificate; beside it a certificate and a CSV to bring in."""
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "ref,kind,role,date,prep_hours,meeting_hours,followup_hours,outcome\nSM-1,mediation,lead,2025-03-01,1,2,0.5,agreement\n",
        encoding="utf-8",
    )
    assert CliRunner().invoke(main, ["--data-dir", str(folio_dir), "import", str(cases)]).exit_code == 0
    cert = tmp_path / "certificate.pdf"
    cert.write_bytes(certificate_pdf([[("Certificate of membership", 20, "title")]]))
    assert (
        CliRunner().invoke(main, ["--data-dir", str(folio_dir), "attach", str(cert), "--for", "membership"]).exit_code
        == 0
    )
    return folio_dir


def commands(tmp_path: Path, folio_dir: Path) -> list[list[str]]:
    """Every command, with the arguments that make it read and write."""
    out = tmp_path / "out"
    (attached,) = (path.stem for path in (folio_dir / "attachments").iterdir())
    return [
        ["attach", str(tmp_path / "certificate.pdf"), "--for", "membership"],
        ["attachments"],
        ["attachments", "--remove", attached],
        ["check"],
        ["criteria"],
        ["deadlines"],
        ["do-not-print", "add", "Zoe Smith"],
        ["do-not-print", "list"],
        ["export", f"{out}.json"],
        ["forms", "--case", "SM-1", "-o", f"{out}-forms.pdf"],
        ["import", str(tmp_path / "cases.csv")],
        ["portfolio", "-o", f"{out}.pdf"],
        ["privacy-check"],
        ["purge", "--before", "2030-01-01", "--yes", "--scrub-backups"],
        ["restore"],
        ["encrypt"],
    ]


def problem(args: list[str], result) -> str | None:
    """What is wrong with a command's report: more than one line on stderr, an unexpected error, a raw
    system error, or a failure naming no file or folder; None when nothing is."""
    lines = result.stderr.strip().splitlines()
    text = result.stderr
    if len(lines) > 1 or "unexpected error" in text or "Traceback" in text or "[Errno" in text:
        return f"{args}: {text}"
    if result.exit_code not in (0, 1, 2):
        return f"{args}: exit {result.exit_code} {result.exception!r}"
    if result.exit_code == 2 and not (lines and "/" in lines[0]):
        return f"{args}: {text}"
    return None


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS], ids=["full disk", "read-only folder"])
def test_every_command_when_nothing_can_be_written(folio, tmp_path, code):
    wrong = []
    for args in commands(tmp_path, folio):
        with refusing_writes(code):
            result = CliRunner().invoke(main, ["--data-dir", str(folio), *args])
        wrong.append(problem(args, result))
    assert [item for item in wrong if item] == []


@pytest.mark.parametrize("folder", ["attachments", "drafts", "exports"])
def test_every_command_with_a_file_where_a_folder_belongs(folio, tmp_path, folder):
    every = commands(tmp_path, folio)
    place = folio / folder
    if place.is_dir():
        for path in place.iterdir():
            path.unlink()
        place.rmdir()
    place.write_text("not a folder", encoding="utf-8")
    wrong = []
    for args in every:
        result = CliRunner().invoke(main, ["--data-dir", str(folio), *args])
        wrong.append(problem(args, result))
    assert [item for item in wrong if item] == []


def test_library_warnings_and_log_lines_never_reach_the_terminal(capfd):
    import logging
    import warnings

    from sendfolio.commands.errors import quiet_libraries

    with quiet_libraries():
        logging.getLogger("pypdf._reader").warning("Xref table not zero-indexed")
        logging.getLogger("fontTools.subset").error("glyph missing")
        warnings.warn("Image size (169000000 pixels) exceeds limit", stacklevel=1)
    assert capfd.readouterr().err == ""
    assert logging.getLogger("pypdf").propagate  # as it was, once the command is over

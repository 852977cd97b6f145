"""No special file anywhere in the data folder: a pipe, a link or a device at the name of an
attachment, a draft, a backup or an export is never opened as a file (a pipe would block, a
link to /dev/zero would never end); the command says which file in one line."""

from __future__ import annotations

import os
import signal
import stat
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.samples.certificate import certificate_pdf
from sendfolio.store import Folio

KINDS = ("pipe", "link to /dev/zero", "device")
"""The special files put in place of a regular one."""


@pytest.fixture(autouse=True)
def never_hangs():
    """Fail the test (rather than hang the suite) if anything waits on a pipe for 90 s (a compile on a busy
    machine can take 20)."""

    def give_up(*_args):
        raise TimeoutError("waited on a special file")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(90)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def make_special(path: Path, kind: str) -> None:
    """Put a pipe, a link to /dev/zero, or a character device (/dev/zero's numbers) at `path`."""
    path.unlink(missing_ok=True)
    if kind == "pipe":
        os.mkfifo(path)
    elif kind == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    else:
        try:
            os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 5))
        except PermissionError:
            pytest.skip("making a device needs CAP_MKNOD")


def run(folio_dir: Path, *args: str):
    """Run the CLI on the folio folder."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args])


def one_line(result) -> str:
    """The command's error: exactly one line, never a traceback or an unexpected error."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "unexpected error" not in lines[0]
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return lines[0]


@pytest.fixture
def attached(folio_dir, tmp_path) -> Path:
    """A folio with one attached certificate; returns the attachment's file."""
    cert = tmp_path / "membership.pdf"
    cert.write_bytes(certificate_pdf([[("Membership certificate", 20, "title")]]))
    assert run(folio_dir, "attach", str(cert), "--for", "membership").exit_code == 0
    (path,) = (folio_dir / "attachments").iterdir()
    return path


@pytest.mark.parametrize(
    ("kind", "command"),
    [(kind, ["export", "out.json"]) for kind in KINDS] + [("pipe", ["portfolio", "out.pdf"])],
)
def test_a_special_file_at_an_attachments_name(attached, folio_dir, tmp_path, kind, command):
    """The attachment is named in one line and left out; the backup or the portfolio is still written."""
    make_special(attached, kind)
    out = tmp_path / command[1]
    result = run(folio_dir, command[0], *(["-o"] if command[0] == "portfolio" else []), str(out))
    assert result.exit_code == 0, result.output
    line = one_line(result)
    assert str(attached) in line and "not a regular file" in line and "left out" in line
    assert out.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_special_file_at_a_drafts_name_is_no_draft(folio_dir, kind):
    from sendfolio.store.drafts import draft_path, load_draft, save_draft

    with Folio.open(folio_dir) as folio:
        save_draft(folio, "reflection-new", {"title": "Kept"})
        make_special(draft_path(folio, "reflection-new"), kind)
        assert load_draft(folio, "reflection-new") is None


@pytest.mark.parametrize("kind", KINDS)
def test_a_special_file_at_a_backups_name_is_named_by_the_scrub(folio_dir, kind):
    with Folio.open(folio_dir) as folio:
        for number in range(4):
            folio.put_setting("privacy.ignored", [str(number)])  # four saves: backups .1 to .3
    backup = folio_dir / "folio.json.3"
    assert backup.exists()
    make_special(backup, kind)
    result = run(folio_dir, "purge", "--before", date(2020, 1, 1).isoformat(), "--yes", "--scrub-backups")
    assert result.exit_code == 0, result.output
    assert str(backup) in one_line(result)
    assert os.path.lexists(backup) and not backup.is_file()  # left as it was


@pytest.mark.parametrize("kind", KINDS)
def test_a_special_file_in_the_exports_folder(attached, folio_dir, kind):
    from sendfolio.privacy.files import sweep_plain_files

    exports = folio_dir / "exports"
    exports.mkdir()
    target = exports / "backup.json"
    make_special(target, kind)
    result = run(folio_dir, "export", str(target))
    assert result.exit_code == 2
    assert str(target) in one_line(result)
    assert os.path.lexists(target) and not target.is_file()  # left as it was
    # encrypting sweeps the folder for plain files: it passes the special file by, never opening it
    assert set(sweep_plain_files(folio_dir)) == {attached, folio_dir / "folio.json"}


def test_the_shared_reader_refuses_each_kind_and_bounds_the_size(tmp_path):
    from sendfolio.store.atomic import read_regular

    for kind in KINDS:
        path = tmp_path / kind.replace(" ", "-").replace("/", "")
        make_special(path, kind)
        with pytest.raises(OSError, match="not a regular file"):
            read_regular(path)
    big = tmp_path / "big"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(OSError, match="more than sendfolio reads"):
        read_regular(big, limit=1000)
    assert read_regular(big, head=10) == b"x" * 10
    outside = tmp_path / "named-by-the-mediator"
    outside.symlink_to(big)
    assert read_regular(outside, follow_links=True) == b"x" * 2000
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "to-fifo").symlink_to(tmp_path / "fifo")
    with pytest.raises(OSError, match="named pipe"):
        read_regular(tmp_path / "to-fifo", follow_links=True)

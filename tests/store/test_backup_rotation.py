"""A save whose backups cannot be moved along (one made immutable or read-only): the save stands,
every older backup is kept as it was, and the command says so on stderr."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.store import Folio
from sendfolio.store.backups import restore_backup

CPD_CSV = "date,hours,method,title\n2025-01-05,2,reading,Code of practice refresher\n"


@contextmanager
def stuck(path: Path) -> Iterator[str]:
    """Make `path` impossible to rename: immutable (`chattr +i`) where the system allows it, else a
    refused rename of that one file at the OS call. Yields which of the two it used."""
    made_immutable = subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
    if made_immutable:
        try:
            yield "immutable"
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    real_replace = os.replace

    def refusing(source, target, *args, **kwargs):
        """os.replace, refusing (EPERM) to move the stuck file."""
        if Path(source) == path:
            raise OSError(errno.EPERM, os.strerror(errno.EPERM), str(source))
        return real_replace(source, target, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", refusing)
        yield "refused rename"


def digests(folder: Path) -> dict[str, str]:
    """The folio's backups by name, with a digest of their bytes."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for path in sorted(folder.glob("folio.json.*"))
        if path.name[len("folio.json.") :].isdigit()
    }


@pytest.fixture
def six_versions(folio_dir: Path) -> Path:
    """A folio saved often enough to have all five backups, each different."""
    with Folio.open(folio_dir) as folio:
        for number in range(6):
            folio.put_setting("privacy.do_not_print", [f"Fictional{number}"])
    assert len(digests(folio_dir)) == 5
    return folio_dir


def test_failed_rotation_keeps_every_older_backup_and_says_so(six_versions, tmp_path):
    """`folio.json.2` stuck, then an import: the import stands, .1 to .5 are byte for byte as before,
    no hidden copy is left, and one warning line names the stuck file."""
    before = digests(six_versions)
    (tmp_path / "cpd.csv").write_text(CPD_CSV, encoding="utf-8")
    with stuck(six_versions / "folio.json.2"):
        result = CliRunner().invoke(main, ["--data-dir", str(six_versions), "import", str(tmp_path / "cpd.csv")])
    assert result.exit_code == 0, result.output
    assert digests(six_versions) == before
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "folio.json.2" in warnings[0] and "kept as they were" in warnings[0]
    assert not [path.name for path in six_versions.iterdir() if path.name.endswith(".tmp")]
    with Folio.open(six_versions, readonly=True) as folio:
        assert [entry.title for entry in folio.cpd()] == ["Code of practice refresher"]


@pytest.mark.parametrize("number", [1, 3, 5])
def test_any_stuck_backup_leaves_all_of_them(six_versions, number):
    """Whichever backup cannot move (the newest, a middle one, the oldest that would drop out), none is lost."""
    before = digests(six_versions)
    with stuck(six_versions / f"folio.json.{number}"), Folio.open(six_versions) as folio:
        folio.put_setting("privacy.do_not_print", ["FictionalLater"])
        notices = folio.take_notices()
    assert digests(six_versions) == before
    assert len(notices) == 1 and f"folio.json.{number}" in notices[0]


def test_rotation_that_works_says_nothing(six_versions):
    """The ordinary save: the backups move along one, the oldest drops out, no notice."""
    before = digests(six_versions)
    with Folio.open(six_versions) as folio:
        folio.put_setting("privacy.do_not_print", ["FictionalLater"])
        assert folio.take_notices() == []
    after = digests(six_versions)
    assert [after[f"folio.json.{n + 1}"] for n in range(1, 5)] == [before[f"folio.json.{n}"] for n in range(1, 5)]


def test_restore_with_a_stuck_backup_says_so(six_versions):
    """Restoring a backup while another cannot move: the restore stands and its notice names the stuck file."""
    with stuck(six_versions / "folio.json.4"):
        done = restore_backup(six_versions, 2)
    assert done.notice is not None and "folio.json.4" in done.notice
    assert len(digests(six_versions)) == 5

"""Never lose a record: outputs never land on the folio, a missing folio is not silently replaced,
special files at the folio's path are refused, backups are listed and restored, encrypted
backups round-trip, and the recovery advice names the newest readable backup.

Real folios in tmp_path, the CLI through click's CliRunner (or a subprocess where the
environment must hold raw bytes), nothing of sendfolio's own mocked.
"""

from __future__ import annotations

import dataclasses
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.domain.records import CPDEntry, InvalidRecord
from sendfolio.store import Folio, FolioError
from sendfolio.store.backups import list_backups, recovery_advice, restore_backup
from sendfolio.store.crypto import TEST_PARAMS, new_codec
from sendfolio.store.names import CHECKED_FILE
from sendfolio.store.outputs import OutputRefused, check_output

PASSPHRASE = "fictional pass phrase one"
"""A fictional passphrase for the encrypted cases."""


def cpd(title: str, **changes) -> CPDEntry:
    """A valid, fictional CPD entry."""
    values = {"date": "2025-03-01", "hours": "1.5", "method": "reading", "title": title, "learning": "Notes."}
    return CPDEntry.from_dict({**values, **changes})


def run(folio_dir: Path, *args: str, env: dict | None = None, input: str | None = None):
    """`sendfolio --data-dir DIR args...` in-process."""
    return CliRunner().invoke(
        main, ["--data-dir", str(folio_dir), *args], env={"SENDFOLIO_PASSPHRASE": None, **(env or {})}, input=input
    )


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every regular file in the folder (and its sub-folders) but the lock, with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.name != "folio.lock" and path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def saved(folio_dir) -> Path:
    """A plain folio saved four times: the folio and three backups."""
    with Folio.open(folio_dir) as folio:
        for number in range(3):
            folio.put(cpd(f"Entry {number}"))
    return folio_dir


# -- 1. outputs never overwrite the folio ---------------------------------------------


def output_commands(target: Path) -> list[list[str]]:
    """Every command that writes a file, aimed at `target`."""
    elsewhere = target.parent.parent / "elsewhere.pdf"
    return [
        ["portfolio", "-o", str(target)],
        ["renewal", "--year", "2025", "-o", str(target)],
        ["passport", "-o", str(target)],
        ["portfolio", "-o", str(elsewhere), "--html", str(target)],
        ["deadlines", "--ics", str(target)],
        ["export", str(target)],
        ["export", "--kind", "cpd", str(target)],
        ["forms", "--blank", "-o", str(target)],
    ]


@pytest.mark.parametrize("name", ["folio.json", "folio.json.1", "folio.lock", "notes.txt", "sub/new.pdf"])
def test_no_output_command_writes_into_the_data_folder(saved, name):
    """Each output command refuses the folio, a backup, the lock or any other path in the data
    folder, exit 2, with every file of the folder unchanged."""
    (saved / "sub").mkdir()
    before = folder_bytes(saved)
    for args in output_commands(saved / name):
        result = run(saved, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "folio's own folder" in result.stderr and "nothing was written" in result.stderr, result.stderr
        assert folder_bytes(saved) == before, args
    assert not (saved / "sub" / "new.pdf").exists() and not (saved.parent / "elsewhere.pdf").exists()


def test_a_link_into_the_data_folder_is_refused(saved, tmp_path):
    """A link elsewhere that points at the folio is followed, and refused."""
    link = tmp_path / "portfolio.pdf"
    link.symlink_to(saved / "folio.json")
    before = folder_bytes(saved)
    result = run(saved, "portfolio", "-o", str(link))
    assert result.exit_code == 2 and f"a link to {saved / 'folio.json'}" in result.stderr, result.stderr
    assert folder_bytes(saved) == before and link.is_symlink()


def test_the_data_folder_reached_through_a_link_is_refused(saved, tmp_path):
    """--data-dir given as a link to the real folder: the real folder's files are still its own."""
    alias = tmp_path / "alias"
    alias.symlink_to(saved)
    with pytest.raises(OutputRefused, match="is the folio file itself"):
        check_output(saved / "folio.json", alias)
    with pytest.raises(OutputRefused, match="is a backup of the folio"):
        check_output(alias / "folio.json.1", saved)


def test_outputs_elsewhere_and_in_the_exports_folder_are_allowed(saved, tmp_path):
    """Outside the data folder, and in its `exports` folder (the app's proposal for a plain folio)."""
    assert check_output(tmp_path / "out.pdf", saved) == (tmp_path / "out.pdf").resolve()
    assert check_output(saved / "exports" / "portfolio.pdf", saved) == (saved / "exports" / "portfolio.pdf").resolve()
    with pytest.raises(OutputRefused):
        check_output(saved / "exports" / ".." / "folio.json", saved)


def test_the_apps_compile_refuses_the_folio(saved, today):
    """The app's compile path (the function its screen runs in a worker) refuses the folio too."""
    from sendfolio.services.compile import compile_document

    before = folder_bytes(saved)
    with Folio.open(saved) as folio, pytest.raises(OutputRefused):
        compile_document(folio, "portfolio", saved / "folio.json", year=2025, as_of=today)
    assert folder_bytes(saved) == before


# -- 2. a missing folio while backups remain, and `restore` ---------------------------


def test_a_missing_folio_with_backups_is_not_replaced(saved):
    """With folio.json gone and backups left, opening to write refuses and writes nothing, and
    names the newest backup with its date and records; every command that writes refuses too."""
    (saved / "folio.json").unlink()
    before = folder_bytes(saved)
    with pytest.raises(FolioError) as caught:
        Folio.open(saved)
    message = str(caught.value)
    assert "is missing, but backups of it remain" in message and "\n" not in message
    assert f"newest readable backup is {saved / 'folio.json.1'} (saved " in message and "2 CPD entries" in message
    for args in (["do-not-print", "add", "Zebedee"], ["privacy-check"], ["import", "--help"]):
        run(saved, *args)
    assert folder_bytes(saved) == before and not (saved / "folio.json").exists()
    result = run(saved, "privacy-check")
    assert result.exit_code == 2 and "sendfolio restore" in result.stderr


def test_a_missing_encrypted_folio_names_its_encrypted_backup(folio_dir):
    """The newest backup is encrypted and no passphrase is known yet: it is still named, as encrypted."""
    with Folio.open(folio_dir) as folio:
        folio.put(cpd("Before"))
        folio.change_codec(new_codec(PASSPHRASE, TEST_PARAMS))
        folio.put(cpd("After"))
    (folio_dir / "folio.json").unlink()
    result = run(folio_dir, "do-not-print", "add", "Zebedee")
    assert result.exit_code == 2, result.output
    assert (
        "folio.json.1 (saved " in result.stderr and "encrypted: its record count needs the passphrase" in result.stderr
    )
    left = sorted(path.name for path in folio_dir.iterdir() if path.name != CHECKED_FILE)  # the last save's seal
    assert left == ["folio.json.1", "folio.lock"]


def test_restore_lists_the_backups(saved):
    """`restore` with no argument lists each backup with its date, plain or encrypted, and its records."""
    result = run(saved, "restore")
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.stdout.splitlines() if line.startswith("  ")]
    assert [line[:2] for line in lines] == [["1", "folio.json.1"], ["2", "folio.json.2"], ["3", "folio.json.3"]]
    assert "plain  2 CPD entries" in result.stdout and "plain  empty: no records" in result.stdout


def test_restore_brings_a_backup_back_and_keeps_the_current_file(saved):
    """Restoring backup 2 makes it the folio; the file it replaced becomes backup 1."""
    current, second = (saved / "folio.json").read_bytes(), (saved / "folio.json.2").read_bytes()
    result = run(saved, "restore", "2")
    assert result.exit_code == 0, result.output
    assert "Restored backup 2" in result.stdout and "now backup 1" in result.stdout
    assert (saved / "folio.json").read_bytes() == second and (saved / "folio.json.1").read_bytes() == current
    with Folio.open(saved) as folio:
        assert [entry.title for entry in folio.cpd()] == ["Entry 0"]
    assert not list(saved.glob(".*.tmp"))


def test_restore_refuses_a_damaged_backup_and_changes_nothing(saved):
    """A backup that does not read, or holds a record that is not valid, is not restored."""
    (saved / "folio.json.2").write_bytes(b'{"sendfolio": {"schema": 2}, "cpd": {"1": {"title": ""}}}')
    (saved / "folio.json.3").write_bytes(b"{broken")
    before = folder_bytes(saved)
    for number in ("2", "3", "9", "latest"):
        result = run(saved, "restore", number)
        assert result.exit_code == 2 and "\n" not in result.stderr.strip(), result.output
    assert folder_bytes(saved) == before


def test_restore_refuses_while_the_folio_is_open(saved):
    """Another sendfolio holding the folio keeps its lock: restore says so and changes nothing."""
    before = folder_bytes(saved)
    with Folio.open(saved), pytest.raises(FolioError, match="open in another sendfolio"):
        restore_backup(saved, 1)
    assert folder_bytes(saved) == before


def test_encrypted_backups_list_and_restore_with_the_passphrase(folio_dir):
    """Encrypted backups: counts with the passphrase, "needs the passphrase" without; restoring
    one without it is refused; with it, the folio is that backup, still encrypted."""
    with Folio.open(folio_dir) as folio:
        folio.change_codec(new_codec(PASSPHRASE, TEST_PARAMS))
        folio.put(cpd("One"))
        folio.put(cpd("Two"))
    locked = list_backups(folio_dir)
    assert [info.locked for info in locked] == [True, True] and all(info.encrypted for info in locked)
    opened = list_backups(folio_dir, passphrase=PASSPHRASE)
    assert [info.records for info in opened] == [1, 0] and opened[1].empty
    assert "wrong" not in opened[0].describe() and "1 CPD entry" in opened[0].describe()
    assert list_backups(folio_dir, passphrase="another fictional phrase")[0].wrong_key
    with pytest.raises(FolioError, match="encrypted: give its passphrase"):
        restore_backup(folio_dir, 1)
    result = run(folio_dir, "restore", "1", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 0, result.output
    assert (folio_dir / "folio.json").read_bytes().startswith(b"SENDFOLIO-ENC")
    with Folio.open(folio_dir, codec=new_codec_for(folio_dir)) as folio:
        assert [entry.title for entry in folio.cpd()] == ["One"]


def new_codec_for(folder: Path):
    """The codec of the encrypted folio in `folder` under the test passphrase."""
    from sendfolio.privacy.unlock import codec_from_passphrase

    return codec_from_passphrase(folder, PASSPHRASE)


def test_restore_into_a_missing_folio(saved):
    """With folio.json gone, restore 1 brings the folio back and nothing else is needed."""
    first = (saved / "folio.json.1").read_bytes()
    (saved / "folio.json").unlink()
    result = run(saved, "restore", "folio.json.1")
    assert result.exit_code == 0 and "no folio file to keep" in result.stdout, result.output
    assert (saved / "folio.json").read_bytes() == first


# -- recovery advice -----------------------------------------------------------------


def test_recovery_advice_says_when_the_backup_is_empty(folio_dir):
    """A new folio saved once more: its only backup is the empty first folio, and the advice says so;
    with the newest backup damaged, the advice names the next one, with its records."""
    with Folio.open(folio_dir) as folio:
        folio.put(cpd("Only entry"))
    (folio_dir / "folio.json").write_bytes(b"\x89PNG not a folio")
    result = run(folio_dir, "check")
    assert result.exit_code == 2, result.output
    assert "folio.json.1 (saved " in result.stderr and "empty: no records" in result.stderr
    with Folio.open(folio_dir / "more") as folio:
        for title in ("First", "Second", "Third"):
            folio.put(cpd(title))
    (folio_dir / "more" / "folio.json.1").write_bytes(b"")
    advice = recovery_advice(folio_dir / "more" / "folio.json")
    assert f"{folio_dir / 'more' / 'folio.json.2'} (saved " in advice and "1 CPD entry)" in advice


def test_recovery_advice_finds_an_encrypted_backup(folio_dir):
    """A good encrypted backup is named even when the folio's damage hides its key."""
    with Folio.open(folio_dir) as folio:
        folio.change_codec(new_codec(PASSPHRASE, TEST_PARAMS))
        folio.put(cpd("Kept"))
    (folio_dir / "folio.json").write_bytes(b"")
    advice = recovery_advice(folio_dir / "folio.json")
    assert advice.startswith(f"the newest readable backup is {folio_dir / 'folio.json.1'} (saved ")
    assert "encrypted: its record count needs the passphrase" in advice


# -- 4. special files at folio.json ----------------------------------------------------


def test_a_link_at_the_folio_is_refused_and_encrypt_leaves_nothing(tmp_path, folio_dir):
    """A symbolic link at folio.json: every command refuses it with one line; `encrypt` neither
    replaces the link nor claims the records are encrypted, and the real file is left as it was."""
    real = tmp_path / "real.json"
    with Folio.open(tmp_path / "original") as folio:
        folio.put(cpd("Linked"))
    real.write_bytes((tmp_path / "original" / "folio.json").read_bytes())
    before = real.read_bytes()
    (folio_dir / "folio.json").symlink_to(real)
    for args in (["check"], ["do-not-print", "add", "Zebedee"], ["export", str(tmp_path / "b.json")]):
        result = run(folio_dir, *args)
        assert result.exit_code == 2 and "it is a symbolic link to" in result.stderr, (args, result.output)
    result = run(folio_dir, "encrypt", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 2 and "Encrypted" not in result.output, result.output
    assert (folio_dir / "folio.json").is_symlink() and real.read_bytes() == before
    assert sorted(path.name for path in folio_dir.iterdir()) == ["folio.json", "folio.lock"]


def test_a_link_at_the_lock_never_truncates_what_it_points_to(saved):
    """folio.lock as a link to the folio: taking the lock would truncate the folio; it is refused."""
    before = folder_bytes(saved)
    (saved / "folio.lock").unlink()
    (saved / "folio.lock").symlink_to(saved / "folio.json")
    for readonly in (False, True):
        if readonly:
            with Folio.open(saved, readonly=True) as folio:
                assert len(folio.cpd()) == 3
            continue
        with pytest.raises(FolioError, match="cannot lock .*it is a symbolic link to"):
            Folio.open(saved)
    with pytest.raises(FolioError, match="cannot lock"):
        restore_backup(saved, 1)
    assert folder_bytes(saved) == before


def test_a_pipe_at_the_folio_does_not_hang(folio_dir):
    """A FIFO at folio.json (and at a backup): refused at once, in a subprocess with a timeout."""
    os.mkfifo(folio_dir / "folio.json")
    os.mkfifo(folio_dir / "folio.json.1")
    for args in (["check"], ["do-not-print", "add", "Zebedee"], ["restore"]):
        done = subprocess.run(
            [sys.executable, "-m", "sendfolio", "--data-dir", str(folio_dir), *args],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "SENDFOLIO_PASSPHRASE": ""},
        )
        assert "named pipe (FIFO)" in done.stdout + done.stderr, (args, done.stdout, done.stderr)
        if args != ["restore"]:
            assert done.returncode == 2, (args, done.stderr)
    assert stat.S_ISFIFO(os.lstat(folio_dir / "folio.json").st_mode)


def test_a_device_at_the_folio_is_refused(folio_dir):
    """A character device at folio.json (root only can make one) is refused without being read."""
    try:
        os.mknod(folio_dir / "folio.json", 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
    except PermissionError:
        pytest.skip("making a device needs root")
    with pytest.raises(FolioError, match="it is a device, not a regular file"):
        Folio.open(folio_dir)
    assert stat.S_ISCHR(os.lstat(folio_dir / "folio.json").st_mode)


# -- 6. backups are never refused, and may be encrypted ---------------------------------


def test_the_backup_carries_the_privacy_settings(saved, tmp_path):
    """The JSON backup holds the do-not-print list; importing it into a new folio restores it."""
    with Folio.open(saved) as folio:
        folio.put_setting("privacy.do_not_print", ["Zebedee"])
        folio.put_setting("privacy.ignored", ["abc123"])
    assert run(saved, "export", str(tmp_path / "b.json")).exit_code == 0
    document = json.loads((tmp_path / "b.json").read_bytes())
    assert document["settings"]["privacy.do_not_print"] == ["Zebedee"]
    assert run(tmp_path / "new", "import", str(tmp_path / "b.json")).exit_code == 0
    with Folio.open(tmp_path / "new") as folio:
        assert folio.get_setting("privacy.do_not_print") == ["Zebedee"]
        assert folio.get_setting("privacy.ignored") == ["abc123"]


def test_an_encrypted_backup_round_trips(saved, tmp_path, monkeypatch):
    """`export --encrypt` writes the encrypted folio format; `import` reads it with the passphrase
    (and says what it needs without it, or with a wrong one)."""
    from sendfolio.store import crypto

    monkeypatch.setattr(crypto, "DEFAULT_PARAMS", TEST_PARAMS)
    out = tmp_path / "b.json"
    result = run(saved, "export", "--encrypt", str(out), env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 0 and "encrypted" in result.stdout, result.output
    blob = out.read_bytes()
    assert blob.startswith(b"SENDFOLIO-ENC\n") and b"Entry" not in blob
    crypto.parse_header(blob)
    result = run(tmp_path / "new", "import", str(out))  # no passphrase, and no terminal to ask
    assert result.exit_code == 2 and "passphrase" in result.stderr, result.output
    result = run(tmp_path / "new", "import", str(out), env={"SENDFOLIO_PASSPHRASE": "another fictional one"})
    assert result.exit_code == 2 and "wrong passphrase" in result.output, result.output
    result = run(tmp_path / "new", "import", str(out), env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 0 and "Restored the backup" in result.stdout, result.output
    with Folio.open(tmp_path / "new") as folio:
        assert sorted(entry.title for entry in folio.cpd()) == ["Entry 0", "Entry 1", "Entry 2"]
    typed = run(tmp_path / "typed", "import", "--dry-run", str(out), input=f"{PASSPHRASE}\n")  # asked for
    assert typed.exit_code == 0 and "Dry run" in typed.stdout, typed.output


def test_csv_cannot_be_encrypted(saved, tmp_path):
    """--encrypt is for the backup only."""
    result = run(saved, "export", "--kind", "cpd", "--encrypt", str(tmp_path / "c.csv"))
    assert result.exit_code == 2 and "only the JSON backup" in result.stderr


# -- 10. lesser ----------------------------------------------------------------------


def test_exact_duplicate_rows_are_reported_and_skipped(folio_dir, tmp_path):
    """Two identical CPD rows in one file: one is added, the other reported as skipped."""
    rows = "date,hours,method,title\n2025-03-01,2,reading,Fictional reading\n2025-03-01,2,reading,Fictional reading\n"
    (tmp_path / "cpd.csv").write_text(rows, encoding="utf-8")
    result = run(folio_dir, "import", str(tmp_path / "cpd.csv"))
    assert result.exit_code == 0, result.output
    assert "CPD entries: 1 added" in result.stdout and "skipped 1 exact duplicate row" in result.stdout
    assert "cpd.csv:3 repeats line 2" in result.stdout
    with Folio.open(folio_dir) as folio:
        assert [entry.hours for entry in folio.cpd()] == [2.0]


def test_encrypt_with_a_passphrase_that_is_not_utf8(saved):
    """Raw bytes in $SENDFOLIO_PASSPHRASE that are not UTF-8: one clear line, exit 2, nothing changed."""
    before = folder_bytes(saved)
    env = {key.encode(): value.encode() for key, value in os.environ.items()}
    env[b"SENDFOLIO_PASSPHRASE"] = b"fictional \xff\xfe phrase"
    done = subprocess.run(
        [sys.executable, "-m", "sendfolio", "--data-dir", str(saved), "encrypt"], capture_output=True, env=env
    )
    assert done.returncode == 2 and b"not valid UTF-8" in done.stderr and b"unexpected" not in done.stderr, done.stderr
    assert folder_bytes(saved) == before


@pytest.mark.parametrize("attached", [False, True])
def test_encrypt_in_a_read_only_folder(saved, tmp_path, attached):
    """The folder turns read-only while the folio is open (a read-only bind mount: chmod cannot stop
    root): encrypting gives a `FolioError` (one line from the CLI), the folio, its backups and any
    attached file kept."""
    if attached:
        from sendfolio.domain.records import Training
        from sendfolio.samples.certificate import certificate_pdf

        course = {"id": "course-1", "kind": "foundation", "title": "Fictional course", "date": "2025-03-01"}
        with Folio.open(saved) as folio:
            folio.put(Training.from_dict({**course, "provider": "Fictional Training", "hours": "40"}))
        (tmp_path / "cert.pdf").write_bytes(certificate_pdf([[("Certificate", 20, "title")]]))
        assert run(saved, "attach", str(tmp_path / "cert.pdf"), "--for", "training:course-1").exit_code == 0
    before = folder_bytes(saved)
    with Folio.open(saved) as folio:
        done = subprocess.run(["mount", "--bind", str(saved), str(saved)], capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"cannot mount here ({done.stderr.strip()}); needs root with CAP_SYS_ADMIN")
        try:
            remount = ["mount", "-o", "remount,ro,bind", str(saved)]
            assert subprocess.run(remount, capture_output=True).returncode == 0
            with pytest.raises(FolioError, match="could not save .*Read-only file system; nothing was changed"):
                folio.change_codec(new_codec(PASSPHRASE, TEST_PARAMS))
            assert folder_bytes(saved) == before and folio.codec is None
        finally:
            subprocess.run(["umount", "-l", str(saved)], capture_output=True)
        folio.put(cpd("Still plain and writable"))
    assert b"Still plain and writable" in (saved / "folio.json").read_bytes()


def test_output_folders_are_private(saved, tmp_path):
    """A new folder made for an output (and its new parents) is 0700, whatever the umask."""
    old = os.umask(0o022)
    try:
        result = run(saved, "export", "--kind", "reflections", str(tmp_path / "a" / "b" / "reflections"))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "reflections"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_pdf_folders_are_private(saved, tmp_path):
    """The compiler makes the PDF's missing folders 0700 too."""
    from sendfolio.portfolio.api import compile_renewal
    from sendfolio.privacy.gate import release

    with Folio.open(saved, readonly=True) as folio:
        cleared = release(folio)
    old = os.umask(0o022)
    try:
        compile_renewal(cleared, 2025, tmp_path / "new" / "deeper" / "f.pdf")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new" / "deeper").stat().st_mode) == 0o700


# -- 8. linear bulk import -------------------------------------------------------------


def test_put_many_stores_as_put_does(folio_dir):
    """put_many: new ids for records without one, a record with a key already there replaced,
    a profile set, all in one save (one new backup)."""
    from sendfolio.domain.records import Profile

    with Folio.open(folio_dir) as folio:
        kept = folio.put(cpd("Kept"))
        changed = folio.put(cpd("Before"))
        backups = len(folio.backup_paths())
        stored = folio.put_many([cpd("New one"), cpd("New two"), changed.with_changes(title="After"), Profile()])
        assert len(folio.backup_paths()) == backups + 1
        assert len({record.id for record in stored[:2]} | {kept.id, changed.id}) == 4
    with Folio.open(folio_dir) as folio:
        assert sorted(entry.title for entry in folio.cpd()) == ["After", "Kept", "New one", "New two"]


def test_put_many_refuses_all_or_nothing(folio_dir):
    """One record that is not valid: nothing of the batch is stored."""
    with Folio.open(folio_dir) as folio:
        before = folio.path.read_bytes()
        bad = dataclasses.replace(cpd("Bad"), method="nonsense")  # built without its checks
        with pytest.raises(InvalidRecord):
            folio.put_many([cpd("Fine"), bad])
        assert folio.path.read_bytes() == before and folio.cpd() == ()


def test_a_bulk_import_rebuilds_each_table_once(folio_dir, tmp_path, monkeypatch):
    """Importing 400 CPD rows changes TinyDB's table a handful of times, not once (or twice) per
    row: a per-row rebuild made big imports quadratic. Counted on TinyDB's own `_update_table`."""
    from tinydb.table import Table

    rows = ["date,hours,method,title"] + [f"2025-03-01,1,reading,Fictional reading {n}" for n in range(400)]
    (tmp_path / "cpd.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    calls = []
    real = Table._update_table

    def counted(self, updater):
        """Count, then do TinyDB's real update."""
        calls.append(self.name)
        return real(self, updater)

    monkeypatch.setattr(Table, "_update_table", counted)
    result = run(folio_dir, "import", str(tmp_path / "cpd.csv"))
    assert result.exit_code == 0 and "400 added" in result.stdout, result.output
    assert len(calls) <= 10, f"{len(calls)} table rebuilds for 400 rows"

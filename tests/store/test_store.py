"""The Folio and its storage on a real file: round trips, batches, bad files, backups, locks."""

from __future__ import annotations

import builtins
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sendfolio.domain.records import (
    Case,
    CPDEntry,
    FolioData,
    InvalidRecord,
    Observation,
    PPCContact,
    PPCSession,
    Profile,
    Reflection,
    Training,
    Verification,
)
from sendfolio.store import Folio, FolioError, FolioLocked
from sendfolio.store.storage import SCHEMA, AtomicJSONStorage

CASE = {
    "ref": "SM-2025-014",
    "kind": "mediation",
    "role": "lead",
    "date": "2025-03-02",
    "prep_hours": 1.5,
    "meeting_hours": 3,
    "followup_hours": 0.5,
    "outcome": "partial-agreement",
    "observed_by": "PPC A. Example",
    "debriefed": True,
    "issues": ["placement", "section F"],
    "notes": "Joint meeting.\nSecond line.",
    "debrief": {"strengths": "Kept the parties focused"},
    "health_care": True,
    "decision_notice": "2025-01-10",
    "la_informed": "2025-01-20",
    "date_fixed": "2025-02-01",
    "mediation_concluded": "2025-03-02",
    "certificate_issued": "2025-03-04",
}
"""A fictional case with most fields filled in."""

RECORDS = [
    Case.from_dict(CASE),
    Case.from_dict(
        {
            **CASE,
            "ref": "SM-2024-001",
            "date": "2024-06-01",
            "role": "observer",
            "health_care": False,
            "decision_notice": None,
            "la_informed": None,
            "date_fixed": None,
            "mediation_concluded": None,
            "certificate_issued": None,
        }
    ),
    Observation.from_dict(
        {"ref": "SM-2025-014", "criterion": "f1.pm.initial-contact", "observer": "PPC", "notes": "Good"}
    ),
    Reflection.from_dict(
        {
            "date": "2025-03-05",
            "hours": 0.5,
            "title": "Multi-party meeting",
            "body": "# What\nA multi-party meeting…",
            "case": "SM-2025-014",
        }
    ),
    CPDEntry.from_dict({"date": "2025-02-01", "hours": 2, "method": "reading", "title": "SEND Code", "learning": "x"}),
    PPCSession.from_dict({"date": "2025-03-06", "ppc": "PPC A. Example", "hours": 1, "mode": "one-to-one"}),
    Training.from_dict(
        {
            "kind": "send",
            "title": "SEND mediation",
            "provider": "Example Training",
            "date": "2024-05-01",
            "hours": 12,
            "recognised_by": "CMC",
            "covers": ["legislative-framework", "send-context"],
        }
    ),
    Profile.from_dict({"name": "Mediator Example", "membership_body": "CMC", "registration_anniversary": "2024-04-01"}),
    PPCContact.from_dict({"name": "PPC A. Example", "email": "ppc@example.org"}),
    Verification.from_dict({"name": "PPC A. Example", "date": "2025-04-01", "statement": "Verified."}),
]
"""One of every kind of record, fictional."""

DECLARATION = Verification.from_dict({"name": "Manager Example", "role": "manager", "date": "2025-04-02"})
"""A Form 5 declaration."""


def cpd(title: str = "Reading", **extra) -> CPDEntry:
    """A small CPD entry."""
    return CPDEntry.from_dict({"date": "2025-01-01", "hours": 1, "method": "reading", "title": title, **extra})


def filled(data_dir: Path) -> Path:
    """A folio in `data_dir` holding every kind of record; returns the file."""
    with Folio.open(data_dir) as folio:
        for record in RECORDS:
            folio.put(record)
        folio.put_passport_declaration(DECLARATION)
        return folio.path


def test_every_kind_round_trips(tmp_path):
    """Every kind of record comes back equal after closing and opening again; ids are given."""
    with Folio.open(tmp_path / "f") as folio:
        stored = [folio.put(record) for record in RECORDS]
        folio.put_passport_declaration(DECLARATION)
        before = folio.data()
    assert all(record.id for record in stored if hasattr(record, "id"))
    with Folio.open(tmp_path / "f", create=False) as folio:
        assert folio.data() == before
        assert folio.profile() == RECORDS[7]
        assert folio.ppc_contact() == RECORDS[8]
        assert folio.verification() == RECORDS[9]
        assert folio.passport_declaration() == DECLARATION
        assert folio.case("SM-2025-014") == RECORDS[0]
        assert folio.observations("SM-2025-014") == (RECORDS[2],)
        assert [c.ref for c in folio.cases()] == ["SM-2024-001", "SM-2025-014"]
        assert not folio.is_empty()


def test_ids_are_kept_and_put_replaces_by_key(tmp_path):
    """put() replaces a CPD entry by id, a case by ref, an observation by (ref, criterion)."""
    with Folio.open(tmp_path) as folio:
        entry = folio.put(cpd())
        folio.put(entry.with_changes(title="Renamed"))
        folio.put(RECORDS[0])
        folio.put(RECORDS[0].with_changes(notes="changed"))
        folio.put(RECORDS[2])
        folio.put(RECORDS[2].with_changes(notes="again"))
    with Folio.open(tmp_path) as folio:
        assert [(e.id, e.title) for e in folio.cpd()] == [(entry.id, "Renamed")]
        assert [c.notes for c in folio.cases()] == ["changed"]
        assert [o.notes for o in folio.observations()] == ["again"]


def test_delete_case_takes_its_observations(tmp_path):
    """Deleting a case removes its observations; singletons can be cleared."""
    with Folio.open(tmp_path) as folio:
        for record in RECORDS:
            folio.put(record)
        assert folio.delete(RECORDS[0])
        assert not folio.delete(RECORDS[0])
        assert folio.delete(RECORDS[9]) and folio.delete(RECORDS[7])
    with Folio.open(tmp_path) as folio:
        assert folio.case("SM-2025-014") is None and folio.observations() == ()
        assert folio.verification() is None and folio.profile() == Profile()


def test_stable_order(tmp_path):
    """Records come back by date then title, whatever order they were put in."""
    with Folio.open(tmp_path) as folio:
        for title, day in [("B", "2025-02-01"), ("A", "2025-02-01"), ("C", "2024-01-01")]:
            folio.put(cpd(title, date=day))
        assert [e.title for e in folio.cpd()] == ["C", "A", "B"]


def test_invalid_record_is_refused_and_nothing_saved(tmp_path):
    """A record that fails validation is refused and the file is untouched."""
    with Folio.open(tmp_path) as folio:
        before = folio.path.read_bytes()
        with pytest.raises(InvalidRecord):
            folio.put(CPDEntry(date=RECORDS[4].date, hours=-1, method="reading", title="x"))
        assert folio.path.read_bytes() == before and folio.is_empty()


def test_batch_saves_once(tmp_path):
    """A batch of puts is one save at the end: one backup, the file unchanged until then."""
    with Folio.open(tmp_path) as folio:
        empty = folio.path.read_bytes()
        with folio.batch():
            for record in RECORDS:
                folio.put(record)
            assert folio.path.read_bytes() == empty
        assert folio.path.with_name("folio.json.1").read_bytes() == empty
        assert not folio.path.with_name("folio.json.2").exists()
    with Folio.open(tmp_path) as folio:
        assert len(folio.cases()) == 2


def test_batch_rolls_back_memory_and_file(tmp_path):
    """A batch that raises leaves memory and file as they were; later saves work."""
    with Folio.open(tmp_path) as folio:
        kept = folio.put(cpd("Kept"))
        before, data = folio.path.read_bytes(), folio.data()
        with pytest.raises(RuntimeError), folio.batch():
            folio.put(cpd("Lost"))
            folio.delete(kept)
            folio.put(RECORDS[0])
            raise RuntimeError("stop")
        assert folio.data() == data and folio.path.read_bytes() == before
        folio.put(cpd("After"))
        assert [e.title for e in folio.cpd()] == ["After", "Kept"]
    with Folio.open(tmp_path) as folio:
        assert [e.title for e in folio.cpd()] == ["After", "Kept"]


def test_replace_all_keeps_settings_and_refuses_duplicates(tmp_path):
    """replace_all swaps every record, keeps settings, and refuses a key given twice."""
    with Folio.open(tmp_path) as folio:
        filled_data = FolioData(cases=(RECORDS[0],), cpd=(cpd("One"),), profile=RECORDS[7])
        folio.put(RECORDS[1])
        folio.put_setting("do-not-print", ["Example"])
        folio.replace_all(filled_data)
        assert [c.ref for c in folio.cases()] == ["SM-2025-014"] and folio.cpd()[0].id
        before = folio.data()
        with pytest.raises(FolioError, match="appears twice"):
            folio.replace_all(FolioData(cases=(RECORDS[0], RECORDS[0])))
        assert folio.data() == before
    with Folio.open(tmp_path) as folio:
        assert folio.data() == before and folio.get_setting("do-not-print") == ["Example"]


def test_settings_are_copies(tmp_path):
    """Settings round-trip as copies; a value JSON cannot hold is refused."""
    with Folio.open(tmp_path) as folio:
        folio.put_setting("k", {"a": [1]})
        folio.get_setting("k")["a"].append(2)
        assert folio.get_setting("k") == {"a": [1]} and folio.get_setting("missing", 7) == 7
        with pytest.raises(ValueError, match="setting k"):
            folio.put_setting("k", object())


BAD_FILES = {
    "garbage": b"this is not json",
    "truncated": None,
    "zero-length": b"",
    "nul": b"\0" * 4096,
    "future-schema": json.dumps({"sendfolio": {"schema": SCHEMA + 1}, "cases": {}}).encode(),
    "list": b"[1, 2]",
    "table-not-records": json.dumps({"sendfolio": {"schema": SCHEMA}, "cases": [1]}).encode(),
    "bad-schema": json.dumps({"sendfolio": {"schema": "two"}}).encode(),
    "latin-1": '{"caf\xe9": {}}'.encode("latin-1"),
}
"""Files that are not a folio, by what is wrong with them."""


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_is_reported_and_never_changed(tmp_path, name):
    """A bad file gives one line naming it and its backup, and is left byte for byte."""
    path = filled(tmp_path)
    bad = BAD_FILES[name] if BAD_FILES[name] is not None else path.read_bytes()[: len(path.read_bytes()) // 2]
    path.write_bytes(bad)
    listing = sorted(os.listdir(tmp_path))
    with pytest.raises(FolioError) as caught:
        Folio.open(tmp_path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    assert str(path.with_name("folio.json.1")) in message
    if name == "future-schema":
        assert "newer sendfolio" in message
    assert path.read_bytes() == bad and sorted(os.listdir(tmp_path)) == listing
    with pytest.raises(FolioError):
        Folio.open(tmp_path)  # the lock was released: the same error again, not FolioLocked


def test_invalid_stored_record_names_file_table_and_record(tmp_path):
    """A stored record that fails validation is named by file, table and record."""
    path = filled(tmp_path)
    whole = json.loads(path.read_bytes())
    whole["cpd"]["1"]["hours"] = "lots"
    path.write_text(json.dumps(whole))
    with pytest.raises(FolioError, match=r"table cpd, record 1 is not valid \(hours: ") as caught:
        Folio.open(tmp_path)
    assert str(path) in str(caught.value)
    assert json.loads(path.read_bytes()) == whole


def test_newest_readable_backup_is_named(tmp_path):
    """Backups rotate newest first, at most five; the error names the newest readable one."""
    with Folio.open(tmp_path) as folio:
        for number in range(8):
            folio.put(cpd(f"Save {number}"))
    backups = [tmp_path / f"folio.json.{n}" for n in range(1, 6)]
    assert all(path.exists() for path in backups) and not (tmp_path / "folio.json.6").exists()
    titles = [json.loads(path.read_bytes())["cpd"] for path in backups]
    assert [len(table) for table in titles] == [7, 6, 5, 4, 3]
    (tmp_path / "folio.json").write_bytes(b"{")
    backups[0].write_bytes(b"")
    with pytest.raises(FolioError, match=f"newest readable backup is {backups[1]} "):
        Folio.open(tmp_path)


def test_no_backup_says_so(tmp_path):
    """Without backups the error says so."""
    (tmp_path / "folio.json").write_bytes(b"{")
    with pytest.raises(FolioError, match="no readable backup"):
        Folio.open(tmp_path)


def test_schema_1_is_migrated(tmp_path):
    """A schema-1 file opens; the file changes only at the next save, which writes schema 2."""
    legacy = {
        "case": {"1": RECORDS[0].to_dict()},
        "observation": {"1": RECORDS[2].to_dict()},
        "ppc": {"1": {**RECORDS[5].to_dict(), "id": "abc123"}},
        "cpd": {"1": {**RECORDS[4].to_dict(), "id": "def456"}},
    }
    path = tmp_path / "folio.json"
    path.write_text(json.dumps(legacy))
    with Folio.open(tmp_path) as folio:
        assert folio.cases() == (RECORDS[0],) and folio.observations() == (RECORDS[2],)
        assert folio.ppc_sessions()[0].id == "abc123" and folio.cpd()[0].id == "def456"
        assert json.loads(path.read_bytes()) == legacy  # reading alone changes nothing
        folio.put(cpd("New"))
    whole = json.loads(path.read_bytes())
    assert whole["sendfolio"] == {"schema": SCHEMA}
    assert {"cases", "observations", "ppc_sessions"} <= set(whole) and "case" not in whole
    assert json.loads((tmp_path / "folio.json.1").read_bytes()) == legacy


def test_schema_3_cases_get_a_status_from_their_outcome(tmp_path):
    """A schema-3 case held, withdrawn or not held opens with that status; the next save writes it."""
    held = {**RECORDS[0].to_dict(), "ref": "SM-HELD"}
    for name in ("status",):
        held.pop(name, None)
    withdrawn = {**held, "ref": "SM-GONE", "outcome": "withdrawn"}
    not_held = {**held, "ref": "SM-NOT", "outcome": "not-held"}
    legacy = {"sendfolio": {"schema": 3}, "cases": {"1": held, "2": withdrawn, "3": not_held}}
    path = tmp_path / "folio.json"
    path.write_text(json.dumps(legacy))
    with Folio.open(tmp_path) as folio:
        found = {case.ref: (case.status, case.outcome) for case in folio.cases()}
        assert found == {"SM-HELD": ("held", held["outcome"]), "SM-GONE": ("withdrawn", ""), "SM-NOT": ("not-held", "")}
        folio.put(cpd("New"))
    whole = json.loads(path.read_bytes())
    assert whole["sendfolio"] == {"schema": SCHEMA}
    assert {doc["ref"]: doc["status"] for doc in whole["cases"].values()} == {
        "SM-HELD": "held",
        "SM-GONE": "withdrawn",
        "SM-NOT": "not-held",
    }


def child_holding_lock(data_dir: Path) -> subprocess.Popen:
    """A second process that opens the folio and waits for its stdin to close."""
    script = (
        "import sys; from sendfolio.store import Folio\n"
        f"f = Folio.open({str(data_dir)!r}); print('ready', flush=True); sys.stdin.read()"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    return child


def test_second_process_is_refused(tmp_path):
    """A second process cannot open a folio that is open; it can once the first closes."""
    child = child_holding_lock(tmp_path)
    try:
        with pytest.raises(FolioLocked, match=rf"open in another sendfolio \(pid {child.pid}\); close it first"):
            Folio.open(tmp_path)
    finally:
        child.communicate("")
    with Folio.open(tmp_path) as folio:
        folio.put(cpd())


def test_permissions(tmp_path):
    """A new data folder is 0700; folio, backup and lock files are 0600."""
    data_dir = tmp_path / "new" / "folio"
    with Folio.open(data_dir) as folio:
        folio.put(cpd())
        folio.put(cpd("Two"))
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for name in ("folio.json", "folio.json.1", "folio.lock"):
        assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600, name


def test_existing_folder_is_closed_when_a_folio_is_made_in_it(folio_dir):
    """Making a folio in an open folder closes the folder to others."""
    folio_dir.chmod(0o755)
    Folio.open(folio_dir).close()
    assert stat.S_IMODE(folio_dir.stat().st_mode) == 0o700


def test_no_file_is_read_after_open(tmp_path, monkeypatch):
    """After open, reads come from memory: no file is opened, a changed file is not seen."""
    filled(tmp_path)
    with Folio.open(tmp_path) as folio:
        expected = folio.data()
        folio._data = None  # drop the derived cache so data() is rebuilt from the folio's memory
        (tmp_path / "folio.json").write_bytes(b"overwritten by someone else")

        def refuse(*args, **kwargs):
            """Fail the test: something tried to open a file."""
            raise AssertionError(f"file opened after load: {args[:1]}")

        for owner, name in ((builtins, "open"), (io, "open"), (os, "open")):
            monkeypatch.setattr(owner, name, refuse)
        assert folio.data() == expected
        assert folio.cases() and folio.cpd() and folio.profile().name and folio.case("SM-2025-014")
        assert folio.get_setting("x", 1) == 1 and not folio.is_empty()


def test_storage_read_cannot_change_memory(tmp_path):
    """Changing what read() returned does not change the storage's memory."""
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write({"t": {"1": {"items": [1]}}})
    storage.read()["t"]["1"]["items"].append(2)
    assert storage.read() == {"t": {"1": {"items": [1]}}}


def test_leftover_temp_files_are_removed(tmp_path):
    """Temporary files left by a crashed save are removed when the folio opens."""
    filled(tmp_path)
    leftover = tmp_path / ".folio.json.deadbeef.tmp"
    leftover.write_bytes(b"half a sa")
    Folio.open(tmp_path).close()
    assert not leftover.exists()


def test_missing_folio_without_create(tmp_path):
    """create=False on a folder without a folio says so and creates nothing."""
    with pytest.raises(FolioError, match=f"no folio in {tmp_path / 'none'}:"):
        Folio.open(tmp_path / "none", create=False)
    assert not (tmp_path / "none").exists()


def test_closed_folio_refuses_changes(tmp_path):
    """A closed folio refuses to save."""
    folio = Folio.open(tmp_path)
    folio.close()
    with pytest.raises(FolioError, match="closed"):
        folio.put(cpd())


class Reverse:
    """A toy codec standing in for encryption: reversed bytes behind a marker."""

    def encode(self, data: bytes) -> bytes:
        """Marker then reversed bytes."""
        return b"REV:" + data[::-1]

    def decode(self, data: bytes) -> bytes:
        """Undo `encode`, or refuse bytes without the marker."""
        if not data.startswith(b"REV:"):
            raise ValueError("wrong key")
        return data[4:][::-1]


class Refuse(Reverse):
    """A codec with the wrong key: it decodes nothing."""

    def decode(self, data: bytes) -> bytes:
        """Always refuse."""
        raise ValueError("wrong key")


class DiskFull(Reverse):
    """A codec whose saves fail as a full disk would."""

    def encode(self, data: bytes) -> bytes:
        """Fail like a full disk."""
        raise OSError(28, "No space left on device")


def test_failed_save_leaves_memory_as_the_file(tmp_path):
    """A save that fails raises one clear line, and memory goes back to what the file holds."""
    with Folio.open(tmp_path, codec=Reverse()) as folio:
        folio.put(cpd("Kept"))
        before, data = folio.path.read_bytes(), folio.data()
    with Folio.open(tmp_path, codec=Reverse()) as folio:
        folio._storage.codec = DiskFull()  # the disk fills up while the folio is open
        with pytest.raises(FolioError, match="could not save .*No space left on device; nothing was changed"):
            folio.put(cpd("Lost"))
        assert folio.data() == data and folio.path.read_bytes() == before


def test_codec_wraps_the_whole_file(tmp_path):
    """The codec sees the whole file: nothing plain on disk; a refusing codec gives a clear error."""
    with Folio.open(tmp_path, codec=Reverse()) as folio:
        folio.put(cpd("Secret title"))
    assert b"Secret title" not in (tmp_path / "folio.json").read_bytes()
    with Folio.open(tmp_path, codec=Reverse()) as folio:
        assert folio.cpd()[0].title == "Secret title"
    with pytest.raises(FolioError, match=r"could not be decoded \(wrong key\)"):
        Folio.open(tmp_path, codec=Refuse())


def test_change_codec_drops_old_backups(tmp_path):
    """Changing the codec re-saves the file and deletes backups made with the old codec."""
    with Folio.open(tmp_path) as folio:
        folio.put(cpd("Plain"))
        folio.change_codec(Reverse())
        assert not (tmp_path / "folio.json.1").exists()
        folio.put(cpd("More"))
    assert b"Plain" not in (tmp_path / "folio.json").read_bytes() + (tmp_path / "folio.json.1").read_bytes()
    with Folio.open(tmp_path, codec=Reverse()) as folio:
        assert len(folio.cpd()) == 2


def test_read_only_open_needs_no_lock_and_refuses_changes(tmp_path):
    """A report can read the folio while the app holds it; it cannot change it."""
    with Folio.open(tmp_path) as writer:
        writer.put(CPDEntry.from_dict({"date": "2025-01-01", "hours": "2", "method": "reading", "title": "Code"}))
        before = (tmp_path / "folio.json").read_bytes()
        reader = Folio.open(tmp_path, readonly=True)
        assert [entry.title for entry in reader.cpd()] == ["Code"]
        with pytest.raises(FolioError, match="read-only"):
            reader.put(CPDEntry.from_dict({"date": "2025-01-02", "hours": "1", "method": "reading", "title": "X"}))
        reader.close()
        assert (tmp_path / "folio.json").read_bytes() == before
        assert [entry.title for entry in reader.cpd()] == ["Code"]


def test_read_only_open_of_missing_folio_creates_nothing(tmp_path):
    """Reading a folder with no folio says so and leaves the folder as it was."""
    with pytest.raises(FolioError, match="no folio"):
        Folio.open(tmp_path / "none", readonly=True)
    assert not (tmp_path / "none").exists()

"""Corrupt and hostile inputs: each is a clear error (the file untouched) or a safe, bounded render.

The store's own tests (tests/store/test_store.py, `BAD_FILES`) already cover a zero-length,
NUL-filled, truncated, non-UTF-8, newer-schema, non-object and table-not-records folio
file; these add the rest, the import side and the Markdown renderer.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from kill_tools import cpd, snapshot

from sendfolio.cli import main
from sendfolio.domain.records import InvalidRecord, Reflection
from sendfolio.store import Folio, FolioError

TEN_MB = 10_000_000
"""The size of a huge field."""

SECONDS = 10.0
"""The most any single bad input may take to be refused (generous: it is about hangs, not speed)."""


def filled(folder: Path) -> Path:
    """A folio with a few records and a backup; returns its file."""
    with Folio.open(folder) as folio:
        folio.put(cpd("First"))
        folio.put(cpd("Second"))
        return folio.path


def valid_json(folder: Path) -> dict:
    """The folio file as JSON."""
    return json.loads((folder / "folio.json").read_bytes())


def bad_folio_files(folder: Path) -> dict[str, bytes]:
    """Damaged versions of a real folio file, by what is wrong with them."""
    whole = valid_json(folder)
    first = next(iter(whole["cpd"]))

    def with_record(**changes) -> bytes:
        """The file with the first CPD record changed."""
        changed = json.loads(json.dumps(whole))
        changed["cpd"][first].update(changes)
        return json.dumps(changed).encode()

    plain = (folder / "folio.json").read_bytes()
    return {
        "trailing-junk": plain + b"\nnot json at all",
        "second-object": plain + plain,
        "hours-as-list": with_record(hours=[1, 2]),
        "date-as-number": with_record(date=20250301),
        "unknown-field": with_record(colour="blue"),
        "record-as-string": json.dumps({**whole, "cpd": {first: "a string"}}).encode(),
        "table-as-list": json.dumps({**whole, "cpd": [1, 2]}).encode(),
        "deeply-nested": b'{"cpd": {"1": {"learning": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}}",
        "huge-note": with_record(learning="x" * TEN_MB),
        "huge-schema": json.dumps({**whole, "sendfolio": {"schema": 10**30}}).encode(),
    }


def test_damaged_folio_files_are_refused_and_kept(tmp_path):
    """Each damaged file: one line naming it, quickly, and the file byte for byte as it was."""
    filled(tmp_path / "template")
    for name, content in bad_folio_files(tmp_path / "template").items():
        folder = tmp_path / name
        filled(folder)
        (folder / "folio.json").write_bytes(content)
        before = snapshot(folder)
        started = time.perf_counter()
        with pytest.raises(FolioError) as caught:
            Folio.open(folder)
        message = str(caught.value)
        assert time.perf_counter() - started < SECONDS, f"{name}: took too long to refuse"
        assert "\n" not in message and str(folder / "folio.json") in message and len(message) < 600, (name, message)
        assert snapshot(folder) == before, f"{name}: a file changed"


def test_huge_field_is_refused_by_validation(tmp_path):
    """A 10 MB note is refused at once, naming the field and the limit; nothing is saved."""
    with Folio.open(tmp_path) as folio:
        before = folio.path.read_bytes()
        started = time.perf_counter()
        with pytest.raises(InvalidRecord, match=r"learning: is too long \(10,000,000 characters; at most 20,000\)"):
            folio.put(cpd("Huge").with_changes(learning="x" * TEN_MB))
        assert time.perf_counter() - started < SECONDS and folio.path.read_bytes() == before


def run_import(folder: Path, *files: Path) -> tuple[int, str]:
    """`sendfolio import FILES` on a folio: exit code and output."""
    result = CliRunner().invoke(main, ["--data-dir", str(folder), "import", *map(str, files)])
    return result.exit_code, result.output


CSV_HEADER = "date,hours,method,title,learning\n"
"""The header of a CPD diary CSV file."""

BAD_IMPORTS = {
    "csv-huge-cell.csv": (CSV_HEADER + "2024-01-01,1,reading,Big," + "x" * TEN_MB + "\n").encode(),
    "csv-huge-quoted.csv": (CSV_HEADER + '2024-01-01,1,reading,Big,"' + "x" * 100_000 + '"\n').encode(),
    "csv-nul.csv": b"\0" * 4096,
    "csv-empty.csv": b"",
    "csv-binary.csv": bytes(range(256)) * 64,
    "backup-empty.json": b"",
    "backup-truncated.json": b'{"sendfolio_backup": 1, "cpd": [{"date": "2024-',
    "backup-trailing-junk.json": b'{"sendfolio_backup": 1}\ntrailing',
    "backup-newer.json": b'{"sendfolio_backup": 99}',
    "backup-wrong-shape.json": b'{"sendfolio_backup": 1, "cpd": {"not": "a list"}}',
    "backup-record-wrong-type.json": b'{"sendfolio_backup": 1, "cpd": [["a", "list"]]}',
    "backup-deep.json": b'{"sendfolio_backup": 1, "cpd": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
}
"""Import files that must be refused, by what is wrong with them."""


@pytest.mark.parametrize("name", BAD_IMPORTS)
def test_bad_import_files_are_refused_whole(tmp_path, name):
    """Each bad import file: problems listed, exit 2, quickly, and the folio's files unchanged."""
    folder = tmp_path / "folio"
    filled(folder)
    source = tmp_path / name
    source.write_bytes(BAD_IMPORTS[name])
    before = snapshot(folder)
    started = time.perf_counter()
    code, output = run_import(folder, source)
    assert time.perf_counter() - started < SECONDS, "took too long to refuse"
    assert code == 2 and "nothing was imported" in output and "Traceback" not in output, output[-800:]
    assert str(source) in output and len(output) < 5_000, output[-800:]
    assert snapshot(folder) == before


def test_longest_allowed_reflection_round_trips(tmp_path):
    """A reflection at the 200,000-character limit is saved and read back whole."""
    body = ("A fictional paragraph of reflection. " * 6000)[:200_000]
    with Folio.open(tmp_path) as folio:
        folio.put(Reflection.from_dict({"date": "2025-01-01", "hours": "1", "title": "Long", "body": body}))
    with Folio.open(tmp_path) as folio:
        assert folio.reflections()[0].body == body.strip()

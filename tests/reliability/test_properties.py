"""Property tests: any valid folio survives save → load, backup and CSV/Markdown export → import
unchanged; a CSV file with one bad row anywhere saves nothing.

That the rules engine never raises on any valid folio is tests/rules/test_rules.py's
`test_the_engine_never_raises_on_a_valid_folio`; it is not repeated here.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st
from kill_tools import snapshot
from strategies import CPD, folios

from sendfolio.cli import main
from sendfolio.domain.records import FolioData
from sendfolio.io.columns import CSV_KINDS
from sendfolio.io.csv_io import write_csv
from sendfolio.io.exporter import export_backup, export_csv, export_reflections
from sendfolio.privacy.gate import release_records
from sendfolio.privacy.identifiers import scan
from sendfolio.store import Folio
from sendfolio.store.storage import dump_tables

FEW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""The default run: a couple of dozen examples per property."""

MANY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Under `-m slow`: hundreds."""

CSV_FIELDS = {
    "cases": "cases",
    "cpd": "cpd",
    "ppc": "ppc_sessions",
    "training": "training",
    "observations": "observations",
}
"""Each CSV kind and the FolioData field it holds."""


def stored(data: FolioData, folder: Path) -> FolioData:
    """Put every record of `data` into a new folio in `folder`, one save each; the folio's data."""
    with Folio.open(folder) as folio:
        for name in ("cases", "observations", "reflections", "cpd", "ppc_sessions", "training"):
            for record in getattr(data, name):
                folio.put(record)
        folio.put(data.profile)
        if data.ppc_contact is not None:
            folio.put(data.ppc_contact)
        return folio.data()


def without_ids(records) -> list[str]:
    """Records as sorted text without their store ids (CSV and Markdown do not carry them all)."""
    return sorted(
        repr(sorted((key, value) for key, value in record.to_dict().items() if key != "id")) for record in records
    )


def imported(folder: Path, *files: Path) -> FolioData:
    """Run `sendfolio import FILES` into the folio in `folder` (must succeed); its data afterwards."""
    result = CliRunner().invoke(main, ["--data-dir", str(folder), "import", *map(str, files)])
    assert result.exit_code == 0, result.output
    with Folio.open(folder) as folio:
        return folio.data()


def check_save_load(data: FolioData) -> None:
    """Saved record by record, the folio opens afresh holding exactly what memory held."""
    with tempfile.TemporaryDirectory() as scratch:
        held = stored(data, Path(scratch))
        with Folio.open(Path(scratch)) as again:
            assert again.data() == held
        for name in ("cases", "observations", "reflections", "cpd", "ppc_sessions", "training"):
            assert without_ids(getattr(held, name)) == without_ids(getattr(data, name)), name
        assert held.profile == data.profile and held.ppc_contact == data.ppc_contact


def check_backup_round_trip(data: FolioData) -> None:
    """Exported as a JSON backup and imported into an empty folio: the same folio, ids and all."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        held = stored(data, work / "a")
        export_backup(held, work / "backup.json", work / "a" / "folio.json")
        assert imported(work / "b", work / "backup.json") == held


def check_csv_round_trip(data: FolioData) -> None:
    """Each kind exported as CSV (reflections as Markdown) and imported into an empty folio: unchanged."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        held = stored(data, work / "a")
        # generated text may look like an identifier: every finding is marked as not one, as the mediator can
        cleared = release_records(held, ignored=[finding.id for finding in scan(held)])
        files = []
        for kind in CSV_FIELDS:
            export_csv(cleared, kind, work / f"{kind}.csv", work / "a" / "folio.json")
            files.append(work / f"{kind}.csv")
        export_reflections(cleared, work / "reflections", work / "a" / "folio.json")
        again = imported(work / "b", *files, *sorted((work / "reflections").glob("*.md")))
        for name in CSV_FIELDS.values():
            assert without_ids(getattr(again, name)) == without_ids(getattr(held, name)), name
        assert without_ids(again.reflections) == without_ids(map(unix_lines, held.reflections))


def unix_lines(reflection):
    """A reflection as a Markdown file gives it back: line breaks read as \\n (reflections_md.py, by design)."""
    return reflection.with_changes(body=reflection.body.replace("\r\n", "\n").replace("\r", "\n"))


@FEW
@given(folios())
def test_any_valid_folio_survives_save_and_load(data):
    """Any valid records, saved one by one, open afresh unchanged."""
    check_save_load(data)


@FEW
@given(folios())
def test_backup_export_then_import_is_unchanged(data):
    """Backup → restore gives back the very same folio."""
    check_backup_round_trip(data)


@FEW
@given(folios())
def test_csv_export_then_import_is_unchanged(data):
    """CSV (and Markdown) export → import into an empty folio gives back the same records."""
    check_csv_round_trip(data)


BAD_CELLS = {"hours": "lots", "date": "31/02/2025", "method": "osmosis", "title": ""}
"""One bad value per column, each something a spreadsheet user might type."""


def check_bad_row_saves_nothing(entries, position: int, column: str) -> None:
    """A CPD CSV of valid rows with one bad row at `position`: import refused, folio files unchanged."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        stored(FolioData(cpd=tuple(entries[:2])), work / "folio")
        rows = list(csv.reader(io.StringIO(write_csv(CSV_KINDS["cpd"], entries), newline="")))
        bad = list(rows[1])
        bad[rows[0].index(column)] = BAD_CELLS[column]
        rows.insert(1 + position % len(rows), bad)
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        (work / "cpd.csv").write_text(out.getvalue(), encoding="utf-8", newline="")
        before = snapshot(work / "folio")
        result = CliRunner().invoke(main, ["--data-dir", str(work / "folio"), "import", str(work / "cpd.csv")])
        assert result.exit_code == 2 and "nothing was imported" in result.output, result.output
        assert snapshot(work / "folio") == before


@FEW
@given(st.lists(CPD, min_size=1, max_size=30), st.integers(min_value=0), st.sampled_from(sorted(BAD_CELLS)))
def test_csv_with_one_bad_row_saves_nothing(entries, position, column):
    """One bad row anywhere in a CSV file: nothing of the file is saved."""
    check_bad_row_saves_nothing(entries, position, column)


class Boom(Exception):
    """Raised inside a batch to make it roll back."""


def apply_op(folio: Folio, op: tuple, data: FolioData) -> None:
    """One change to the folio: put, replace, delete, a setting, a batch that fails, or a restore."""
    kind, pick = op
    records = [*data.cpd, *data.cases, *data.observations, *data.reflections]
    held = [*folio.cpd(), *folio.cases(), *folio.observations()]
    if kind == "put" and records:
        folio.put(records[pick % len(records)])
    elif kind == "replace" and folio.cpd():
        entry = folio.cpd()[pick % len(folio.cpd())]
        folio.put(entry.with_changes(title=f"Changed {pick}"))
    elif kind == "delete" and held:
        folio.delete(held[pick % len(held)])
    elif kind == "setting":
        folio.put_setting(f"key-{pick % 3}", {"value": pick})
    elif kind == "failed-batch" and records:
        with pytest.raises(Boom), folio.batch():
            folio.put(records[pick % len(records)])
            folio.put_setting("never", pick)
            raise Boom()
    elif kind == "restore":
        folio.replace_all(data)


OPS = st.lists(
    st.tuples(
        st.sampled_from(["put", "replace", "delete", "setting", "failed-batch", "restore"]),
        st.integers(min_value=0, max_value=1000),
    ),
    max_size=12,
)
"""Sequences of changes."""


def check_file_matches_memory(data: FolioData, ops: list) -> None:
    """After every change the file holds exactly the folio's memory (the kept text of tables and records is never
    stale), also after reopening the file its last save sealed (whose own text is kept)."""
    with tempfile.TemporaryDirectory() as scratch:
        with Folio.open(Path(scratch)) as folio:
            for op in ops:
                apply_op(folio, op, data)
                on_disk = json.loads(folio.path.read_bytes())
                on_disk.pop("sendfolio")
                assert on_disk == folio._storage.read(), f"after {op}"
            held = folio.data()
        with Folio.open(Path(scratch)) as again:  # sealed by its last save: its own text is reused
            assert again.data() == held
            for op in ops:
                apply_op(again, op, data)
                on_disk = json.loads(again.path.read_bytes())
                on_disk.pop("sendfolio")
                assert on_disk == again._storage.read(), f"after reopening, {op}"
            assert again.path.read_bytes() == dump_tables(again._storage.read()), "not as a fresh save writes it"


@FEW
@given(folios(), OPS)
def test_file_always_matches_memory(data, ops):
    """Any sequence of puts, deletes, settings, failed batches and restores: file == memory after each."""
    check_file_matches_memory(data, ops)


@pytest.mark.slow
@MANY
@given(folios(), OPS)
def test_file_always_matches_memory_many(data, ops):
    """Hundreds of change sequences."""
    check_file_matches_memory(data, ops)


@pytest.mark.slow
@MANY
@given(folios())
def test_round_trips_many(data):
    """Hundreds of folios through save → load, backup and CSV round trips."""
    check_save_load(data)
    check_backup_round_trip(data)
    check_csv_round_trip(data)


@pytest.mark.slow
@MANY
@given(st.lists(CPD, min_size=1, max_size=60), st.integers(min_value=0), st.sampled_from(sorted(BAD_CELLS)))
def test_bad_row_many(entries, position, column):
    """Hundreds of files with one bad row: never a partial import."""
    check_bad_row_saves_nothing(entries, position, column)

"""A save writes out only what changed, and a reopened folio's own text is kept only when it is in the save's layout."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sendfolio.domain.records import CPDEntry
from sendfolio.store import Folio
from sendfolio.store.file_text import FileText
from sendfolio.store.storage import HEADER, dump_tables


def cpd(title: str, when: str) -> CPDEntry:
    """A fictional CPD entry."""
    return CPDEntry(date=date.fromisoformat(when), hours=1.5, method="reading", title=title)


def tables_of(plain: bytes) -> dict:
    """The tables a file's bytes hold (the header dropped)."""
    whole = json.loads(plain)
    whole.pop("sendfolio")
    return whole


def filled(tmp_path, entries: int = 5):
    """A folio of a few CPD entries, closed (its last save sealed it)."""
    with Folio.open(tmp_path) as folio:
        for number in range(entries):
            folio.put(cpd(f"Course {number}", f"2025-0{number % 9 + 1}-10"))
    return tmp_path / "folio.json"


def test_a_reopened_sealed_folio_saves_exactly_what_a_fresh_save_writes(tmp_path):
    """Reopened, changed (an entry added, one changed, one deleted, a setting): the file is byte for byte what a
    save from scratch writes for memory, and reads back as memory."""
    path = filled(tmp_path)
    with Folio.open(tmp_path) as folio:
        first, second = folio.cpd()[:2]
        folio.put(cpd("Added after reopening", "2025-10-01"))
        folio.put(first.with_changes(title="Changed after reopening"))
        folio.delete(second)
        folio.put_setting("a setting", [1, "two"])
        memory = folio._storage.read()
        assert path.read_bytes() == dump_tables(memory)
        held = folio.data()
    with Folio.open(tmp_path) as again:
        assert again.data() == held
        titles = {entry.title for entry in again.cpd()}
        assert "Changed after reopening" in titles and "Added after reopening" in titles
        assert second.title not in titles and first.title not in titles


def test_a_hand_edited_folio_is_written_afresh(tmp_path):
    """A file laid out otherwise (edited by hand, indented): not sealed, its text not kept; the next save writes
    every record out as a save does, and loses none."""
    path = filled(tmp_path)
    path.write_text(json.dumps(json.loads(path.read_bytes()), indent=2, ensure_ascii=False), encoding="utf-8")
    with Folio.open(tmp_path) as folio:
        before = len(folio.cpd())
        folio.put(cpd("After the edit", "2025-11-01"))
        assert path.read_bytes() == dump_tables(folio._storage.read())
    with Folio.open(tmp_path) as again:
        assert len(again.cpd()) == before + 1


def test_only_text_in_the_save_layout_is_adopted():
    """The save's own layout is adopted, and its next dump is what a fresh dump writes; any other is refused."""
    tables = {
        "cpd": {"1": {"title": "A", "hours": 1.5}, "2": {"title": "B é", "hours": 2}},
        "empty": {},
        "x": {"3": {}},
    }
    plain = dump_tables(tables)
    parsed = tables_of(plain)
    kept = FileText()
    assert kept.adopt(plain, HEADER, parsed)
    parsed["cpd"] = {**parsed["cpd"], "4": {"title": "new"}}
    assert kept.dump(HEADER, parsed) == dump_tables(parsed)
    others = [
        json.dumps(json.loads(plain), indent=2).encode(),
        json.dumps(json.loads(plain)).encode(),
        plain.replace(b'"title": "A", ', b'"title": "A",\n   '),  # a record over two lines
        plain.replace(b'  "2": ', b'  "9": '),  # another id on the line than in the table read
        plain.replace(b"\n}\n", b"\n}"),
        plain + b"\n",
    ]
    for other in others:
        assert not FileText().adopt(other, HEADER, parsed), other


@pytest.mark.parametrize("tables", [{}, {"empty": {}}, {"one": {"1": {"a": [1, {"b": "c"}]}}}])
def test_small_layouts_round_trip(tables):
    """No table, an empty one, one record of nested values: adopted, and dumped again as fresh."""
    plain = dump_tables(tables)
    text = FileText()
    assert text.adopt(plain, HEADER, tables_of(plain))
    assert text.dump(HEADER, tables_of(plain)) == plain

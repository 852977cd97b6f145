"""The folio file's text, kept per table and per record, so a save writes out only what changed.

A folio file is the header, then each table with one record per line (`dump_tables`). A save
re-serialises only what changed since the last: a table that is the very same dict object as
last time reuses its text, and in a table that changed, a record that is the very same dict
object as last time reuses its line. TinyDB replaces a table's dict whenever it changes the
table, and sendfolio never changes a stored record's dict in place (a change is a removal and
an insert), so the same object means the same record; the cache holds the dicts, so their ids
cannot be reused.

A file read back that was sealed by its last save (`store/checked.py`: this very file, written
by this reader) is in exactly that layout: its own text is taken as the text of its tables and
records (`FileText.adopt`), so the first save after opening does not re-serialise every record
either. Anything not in that layout, line by line, is not adopted: the first save then writes
every record out afresh.
"""

from __future__ import annotations

import json
from typing import Any

Tables = dict[str, dict[str, Any]]
"""TinyDB's data: table name -> {document id (text) -> document}."""

Rows = dict[str, tuple[dict[str, Any], str]]
"""One table's records: document id -> (the document last written, its line without the comma)."""


def row_line(key: str, doc: dict[str, Any]) -> str:
    """One record's line in the file (without the comma between records)."""
    return f"  {json.dumps(key)}: {json.dumps(doc, ensure_ascii=False)}"


def table_text(name: str, rows: list[str]) -> str:
    """One table's part of the file: its name, then one record per line."""
    heading = json.dumps(name, ensure_ascii=False)
    return f"{heading}: {{\n" + ",\n".join(rows) + "\n }" if rows else f"{heading}: {{}}"


def file_bytes(header: str, parts: list[str]) -> bytes:
    """The whole file from its header line and the tables' parts."""
    return ("{\n " + ",\n ".join([header, *parts]) + "\n}\n").encode("utf-8")


class FileText:
    """The text of each table and each record as last written (or read from a sealed file)."""

    def __init__(self) -> None:
        """Nothing written yet."""
        self.tables: dict[str, tuple[dict[str, Any], str]] = {}
        """Per table name: the table dict last written and its text."""
        self.rows: dict[str, Rows] = {}
        """Per table name: its records' lines, by document id."""

    def dump(self, header: str, tables: Tables) -> bytes:
        """The plain file bytes for these tables, re-serialising only the tables and records that changed."""
        parts = []
        for name, table in tables.items():
            hit = self.tables.get(name)
            if hit is not None and hit[0] is table:
                parts.append(hit[1])
                continue
            known = self.rows.get(name, {})
            rows: Rows = {}
            for key, doc in table.items():
                line = known.get(key)
                rows[key] = line if line is not None and line[0] is doc else (doc, row_line(key, doc))
            text = table_text(name, [line for _, line in rows.values()])
            self.tables[name], self.rows[name] = (table, text), rows
            parts.append(text)
        for gone in self.tables.keys() - tables.keys():
            del self.tables[gone]
            self.rows.pop(gone, None)
        return file_bytes(header, parts)

    def forget(self) -> None:
        """Drop every text kept (the next dump writes every record afresh)."""
        self.tables.clear()
        self.rows.clear()

    def adopt(self, plain: bytes, header: str, tables: Tables) -> bool:
        """Take the file's own text (`plain`, which `tables` were read from) as the text of its tables and records.

        Only when the file is line by line in the layout `dump` writes: the header line, then per
        table its name line, one line per record beginning with that record's id, and its closing
        line. JSON text holds no raw line break inside a value, so each record's line is then the very
        text its document was read from. Anything else adopts nothing and returns False.
        """
        lines = plain.decode("utf-8").split("\n")
        if len(lines) < 4 or lines[:2] != ["{", f" {header}" + ("," if tables else "")] or lines[-2:] != ["}", ""]:
            return False
        at = 2
        adopted_tables: dict[str, tuple[dict[str, Any], str]] = {}
        adopted_rows: dict[str, Rows] = {}
        names = list(tables)
        for index, name in enumerate(names):
            comma = "," if index < len(names) - 1 else ""
            table = tables[name]
            heading = json.dumps(name, ensure_ascii=False)
            if not table:
                if lines[at] != f" {heading}: {{}}{comma}":
                    return False
                adopted_tables[name], adopted_rows[name] = (table, f"{heading}: {{}}"), {}
                at += 1
                continue
            if lines[at] != f" {heading}: {{":
                return False
            rows: Rows = {}
            last = len(table) - 1
            for number, (key, doc) in enumerate(table.items()):
                line = lines[at + 1 + number] if at + 1 + number < len(lines) else ""
                if number < last:
                    if not line.endswith(","):
                        return False
                    line = line[:-1]
                prefix = f"  {json.dumps(key)}: {{"
                if not line.startswith(prefix) or not line.endswith("}"):
                    return False
                rows[key] = (doc, line)
            at += 1 + len(table)
            if at >= len(lines) or lines[at] != f" }}{comma}":
                return False
            at += 1
            adopted_tables[name] = (table, table_text(name, [line for _, line in rows.values()]))
            adopted_rows[name] = rows
        if at != len(lines) - 2:
            return False
        self.tables, self.rows = adopted_tables, adopted_rows
        return True

"""docs/ARCHITECTURE.md's package tables match the tree: every package is in them, and nothing else.

The first table lists the packages of `sendfolio/` (and the modules it names, such as `cli.py`);
the table under "Inside the app" lists those of `sendfolio/tui/`. A package added, moved or
removed without the map changing fails here, naming it.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The repository."""

DOC = ROOT / "docs" / "ARCHITECTURE.md"
"""The map checked."""


def tables(text: str) -> list[list[str]]:
    """The markdown tables of `text`, each as its body rows (header and rule left out)."""
    found: list[list[str]] = []
    rows: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            found.append(rows[2:])
            rows = []
    return found


def named(row: str) -> str | None:
    """The package or module a row names: the code span in its package column (the first cell holding one)."""
    for cell in row.strip("|").split("|"):
        spans = re.findall(r"`([^`]+)`", cell)
        if spans:
            return spans[0]
    return None


def packages(folder: Path) -> set[str]:
    """The sub-packages directly in `folder`, as `name/`."""
    return {f"{path.parent.name}/" for path in folder.glob("*/__init__.py")}


def doc_tables() -> tuple[list[str], list[str]]:
    """What the layer table and the app's table name, in order."""
    text = DOC.read_text(encoding="utf-8")
    layer_table = next(rows for rows in tables(text) if any("sendfolio/domain/" in row for row in rows))
    app_table = next(rows for rows in tables(text) if any(named(row) == "screens/" for row in rows))
    return [name for row in layer_table if (name := named(row))], [name for row in app_table if (name := named(row))]


def test_the_layer_table_lists_every_package_of_sendfolio():
    """Each package of `sendfolio/` is a row of the layer table, and each row names something that exists."""
    listed, _ = doc_tables()
    in_doc = {name.removeprefix("sendfolio/") for name in listed}
    in_tree = packages(ROOT / "sendfolio")
    assert in_tree - in_doc == set(), f"packages missing from docs/ARCHITECTURE.md's table: {sorted(in_tree - in_doc)}"
    gone = sorted(name for name in in_doc if not (ROOT / "sendfolio" / name).exists())
    assert not gone, f"docs/ARCHITECTURE.md's table names what is not in the tree: {gone}"
    assert {name for name in in_doc if name.endswith("/")} == in_tree


def test_the_app_table_lists_every_package_of_the_tui():
    """Each package of `sendfolio/tui/` is a row of the app's table, and each row names something that exists."""
    _, listed = doc_tables()
    in_tree = packages(ROOT / "sendfolio" / "tui")
    assert in_tree - set(listed) == set(), f"tui packages missing from the app's table: {sorted(in_tree - set(listed))}"
    gone = sorted(name for name in listed if not (ROOT / "sendfolio" / "tui" / name).exists())
    assert not gone, f"the app's table names what is not in sendfolio/tui: {gone}"


def test_the_table_reader_reads_rows():
    """The reader takes a row's first code span and skips a table's header and rule."""
    text = "| a | b |\n|---|---|\n| shell | `sendfolio/cli.py` | x `y` |\n| core | `sendfolio/domain/` | z |\n\nafter\n"
    assert [[named(row) for row in rows] for rows in tables(text)] == [["sendfolio/cli.py", "sendfolio/domain/"]]

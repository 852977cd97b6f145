"""What is entered: no control characters in text, Markdown no bigger or deeper than a PDF can lay out.

Refused alike from a form (`from_dict`), a CSV row, a Markdown reflection and a JSON backup,
with the field and the limit named; a folio already holding such text still opens.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.domain.markdown_limits import MAX_NESTING, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, markdown_problem
from sendfolio.domain.records import Case, CPDEntry, InvalidRecord, Reflection
from sendfolio.store import Folio

CASE = {
    "ref": "SM-T-001",
    "kind": "mediation",
    "role": "lead",
    "date": "2025-03-02",
    "prep_hours": "1",
    "meeting_hours": "3",
    "followup_hours": "0.5",
    "outcome": "agreement",
}
"""A valid case's values."""


def table(columns: int, rows: int) -> str:
    """A Markdown table of `columns` x `rows` short cells under a header."""
    header = "| " + " | ".join(f"h{index}" for index in range(columns)) + " |"
    delimiter = "|" + "---|" * columns
    body = ["| " + " | ".join("x" for _ in range(columns)) + " |" for _ in range(rows)]
    return "\n".join([header, delimiter, *body])


def cli(folio_dir: Path, *args: str):
    """Run `sendfolio --data-dir folio_dir ARGS`."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args])


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\x7f", "\x9b", "\x0b"])
def test_control_characters_are_refused_in_text(char):
    """A control character in a note is refused, naming the field, the character and where it is."""
    with pytest.raises(InvalidRecord) as raised:
        Case.from_dict({**CASE, "notes": f"Clear{char}[2J screen"})
    [error] = raised.value.errors
    assert error.field == "notes"
    assert f"U+{ord(char):04X}" in error.problem and "at character 6" in error.problem
    assert "only tab and new line are allowed" in error.problem


def test_control_characters_are_refused_in_lists_and_de_briefs():
    """Items of a list and de-brief headings are text too."""
    with pytest.raises(InvalidRecord) as raised:
        Case.from_dict({**CASE, "issues": "placement; trans\x00port", "debrief": {"strengths": "ok\x1b"}})
    assert {error.field for error in raised.value.errors} == {"issues", "debrief.strengths"}


def test_tab_new_line_and_windows_line_ends_are_kept():
    """Tab and new line are allowed; CR LF and a lone CR are read as new lines."""
    case = Case.from_dict({**CASE, "notes": "a\tb\r\nc\rd"})
    assert case.notes == "a\tb\nc\nd"


def test_a_stored_record_with_a_control_character_still_opens(folio_dir):
    """A folio written before the check opens; saving that record again asks for the text to be fixed."""
    with Folio.open(folio_dir) as folio:
        folio.put(Case.from_dict({**CASE, "notes": "fine"}))
    path = folio_dir / "folio.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"fine"', '"bad\\u001b[2J"'), encoding="utf-8")
    with Folio.open(folio_dir) as folio:
        case = folio.case("SM-T-001")
        assert case.notes == "bad\x1b[2J"
        with pytest.raises(InvalidRecord, match="notes: holds a control character"):
            folio.put(case)
        folio.put(case.with_changes(notes="bad[2J"))
    with Folio.open(folio_dir) as folio:
        assert folio.case("SM-T-001").notes == "bad[2J"


def test_csv_import_refuses_a_control_character(folio_dir, tmp_path):
    """`import` names file, line and column, and saves nothing."""
    path = tmp_path / "cases.csv"
    path.write_text(",".join(CASE) + ",notes\n" + ",".join(CASE.values()) + ",a\x1b[2Jb\n", encoding="utf-8")
    result = cli(folio_dir, "import", str(path))
    assert result.exit_code == 2
    assert f"{path}:2: notes: holds a control character, U+001B (escape), at character 2" in result.stderr
    assert "\x1b" not in result.stderr + result.output
    assert not (folio_dir / "folio.json").exists() or Folio.open(folio_dir).cases() == ()


def test_markdown_import_refuses_a_control_character_and_a_huge_table(folio_dir, tmp_path):
    """A reflection file with NUL in its body, another with a 51-column table: both named, nothing saved."""
    front = "---\ndate: 2025-03-02\nhours: 1\ntitle: T\n---\n"
    nul = tmp_path / "nul.md"
    nul.write_text(front + "Before\x00after\n", encoding="utf-8")
    wide = tmp_path / "wide.md"
    wide.write_text(front + table(MAX_TABLE_COLUMNS + 1, 2) + "\n", encoding="utf-8")
    result = cli(folio_dir, "import", str(nul), str(wide))
    assert result.exit_code == 2
    assert f"{nul}:6: body: holds a control character, U+0000 (NUL)" in result.stderr
    assert f"{wide}:6: body: has a table of 51 columns at line 1; at most 50 columns" in result.stderr


def test_json_backup_import_refuses_a_control_character(folio_dir, tmp_path):
    """A backup whose CPD title holds an escape is refused like any other way in."""
    source = tmp_path / "source"
    with Folio.open(source) as folio:
        folio.put(CPDEntry.from_dict({"date": "2025-01-02", "hours": "2", "method": "reading", "title": "Book"}))
    backup = tmp_path / "backup.json"
    assert cli(source, "export", str(backup)).exit_code == 0
    backup.write_text(backup.read_text(encoding="utf-8").replace('"Book"', '"Bo\\u001b]0;owned\\u0007ok"'))
    result = cli(folio_dir, "import", str(backup))
    assert result.exit_code == 2
    assert "title: holds a control character, U+001B (escape)" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def reflection(body: str) -> Reflection:
    """A reflection holding `body`."""
    return Reflection.from_dict({"date": "2025-03-02", "hours": "1", "title": "T", "body": body})


def test_tables_up_to_the_bounds_are_allowed():
    """A 50-column table and a 500-row table are saved."""
    assert reflection(table(MAX_TABLE_COLUMNS, 3)).body.startswith("| h0")
    assert reflection("Intro\n\n" + table(4, MAX_TABLE_ROWS) + "\n\nAfter").body.endswith("After")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (table(MAX_TABLE_COLUMNS + 1, 3), "body: has a table of 51 columns at line 1; at most 50 columns"),
        ("Intro\n\n" + table(3, MAX_TABLE_ROWS + 1), "body: has a table of 501 rows at line 3; at most 500 rows"),
        ("> " * (MAX_NESTING + 1) + "deep", "body: nests quotes and lists 13 deep at line 1; at most 12"),
        (
            "\n".join("  " * level + "- item" for level in range(MAX_NESTING + 1)),
            "body: nests quotes and lists 13 deep at line 13; at most 12",
        ),
        ("- " * (MAX_NESTING + 1) + "x", "body: nests quotes and lists 13 deep at line 1"),
    ],
    ids=["columns", "rows", "quotes", "indented lists", "list markers"],
)
def test_markdown_beyond_the_bounds_is_refused(body, expected):
    """Too wide, too long or too deep: refused, naming the field and the limit."""
    with pytest.raises(InvalidRecord) as raised:
        reflection(body)
    assert expected in str(raised.value)


def test_markdown_bounds_apply_to_every_markdown_field():
    """Case notes and de-brief notes are printed as Markdown too."""
    with pytest.raises(InvalidRecord) as raised:
        Case.from_dict({**CASE, "notes": table(60, 1), "debrief": {"outcome": table(60, 1)}})
    assert {error.field for error in raised.value.errors} == {"notes", "debrief.outcome"}


@pytest.mark.parametrize(
    "body",
    [
        "A | B\n--- | ---\n" + "\n".join("a | b" for _ in range(400)),
        "Plain text with a | pipe\n\n---\n\nmore",
        "\n".join("  " * level + "- item" for level in range(MAX_NESTING)),
        "> " * MAX_NESTING + "deep enough",
        "Notes\n\n    indented code | with | pipes\n    ---|---|---\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n" * 300,
    ],
)
def test_ordinary_markdown_is_allowed(body):
    """Tables, rules, lists and quotes within the bounds are not refused."""
    assert markdown_problem(body) is None


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
def test_direction_controls_are_refused_naming_the_field(char):
    """A right-to-left override (or any embedding or isolate) in an observer's name is refused: it would
    print the name in another order than it is stored."""
    from sendfolio.domain.records import Observation

    with pytest.raises(InvalidRecord) as refused:
        Observation.from_dict({"ref": "SM-2025-014", "criterion": "f1.pm.x", "observer": f"Dr {char}elaH"})
    assert str(refused.value).startswith(f"observer: holds a direction control, U+{ord(char):04X} (")
    assert "at character 4" in str(refused.value)

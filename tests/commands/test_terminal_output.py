"""What reaches the terminal: record text without escape sequences, bad cells short and masked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.domain.identifier_patterns import excerpt
from sendfolio.domain.records import Case
from sendfolio.domain.text import for_terminal
from sendfolio.privacy import check
from sendfolio.store import Folio

HOSTILE = "Zoe\x1b[2J\x1b[H\x1b]0;owned\x07 met \x9b31m\u202eevil\u202c\x00 end"
"""A note that would clear the screen, retitle the window, colour and reverse the text, with a NUL."""

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


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[2Jb", "ab"),
        ("title\x1b]0;owned\x07 after", "title after"),
        ("osc\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\", "osclink"),
        ("c1\x9b2Jx", "c1x"),
        ("lone\x1b", "lone"),
        ("nul\x00bell\x07del\x7f", "nulbelldel"),
        ("\u202eright to left\u202c", "right to left"),
        ("tab\tand\nnew line", "tab\tand\nnew line"),
        ("Zoë café – ünïcode", "Zoë café – ünïcode"),
    ],
)
def test_for_terminal_takes_out_escapes_and_controls(text, shown):
    """Escape sequences (7- and 8-bit) and control characters go; tab, new line and letters stay."""
    assert for_terminal(text) == shown


def test_for_terminal_on_one_line():
    """One line: new lines and tabs become spaces."""
    assert for_terminal("a\nb\tc", one_line=True) == "a b c"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1,5", "'1,5'"),
        ("lots", "'lots'"),
        ("Zoe Smith DOB 03/03/2015 NHS 943 476 5919", "'Zo…' (41 characters)"),
        ("SW1A 1AA", "'SW…' (8 characters)"),
        ("07700 900123", "'07…' (12 characters)"),
        ("a\x1b[2J", "'a\x1b…' (5 characters)".replace("\x1b", "")),
        ("x" * 500, "'xx…' (500 characters)"),
    ],
)
def test_excerpt_shows_short_clean_values_and_masks_the_rest(value, shown):
    """A short value is shown whole; an identifier, a control character or a long value only begins."""
    assert excerpt(value) == shown


def stored_folio(folio_dir: Path, notes: str) -> None:
    """A folio file holding a case whose notes are `notes`, as a folio written before the entry checks would."""
    with Folio.open(folio_dir) as folio:
        folio.put(Case.from_dict({**CASE, "notes": "placeholder"}))
        check.add_word(folio, "Zoe")
    path = folio_dir / "folio.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"placeholder"', json.dumps(notes)), encoding="utf-8")


def test_privacy_check_prints_record_text_without_escapes(folio_dir):
    """The finding's context is printed, its escape sequences are not (in a real process, on its real stdout)."""
    stored_folio(folio_dir, HOSTILE)
    done = subprocess.run(
        [sys.executable, "-m", "sendfolio", "--data-dir", str(folio_dir), "privacy-check"],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    out = done.stdout.decode("utf-8")
    assert "»Zoe« met evil end" in out
    for forbidden in ("\x1b", "\x07", "\x00", "\x9b", "\u202e"):
        assert forbidden not in out + done.stderr.decode("utf-8")


def test_json_output_holds_no_escapes_either(folio_dir):
    """`privacy-check --json` is valid JSON and carries no raw escape sequence."""
    stored_folio(folio_dir, HOSTILE)
    result = CliRunner().invoke(main, ["--data-dir", str(folio_dir), "privacy-check", "--json"])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\u202e" not in result.output and "\x9b" not in result.output
    [finding] = json.loads(result.output)
    assert finding["match"] == "Zoe"


def test_do_not_print_words_with_control_characters_are_refused(folio_dir):
    """A listed word cannot carry an escape sequence onto the screen later."""
    result = CliRunner().invoke(main, ["--data-dir", str(folio_dir), "do-not-print", "add", "Zoe\x1b[2J"])
    assert result.exit_code == 2 and "control character" in result.stderr
    assert "\x1b" not in result.stderr


def test_an_import_error_shows_a_short_masked_part_of_the_cell(folio_dir, tmp_path):
    """The issue's example: the cell's identifiers are not echoed; file, line and column are named."""
    path = tmp_path / "cases.csv"
    cells = {**CASE, "followup_hours": "Zoe Smith DOB 03/03/2015 NHS 943 476 5919"}
    path.write_text(",".join(cells) + "\n" + ",".join(cells.values()) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--data-dir", str(folio_dir), "import", str(path)])
    assert result.exit_code == 2
    expected = f"{path}:2: followup_hours: 'Zo…' (41 characters) is not a number: write hours as a decimal, e.g. 1.5"
    assert expected in result.stderr
    assert "Smith" not in result.stderr and "943" not in result.stderr and "03/03" not in result.stderr


def test_a_bad_header_is_named_without_its_escapes_or_identifiers(folio_dir, tmp_path):
    """Column names come from the file too: printable, and masked when they hold an identifier."""
    path = tmp_path / "cases.csv"
    header = [*CASE, "notes\x1b[31m", "call 07700 900123"]
    path.write_text(",".join(header) + "\n" + ",".join(CASE.values()) + ",x,y\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--data-dir", str(folio_dir), "import", str(path)])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "900123" not in result.stderr
    assert "'ca…' (17 characters): is not a column of" in result.stderr


def test_a_bad_front_matter_line_is_not_echoed_whole(folio_dir, tmp_path):
    """A Markdown reflection's bad line is shown short and masked."""
    path = tmp_path / "r.md"
    path.write_text("---\ndate: 2025-03-02\nhours 1 with jo@example.org\ntitle: T\n---\nbody\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--data-dir", str(folio_dir), "import", str(path)])
    assert result.exit_code == 2
    assert "jo@example.org" not in result.stderr
    assert f"{path}:3: front matter: 'ho…' (27 characters) is not a `key: value` line" in result.stderr

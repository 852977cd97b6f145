"""The pure parts of import and export: CSV kinds, safe cells, Markdown front matter, backups."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from sendfolio.domain.records import Case, CPDEntry, FolioData, Observation, PPCSession, Reflection, Training
from sendfolio.io.backup import backup_document, parse_backup
from sendfolio.io.columns import CSV_KINDS, detect_kind
from sendfolio.io.csv_io import parse_csv, protect, unprotect, write_csv
from sendfolio.io.problems import ImportProblems
from sendfolio.io.reflections_md import file_name, parse_reflection, reflection_markdown

HEADERS = {
    "cases": "ref,kind,role,date,prep_hours,meeting_hours,followup_hours,outcome",
    "cpd": "date,hours,method,title,provider,learning",
    "ppc": "date,ppc,hours,mode,topics",
    "training": "kind,title,provider,date,hours,recognised_by,covers",
    "observations": "ref,criterion,observer,notes",
}
"""A header row for each CSV kind."""


@pytest.mark.parametrize("name", HEADERS)
def test_each_header_names_its_kind(name):
    """A header with a kind's required columns (and some optional ones) is read as that kind."""
    kind, problems = detect_kind("f.csv", 1, HEADERS[name].split(","))
    assert problems == [] and kind.name == name


def test_unknown_column_is_named_with_the_allowed_ones():
    """An unknown column names itself and lists what the kind allows."""
    kind, problems = detect_kind("f.csv", 1, ["date", "hours", "method", "title", "mood"])
    assert kind is None
    assert [str(problem) for problem in problems] == [
        "f.csv:1: mood: is not a column of a cpd CSV: allowed columns are date, hours, method, title, provider, learning"
    ]


def test_missing_required_column_is_named():
    """A header lacking a required column names it."""
    _, problems = detect_kind("f.csv", 3, ["date", "ppc", "hours"])
    assert [str(problem) for problem in problems] == [
        "f.csv:3: mode: required column is missing (a ppc CSV needs date, ppc, hours, mode)"
    ]


def test_header_of_no_kind_lists_every_kind():
    """A header sharing nothing with any kind says what each kind needs."""
    _, problems = detect_kind("f.csv", 1, ["colour;size"])
    assert "does not name the columns of any kind (columns must be separated by commas)" in str(problems[0])
    assert "observations: ref, criterion" in str(problems[0])


def test_repeated_column_is_a_problem():
    """A column named twice is reported."""
    _, problems = detect_kind("f.csv", 1, ["ref", "criterion", "ref"])
    assert [str(problem) for problem in problems] == ["f.csv:1: ref: column appears more than once in the header"]


@pytest.mark.parametrize(
    "value", ["=1+1", "+44 20", "-3", "@SUM(A1)", "\tx", "\rx", "'=x", "''", "'''a", "'a", "'", "plain"]
)
def test_protect_then_unprotect_gives_the_value_back(value):
    """Risky cells get a leading quote; reading removes exactly that quote."""
    assert unprotect(protect(value)) == value
    assert not protect(value).startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.text())
def test_protect_is_reversible_for_any_text(value):
    """For any text at all, unprotect undoes protect."""
    assert unprotect(protect(value)) == value


def test_csv_rows_give_records_with_physical_lines():
    """Blank lines are skipped, quoted cells may span lines, a BOM is ignored; lines stay physical."""
    text = (
        "\ufeffdate,hours,method,title,learning\r\n\r\n"
        '02/03/2025,1.5,reading,"A book","two\nlines"\r\n'
        ",,,,\r\n"
        "2025-03-04,2,Conference,Annual day,\r\n"
        "31/02/2025,x,reading,Bad,\r\n"
    )
    kind, records, problems = parse_csv("cpd.csv", text.encode("utf-8"))
    assert kind.name == "cpd"
    assert [(item.line, item.record.date, item.record.method) for item in records] == [
        (3, date(2025, 3, 2), "reading"),
        (6, date(2025, 3, 4), "conference"),
    ]
    assert [str(problem) for problem in problems] == [
        "cpd.csv:7: date: '31/02/2025' is not a real calendar date",
        "cpd.csv:7: hours: 'x' is not a number: write hours as a decimal, e.g. 1.5",
    ]


def test_non_utf8_file_names_the_line():
    """A file saved in a legacy encoding is refused with the line of the first bad byte."""
    raw = "date,hours,method,title\n2025-01-01,1,reading,Caf\u00e9\n".encode("cp1252")
    with pytest.raises(ImportProblems) as caught:
        parse_csv("cpd.csv", raw)
    assert str(caught.value.problems[0]).startswith("cpd.csv:2: is not UTF-8 text")


SAMPLE_RECORDS = {
    "cases": Case.from_dict(
        {
            "ref": "SM-2025-014",
            "kind": "mediation",
            "role": "lead",
            "date": "2025-03-02",
            "prep_hours": "1.25",
            "meeting_hours": "3",
            "followup_hours": "0.5",
            "outcome": "partial-agreement",
            "debriefed": "yes",
            "issues": "placement; transport",
            "notes": "- first point\n= second, with a comma",
            "decision_notice": "2025-01-06",
            "la_informed": "2025-01-20",
            "date_fixed": "2025-02-01",
            "health_care": "yes",
            "debrief": {"strengths": "+ calm pacing", "learning_plan": "@ read reg 42"},
        }
    ),
    "cpd": CPDEntry.from_dict(
        {
            "date": "2025-01-05",
            "hours": "2",
            "method": "reading",
            "title": "SEND Code, ch. 11",
            "learning": "'quoted' start",
        }
    ),
    "ppc": PPCSession.from_dict({"date": "2025-02-05", "ppc": "R. Example", "hours": "1", "mode": "one-to-one"}),
    "training": Training.from_dict(
        {
            "kind": "send",
            "title": "SEND module",
            "provider": "Example Mediation Ltd",
            "date": "2024-11-01",
            "hours": "14",
            "recognised_by": "CMC",
            "covers": "legislative-framework; send-context",
        }
    ),
    "observations": Observation.from_dict(
        {"ref": "SM-2025-014", "criterion": "f1.pm.initial-contact", "observer": "=HYPERLINK(x)"}
    ),
}
"""One full record of each CSV kind, with cells a spreadsheet would misread."""


@pytest.mark.parametrize("name", SAMPLE_RECORDS)
def test_written_csv_reads_back_to_the_same_record(name):
    """Export as CSV, read it back: the same record, and no cell starts like a formula."""
    text = write_csv(CSV_KINDS[name], [SAMPLE_RECORDS[name]])
    assert text.splitlines()[0] == ",".join(CSV_KINDS[name].columns)
    kind, records, problems = parse_csv("x.csv", text.encode("utf-8-sig"))
    assert problems == [] and kind.name == name
    assert records[0].record == SAMPLE_RECORDS[name]


def test_csv_cells_are_made_safe():
    """Formula-like cells are written with a leading quote."""
    text = write_csv(CSV_KINDS["observations"], [SAMPLE_RECORDS["observations"]])
    assert "'=HYPERLINK(x)" in text


REFLECTION = b"""---
date: 02/03/2025
hours: 0.5
case: SM-2025-014        # optional: the case it reflects on
# a comment line
title: Managing a multi-party meeting
---
What happened ...

So what ... Now what ...
"""
"""A reflection as docs/ARCHITECTURE.md, "Formats" shows it (with a UK date and comments)."""


def test_reflection_front_matter_and_body():
    """Front matter fields are read, comments dropped; the body is the rest."""
    item = parse_reflection("r.md", REFLECTION)
    assert item.record.date == date(2025, 3, 2) and item.record.hours == 0.5
    assert item.record.case == "SM-2025-014" and item.record.title == "Managing a multi-party meeting"
    assert item.record.body == "What happened ...\n\nSo what ... Now what ..."


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ('title: "Case #3: \\"hard\\" talk"  # comment', 'Case #3: "hard" talk'),
        ("title: 'It''s #2'", "It's #2"),
        ("title: plain # comment", "plain"),
    ],
)
def test_quoted_front_matter_values(line, title):
    """Quoted values keep # and quotes; unquoted ones lose a trailing comment."""
    raw = f"---\ndate: 2025-03-02\nhours: 1\n{line}\n---\nbody\n".encode()
    assert parse_reflection("r.md", raw).record.title == title


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"date: 2025-03-02\n", ["r.md:1: front matter: the file must start with a line '---'"]),
        (b"---\ndate: 2025-03-02\n", ["r.md:1: front matter: has no closing '---' line"]),
        (
            b"---\ndate: 2025-03-02\nhours 1\ntitle: T\n---\n",
            ["r.md:3: front matter: 'hours 1' is not a `key: value` line", "r.md:1: hours: is required"],
        ),
        (
            b"---\ndate: 2025-03-02\nhours: 1\ntitle: T\nmood: calm\n---\n",
            ["r.md:5: mood: is not a front matter field"],
        ),
        (
            b"---\ndate: 2025-03-02\ndate: 2025-03-03\nhours: 1\ntitle: T\n---\n",
            ["r.md:3: date: is given twice (also on line 2)"],
        ),
        (
            b"---\ndate: 2025-02-30\nhours: -1\ntitle: T\n---\n",
            ["r.md:2: date: '2025-02-30' is not a real calendar date", "r.md:3: hours: must be hours from more than 0"],
        ),
        (b'---\ndate: 2025-03-02\nhours: 1\ntitle: "open\n---\n', ['r.md:4: title: a value starting with "']),
    ],
)
def test_bad_front_matter_names_line_and_field(raw, expected):
    """Each front matter problem is reported at its line, naming the field."""
    with pytest.raises(ImportProblems) as caught:
        parse_reflection("r.md", raw)
    messages = sorted(str(problem) for problem in caught.value.problems)
    assert len(messages) == len(expected)
    for message, start in zip(messages, sorted(expected)):
        assert message.startswith(start), message


@pytest.mark.parametrize("title", ["Plain title", "Case #3", '"Quoted" start', "'single' start", "colon: inside"])
def test_written_reflection_reads_back(title):
    """A reflection written as Markdown reads back as the same record (apart from its id)."""
    reflection = Reflection.from_dict(
        {
            "id": "abc",
            "date": "2025-03-02",
            "hours": "1.25",
            "title": title,
            "case": "SM-1",
            "body": "# Heading\n\n---\n\nText",
        }
    )
    again = parse_reflection("r.md", reflection_markdown(reflection).encode()).record
    assert again == reflection.with_changes(id="")


def test_reflection_file_names_are_unique():
    """File names come from date and title, numbered when they repeat."""
    reflection = Reflection.from_dict({"date": "2025-03-02", "hours": "1", "title": "What I learnt: #1!"})
    taken: set[str] = set()
    assert file_name(reflection, taken) == "2025-03-02-what-i-learnt-1.md"
    assert file_name(reflection, taken) == "2025-03-02-what-i-learnt-1-2.md"


def test_backup_document_reads_back_to_the_same_folio():
    """A backup holds everything; reading it back gives the same data and the same text again."""
    data = FolioData(
        cases=(SAMPLE_RECORDS["cases"],),
        observations=(SAMPLE_RECORDS["observations"],),
        cpd=(SAMPLE_RECORDS["cpd"].with_changes(id="c1"),),
    )
    text = backup_document(data)
    assert text.endswith("}\n") and '"sendfolio_backup": 1' in text
    again, _ = parse_backup("b.json", text.encode())
    assert again == data and backup_document(again) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[]", "b.json: is not a sendfolio backup"),
        ('{"sendfolio_backup": 2}', "b.json: sendfolio_backup: is 2: this sendfolio reads backup version 1"),
        ('{"sendfolio_backup": 1, "extra": []}', "b.json: extra: is not part of a sendfolio backup"),
        ('{"sendfolio_backup": 1,\n "cases": [}', "b.json:2: is not valid JSON"),
        (
            '{"sendfolio_backup": 1, "cpd": [{"date": "2025-01-01", "hours": 0, "method": "reading", "title": "T"}]}',
            "b.json: cpd[0].hours: must be hours from more than 0",
        ),
    ],
)
def test_bad_backup_says_what_and_where(text, expected):
    """A file that is not a valid backup is refused with the place of the problem."""
    with pytest.raises(ImportProblems) as caught:
        parse_backup("b.json", text.encode())
    assert str(caught.value.problems[0]).startswith(expected)

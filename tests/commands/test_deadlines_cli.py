"""`sendfolio deadlines` on a real folio in a temporary folder: table, --json, --today, --case, --ics."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from sendfolio.cli import main
from sendfolio.domain.records import Case
from sendfolio.store import Folio

PRIVATE_NOTE = "Fictional note: the family asked about transport to Zebra Lane school"
"""Case notes that must never reach the calendar file or the output."""

CASES = [
    dict(
        ref="SM-2025-001",
        date="2025-03-20",
        outcome="agreement",
        decision_notice="2025-02-03",
        adviser_contacted="2025-02-10",
        la_informed="2025-02-12",
        date_fixed="2025-02-20",
        parties_notified="2025-03-10",
        mediation_concluded="2025-03-20",
        certificate_issued="2025-03-25",
        agreement_reached="2025-03-20",
        notes=PRIVATE_NOTE,
    ),
    dict(
        ref="SM-2025-002",
        date="2025-03-27",
        outcome="no-agreement",
        decision_notice="2025-02-20",
        la_informed="2025-03-03",
        health_care=True,
        mediation_concluded="2025-03-27",
        notes=PRIVATE_NOTE,
    ),
    dict(
        ref="SM-2025-003",
        date="2025-04-25",
        outcome="agreement",
        decision_notice="2025-03-14",
        la_informed="2025-03-31",
        date_fixed="2025-04-07",
    ),
    dict(ref="SM-2024-009", date="2024-06-01", outcome="agreement", kind="disagreement-resolution"),
]
"""Fictional cases: on time, late with health care, upcoming, and one with no statutory timeline."""

TODAY = "2025-04-01"
"""The day the tests look from."""


def make_case(raw: dict) -> Case:
    """A fictional lead case from a few timeline fields."""
    base = dict(kind="mediation", role="lead", prep_hours=1, meeting_hours=3, followup_hours=1)
    return Case.from_dict({**base, **raw})


@pytest.fixture
def folio_with_cases(folio_dir):
    """A real folio on disk holding CASES; closed before the command runs."""
    with Folio.open(folio_dir) as folio:
        for raw in CASES:
            folio.put(make_case(raw))
    return folio_dir


def run(folio_dir, *args: str):
    """Run `sendfolio --data-dir DIR deadlines ARGS` in-process."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), "deadlines", *args])


def test_json_shape_and_rows(folio_with_cases):
    """A list of docs/ARCHITECTURE.md, "Formats" objects; hand-checked rows for the late health case."""
    result = run(folio_with_cases, "--json", "--today", TODAY)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(set(row) == {"case", "event", "due", "done", "status", "rule", "source"} for row in rows)
    assert {row["status"] for row in rows} <= {"met", "due", "overdue", "missed", "unknown"}
    assert "SM-2024-009" not in {row["case"] for row in rows}
    late = {row["event"]: row for row in rows if row["case"] == "SM-2025-002"}
    assert (late["health commissioner told"]["due"], late["health commissioner told"]["status"]) == (
        "2025-03-06",
        "overdue",
    )
    assert (late["certificate after mediation"]["due"], late["certificate after mediation"]["status"]) == (
        "2025-04-01",
        "due",
    )
    assert late["mediation held"]["status"] == "met" and late["mediation held"]["done"] == "2025-03-27"
    assert late["parent contacts mediation adviser"]["source"] == "SEND Regulations 2014 reg 33"
    assert rows[0]["status"] == "overdue"


def test_table_lists_overdue_and_upcoming_first(folio_with_cases):
    """Aligned columns, status words, overdue then due, and a count of each status."""
    result = run(folio_with_cases, "--today", TODAY)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["STATUS", "DUE", "CASE", "EVENT", "DONE"]
    assert lines[1].startswith("overdue") and "Thu 06 Mar 2025" in lines[1] and "SM-2025-002" in lines[1]
    table = lines[1 : lines.index("")]
    case_column = lines[0].index("CASE")
    assert all(line[case_column : case_column + 3] == "SM-" for line in table)
    statuses = [line.split()[0] for line in table]
    assert statuses[:3] == ["overdue", "overdue", "due"]
    assert lines[lines.index("") + 1].startswith("2 overdue, ")
    assert PRIVATE_NOTE not in result.output


def test_today_in_uk_format_matches_iso(folio_with_cases):
    """--today accepts DD/MM/YYYY as well as YYYY-MM-DD."""
    assert (
        run(folio_with_cases, "--json", "--today", "01/04/2025").stdout
        == run(folio_with_cases, "--json", "--today", TODAY).stdout
    )


@pytest.mark.parametrize("bad", ["2025-13-01", "1/4/25x", "tomorrow", "31/02/2025"])
def test_bad_today_exits_2_with_one_line(folio_with_cases, bad):
    """A bad --today: exit 2, one line naming the option and the formats allowed."""
    result = run(folio_with_cases, "--today", bad)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--today" in lines[0] and "YYYY-MM-DD or DD/MM/YYYY" in lines[0]


def test_case_option_shows_one_case_with_its_rules(folio_with_cases):
    """--case REF: only that case, and each rule with its source."""
    result = run(folio_with_cases, "--case", "SM-2025-003", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "SM-2025-001" not in result.stdout and "SM-2025-003" in result.stdout
    assert "[advice services' reading (IPSEA, SENDIASS)]" in result.stdout
    rows = json.loads(run(folio_with_cases, "--case", "SM-2025-003", "--json", "--today", TODAY).stdout)
    assert {row["case"] for row in rows} == {"SM-2025-003"}
    parties = next(row for row in rows if row["event"] == "parties told of mediation date")
    assert (parties["due"], parties["status"]) == ("2025-04-16", "due")


def test_unknown_case_exits_2(folio_with_cases):
    """--case with a reference not in the folio: exit 2 naming the option."""
    result = run(folio_with_cases, "--case", "SM-NOPE")
    assert result.exit_code == 2 and "--case" in result.stderr and "SM-NOPE" in result.stderr


def test_missing_folio_exits_2(folio_dir):
    """No folio in the folder: one line saying so, exit 2, and no folio created."""
    result = run(folio_dir, "--today", TODAY)
    assert result.exit_code == 2 and "no folio" in result.stderr
    assert not (folio_dir / "folio.json").exists()


def test_empty_folio_says_so(folio_dir):
    """No cases: a plain sentence, exit 0; --json gives an empty list."""
    Folio.open(folio_dir).close()
    result = run(folio_dir, "--today", TODAY)
    assert result.exit_code == 0 and "No deadlines" in result.stdout
    assert json.loads(run(folio_dir, "--json").stdout) == []


def test_ics_holds_upcoming_deadlines_with_case_refs_only(folio_with_cases, tmp_path):
    """--ics: one all-day event per upcoming deadline, named by case reference, no notes; replaces atomically."""
    out = tmp_path / "deadlines.ics"
    out.write_text("old calendar")
    result = run(folio_with_cases, "--today", TODAY, "--ics", str(out))
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert PRIVATE_NOTE.encode() not in raw and b"Zebra" not in raw
    events = Calendar.from_ical(raw).walk("VEVENT")
    due = [
        row for row in json.loads(run(folio_with_cases, "--json", "--today", TODAY).stdout) if row["status"] == "due"
    ]
    assert len(events) == len(due) > 0
    refs = {case["ref"] for case in CASES}
    for event in events:
        ref, _, what = str(event["SUMMARY"]).partition(": ")
        assert ref in refs and what
        assert event["DTSTART"].dt >= date.fromisoformat(TODAY)
        assert len({event["UID"] for event in events}) == len(events)
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".deadlines.ics")] == []
    assert f"Wrote {len(events)} upcoming deadline{'' if len(events) == 1 else 's'} to" in result.stdout


def test_ics_into_missing_folder_exits_2(folio_with_cases, tmp_path):
    """--ics into a folder that does not exist: exit 2 naming the option."""
    result = run(folio_with_cases, "--ics", str(tmp_path / "nowhere" / "out.ics"))
    assert result.exit_code == 2 and "--ics" in result.stderr


def test_real_command_line(folio_with_cases):
    """The installed entry point, as a mediator's script would call it."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sendfolio",
            "--data-dir",
            str(folio_with_cases),
            "deadlines",
            "--json",
            "--today",
            TODAY,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert {row["case"] for row in json.loads(done.stdout)} == {"SM-2025-001", "SM-2025-002", "SM-2025-003"}


def test_ics_holds_the_practice_dates_renewal_and_governance(folio_with_cases, tmp_path):
    """--ics also holds the re-registration date and the governance register's lapses and reviews."""
    from sendfolio.domain.governance import GovernanceItem
    from sendfolio.domain.records import Profile

    with Folio.open(folio_with_cases) as folio:
        folio.put(Profile.from_dict({"registration_anniversary": "2020-11-01"}))
        folio.put(GovernanceItem.from_dict({"item": "insurance", "due": "2026-06-30", "title": "Cover with Acme"}))
        folio.put(GovernanceItem.from_dict({"item": "safeguarding-policy", "reviewed": "2025-09-15"}))
        folio.put(GovernanceItem.from_dict({"item": "equality-policy", "due": "2020-01-01"}))  # long gone
    out = tmp_path / "practice.ics"
    result = run(folio_with_cases, "--today", TODAY, "--ics", str(out))
    assert result.exit_code == 0, result.output
    assert "and 3 dates of the practice to" in result.stdout
    events = {
        str(event["SUMMARY"]): event["DTSTART"].dt for event in Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    }
    assert events["Insurance cover lapses"] == date(2026, 6, 30)
    assert events["Safeguarding policy due for review"] == date(2026, 9, 15)
    assert events["Annual re-registration as a SEND mediator"] >= date.fromisoformat(TODAY)
    assert b"Acme" not in out.read_bytes()

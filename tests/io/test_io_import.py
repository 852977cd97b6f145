"""`sendfolio import`: real files in tmp_path into a real folio, all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.store import Folio

CASES_CSV = """ref,kind,role,date,prep_hours,meeting_hours,followup_hours,outcome,observed_by,debriefed,issues,notes,decision_notice,adviser_contacted,la_informed,mediation_concluded,certificate_issued
SM-2025-001,mediation,lead,02/03/2025,1.5,3,0.5,agreement,A. Mentor,yes,placement; transport,"First line
second line",06/01/2025,2025-01-10,20/01/2025,2025-03-02,05/03/2025
SM-2025-002,disagreement-resolution,co-mediator,2025-04-01,1,2.25,0,no-agreement,,no,,,,,,,
"""
"""Two cases: UK and ISO dates, the timeline columns of docs/ARCHITECTURE.md, "Formats", a quoted multi-line note."""


def cli(folio_dir: Path, *args: str):
    """Run `sendfolio --data-dir folio_dir ARGS` and return click's result."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args])


def write(folder: Path, name: str, text: str) -> Path:
    """Write a UTF-8 file in `folder` and return its path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def seeded(folio_dir, tmp_path):
    """A folio holding the two cases of CASES_CSV; returns its folder."""
    result = cli(folio_dir, "import", str(write(tmp_path, "seed.csv", CASES_CSV)))
    assert result.exit_code == 0, result.output
    return folio_dir


def test_cases_import_with_uk_and_iso_dates(folio_dir, tmp_path):
    """Cases are saved with every column, whichever way their dates are written."""
    result = cli(folio_dir, "import", str(write(tmp_path, "cases.csv", CASES_CSV)))
    assert result.exit_code == 0, result.output
    assert "cases: 2 added" in result.output
    with Folio.open(folio_dir) as folio:
        first, second = folio.case("SM-2025-001"), folio.case("SM-2025-002")
    assert first.date == date(2025, 3, 2) and first.decision_notice == date(2025, 1, 6)
    assert first.adviser_contacted == date(2025, 1, 10) and first.la_informed == date(2025, 1, 20)
    assert first.mediation_concluded == date(2025, 3, 2) and first.certificate_issued == date(2025, 3, 5)
    assert first.debriefed and first.issues == ("placement", "transport") and first.notes == "First line\nsecond line"
    assert second.kind == "disagreement-resolution" and second.meeting_hours == 2.25 and second.decision_notice is None


def test_cpd_ppc_training_and_observations_import_together(folio_dir, tmp_path):
    """Each other CSV kind imports from its own file, in one call with the cases it refers to."""
    files = [
        write(tmp_path, "cases.csv", CASES_CSV),
        write(
            tmp_path,
            "cpd.csv",
            "\ufeffdate,hours,method,title,provider,learning\n"
            "05/01/2025,2,Reading,SEND Code ch. 11,,Tribunal timescales\n\n"
            "2025-02-10,6.5,training,Refresher day,Example Training Ltd,\n",
        ),
        write(
            tmp_path,
            "ppc.csv",
            "date,ppc,hours,mode,topics,actions\n2025-03-10,R. Example,1,one-to-one,SM-2025-001,Read reg 42\n",
        ),
        write(
            tmp_path,
            "training.csv",
            "kind,title,provider,date,hours,recognised_by,covers\n"
            "foundation,Foundation course,Example Mediation Ltd,01/06/2023,40,CMC,"
            "process-principles;role-play-skills;role-play-assessment;written-assignment\n",
        ),
        write(
            tmp_path,
            "obs.csv",
            "ref,criterion,observer,notes\nSM-2025-001,f1.pm.initial-contact,A. Mentor,Clear opening\n",
        ),
    ]
    result = cli(folio_dir, "import", *map(str, files))
    assert result.exit_code == 0, result.output
    with Folio.open(folio_dir) as folio:
        data = folio.data()
    assert sorted((entry.date, entry.hours, entry.method) for entry in data.cpd) == [
        (date(2025, 1, 5), 2.0, "reading"),
        (date(2025, 2, 10), 6.5, "training"),
    ]
    assert [(session.ppc, session.mode) for session in data.ppc_sessions] == [("R. Example", "one-to-one")]
    assert data.training[0].hours == 40 and len(data.training[0].covers) == 4
    assert [(item.ref, item.criterion, item.observer) for item in data.observations] == [
        ("SM-2025-001", "f1.pm.initial-contact", "A. Mentor"),
    ]
    assert "CPD entries: 2 added" in result.output and "observations: 1 added" in result.output


CPD_HEADER = "date,hours,method,title\n"
"""The required columns of a CPD file."""

BAD_FILES = [
    (
        "bad date",
        "cpd.csv",
        CPD_HEADER + "2025-01-01,1,reading,ok\n5th March,1,reading,x\n",
        "cpd.csv:3: date: '5th March' is not a date: write YYYY-MM-DD or DD/MM/YYYY",
    ),
    (
        "impossible date",
        "cpd.csv",
        CPD_HEADER + "31/04/2025,1,reading,x\n",
        "cpd.csv:2: date: '31/04/2025' is not a real calendar date",
    ),
    (
        "negative hours",
        "cpd.csv",
        CPD_HEADER + "2025-01-01,-2,reading,x\n",
        "cpd.csv:2: hours: must be hours from more than 0",
    ),
    ("text hours", "cpd.csv", CPD_HEADER + "2025-01-01,two,reading,x\n", "cpd.csv:2: hours: 'two' is not a number"),
    (
        "bad choice",
        "cpd.csv",
        CPD_HEADER + "2025-01-01,1,podcast,x\n",
        "cpd.csv:2: method: 'podcast' is not allowed: use one of training",
    ),
    (
        "missing required column",
        "cpd.csv",
        "date,hours,title\n2025-01-01,1,x\n",
        "cpd.csv:1: method: required column is missing (a cpd CSV needs date, hours, method, title)",
    ),
    (
        "unknown column",
        "cpd.csv",
        "date,hours,method,title,mood\n2025-01-01,1,reading,x,calm\n",
        "cpd.csv:1: mood: is not a column of a cpd CSV: allowed columns are date, hours, method, title, provider, learning",
    ),
    ("missing required cell", "cpd.csv", CPD_HEADER + "2025-01-01,1,reading,\n", "cpd.csv:2: title: is required"),
    (
        "unknown criterion",
        "obs.csv",
        "ref,criterion\nSM-2025-001,f9.pm.made-up\n",
        "obs.csv:2: criterion: 'f9.pm.made-up' is not a criterion id: see `sendfolio criteria`",
    ),
    (
        "observation for unknown case",
        "obs.csv",
        "ref,criterion\nSM-2099-999,f1.pm.initial-contact\n",
        "obs.csv:2: ref: no case 'SM-2099-999' in the folio or in this import",
    ),
    (
        "bad front matter",
        "r.md",
        "---\ndate: 2025-03-02\nhours: 1\ntitle: T\nmood: calm\n---\nbody\n",
        "r.md:5: mood: is not a front matter field: use date, hours, case, title, cpd",
    ),
    (
        "reflection on unknown case",
        "r.md",
        "---\ndate: 2025-03-02\nhours: 1\ncase: SM-0\ntitle: T\n---\n",
        "r.md:4: case: no case 'SM-0' in the folio or in this import",
    ),
    (
        "too many cells",
        "cpd.csv",
        CPD_HEADER + "2025-01-01,1,reading,Books, and more\n",
        "cpd.csv:2: row: has a value in column 5, which has no name in the header",
    ),
    (
        "repeated case",
        "cases.csv",
        CASES_CSV + "SM-2025-002,mediation,lead,2025-05-01,1,1,1,agreement,,,,,,,,,\n",
        "cases.csv:5: ref: 'SM-2025-002' is given twice (also at line 4)",
    ),
    ("unsupported file", "notes.txt", "hello\n", "notes.txt: is not a .csv, .md, .json or .pdf file"),
]
"""(what, file name, content, expected message) for each class of bad value."""


@pytest.mark.parametrize(("what", "name", "content", "expected"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_value_is_reported_and_nothing_saved(seeded, tmp_path, what, name, content, expected):
    """A bad value gives `file:line: column: problem` on stderr, exit 2, and the folio file is unchanged."""
    before = (seeded / "folio.json").read_bytes()
    path = write(tmp_path, name, content)
    result = CliRunner().invoke(main, ["--data-dir", str(seeded), "import", str(path)])
    assert result.exit_code == 2
    assert str(path) + expected.removeprefix(name) in result.stderr, result.stderr
    assert "nothing was imported" in result.stderr
    assert (seeded / "folio.json").read_bytes() == before


def test_every_problem_in_every_file_is_listed(seeded, tmp_path):
    """Problems are collected across rows and files, each with its own line."""
    cpd = write(tmp_path, "cpd.csv", CPD_HEADER + "2025-13-01,1,reading,x\n2025-01-01,x,reading,y\n")
    obs = write(tmp_path, "obs.csv", "ref,criterion\nSM-2025-001,nope.nope\n")
    result = cli(seeded, "import", str(cpd), str(obs))
    lines = [line for line in result.stderr.splitlines() if not line.startswith("sendfolio:")]
    assert lines == [
        f"{cpd}:2: date: '2025-13-01' is not a real calendar date",
        f"{cpd}:3: hours: 'x' is not a number: write hours as a decimal, e.g. 1.5",
        f"{obs}:2: criterion: 'nope.nope' is not a criterion id: see `sendfolio criteria`",
    ]


def test_one_bad_file_stops_the_whole_import(seeded, tmp_path):
    """Good files imported in the same call as a bad one are not saved either."""
    before = (seeded / "folio.json").read_bytes()
    good = write(tmp_path, "ppc.csv", "date,ppc,hours,mode\n2025-03-10,R. Example,1,group\n")
    bad = write(tmp_path, "cpd.csv", CPD_HEADER + "2025-01-01,1,reading,\n")
    result = cli(seeded, "import", str(good), str(bad))
    assert result.exit_code == 2 and (seeded / "folio.json").read_bytes() == before


def test_dry_run_reports_and_saves_nothing(seeded, tmp_path):
    """A dry run counts what would be imported and leaves the folio file as it was."""
    before = (seeded / "folio.json").read_bytes()
    cpd = write(tmp_path, "cpd.csv", CPD_HEADER + "2025-01-01,1,reading,x\n2025-01-02,1,reading,y\n")
    result = cli(seeded, "import", "--dry-run", str(cpd))
    assert result.exit_code == 0 and "nothing was saved" in result.output and "CPD entries: 2 added" in result.output
    assert (seeded / "folio.json").read_bytes() == before


def test_dry_run_does_not_create_a_folio(folio_dir, tmp_path):
    """A dry run into a folder without a folio leaves the folder empty."""
    result = cli(folio_dir, "import", "--dry-run", str(write(tmp_path, "cases.csv", CASES_CSV)))
    assert result.exit_code == 0 and "cases: 2 added" in result.output
    assert list(folio_dir.iterdir()) == []


def test_dry_run_reports_problems_too(seeded, tmp_path):
    """A dry run of a bad file fails like a real import."""
    result = cli(seeded, "import", "--dry-run", str(write(tmp_path, "cpd.csv", CPD_HEADER + "x,1,reading,t\n")))
    assert result.exit_code == 2 and "cpd.csv:2: date:" in result.stderr


def test_importing_the_same_file_again_changes_nothing(seeded, tmp_path):
    """Records already in the folio are counted as unchanged, not added twice."""
    cpd = write(tmp_path, "cpd.csv", CPD_HEADER + "2025-01-01,1,reading,x\n")
    assert cli(seeded, "import", str(cpd)).exit_code == 0
    again = cli(seeded, "import", str(cpd), str(write(tmp_path, "cases.csv", CASES_CSV)))
    assert "CPD entries: 1 unchanged" in again.output and "cases: 2 unchanged" in again.output
    with Folio.open(seeded) as folio:
        assert len(folio.cpd()) == 1


def test_updating_a_case_keeps_the_columns_the_file_lacks(seeded, tmp_path):
    """A short cases file updates the columns it has and keeps the case's other fields."""
    short = write(
        tmp_path,
        "cases.csv",
        "ref,kind,role,date,prep_hours,meeting_hours,followup_hours,outcome\n"
        "SM-2025-001,mediation,lead,02/03/2025,2,3,0.5,agreement\n",
    )
    result = cli(seeded, "import", str(short))
    assert "cases: 1 updated" in result.output, result.output
    with Folio.open(seeded) as folio:
        case = folio.case("SM-2025-001")
    assert (
        case.prep_hours == 2 and case.notes == "First line\nsecond line" and case.certificate_issued == date(2025, 3, 5)
    )


def test_a_case_update_that_breaks_the_timeline_is_refused(seeded, tmp_path):
    """Merged with the case in the folio, a date out of order is reported at the file's line."""
    bad = write(
        tmp_path,
        "cases.csv",
        "ref,kind,role,date,prep_hours,meeting_hours,followup_hours,outcome,decision_notice\n"
        "SM-2025-001,mediation,lead,02/03/2025,2,3,0.5,agreement,2025-02-01\n",
    )
    result = cli(seeded, "import", str(bad))
    assert result.exit_code == 2
    assert (
        f"{bad}:2: adviser_contacted: the mediation adviser cannot be contacted before the decision notice"
        in result.stderr
    )


def test_backup_is_refused_with_other_files(seeded, tmp_path):
    """A backup restores the whole folio, so it cannot be mixed with CSV files."""
    backup = tmp_path / "b.json"
    assert cli(seeded, "export", str(backup)).exit_code == 0
    result = cli(seeded, "import", "--replace", str(backup), str(write(tmp_path, "cases.csv", CASES_CSV)))
    assert result.exit_code == 2 and "import it on its own" in result.stderr


def test_backup_does_not_replace_records_without_replace(seeded, tmp_path):
    """Restoring into a folio that holds records needs --replace; with it, the folio is the backup."""
    backup = tmp_path / "b.json"
    backup.write_text('{"sendfolio_backup": 1}\n', encoding="utf-8")
    before = (seeded / "folio.json").read_bytes()
    refused = cli(seeded, "import", str(backup))
    assert refused.exit_code == 2 and "--replace" in refused.stderr
    assert (seeded / "folio.json").read_bytes() == before
    done = cli(seeded, "import", "--replace", str(backup))
    assert done.exit_code == 0, done.output
    with Folio.open(seeded) as folio:
        assert folio.is_empty()


def test_missing_file_is_reported(folio_dir, tmp_path):
    """A file that does not exist is named."""
    result = cli(folio_dir, "import", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2 and f"{tmp_path / 'nope.csv'}: does not exist" in result.stderr


def test_backup_restores_a_reflection_whose_case_was_deleted(folio_dir, tmp_path):
    """A backup is restored as the folio held it, even a reflection naming a case no longer kept."""
    backup = tmp_path / "b.json"
    backup.write_text(
        '{"sendfolio_backup": 1, "reflections": [{"id": "r1", "date": "2025-03-02", "hours": 1, "title": "T",'
        ' "case": "SM-GONE", "body": "", "cpd": ""}]}\n',
        encoding="utf-8",
    )
    result = cli(folio_dir, "import", str(backup))
    assert result.exit_code == 0, result.stderr
    with Folio.open(folio_dir) as folio:
        assert folio.reflections()[0].case == "SM-GONE"


def test_backup_with_a_case_twice_is_refused(folio_dir, tmp_path):
    """Two cases with one reference cannot be restored; nothing is saved."""
    case = (
        '{"ref": "SM-1", "kind": "mediation", "role": "lead", "date": "2025-01-01", "prep_hours": 1,'
        ' "meeting_hours": 1, "followup_hours": 1, "outcome": "agreement"}'
    )
    backup = write(tmp_path, "b.json", f'{{"sendfolio_backup": 1, "cases": [{case}, {case}]}}\n')
    result = cli(folio_dir, "import", str(backup))
    assert result.exit_code == 2
    assert f"{backup}: cases[1].ref: 'SM-1' is given twice (also at cases[0])" in result.stderr


def test_header_names_are_read_loosely(folio_dir, tmp_path):
    """Header cells are matched ignoring case, spaces around them, and spaces for underscores."""
    cases = write(
        tmp_path,
        "cases.csv",
        "Ref, Kind ,Role,Date,Prep Hours,Meeting_Hours,FOLLOWUP_HOURS,Outcome\n"
        "SM-1,mediation,lead,2025-01-01,1,1,1,agreement\n",
    )
    result = cli(folio_dir, "import", str(cases))
    assert result.exit_code == 0, result.stderr

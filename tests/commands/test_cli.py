"""The command line of docs/ARCHITECTURE.md, "Command line" as a user meets it: demo, check, criteria, import and help.

Every test runs the real commands on a real folio in a temporary folder, in-process through
click's CliRunner or as `python -m sendfolio` in a subprocess. A complete folio is built the
way a mediator would: CSV files and Markdown reflections through `sendfolio import`, and the
profile and PPC verification (which have no CSV kind) through the Folio.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.domain.criteria import CRITERIA
from sendfolio.domain.records import Profile, Verification
from sendfolio.domain.standards import RULE_SET
from sendfolio.store import Folio

TODAY = "2025-12-01"
"""The day the complete folio is checked on."""

YEAR = "2025"
"""The registration year checked (no anniversary in the profile: the calendar year)."""

ACCREDITATION_IDS = (
    "foundation.hours",
    "foundation.content",
    "foundation.provider",
    "send-training.hours",
    "send-training.provider",
    "send-training.modules",
    "practice.casework-hours",
    "practice.reflection-hours",
    "practice.cases",
    "practice.final-lead",
    "practice.debriefs",
    "practice.criteria-coverage",
    "ppc.verification",
    "membership.body",
)
"""The accreditation rule ids of docs/ARCHITECTURE.md, "Rule ids", in order."""

RENEWAL_IDS = ("renewal.cpd-hours", "renewal.cases", "renewal.supervision", "renewal.learning")
"""The re-registration rule ids of docs/ARCHITECTURE.md, "Rule ids", in order."""

REQUIREMENT_KEYS = ["id", "title", "source", "need", "have", "met", "detail"]
"""The keys of each requirement in `check --json` (docs/ARCHITECTURE.md, "Formats")."""

PPC = "Dr Ada Quill"
"""The fictional PPC who observes the led case and verifies the portfolio."""

TRAINING_CSV = """kind,title,provider,date,hours,recognised_by,covers
foundation,Foundation in mediation,Fictional Mediation School,15/01/2024,40,CMC,process-principles;role-play-skills;role-play-assessment;written-assignment
send,SEND mediation,Fictional SEND Academy,2024-06-03,12,COM,legislative-framework;send-context;mediation-practice;local-processes
"""
"""Foundation (UK date) and SEND training (ISO date) that meet every training rule."""

CASES_CSV = f"""ref,kind,role,date,prep_hours,meeting_hours,followup_hours,outcome,observed_by,debriefed,issues
SM-T-001,mediation,observer,20/01/2025,1,3,0.5,agreement,,no,placement
SM-T-002,mediation,co-mediator,2025-03-10,1,3,0.5,agreement,Lead mediator,yes,provision;therapy
SM-T-003,disagreement-resolution,co-mediator,10/06/2025,1,3,0.5,partial-agreement,Lead mediator,yes,transport
SM-T-004,mediation,lead,2025-09-15,1,3,0.5,agreement,{PPC},yes,health provision
"""
"""An observed case, then three active cases with the last one led and observed by the PPC."""

CPD_CSV = """date,hours,method,title,provider,learning
2025-02-01,8,training,Post-16 duties,Fictional SEND Academy,
01/05/2025,6,reading,Code of practice chapter 11,,Read twice
2025-10-01,6,conference,Regional SEND conference,Fictional network,
"""
"""20 hours of CPD in 2025."""

PPC_CSV = f"""date,ppc,hours,mode,topics,actions
2025-04-01,{PPC},1,one-to-one,casework;reflection,
2025-09-15,{PPC},4,observation,observed SM-T-004,
"""
"""PPC sessions in 2025, one of them the observation of the led case."""

REFLECTION = """---
date: {date}
hours: 1
case: {case}        # the case it reflects on
title: Reflection on {case}
---
What happened ... So what ... Now what ...
"""
"""A reflection file; two of them give the 2 hours of reflection."""


def invoke(data_dir: Path, *args: str):
    """Run `sendfolio --data-dir DIR ARGS` in-process and return click's result."""
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], prog_name="sendfolio")


def run_module(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python -m sendfolio ARGS` in a subprocess, as a script would."""
    return subprocess.run(
        [sys.executable, "-m", "sendfolio", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def observations_csv() -> str:
    """Every criterion of Forms 1–3, shown in turn over the three practice cases."""
    refs = ("SM-T-002", "SM-T-003", "SM-T-004")
    rows = [f"{refs[index % 3]},{criterion.id},{PPC}," for index, criterion in enumerate(CRITERIA)]
    return "ref,criterion,observer,notes\n" + "\n".join(rows) + "\n"


def write_import_files(folder: Path) -> list[Path]:
    """Every import file of the complete folio, written into `folder`."""
    files = {
        "training.csv": TRAINING_CSV,
        "cases.csv": CASES_CSV,
        "cpd.csv": CPD_CSV,
        "ppc.csv": PPC_CSV,
        "observations.csv": observations_csv(),
        "first.md": REFLECTION.format(date="12/03/2025", case="SM-T-002"),
        "second.md": REFLECTION.format(date="2025-09-20", case="SM-T-004"),
    }
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in files]


@pytest.fixture
def complete_folio(folio_dir, tmp_path):
    """A folio meeting every requirement of 2025, built through `sendfolio import`."""
    result = invoke(folio_dir, "import", *map(str, write_import_files(tmp_path / "files")))
    assert result.exit_code == 0, result.output
    with Folio.open(folio_dir) as folio:
        folio.put(Profile.from_dict({"name": "Sam Fictional", "membership_body": "COM", "membership_number": "COM-1"}))
        folio.put(
            Verification.from_dict(
                {
                    "name": PPC,
                    "register": "College of Mediators PPC register",
                    "role": "PPC",
                    "date": "2025-10-01",
                }
            )
        )
    return folio_dir


def test_demo_then_check_shows_every_requirement_and_exits_1(folio_dir):
    """`sendfolio demo && sendfolio check`: every rule with need, have and met; not all met, so 1."""
    demo = run_module("--data-dir", str(folio_dir), "demo")
    assert demo.returncode == 0, demo.stderr
    checked = run_module("--data-dir", str(folio_dir), "check")
    assert checked.returncode == 1, checked.stderr
    for rule_id in ACCREDITATION_IDS + RENEWAL_IDS:
        block = checked.stdout.split(f"] {rule_id} — ", 1)[1].split("\n  [", 1)[0]
        assert "need: " in block and "have: " in block, rule_id
    assert checked.stdout.count("[met]") + checked.stdout.count("[NOT]") == len(ACCREDITATION_IDS + RENEWAL_IDS)
    assert "[NOT]" in checked.stdout and checked.stderr == ""


def test_demo_refuses_a_folder_that_holds_a_folio(demo_folio):
    """A second demo would mix with real records: refused with one line, exit 2."""
    demo_folio.close()
    result = invoke(demo_folio.data_dir, "demo")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "already holds a folio" in result.stderr


def test_complete_folio_passes_check_with_exit_0(complete_folio):
    """The hand-built complete folio meets every requirement of accreditation and of 2025."""
    result = invoke(complete_folio, "check", "--today", TODAY, "--year", YEAR)
    assert result.exit_code == 0, result.output
    assert "[NOT]" not in result.stdout and result.stdout.count("[met]") == len(ACCREDITATION_IDS + RENEWAL_IDS)


def test_check_json_has_exactly_the_design_shape(complete_folio):
    """`check --json`: one object with exactly the keys of docs/ARCHITECTURE.md, "Formats", the rule ids of §2 in order."""
    result = invoke(complete_folio, "check", "--json", "--today", TODAY, "--year", YEAR)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert list(report) == ["rule_set", "as_of", "accreditation", "renewal", "practice", "evidence"]
    assert list(report["practice"]) == ["reminders", "conduct_gaps", "feedback"]
    assert report["evidence"] and all(
        list(item) == ["case", "came_in", "disagreements", "gaps_without_need"] for item in report["evidence"]
    )
    assert report["rule_set"] == RULE_SET.name and report["as_of"] == TODAY
    assert list(report["accreditation"]) == ["met", "requirements"]
    assert list(report["renewal"]) == ["year_start", "year_end", "met", "requirements"]
    assert (report["renewal"]["year_start"], report["renewal"]["year_end"]) == ("2025-01-01", "2025-12-31")
    assert [item["id"] for item in report["accreditation"]["requirements"]] == list(ACCREDITATION_IDS)
    assert [item["id"] for item in report["renewal"]["requirements"]] == list(RENEWAL_IDS)
    for item in report["accreditation"]["requirements"] + report["renewal"]["requirements"]:
        assert list(item) == REQUIREMENT_KEYS and item["met"] is True
        assert all(isinstance(item[key], str) for key in REQUIREMENT_KEYS if key != "met")


def test_check_json_exit_1_when_a_year_is_not_met(complete_folio):
    """The same folio judged on 2024 (no CPD, no cases that year) exits 1 and says so in JSON."""
    result = invoke(complete_folio, "check", "--json", "--today", TODAY, "--year", "2024")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["accreditation"]["met"] is True and report["renewal"]["met"] is False


@pytest.mark.parametrize("year", ["abc", "0", "1800", "20250"])
def test_bad_year_exits_2_with_one_line(complete_folio, year):
    """A --year that is no registration year: exit 2, one line on stderr naming --year, no output."""
    result = invoke(complete_folio, "check", "--year", year)
    assert result.exit_code == 2
    assert result.stdout == "" and result.stderr.count("\n") == 1 and "--year" in result.stderr


def test_bad_year_is_reported_before_looking_for_a_folio(tmp_path):
    """Bad usage is said first, even where there is no folio yet."""
    result = invoke(tmp_path / "none", "check", "--year", "1800")
    assert result.exit_code == 2 and "--year" in result.stderr


def test_check_without_a_folio_says_how_to_start(tmp_path):
    """No folio in the folder: exit 2 with one line naming the folder, and no folio is created."""
    result = invoke(tmp_path / "empty", "check")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert str(tmp_path / "empty") in result.stderr and not (tmp_path / "empty").exists()


def test_criteria_json_lists_every_criterion():
    """`criteria --json`: every criterion id with its form, form title, section and text."""
    result = CliRunner().invoke(main, ["criteria", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == [item.id for item in CRITERIA]
    for row, item in zip(rows, CRITERIA):
        assert row == {
            "id": item.id,
            "form": item.form,
            "form_title": item.form_title,
            "section": item.section,
            "text": item.text,
        }
    assert {row["form"] for row in rows} == {1, 2, 3}


def test_criteria_table_shows_each_id_and_section():
    """`criteria` without --json: each id with its text, under its form and section."""
    result = CliRunner().invoke(main, ["criteria"])
    assert result.exit_code == 0
    assert all(item.id in result.stdout and item.text in result.stdout for item in CRITERIA)
    assert "Form 3" in result.stdout and "De-brief and Supervision" in result.stdout


def test_module_help_lists_the_design_commands():
    """`python -m sendfolio --help` works and lists every command of docs/ARCHITECTURE.md, "Command line"."""
    result = run_module("--help")
    assert result.returncode == 0, result.stderr
    for command in ("demo", "import", "export", "check", "portfolio", "renewal", "passport", "deadlines", "criteria"):
        assert f"\n  {command} " in result.stdout, command
    assert "--data-dir" in result.stdout


@pytest.mark.parametrize("command", ["demo", "import", "export", "check", "criteria"])
def test_each_command_has_help(command):
    """Each command's --help describes it and exits 0."""
    result = CliRunner().invoke(main, [command, "--help"], prog_name="sendfolio")
    assert result.exit_code == 0 and f"Usage: sendfolio {command}" in result.stdout


def test_corrupt_folio_exits_2_with_one_line_and_no_traceback(folio_dir):
    """A broken folio.json: one line naming the file, exit 2, and the file left as it was."""
    broken = '{"cases": {"1": {"ref": "SM-1", '
    (folio_dir / "folio.json").write_text(broken, encoding="utf-8")
    for args in (["check"], ["demo"], ["export", str(folio_dir.parent / "out.json")]):
        result = run_module("--data-dir", str(folio_dir), *args)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1 and "folio.json" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr + result.stdout
    assert (folio_dir / "folio.json").read_text(encoding="utf-8") == broken


def test_folio_file_that_is_a_folder_exits_2_with_one_line(folio_dir):
    """folio.json is a folder (a slip in a file manager): one line, exit 2, no traceback."""
    (folio_dir / "folio.json").mkdir()
    result = run_module("--data-dir", str(folio_dir), "check")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "folio.json" in result.stderr and "Traceback" not in result.stderr


def test_data_dir_comes_from_the_option_then_the_environment_then_the_user_folder(tmp_path):
    """--data-dir wins over $SENDFOLIO_DATA_DIR, which wins over the platform's user data folder."""
    option, env, home = tmp_path / "option", tmp_path / "env", tmp_path / "home"
    assert run_module("--data-dir", str(option), "demo", env={"SENDFOLIO_DATA_DIR": str(env)}).returncode == 0
    assert (option / "folio.json").exists() and not env.exists()
    assert run_module("demo", env={"SENDFOLIO_DATA_DIR": str(env)}).returncode == 0
    assert (env / "folio.json").exists()
    plain = {"SENDFOLIO_DATA_DIR": "", "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    result = run_module("demo", env=plain)
    assert result.returncode == 0, result.stderr
    found = [path.parent for path in home.rglob("folio.json")]
    assert len(found) == 1 and found[0].name == "sendfolio", found

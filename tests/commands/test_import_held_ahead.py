"""An import refuses a case marked held whose date has not come, in one line naming the field."""

from __future__ import annotations

from datetime import date, timedelta

from click.testing import CliRunner

from sendfolio.cli import main


def test_an_import_refuses_a_held_case_before_its_date_in_one_line(folio_dir, tmp_path):
    """The CLI import names the file, line and field, and imports nothing."""
    ahead = date.today() + timedelta(days=30)
    columns = "ref,kind,role,date,prep_hours,meeting_hours,followup_hours,outcome"
    path = tmp_path / "cases.csv"
    path.write_text(
        f"{columns}\nSM-F-001,mediation,lead,2025-03-02,1,3,0.5,agreement\n"
        f"SM-F-002,mediation,lead,{ahead.isoformat()},1,3,0.5,agreement\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["--data-dir", str(folio_dir), "import", str(path)])
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if "SM-F" in line or "status" in line]
    assert f"{path}:3: status: a case dated" in line and "cannot be held yet: choose Booked" in line
    assert "SM-F-001" not in CliRunner().invoke(main, ["--data-dir", str(folio_dir), "list", "cases"]).output
    path.write_text(
        f"{columns}\nSM-F-001,mediation,lead,2025-03-02,1,3,0.5,agreement\n"
        f"SM-F-002,mediation,lead,{ahead.isoformat()},1,,,\n",
        encoding="utf-8",
    )
    assert CliRunner().invoke(main, ["--data-dir", str(folio_dir), "import", str(path)]).exit_code == 0

"""The privacy gate in the types: the output functions take only what the gate released.

Everything that leaves the machine (the PDFs and their HTML, CSV and Markdown exports, the
observer's forms, the deadlines calendar) is made from a `ClearedFolio`, which only
`privacy.gate` makes. Checked three ways: mypy refuses plain `FolioData`, the functions refuse it
at run time, and only the gate's module holds the token that makes a `ClearedFolio`.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sendfolio.domain.cleared import ClearedFolio, NotCleared
from sendfolio.domain.records import FolioData, Profile
from sendfolio.io.calendar import calendar_bytes
from sendfolio.io.exporter import export_csv, export_reflections
from sendfolio.portfolio.api import compile_passport, compile_portfolio, compile_renewal, compile_review
from sendfolio.portfolio.observer_forms import build_forms
from sendfolio.privacy import PrivacyFindings
from sendfolio.privacy.gate import release, release_records

ROOT = Path(__file__).resolve().parents[2]
"""The repository."""

TODAY = date(2026, 11, 29)
"""The compile date."""

DOORS = {
    "portfolio": lambda data, out: compile_portfolio(data, out / "p.pdf", as_of=TODAY, html_out=out / "p.html"),
    "renewal": lambda data, out: compile_renewal(data, 2026, out / "r.pdf", as_of=TODAY),
    "passport": lambda data, out: compile_passport(data, out / "f5.pdf", as_of=TODAY),
    "review": lambda data, out: compile_review(data, 2026, out / "review.pdf", as_of=TODAY),
    "csv": lambda data, out: export_csv(data, "cases", out / "cases.csv", out / "folio" / "folio.json"),
    "markdown": lambda data, out: export_reflections(data, out / "md", out / "folio" / "folio.json"),
    "forms": lambda data, out: build_forms(data, None, (1, 2, 3)),
    "calendar": lambda data, out: (out / "d.ics").write_bytes(calendar_bytes(data, TODAY, datetime.now(UTC))),
}
"""Every output function, called as its service calls it, writing into the folder `out`."""


def plain() -> FolioData:
    """Records that never went through the gate."""
    return FolioData(profile=Profile.from_dict({"name": "Test Mediator"}))


@pytest.mark.parametrize("door", sorted(DOORS))
def test_every_output_refuses_records_the_gate_did_not_release(tmp_path, door):
    """Plain records are refused at run time, naming the gate; nothing is written."""
    with pytest.raises(NotCleared, match="privacy gate"):
        DOORS[door](plain(), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_only_the_gate_makes_a_cleared_folio():
    """Without the gate's token the constructor refuses; only privacy/gate.py names the token."""
    with pytest.raises(NotCleared):
        ClearedFolio(plain(), None, token=object())
    holders = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "sendfolio").rglob("*.py")
        if "_GATE" in path.read_text(encoding="utf-8")
    )
    assert holders == ["sendfolio/domain/cleared.py", "sendfolio/privacy/gate.py"]


def test_released_records_print(tmp_path):
    """What the gate released goes through every door (the runtime guard lets it pass)."""
    cleared = release_records(plain())
    for door in ("csv", "markdown", "forms", "calendar"):
        DOORS[door](cleared, tmp_path)
    assert (tmp_path / "cases.csv").exists() and (tmp_path / "d.ics").exists()


def test_the_gate_refuses_while_a_finding_is_open(folio_dir):
    """The gate itself: an open finding, and no ClearedFolio is made."""
    from sendfolio.domain.records import Reflection
    from sendfolio.store import Folio

    with Folio.open(folio_dir) as folio:
        folio.put(
            Reflection.from_dict({"date": "2026-03-01", "hours": "1", "title": "Call", "body": "Ring 07700 900123."})
        )
        with pytest.raises(PrivacyFindings):
            release(folio)
    with pytest.raises(PrivacyFindings):
        release_records(folio.data())


def test_mypy_refuses_plain_records_at_every_door(tmp_path):
    """The type checker sees the gate: each output function given `FolioData` is an error."""
    snippet = tmp_path / "doors.py"
    snippet.write_text(
        textwrap.dedent(
            """
            from datetime import UTC, date, datetime
            from pathlib import Path

            from sendfolio.domain.records import FolioData
            from sendfolio.io.calendar import calendar_bytes
            from sendfolio.io.exporter import export_csv, export_reflections
            from sendfolio.portfolio.api import compile_passport, compile_portfolio, compile_renewal, compile_review
            from sendfolio.portfolio.observer_forms import build_forms

            data = FolioData()
            out = Path("out")
            compile_portfolio(data, out)
            compile_renewal(data, 2026, out)
            compile_passport(data, out)
            compile_review(data, 2026, out)
            export_csv(data, "cases", out, out)
            export_reflections(data, out, out)
            build_forms(data, None, (1,))
            calendar_bytes(data, date.today(), datetime.now(UTC))
            """
        )
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--follow-imports=silent", str(snippet)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    refused = [line for line in done.stdout.splitlines() if '"FolioData"; expected "ClearedFolio"' in line]
    assert len(refused) == 8, done.stdout + done.stderr

"""A renewal pack for a registration year before the mediator's accreditation says so; the year in
which accreditation fell says when it was. Real folios on disk, real PDFs read back with pypdf."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner
from pypdf import PdfReader

from sendfolio.cli import main
from sendfolio.samples.demo import write_demo
from sendfolio.store import Folio
from sendfolio.store.storage import SCHEMA
from sendfolio.tui.screens.profile import profile_text

TODAY = date(2026, 11, 29)
"""The day the demo is written around and compiled on (its registration years start on 1 April)."""

BEFORE = "This registration year ended before the mediator was accredited as a SEND mediator on 15 June 2026."


def renewal_text(folio_dir, year: int, out) -> str:
    """The renewal pack of `year` compiled through the CLI, its words on one line."""
    args = ["--data-dir", str(folio_dir), "renewal", "--year", str(year), "-o", str(out), "--date", TODAY.isoformat()]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(out)).pages).split())


def test_a_year_before_accreditation_says_so_and_the_year_of_it_says_when(tmp_path):
    folio_dir = tmp_path / "folio"
    with Folio.open(folio_dir) as folio:
        write_demo(folio, TODAY)
        folio.put(folio.profile().with_changes(accredited_on="2026-06-15"))
    with Folio.open(folio_dir, readonly=True) as folio:
        assert folio.profile().accredited_on == date(2026, 6, 15)  # kept on disk
    assert json.loads((folio_dir / "folio.json").read_text())["sendfolio"]["schema"] == SCHEMA >= 8
    before = renewal_text(folio_dir, 2025, tmp_path / "2025.pdf")
    assert BEFORE in before and "not as evidence for re-registration" in before
    assert "Accredited 15 June 2026" in before
    during = renewal_text(folio_dir, 2026, tmp_path / "2026.pdf")
    assert BEFORE not in during
    assert "accredited as a SEND mediator on 15 June 2026, during this registration year" in during


def test_without_a_date_of_accreditation_the_pack_says_it_is_not_recorded(tmp_path):
    folio_dir = tmp_path / "folio"
    with Folio.open(folio_dir) as folio:
        write_demo(folio, TODAY)
        assert "Accredited: not yet recorded" in profile_text(folio.profile())
    whole = renewal_text(folio_dir, 2025, tmp_path / "2025.pdf")
    assert "Date of accreditation not recorded" in whole and "before the mediator was accredited" not in whole

"""Fixtures of the portfolio tests: the demo's portfolio, compiled once per run and read by several modules."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from tests.helpers.dates import FIXED_TODAY
from tests.helpers.shared import built_once


def _compile_demo(folder: Path) -> None:
    """Write the demo with `sendfolio demo` and compile its portfolio with `sendfolio portfolio` on FIXED_TODAY."""
    day = FIXED_TODAY.isoformat()
    for args in (
        ["--data-dir", str(folder / "folio"), "demo", "--today", day],
        ["--data-dir", str(folder / "folio"), "portfolio", "-o", str(folder / "portfolio.pdf"), "--date", day],
    ):
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    (folder / "said.txt").write_text(result.output, encoding="utf-8")


@pytest.fixture(scope="session")
def demo_portfolio(tmp_path_factory, worker_id) -> tuple[Path, str]:
    """The demo folio's portfolio (a draft) compiled through the CLI, and what the command printed.

    Read only: compiled once for the whole run, whichever worker runs the test.
    """
    folder = built_once(tmp_path_factory, worker_id, "demo-portfolio", _compile_demo)
    return folder / "portfolio.pdf", (folder / "said.txt").read_text(encoding="utf-8")

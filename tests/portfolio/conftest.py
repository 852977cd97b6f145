"""Fixtures of the portfolio tests: the demo's portfolio, and the completed demo's, each compiled once per run
and read by several modules."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from tests.helpers.dates import FIXED_TODAY
from tests.helpers.folios import complete_demo
from tests.helpers.shared import built_once, worker


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
def demo_portfolio(tmp_path_factory) -> tuple[Path, str]:
    """The demo folio's portfolio (a draft) compiled through the CLI, and what the command printed.

    Read only: compiled once for the whole run, whichever worker runs the test.
    """
    folder = built_once(tmp_path_factory, worker(), "demo-portfolio", _compile_demo)
    return folder / "portfolio.pdf", (folder / "said.txt").read_text(encoding="utf-8")


def _compile_completed(folder: Path) -> None:
    """Write the demo, complete it (`complete_demo`) and compile its portfolio as PDF/UA through the Python API
    on FIXED_TODAY; what the compile returned is kept beside it (result.json)."""
    from sendfolio.portfolio.api import compile_portfolio
    from sendfolio.privacy.gate import release
    from sendfolio.samples.demo import write_demo
    from sendfolio.store import Folio

    with Folio.open(folder / "folio") as folio:
        write_demo(folio, FIXED_TODAY)
        complete_demo(folio)
        result = compile_portfolio(release(folio), folder / "portfolio.pdf", as_of=FIXED_TODAY, pdf_ua=True)
    said = {**dataclasses.asdict(result), "path": result.path.name}
    (folder / "result.json").write_text(json.dumps(said), encoding="utf-8")


@pytest.fixture(scope="session")
def completed_portfolio(tmp_path_factory):
    """The completed demo's portfolio (every requirement met, a tagged PDF/UA): the `CompileResult` the compile
    returned and the folio it was compiled from. Read only: compiled once for the whole run, whichever worker asks."""
    from sendfolio.portfolio.api import CompileResult

    folder = built_once(tmp_path_factory, worker(), "completed-portfolio", _compile_completed)
    said = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    fields = {**said, "path": folder / said["path"], "unmet": tuple(said["unmet"]), "left_out": tuple(said["left_out"])}
    return CompileResult(**fields), folder / "folio"


def _page_texts(path: Path) -> tuple[str, ...]:
    """The text of each page of the PDF at `path` as pypdf extracts it."""
    from pypdf import PdfReader

    return tuple(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="session")
def demo_portfolio_texts(demo_portfolio) -> tuple[str, ...]:
    """The text of each page of the demo's shared portfolio, read back with pypdf once per process."""
    return _page_texts(demo_portfolio[0])


@pytest.fixture(scope="session")
def completed_portfolio_texts(completed_portfolio) -> tuple[str, ...]:
    """The text of each page of the completed demo's shared portfolio, read back with pypdf once per process."""
    return _page_texts(completed_portfolio[0].path)

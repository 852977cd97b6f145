"""Kill -9 a process while it encrypts, changes the passphrase or decrypts: the folio then opens
with the old key or the new one (never neither), holding every record, and once it is
encrypted no plain copy of the records is left in the folder.

tests/store/test_crypto_crash.py (privacy's) kills a child that re-keys or saves in a loop; these
kill one-shot transitions at instants spread over the transition's measured duration.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from kill_tools import PASSPHRASES, Child, copy_folder, cpd, kill_times

from sendfolio.privacy.unlock import codec_from_passphrase, is_encrypted
from sendfolio.store import Folio
from sendfolio.store.crypto import TEST_PARAMS, WrongPassphrase, new_codec

CANARY = "Canary-Quillfeather-7731"
"""Fictional text in the records: no plain file may hold it once the folio is encrypted."""

ALLOWED = {"encrypt": {"plain", PASSPHRASES[0]}, "rekey": set(PASSPHRASES), "decrypt": {PASSPHRASES[0], "plain"}}
"""For each transition, the keys the folio may open with afterwards (old or new)."""


def make_base(folder: Path, encrypted: bool) -> Path:
    """A folio of fictional records (plain, or encrypted under the first passphrase)."""
    with Folio.open(folder) as folio:
        for number in range(40):
            folio.put(cpd(f"Entry {number}", learning=f"{CANARY} " * 50))
        folio.put_setting("privacy.do_not_print", [CANARY])
        if encrypted:
            folio.change_codec(new_codec(PASSPHRASES[0], TEST_PARAMS))
    return folder


def open_any(folder: Path) -> tuple[str, Folio]:
    """The folio opened with whatever opens it: plain, or one of the passphrases."""
    if not is_encrypted(folder):
        return "plain", Folio.open(folder)
    for phrase in PASSPHRASES:
        try:
            return phrase, Folio.open(folder, codec=codec_from_passphrase(folder, phrase))
        except WrongPassphrase:
            continue
    raise AssertionError(f"no key opens the folio in {folder}")


def plain_copies(folder: Path) -> list[str]:
    """Files in the folder holding the canary in plain text."""
    return [path.name for path in folder.iterdir() if path.is_file() and CANARY.encode() in path.read_bytes()]


def check_after(mode: str, folder: Path, expected) -> str:
    """The folio opens with an allowed key and holds every record; returns the key that opened it."""
    key, folio = open_any(folder)
    with folio:
        assert key in ALLOWED[mode], f"{mode}: the folio opened with {key!r}"
        assert folio.data() == expected and folio.get_setting("privacy.do_not_print") == [CANARY]
    if key != "plain":
        assert plain_copies(folder) == [], "plain copies of the records remain beside an encrypted folio"
    return key


def kill_loop(tmp_path: Path, mode: str, runs: int, name: str) -> dict[str, int]:
    """Run the transition killed at spread-out instants, checking after each; tally the keys seen."""
    base = make_base(tmp_path / "base", encrypted=mode != "encrypt")
    with open_any(base)[1] as folio:
        expected = folio.data()
    work = tmp_path / "run"
    calibration = Child(mode, str(copy_folder(base, work))).go_and_kill(None)
    check_after(mode, work, expected)
    tally: dict[str, int] = {}
    for delay in kill_times(name, runs, calibration.seconds):
        Child(mode, str(copy_folder(base, work))).go_and_kill(delay)
        key = check_after(mode, work, expected)
        tally[key] = tally.get(key, 0) + 1
    return tally


@pytest.mark.parametrize("mode", ["encrypt", "rekey", "decrypt"])
def test_killed_transition_opens_with_old_or_new_key(tmp_path, mode, loops):
    """About a dozen kills per transition: old key or new, every record, no plain leftovers."""
    kill_loop(tmp_path, mode, loops, f"{mode}")


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["encrypt", "rekey", "decrypt"])
def test_killed_transition_many_times(tmp_path, mode, loops):
    """Hundreds of kills per transition; both the old and the new key are seen."""
    tally = kill_loop(tmp_path, mode, loops, f"{mode}-slow")
    assert len(tally) == 2, f"the kills did not land on both sides of the transition: {tally}"

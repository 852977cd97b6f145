"""Killing sendfolio (kill -9) mid-save or mid-passphrase-change never leaves plaintext or a lost folio."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import pytest

from sendfolio.privacy.unlock import codec_from_passphrase
from sendfolio.store import Folio
from sendfolio.store.crypto import TEST_PARAMS, WrongPassphrase, new_codec

CANARY = "CANARY-Marrowbright-5120"
"""Plain text the child saves; it must never be found in any file."""

PASSPHRASES = ("first fictional passphrase", "second fictional passphrase")
"""The child's passphrases: it switches between them when asked to."""

CHILD = r"""
import sys
from sendfolio.store.crypto import KdfParams, new_codec
from sendfolio.privacy.unlock import codec_from_passphrase
from sendfolio.domain.records import CPDEntry
from sendfolio.store import Folio

data_dir, mode, canary = sys.argv[1], sys.argv[2], sys.argv[3]
phrases = sys.argv[4:6]
params = KdfParams(1, 1024, 1, 1)
codec, current = None, None
for phrase in phrases:
    try:
        codec, current = codec_from_passphrase(data_dir, phrase), phrase
        break
    except Exception:
        continue
folio = Folio.open(data_dir, codec=codec)
print("open", flush=True)
seq = 0
while True:
    if mode == "rekey":
        current = phrases[1] if current == phrases[0] else phrases[0]
        folio.change_codec(new_codec(current, params))
    else:
        filler = (canary + " ") * ((seq * 7919) % 700)
        folio.put(CPDEntry.from_dict({"id": f"slot-{seq % 6}", "date": "2025-01-01", "hours": 1,
                                      "method": "reading", "title": f"save {seq}", "learning": filler}))
    print(seq, flush=True)
    seq += 1
"""
"""A child process that saves (or changes passphrase) until it is killed."""


def start_encrypted(folio_dir) -> None:
    """An encrypted folio under the first passphrase."""
    with Folio.open(folio_dir) as folio:
        folio.change_codec(new_codec(PASSPHRASES[0], TEST_PARAMS))


def kill_during(folio_dir, mode: str, wait: float) -> None:
    """Start the child, let it work for `wait` seconds after opening, then kill -9 it."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folio_dir), mode, CANARY, *PASSPHRASES],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "open", child.stderr.read()
        time.sleep(wait)
        assert child.poll() is None, child.stderr.read()  # still saving when killed, not crashed
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stderr.close()


def open_with_either(folio_dir) -> Folio:
    """The folio opened with whichever passphrase it is under (old or new, never neither)."""
    for phrase in PASSPHRASES:
        try:
            return Folio.open(folio_dir, codec=codec_from_passphrase(folio_dir, phrase))
        except WrongPassphrase:
            continue
    raise AssertionError("neither passphrase opens the folio")


def canary_files(folder) -> list:
    """Files under `folder` holding the canary in plain text."""
    return [path for path in folder.rglob("*") if path.is_file() and CANARY.encode() in path.read_bytes()]


@pytest.mark.parametrize("run", range(6))
def test_kill_mid_save_leaves_no_plaintext(folio_dir, run):
    """Killed at a random moment while saving: no file holds the canary, and the folio opens."""
    start_encrypted(folio_dir)
    kill_during(folio_dir, "save", random.Random(run).uniform(0.05, 0.6))
    assert canary_files(folio_dir) == []
    with open_with_either(folio_dir) as folio:
        assert folio.cpd(), "at least one save should have landed"
    assert canary_files(folio_dir) == []


@pytest.mark.parametrize("run", range(6))
def test_kill_mid_passphrase_change_leaves_old_or_new(folio_dir, run):
    """Killed while changing passphrase again and again: the folio opens under one of the two."""
    start_encrypted(folio_dir)
    with Folio.open(folio_dir, codec=codec_from_passphrase(folio_dir, PASSPHRASES[0])) as folio:
        folio.put_setting("privacy.do_not_print", [CANARY])
    kill_during(folio_dir, "rekey", random.Random(run).uniform(0.05, 0.5))
    with open_with_either(folio_dir) as folio:
        assert folio.get_setting("privacy.do_not_print") == [CANARY]
    assert canary_files(folio_dir) == []

"""What a real `sendfolio` process prints on a damaged folio: one line, no traceback, no record text."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sendfolio.domain.records import Case
from sendfolio.store import Folio
from sendfolio.store.crypto import TEST_PARAMS, new_codec

CANARY = "CANARY-Hollowmere-9917"
"""Record text that must never reach the terminal in an error."""


def sendfolio(folio_dir, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run sendfolio as a separate process, as a user would."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SENDFOLIO_")}
    return subprocess.run(
        [sys.executable, "-m", "sendfolio", "--data-dir", str(folio_dir), *args],
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
        timeout=120,
    )


def saved_case(folio_dir, codec=None) -> None:
    """A folio with one case whose notes hold the canary (encrypted when a codec is given)."""
    with Folio.open(folio_dir) as folio:
        folio.put(
            Case.from_dict(
                {
                    "ref": "SM-T-001",
                    "kind": "mediation",
                    "role": "lead",
                    "date": "2025-03-02",
                    "prep_hours": 1,
                    "meeting_hours": 3,
                    "followup_hours": 0.5,
                    "outcome": "agreement",
                    "notes": CANARY,
                }
            )
        )
        if codec is not None:
            folio.change_codec(codec)


def assert_one_clean_line(done: subprocess.CompletedProcess) -> None:
    """Exit 2, one line on stderr, no traceback, no record text anywhere in the output."""
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert CANARY not in done.stderr + done.stdout


@pytest.mark.parametrize("damage", ["cut", "invalid-record"])
def test_damaged_plain_folio_prints_one_line(folio_dir, damage):
    """Broken JSON or an invalid stored record: one line naming the file, nothing of the notes."""
    saved_case(folio_dir)
    path = folio_dir / "folio.json"
    if damage == "cut":
        path.write_bytes(path.read_bytes()[:-40])
    else:
        whole = json.loads(path.read_text())
        next(iter(whole["cases"].values()))["prep_hours"] = -5
        path.write_text(json.dumps(whole))
    done = sendfolio(folio_dir, "check")
    assert_one_clean_line(done)
    assert str(path) in done.stderr


def test_damaged_encrypted_folio_prints_one_line(folio_dir):
    """A damaged encrypted folio with the right passphrase: one line saying it is damaged."""
    passphrase = "fictional crash passphrase"
    saved_case(folio_dir, new_codec(passphrase, TEST_PARAMS))
    path = folio_dir / "folio.json"
    blob = bytearray(path.read_bytes())
    blob[-5] ^= 1
    path.write_bytes(bytes(blob))
    done = sendfolio(folio_dir, "privacy-check", env={"SENDFOLIO_PASSPHRASE": passphrase})
    assert_one_clean_line(done)
    assert "damaged" in done.stderr


def test_encrypted_folio_without_a_passphrase_in_a_script(folio_dir):
    """No terminal and no $SENDFOLIO_PASSPHRASE: one line saying how to give it, exit 2."""
    saved_case(folio_dir, new_codec("fictional crash passphrase", TEST_PARAMS))
    done = subprocess.run(
        [sys.executable, "-m", "sendfolio", "--data-dir", str(folio_dir), "check"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        env={key: value for key, value in os.environ.items() if not key.startswith("SENDFOLIO_")},
    )
    assert done.returncode == 2 and "SENDFOLIO_PASSPHRASE" in done.stderr.splitlines()[-1]
    assert "Traceback" not in done.stderr

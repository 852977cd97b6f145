"""Kill -9 a change of codec at every one of its steps: after the next open the folder holds all
the old files or all the new ones -- the folio, its attached files, drafts and exports alike --
nothing is lost, and once encrypted no file anywhere in the data folder holds plain text.

A step is an OS call that changes a file (see step_child.py). The default run kills once at each
step, at once before the call; under `-m slow` each step is killed 20 times, at random instants
in the following millisecond or two (within the call, or just after it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from kill_tools import HERE, PASSPHRASES, cpd, rng

from sendfolio.privacy.unlock import codec_from_passphrase, is_encrypted
from sendfolio.samples.certificate import certificate_pdf
from sendfolio.store import Folio
from sendfolio.store.crypto import TEST_PARAMS, WrongPassphrase, new_codec
from sendfolio.store.drafts import load_draft, save_draft
from sendfolio.store.mark import has_magic

STEP_CHILD = HERE / "step_child.py"
"""The child that kills a change of codec at a chosen step."""

CANARY = "Canary-Fernbrook-4417"
"""Fictional text in every kind of file: none may hold it in plain text once the folio is encrypted."""

DRAFT = {"title": f"Reflection on {CANARY}", "body": f"{CANARY} " * 20}
"""The unsaved draft kept beside the folio."""

EXPORTS = {
    "backup.json": f'{{"note": "{CANARY}"}}\n'.encode(),
    "portfolio.pdf": b"%PDF-1.4\n" + CANARY.encode() * 30,
    "reflections/2025-03-01.md": f"# {CANARY}\n".encode(),
}
"""The app's exports in `exports/`, by name."""

MODES = {
    "encrypt": (None, PASSPHRASES[0]),
    "encrypt-remove": (None, PASSPHRASES[0]),
    "rekey": (PASSPHRASES[0], PASSPHRASES[1]),
    "decrypt": (PASSPHRASES[0], None),
}
"""Each change: the passphrase before and after (None: plain)."""


def make_base(folder: Path, passphrase: str | None) -> dict:
    """A folio with records, an attachment, a removed attachment still in a backup, a draft and exports,
    all holding the canary; returns what every run must find again."""
    certificate = certificate_pdf([[("Certificate", 20, "title"), (CANARY, 12, "body")]])
    with Folio.open(folder) as folio:
        for number in range(10):
            folio.put(cpd(f"Entry {number}", learning=f"{CANARY} " * 20))
        folio.put_setting("privacy.do_not_print", [CANARY])
        from sendfolio.domain.records import Attachment

        def attachment(title: str) -> Attachment:
            """A membership certificate's record for the certificate's bytes."""
            import hashlib

            return Attachment.from_dict(
                {
                    "evidence_for": "membership",
                    "title": title,
                    "file_type": "pdf",
                    "pages": 1,
                    "size": len(certificate),
                    "sha256": hashlib.sha256(certificate).hexdigest(),
                    "added": "2025-03-01",
                }
            )

        if passphrase is not None:
            folio.change_codec(new_codec(passphrase, TEST_PARAMS))
        kept = folio.attach(attachment("Membership certificate"), certificate)
        removed = folio.attach(attachment("Old membership certificate"), certificate)
        folio.detach(removed)
        save_draft(folio, "reflection-new", DRAFT)
        expected = {"data": folio.data(), "attachment": (kept, certificate)}
    for name, content in EXPORTS.items():
        path = folder / "exports" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if passphrase is None else new_codec_for(folder, passphrase).encode(content))
    assert (folder / "attachments" / removed.file_name).exists(), "a backup still refers to the removed file"
    return expected


def new_codec_for(folder: Path, passphrase: str):
    """The codec of the encrypted folio in `folder`."""
    return codec_from_passphrase(folder, passphrase)


def open_any(folder: Path) -> tuple[str | None, Folio]:
    """The folio opened (which finishes a change cut short) with whatever opens it."""
    if not is_encrypted(folder):
        return None, Folio.open(folder)
    for phrase in PASSPHRASES:
        try:
            return phrase, Folio.open(folder, codec=codec_from_passphrase(folder, phrase))
        except WrongPassphrase:
            continue
    raise AssertionError(f"no key opens the folio in {folder}")


def files_under(folder: Path) -> list[Path]:
    """Every regular file under the data folder."""
    return sorted(path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def check_after(mode: str, folder: Path, expected: dict) -> str:
    """After the next open: all old or all new, every record, file, draft and export there; 'old' or 'new'."""
    before, after = MODES[mode]
    key, folio = open_any(folder)
    with folio:
        assert key in (before, after), f"{mode}: the folio opened with {key!r}"
        side = "new" if key == after else "old"
        assert folio.data() == expected["data"], f"{mode} ({side}): records differ"
        assert folio.get_setting("privacy.do_not_print") == [CANARY]
        record, content = expected["attachment"]
        assert folio.attachment_bytes(record) == content, f"{mode} ({side}): the attached file is lost"
        assert load_draft(folio, "reflection-new") == DRAFT, f"{mode} ({side}): the draft is lost"
        for name, original in EXPORTS.items():
            path = folder / "exports" / name
            if mode == "encrypt-remove" and side == "new":
                assert not path.exists(), f"{name} was to be removed"
                continue
            stored = path.read_bytes()
            plain = folio.codec.decode(stored) if folio.codec is not None else stored
            assert not (folio.codec is None and has_magic(stored)), f"{mode} ({side}): {name} is still encrypted"
            assert plain == original, f"{mode} ({side}): export {name} is lost"
    leftovers = [path.name for path in files_under(folder) if path.name.endswith(".codec-change")]
    assert leftovers == [] and not (folder / "codec-change.json").exists(), f"left behind: {leftovers}"
    if key is not None:
        plain_files = [
            str(path.relative_to(folder)) for path in files_under(folder) if CANARY.encode() in path.read_bytes()
        ]
        assert plain_files == [], f"{mode} ({side}): plain text left in {plain_files}"
    return side


class StepChild:
    """The step child, prepared once for one mode; each command is one forked run."""

    def __init__(self, mode: str, base: Path, work: Path):
        """Start it and wait until it is ready."""
        self.process = subprocess.Popen(
            [sys.executable, str(STEP_CHILD), mode, str(base), str(work)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._expect("ready")

    def _expect(self, *starts: str) -> list[str]:
        """Read lines until one starts with one of `starts`; return that line's words."""
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise AssertionError(f"the step child ended: {self.process.stderr.read()[-2000:]}")
            words = line.split()
            if words and words[0] in starts:
                return words

    def command(self, text: str, *answers: str) -> list[str]:
        """Send one command; the words of its answer."""
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()
        return self._expect(*answers)

    def close(self) -> None:
        """End the child."""
        self.process.stdin.close()
        self.process.wait(timeout=30)


def kill_every_step(tmp_path: Path, mode: str, repeats: int) -> dict[str, int]:
    """Kill the change at each of its steps `repeats` times, checking after each; tally old / new."""
    base = tmp_path / "base"
    expected = make_base(base, MODES[mode][0])
    work = tmp_path / "work"
    child = StepChild(mode, base, work)
    try:
        answer = child.command("count", "steps", "failed")
        assert answer[0] == "steps", f"{mode}: the change failed unkilled: {child.process.stderr}"
        steps = int(answer[1])
        check_after(mode, work, expected)
        chooser = rng(f"codec-steps-{mode}")
        tally = {"old": 0, "new": 0, "killed": 0}
        for step in range(steps):
            for repeat in range(repeats):
                delay = 0.0 if repeat == 0 else chooser.uniform(0.0, 0.002)
                answer = child.command(f"kill {step} {delay:.6f}", "killed", "finished", "failed")
                assert answer[0] != "failed", f"{mode}: the change failed at step {step}"
                tally["killed"] += answer[0] == "killed"
                tally[check_after(mode, work, expected)] += 1
    finally:
        child.close()
    assert tally["old"] and tally["new"], f"{mode}: the kills did not land on both sides of the change: {tally}"
    print(f"{mode}: {steps} steps x {repeats}: {tally}")  # the figures for the report (pytest -rP shows them)
    return tally


@pytest.mark.parametrize("mode", list(MODES))
def test_a_change_of_codec_killed_at_each_step(tmp_path, mode):
    """One kill at each step of encrypt, encrypt removing exports, a new passphrase and decrypt."""
    tally = kill_every_step(tmp_path, mode, 1)
    assert tally["killed"] >= tally["old"]


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(MODES))
def test_a_change_of_codec_killed_20_times_at_each_step(tmp_path, mode):
    """Twenty kills at each step, at random instants within it or just after: 0 plain text, 0 lost."""
    kill_every_step(tmp_path, mode, 20)

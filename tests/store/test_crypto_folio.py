"""Encryption at rest through a real Folio and the real CLI: nothing plain is ever left on disk."""

from __future__ import annotations

import stat

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.domain.records import Case
from sendfolio.privacy.unlock import codec_from_passphrase, is_encrypted
from sendfolio.store import Folio, crypto
from sendfolio.store.crypto import HEADER_SIZE, WrongPassphrase

PASSPHRASE = "fictional passphrase one"
"""The first passphrase."""

NEW_PASSPHRASE = "fictional passphrase two"
"""The passphrase after a change."""

CANARY = "CANARY-Quillfeather-7731"
"""A string written into case notes that must never appear in any file once encrypted."""


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    """Commands derive keys with the cheap test parameters (the real ones are tested in test_crypto)."""
    monkeypatch.setattr(crypto, "DEFAULT_PARAMS", crypto.TEST_PARAMS)
    monkeypatch.delenv("SENDFOLIO_PASSPHRASE", raising=False)
    monkeypatch.delenv("SENDFOLIO_NEW_PASSPHRASE", raising=False)


def case(number: int, notes: str = CANARY) -> Case:
    """A fictional case whose notes hold the canary."""
    return Case.from_dict(
        {
            "ref": f"SM-T-{number:03d}",
            "kind": "mediation",
            "role": "lead",
            "date": "2025-03-02",
            "prep_hours": 1,
            "meeting_hours": 3,
            "followup_hours": 0.5,
            "outcome": "agreement",
            "notes": f"{notes} case {number}",
            "issues": [f"{CANARY} issue"],
        }
    )


def run(folio_dir, *args: str, env: dict | None = None, input: str | None = None):
    """Run `sendfolio --data-dir DIR args...` in-process."""
    return CliRunner().invoke(main, ["--data-dir", str(folio_dir), *args], env=env or {}, input=input)


def plain_folio(folio_dir, cases: int = 3) -> None:
    """A plain folio with a few saves (so backups exist), each holding the canary."""
    with Folio.open(folio_dir) as folio:
        for number in range(cases):
            folio.put(case(number))


def encrypted_folio(folio_dir, cases: int = 3) -> None:
    """A folio encrypted through the CLI."""
    plain_folio(folio_dir, cases)
    result = run(folio_dir, "encrypt", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 0, result.output


def files_with(folder, needle: bytes) -> list:
    """Every file under `folder` whose bytes contain `needle`."""
    return [path for path in folder.rglob("*") if path.is_file() and needle in path.read_bytes()]


def assert_nothing_plain(folder) -> None:
    """No file holds the canary, nor any plain JSON of the folio."""
    assert files_with(folder, CANARY.encode()) == []
    assert files_with(folder, b'"schema"') == []
    assert files_with(folder, b'"cases"') == []


def test_encrypt_leaves_no_plain_copy_and_round_trips(folio_dir):
    """After `encrypt` the folio and every backup are ciphertext, and the records read back whole."""
    plain_folio(folio_dir)
    assert files_with(folio_dir, CANARY.encode())  # the plain folio and its backups held it
    with Folio.open(folio_dir) as folio:
        before = folio.data()
    result = run(folio_dir, "encrypt", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 0, result.output
    assert is_encrypted(folio_dir)
    assert_nothing_plain(folio_dir)
    with Folio.open(folio_dir, codec=codec_from_passphrase(folio_dir, PASSPHRASE)) as folio:
        assert folio.data() == before


def test_saves_and_backups_after_encryption_stay_encrypted(folio_dir):
    """Many saves later, the folio and all its rotated backups are still ciphertext with fresh nonces."""
    encrypted_folio(folio_dir)
    with Folio.open(folio_dir, codec=codec_from_passphrase(folio_dir, PASSPHRASE)) as folio:
        for number in range(3, 12):
            folio.put(case(number))
        folio.put_setting("privacy.do_not_print", [CANARY])
    backups = sorted(folio_dir.glob("folio.json.*"))
    assert len(backups) >= 5
    assert_nothing_plain(folio_dir)
    nonces = {path.read_bytes()[HEADER_SIZE : HEADER_SIZE + 12] for path in [folio_dir / "folio.json", *backups]}
    assert len(nonces) == len(backups) + 1
    for path in backups:
        assert path.read_bytes().startswith(crypto.MAGIC)


def test_folder_and_files_are_private(folio_dir):
    """The data folder is 0700 and every file the store writes is 0600."""
    target = folio_dir / "new"
    plain_folio(target)
    run(target, "encrypt", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    for path in target.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_cli_reads_the_encrypted_folio_with_the_passphrase(folio_dir):
    """Every command opens an encrypted folio given $SENDFOLIO_PASSPHRASE."""
    encrypted_folio(folio_dir)
    result = run(folio_dir, "check", "--json", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert result.exit_code in (0, 1) and '"accreditation"' in result.stdout


def test_cli_prompts_for_the_passphrase(folio_dir):
    """Without the variable, the passphrase is asked for (hidden), with three tries."""
    encrypted_folio(folio_dir)
    result = run(folio_dir, "do-not-print", "list", input=f"wrong one\n{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output
    assert "2 tries left" in result.stderr
    assert PASSPHRASE not in result.output


def test_wrong_passphrase_exits_2_with_one_line_and_touches_nothing(folio_dir):
    """A wrong passphrase: exit 2, one clear line, no file changed."""
    encrypted_folio(folio_dir)
    before = {path.name: path.read_bytes() for path in folio_dir.iterdir() if path.name != "folio.lock"}
    result = run(folio_dir, "check", env={"SENDFOLIO_PASSPHRASE": "not the passphrase"})
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "wrong passphrase" in result.stderr
    prompted = run(folio_dir, "check", input="bad one\nbad two\nbad three\n")
    assert prompted.exit_code == 2 and "3 tries" in prompted.stderr
    after = {path.name: path.read_bytes() for path in folio_dir.iterdir() if path.name != "folio.lock"}
    assert after == before


@pytest.mark.parametrize(
    "offset, expected",
    [
        (20, "header is damaged"),
        ("body", "damaged"),
        ("tag", "authentication tag"),
    ],
)
def test_damage_is_named_and_the_file_untouched(folio_dir, offset, expected):
    """A flipped bit in header, body or tag: one line naming the damage (not 'wrong passphrase'), exit 2."""
    encrypted_folio(folio_dir)
    path = folio_dir / "folio.json"
    blob = bytearray(path.read_bytes())
    index = {"body": HEADER_SIZE + 40, "tag": len(blob) - 3}.get(offset, offset)
    blob[index] ^= 0x10
    path.write_bytes(bytes(blob))
    result = run(folio_dir, "check", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert "\n" not in message and expected in message and "wrong passphrase" not in message
    assert "Traceback" not in result.output and CANARY not in result.output
    assert path.read_bytes() == bytes(blob)


def test_truncated_files_are_reported_and_left_alone(folio_dir):
    """Cut at a sample of offsets: a clear one-line error, and the file exactly as it was."""
    encrypted_folio(folio_dir)
    path = folio_dir / "folio.json"
    whole = path.read_bytes()
    for size in sorted(
        {
            0,
            1,
            5,
            13,
            14,
            40,
            HEADER_SIZE - 1,
            HEADER_SIZE,
            HEADER_SIZE + 11,
            HEADER_SIZE + 12,
            len(whole) // 2,
            len(whole) - 17,
            len(whole) - 16,
            len(whole) - 1,
        }
    ):
        path.write_bytes(whole[:size])
        result = run(folio_dir, "check", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
        message = result.stderr.strip()
        assert result.exit_code == 2, (size, result.output)
        assert "\n" not in message and ("truncated" in message or "damaged" in message), (size, message)
        assert path.read_bytes() == whole[:size]


def test_damaged_header_points_to_a_readable_backup(folio_dir):
    """With the folio's header damaged, the key still comes from a backup and the error names that backup."""
    encrypted_folio(folio_dir)
    with Folio.open(folio_dir, codec=codec_from_passphrase(folio_dir, PASSPHRASE)) as folio:
        folio.put(case(50))
    path = folio_dir / "folio.json"
    blob = bytearray(path.read_bytes())
    blob[30] ^= 1
    path.write_bytes(bytes(blob))
    result = run(folio_dir, "check", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 2 and "folio.json.1" in result.stderr and "header is damaged" in result.stderr


def test_change_passphrase(folio_dir):
    """After `passphrase`, only the new passphrase opens the folio; no backup is left under the old one."""
    encrypted_folio(folio_dir)
    old_header = (folio_dir / "folio.json").read_bytes()[:HEADER_SIZE]
    result = run(
        folio_dir, "passphrase", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE, "SENDFOLIO_NEW_PASSPHRASE": NEW_PASSPHRASE}
    )
    assert result.exit_code == 0, result.output
    with pytest.raises(WrongPassphrase):
        codec_from_passphrase(folio_dir, PASSPHRASE)
    with Folio.open(folio_dir, codec=codec_from_passphrase(folio_dir, NEW_PASSPHRASE)) as folio:
        assert len(folio.cases()) == 3
    assert files_with(folio_dir, old_header) == []
    assert_nothing_plain(folio_dir)


def test_new_passphrase_typed_twice(folio_dir):
    """Typed at the prompt, a new passphrase must be confirmed and long enough."""
    plain_folio(folio_dir)
    short = run(folio_dir, "encrypt", input="short\nshort\n")
    assert short.exit_code == 2 and "at least 8 characters" in short.stderr
    assert not is_encrypted(folio_dir)
    typed = run(folio_dir, "encrypt", input=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert typed.exit_code == 0, typed.output
    assert is_encrypted(folio_dir)


def test_encrypt_twice_and_decrypt_plain_are_refused(folio_dir):
    """`encrypt` on an encrypted folio and `decrypt`/`passphrase` on a plain one explain themselves."""
    plain_folio(folio_dir)
    assert run(folio_dir, "decrypt", "--yes").exit_code == 2
    assert run(folio_dir, "passphrase").exit_code == 2
    run(folio_dir, "encrypt", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    again = run(folio_dir, "encrypt", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert again.exit_code == 2 and "already encrypted" in again.stderr


def test_decrypt_returns_to_plain(folio_dir):
    """`decrypt --yes` stores the folio as plain JSON again, with no encrypted backups left."""
    encrypted_folio(folio_dir)
    refused = run(folio_dir, "decrypt", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE}, input="n\n")
    assert refused.exit_code == 1 and is_encrypted(folio_dir)
    result = run(folio_dir, "decrypt", "--yes", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 0, result.output
    assert not is_encrypted(folio_dir)
    assert files_with(folio_dir, crypto.MAGIC) == []
    with Folio.open(folio_dir) as folio:
        assert len(folio.cases()) == 3


def test_encrypt_sweeps_stray_plain_copies_and_warns_of_other_files(folio_dir):
    """An old plain backup beyond the store's count and a crash leftover are deleted; other plain files are named."""
    plain_folio(folio_dir)
    stray = folio_dir / "folio.json.9"
    stray.write_bytes((folio_dir / "folio.json").read_bytes())
    leftover = folio_dir / ".folio.json.abcd1234.tmp"
    leftover.write_bytes(stray.read_bytes())
    (folio_dir / "logs").mkdir()
    log = folio_dir / "logs" / "crash-1.log"
    log.write_text("a crash log")
    result = run(folio_dir, "encrypt", env={"SENDFOLIO_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 0, result.output
    assert not stray.exists() and not leftover.exists()
    assert str(log) in result.stderr and log.exists()
    assert_nothing_plain(folio_dir)


def test_pdfs_of_an_encrypted_folio_are_proposed_outside_its_data_folder(folio_dir, home):
    """The default place for PDFs is one folder outside the data folder, the same before and after encryption."""
    from sendfolio.services.outputs import default_output_folder

    plain_folio(folio_dir, 1)
    before = default_output_folder(folio_dir)
    encrypted_folio(folio_dir, 0)
    assert default_output_folder(folio_dir) == before == home / "Documents" / "sendfolio"
    assert folio_dir.resolve() not in default_output_folder(folio_dir).resolve().parents

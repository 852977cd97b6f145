"""Records checked once, when written: a sealed folio file is read on the trusted path, anything else in full.

Real folios in `tmp_path` (the demo, a generated year), opened with `Folio.open`: the trusted
path builds exactly the records the full check builds; a file edited by hand, a seal that is
damaged, hostile or for another file, and a file not as sendfolio writes it all get the full check.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from sendfolio.samples.demo import write_demo
from sendfolio.samples.generate import generate_folio
from sendfolio.store import Folio, FolioError
from sendfolio.store.checked import digest, sealed
from sendfolio.store.names import CHECKED_FILE, FOLIO_FILE

TODAY = date(2025, 6, 1)


@pytest.fixture(params=["demo", "generated"])
def folder(request, tmp_path):
    """A data folder holding the demo folio, or one generated year (every kind of record between them)."""
    with Folio.open(tmp_path) as folio:
        if request.param == "demo":
            write_demo(folio, TODAY)
        else:
            generate_folio(folio, 1, 20250601, TODAY)
    return tmp_path


def opened(folder, *, seal: bool) -> tuple:
    """The folio's data and settings, read with its seal (trusted) or without it (the full check)."""
    if not seal:
        (folder / CHECKED_FILE).unlink(missing_ok=True)
    with Folio.open(folder, readonly=True) as folio:
        return folio.data(), folio.settings(), folio.entered()


def test_a_save_seals_the_file_and_the_trusted_path_builds_the_same_records(folder):
    """After a save the seal names the file; reading it trusted gives what the full check gives."""
    assert sealed(folder, digest((folder / FOLIO_FILE).read_bytes()))
    trusted = opened(folder, seal=True)
    assert trusted == opened(folder, seal=False)
    assert trusted[0].cases and trusted[0].observations


def test_a_full_check_seals_a_file_as_sendfolio_writes_it(folder):
    """A file with no seal is checked in full once (a writable open), then sealed."""
    (folder / CHECKED_FILE).unlink()
    Folio.open(folder).close()
    assert sealed(folder, digest((folder / FOLIO_FILE).read_bytes()))


def test_a_file_edited_by_hand_is_checked_in_full(folder):
    """A record made invalid by hand is refused, seal or no seal: the seal names another file."""
    whole = json.loads((folder / FOLIO_FILE).read_bytes())
    doc_id, case = next(iter(whole["cases"].items()))
    whole["cases"][doc_id] = {**case, "date": "2025-02-30"}
    (folder / FOLIO_FILE).write_text(json.dumps(whole), encoding="utf-8")
    with pytest.raises(FolioError, match="date"):
        Folio.open(folder, readonly=True)


def test_a_hand_edit_the_check_accepts_is_read_as_the_check_reads_it(folder):
    """Text with spaces around it (the check strips them) is never sealed as written, nor trusted."""
    whole = json.loads((folder / FOLIO_FILE).read_bytes())
    doc_id, case = next(iter(whole["cases"].items()))
    whole["cases"][doc_id] = {**case, "ref": f"  {case['ref']}  "}
    (folder / FOLIO_FILE).write_text(json.dumps(whole), encoding="utf-8")
    with Folio.open(folder) as folio:
        assert folio.case(case["ref"]) is not None
        folio.put_setting("example", 1)  # a save: memory is not what the records write, so no seal
    assert not sealed(folder, digest((folder / FOLIO_FILE).read_bytes()))
    with Folio.open(folder, readonly=True) as folio:
        assert folio.case(case["ref"]) is not None


@pytest.mark.parametrize(
    "seal",
    [
        b"",
        b"not json",
        b"[1, 2]",
        b'{"sendfolio-checked": 1, "reader": "x", "folio": "y"}',
        b"[" * 100_000,
        b"{" + b" " * 10_000 + b"}",
    ],
)
def test_a_damaged_or_hostile_seal_is_not_believed(folder, seal):
    """A seal that is not one, names another reader or file, or is too large is ignored: the full check runs."""
    (folder / CHECKED_FILE).write_bytes(seal)
    whole = json.loads((folder / FOLIO_FILE).read_bytes())
    doc_id, case = next(iter(whole["cases"].items()))
    whole["cases"][doc_id] = {**case, "hours": -4}
    (folder / FOLIO_FILE).write_text(json.dumps(whole), encoding="utf-8")
    with pytest.raises(FolioError, match="hours"):
        Folio.open(folder, readonly=True)


def test_a_seal_copied_beside_an_edited_file_is_not_believed(folder):
    """The seal of the file before an edit names that file's digest, not the edited one's."""
    whole = json.loads((folder / FOLIO_FILE).read_bytes())
    doc_id, case = next(iter(whole["cases"].items()))
    whole["cases"][doc_id] = {**case, "hours": "many"}
    stored = json.dumps(whole).encode("utf-8")
    (folder / FOLIO_FILE).write_bytes(stored)
    assert not sealed(folder, digest(stored))
    with pytest.raises(FolioError, match="hours"):
        Folio.open(folder, readonly=True)


def test_a_seal_that_is_a_folder_or_link_is_ignored(folder, tmp_path_factory):
    """Anything but a regular file at the seal's name is not read (nor followed), and the folio opens."""
    (folder / CHECKED_FILE).unlink()
    (folder / CHECKED_FILE).symlink_to(tmp_path_factory.mktemp("elsewhere"))
    with Folio.open(folder, readonly=True) as folio:
        assert folio.cases()


def test_an_encrypted_folio_keeps_its_seal_encrypted(folder):
    """Encrypting deletes the plain seal (the change's journal); the next save seals through the codec."""
    from sendfolio.store.crypto import TEST_PARAMS, new_codec
    from sendfolio.store.mark import has_magic

    codec = new_codec("correct horse battery staple", TEST_PARAMS)
    with Folio.open(folder) as folio:
        folio.change_codec(codec)
        assert not (folder / CHECKED_FILE).exists()
        folio.put_setting("example", 1)
    stored = (folder / FOLIO_FILE).read_bytes()
    assert has_magic((folder / CHECKED_FILE).read_bytes())
    assert sealed(folder, digest(stored), codec) and not sealed(folder, digest(stored))
    with Folio.open(folder, codec=codec, readonly=True) as folio:
        trusted = folio.data()
    (folder / CHECKED_FILE).unlink()
    with Folio.open(folder, codec=codec, readonly=True) as folio:
        assert folio.data() == trusted

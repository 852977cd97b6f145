"""The one output folder (`services.outputs`): outside the data folder, the same before and after encryption,
chosen in the profile and checked; files already there refused unless the mediator agreed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sendfolio.services.outputs import (
    OutputExists,
    check_output_folder,
    checked_output,
    default_output,
    default_output_folder,
    output_folder,
    set_output_folder,
    shown_path,
)
from sendfolio.store import Folio


def test_the_default_is_documents_sendfolio_outside_the_data_folder(folio_dir, home):
    """~/Documents/sendfolio, with each job's file named; never inside the data folder."""
    with Folio.open(folio_dir) as folio:
        assert output_folder(folio) == home / "Documents" / "sendfolio"
        assert default_output(folio, "renewal", year=2025).name == "renewal-2025.pdf"
        assert default_output(folio, "forms", ref="SM-T-1").name == "observer-forms-SM-T-1.pdf"
        assert default_output(folio, "cpd").name == "cpd.csv"
    assert shown_path(home / "Documents" / "sendfolio") == "~/Documents/sendfolio"


def test_a_data_folder_holding_documents_gets_a_folder_beside_it(home):
    """A data folder that is the documents folder itself: the outputs go beside it, never inside."""
    data = home / "Documents"
    data.mkdir()
    folder = default_output_folder(data)
    assert data.resolve() not in folder.resolve().parents and folder.resolve() != data.resolve()


@pytest.mark.parametrize(
    "typed, words",
    [
        ("", "give a folder"),
        ("relative/folder", "full path"),
        ("FILE", "is a file, not a folder"),
        ("PIPE", "named pipe"),
        ("DATA/exports", "inside the folio's data folder"),
        ("DATA", "inside the folio's data folder"),
    ],
)
def test_a_folder_that_cannot_hold_outputs_is_refused_naming_the_field(folio_dir, tmp_path, typed, words):
    """Empty, relative, a file, a FIFO, or inside the data folder: one line starting 'Output folder:'."""
    (tmp_path / "file").write_text("x")
    os.mkfifo(tmp_path / "pipe")
    typed = typed.replace("FILE", str(tmp_path / "file")).replace("PIPE", str(tmp_path / "pipe"))
    typed = typed.replace("DATA", str(folio_dir))
    with pytest.raises(ValueError, match="^Output folder: ") as refused:
        check_output_folder(typed, folio_dir)
    assert words in str(refused.value)


def test_the_folder_chosen_is_kept_in_the_folio_and_survives_encryption(folio_dir, tmp_path):
    """Saved in the folio's settings; `~` expanded; the same after the folio is encrypted."""
    from sendfolio.store import crypto

    with Folio.open(folio_dir) as folio:
        chosen = set_output_folder(folio, str(tmp_path / "out"))
        folio.change_codec(crypto.new_codec("fictional passphrase one", crypto.TEST_PARAMS))
    codec = crypto.unlock((folio_dir / "folio.json").read_bytes(), "fictional passphrase one")
    with Folio.open(folio_dir, codec=codec) as folio:
        assert output_folder(folio) == chosen == tmp_path / "out"


def test_a_file_already_there_is_refused_unless_replacing(folio_dir, tmp_path):
    """`OutputExists` names the file; with replace the path passes."""
    out = tmp_path / "portfolio.pdf"
    out.write_bytes(b"old")
    with pytest.raises(OutputExists) as there:
        checked_output(folio_dir, out, replace=False)
    assert there.value.path == out and str(out) in str(there.value)
    assert checked_output(folio_dir, out, replace=True) == out
    assert checked_output(folio_dir, Path(tmp_path / "new.pdf"), replace=False) == tmp_path / "new.pdf"

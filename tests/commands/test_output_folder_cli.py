"""One output folder on the command line: documents go to the profile's output folder when no file is named,
an existing file there is replaced only with --force, a file named on the command line is replaced as before
(scripts keep working), and a missing folder is made."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendfolio.cli import main
from sendfolio.services.outputs import set_output_folder


def invoke(data_dir: Path, *args: str):
    """Run `sendfolio --data-dir DIR ARGS` in-process and return click's result."""
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], prog_name="sendfolio")


@pytest.fixture
def filled(demo_folio):
    """The demo folio's data folder, closed so the commands can open it."""
    demo_folio.close()
    return demo_folio.data_dir


def test_export_without_a_file_goes_to_the_output_folder_and_asks_for_force_to_replace(filled, home):
    """`export` alone writes the backup into ~/Documents/sendfolio (made for it); again: one line, unchanged;
    with --force: replaced."""
    folder = home / "Documents" / "sendfolio"
    first = invoke(filled, "export")
    assert first.exit_code == 0, first.output
    (backup,) = folder.glob("sendfolio-backup-*.json")
    assert backup.name == f"sendfolio-backup-{date.today().isoformat()}.json"
    backup.write_text("the mediator's own copy")
    again = invoke(filled, "export")
    assert again.exit_code == 2
    assert again.stderr.splitlines() == [
        f"sendfolio: {backup} already exists: add --force to replace it, or name another file; nothing was written"
    ], again.stderr
    assert backup.read_text() == "the mediator's own copy"
    forced = invoke(filled, "export", "--force")
    assert forced.exit_code == 0, forced.output
    assert '"cases"' in backup.read_text()


def test_a_file_named_on_the_command_line_is_replaced_as_before(filled, tmp_path):
    """Scripts keep working: `export OUT` and `forms -o OUT` twice replace OUT without --force."""
    out = tmp_path / "backup.json"
    assert invoke(filled, "export", str(out)).exit_code == 0
    out.write_text("old")
    assert invoke(filled, "export", str(out)).exit_code == 0
    assert out.read_text() != "old"
    forms = tmp_path / "forms.pdf"
    for _ in range(2):
        done = invoke(filled, "forms", "--blank", "-o", str(forms))
        assert done.exit_code == 0, done.output
    assert forms.read_bytes().startswith(b"%PDF")


def test_export_into_a_folder_that_does_not_exist_makes_it(filled):
    """`export <data>/exports/backup.json` with no exports folder yet: the folder is made (it failed before)."""
    out = filled / "exports" / "backup.json"
    assert not out.parent.exists()
    done = invoke(filled, "export", str(out))
    assert done.exit_code == 0, done.output
    assert out.is_file()


def test_the_profiles_output_folder_is_where_the_commands_write(filled, tmp_path):
    """The folder chosen in the profile (the folio's setting): blank forms and a CSV go there by default."""
    from sendfolio.store import Folio

    chosen = tmp_path / "for the assessor"
    with Folio.open(filled) as folio:
        set_output_folder(folio, str(chosen))
    done = invoke(filled, "forms", "--blank")
    assert done.exit_code == 0, done.output
    assert (chosen / "observer-forms-blank.pdf").read_bytes().startswith(b"%PDF")
    assert invoke(filled, "export", "--kind", "cpd").exit_code in (0, 2)  # the demo may hold findings
    again = invoke(filled, "forms", "--blank")
    assert again.exit_code == 2 and "add --force" in again.stderr

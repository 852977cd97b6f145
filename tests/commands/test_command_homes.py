"""A command imports only its own module: `COMMAND_HOMES` names every command's module, and is right."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

from click.testing import CliRunner

from sendfolio.cli import COMMAND_HOMES, COMMAND_MODULES, main


def test_every_command_is_homed_in_its_own_module():
    """Each module's commands, and only those, are listed as at home there."""
    listed = {command.name: name for name in COMMAND_MODULES for command in importlib.import_module(name).COMMANDS}
    assert listed == COMMAND_HOMES


def test_check_imports_neither_the_importers_nor_the_compilers(tmp_path):
    """`sendfolio check` in a fresh interpreter leaves the other command modules unimported."""
    code = (
        "import json, sys; from sendfolio.cli import main\n"
        "try:\n"
        f"    main(['--data-dir', {str(tmp_path / 'f')!r}, 'check', '--today', '2025-06-01'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(name for name in sys.modules if name.startswith('sendfolio.commands.'))), "
        "file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert "sendfolio.commands.core" in loaded
    assert not {"sendfolio.commands.transfer", "sendfolio.commands.compile", "sendfolio.commands.privacy"} & set(loaded)


def test_help_still_lists_every_command():
    """`sendfolio --help` lists every command of every module (but the hidden ones)."""
    shown = CliRunner().invoke(main, ["--help"]).output
    for name in COMMAND_MODULES:
        for command in importlib.import_module(name).COMMANDS:
            assert command.hidden or f"  {command.name} " in shown


def test_commands_read_the_do_not_print_list_where_the_privacy_check_keeps_it():
    """The commands mask the words of the very setting `privacy-check` and `do-not-print` keep."""
    from sendfolio.commands.common import DO_NOT_PRINT_SETTING
    from sendfolio.privacy.check import DO_NOT_PRINT_KEY

    assert DO_NOT_PRINT_SETTING == DO_NOT_PRINT_KEY

"""`sendfolio`: open the app at once, or hand the command line to click.

`sendfolio` alone, or with only `--data-dir FOLDER`, opens the app without importing click and
the command line (the first screen is the start-up that matters: the mediator opens the app many
times a day). Anything else (a command, `--help`, `--version`, a folder click must refuse) goes to
`sendfolio.cli`, which says the same things as before.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_OPTION = "--data-dir"
"""The group's one option the app needs (`sendfolio.cli.main`'s)."""


def app_folder(args: list[str]) -> Path | None:
    """The folio folder when `args` only open the app (none, or `--data-dir FOLDER`); None for anything else.

    The folder given, else `$SENDFOLIO_DATA_DIR`, else the user data folder, as the command line
    chooses it; a folder given that exists but is a file, or cannot be read, goes to click, which
    refuses it in one line.
    """
    if not args:
        chosen = os.environ.get("SENDFOLIO_DATA_DIR") or None
    elif len(args) == 2 and args[0] == DATA_DIR_OPTION:
        chosen = args[1]
    elif len(args) == 1 and args[0].startswith(f"{DATA_DIR_OPTION}="):
        chosen = args[0].partition("=")[2]
    else:
        return None
    if chosen is None:
        from platformdirs import user_data_path

        return user_data_path("sendfolio", appauthor=False)
    if not chosen or chosen.startswith("-"):
        return None
    if os.path.exists(chosen) and not (os.path.isdir(chosen) and os.access(chosen, os.R_OK)):
        return None  # click's Path(file_okay=False) says why
    return Path(chosen).expanduser()


def main() -> None:
    """Open the app on its folder, or run the command line."""
    folder = app_folder(sys.argv[1:])
    if folder is None:
        from sendfolio.cli import main as command_line

        command_line()
        return
    from sendfolio.tui.support.memory import paused_until_first_paint

    paused_until_first_paint()  # everything the start makes stays alive: no collection until the first paint
    try:
        from sendfolio.tui.app import run_app

        code = run_app(folder)
    except Exception as error:
        if os.environ.get("SENDFOLIO_DEBUG"):
            raise
        from sendfolio.cli import error_line

        print(f"sendfolio: {error_line(error)}", file=sys.stderr)
        code = 2
    sys.exit(code)

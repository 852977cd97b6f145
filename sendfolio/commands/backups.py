"""`sendfolio restore [BACKUP]`: list the folio's backups, or bring one back.

A shell over `sendfolio.services.restore` (which the app's restore screen uses too): listing
changes nothing; restoring is atomic and keeps the current folio file as backup 1.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sendfolio.commands.common import data_dir
from sendfolio.commands.reporting import reported

if TYPE_CHECKING:
    from sendfolio.store.backups import BackupInfo


@click.command()
@click.argument("backup", required=False)
@click.pass_context
def restore(ctx: click.Context, backup: str | None) -> None:
    """List the folio's backups (date, records, encrypted or not), or restore one: `sendfolio restore 2`.

    A backup is kept each time the folio is saved (1 is the newest). Restoring one makes it the
    folio, at once and whole, and keeps the current folio file as backup 1, so a restore can be
    undone with another. Encrypted backups are read with $SENDFOLIO_PASSPHRASE; restoring one
    asks for the passphrase when it is not set.
    """
    from sendfolio.privacy.unlock import PASSPHRASE_ENV
    from sendfolio.services.restore import list_backups, restore_backup
    from sendfolio.store import FOLIO_FILE
    from sendfolio.store.backups import backup_number

    folder = data_dir(ctx)
    passphrase = os.environ.get(PASSPHRASE_ENV) or None
    with reported(target=folder, os_error="cannot restore in {where}: {why}; nothing was changed"):
        found = list_backups(folder, passphrase=passphrase)
        if backup is None:
            _print_list(found, folder / FOLIO_FILE, passphrase is not None)
            return
        number = backup_number(backup)
        chosen = next((info for info in found if info.number == number), None)
        if chosen is not None and chosen.encrypted and passphrase is None:
            from sendfolio.commands.passphrase import ask_passphrase

            passphrase = ask_passphrase(f"Passphrase of backup {number}")
        done = restore_backup(folder, number, passphrase=passphrase)
    kept = "the file it replaced is now backup 1" if done.kept_previous else "there was no folio file to keep"
    click.echo(
        f"Restored backup {done.backup.number} (saved {done.backup.saved_text()}, {done.backup.counts_text()}) "
        f"as {folder / FOLIO_FILE}; {kept}."
    )
    if done.backup.notice is not None:
        click.echo(f"Warning: {done.backup.notice}", err=True)
    if not done.backup.encrypted and any(info.encrypted for info in found):
        click.echo("The restored folio is not encrypted: run `sendfolio encrypt` to encrypt it again.")


def _print_list(found: list[BackupInfo], folio_path: Path, with_passphrase: bool) -> None:
    """The backups, one a line, newest first, and how to restore one."""
    if not found:
        click.echo(f"There are no backups of {folio_path} yet: one is kept each time the folio is saved.")
        return
    click.echo(f"Backups of {folio_path}, newest first:")
    for info in found:
        click.echo(f"  {info.describe()}")
    state = "present" if os.path.lexists(folio_path) else "missing"
    click.echo(f"The folio file itself is {state}. Restore a backup with `sendfolio restore N`.")
    if any(info.locked for info in found) and not with_passphrase:
        click.echo("Record counts of encrypted backups need the passphrase: set $SENDFOLIO_PASSPHRASE to see them.")


COMMANDS = [restore]
"""The click commands this module adds to `sendfolio`."""

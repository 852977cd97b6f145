"""Privacy commands: encryption at rest, the identifier check, the do-not-print list, purge.

sendfolio encrypt | decrypt [--yes] | passphrase
sendfolio privacy-check [--json] [--ignore ID]
sendfolio do-not-print add WORD... | remove WORD... | list
sendfolio purge --before DATE [--yes] [--scrub-backups]
"""

from __future__ import annotations

import json
import os
from datetime import date
from typing import TYPE_CHECKING

import click

from sendfolio.commands.common import data_dir, fail, open_folio, show_identifiers
from sendfolio.domain.wording import count

if TYPE_CHECKING:
    from sendfolio.privacy.purge import PurgePlan
    from sendfolio.store import Folio
    from sendfolio.store.storage import Codec


def _new_passphrase(env_name: str, prompt: str) -> str:
    """A new passphrase from the environment or typed twice, checked for length."""
    from sendfolio.commands.passphrase import ask_passphrase
    from sendfolio.store.crypto import check_new_passphrase

    passphrase = os.environ.get(env_name) or ask_passphrase(prompt, confirm=True)
    try:
        check_new_passphrase(passphrase)
    except ValueError as problem:
        fail(f"passphrase: {problem}")
    return passphrase


def _confirm(question: str) -> None:
    """Ask a yes / no question; anything but yes ends the command (exit 1) with nothing changed."""
    try:
        agreed = click.confirm(question)
    except click.exceptions.Abort:
        agreed = False
    if not agreed:
        fail("nothing was changed", 1)


def _change_codec(folio: Folio, codec: Codec | None, done: str, *, remove_exports: bool = False) -> None:
    """Re-save the folio, its files, drafts and exports through `codec`, and say what was done."""
    from sendfolio.privacy.files import codec_change_lines, sweep_plain_files
    from sendfolio.store import FolioError

    try:
        change = folio.change_codec(codec, remove_exports=remove_exports)
    except FolioError as error:
        fail(str(error))
    kept = sweep_plain_files(folio.data_dir) if codec is not None else []
    click.echo(done)
    for line in codec_change_lines(change, decrypted=codec is None):
        click.echo(line)
    for path in kept:
        click.echo(f"Warning: {path} in the data folder is not encrypted; move or delete it yourself.", err=True)


def _remove_exports(folio: Folio, choice: str | None) -> bool:
    """Whether the app's exports go rather than being encrypted: `--exports`, else asked when there are any."""
    from sendfolio.commands.passphrase import can_ask
    from sendfolio.store.names import EXPORTS_FOLDER

    if choice is not None:
        return choice == "remove"
    folder = folio.data_dir / EXPORTS_FOLDER
    found = sorted(path.name for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []
    if not found or not can_ask():
        return False
    shown = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
    them = "it" if len(found) == 1 else "them"
    question = (
        f"{folder} holds {count(len(found), 'file')} you exported ({shown}). Encrypt {them} with the folio, "
        f"or remove {them}?"
    )
    try:
        answer = click.prompt(question, type=click.Choice(["encrypt", "remove"]), default="encrypt")
    except click.exceptions.Abort:
        fail("nothing was changed", 1)
    return answer == "remove"


EXPORTS_OPTION = click.option(
    "--exports",
    "exports_choice",
    type=click.Choice(["encrypt", "remove"]),
    default=None,
    help="What becomes of the files in the data folder's exports folder: encrypted with the folio (the default), "
    "or removed. Asked when not given and there are any.",
)
"""The choice for the app's exports when the folio is encrypted, for scripts."""


@click.command()
@EXPORTS_OPTION
@click.pass_context
def encrypt(ctx: click.Context, exports_choice: str | None) -> None:
    """Encrypt the folio and its backups with a passphrase (Argon2id + AES-256-GCM).

    The passphrase comes from $SENDFOLIO_PASSPHRASE or is asked for twice. Without it the
    folio cannot be opened again: nobody can recover it, so keep it somewhere safe. Attached
    files, unsaved drafts and the files in the data folder's exports folder are encrypted with
    it (or the exports removed: --exports remove).
    """
    from sendfolio.privacy.unlock import PASSPHRASE_ENV, is_encrypted
    from sendfolio.store import crypto

    if is_encrypted(data_dir(ctx)):
        fail(f"the folio in {data_dir(ctx)} is already encrypted; use `sendfolio passphrase` to change the passphrase")
    with open_folio(ctx) as folio:
        passphrase = _new_passphrase(PASSPHRASE_ENV, "New passphrase")
        remove_exports = _remove_exports(folio, exports_choice)
        codec = crypto.new_codec(passphrase, crypto.DEFAULT_PARAMS)
        _change_codec(
            folio,
            codec,
            f"Encrypted {folio.path} ({codec.params.describe()}, AES-256-GCM); "
            "plain backups were removed. Without the passphrase it cannot be opened.",
            remove_exports=remove_exports,
        )


@click.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def decrypt(ctx: click.Context, yes: bool) -> None:
    """Store the folio unencrypted again (asks first: case notes become readable on disk)."""
    from sendfolio.privacy.unlock import is_encrypted

    if not is_encrypted(data_dir(ctx)):
        fail(f"the folio in {data_dir(ctx)} is not encrypted")
    with open_folio(ctx) as folio:
        if not yes:
            _confirm("Store the folio as plain text on this disk (case notes readable by anyone with the file)?")
        _change_codec(
            folio, None, f"Decrypted {folio.path}: it is stored as plain text now; encrypted backups were removed."
        )


@click.command()
@click.pass_context
def passphrase(ctx: click.Context) -> None:
    """Change the passphrase of an encrypted folio (new salt and key; old backups removed).

    The current passphrase comes from $SENDFOLIO_PASSPHRASE or a prompt, the new one from
    $SENDFOLIO_NEW_PASSPHRASE or a prompt (typed twice). The change is atomic.
    """
    from sendfolio.privacy.unlock import NEW_PASSPHRASE_ENV, is_encrypted
    from sendfolio.store import crypto

    if not is_encrypted(data_dir(ctx)):
        fail(f"the folio in {data_dir(ctx)} is not encrypted; use `sendfolio encrypt` first")
    with open_folio(ctx) as folio:
        new = _new_passphrase(NEW_PASSPHRASE_ENV, "New passphrase")
        codec = crypto.new_codec(new, crypto.DEFAULT_PARAMS)
        _change_codec(
            folio, codec, f"Changed the passphrase of {folio.path}; backups under the old passphrase were removed."
        )


@click.command("privacy-check")
@click.option("--json", "as_json", is_flag=True, help="Print the open findings as a JSON list.")
@click.option("--ignore", "ignore_id", metavar="FINDING_ID", help="Mark one finding as not an identifier.")
@click.pass_context
def privacy_check(ctx: click.Context, as_json: bool, ignore_id: str | None) -> None:
    """List likely identifiers in text that can leave the machine (exit 1 if any are open).

    Looks for e-mail addresses, UK phone numbers and postcodes, NHS numbers, Unique Pupil
    Numbers, dates of birth and the words on your do-not-print list, in every text of every
    record, names included.
    """
    from sendfolio.privacy import check

    show_identifiers()
    with open_folio(ctx) as folio:
        if ignore_id:
            try:
                found = check.ignore(folio, ignore_id)
            except KeyError as error:
                fail(error.args[0])
            click.echo(f"Marked [{found.id}] as not an identifier: {found.context}")
        everything = check.all_findings(folio)
        marked = check.ignored(folio)
    findings = [finding for finding in everything if finding.id not in marked]
    if as_json:
        click.echo(json.dumps([finding.to_dict() for finding in findings], indent=2, ensure_ascii=False))
    else:
        _print_findings(findings, len(everything) - len(findings))
    ctx.exit(1 if findings else 0)


def _print_findings(findings: list, marked: int) -> None:
    """The human form of the privacy check."""
    for finding in findings:
        click.echo(finding.describe())
    aside = f" ({marked} marked as not identifiers)" if marked else ""
    if findings:
        click.echo(
            f"\n{count(len(findings), 'possible identifier')}{aside}. Edit the text, or if one is not an identifier: "
            "sendfolio privacy-check --ignore ID"
        )
    else:
        click.echo(f"No likely identifiers found{aside}.")


@click.group("do-not-print")
def do_not_print() -> None:
    """Your private list of names and words never to print (children, parents, schools, LAs)."""
    show_identifiers()


@do_not_print.command("add")
@click.argument("words", nargs=-1, required=True)
@click.pass_context
def dnp_add(ctx: click.Context, words: tuple[str, ...]) -> None:
    """Add names or words (quote a phrase: "Oak Lane Primary")."""
    from sendfolio.privacy import check

    with open_folio(ctx) as folio:
        for word in words:
            try:
                added = check.add_word(folio, word)
            except ValueError as problem:
                fail(str(problem))
            click.echo(f"{'Added' if added else 'Already listed'}: {' '.join(word.split())}")


@do_not_print.command("remove")
@click.argument("words", nargs=-1, required=True)
@click.pass_context
def dnp_remove(ctx: click.Context, words: tuple[str, ...]) -> None:
    """Remove names or words from the list."""
    from sendfolio.privacy import check

    with open_folio(ctx) as folio:
        missing = [word for word in words if not check.remove_word(folio, word)]
    if missing:
        fail(f"not on the do-not-print list: {', '.join(missing)} (see `sendfolio do-not-print list`)")
    click.echo(f"Removed {len(words)} from the do-not-print list.")


@do_not_print.command("list")
@click.pass_context
def dnp_list(ctx: click.Context) -> None:
    """Show the list (on this screen only; it is never exported or printed)."""
    from sendfolio.privacy import check

    with open_folio(ctx) as folio:
        words = check.do_not_print(folio)
    for word in words:
        click.echo(word)
    if not words:
        click.echo("The do-not-print list is empty. Add names with: sendfolio do-not-print add NAME", err=True)


@click.command()
@click.option("--before", "before_text", required=True, metavar="DATE", help="Purge cases dated before this day.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--scrub-backups", is_flag=True, help="Also remove the text from the folio's backups now.")
@click.pass_context
def purge(ctx: click.Context, before_text: str, yes: bool, scrub_backups: bool) -> None:
    """Remove notes, issues, de-brief notes and observation notes of cases dated before DATE.

    Keeps what the standards' rules need: dates, role, hours, outcome, observer, the
    de-briefed flag and the criteria observed. Shows the plan and asks first.
    """
    from sendfolio.commands.core import parse_day
    from sendfolio.privacy.purge import apply_purge, plan_purge

    before = parse_day(before_text, "--before")
    with open_folio(ctx, create=False) as folio:
        plan = plan_purge(folio.data(), before)
        _print_plan(plan, scrub_backups)
        if not plan.cases and not scrub_backups:
            return
        if not yes:
            _confirm("Remove these details?")
        if plan.cases:
            apply_purge(folio, plan)
            kept = (
                ""
                if scrub_backups
                else (f" The folio as it was is kept in backup {folio.path.name}.1 until later saves replace it.")
            )
            click.echo(f"Removed the details of {count(len(plan.cases), 'case')}.{kept}")
        if scrub_backups:
            _scrub(folio, before)
        elif plan.cases:
            click.echo(
                "The removed text stays in the backups until they rotate out; add --scrub-backups to remove it now."
            )


def _print_plan(plan: PurgePlan, scrub_backups: bool) -> None:
    """Say what the purge will remove before asking."""
    if not plan.cases:
        click.echo(f"No case dated before {plan.before.isoformat()} holds notes, issues or de-brief notes.")
    else:
        click.echo(
            f"Purge removes the free-text details of {count(len(plan.cases), 'case')} dated before {plan.before.isoformat()}:"
        )
        for item in plan.cases:
            click.echo(f"  {item.describe()}")
        click.echo(
            "Kept: dates, kind, role, hours, outcome, observer, de-briefed flag, timeline dates, observed criteria."
        )
    if scrub_backups:
        click.echo("The same details are removed from the folio's backups too (the folio as it was is not kept).")


def _scrub(folio: Folio, before: date) -> None:
    """Remove the purged details from the backups and report."""
    from sendfolio.privacy.purge import scrub_backups

    changed, unreadable = scrub_backups(folio, before)
    click.echo(f"Removed the details from {count(changed, 'backup')}.")
    for path in unreadable:
        click.echo(f"Warning: backup {path} could not be read and was left as it is.", err=True)


COMMANDS: list = [encrypt, decrypt, passphrase, privacy_check, do_not_print, purge]
"""The click commands this module adds to `sendfolio`."""

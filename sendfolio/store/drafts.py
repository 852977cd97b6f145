"""Drafts of unsaved work: the reflection being written, a form left open when the terminal closed.

API::

    save_draft(folio, "reflection-new", {"title": ..., "body": ...})
    load_draft(folio, "reflection-new")      # the dict, or None (none kept, or unreadable)
    read_draft(folio, "form-case-new")       # the dict, None if none; UnreadableDraft (one line) if unreadable
    set_aside(folio, "form-case-new")        # an unreadable draft renamed out of the way, never deleted
    discard_draft(folio, "reflection-new")

A draft lives in `<data dir>/drafts/<name>.json`, apart from the folio so that autosaving
never rotates the folio's backups. It is written atomically, owner-only, and through the
folio's codec: encrypted exactly when the folio is. A draft that cannot be read (written
under another passphrase, damaged, too large, a link or pipe) is absent for `load_draft`; `read_draft`
says so in one line (`UnreadableDraft`), for the forms to report before setting it aside.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendfolio.store.atomic import read_regular, write_atomic
from sendfolio.store.names import DRAFTS_FOLDER
from sendfolio.store.storage import make_private_folder

if TYPE_CHECKING:
    from sendfolio.store.folio import Folio

NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,80}")
"""What a draft's name may hold (it becomes a file name)."""

DRAFT_MAX_BYTES = 16 * 1024 * 1024
"""The largest draft file read back (a long reflection is a few hundred kilobytes)."""


def draft_path(folio: Folio, name: str) -> Path:
    """Where the draft called `name` lives; `ValueError` for a name that is not a plain word."""
    if not NAME.fullmatch(name):
        raise ValueError(f"draft name: {name!r} is not lower-case letters, digits and dashes")
    return Path(folio.data_dir) / DRAFTS_FOLDER / f"{name}.json"


def save_draft(folio: Folio, name: str, values: dict[str, Any]) -> None:
    """Keep `values` (anything JSON holds) as the draft `name`, replacing any before; raises OSError."""
    path = draft_path(folio, name)
    make_private_folder(path.parent)
    data = json.dumps(values, ensure_ascii=False).encode("utf-8")
    with folio.codec_lock:  # not while the codec changes (the app does that in a worker): after, under the new one
        if folio.codec is not None:
            data = folio.codec.encode(data)
        write_atomic(path, data)


class UnreadableDraft(Exception):
    """A draft file that is there but cannot be read back: damaged, too large, not a regular file,
    written under another passphrase, or not the values of a form. `str()` is one line saying which."""


def load_draft(folio: Folio, name: str) -> dict[str, Any] | None:
    """The draft `name`, or None when there is none or it cannot be read."""
    try:
        return read_draft(folio, name)
    except UnreadableDraft:
        return None


def read_draft(folio: Folio, name: str) -> dict[str, Any] | None:
    """The draft `name`, None when there is none; `UnreadableDraft` (one line) when it is there but unreadable."""
    path = draft_path(folio, name)
    try:
        data = read_regular(path, DRAFT_MAX_BYTES)  # a pipe, link or device is refused, never followed or read
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UnreadableDraft(f"it could not be read ({error.strerror or 'not a regular file'})") from None
    if folio.codec is not None:
        from sendfolio.store.crypto import CryptoError

        try:
            data = folio.codec.decode(data)
        except CryptoError:
            raise UnreadableDraft("it is damaged or was written under another passphrase") from None
    try:
        values = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise UnreadableDraft("it is damaged (not the values of a form)") from None
    if not isinstance(values, dict):
        raise UnreadableDraft("it is damaged (not the values of a form)")
    return values


def set_aside(folio: Folio, name: str) -> Path:
    """Rename an unreadable draft out of the way (never deleted, never overwritten) and return where it went."""
    path = draft_path(folio, name)
    for number in range(1, 1000):
        target = path.with_name(f"{path.stem}.unreadable-{number}")
        if not target.exists() and not target.is_symlink():
            path.rename(target)
            return target
    raise OSError(f"too many unreadable drafts set aside beside {path.name}")


def discard_draft(folio: Folio, name: str) -> None:
    """Remove the draft `name` if there is one."""
    draft_path(folio, name).unlink(missing_ok=True)


def kept_drafts(folio: Folio, prefix: str) -> list[str]:
    """The names of the drafts kept (and readable) whose names start with `prefix`, in name order:
    what a list shows as unsaved work waiting to be continued."""
    folder = Path(folio.data_dir) / DRAFTS_FOLDER
    if not folder.is_dir():
        return []
    names = sorted(path.stem for path in folder.glob(f"{prefix}*.json"))
    return [name for name in names if NAME.fullmatch(name) and load_draft(folio, name) is not None]

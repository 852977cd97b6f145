"""What restoring a backup would change, compared with the folio as it is now.

`backup_changes(data_dir, number, passphrase=None, codec=None) -> list[TableChange]` reads the
folio file and backup `number` (neither is changed) and, for each kind of record, counts the
records the backup would bring back (not in the folio now), those it would remove (added since)
and those it would put back as they were (the same record, changed since). `changes_text` words
them for the question asked before a restore. A record is the same record when its key fields
(`layout.TABLES`: a case's reference, a CPD entry's id…) are the same.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendfolio.domain.wording import count
from sendfolio.store.atomic import read_regular
from sendfolio.store.backups import COUNT_LABELS, _Keys, _plain, backup_files
from sendfolio.store.layout import SINGLETONS, TABLES
from sendfolio.store.mark import has_magic
from sendfolio.store.names import FOLIO_FILE
from sendfolio.store.storage import Codec, FolioError, Unreadable, migrate, parse_folio_bytes

SINGLE_LABELS: dict[str, str] = {
    "profile": "your profile",
    "ppc_contact": "your PPC's details",
    "verification": "the PPC's verification",
    "passport_declaration": "the passported declaration",
}
"""How a table holding one record is named in the question."""


@dataclass(frozen=True)
class TableChange:
    """What a restore would do to one kind of record."""

    table: str
    """The table's name (`layout.TABLES`, `layout.SINGLETONS`)."""
    back: int = 0
    """Records in the backup that the folio does not hold now (a restore brings them back)."""
    removed: int = 0
    """Records the folio holds now that the backup does not (added since: a restore removes them)."""
    changed: int = 0
    """Records in both, changed since (a restore puts them back as they were)."""

    def words(self, number: int) -> str:
        """`number` records of this kind in words: `2 CPD entries`, `your profile`."""
        if self.table in SINGLE_LABELS:
            return SINGLE_LABELS[self.table]
        one, many = COUNT_LABELS.get(self.table, (self.table.replace("_", " "), self.table.replace("_", " ")))
        return count(number, one, many)


def backup_changes(
    data_dir: Path | str, number: int, *, passphrase: str | None = None, codec: Codec | None = None
) -> list[TableChange]:
    """Per kind of record, what restoring backup `number` would change (kinds with no change left out).

    Raises `FolioError` when the folio or the backup cannot be read (a locked encrypted one included).
    """
    folio_path = Path(data_dir).expanduser() / FOLIO_FILE
    found = dict(backup_files(folio_path))
    if number not in found:
        raise FolioError(f"there is no backup {number} of {folio_path}")
    keys = _Keys(codec, passphrase)
    now = _tables(folio_path, keys) if folio_path.exists() else {}
    then = _tables(found[number], keys)
    changes = []
    for table, key in [*((spec.name, spec.key) for spec in TABLES.values()), *((name, ()) for name in SINGLETONS)]:
        change = _compare(table, key, now.get(table) or {}, then.get(table) or {})
        if change.back or change.removed or change.changed:
            changes.append(change)
    return changes


def changes_text(changes: list[TableChange]) -> str:
    """What a restore would change, in one or two sentences ("Compared with now, it removes …")."""
    if not changes:
        return "It holds the same records as your folio now."
    removed = [change.words(change.removed) for change in changes if change.removed]
    back = [change.words(change.back) for change in changes if change.back]
    changed = [change.words(change.changed) for change in changes if change.changed]
    parts = []
    if removed:
        parts.append(f"removes {_listed(removed)} added since")
    if back:
        parts.append(f"brings back {_listed(back)}")
    if changed:
        parts.append(f"puts {_listed(changed)} back as {'it was' if _one(changes) else 'they were'}")
    return f"Compared with now, it {_listed(parts)}."


def _one(changes: list[TableChange]) -> bool:
    """True when the records put back as they were are just one (or one singleton)."""
    return sum(change.changed for change in changes) == 1


def _listed(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _tables(path: Path, keys: _Keys) -> dict[str, Any]:
    """The tables of a folio file (or a backup), upgraded to the current schema."""
    try:
        blob = read_regular(path)
        plain = _plain(blob, keys) if has_magic(blob) else blob
    except OSError as error:
        raise FolioError(f"cannot read {path}: {error.strerror or error}") from None
    except Exception as error:  # the codec's own error: wrong passphrase, damaged file
        raise FolioError(f"cannot read {path}: {error or type(error).__name__}") from None
    if plain is None:
        raise FolioError(f"{path} is encrypted: its records need the passphrase")
    try:
        schema, tables = parse_folio_bytes(plain)
    except Unreadable as why:
        raise FolioError(f"cannot read {path}: {why}") from None
    return migrate(schema, tables)


def _compare(table: str, key: tuple[str, ...], now: dict[str, Any], then: dict[str, Any]) -> TableChange:
    """Count the records of one table the backup brings back, removes and changes back."""
    if not key:  # one record (or none): the same record if both have one
        single_then, single_now = list(then.values())[:1], list(now.values())[:1]
        if single_then and single_now:
            return TableChange(table, changed=int(_canonical(single_then[0]) != _canonical(single_now[0])))
        return TableChange(table, back=len(single_then), removed=len(single_now))
    keyed_now = _keyed(now, key)
    keyed_then = _keyed(then, key)
    back = removed = changed = 0
    for record_key in keyed_now.keys() | keyed_then.keys():
        old, new = keyed_then[record_key], keyed_now[record_key]
        shared = min(old.total(), new.total())
        back += old.total() - shared
        removed += new.total() - shared
        changed += shared - min(shared, (old & new).total())
    return TableChange(table, back, removed, changed)


def _keyed(records: dict[str, Any], key: tuple[str, ...]) -> dict[tuple, Counter[str]]:
    """The records by their key fields, each key's records as a count of their contents."""
    keyed: dict[tuple, Counter[str]] = {}
    for record in records.values():
        if not isinstance(record, dict):
            continue
        keyed.setdefault(tuple(str(record.get(name)) for name in key), Counter())[_canonical(record)] += 1
    return _Missing(keyed)


class _Missing(dict):
    """A dict whose missing keys read as an empty count."""

    def __missing__(self, key: tuple) -> Counter[str]:
        """No record of that key."""
        return Counter()


def _canonical(record: Any) -> str:
    """A record's contents as one comparable string."""
    return json.dumps(record, sort_keys=True, default=str)

"""Records checked once, when written: the seal of a folio file sendfolio wrote itself.

Every record is checked (`Record.from_dict`) when it is put; checking all of them again on
every open is most of a command's time on a long archive (13,724 records at ten years). So
after each save the store writes a seal beside the folio (`folio.checked`): the SHA-256 of the
folio file's bytes as stored (encrypted ones when the folio is) and a fingerprint of this
sendfolio's reader (its version, the schema and every record type's fields). On open, a file
whose digest and fingerprint match its seal is read on the trusted path (`trusted_record`:
dates and lists made from the values written, no parser); any other file -- edited by hand,
restored from elsewhere, written by another version, or with no seal -- gets the full check.

The seal holds no record text (digests only); it is written through the folio's codec all the same,
so an encrypted folio's folder holds nothing plain, and a change of codec deletes it. A seal that cannot be
read, is not one, or names another file is simply not believed; one that cannot be written
costs only speed. It is written only when the folio's tables are exactly what its records
write (`Folio` tells the storage so), so the trusted path builds the very records the full
check would.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendfolio.domain.records import Record
from sendfolio.store.atomic import read_regular, write_atomic
from sendfolio.store.names import CHECKED_FILE

if TYPE_CHECKING:
    from sendfolio.store.storage import Codec

SEAL_KEY = "sendfolio-checked"
"""The seal's format mark and version."""

SEAL_MAX_BYTES = 4096
"""The largest seal read back (it holds two digests)."""


def digest(stored: bytes) -> str:
    """The SHA-256 of a folio file's bytes as stored, in hexadecimal."""
    return hashlib.sha256(stored).hexdigest()


@functools.cache
def fingerprint() -> str:
    """What the trusted path relies on, as a digest: sendfolio's version, the schema, every record type's fields.

    A sendfolio that reads records differently has another fingerprint, so it checks in full a file
    an older one sealed.
    """
    from sendfolio import __version__
    from sendfolio.store.layout import SINGLETONS, TABLES
    from sendfolio.store.storage import SCHEMA

    parts = [__version__, str(SCHEMA)]
    kinds = {kind.__name__: kind for kind in (*TABLES, *SINGLETONS.values())}  # every kind the folio keeps
    for name, record_type in sorted(kinds.items()):
        parts.append(f"{name}:" + ",".join(f"{spec.name}={spec.type}" for spec in dataclasses.fields(record_type)))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def sealed(data_dir: Path, folio_digest: str, codec: Codec | None = None) -> bool:
    """True when the seal beside the folio names this file digest and this reader; False for anything else."""
    try:
        stored = read_regular(Path(data_dir) / CHECKED_FILE, SEAL_MAX_BYTES)
        document = json.loads((codec.decode(stored) if codec is not None else stored).decode("utf-8"))
    except Exception:
        return False
    return (
        isinstance(document, dict)
        and document.get(SEAL_KEY) == 1
        and document.get("reader") == fingerprint()
        and document.get("folio") == folio_digest
    )


def seal(data_dir: Path, folio_digest: str, codec: Codec | None = None) -> None:
    """Write the seal for the folio file of this digest (atomically, through the folio's codec: an encrypted
    folio's folder holds nothing plain); a failure costs only speed."""
    document = json.dumps({SEAL_KEY: 1, "reader": fingerprint(), "folio": folio_digest}).encode("utf-8")
    try:
        write_atomic(Path(data_dir) / CHECKED_FILE, codec.encode(document) if codec is not None else document)
    except OSError:
        unseal(data_dir)


def unseal(data_dir: Path) -> None:
    """Remove the seal (the folio file is about to be replaced by bytes no record check has seen)."""
    try:
        os.unlink(Path(data_dir) / CHECKED_FILE)
    except FileNotFoundError:
        pass
    except OSError:
        pass  # a seal naming another digest is never believed


def _date(raw: Any) -> date | None:
    """A date as `to_dict` writes it (ISO text, or None)."""
    return None if raw is None else date.fromisoformat(raw)


def _float(raw: Any) -> float:
    """A number as `to_dict` writes it; a bool or text is not one."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise TypeError("not a number")
    return float(raw)


def _tuple(raw: Any) -> tuple[Any, ...]:
    """A list as `to_dict` writes it."""
    if not isinstance(raw, list):
        raise TypeError("not a list")
    return tuple(raw)


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "dt.date": _date,
    "dt.date | None": _date,
    "float": _float,
    "tuple[str, ...]": _tuple,
    "dict": dict,
    "dict[str, str]": dict,
}
"""How a field's stored value becomes its value, by the field's declared type (the rest are kept as written)."""


_CONVERTERS: dict[type[Record], tuple[frozenset[str], tuple[tuple[str, Callable[[Any], Any]], ...]]] = {}
"""`_converters` of each record type, worked out once."""


def _converters(kind: type[Record]) -> tuple[frozenset[str], tuple[tuple[str, Callable[[Any], Any]], ...]]:
    """A record type's field names, and the fields whose stored value must be made into their value."""
    found = _CONVERTERS.get(kind)
    if found is None:
        fields = dataclasses.fields(kind)
        made = tuple((spec.name, CONVERTERS[str(spec.type)]) for spec in fields if str(spec.type) in CONVERTERS)
        found = _CONVERTERS[kind] = (frozenset(spec.name for spec in fields), made)
    return found


def trusted_record(kind: type[Record], doc: Mapping[str, Any]) -> Record | None:
    """A stored record read on the trusted path (no parser, no check), or None when it is not as `to_dict` writes it.

    Only for a sealed file: its values are those checked records wrote. A document with other
    or missing fields, or a value of another shape, gets the full check instead.
    """
    names, made = _converters(kind)
    if doc.keys() != names:
        return None
    values = dict(doc)
    try:
        for name, convert in made:
            values[name] = convert(values[name])
    except (TypeError, ValueError):
        return None
    record = object.__new__(kind)
    record.__dict__.update(values)
    return record

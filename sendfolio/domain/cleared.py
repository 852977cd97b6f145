"""A folio's records released for printing: the one kind of value the output functions take.

Everything that leaves the machine (the PDFs and their HTML, CSV and Markdown exports, the
observer's forms, the deadlines calendar) is made from a `ClearedFolio`, never from plain
`FolioData`. Only the privacy gate (`sendfolio.privacy.gate.release`) makes one, after the
privacy check has found nothing open; so no command or screen can print records it forgot to
check. mypy sees the type; `require_cleared` refuses anything else at run time. The JSON backup
is the one output made from plain records: it is for the mediator alone and never refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sendfolio.domain.records import FolioData

_GATE = object()
"""The privacy gate's token: `ClearedFolio` is made only with it, and only `privacy/gate.py` passes it."""


class NotCleared(TypeError):
    """An output function was given records that have not passed the privacy gate."""


class ClearedFolio:
    """Records (and the attached documents' files) that passed the privacy check, ready to print."""

    __slots__ = ("_data", "_files", "_left_out")

    def __init__(
        self,
        data: FolioData,
        files: Mapping[str, bytes] | None,
        left_out: tuple[str, ...] = (),
        *,
        token: object,
    ) -> None:
        """Only the privacy gate calls this (with its token); anything else is refused."""
        if token is not _GATE:
            raise NotCleared("only the privacy gate (sendfolio.privacy.gate.release) releases records for printing")
        self._data = data
        self._files = MappingProxyType(dict(files)) if files is not None else None
        self._left_out = left_out

    @property
    def data(self) -> FolioData:
        """The records that passed the check."""
        return self._data

    @property
    def files(self) -> Mapping[str, bytes] | None:
        """The attached documents' files by id, read when the gate was asked for them (else None)."""
        return self._files

    @property
    def left_out(self) -> tuple[str, ...]:
        """Attached documents left out because their files could not be read, one sentence each."""
        return self._left_out


def require_cleared(value: object, what: str) -> ClearedFolio:
    """`value` when the privacy gate released it; `NotCleared` naming `what` would have printed otherwise."""
    if not isinstance(value, ClearedFolio):
        raise NotCleared(
            f"{what} prints records only after the privacy gate has passed them "
            f"(sendfolio.privacy.gate.release), not {type(value).__name__}"
        )
    return value

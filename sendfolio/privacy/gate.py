"""The privacy gate: the one checked step before anything leaves the machine.

`release(folio)` asks the privacy check (`privacy.check.open_findings`: every finding it knows
how to make over the whole folio, whatever it learns to scan) and raises `PrivacyFindings`
while any is open; otherwise it returns the folio's records as a `ClearedFolio`, the only value
the output functions accept (`domain/cleared.py`). The services call it before every PDF, HTML,
CSV or Markdown export, observer's forms and calendar; the JSON backup does not need it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sendfolio.domain.cleared import _GATE, ClearedFolio
from sendfolio.domain.records import FolioData
from sendfolio.privacy.check import PrivacyFindings, open_findings
from sendfolio.privacy.identifiers import scan

if TYPE_CHECKING:
    from sendfolio.store import Folio


def release(folio: Folio, *, attachments: bool = False) -> ClearedFolio:
    """The folio's records, released for printing once the privacy check finds nothing open.

    With `attachments` the attached documents' files are read too (a file that cannot be read is
    left out of the records and named in `left_out`). Raises `PrivacyFindings` while findings
    are open.
    """
    if attachments:
        readable = folio.readable_attachments()
        data, files, left_out = readable.data, readable.files, tuple(readable.left_out)
    else:
        data, files, left_out = folio.data(), None, ()
    found = open_findings(folio)
    if found:
        raise PrivacyFindings(found)
    return ClearedFolio(data, files, left_out, token=_GATE)


def release_records(data: FolioData, *, do_not_print: Iterable[str] = (), ignored: Iterable[str] = ()) -> ClearedFolio:
    """Records not kept in a folio (a generated archive, a test's records), released once the identifier
    check finds nothing open in them, given the do-not-print words and the fingerprints marked as not
    identifiers. Attached documents are left out: their files are only ever read through a folio.
    Raises `PrivacyFindings` while findings are open.
    """
    found = scan(data, do_not_print, ignored)
    if found:
        raise PrivacyFindings(found)
    return ClearedFolio(data, None, token=_GATE)

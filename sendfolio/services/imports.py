"""Import files into the folio: check them all first (a dry run), then save all or nothing.

`check_import` and `apply_import` are what `sendfolio import` and the Import screen (and the
returned-form dialog) call: CSV, Markdown reflections, observer forms returned as PDF, or a JSON
backup, checked against the folio as it is. An encrypted backup is opened with the folio's own
key when it fits, else with the passphrase the shell gives for it (`passphrase_for`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sendfolio.domain.records import FolioData
from sendfolio.portfolio.progress import CancelFlag, Progress, stop_if, tell

if TYPE_CHECKING:
    from sendfolio.io.importer import ImportPlan
    from sendfolio.store import Folio
    from sendfolio.store.storage import Codec

PassphraseFor = Callable[[str], str]
"""Gives the passphrase of the encrypted backup named; raises `ValueError` saying why when there is none."""

CANCELLED = "the import was cancelled; nothing was saved"
"""What a cancelled import says."""


class RestoreWouldReplace(Exception):
    """A backup would replace a folio that holds records, and the mediator has not said to."""

    def __init__(self, folio: Folio) -> None:
        """Name the folio and what it holds."""
        from sendfolio.io.exporter import counts

        self.data_dir, self.holds = folio.data_dir, counts(folio.data())
        super().__init__(
            f"the folio in {self.data_dir} already holds records ({self.holds}); restoring a backup replaces all of them"
        )


def check_import(
    folio: Folio | None,
    files: Sequence[Path],
    *,
    passphrase_for: PassphraseFor | None = None,
    progress: Progress | None = None,
    cancelled: CancelFlag | None = None,
    set_observed_by: bool = False,
) -> ImportPlan:
    """Read and check every file against the folio (None: an empty one); save nothing.

    `set_observed_by`: a returned form's observer becomes its case's "Observed by" where that
    names someone else (otherwise the plan's `observer_differs` says so).

    Raises `ImportProblems` listing every problem, or `CompileCancelled`.
    """
    from sendfolio.domain.form_fields import FOLIO_ID_SETTING
    from sendfolio.io.importer import plan_import

    stop_if(cancelled, CANCELLED)
    tell(progress, "Checking the files", 0.1)
    existing = folio.data() if folio is not None else FolioData()
    folio_id = folio.get_setting(FOLIO_ID_SETTING) if folio is not None else None
    codec = folio.codec if folio is not None else None
    plan = plan_import(
        list(files),
        existing,
        folio_id,
        decrypt=backup_decrypter(codec, passphrase_for),
        set_observed_by=set_observed_by,
    )
    tell(progress, "Done", 1.0)
    return plan


def would_replace(folio: Folio, plan: ImportPlan) -> bool:
    """True when saving the plan restores a backup over a folio that holds records."""
    return plan.backup is not None and not folio.is_empty()


def apply_import(folio: Folio, plan: ImportPlan, *, replace: bool = False) -> ImportPlan:
    """Save what the check found, all or nothing; returns the plan saved.

    Raises `RestoreWouldReplace` when a backup would replace records and `replace` is not given,
    `FolioError` or `OSError` when the folio cannot be written (nothing is saved then).
    """
    from sendfolio.io.importer import apply_plan

    if would_replace(folio, plan) and not replace:
        raise RestoreWouldReplace(folio)
    apply_plan(folio, plan)
    return plan


def backup_decrypter(folio_codec: Codec | None, passphrase_for: PassphraseFor | None) -> Callable[[str, bytes], bytes]:
    """Opens an encrypted backup: with the folio's own key when it fits, else with `passphrase_for(name)`."""

    def decrypt(name: str, raw: bytes) -> bytes:
        """The plain bytes of the encrypted backup `name`, or `ValueError` saying why not."""
        from sendfolio.store.crypto import CryptoError, FolioCodec, parse_header, unlock

        try:
            if isinstance(folio_codec, FolioCodec) and parse_header(raw).raw == folio_codec.header.raw:
                return folio_codec.decode(raw)
            if passphrase_for is None:
                raise ValueError("it is encrypted: give its passphrase")
            return unlock(raw, passphrase_for(name)).decode(raw)
        except CryptoError as error:
            raise ValueError(str(error)) from None

    return decrypt

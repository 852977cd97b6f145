"""Forms 1–3 for the observer, and Form 4 for the PPC, as fillable PDFs: for `sendfolio forms` and the app.

A case's forms carry the folio's form id, made and saved the first time (so the folio must be
writable then: `needs_form_id` tells the shell); blank forms carry none. The forms leave the
machine, so they pass the privacy gate first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sendfolio.services.outputs import checked_output

if TYPE_CHECKING:
    from sendfolio.portfolio.observer_forms import FormsResult
    from sendfolio.store import Folio


class NoSuchCase(LookupError):
    """The forms were asked for a case the folio does not hold."""


def needs_form_id(folio: Folio, case_ref: str | None) -> bool:
    """True when writing the forms of case `case_ref` (one the folio holds) will first make and save its form id."""
    from sendfolio.domain.form_fields import FOLIO_ID_SETTING

    if not case_ref or folio.data().case(case_ref) is None:
        return False
    return not folio.get_setting(FOLIO_ID_SETTING)


def form_id(folio: Folio, case_ref: str | None) -> str:
    """The form id a case's forms carry: the folio's, made and saved the first time (the folio must be
    writable then); blank forms carry the folio's id only when it already has one."""
    from sendfolio.domain.form_fields import FOLIO_ID_SETTING
    from sendfolio.portfolio.observer_forms import folio_id

    if case_ref:
        return folio_id(folio)
    return folio.get_setting(FOLIO_ID_SETTING) or ""


def write_forms(
    folio: Folio, out: Path, *, case_ref: str | None, forms: Sequence[int] = (1, 2, 3), replace: bool = False
) -> FormsResult:
    """Write Forms `forms` for case `case_ref` (None: blank forms, for any case) to `out`.

    Raises `OutputRefusedFor` (`OutputExists`: a file already there, unless `replace`), `NoSuchCase`,
    the privacy gate's `PrivacyFindings`, or `OSError`.
    """
    from sendfolio.portfolio.observer_forms import build_forms, compile_forms
    from sendfolio.privacy.gate import release

    checked_output(folio.data_dir, out, "output", replace=replace)
    if case_ref and folio.data().case(case_ref) is None:
        raise NoSuchCase(f"no case {case_ref} in the folio")
    cleared = release(folio)
    made = form_id(folio, case_ref)
    numbers = tuple(sorted(set(forms)))
    return compile_forms(build_forms(cleared, case_ref, numbers, folio=made), out)


def write_ppc_form(folio: Folio, out: Path, *, as_of: date | None = None, replace: bool = False) -> FormsResult:
    """Write Form 4 for the PPC to `out`: the facts it certifies as of `as_of` (default today), tied to this folio.

    The folio's form id is made and saved the first time (the folio must be writable then: see
    `needs_ppc_form_id`). Raises `OutputRefusedFor` (`OutputExists`: a file already there, unless
    `replace`), the privacy gate's `PrivacyFindings`, or `OSError`.
    """
    from sendfolio.portfolio.observer_forms import folio_id
    from sendfolio.portfolio.ppc_form import build_ppc_form, compile_ppc_form
    from sendfolio.privacy.gate import release

    checked_output(folio.data_dir, out, "output", replace=replace)
    cleared = release(folio)
    return compile_ppc_form(build_ppc_form(cleared, folio_id(folio), as_of or date.today()), out)


def needs_ppc_form_id(folio: Folio) -> bool:
    """True when writing Form 4 will first make and save the folio's form id."""
    from sendfolio.domain.form_fields import FOLIO_ID_SETTING

    return not folio.get_setting(FOLIO_ID_SETTING)

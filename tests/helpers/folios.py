"""Small real folios: the demo mediator's profile and only the demo records a test is about.

The whole demo compiles to a portfolio of over forty pages. A test of one page (the PPC's
verification, a returned form, a certificate) compiles a folio holding the records that page
reads: the same records as the demo's, written to a real folio on disk, and a fraction of the
pages to lay out.
"""

from __future__ import annotations

import tempfile
from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sendfolio.domain.form_fields import FOLIO_ID_SETTING
from sendfolio.samples.demo import write_demo
from sendfolio.store import Folio
from tests.helpers.dates import FIXED_TODAY
from tests.helpers.shared import built_once, worker

FOLIO_ID = "0123456789abcdef"
"""The form id of the folios the observers' forms and Form 4 are made from (as in `make_demo`)."""

FORMS_CASE = "SM-DEMO-002"
"""The demo's practice case (the mediator's 1st, no form returned yet) whose observer forms the tests fill in."""


def demo_part(
    folder: Path,
    *,
    cases: Collection[str] = (),
    keep: Collection[str] = (),
    form_id: str | None = FOLIO_ID,
    today: date = FIXED_TODAY,
) -> Path:
    """A real folio in `folder` with the demo's profile and only the demo records named.

    `cases`: the demo cases kept (by reference), with their observations, their observers'
    returns and the files attached to them. `keep`: whole kinds of the demo's records kept as
    well, named as `FolioData` names them ("ppc_contact", "training", "reflections", ...); with
    "attachments", every file the demo attaches to other than a case (certificates, the membership record).
    The demo's settings come too. `form_id` is the folio's form id (the observers' forms and
    Form 4 carry it).
    """
    with tempfile.TemporaryDirectory(prefix="demo-", dir=folder.parent) as scratch, Folio.open(Path(scratch)) as demo:
        write_demo(demo, today)
        data = demo.data()
        files = {item.id: demo.attachment_bytes(item) for item in data.attachments}
        settings = demo.settings()
    records: list[Any] = [data.profile]
    records += [item for item in data.cases if item.ref in cases]
    records += [item for item in data.observations if item.ref in cases]
    for name in keep:
        value = getattr(data, name)
        if name != "attachments" and value is not None:
            records += value if isinstance(value, tuple) else [value]
    for_cases = {f"case:{ref}" for ref in cases}
    attached = [
        item
        for item in data.attachments
        if item.evidence_for in for_cases or ("attachments" in keep and not item.evidence_for.startswith("case:"))
    ]
    returns = [item for item in data.returns if item.ref in cases]
    with Folio.open(folder) as folio:
        with folio.batch():
            for record in records:
                folio.put(record)
        for item in attached:
            folio.attach(item, files[item.id])
        with folio.batch():
            for record in returns:
                folio.put(record)
        for key, value in settings.items():  # the findings the demo's mediator looked at, among others
            folio.put_setting(key, value)
        if form_id is not None:
            folio.put_setting(FOLIO_ID_SETTING, form_id)
    return folder


def complete_demo(folio: Folio) -> None:
    """Add what the demo still lacks (a quarter hour of reflection, four criteria, the PPC's verification)
    to the open demo folio `folio`: every requirement of accreditation is then met."""
    from sendfolio import rules
    from sendfolio.domain.criteria import criterion
    from sendfolio.domain.records import Observation, Reflection, Verification
    from sendfolio.samples.demo import PPC_NAME

    final = "SM-DEMO-004"
    for crit_id in rules.coverage(folio.data()).missing:
        folio.put(
            Observation.from_dict(
                {"ref": final, "criterion": crit_id, "observer": PPC_NAME, "notes": criterion(crit_id).text}
            )
        )
    folio.put(
        Reflection.from_dict(
            {
                "date": "2026-11-20",
                "hours": "0.5",
                "title": "Looking back over the supported practice",
                "case": final,
                "body": "## What?\n\nThree cases and a year of supervision.\n",
            }
        )
    )
    folio.put(
        Verification.from_dict(
            {"name": PPC_NAME, "register": "College of Mediators PPC register", "role": "PPC", "date": "2026-11-25"}
        )
    )


def _make_case_forms(folder: Path) -> None:
    """Write the demo (form id FOLIO_ID) and make Forms 1–3 of FORMS_CASE with `sendfolio forms --case`."""
    from click.testing import CliRunner

    from sendfolio.cli import main

    with Folio.open(folder / "folio") as folio:
        write_demo(folio, FIXED_TODAY)
        folio.put_setting(FOLIO_ID_SETTING, FOLIO_ID)
    made = CliRunner().invoke(
        main, ["--data-dir", str(folder / "folio"), "forms", "--case", FORMS_CASE, "-o", str(folder / "case.pdf")]
    )
    assert made.exit_code == 0, made.output


def demo_case_forms(factory: pytest.TempPathFactory) -> Path:
    """Forms 1–3 of the demo's case FORMS_CASE as `sendfolio forms --case` makes them from a demo folio of form id
    FOLIO_ID, made once per run (whichever worker asks first). Read only: fill it into a new file."""
    return built_once(factory, worker(), "demo-case-forms", _make_case_forms) / "case.pdf"

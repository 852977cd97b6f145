"""`sendfolio forms`: Forms 1–3 of Appendix A as a fillable PDF for the observer.

`--case REF` pre-fills them for one case and ties them to this folio; `--blank` gives
forms for any case; `--ppc` gives Form 4 for the PPC to verify and sign. The observer (or the
PPC) fills them in with any PDF reader and returns the file; `sendfolio import RETURNED.pdf`
records what they ticked and wrote.
WeasyPrint is imported only when the PDF is laid out.
"""

from __future__ import annotations

from pathlib import Path

import click

from sendfolio.commands.common import fail, open_folio
from sendfolio.commands.compile import FORCE, OUTPUT, output_of
from sendfolio.commands.reporting import reported


@click.command("forms")
@click.option("--case", "case_ref", metavar="REF", help="The case the forms are for (pre-filled with its reference).")
@click.option("--blank", is_flag=True, help="Blank forms, for any case.")
@click.option(
    "--ppc", is_flag=True, help="Form 4 for your PPC to verify and sign (the facts it certifies as of today)."
)
@click.option(
    "--form",
    "form_numbers",
    type=click.Choice(["1", "2", "3"]),
    multiple=True,
    help="Only this form (repeat for more); default: Forms 1, 2 and 3.",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=OUTPUT,
    help="The PDF to write (default: observer-forms-REF.pdf in the output folder of your profile).",
)
@FORCE
@click.pass_context
def forms_command(
    ctx: click.Context,
    case_ref: str | None,
    blank: bool,
    ppc: bool,
    form_numbers: tuple[str, ...],
    out: Path | None,
    force: bool,
) -> None:
    """Forms 1–3 as a fillable PDF for the observer (co-mediator, PPC, manager or mentor) to fill in and return;
    with --ppc, Form 4 for the PPC to verify, sign and return."""
    if ppc:
        if blank or case_ref or form_numbers:
            fail("--ppc: Form 4 is for the whole portfolio: give it without --case, --blank or --form")
        _ppc_form(ctx, out, force)
        return
    if blank == bool(case_ref):
        fail("give --case REF for a case's forms, or --blank for blank forms (not both), or --ppc for Form 4")
    from sendfolio.domain.form_fields import FORMS
    from sendfolio.services.forms import needs_form_id, write_forms

    numbers = tuple(sorted({int(number) for number in form_numbers})) or FORMS
    ref = None if blank else case_ref
    replace = force or out is not None
    with open_folio(ctx, readonly=True) as folio, reported():
        writable = needs_form_id(folio, ref)
        if not writable:
            target = output_of(folio, out, "forms", ref=ref)
            result = write_forms(folio, target, case_ref=ref, forms=numbers, replace=replace)
    if writable:  # the folio's form id is made and saved the first time a case's forms are written
        with open_folio(ctx) as folio, reported():
            target = output_of(folio, out, "forms", ref=ref)
            result = write_forms(folio, target, case_ref=ref, forms=numbers, replace=replace)
    what = "blank forms" if blank else f"forms for case {case_ref}"
    click.echo(f"{result.path}: {what} ({', '.join(map(str, numbers))}), {result.pages} pages, {result.fields} fields")
    click.echo("Send it to the observer; import the returned file with `sendfolio import FILE.pdf`.")


def _ppc_form(ctx: click.Context, out: Path | None, force: bool) -> None:
    """Write Form 4 for the PPC (the folio's form id made and saved the first time); without -o, form4.pdf in
    the output folder (replaced only with --force)."""
    from sendfolio.services.forms import needs_ppc_form_id, write_ppc_form

    replace = force or out is not None
    with open_folio(ctx, readonly=True) as folio, reported():
        writable = needs_ppc_form_id(folio)
        if not writable:
            result = write_ppc_form(folio, output_of(folio, out, "form4"), replace=replace)
    if writable:
        with open_folio(ctx) as folio, reported():
            result = write_ppc_form(folio, output_of(folio, out, "form4"), replace=replace)
    click.echo(f"{result.path}: Form 4 for the PPC, {result.pages} pages, {result.fields} fields")
    click.echo("Send it to your PPC to verify and sign; import the returned file with `sendfolio import FILE.pdf`.")


COMMANDS = [forms_command]
"""The click commands this module adds to `sendfolio`."""

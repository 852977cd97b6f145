"""`sendfolio forms`: Forms 1–3 of Appendix A as a fillable PDF for the observer.

`--case REF` pre-fills them for one case and ties them to this folio; `--blank` gives
forms for any case. The observer fills them in with any PDF reader and returns the file;
`sendfolio import RETURNED.pdf` records what they ticked and wrote.
WeasyPrint is imported only when the PDF is laid out.
"""

from __future__ import annotations

from pathlib import Path

import click

from sendfolio.commands.common import fail, open_folio, output_path
from sendfolio.commands.compile import OUTPUT


def _folio_and_id(ctx: click.Context, case_ref: str | None):
    """The folio's records and its form id (made and saved on first use, which needs the folio writable)."""
    from sendfolio.domain.form_fields import FOLIO_ID_SETTING
    from sendfolio.portfolio.observer_forms import folio_id

    with open_folio(ctx, readonly=True) as folio:
        data, made = folio.data(), folio.get_setting(FOLIO_ID_SETTING)
    if case_ref and data.case(case_ref) is None:
        fail(f"--case: no case {case_ref} in the folio (sendfolio export OUT.csv --kind cases lists them)")
    if made or not case_ref:
        return data, made or ""
    with open_folio(ctx) as folio:
        return folio.data(), folio_id(folio)


@click.command("forms")
@click.option("--case", "case_ref", metavar="REF", help="The case the forms are for (pre-filled with its reference).")
@click.option("--blank", is_flag=True, help="Blank forms, for any case.")
@click.option(
    "--form",
    "form_numbers",
    type=click.Choice(["1", "2", "3"]),
    multiple=True,
    help="Only this form (repeat for more); default: Forms 1, 2 and 3.",
)
@click.option("-o", "--output", "out", type=OUTPUT, required=True, help="The PDF to write.")
@click.pass_context
def forms_command(
    ctx: click.Context, case_ref: str | None, blank: bool, form_numbers: tuple[str, ...], out: Path
) -> None:
    """Forms 1–3 as a fillable PDF for the observer (co-mediator, PPC, manager or mentor) to fill in and return."""
    if blank == bool(case_ref):
        fail("give --case REF for a case's forms, or --blank for blank forms (not both)")
    from sendfolio.domain.form_fields import FORMS
    from sendfolio.portfolio.observer_forms import build_forms, compile_forms

    output_path(ctx, out, "-o")
    numbers = tuple(sorted({int(number) for number in form_numbers})) or FORMS
    data, made = _folio_and_id(ctx, None if blank else case_ref)
    document = build_forms(data, None if blank else case_ref, numbers, folio=made)
    try:
        result = compile_forms(document, out)
    except OSError as problem:
        fail(f"cannot write {getattr(problem, 'filename', None) or out}: {problem.strerror or problem}")
    what = "blank forms" if blank else f"forms for case {case_ref}"
    click.echo(f"{result.path}: {what} ({', '.join(map(str, numbers))}), {result.pages} pages, {result.fields} fields")
    click.echo("Send it to the observer; import the returned file with `sendfolio import FILE.pdf`.")


COMMANDS = [forms_command]
"""The click commands this module adds to `sendfolio`."""

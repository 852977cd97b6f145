"""Where the command line turns what the library raises into one line on stderr.

Commands run a service inside `reported(...)`: the service raises its own exceptions (an
output refused, the privacy check's findings, Form 5 not applying, a file that cannot be read
or written…) and this says each in the mediator's words, `sendfolio: <what>`, exit 2 (1 when a
document does not apply to the records). An exception it does not know is left to the group's
"unexpected error" line, which prints no record text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from sendfolio.commands.errors import fail, os_error_line, os_error_reason
from sendfolio.domain.wording import count

if TYPE_CHECKING:
    from sendfolio.io.problems import ImportProblems

OUTPUT_OPTIONS = {"output": "-o", "html": "--html"}
"""The option naming each output of a compile, by the service's name for it."""


@contextmanager
def reported(
    *,
    nothing: str = "",
    options: Mapping[str, str] = OUTPUT_OPTIONS,
    target: Path | None = None,
    os_error: str = "cannot write {where}: {why}",
) -> Iterator[None]:
    """Run a service; report what it raises in one line.

    `nothing` opens each line ("nothing was exported"); `options` names the service's outputs as
    the command's options; `target` is the file named when the system refuses a write (else the
    file the error names); `os_error` words a system error, with `{where}`, `{why}` (its reason) or
    `{error}` (the whole of it).
    """
    try:
        yield
    except Exception as error:
        _report(error, nothing=nothing, options=options, target=target, os_error=os_error)


def _report(error: Exception, *, nothing: str, options: Mapping[str, str], target: Path | None, os_error: str) -> None:
    """Fail with the line for `error`, or re-raise it when it is not one the library says in words."""
    from sendfolio.domain.links import TargetProblem
    from sendfolio.domain.records import InvalidRecord
    from sendfolio.io.attachments import AttachmentRefused
    from sendfolio.io.exporter import ExportRefused
    from sendfolio.io.problems import ImportProblems
    from sendfolio.portfolio.packs import PassportRefused
    from sendfolio.portfolio.progress import CompileCancelled
    from sendfolio.privacy import PrivacyFindings
    from sendfolio.services.attach import NoSuchAttachment
    from sendfolio.services.export import BackupPassphraseProblem
    from sendfolio.services.forms import NoSuchCase
    from sendfolio.services.imports import RestoreWouldReplace
    from sendfolio.services.outputs import OutputExists, OutputRefusedFor
    from sendfolio.services.paper import PaperFormRefused
    from sendfolio.store import FolioError

    lead = f"{nothing}: " if nothing else ""
    if isinstance(error, OutputExists):
        fail(f"{error}: add --force to replace it, or name another file; nothing was written")
    if isinstance(error, OutputRefusedFor):
        fail(f"{options.get(error.role, error.role)}: {error}; nothing was written")
    if isinstance(error, PassportRefused):
        fail(f"Form 5 not produced: {error}", 1)
    if isinstance(error, ImportProblems):
        _import_problems(error, lead)
    if isinstance(error, RestoreWouldReplace):
        fail(f"{error}. Export them first if you need them, then run again with --replace")
    if isinstance(error, TargetProblem):
        fail(f"{lead}--for: {error}")
    if isinstance(error, NoSuchCase):
        fail(f"--case: {error} (sendfolio export OUT.csv --kind cases lists them)")
    if isinstance(error, NoSuchAttachment):
        fail(f"{error}: `sendfolio attachments` lists them")
    if isinstance(error, CompileCancelled):
        fail(f"{lead}{error}")
    known = (
        PrivacyFindings,
        ExportRefused,
        AttachmentRefused,
        PaperFormRefused,
        InvalidRecord,
        BackupPassphraseProblem,
        FolioError,
    )
    if isinstance(error, known):
        fail(f"{lead}{error}")
    if isinstance(error, OSError):
        where = target if target is not None else (error.filename or "the output file")
        fail(lead + os_error.format(where=where, why=os_error_reason(error), error=os_error_line(error)))
    raise error


def _import_problems(bad: ImportProblems, lead: str) -> NoReturn:
    """One line for one problem; else each problem, then a line counting them."""
    if len(bad.problems) == 1:
        fail(f"{lead}{bad.problems[0]}")
    for problem in bad.problems:
        click.echo(str(problem), err=True)
    files = len({problem.file for problem in bad.problems})
    fail(f"{lead}{count(len(bad.problems), 'problem')} in {count(files, 'file')}, listed above")

"""Where a service may write: never onto the folio's own files."""

from __future__ import annotations

from pathlib import Path

from sendfolio.store.outputs import OutputRefused, check_output


class OutputRefusedFor(OutputRefused):
    """An output path refused, with which of the job's outputs it was (`role`: "output" or "html")."""

    def __init__(self, message: str, role: str) -> None:
        """The refusal's words and the output it concerns."""
        super().__init__(message)
        self.role = role


def checked_output(data_dir: Path, path: Path, role: str = "output") -> Path:
    """`path` as given, once it is known not to land on the folio's own files (`OutputRefusedFor` otherwise)."""
    try:
        check_output(path, data_dir)
    except OutputRefused as refused:
        raise OutputRefusedFor(str(refused), role) from None
    return path

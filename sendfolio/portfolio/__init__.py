"""The portfolio: records and rules → document model → HTML → PDF.

`compile_portfolio`, `compile_renewal` and `compile_passport` (in `api`) are the entry
points for the CLI and the TUI. Importing this package does not import WeasyPrint.
"""

from sendfolio.portfolio.api import (
    CompileResult,
    PrivacyProblem,
    check_privacy,
    compile_passport,
    compile_portfolio,
    compile_renewal,
)
from sendfolio.portfolio.model import CoveredPeriod
from sendfolio.portfolio.progress import CompileCancelled

__all__ = [
    "CompileCancelled",
    "CompileResult",
    "CoveredPeriod",
    "PrivacyProblem",
    "check_privacy",
    "compile_passport",
    "compile_portfolio",
    "compile_renewal",
]

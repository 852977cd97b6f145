"""Following the records through the document model: which functions of the rules it calls."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

from sendfolio import rules

PACKAGE = Path(rules.__file__).resolve().parents[1]
"""The sendfolio package folder."""


def calls_into_the_rules(work: Any) -> list[tuple[str, str]]:
    """(caller, rule) for every call from the document model or the templates into a rule function."""
    rules_dir, seen = PACKAGE / "rules", []

    def profile(frame: FrameType, event: str, arg: object) -> None:
        """Note a call whose callee is a module-level function of the rules, made from outside them."""
        if event != "call" or frame.f_back is None:
            return
        callee = Path(frame.f_code.co_filename)
        caller = Path(frame.f_back.f_code.co_filename)
        if callee.parent == rules_dir and caller.parent != rules_dir and "." not in frame.f_code.co_qualname:
            seen.append((frame.f_back.f_code.co_qualname, frame.f_code.co_qualname))

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return seen

"""The functional core imports none of the shells' heavy libraries."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

CORE_MODULES = (
    "sendfolio.domain.records",
    "sendfolio.domain.standards",
    "sendfolio.domain.criteria",
    "sendfolio.rules",
    "sendfolio.domain.timescales",
)
"""The pure modules: records, the rule set, the rules engine, the statutory timescales."""

SHELL_LIBRARIES = ("textual", "tinydb", "weasyprint", "click")
"""Libraries only the shells (TUI, store, PDF, CLI) may import."""


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_loads_no_shell_library(module):
    """In a fresh interpreter, importing a core module loads none of the shell libraries."""
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} does not exist yet")
    code = (
        f"import json, sys; import {module}; "
        f"print(json.dumps(sorted(name for name in sys.modules if name.split('.')[0] in {SHELL_LIBRARIES!r})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []

"""The benchmark runner, run small: every measure is reported (it never fails on slowness).

Deselected by default (pyproject's addopts); run with
`.venv/bin/python -m pytest tests/benchmarks -m benchmark -q`. The full benchmark is
`.venv/bin/python tests/benchmarks/run.py` (see README.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

RUNNER = Path(__file__).with_name("run.py")
"""The benchmark runner."""


@pytest.mark.benchmark
def test_runner_reports_every_measure(tmp_path):
    """A short run (1 and 2 years, one repeat, 2,000 import rows) reports measures 1–7; no file is read after load."""
    report = tmp_path / "report.md"
    subprocess.run(
        [
            sys.executable,
            str(RUNNER),
            "--repeats",
            "1",
            "--save-repeats",
            "2",
            "--compile-repeats",
            "1",
            "--big-years",
            "2",
            "--import-rows",
            "2000",
            "--import-repeats",
            "1",
            "--out",
            str(report),
        ],
        check=True,
        timeout=1200,
        capture_output=True,
    )
    text = report.read_text(encoding="utf-8")
    for number in range(1, 8):
        assert f"| {number} |" in text, f"measure {number} missing:\n{text}"
    assert "opened 0 time(s) after load" in text and "after load (must be 0)" in text
    assert "opened 1" not in text and "opened 2" not in text, text


@pytest.mark.benchmark
def test_markdown_bound_reports_its_ratio(tmp_path):
    """The bounded-Markdown measure, run small (10,000 characters, one compile each), reports its row."""
    report = tmp_path / "markdown.md"
    subprocess.run(
        [
            sys.executable,
            str(RUNNER.with_name("markdown_bound.py")),
            "--repeats",
            "1",
            "--size",
            "10000",
            "--out",
            str(report),
        ],
        check=True,
        timeout=1200,
        capture_output=True,
    )
    text = report.read_text(encoding="utf-8")
    assert "| compile one reflection of bounded Markdown |" in text and "× | ≤ 2× |" in text, text

"""Textual's private names the app relies on are all in one module, and still there in the installed Textual.

After a Textual upgrade, the first test fails with one line per private name that changed,
naming what the app used it for: adapt `sendfolio/tui/support/textual_internals.py`.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import textual

import sendfolio
from sendfolio.tui.support import textual_internals
from sendfolio.tui.support.textual_internals import RELIED_ON, TESTED_WITH, Internal, changed

PACKAGE = Path(sendfolio.__file__).parent
"""The source of sendfolio."""


def test_the_installed_textual_still_has_every_private_name_the_app_relies_on():
    """Every entry of RELIED_ON holds in the installed Textual (methods with the same parameters, attributes there)."""
    problems = changed()
    assert not problems, "Textual's private API changed under the app:\n" + "\n".join(problems)


def test_a_changed_private_name_is_reported_in_one_line_saying_what_it_was_for():
    """A method whose parameters differ, a missing attribute or reactive, a gone class: one line each, then the versions."""
    problems = changed(
        [
            Internal("textual.widgets:DataTable", "_render_cell", "method", "drawing kept cells", ("self", "row")),
            Internal("textual.app:App", "_gone_attribute", "attribute", "the crash report"),
            Internal("textual.widgets:Footer", "_gone_reactive", "reactive", "the footer's keys"),
            Internal("textual.widgets:NoSuchWidget", "_anything", "attribute", "nothing"),
        ]
    )
    assert len(problems) == 5
    assert problems[0].startswith("textual.widgets.DataTable._render_cell now takes (")
    assert problems[0].endswith("not ('self', 'row') (drawing kept cells)")
    assert problems[1] == "textual.app.App._gone_attribute is no longer an attribute of a new App (the crash report)"
    assert (
        problems[2] == "textual.widgets.Footer._gone_reactive is no longer a reactive of the class (the footer's keys)"
    )
    assert problems[3].startswith("textual.widgets:NoSuchWidget is gone")
    assert textual.__version__ in problems[4] and TESTED_WITH in problems[4]


def test_textual_is_pinned_to_the_version_the_internals_were_written_against():
    """pyproject.toml pins textual to TESTED_WITH, and that is the version installed."""
    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())
    assert f"textual=={TESTED_WITH}" in project["project"]["dependencies"]
    assert textual.__version__ == TESTED_WITH


def private_uses(source: str) -> set[str]:
    """The names in RELIED_ON that `source` uses as an attribute (`x._name`) or defines (`def _name`)."""
    names = {internal.name for internal in RELIED_ON}
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in names:
            found.add(node.attr)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in names:
            found.add(node.name)
    return found


def test_no_other_module_of_sendfolio_uses_textuals_private_names():
    """Only textual_internals.py reads, sets, calls or overrides the names it lists (docstrings may mention them)."""
    guarded = Path(textual_internals.__file__)
    elsewhere = {
        str(path.relative_to(PACKAGE)): sorted(private_uses(path.read_text()))
        for path in PACKAGE.rglob("*.py")
        if path != guarded
    }
    assert {path: names for path, names in elsewhere.items() if names} == {}
    relied_on_by_call = {internal.name for internal in RELIED_ON if not internal.why.startswith("not called")}
    assert private_uses(guarded.read_text()) == relied_on_by_call


def test_the_finder_sees_a_private_use_in_code_and_not_in_prose():
    """The check above finds an override and an attribute, and ignores a docstring naming them."""
    source = '''
class Table:
    """Relies on `_render_cell`."""

    def _render_cell(self):
        return self._row_locations
'''
    assert private_uses(source) == {"_render_cell", "_row_locations"}
    assert private_uses('"""Mentions _clear_caches only."""') == set()

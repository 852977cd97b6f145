"""Quality bars every file of the package keeps (docs/ARCHITECTURE.md): docstrings and size.

Every module, class, function and method in `sendfolio/` says what it is in a docstring, and
no file grows past `MAX_LINES` lines (a sign it holds more than one idea).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "sendfolio"
"""The package whose files are checked."""

MAX_LINES = 600
"""No Python file in the package may reach this many lines (as laid out by `ruff format`)."""

DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
"""The kinds of node that must carry a docstring."""


def python_files() -> list[Path]:
    """Every Python file of the package, in a stable order."""
    return sorted(PACKAGE.rglob("*.py"))


def undocumented(source: str, name: str) -> list[str]:
    """`name:line: what` for the module, each class, function and method, and each module-level
    constant (an UPPER_CASE name) of `source` that has no docstring."""
    tree = ast.parse(source, filename=name)
    missing = [] if ast.get_docstring(tree) else [f"{name}:1: module"]
    bare = sorted(
        (node.lineno, node.name)
        for node in ast.walk(tree)
        if isinstance(node, DEFINITIONS) and not ast.get_docstring(node)
    )
    return missing + [f"{name}:{line}: {what}" for line, what in bare] + undocumented_constants(tree, name)


def undocumented_constants(tree: ast.Module, name: str) -> list[str]:
    """Module-level UPPER_CASE assignments not followed by a string (the constant's docstring)."""
    missing = []
    for index, node in enumerate(tree.body):
        names = constant_names(node)
        following = tree.body[index + 1] if index + 1 < len(tree.body) else None
        documented = (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        )
        if names and not documented:
            missing.append(f"{name}:{node.lineno}: constant {', '.join(names)}")
    return missing


def constant_names(node: ast.stmt) -> list[str]:
    """The UPPER_CASE names a module-level assignment binds (none for other statements)."""
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign):
        targets = [node.target]
    else:
        return []
    names = [target.id for target in targets if isinstance(target, ast.Name)]
    return [item for item in names if item.strip("_").isupper() and not item.startswith("__")]


def package_name(path: Path) -> str:
    """The file's path from the repository root, as messages show it."""
    return str(path.relative_to(PACKAGE.parent))


def test_the_package_has_python_files():
    """The checks below look at the real package, not an empty folder."""
    assert len(python_files()) > 20


def test_every_module_class_and_function_has_a_docstring():
    """No module, class, function or method (nested ones included) lacks a docstring."""
    offenders = [
        item for path in python_files() for item in undocumented(path.read_text(encoding="utf-8"), package_name(path))
    ]
    assert not offenders, "missing docstrings:\n" + "\n".join(offenders)


def test_every_file_is_under_the_line_limit():
    """No file of the package reaches `MAX_LINES` lines."""
    long_files = [
        f"{package_name(path)}: {count} lines"
        for path in python_files()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) >= MAX_LINES
    ]
    assert not long_files, f"files of {MAX_LINES} lines or more:\n" + "\n".join(long_files)


def test_the_checker_finds_what_is_missing():
    """The check itself reports each kind of gap, so a pass means something."""
    source = (
        '"""A module."""\n\nLIMIT = 3\n\nNAMED = 4\n"""Documented."""\n\n'
        'def documented():\n    """Yes."""\n\n    def inner():\n        pass\n\n'
        "class Bare:\n    def method(self):\n        pass\n"
    )
    assert undocumented(source, "probe.py") == [
        "probe.py:11: inner",
        "probe.py:14: Bare",
        "probe.py:15: method",
        "probe.py:3: constant LIMIT",
    ]
    assert undocumented("x = 1\n", "bare.py") == ["bare.py:1: module"]

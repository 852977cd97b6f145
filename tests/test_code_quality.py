"""Quality bars every file of the package keeps (docs/ARCHITECTURE.md): docstrings and size.

Every module, class, function and method in `sendfolio/` says what it is in a docstring, and
no file grows past `MAX_LINES` lines (a sign it holds more than one idea). A constant or an
attribute has a docstring only where it adds something: one that only says its name again
(`TABLE_ID = ...` / "The table's id.") is not wanted, and none says how long something takes.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import lru_cache
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


@lru_cache(maxsize=512)
def parsed(source: str, name: str) -> ast.Module:
    """The syntax tree of `source`, parsed once for all the checks (they only read it)."""
    return ast.parse(source, filename=name)


def undocumented(source: str, name: str) -> list[str]:
    """`name:line: what` for the module and each class, function and method of `source` that has no docstring."""
    tree = parsed(source, name)
    missing = [] if ast.get_docstring(tree) else [f"{name}:1: module"]
    bare = sorted(
        (node.lineno, node.name)
        for node in ast.walk(tree)
        if isinstance(node, DEFINITIONS) and not ast.get_docstring(node)
    )
    return missing + [f"{name}:{line}: {what}" for line, what in bare]


FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "to",
        "for",
        "and",
        "or",
        "is",
        "are",
        "its",
        "it",
        "this",
        "that",
        "by",
        "as",
        "at",
        "on",
        "with",
    ]
)
"""Words that say nothing about an attribute (left out when comparing its docstring with its name)."""


def attribute_docstrings(tree: ast.Module) -> Iterator[tuple[list[str], ast.Expr]]:
    """Each assignment at module or class level followed by a string: the names it binds, and that string."""
    owners: list[ast.Module | ast.ClassDef] = [
        tree,
        *(node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)),
    ]
    for owner in owners:
        for node, following in zip(owner.body, owner.body[1:]):
            if not (isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(following, ast.Expr)):
                continue
            if not (isinstance(following.value, ast.Constant) and isinstance(following.value.value, str)):
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [target.id if isinstance(target, ast.Name) else getattr(target, "attr", "") for target in targets]
            if any(names):
                yield [item for item in names if item], following


def _words(text: str) -> set[str]:
    """The words of `text` (or of a name, split at underscores and capitals), lower case, plurals as singular."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", text).replace("_", " ").lower()
    return {word[:-1] if word.endswith("s") and len(word) > 3 else word for word in re.findall(r"[a-z0-9]+", spaced)}


def name_only(source: str, name: str) -> list[str]:
    """`name:line: NAME` for each attribute docstring of `source` that only says the attribute's name again."""
    found = []
    for names, doc in attribute_docstrings(parsed(source, name)):
        said = _words(doc.value.value) - FILLER  # type: ignore[attr-defined]
        if said and said <= set().union(*(_words(item) for item in names)):
            found.append(f"{name}:{doc.lineno}: {', '.join(names)}")
    return found


TIMING = re.compile(r"\b\d+(?:[.,-]\d+)*\s*(?:ms|milliseconds?|s|seconds?)\b(?![-\w])")
"""A duration in figures ("40-60 ms", "0.25 s", "3 seconds"): it goes in tests/benchmarks/README.md, not a docstring."""


def timings(source: str, name: str) -> list[str]:
    """`name:line: figure` for each docstring of `source` that gives a duration."""
    tree = parsed(source, name)
    nodes: list[ast.AST] = [tree, *(node for node in ast.walk(tree) if isinstance(node, (*DEFINITIONS,)))]
    texts = [(getattr(node, "lineno", 1), ast.get_docstring(node, clean=False) or "") for node in nodes]  # type: ignore[arg-type]
    texts += [(doc.lineno, doc.value.value) for _, doc in attribute_docstrings(tree)]  # type: ignore[attr-defined]
    return [f"{name}:{line}: {found.group(0)}" for line, text in texts for found in TIMING.finditer(text)]


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


def test_no_attribute_docstring_only_repeats_its_name():
    """A constant's or attribute's docstring says more than its name (or there is none)."""
    offenders = [
        item for path in python_files() for item in name_only(path.read_text(encoding="utf-8"), package_name(path))
    ]
    assert not offenders, "docstrings that only repeat the name (say more, or delete them):\n" + "\n".join(offenders)


def test_no_docstring_gives_a_timing():
    """Docstrings say what and why; durations, which go stale, are in tests/benchmarks/README.md."""
    offenders = [
        item for path in python_files() for item in timings(path.read_text(encoding="utf-8"), package_name(path))
    ]
    assert not offenders, "timings in docstrings (move them to tests/benchmarks/README.md):\n" + "\n".join(offenders)


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
    ]
    assert undocumented("x = 1\n", "bare.py") == ["bare.py:1: module"]


def test_the_checkers_find_a_repeated_name_and_a_timing():
    """A docstring that only repeats its name, and one giving a duration, are each reported; others are not."""
    source = (
        '"""Laid out in 40-60 ms."""\n\nTABLE_ID = "t"\n"""The id of the table."""\n\n'
        'MAX_ROWS = 9\n"""Past this many rows a table is filled in batches, so keys are answered between them."""\n\n'
        'class Screen:\n    """A screen."""\n\n    HELP = "h"\n    """Help."""\n\n'
        '    def paint(self):\n        """Paints in 0.2 s, on 2 cores, at 10 years."""\n'
    )
    assert name_only(source, "probe.py") == ["probe.py:4: TABLE_ID", "probe.py:13: HELP"]
    assert timings(source, "probe.py") == ["probe.py:1: 40-60 ms", "probe.py:15: 0.2 s"]

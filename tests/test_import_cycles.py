"""No two modules of sendfolio import each other, directly or through a chain.

Counted as imports: those at the top of a module, those inside functions and those under
`if TYPE_CHECKING:` -- a cycle hidden in a function is still a cycle in the design. The graph
is built once (grimp, as import-linter builds it); a failure names every cycle found, as a
chain of modules from one back to itself.
"""

from __future__ import annotations

import grimp
import pytest

PACKAGE = "sendfolio"
"""The package checked."""

NOT_YET: tuple[str, ...] = ()
"""Packages left out until their cycles are taken apart (none now: the TUI's went with its new layout)."""


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    """The import graph of the package, every import counted."""
    return grimp.build_graph(PACKAGE, exclude_type_checking_imports=False, cache_dir=None)


def checked(module: str) -> bool:
    """True for a module the check covers."""
    return not any(module == name or module.startswith(name + ".") for name in NOT_YET)


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every group of modules that import one another (strongly connected), each as one cycle through them."""
    modules = sorted(module for module in graph.modules if checked(module))
    imports = {
        module: sorted(found for found in graph.find_modules_directly_imported_by(module) if checked(found))
        for module in modules
    }
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in modules:  # Tarjan's algorithm, without recursion
        if root in order:
            continue
        work = [(root, iter(imports[root]))]
        order[root] = low[root] = len(order)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, rest = work[-1]
            step = next(rest, None)
            if step is not None:
                if step not in order:
                    order[step] = low[step] = len(order)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(imports[step])))
                elif step in on_stack:
                    low[module] = min(low[module], order[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == order[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return [_loop(sorted(group), imports) for group in sorted(groups)]


def _loop(group: list[str], imports: dict[str, list[str]]) -> list[str]:
    """A shortest chain of imports within `group` from its first module back to itself."""
    inside = set(group)
    start = group[0]
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for module in frontier:
            for step in imports[module]:
                if step not in inside:
                    continue
                if step == start:
                    chain = [module]
                    while chain[-1] != start:
                        chain.append(came_from[chain[-1]])
                    return [start, *reversed(chain[:-1]), start]
                if step not in came_from:
                    came_from[step] = module
                    following.append(step)
        frontier = following
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover - a group always has one


def test_no_import_cycles(graph):
    """No module imports, directly or through others, a module that imports it."""
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(chain) for chain in found)


def test_the_check_sees_imports_in_functions_and_type_checking_blocks(tmp_path, monkeypatch):
    """A cycle made only of an import inside a function and one under TYPE_CHECKING is found and named."""
    package = tmp_path / "cyclic"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from cyclic import b\n    return b\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cyclic import c\n")
    (package / "c.py").write_text("import cyclic.a\n")
    (package / "d.py").write_text("import cyclic.c\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    made = grimp.build_graph("cyclic", exclude_type_checking_imports=False, cache_dir=None)
    assert cycles(made) == [["cyclic.a", "cyclic.b", "cyclic.c", "cyclic.a"]]

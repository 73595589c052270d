"""The layout keeps its promises: data flows down, no circles, one home per name.

Every import in the package counts, at module level or inside a function: a
lazy import is still a dependency, and a circle through one is still a circle.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from helpers import REPO

PACKAGE = REPO / "src" / "postkit"
# The layers, top to bottom: a unit may import only from its own layer's units
# that do not import it back, and from the layers below it.
LAYERS = [
    {"cli"},
    {"drafting", "batch", "library"},
    {"settings"},
    {"render", "platforms", "sources"},
    {"mojibake"},
    {"emoji_forms", "atomic", "patterns"},
    {"model"},
    {"errors"},
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path) -> Iterator[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ""  # relative imports only occur inside the package
    if path.is_relative_to(PACKAGE):
        package = module_name(path)
        if path.name != "__init__.py":
            package = package.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            names = [alias.name for alias in node.names]
            submodules = [f"{base}.{name}" for name in names if f"{base}.{name}" in modules()]
            taken = [name for name in names if f"{base}.{name}" not in modules()]
            if taken or not submodules:  # not for ``from postkit import emoji_forms``
                yield base, taken, node.lineno
            for submodule in submodules:
                yield submodule, [], node.lineno


def internal_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in modules()}
    for name, path in modules().items():
        for target, _, _ in imports_of(path):
            if target in modules() and target != name:
                graph[name].add(target)
    return graph


def unit(module: str) -> str:
    """The package (``postkit.render``) or top-level module a module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "postkit"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_circle_between_modules() -> None:
    assert find_cycle(internal_graph()) is None


def test_no_import_circle_between_packages() -> None:
    units: dict[str, set[str]] = {}
    for source, targets in internal_graph().items():
        if source == "postkit":  # the lazy public API re-exports from everywhere
            continue
        for target in targets:
            if unit(source) != unit(target) and target != "postkit":
                units.setdefault(unit(source), set()).add(unit(target))
    assert find_cycle(units) is None


def layer_of(module: str) -> int:
    name = unit(module)
    return next(index for index, layer in enumerate(LAYERS) if name in layer)


def test_data_flows_down_the_layers() -> None:
    upward = [
        f"{source} imports {target}"
        for source, targets in internal_graph().items()
        if source not in ("postkit", "postkit.__main__")
        for target in targets
        if target != "postkit"
        and unit(source) != unit(target)
        and layer_of(target) < layer_of(source)
    ]
    assert upward == []


def test_every_unit_has_a_layer() -> None:
    known = set().union(*LAYERS)
    assert {unit(name) for name in modules()} - {"postkit", "__main__"} <= known


def test_the_core_never_imports_the_cli() -> None:
    offenders = [
        name
        for name, targets in internal_graph().items()
        if not name.startswith("postkit.cli") and name != "postkit.__main__"
        for target in targets
        if target.startswith("postkit.cli")
    ]
    assert offenders == []


def private_imports(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for target, names, line in imports_of(path):
            if not target.startswith("postkit"):
                continue
            found += [f"{path.relative_to(REPO)}:{line}: {n}" for n in names if n.startswith("_")]
    return found


@pytest.mark.parametrize("folder", ["src", "tests", "benchmarks"])
def test_no_private_name_is_imported_across_modules(folder: str) -> None:
    assert private_imports(REPO / folder) == []


def test_every_module_says_what_it_is_for() -> None:
    missing = [
        name
        for name, path in modules().items()
        if name != "postkit.__main__" and not ast.get_docstring(ast.parse(path.read_text()))
    ]
    assert missing == []


def listed_modules(readme: str) -> set[str]:
    """The modules the README's tree names: ``batch/run.py`` for ``run.py`` under ``batch/``."""
    section = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    tree = section.split("src/postkit/\n", 1)[1].split("```", 1)[0]
    listed: set[str] = set()
    folder = ""
    for line in tree.splitlines():
        words = line.split()
        if not words:
            continue
        if line.startswith("  ") and not line.startswith("   "):  # a top-level entry
            folder = words[0] if words[0].endswith("/") else ""
        files = [word for word in words if re.fullmatch(r"\w+\.py", word)]
        listed.update(folder + name for name in files)
    return listed


def test_the_architecture_section_lists_every_module() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    # A subpackage's __init__ holds its docstring, not a concept: not listed.
    actual = {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")}
    packages = {name for name in actual if name.endswith("/__init__.py")}
    assert listed_modules(readme) - packages == actual - packages

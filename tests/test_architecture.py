"""The package's shape: modules of a readable size, imports that run one way between the stages
(text -> data -> figures -> analyses -> runner; extraction beside the analyses), no cycle, and
no private interpreter internals."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "helpers"
MAX_LINES = 600
PRIVATE = (
    "_sre",
    "re._parser",
    "re._constants",
    "re._casefix",
    "sre_parse",
    "sre_compile",
    "sre_constants",
)
# what each stage may import of the package, besides itself
ALLOWED = {
    "text": set(),
    "data": {"text"},
    "figures": {"data", "text"},
    "analyses": {"data", "text", "figures"},
    "extraction": {"data", "text"},
    "runner": {"data", "text", "figures", "analyses", "extraction"},
}


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules ``name`` imports, anywhere in the file (functions included)."""
    found = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known}
    return {m for m in found if m in known and m != name}


def import_graph() -> nx.DiGraph:
    mods = modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(mods)
    for name, path in mods.items():
        for target in imports_of(name, path, set(mods)):
            if name.startswith(target + "."):
                continue  # a submodule reaching its own package's __init__ is the import system's doing
            graph.add_edge(name, target)
    return graph


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def test_no_module_is_longer_than_600_lines():
    long = {
        str(p.relative_to(SRC)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_imports_have_no_cycle():
    cycles = list(nx.simple_cycles(import_graph()))
    assert cycles == []


def test_each_stage_imports_only_the_stages_below_it():
    wrong = sorted(
        (a, b)
        for a, b in import_graph().edges
        if stage(a) and stage(b) and stage(a) != stage(b) and stage(b) not in ALLOWED[stage(a)]
    )
    assert wrong == []


@pytest.mark.parametrize("name", PRIVATE)
def test_no_private_regex_internals_are_imported(name):
    users = sorted(
        str(p.relative_to(SRC))
        for p in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if (isinstance(node, ast.Import) and any(a.name == name for a in node.names))
        or (
            isinstance(node, ast.ImportFrom)
            and (
                node.module == name
                or (
                    node.module == name.rpartition(".")[0]
                    and any(a.name == name.rpartition(".")[2] for a in node.names)
                )
            )
        )
    )
    assert users == []


def test_imports_inside_functions_and_relative_imports_are_seen(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("from .b import x\n\ndef f():\n    from helpers.c import y\n", encoding="utf-8")
    known = {"helpers.pkg.a", "helpers.pkg.b", "helpers.c"}
    assert imports_of("helpers.pkg.a", src, known) == {"helpers.pkg.b", "helpers.c"}
    assert ("helpers.data.events", "helpers.data.validate") in import_graph().edges

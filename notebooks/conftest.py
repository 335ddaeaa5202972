"""Notebook parameters under nbval.

nbval runs the committed notebooks as they are, with their default parameters.
``--notebook-parameter NAME=VALUE`` (repeatable; the value is a string) adds ``NAME = 'VALUE'``
at the end of each notebook's cell tagged ``parameters``, as papermill injects a parameter;
``make test`` sends the figures and tables of its nbval run to ``build/nbval/`` that way.
"""

from __future__ import annotations

import ast

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--notebook-parameter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a parameter of every notebook run under nbval (string value); repeatable",
    )


def parse_parameters(options: list[str]) -> dict[str, str]:
    """``["figures_dir=build/x"]`` → ``{"figures_dir": "build/x"}``; a malformed option is a usage error."""
    values = {}
    for option in options:
        name, sep, value = option.partition("=")
        if not sep or not name.isidentifier():
            raise pytest.UsageError(
                f"--notebook-parameter {option!r}: expected NAME=VALUE with NAME a Python name"
            )
        values[name] = value
    return values


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    values = parse_parameters(config.getoption("notebook_parameter"))
    if not values:
        return
    for item in items:
        cell = getattr(item, "cell", None)
        if cell is None or "parameters" not in cell.get("metadata", {}).get("tags", []):
            continue
        declared = {
            t.id
            for node in ast.parse(cell.source).body
            if isinstance(node, ast.Assign)
            for t in node.targets
            if isinstance(t, ast.Name)
        }
        unknown = sorted(set(values) - declared)
        if unknown:
            raise pytest.UsageError(
                f"--notebook-parameter {', '.join(unknown)}: not a parameter of {item.path.name}"
            )
        cell.source += "\n" + "".join(f"{name} = {value!r}\n" for name, value in values.items())

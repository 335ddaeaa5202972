"""The project's own contracts: dependency lists agree, notebooks are paired and parameterised."""

from __future__ import annotations

import ast
import re
import tomllib

import jupytext
import nbformat
import pytest
import yaml

from conftest import NOTEBOOKS, ROOT

NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
COMMON_PARAMETERS = {"data_dir", "figures_dir", "tables_dir", "start", "end", "partners"}


def _norm(req: str) -> str:
    name = re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower() + req[len(name):].replace(" ", "")


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_norm(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert {_norm(r) for r in pip} == wanted
    assert "python=3.11" in conda


def test_there_are_notebooks():
    assert [p.stem for p in NOTEBOOK_PATHS][:1] == ["01_event_table"]


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_notebook_and_its_script_never_disagree(path):
    script = path.with_suffix(".py")
    assert script.is_file(), f"{path.name} has no paired jupytext script {script.name}"
    from_script = jupytext.read(script)
    from_notebook = nbformat.read(path, as_version=4)
    as_cells = lambda nb: [(c.cell_type, c.source.strip()) for c in nb.cells]  # noqa: E731
    assert as_cells(from_script) == as_cells(from_notebook), f"{script.name} and {path.name} differ: run jupytext --sync"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_notebook_opens_with_title_then_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    first, second = nb.cells[0], nb.cells[1]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert second.cell_type == "code" and "parameters" in second.metadata.get("tags", [])
    tree = ast.parse(second.source)
    assigned = {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets}
    assert all(isinstance(node, ast.Assign) for node in tree.body), "the parameters cell holds assignments only"
    assert COMMON_PARAMETERS <= assigned


def test_readme_puts_the_two_commands_first():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text[: text.index("```", text.index("```") + 3)]
    assert "make report" in first_block and "make test" in first_block

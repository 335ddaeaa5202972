"""The project's own contracts: dependency lists and the lock agree, notebooks are paired and parameterised."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata

import jupytext
import nbformat
import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import NOTEBOOKS, ROOT

NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
COMMON_PARAMETERS = {"data_dir", "figures_dir", "tables_dir", "start", "end", "partners"}
LOCK = ROOT / "requirements.lock"
RELOCK = "run `make lock`"


def _norm(req: str) -> str:
    name = re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower() + req[len(name) :].replace(" ", "")


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_norm(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert {_norm(r) for r in pip} == wanted
    assert "python=3.11" in conda


def _project_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [
        Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]
    ]


def _lock_entries() -> list[str]:
    """The lock's requirement entries, each on one line with its --hash options."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith(("#", "-"))]


def _locked() -> dict[str, Requirement]:
    """Locked requirement by canonical name."""
    reqs = (Requirement(entry.split(" --hash", 1)[0]) for entry in _lock_entries())
    return {canonicalize_name(req.name): req for req in reqs}


def _pinned_version(req: Requirement) -> str:
    (spec,) = req.specifier
    return spec.version


def test_lock_pins_every_package_to_one_version_with_hashes():
    entries = _lock_entries()
    assert len(entries) == len(_locked()) > 0, "a package is locked twice"
    for entry in entries:
        req = Requirement(entry.split(" --hash", 1)[0])
        specs = list(req.specifier)
        assert len(specs) == 1 and specs[0].operator == "==" and "*" not in specs[0].version, entry
        assert "--hash=sha256:" in entry, f"{req.name} has no hash in {LOCK.name}"


def test_lock_pins_every_dependency_of_pyproject():
    locked = _locked()
    missing = [str(r) for r in _project_requirements() if canonicalize_name(r.name) not in locked]
    assert not missing, f"{LOCK.name} lacks {missing}: {RELOCK}"


def test_every_requirement_of_pyproject_is_satisfied_by_its_pin():
    locked = _locked()
    unmet = {
        str(r): _pinned_version(locked[canonicalize_name(r.name)])
        for r in _project_requirements()
        if canonicalize_name(r.name) in locked
        and not r.specifier.contains(
            _pinned_version(locked[canonicalize_name(r.name)]), prereleases=True
        )
    }
    assert not unmet, f"pins in {LOCK.name} outside pyproject.toml's ranges {unmet}: {RELOCK}"


def test_lock_holds_what_the_requested_extras_bring():
    locked = _locked()
    for req in _project_requirements():
        for extra in req.extras:
            brought = [
                Requirement(r)
                for r in metadata.requires(req.name) or []
                if Requirement(r).marker is not None
                and Requirement(r).marker.evaluate({**default_environment(), "extra": extra})
            ]
            assert brought, f"{req.name} has no extra {extra!r}"
            missing = [str(b) for b in brought if canonicalize_name(b.name) not in locked]
            assert not missing, f"{req.name}[{extra}] needs {missing}, not in {LOCK.name}: {RELOCK}"


def test_the_environment_is_the_locked_one():
    drift = {}
    for name, req in _locked().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != _pinned_version(req):
            drift[name] = (installed, _pinned_version(req))
    assert not drift, f"installed versus {LOCK.name} {drift}: run `pip install -r {LOCK.name}`"


def test_there_are_notebooks():
    assert [p.stem for p in NOTEBOOK_PATHS][:1] == ["01_event_table"]


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_notebook_and_its_script_never_disagree(path):
    script = path.with_suffix(".py")
    assert script.is_file(), f"{path.name} has no paired jupytext script {script.name}"
    from_script = jupytext.read(script)
    from_notebook = nbformat.read(path, as_version=4)
    as_cells = lambda nb: [(c.cell_type, c.source.strip()) for c in nb.cells]  # noqa: E731
    assert as_cells(from_script) == as_cells(from_notebook), (
        f"{script.name} and {path.name} differ: run jupytext --sync"
    )


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_notebook_opens_with_title_then_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    first, second = nb.cells[0], nb.cells[1]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert second.cell_type == "code" and "parameters" in second.metadata.get("tags", [])
    tree = ast.parse(second.source)
    assigned = {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets}
    assert all(isinstance(node, ast.Assign) for node in tree.body), (
        "the parameters cell holds assignments only"
    )
    assert COMMON_PARAMETERS <= assigned


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_notebook_opens_with_the_setup_call_and_never_imports_the_runner(path):
    nb = nbformat.read(path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    setup_at = next(i for i, source in enumerate(code) if "notebook.setup(" in source)
    assert setup_at <= 2, "the setup call comes right after the parameters and imports"
    for source in code:
        for node in ast.walk(ast.parse(source)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(
                n == "helpers.runner" or n.startswith("helpers.runner.") for n in names
            ), path.name


def test_readme_puts_the_two_commands_first():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text[: text.index("```", text.index("```") + 3)]
    assert "make report" in first_block and "make test" in first_block


@pytest.mark.notebook
def test_nbval_gives_notebooks_the_parameters_it_is_told(tmp_path):
    shutil.copyfile(NOTEBOOKS / "conftest.py", tmp_path / "conftest.py")
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "where = None", metadata={"tags": ["parameters"]}, execution_count=1
            ),
            nbformat.v4.new_code_cell(
                "print(where)",
                execution_count=2,
                outputs=[nbformat.v4.new_output("stream", name="stdout", text="build/x\n")],
            ),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, tmp_path / "01_where.ipynb")

    def nbval(*options: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "--nbval",
                "-p",
                "no:randomly",
                "-p",
                "no:cacheprovider",
                *options,
                str(tmp_path),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )

    told = nbval("--notebook-parameter", "where=build/x")
    assert told.returncode == 0, told.stdout + told.stderr
    assert nbval().returncode == 1
    unknown = nbval("--notebook-parameter", "elsewhere=build/x")
    assert (
        unknown.returncode == 4 and "elsewhere: not a parameter of 01_where.ipynb" in unknown.stderr
    )
    malformed = nbval("--notebook-parameter", "where")
    assert malformed.returncode == 4 and "expected NAME=VALUE" in malformed.stderr

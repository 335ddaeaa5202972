"""Shared fixtures: the project's data folder, broken copies of it, and a notebook runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import papermill
import pytest
from hypothesis import settings

from helpers.analyses import framing
from helpers.data.paths import project_root
from helpers.runner import pipeline
from helpers.text import nlp as text_nlp

ROOT = project_root()
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"

# Property tests check results, not speed: no per-example deadline (a loaded machine runs them slower).
settings.register_profile("project", deadline=None)
settings.load_profile("project")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ to break on purpose."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest, ignore=shutil.ignore_patterns("interim"))
    return dest


@pytest.fixture
def run_notebook(tmp_path: Path):
    """Execute ``notebooks/<name>.ipynb`` with papermill and the given parameters.

    Figures and tables go under ``tmp_path`` (never into the project), and the executed
    notebook is returned as a ``nbformat`` node with ``.figures_dir`` and ``.tables_dir``.
    """

    def run(name: str, **parameters):
        figures = tmp_path / "figures"
        tables = tmp_path / "tables"
        out = tmp_path / f"{name}.executed.ipynb"
        papermill.execute_notebook(
            str(NOTEBOOKS / f"{name}.ipynb"),
            str(out),
            parameters={"figures_dir": str(figures), "tables_dir": str(tables), **parameters},
            kernel_name="python3",
            cwd=str(NOTEBOOKS),
            progress_bar=False,
        )
        nb = nbformat.read(out, as_version=4)
        nb.figures_dir = figures
        nb.tables_dir = tables
        return nb

    return run


def notebook_text(nb) -> str:
    """All text outputs of an executed notebook, joined, for assertions on what it says."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "text" in out:
                parts.append(out["text"])
            data = out.get("data", {})
            if "text/plain" in data:
                parts.append(data["text/plain"])
    return "\n".join(parts)


@pytest.fixture(scope="session")
def full_run(tmp_path_factory) -> Path:
    """Every notebook run once, cold, into a temporary folder."""
    out = tmp_path_factory.mktemp("full") / "out"
    outcomes = pipeline.run(out=str(out), jobs=2, force=True, echo=print)
    failed = [o.message for o in outcomes if o.status != "ran"]
    assert not failed, "\n".join(failed)
    return out


@pytest.fixture(scope="session")
def nlp():
    """spaCy's French pipeline as the framing analysis loads it (loaded once per session)."""
    return text_nlp.french_pipeline()


@pytest.fixture(scope="session")
def codebook():
    """The project's frame codebook."""
    return framing.load_codebook()

"""Shared fixtures: the frozen seed data folder, broken copies of it, and a notebook runner.

Tests read ``SEED`` (``tests/fixtures/seed/``, a frozen copy of the five seed articles and their
curated tables), never the live ``data/`` folder, so that adding an article to ``data/`` leaves
every count and finding asserted here unchanged. ``LIVE_DATA`` is only for checks of what is
committed from the live data (the committed figures, the refusal to write into ``data/``).
"""

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
SEED = ROOT / "tests" / "fixtures" / "seed"
LIVE_DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"

# Property tests check results, not speed: no per-example deadline (a loaded machine runs them slower).
settings.register_profile("project", deadline=None)
settings.load_profile("project")


@pytest.fixture(scope="session", autouse=True)
def _seed_is_the_default_data_folder():
    """``load()``, notebooks and the runner called without a data folder read the seed copy."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MALI_DATA_DIR", str(SEED))
        yield


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed data folder to break on purpose."""
    dest = tmp_path / "data"
    shutil.copytree(SEED, dest)
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
        parameters.setdefault("data_dir", str(SEED))
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
    """Every notebook run once, cold, on the live data folder into a temporary folder.

    The live folder, not the seed copy: this run is compared with the committed figures, which
    are by definition drawn from the live data."""
    out = tmp_path_factory.mktemp("full") / "out"
    outcomes = pipeline.run(data_dir=str(LIVE_DATA), out=str(out), jobs=2, force=True, echo=print)
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

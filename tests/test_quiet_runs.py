"""Runs print only their own progress; notebooks name the project's kernel; a notebook run by
hand leaves the committed figures alone."""

from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest
from papermill.translators import PythonTranslator

from helpers.runner.jobs import COMMON_PARAMETERS, KERNEL

from conftest import NOTEBOOKS, ROOT, SEED

COMMITTED = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
PROJECT_KERNEL = {
    "name": "mali-defence",
    "display_name": "Python (mali-defence)",
    "language": "python",
}


def _parameters_cell(path: Path):
    nb = nbformat.read(path, as_version=4)
    return next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.stem)
def test_papermill_reads_every_parameter_of_the_parameters_cell(path, caplog):
    cell = _parameters_cell(path)
    with caplog.at_level(logging.WARNING, logger="papermill"):
        found = PythonTranslator.inspect(cell)
    assert not caplog.records
    assigned = [
        line.split("=", 1)[0].strip()
        for line in cell.source.splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert [p.name for p in found] == assigned
    assert set(COMMON_PARAMETERS) <= {p.name for p in found}
    assert all(p.help for p in found)


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.stem)
def test_every_committed_notebook_names_the_projects_kernel(path):
    assert nbformat.read(path, as_version=4).metadata["kernelspec"] == PROJECT_KERNEL
    script = path.with_suffix(".py").read_text(encoding="utf-8")
    assert (
        "#     display_name: Python (mali-defence)\n" in script
        and "#     name: mali-defence\n" in script
    )
    assert KERNEL == PROJECT_KERNEL["name"]


def test_make_lab_opens_the_project_root():
    assert "jupyter lab --notebook-dir=.\n" in (ROOT / "Makefile").read_text(encoding="utf-8")


@pytest.mark.notebook
def test_a_run_prints_only_its_own_progress(tmp_path):
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers",
            "run",
            "--data-dir",
            str(SEED),
            "--out",
            str(tmp_path / "out"),
            "--only",
            "01_event_table",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    printed = res.stdout + res.stderr
    assert "Unable to parse line" not in printed
    assert "Passed unknown parameter" not in printed
    assert "running over TCP" not in printed
    assert "WARNING" not in printed
    assert "[done]    01_event_table" in res.stdout


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.notebook
def test_a_notebook_run_by_hand_leaves_the_committed_figures_alone(tmp_path):
    before = _digests(ROOT / "figures")
    out = tmp_path / "01.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS / "01_event_table.ipynb"),
        str(out),
        kernel_name=KERNEL,
        cwd=str(NOTEBOOKS),
        progress_bar=False,
        parameters={
            "data_dir": str(SEED),
            "partners": ["DZA"],
            "tables_dir": str(tmp_path / "tables"),
        },
    )
    assert _digests(ROOT / "figures") == before
    assert any((ROOT / "build" / "figures").glob("01_*"))

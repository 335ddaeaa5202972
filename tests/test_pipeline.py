"""The runner: planning, caching, failures that leave good outputs in place, escaping,
isolation of ``--out`` runs, and committed figures that reproduce byte for byte."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers.runner import execute, jobs, pipeline, reports

from conftest import LIVE_DATA, NOTEBOOKS, ROOT, SEED


def digest_tree(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.glob("*"))
        if p.is_file()
    }


def test_plan_orders_by_dependency_and_fans_out_per_partner():
    layout = jobs.Layout.make(str(SEED))
    planned = jobs.plan(layout)
    ids = [j.id for j in planned]
    assert ids[0] == "01_event_table"
    for j in planned:
        for d in j.depends:
            assert ids.index(d) < ids.index(j.id)
    profiles = [j for j in planned if j.notebook == "05_partner_profile"]
    assert [j.parameters["partner"] for j in profiles] == ["DZA", "MAR", "RUS", "SEN"]
    assert [j.id for j in profiles] == [
        f"05_partner_profile-{c}" for c in ("dza", "mar", "rus", "sen")
    ]
    assert set(profiles[0].depends) == {"02_network", "03_rhythm", "04_framing"}


def test_only_keeps_a_notebook_and_what_it_depends_on():
    layout = jobs.Layout.make(str(SEED))
    assert [j.id for j in jobs.plan(layout, only=["01_event_table"])] == ["01_event_table"]


def test_every_execution_is_given_its_folders_and_filters(tmp_path):
    layout = jobs.Layout.make(data_dir=str(SEED), out=str(tmp_path / "out"))
    job = jobs.Job(
        "05_partner_profile-dza", "05_partner_profile", {"partner": "DZA", "start": "2020"}
    )
    params = execute.kernel_parameters(job, layout, tmp_path / "stage")
    assert params == {
        "data_dir": str(SEED),
        "figures_dir": str(tmp_path / "stage" / "figures"),
        "tables_dir": str(tmp_path / "stage" / "tables"),
        "start": "2020",
        "end": None,
        "partners": None,
        "partner": "DZA",
    }
    assert tuple(params)[:6] == jobs.COMMON_PARAMETERS


def test_writeback_keeps_the_default_parameters_and_drops_what_a_run_adds(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Title"),
            nbformat.v4.new_code_cell(
                "data_dir = None", metadata={"tags": ["parameters"]}, execution_count=1
            ),
            nbformat.v4.new_code_cell(
                f"# Parameters\ndata_dir = {str(tmp_path)!r}\n",
                metadata={"tags": ["injected-parameters"], "papermill": {"duration": 0.1}},
                execution_count=2,
            ),
            nbformat.v4.new_code_cell(
                "1 + 1",
                execution_count=3,
                metadata={"execution": {"iopub.status.idle": "x"}},
                outputs=[
                    nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=3)
                ],
            ),
        ]
    )
    nb.metadata["papermill"] = {"parameters": {"data_dir": str(tmp_path)}, "duration": 1.5}
    executed, committed = tmp_path / "executed.ipynb", tmp_path / "committed.ipynb"
    nbformat.write(nb, executed)
    assert reports.writeback(executed, committed)
    text = committed.read_text(encoding="utf-8")
    assert str(tmp_path) not in text and "papermill" not in text and "iopub" not in text
    back = nbformat.read(committed, as_version=4)
    assert [c.source for c in back.cells] == ["# Title", "data_dir = None", "1 + 1"]
    assert [c.execution_count for c in back.cells[1:]] == [1, 2]
    assert back.cells[2].outputs[0]["execution_count"] == 2
    assert not reports.writeback(executed, committed)


def test_a_failing_cell_is_numbered_as_in_the_notebook_written(tmp_path):
    with_parameters = NOTEBOOKS / "01_event_table.ipynb"  # title, parameters, then code
    assert [execute.source_cell_number(with_parameters, i) for i in (0, 1, 3, 4)] == [1, 2, 3, 4]
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("1/0")]
    )
    nbformat.write(nb, tmp_path / "plain.ipynb")
    assert execute.source_cell_number(tmp_path / "plain.ipynb", 2) == 2


def test_a_cells_printing_cut_by_the_kernels_flushes_is_written_back_as_one_output():
    out = nbformat.v4.new_output
    cell = nbformat.v4.new_code_cell(
        "print(1); slow(); print(2)",
        outputs=[
            out("stream", name="stdout", text="1\n"),
            out("stream", name="stdout", text="2\n"),
            out("stream", name="stderr", text="w\n"),
            out("display_data", data={"text/plain": "x"}),
            out("stream", name="stdout", text="3\n"),
        ],
    )
    nb = nbformat.v4.new_notebook(cells=[cell])
    reports.strip_volatile(nb)
    assert [(o.output_type, o.get("name"), o.get("text")) for o in nb.cells[0].outputs] == [
        ("stream", "stdout", "1\n2\n"),
        ("stream", "stderr", "w\n"),
        ("display_data", None, None),
        ("stream", "stdout", "3\n"),
    ]


def test_cache_key_ignores_outputs_but_not_sources(tmp_path):
    src = NOTEBOOKS / "01_event_table.ipynb"
    nb = nbformat.read(src, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    stripped = tmp_path / "a.ipynb"
    nbformat.write(nb, stripped)
    assert jobs.notebook_digest(stripped) == jobs.notebook_digest(src)
    nb.cells[0].source += " (changed)"
    nbformat.write(nb, stripped)
    assert jobs.notebook_digest(stripped) != jobs.notebook_digest(src)


@pytest.mark.notebook
def test_out_run_writes_only_under_out_then_skips_when_nothing_changed(tmp_path):
    before = digest_tree(ROOT / "figures")
    nb_before = (NOTEBOOKS / "01_event_table.ipynb").read_bytes()
    out = tmp_path / "out"
    lines: list[str] = []
    first = pipeline.run(
        only=["01_event_table"], data_dir=str(SEED), out=str(out), jobs=1, echo=lines.append
    )
    assert [o.status for o in first] == ["ran"]
    assert (out / "reports" / "01_event_table.html").is_file()
    assert (out / "reports" / "01_event_table.reader.html").is_file()
    assert (out / "reports" / "index.html").is_file()
    assert (out / "notebooks" / "01_event_table.ipynb").is_file()
    assert (out / "tables" / "events_by_partner.csv").is_file()
    assert (out / "figures" / "01_events_by_year.svg").is_file()
    assert digest_tree(ROOT / "figures") == before
    assert (NOTEBOOKS / "01_event_table.ipynb").read_bytes() == nb_before
    lines.clear()
    second = pipeline.run(
        only=["01_event_table"], data_dir=str(SEED), out=str(out), jobs=1, echo=lines.append
    )
    assert [o.status for o in second] == ["skipped"]
    assert "  [skipped] 01_event_table: unchanged since its last successful run" in lines
    assert "0 ran, 1 skipped (unchanged)" in lines[-1]
    forced = pipeline.run(
        only=["01_event_table"],
        data_dir=str(SEED),
        out=str(out),
        jobs=1,
        force=True,
        echo=lines.append,
    )
    assert [o.status for o in forced] == ["ran"]


@pytest.mark.notebook
def test_changed_data_invalidates_the_cache(tmp_path, data_copy):
    out = tmp_path / "out"
    pipeline.run(
        only=["01_event_table"], data_dir=str(data_copy), out=str(out), jobs=1, echo=lambda s: None
    )
    ev = pd.read_csv(data_copy / "events.csv", dtype=str, keep_default_na=False)
    ev.loc[0, "title"] = ev.loc[0, "title"] + " (revised)"
    ev.to_csv(data_copy / "events.csv", index=False, lineterminator="\n")
    again = pipeline.run(
        only=["01_event_table"], data_dir=str(data_copy), out=str(out), jobs=1, echo=lambda s: None
    )
    assert [o.status for o in again] == ["ran"]


@pytest.mark.notebook
def test_failing_notebook_is_reported_with_cell_and_keeps_previous_outputs(tmp_path):
    books = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, books, ignore=shutil.ignore_patterns("*.py", ".ipynb_checkpoints"))
    out = tmp_path / "out"
    pipeline.run(
        only=["01_event_table"],
        data_dir=str(SEED),
        out=str(out),
        jobs=1,
        notebooks=str(books),
        echo=lambda s: None,
    )
    good_report = (out / "reports" / "01_event_table.html").read_bytes()
    good_figure = (out / "figures" / "01_events_by_year.svg").read_bytes()

    nb = nbformat.read(books / "01_event_table.ipynb", as_version=4)
    broken_at = next(i for i, c in enumerate(nb.cells) if "events_by_year(events)" in c.source)
    nb.cells[
        broken_at
    ].source = "by_year = ev.events_by_year(events)\nraise ValueError('deliberately broken')"
    nbformat.write(nb, books / "01_event_table.ipynb")
    lines: list[str] = []
    outcomes = pipeline.run(
        data_dir=str(SEED), out=str(out), jobs=2, notebooks=str(books), echo=lines.append
    )
    status = {o.job: o.status for o in outcomes}
    assert status["01_event_table"] == "failed"
    failure = next(o for o in outcomes if o.job == "01_event_table").message
    assert failure.startswith(f"01_event_table failed in cell {broken_at + 1} ")
    assert "raise ValueError('deliberately broken')" in failure
    assert "ValueError: deliberately broken" in failure
    assert any(line.startswith("FAILED: 01_event_table failed in cell") for line in lines)
    # dependents are not run; the previous good outputs stay in place
    assert all(s == "blocked" for j, s in status.items() if j != "01_event_table")
    assert (out / "reports" / "01_event_table.html").read_bytes() == good_report
    assert (out / "figures" / "01_events_by_year.svg").read_bytes() == good_figure


@pytest.mark.notebook
def test_cli_exits_non_zero_when_a_notebook_fails(tmp_path):
    books = tmp_path / "notebooks"
    books.mkdir()
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell("1/0")]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, books / "09_broken.ipynb")
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers",
            "run",
            "--data-dir",
            str(SEED),
            "--notebooks",
            str(books),
            "--out",
            str(tmp_path / "out"),
            "--jobs",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 1
    assert (
        "09_broken failed in cell 2 (execution count 2):" in res.stdout
    )  # after the injected parameters
    assert "ZeroDivisionError: division by zero" in res.stdout


@pytest.mark.notebook
def test_titles_from_the_data_are_escaped_in_reports(tmp_path, data_copy):
    ev = pd.read_csv(data_copy / "events.csv", dtype=str, keep_default_na=False)
    ev.loc[ev["event_id"] == "mar-delegation-visit", "title"] = "<script>alert('x')</script> visit"
    ev.to_csv(data_copy / "events.csv", index=False, lineterminator="\n")
    out = tmp_path / "out"
    pipeline.run(
        only=["01_event_table"], data_dir=str(data_copy), out=str(out), jobs=1, echo=lambda s: None
    )
    for name in ("01_event_table.html", "01_event_table.reader.html"):
        html = (out / "reports" / name).read_text(encoding="utf-8")
        assert "<script>alert('x')</script>" not in html
        assert "&lt;script&gt;alert(" in html


@pytest.mark.notebook
def test_committed_figures_reproduce_byte_for_byte(full_run):
    produced = {p.name: p.read_bytes() for p in (full_run / "figures").glob("*.svg")}
    committed = {p.name: p.read_bytes() for p in (ROOT / "figures").glob("*.svg")}
    missing = sorted(set(produced) - set(committed))
    stale = sorted(set(committed) - set(produced))
    differ = sorted(n for n in set(produced) & set(committed) if produced[n] != committed[n])
    assert not missing, f"figures produced but not committed (run make report): {missing}"
    assert not stale, f"committed figures no notebook produces any more: {stale}"
    assert not differ, (
        f"committed figures differ from what the data produce (run make report): {differ}"
    )


@pytest.mark.notebook
def test_index_lists_every_report_and_one_profile_per_partner(full_run):
    html = (full_run / "reports" / "index.html").read_text(encoding="utf-8")
    for nb in jobs.discover(NOTEBOOKS):
        if nb in jobs.FAN_OUT:
            for code in jobs.partners_in(LIVE_DATA):
                assert f'href="{nb}-{code.lower()}.reader.html"' in html
        else:
            assert f'href="{nb}.reader.html"' in html and f'href="{nb}.html"' in html
    assert pipeline.data_version(LIVE_DATA)[:12] in html
    records = [json.loads(p.read_text()) for p in (full_run / ".state").glob("*.json")]
    assert {r["data_version"] for r in records} == {pipeline.data_version(LIVE_DATA)}

"""One notebook execution, on the worker side: papermill with the job's parameters in the
project's kernel, failure text naming the source cell, and the install of a finished job's
outputs."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import traceback
from pathlib import Path

from helpers.data.countries import partner_name, read_registry
from helpers.data.errors import OutputError
from helpers.data.paths import display_path
from helpers.runner import cache
from helpers.runner.index import findings_of
from helpers.runner.jobs import COMMON_PARAMETERS, FAN_OUT, KERNEL, Job, Layout, partners_in
from helpers.runner.reports import export_html, writeback


def kernel_parameters(job: Job, layout: Layout, tmp: Path) -> dict:
    """The papermill parameters of one execution: the data folder, the folders its figures and
    tables are staged in (``tmp/figures``, ``tmp/tables``; moved into place on success), every
    filter (``None`` when not set) and the job's own values."""
    folders = {
        "data_dir": str(layout.data_dir),
        "figures_dir": str(tmp / "figures"),
        "tables_dir": str(tmp / "tables"),
    }
    return {**folders, **dict.fromkeys(COMMON_PARAMETERS[3:]), **job.parameters}


def kernel_config(sockets: Path):
    """Kernel-manager settings: the kernel talks over local (IPC) sockets in ``sockets``, a short
    folder since a socket path is limited to about 100 characters, not over unencrypted TCP."""
    from traitlets.config import Config

    return Config({"KernelManager": {"transport": "ipc", "ip": str(sockets / "kernel")}})


def _execute(job: Job, layout: Layout, tmp: Path, on_cell=None) -> dict:
    """Run one job into ``tmp`` (a worker process); never touches the final outputs.
    ``on_cell(cell=, cell_index=)`` is called as each cell starts."""
    import nbformat
    import papermill as pm

    if tmp.exists():
        shutil.rmtree(tmp)
    (tmp / "tables").mkdir(parents=True)
    (tmp / "figures").mkdir()
    (tmp / "reports").mkdir()
    if layout.tables.is_dir():  # downstream notebooks read upstream tables
        for p in layout.tables.iterdir():
            if p.is_file():
                shutil.copy2(p, tmp / "tables" / p.name)
    before = {p.name: p.stat().st_mtime_ns for p in (tmp / "tables").iterdir()}
    os.environ.update(
        MPLBACKEND="module://matplotlib_inline.backend_inline",
        SOURCE_DATE_EPOCH="0",
        PYTHONHASHSEED="0",
    )
    out_nb = tmp / f"{job.id}.ipynb"
    src = layout.notebooks_src / f"{job.notebook}.ipynb"
    with tempfile.TemporaryDirectory(prefix="mk-") as sockets:
        for attempt in (1, 2):
            try:
                pm.execute_notebook(
                    str(src),
                    str(out_nb),
                    parameters=kernel_parameters(job, layout, tmp),
                    kernel_name=KERNEL,
                    cwd=str(layout.notebooks_src),
                    progress_bar=False,
                    log_output=False,
                    start_timeout=120,
                    config=kernel_config(Path(sockets)),
                    **({"on_cell_start": on_cell} if on_cell else {}),
                )
                break
            except pm.PapermillExecutionError as exc:
                return {"ok": False, "message": _failure_text(job, exc, src)}
            except (RuntimeError, TimeoutError) as exc:  # a kernel that did not start: retry once
                if attempt == 2:
                    return {"ok": False, "message": f"{job.id}: the kernel did not start ({exc})"}
    nb = nbformat.read(out_nb, as_version=4)
    title = notebook_title(nb, job, layout.data_dir)
    tables = sorted(
        p.name for p in (tmp / "tables").iterdir() if before.get(p.name) != p.stat().st_mtime_ns
    )
    export_html(nb, tmp / "reports" / f"{job.id}.html", title, reader=False, tables=tables)
    export_html(nb, tmp / "reports" / f"{job.id}.reader.html", title, reader=True, tables=tables)
    params = {
        k: v
        for k, v in kernel_parameters(job, layout, tmp).items()
        if k in ("start", "end", "partners", "partner")
    }
    return {
        "ok": True,
        "title": title,
        "tables": tables,
        "findings": findings_of(nb),
        "parameters": params,
        "figures": sorted(p.name for p in (tmp / "figures").iterdir()),
    }


def source_cell_number(notebook: Path, executed_index: int) -> int:
    """The 1-based number, in the notebook as written, of the cell at ``executed_index`` of its
    executed copy, which holds papermill's injected parameters cell right after the cell tagged
    ``parameters`` (at the top when there is none)."""
    import nbformat

    cells = nbformat.read(notebook, as_version=4).cells
    tagged = next(
        (i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", [])), -1
    )
    return executed_index + (0 if executed_index <= tagged else -1) + 1


def _failure_text(job: Job, exc, notebook: Path) -> str:
    source = (exc.source or "").strip()
    lines = source.splitlines()
    shown = "\n".join("      " + s for s in lines[:12]) + ("\n      ..." if len(lines) > 12 else "")
    cell = source_cell_number(notebook, exc.cell_index or 0)
    return (
        f"{job.id} failed in cell {cell} (execution count {exc.exec_count}):\n{shown}\n"
        f"    {exc.ename}: {exc.evalue}"
    )


def notebook_title(nb, job: Job, data_dir: Path | None = None) -> str:
    """The first markdown heading of the notebook, plus the fan-out value and its display name
    (a state's, or an organisation's from the registry of ``data_dir``)."""
    title = job.notebook
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, flags=re.M)
            if m:
                title = m.group(1).strip()
                break
    if job.fan_value:
        title = f"{title}: {partner_name(job.fan_value, read_registry(data_dir))} ({job.fan_value})"
    return title


def run_job(job: Job, layout: Layout, tmp: Path, on_cell=None) -> dict:
    try:
        return _execute(job, layout, tmp, on_cell)
    except Exception as exc:  # report, never crash the run
        return {
            "ok": False,
            "message": f"{job.id}: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}",
        }


# ---------------------------------------------------------------- run (main process)


def install_outputs(job: Job, result: dict, layout: Layout, tmp: Path) -> dict[str, list]:
    """Move a successful job's outputs into place, file by file (``os.replace``), then check
    every one against what the job wrote; returns ``{name: [size, sha256]}`` for its record.
    Raises :class:`OutputError` naming a file that could not be moved or is not as written."""
    outputs = cache.outputs(job, result, layout, tmp)
    try:
        stamps = {name: cache.file_stamp(src) for name, src, _ in outputs}
    except OSError as exc:
        raise OutputError(
            f"{job.id}: its output {exc.filename} is missing from its temporary folder"
        ) from exc
    cache.record_path(layout, job.id).unlink(missing_ok=True)
    for name, src, dest in outputs:
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dest)
        except OSError as exc:
            raise OutputError(
                f"{job.id}: could not move {name} into {display_path(dest.parent)}: {exc.strerror or exc}"
            ) from exc
    for name, _, dest in outputs:
        if not dest.is_file() or cache.file_stamp(dest) != stamps[name]:
            raise OutputError(
                f"{job.id}: {display_path(dest)} is missing or differs from what the notebook wrote "
                "(was the folder changed meanwhile?); no cache record written, it runs again next time"
            )
    if layout.writeback and _is_default_run(job, layout):
        writeback(
            layout.executed / f"{job.id}.ipynb", layout.notebooks_src / f"{job.notebook}.ipynb"
        )
    return stamps


def _is_default_run(job: Job, layout: Layout) -> bool:
    """A job whose parameters are the notebook's defaults: none, or for a fan-out notebook the
    first value found in the data (what its default ``None`` resolves to)."""
    if not job.parameters:
        return True
    key = FAN_OUT.get(job.notebook)
    first = partners_in(layout.data_dir)[:1]
    return key is not None and job.parameters == {key: first[0] if first else None}

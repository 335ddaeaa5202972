"""Running the collection: every notebook through papermill, in dependency order, in parallel
where independent, cached on its inputs, with HTML reports (full and reader) and an index.

Outputs of a notebook are written to a temporary folder and moved into place only when the
notebook succeeds, so a failing notebook leaves its previous report, tables and figures intact;
its cache record is written only once every output is in place and checked, and a record whose
outputs are missing does not count. One run at a time writes into an output folder (a lock);
each job runs in a process of its own (:mod:`.control`), within a time limit, and SIGINT or
SIGTERM stops every job and kernel, leaving the previous outputs in place.
Every execution is given its folders and filters as papermill parameters (:func:`kernel_parameters`),
so each executed notebook in ``build/notebooks/`` records the inputs it ran on. The committed
notebooks keep their default parameters (``None``): a default run's outputs are written back
without papermill's injected cell, timings and run metadata (:func:`writeback`).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from helpers.data.countries import partner_name, read_registry
from helpers.data.errors import OutputError
from helpers.data.fingerprint import data_version, files_digest
from helpers.data.options import natural_float, positive_float, positive_int
from helpers.data.outputs import check_output, write_atomic
from helpers.data.paths import PACKAGE_DIR, display_path, project_root
from helpers.data.tables import table_path
from helpers.runner import cache
from helpers.runner.control import (
    Cancelled,
    Interrupts,
    JobProcess,
    RunLock,
    describe_cell,
    ready,
    stop_all,
)
from helpers.runner.reports import TEMPLATES, export_html, writeback
from helpers.text.normalize import slug

KERNEL = "mali-defence"
# Which notebooks need which others to have run first (their tables are read downstream).
DEPENDS: dict[str, tuple[str, ...]] = {
    "02_network": ("01_event_table",),
    "03_rhythm": ("01_event_table",),
    "04_framing": ("01_event_table",),
    "05_partner_profile": ("02_network", "03_rhythm", "04_framing"),
}
# Notebooks run once per value of a parameter found in the data.
FAN_OUT: dict[str, str] = {"05_partner_profile": "partner"}
# Parameters every execution is given, whatever the job (``None`` when a filter is not set).
COMMON_PARAMETERS = ("data_dir", "figures_dir", "tables_dir", "start", "end", "partners")
# Volatile notebook metadata that never goes back into a committed notebook.



@dataclass(frozen=True)
class Job:
    """One notebook execution: a notebook and the parameters that differ from its defaults."""

    id: str
    notebook: str
    parameters: dict = field(default_factory=dict)
    depends: tuple[str, ...] = ()
    fan_value: str | None = None


@dataclass
class Layout:
    """Where a run reads and writes."""

    notebooks_src: Path
    data_dir: Path
    executed: Path
    tables: Path
    figures: Path
    reports: Path
    state: Path
    writeback: bool
    lock: Path | None = None  # one run at a time writes these outputs; its folder holds the state

    @classmethod
    def make(cls, data_dir: str | None = None, out: str | None = None, notebooks: str | None = None) -> Layout:
        root = project_root()
        data = Path(data_dir).resolve() if data_dir else root / "data"
        if out:
            base = Path(out).resolve()
            return cls(Path(notebooks or root / "notebooks").resolve(), data, base / "notebooks", base / "tables",
                       base / "figures", base / "reports", base / ".state", writeback=False,
                       lock=base / ".state" / "run.lock")
        default_data = data == (root / "data").resolve()
        return cls(Path(notebooks or root / "notebooks").resolve(), data, root / "build" / "notebooks",
                   root / "build" / "tables", root / "figures", root / "reports",
                   root / "build" / ".state" / ("default" if default_data else _short(str(data))),
                   writeback=default_data and not notebooks, lock=root / "build" / ".state" / "run.lock")


@dataclass
class Outcome:
    job: str
    status: str  # ran, skipped, failed, blocked, cancelled
    seconds: float = 0.0
    message: str = ""
    title: str = ""


def _short(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


# ---------------------------------------------------------------- planning

def discover(notebooks_dir: Path) -> list[str]:
    """Notebook names (``NN_name``) in reading order."""
    return sorted(p.stem for p in notebooks_dir.glob("[0-9][0-9]_*.ipynb"))


def partners_in(data_dir: Path) -> list[str]:
    """Partner codes present in ``events.csv`` (read lightly, without validation)."""
    path = table_path(data_dir, "events.csv")
    if not path.is_file():
        return []
    if path.suffix == ".parquet":
        import pandas as pd

        values = pd.read_parquet(path, columns=["partners"])["partners"].fillna("").tolist()
    else:
        from helpers.data.tables import read_table

        frame = read_table(path, dtype=str)
        values = frame["partners"].tolist() if "partners" in frame else []
    codes = {c.strip() for v in values for c in v.split(";")}
    return sorted(c for c in codes if c)


def plan(layout: Layout, only: list[str] | None = None, partner: str | None = None,
         parameters: dict | None = None) -> list[Job]:
    """The jobs of a run, in dependency order. ``only`` keeps the named notebooks and what they
    depend on; ``partner`` restricts fan-out notebooks to one partner."""
    names = discover(layout.notebooks_src)
    unknown = [n for n in (only or []) if n not in names]
    if unknown:
        raise SystemExit(f"unknown notebook(s): {', '.join(unknown)}; expected one of: {', '.join(names)}")
    wanted = set(names)
    if only:
        wanted = set()
        stack = list(only)
        while stack:
            n = stack.pop()
            if n in wanted:
                continue
            wanted.add(n)
            stack += [d for d in DEPENDS.get(n, ()) if d in names]
    parameters = dict(parameters or {})
    jobs: list[Job] = []
    ids_of: dict[str, list[str]] = {}
    for name in names:
        if name not in wanted:
            continue
        deps = tuple(j for d in DEPENDS.get(name, ()) for j in ids_of.get(d, []))
        if name in FAN_OUT:
            values = [partner] if partner else partners_in(layout.data_dir)
            ids_of[name] = []
            for v in values:
                jid = f"{name}-{slug(v)}"
                jobs.append(Job(jid, name, {**parameters, FAN_OUT[name]: v}, deps, v))
                ids_of[name].append(jid)
        else:
            jobs.append(Job(name, name, dict(parameters), deps))
            ids_of[name] = [name]
    return jobs


# ---------------------------------------------------------------- fingerprints

def code_version() -> str:
    """sha256 over the ``helpers`` package source and templates."""
    return files_digest(PACKAGE_DIR, ("*.py", "*.j2", "*.json", "*.yaml", "*.yml", "*.csv"))


def notebook_digest(path: Path) -> str:
    """sha256 of a notebook's cells (type, source, tags): its outputs do not count."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [(c["cell_type"], "".join(c["source"]), sorted(c.get("metadata", {}).get("tags", []))) for c in nb["cells"]]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def job_keys(jobs: list[Job], layout: Layout) -> dict[str, str]:
    """The cache key of each job: its notebook, parameters, data, code and upstream keys."""
    dv, cv = data_version(layout.data_dir), code_version()
    keys: dict[str, str] = {}
    for job in jobs:
        h = hashlib.sha256()
        for part in (notebook_digest(layout.notebooks_src / f"{job.notebook}.ipynb"),
                     json.dumps(job.parameters, sort_keys=True), dv, cv,
                     *(keys.get(d, "") for d in job.depends)):
            h.update(part.encode() + b"\0")
        keys[job.id] = h.hexdigest()
    return keys


# ---------------------------------------------------------------- execution (worker side)

def kernel_parameters(job: Job, layout: Layout, tmp: Path) -> dict:
    """The papermill parameters of one execution: the data folder, the folders its figures and
    tables are staged in (``tmp/figures``, ``tmp/tables``; moved into place on success), every
    filter (``None`` when not set) and the job's own values."""
    folders = {"data_dir": str(layout.data_dir), "figures_dir": str(tmp / "figures"), "tables_dir": str(tmp / "tables")}
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
                pm.execute_notebook(str(src), str(out_nb), parameters=kernel_parameters(job, layout, tmp), kernel_name=KERNEL,
                                    cwd=str(layout.notebooks_src), progress_bar=False, log_output=False, start_timeout=120,
                                    config=kernel_config(Path(sockets)), **({"on_cell_start": on_cell} if on_cell else {}))
                break
            except pm.PapermillExecutionError as exc:
                return {"ok": False, "message": _failure_text(job, exc, src)}
            except (RuntimeError, TimeoutError) as exc:  # a kernel that did not start: retry once
                if attempt == 2:
                    return {"ok": False, "message": f"{job.id}: the kernel did not start ({exc})"}
    nb = nbformat.read(out_nb, as_version=4)
    title = notebook_title(nb, job, layout.data_dir)
    tables = sorted(p.name for p in (tmp / "tables").iterdir() if before.get(p.name) != p.stat().st_mtime_ns)
    export_html(nb, tmp / "reports" / f"{job.id}.html", title, reader=False, tables=tables)
    export_html(nb, tmp / "reports" / f"{job.id}.reader.html", title, reader=True, tables=tables)
    params = {k: v for k, v in kernel_parameters(job, layout, tmp).items() if k in ("start", "end", "partners", "partner")}
    return {"ok": True, "title": title, "tables": tables, "findings": findings_of(nb), "parameters": params,
            "figures": sorted(p.name for p in (tmp / "figures").iterdir())}


def source_cell_number(notebook: Path, executed_index: int) -> int:
    """The 1-based number, in the notebook as written, of the cell at ``executed_index`` of its
    executed copy, which holds papermill's injected parameters cell right after the cell tagged
    ``parameters`` (at the top when there is none)."""
    import nbformat

    cells = nbformat.read(notebook, as_version=4).cells
    tagged = next((i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", [])), -1)
    return executed_index + (0 if executed_index <= tagged else -1) + 1


def _failure_text(job: Job, exc, notebook: Path) -> str:
    source = (exc.source or "").strip()
    lines = source.splitlines()
    shown = "\n".join("      " + s for s in lines[:12]) + ("\n      ..." if len(lines) > 12 else "")
    cell = source_cell_number(notebook, exc.cell_index or 0)
    return (f"{job.id} failed in cell {cell} (execution count {exc.exec_count}):\n{shown}\n"
            f"    {exc.ename}: {exc.evalue}")


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


def _worker(job: Job, layout: Layout, tmp: Path, on_cell=None) -> dict:
    try:
        return _execute(job, layout, tmp, on_cell)
    except Exception as exc:  # report, never crash the run
        return {"ok": False, "message": f"{job.id}: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"}


# ---------------------------------------------------------------- run (main process)

def _install(job: Job, result: dict, layout: Layout, tmp: Path) -> dict[str, list]:
    """Move a successful job's outputs into place, file by file (``os.replace``), then check
    every one against what the job wrote; returns ``{name: [size, sha256]}`` for its record.
    Raises :class:`OutputError` naming a file that could not be moved or is not as written."""
    outputs = cache.outputs(job, result, layout, tmp)
    try:
        stamps = {name: cache.file_stamp(src) for name, src, _ in outputs}
    except OSError as exc:
        raise OutputError(f"{job.id}: its output {exc.filename} is missing from its temporary folder") from exc
    cache.record_path(layout, job.id).unlink(missing_ok=True)
    for name, src, dest in outputs:
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dest)
        except OSError as exc:
            raise OutputError(f"{job.id}: could not move {name} into {display_path(dest.parent)}: {exc.strerror or exc}") from exc
    for name, _, dest in outputs:
        if not dest.is_file() or cache.file_stamp(dest) != stamps[name]:
            raise OutputError(f"{job.id}: {display_path(dest)} is missing or differs from what the notebook wrote "
                              "(was the folder changed meanwhile?); no cache record written, it runs again next time")
    if layout.writeback and _is_default_run(job, layout):
        writeback(layout.executed / f"{job.id}.ipynb", layout.notebooks_src / f"{job.notebook}.ipynb")
    return stamps


def _is_default_run(job: Job, layout: Layout) -> bool:
    """A job whose parameters are the notebook's defaults: none, or for a fan-out notebook the
    first value found in the data (what its default ``None`` resolves to)."""
    if not job.parameters:
        return True
    key = FAN_OUT.get(job.notebook)
    first = partners_in(layout.data_dir)[:1]
    return key is not None and job.parameters == {key: first[0] if first else None}


TIMEOUT = 1800.0  # seconds a notebook job may run (--timeout)
LOCK_WAIT = 60.0  # seconds a run waits for another run on the same outputs (--lock-wait)


def check_out(layout: Layout, out: str) -> Path:
    """The ``--out`` folder, or :class:`OutputError` when it is a file, lies in a data folder,
    holds the data folder, or is a non-empty folder that ``run`` did not write."""
    base = check_output(out, "--out", "folder", owned=lambda p: (p / ".state").is_dir(),
                        what="an output folder of run (one holding .state/)")
    data = layout.data_dir.resolve()
    if data == base or base in data.parents:
        raise OutputError(f"--out {display_path(base)} holds the data folder {display_path(data)}; write the outputs outside it")
    return base


def run(only: list[str] | None = None, partner: str | None = None, data_dir: str | None = None,
        out: str | None = None, jobs: int | None = None, force: bool = False,
        parameters: dict | None = None, notebooks: str | None = None, echo=print,
        timeout: float | None = TIMEOUT, lock_wait: float = LOCK_WAIT) -> list[Outcome]:
    """Run the collection; returns one outcome per job (ran, skipped, failed, blocked, or
    cancelled when SIGINT or SIGTERM stopped the run). ``timeout`` is each job's limit in
    seconds; ``lock_wait`` how long to wait for another run writing the same outputs."""
    layout = Layout.make(data_dir, out, notebooks)
    if not layout.data_dir.is_dir():
        raise SystemExit(f"data folder not found: {layout.data_dir}")
    folder = check_out(layout, out) if out else project_root()
    todo = plan(layout, only, partner, parameters)
    with RunLock(layout.lock, folder, lock_wait), Interrupts() as interrupts:
        try:
            keys = job_keys(todo, layout)
            dv = data_version(layout.data_dir)
            layout.state.mkdir(parents=True, exist_ok=True)
            workers = max(1, jobs or os.cpu_count() or 1)
            echo(f"Running {len(todo)} notebook job(s) on {display_path(layout.data_dir)} "
                 f"(data {dv[:12]}) with up to {workers} in parallel")
            started = time.monotonic()
            outcomes = _run_jobs(todo, keys, dv, layout, workers, force, timeout, interrupts, echo)
        except Cancelled as sig:
            echo(f"cancelled by {sig.name} before any notebook started; nothing was changed")
            return [Outcome(j.id, "cancelled", message=f"not started: the run was stopped by {sig.name}") for j in todo]
        interrupts.hold()
        ordered = [outcomes[j.id] for j in todo]
        write_index(layout, dv, [o.message.splitlines()[0] for o in ordered if o.status in ("failed", "blocked")])
    counts = {s: sum(o.status == s for o in ordered) for s in ("ran", "skipped", "failed", "blocked", "cancelled")}
    echo(f"{counts['ran']} ran, {counts['skipped']} skipped (unchanged), {counts['failed']} failed, "
         f"{counts['blocked']} blocked" + (f", {counts['cancelled']} cancelled" if counts["cancelled"] else "")
         + f" in {time.monotonic() - started:.1f} s; reports in {display_path(layout.reports)}/index.html")
    for o in ordered:
        if o.status == "failed":
            echo(f"FAILED: {o.message}")
    return ordered


def _run_jobs(todo: list[Job], keys: dict[str, str], dv: str, layout: Layout, workers: int, force: bool,
              timeout: float | None, interrupts: Interrupts, echo) -> dict[str, Outcome]:
    """Start each job once what it depends on has succeeded, at most ``workers`` at once, each
    in its own process; stop a job over ``timeout``; on SIGINT or SIGTERM stop them all."""
    tmp_root = layout.state / "tmp"
    shutil.rmtree(tmp_root, ignore_errors=True)  # left by a run that was killed: the lock is ours now
    outcomes: dict[str, Outcome] = {}
    pending = {j.id: j for j in todo}
    running: dict[str, tuple[Job, JobProcess]] = {}
    try:
        while pending or running:
            for jid in list(pending):
                job = pending[jid]
                failed_dep = next((d for d in job.depends if outcomes.get(d) and outcomes[d].status in ("failed", "blocked")), None)
                if failed_dep:
                    outcomes[jid] = Outcome(jid, "blocked", message=f"not run: it depends on {failed_dep}, which did not succeed")
                    echo(f"  [blocked] {jid}: depends on {failed_dep}")
                    del pending[jid]
                    continue
                if any(d not in outcomes for d in job.depends):
                    continue
                record = cache.read_record(layout, jid)
                if not force and record and record.get("key") == keys[jid] and cache.outputs_exist(layout, record):
                    outcomes[jid] = Outcome(jid, "skipped", message="unchanged since its last successful run", title=record.get("title", ""))
                    echo(f"  [skipped] {jid}: unchanged since its last successful run")
                    del pending[jid]
                    continue
                if len(running) < workers:
                    echo(f"  [start]   {jid}")
                    with interrupts.protect():
                        running[jid] = (job, JobProcess((job, layout, tmp_root / jid)))
                        del pending[jid]
            for proc in ready([p for _, p in running.values()], 0.5):
                proc.read()
            for jid, (job, proc) in list(running.items()):
                secs = time.monotonic() - proc.started
                if proc.finished():
                    del running[jid]
                    _finish(job, proc, secs, keys[jid], dv, layout, tmp_root / jid, outcomes, interrupts, echo)
                elif timeout and secs > timeout:
                    del running[jid]
                    proc.stop()
                    shutil.rmtree(tmp_root / jid, ignore_errors=True)
                    message = (f"{jid} stopped: still running after {timeout:g} s, the time limit (--timeout), "
                               f"{describe_cell(proc.cell)}")
                    outcomes[jid] = Outcome(jid, "failed", secs, message=message)
                    echo(f"  [FAILED]  {message}")
    except Cancelled as sig:
        interrupts.hold()
        stop_all([p for _, p in running.values()])
        shutil.rmtree(tmp_root, ignore_errors=True)
        for jid in running:
            outcomes[jid] = Outcome(jid, "cancelled", message=f"stopped by {sig.name} while running")
        for jid in pending:
            outcomes[jid] = Outcome(jid, "cancelled", message=f"not started: the run was stopped by {sig.name}")
        echo(f"cancelled by {sig.name}: stopped {', '.join(running) or 'no notebook'} (running), "
             f"not started {', '.join(pending) or 'none'}; their kernels are stopped and their previous outputs left in place")
    shutil.rmtree(tmp_root, ignore_errors=True)
    return outcomes


def _finish(job: Job, proc: JobProcess, secs: float, key: str, dv: str, layout: Layout, tmp: Path,
            outcomes: dict[str, Outcome], interrupts: Interrupts, echo) -> None:
    """Install a finished job's outputs and record them, or report its failure."""
    result = proc.result
    if result is None:
        code = proc.proc.returncode
        how = f"killed by signal {-code}" if code and code < 0 else f"exit code {code}"
        result = {"ok": False, "message": f"{job.id}: its process ended without a result ({how})"}
    if result["ok"]:
        with interrupts.protect():
            try:
                files = _install(job, result, layout, tmp)
                cache.write_record(layout, job, key, dv, result, files)
            except OutputError as exc:
                result = {"ok": False, "message": str(exc)}
            else:
                outcomes[job.id] = Outcome(job.id, "ran", secs, title=result["title"])
                echo(f"  [done]    {job.id} in {secs:.1f} s ({len(result['figures'])} figure files, {len(result['tables'])} tables)")
    if not result["ok"]:
        outcomes[job.id] = Outcome(job.id, "failed", secs, message=result["message"])
        echo(f"  [FAILED]  {result['message']}")
    shutil.rmtree(tmp, ignore_errors=True)


def write_index(layout: Layout, dv: str, failures: list[str] | None = None) -> Path:
    """``reports/index.html``: every report and partner profile with title, run date, data
    version and links (titles escaped by Jinja's autoescape)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    records = []
    for p in sorted(layout.state.glob("*.json")):
        rec = cache.read_record(layout, p.stem)
        if rec and "key" in rec and all((layout.reports / r).is_file() for r in rec.get("reports", [])):
            records.append(rec)
    rows = [{"title": r["title"], "finished": r["finished"], "data_version": r["data_version"][:12],
             "full": r["reports"][0], "reader": r["reports"][1], "fan": r["job"].get("fan_value"),
             "findings": r.get("findings", []), "scope": scope_text(r.get("parameters", {})),
             "tables": [f"tables/{t}" for t in r.get("tables", []) if t.endswith(".csv")]} for r in records]
    copy_tables(layout)
    data = layout.data_dir
    n_articles = _count_rows(data / "raw" / "articles.csv")
    n_events = _count_rows(data / "events.csv")
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    html = env.get_template("index.html.j2").render(
        reports=[r for r in rows if not r["fan"]], profiles=[r for r in rows if r["fan"]],
        failures=failures or [], data_version=dv[:12], n_articles=n_articles, n_events=n_events,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    return write_atomic(layout.reports / "index.html", html)


def findings_of(nb) -> list[str]:
    """The key findings a notebook displayed (the Markdown list under ``### Key findings``)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            text = out.get("data", {}).get("text/markdown", "")
            if text.startswith("### Key findings"):
                return [html.unescape(line[2:]) for line in text.splitlines() if line.startswith("- ")]
    return []


def scope_text(params: dict) -> str:
    """The period and partners a report was run on, in words."""
    start, end = params.get("start"), params.get("end")
    period = f"{start or 'the earliest'} to {end or 'the latest'} event" if (start or end) else "every date"
    partners = params.get("partners") or ([params["partner"]] if params.get("partner") else [])
    return f"Period: {period}; partners: {', '.join(partners) if partners else 'all'}."


def copy_tables(layout: Layout) -> None:
    """The CSV tables behind the reports, under ``reports/tables/`` so that reports link them."""
    if not layout.tables.is_dir():
        return
    dest = layout.reports / "tables"
    dest.mkdir(parents=True, exist_ok=True)
    for p in sorted(layout.tables.glob("*.csv")):
        shutil.copy2(p, dest / p.name)


def _count_rows(path: Path) -> int:
    """Rows of a table stored as CSV or Parquet; 0 when it cannot be read."""
    from helpers.data.tables import read_table

    try:
        return len(read_table(table_path(path.parent, path.name)))
    except (OSError, UnicodeDecodeError, ValueError):
        return 0


def cli(argv: list[str], prog: str = "run") -> int:
    parser = argparse.ArgumentParser(prog=prog, description="Execute the notebooks with papermill (dependency order, parallel where independent, cached on their inputs) and export HTML reports with an index.",
                                     epilog="Exit status 0 when every notebook ran or was unchanged, 1 when one failed or was refused, 130 when stopped by Ctrl-C (SIGINT) or SIGTERM.")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this notebook (and what it depends on); repeatable")
    parser.add_argument("--partner", metavar="CODE", help="run partner profiles for this partner code only (ISO3 or organisation id)")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: the project's data/)")
    parser.add_argument("--out", metavar="DIR", help="write everything under DIR (notebooks, tables, figures, reports); the project's own outputs are untouched")
    parser.add_argument("--jobs", type=positive_int, default=os.cpu_count() or 1, help="notebooks run at once (default: number of cores)")
    parser.add_argument("--force", action="store_true", help="run every notebook even when its inputs are unchanged")
    parser.add_argument("--start", help="period start (partial ISO date) passed to every notebook")
    parser.add_argument("--end", help="period end (partial ISO date) passed to every notebook")
    parser.add_argument("--partners", help="';'-separated partner codes passed to every notebook")
    parser.add_argument("--notebooks", metavar="DIR", help="notebook folder (default: the project's notebooks/)")
    parser.add_argument("--timeout", type=positive_float, default=TIMEOUT, metavar="SECONDS",
                        help=f"stop a notebook still running after SECONDS, naming its cell (default {TIMEOUT:g})")
    parser.add_argument("--lock-wait", type=natural_float, default=LOCK_WAIT, metavar="SECONDS",
                        help=f"wait up to SECONDS for another run writing the same outputs, then give up (default {LOCK_WAIT:g})")
    args = parser.parse_args(argv)
    params = {}
    if args.start:
        params["start"] = args.start
    if args.end:
        params["end"] = args.end
    if args.partners:
        params["partners"] = [c for c in args.partners.split(";") if c]
    outcomes = run(only=args.only, partner=args.partner.upper() if args.partner else None,
                   data_dir=args.data_dir, out=args.out, jobs=args.jobs, force=args.force, parameters=params,
                   notebooks=args.notebooks, timeout=args.timeout, lock_wait=args.lock_wait,
                   echo=lambda s: print(s, flush=True))
    if any(o.status == "cancelled" for o in outcomes):
        return 130
    return 1 if any(o.status in ("failed", "blocked") for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(cli(sys.argv[1:]))

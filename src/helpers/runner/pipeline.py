"""Running the collection: every notebook through papermill, in dependency order, in parallel
where independent, cached on its inputs, with HTML reports (full and reader) and an index.

Outputs of a notebook are written to a temporary folder and moved into place only when the
notebook succeeds, so a failing notebook leaves its previous report, tables and figures intact.
Folders and the data folder reach the kernel through ``MALI_*_DIR`` environment variables; only
user-chosen values (a period, partners, a partner of a profile) become papermill parameters,
so a default run executes the notebook exactly as committed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import sys
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from helpers.data.fingerprint import data_version, files_digest
from helpers.data.paths import PACKAGE_DIR, display_path, project_root
from helpers.data.tables import table_path

KERNEL = "python3"
# Which notebooks need which others to have run first (their tables are read downstream).
DEPENDS: dict[str, tuple[str, ...]] = {
    "02_network": ("01_event_table",),
    "03_rhythm": ("01_event_table",),
    "04_framing": ("01_event_table",),
    "05_partner_profile": ("02_network", "03_rhythm", "04_framing"),
}
# Notebooks run once per value of a parameter found in the data.
FAN_OUT: dict[str, str] = {"05_partner_profile": "partner"}
# Volatile notebook metadata that never goes back into a committed notebook.
_VOLATILE_CELL_KEYS = ("papermill", "execution")

TEMPLATES = Path(__file__).resolve().parent / "templates"


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

    @classmethod
    def make(cls, data_dir: str | None = None, out: str | None = None, notebooks: str | None = None) -> Layout:
        root = project_root()
        data = Path(data_dir).resolve() if data_dir else root / "data"
        if out:
            base = Path(out).resolve()
            return cls(Path(notebooks or root / "notebooks").resolve(), data, base / "notebooks", base / "tables",
                       base / "figures", base / "reports", base / ".state", writeback=False)
        default_data = data == (root / "data").resolve()
        return cls(Path(notebooks or root / "notebooks").resolve(), data, root / "build" / "notebooks",
                   root / "build" / "tables", root / "figures", root / "reports",
                   root / "build" / ".state" / ("default" if default_data else _short(str(data))),
                   writeback=default_data and not notebooks)


@dataclass
class Outcome:
    job: str
    status: str  # ran, skipped, failed, blocked
    seconds: float = 0.0
    message: str = ""
    title: str = ""


def slug(value: str) -> str:
    """A file-name-safe slug of a parameter value: ``'DZA'`` → ``'dza'``."""
    s = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return s or "x"


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

def _execute(job: Job, layout: Layout, tmp: Path) -> dict:
    """Run one job into ``tmp`` (a worker process); never touches the final outputs."""
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
        MALI_DATA_DIR=str(layout.data_dir),
        MALI_FIGURES_DIR=str(tmp / "figures"),
        MALI_TABLES_DIR=str(tmp / "tables"),
        MPLBACKEND="module://matplotlib_inline.backend_inline",
        SOURCE_DATE_EPOCH="0",
        PYTHONHASHSEED="0",
    )
    out_nb = tmp / f"{job.id}.ipynb"
    src = layout.notebooks_src / f"{job.notebook}.ipynb"
    for attempt in (1, 2):
        try:
            pm.execute_notebook(str(src), str(out_nb), parameters=job.parameters, kernel_name=KERNEL,
                                cwd=str(layout.notebooks_src), progress_bar=False, log_output=False,
                                start_timeout=120)
            break
        except pm.PapermillExecutionError as exc:
            return {"ok": False, "message": _failure_text(job, exc)}
        except (RuntimeError, TimeoutError) as exc:  # a kernel that did not start: retry once
            if attempt == 2:
                return {"ok": False, "message": f"{job.id}: the kernel did not start ({exc})"}
    nb = nbformat.read(out_nb, as_version=4)
    title = notebook_title(nb, job)
    export_html(nb, tmp / "reports" / f"{job.id}.html", title, reader=False)
    export_html(nb, tmp / "reports" / f"{job.id}.reader.html", title, reader=True)
    tables = [p.name for p in (tmp / "tables").iterdir() if before.get(p.name) != p.stat().st_mtime_ns]
    return {"ok": True, "title": title, "tables": sorted(tables),
            "figures": sorted(p.name for p in (tmp / "figures").iterdir())}


def _failure_text(job: Job, exc) -> str:
    source = (exc.source or "").strip()
    lines = source.splitlines()
    shown = "\n".join("      " + s for s in lines[:12]) + ("\n      ..." if len(lines) > 12 else "")
    cell = (exc.cell_index or 0) + 1
    return (f"{job.id} failed in cell {cell} (execution count {exc.exec_count}):\n{shown}\n"
            f"    {exc.ename}: {exc.evalue}")


def notebook_title(nb, job: Job) -> str:
    """The first markdown heading of the notebook, plus the fan-out value."""
    title = job.notebook
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, flags=re.M)
            if m:
                title = m.group(1).strip()
                break
    if job.fan_value:
        from helpers.data.countries import french_name

        title = f"{title}: {french_name(job.fan_value)} ({job.fan_value})"
    return title


def export_html(nb, dest: Path, title: str, reader: bool) -> None:
    """Self-contained HTML (figures embedded, no CDN script); the reader version hides code."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATES)])
    exporter.embed_images = True
    if reader:
        exporter.exclude_input = True
        exporter.exclude_input_prompt = True
        exporter.exclude_output_prompt = True
    nb = nb.copy()
    nb.metadata["title"] = title + (" (reader version)" if reader else "")
    body, _ = exporter.from_notebook_node(nb)
    dest.write_text(body, encoding="utf-8")


def _worker(job: Job, layout: Layout, tmp: Path) -> dict:
    try:
        return _execute(job, layout, tmp)
    except Exception as exc:  # report, never crash the run
        return {"ok": False, "message": f"{job.id}: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"}


# ---------------------------------------------------------------- run (main process)

def _install(job: Job, result: dict, layout: Layout, tmp: Path) -> None:
    """Move a successful job's outputs into place, file by file (``os.replace``)."""
    for sub, dest in (("tables", layout.tables), ("figures", layout.figures), ("reports", layout.reports)):
        dest.mkdir(parents=True, exist_ok=True)
        names = result[sub] if sub != "reports" else [f"{job.id}.html", f"{job.id}.reader.html"]
        for name in names:
            os.replace(tmp / sub / name, dest / name)
    layout.executed.mkdir(parents=True, exist_ok=True)
    os.replace(tmp / f"{job.id}.ipynb", layout.executed / f"{job.id}.ipynb")
    if layout.writeback and _is_default_run(job, layout):
        writeback(layout.executed / f"{job.id}.ipynb", layout.notebooks_src / f"{job.notebook}.ipynb")
    shutil.rmtree(tmp, ignore_errors=True)


def _is_default_run(job: Job, layout: Layout) -> bool:
    """A job whose parameters are the notebook's defaults: none, or for a fan-out notebook the
    first value found in the data (what its default ``None`` resolves to)."""
    if not job.parameters:
        return True
    key = FAN_OUT.get(job.notebook)
    first = partners_in(layout.data_dir)[:1]
    return key is not None and job.parameters == {key: first[0] if first else None}


def strip_volatile(nb) -> None:
    """Remove papermill's timings and run metadata from an executed notebook."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        for key in _VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)


def writeback(executed: Path, committed: Path) -> bool:
    """Refresh the committed notebook's outputs from a default run; True when it changed."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    strip_volatile(nb)
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    old = committed.read_text(encoding="utf-8") if committed.exists() else ""
    new = nbformat.writes(nb) + "\n"
    if new != old:
        committed.write_text(new, encoding="utf-8")
        return True
    return False


def run(only: list[str] | None = None, partner: str | None = None, data_dir: str | None = None,
        out: str | None = None, jobs: int | None = None, force: bool = False,
        parameters: dict | None = None, notebooks: str | None = None, echo=print) -> list[Outcome]:
    """Run the collection; returns one outcome per job (ran, skipped, failed, blocked)."""
    layout = Layout.make(data_dir, out, notebooks)
    if not layout.data_dir.is_dir():
        raise SystemExit(f"data folder not found: {layout.data_dir}")
    todo = plan(layout, only, partner, parameters)
    keys = job_keys(todo, layout)
    dv = data_version(layout.data_dir)
    layout.state.mkdir(parents=True, exist_ok=True)
    tmp_root = layout.state / "tmp"
    workers = max(1, jobs or os.cpu_count() or 1)
    echo(f"Running {len(todo)} notebook job(s) on {display_path(layout.data_dir)} "
         f"(data {dv[:12]}) with up to {workers} in parallel")
    outcomes: dict[str, Outcome] = {}
    pending = {j.id: j for j in todo}
    running: dict[Future, tuple[Job, float]] = {}
    started = time.monotonic()
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
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
                record = _read_record(layout, jid)
                if not force and record and record.get("key") == keys[jid] and _outputs_exist(layout, record):
                    outcomes[jid] = Outcome(jid, "skipped", message="unchanged since its last successful run", title=record.get("title", ""))
                    echo(f"  [skipped] {jid}: unchanged since its last successful run")
                    del pending[jid]
                    continue
                if len(running) < workers:
                    echo(f"  [start]   {jid}")
                    fut = pool.submit(_worker, job, layout, tmp_root / jid)
                    running[fut] = (job, time.monotonic())
                    del pending[jid]
            if not running:
                continue
            done, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for fut in done:
                job, t0 = running.pop(fut)
                secs = time.monotonic() - t0
                result = fut.result()
                if result["ok"]:
                    _install(job, result, layout, tmp_root / job.id)
                    _write_record(layout, job, keys[job.id], dv, result)
                    outcomes[job.id] = Outcome(job.id, "ran", secs, title=result["title"])
                    echo(f"  [done]    {job.id} in {secs:.1f} s ({len(result['figures'])} figure files, {len(result['tables'])} tables)")
                else:
                    outcomes[job.id] = Outcome(job.id, "failed", secs, message=result["message"])
                    echo(f"  [FAILED]  {result['message']}")
    ordered = [outcomes[j.id] for j in todo]
    write_index(layout, dv, [o.message.splitlines()[0] for o in ordered if o.status in ("failed", "blocked")])
    counts = {s: sum(o.status == s for o in ordered) for s in ("ran", "skipped", "failed", "blocked")}
    echo(f"{counts['ran']} ran, {counts['skipped']} skipped (unchanged), {counts['failed']} failed, "
         f"{counts['blocked']} blocked in {time.monotonic() - started:.1f} s; "
         f"reports in {display_path(layout.reports)}/index.html")
    for o in ordered:
        if o.status == "failed":
            echo(f"FAILED: {o.message}")
    return ordered


def _record_path(layout: Layout, jid: str) -> Path:
    return layout.state / f"{jid}.json"


def _read_record(layout: Layout, jid: str) -> dict | None:
    p = _record_path(layout, jid)
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_record(layout: Layout, job: Job, key: str, dv: str, result: dict) -> None:
    record = {"key": key, "job": asdict(job), "title": result["title"], "data_version": dv,
              "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
              "tables": result["tables"], "figures": result["figures"],
              "reports": [f"{job.id}.html", f"{job.id}.reader.html"]}
    _record_path(layout, job.id).write_text(json.dumps(record, indent=1, ensure_ascii=False), encoding="utf-8")


def _outputs_exist(layout: Layout, record: dict) -> bool:
    return (all((layout.reports / r).is_file() for r in record.get("reports", []))
            and all((layout.figures / f).is_file() for f in record.get("figures", []))
            and all((layout.tables / t).is_file() for t in record.get("tables", [])))


def write_index(layout: Layout, dv: str, failures: list[str] | None = None) -> Path:
    """``reports/index.html``: every report and partner profile with title, run date, data
    version and links (titles escaped by Jinja's autoescape)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    records = []
    for p in sorted(layout.state.glob("*.json")):
        rec = json.loads(p.read_text(encoding="utf-8"))
        if all((layout.reports / r).is_file() for r in rec["reports"]):
            records.append(rec)
    rows = [{"title": r["title"], "finished": r["finished"], "data_version": r["data_version"][:12],
             "full": r["reports"][0], "reader": r["reports"][1], "fan": r["job"].get("fan_value")} for r in records]
    data = layout.data_dir
    n_articles = _count_rows(data / "raw" / "articles.csv")
    n_events = _count_rows(data / "events.csv")
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    html = env.get_template("index.html.j2").render(
        reports=[r for r in rows if not r["fan"]], profiles=[r for r in rows if r["fan"]],
        failures=failures or [], data_version=dv[:12], n_articles=n_articles, n_events=n_events,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    layout.reports.mkdir(parents=True, exist_ok=True)
    dest = layout.reports / "index.html"
    dest.write_text(html, encoding="utf-8")
    return dest


def _count_rows(path: Path) -> int:
    """Rows of a table stored as CSV or Parquet; 0 when it cannot be read."""
    from helpers.data.tables import read_table

    try:
        return len(read_table(table_path(path.parent, path.name)))
    except (OSError, UnicodeDecodeError, ValueError):
        return 0


def cli(argv: list[str], prog: str = "run") -> int:
    parser = argparse.ArgumentParser(prog=prog, description="Execute the notebooks with papermill (dependency order, parallel where independent, cached on their inputs) and export HTML reports with an index.")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this notebook (and what it depends on); repeatable")
    parser.add_argument("--partner", metavar="CODE", help="run partner profiles for this ISO3 code only")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: the project's data/)")
    parser.add_argument("--out", metavar="DIR", help="write everything under DIR (notebooks, tables, figures, reports); the project's own outputs are untouched")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks run at once (default: number of cores)")
    parser.add_argument("--force", action="store_true", help="run every notebook even when its inputs are unchanged")
    parser.add_argument("--start", help="period start (partial ISO date) passed to every notebook")
    parser.add_argument("--end", help="period end (partial ISO date) passed to every notebook")
    parser.add_argument("--partners", help="';'-separated partner codes passed to every notebook")
    parser.add_argument("--notebooks", metavar="DIR", help="notebook folder (default: the project's notebooks/)")
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
                   notebooks=args.notebooks,
                   echo=lambda s: print(s, flush=True))
    return 1 if any(o.status in ("failed", "blocked") for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(cli(sys.argv[1:]))

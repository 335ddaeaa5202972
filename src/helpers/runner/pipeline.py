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
import os
import shutil
import sys
import time
from pathlib import Path

from helpers.data.errors import OutputError
from helpers.data.fingerprint import data_version
from helpers.data.options import natural_float, positive_float, positive_int
from helpers.data.outputs import check_output
from helpers.data.paths import display_path, project_root
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
from helpers.runner.execute import install_outputs
from helpers.runner.index import write_index
from helpers.runner.jobs import Job, Layout, Outcome, job_keys, plan

TIMEOUT = 1800.0  # seconds a notebook job may run (--timeout)
LOCK_WAIT = 60.0  # seconds a run waits for another run on the same outputs (--lock-wait)


def check_out(layout: Layout, out: str) -> Path:
    """The ``--out`` folder, or :class:`OutputError` when it is a file, lies in a data folder,
    holds the data folder, or is a non-empty folder that ``run`` did not write."""
    base = check_output(
        out,
        "--out",
        "folder",
        owned=lambda p: (p / ".state").is_dir(),
        what="an output folder of run (one holding .state/)",
    )
    data = layout.data_dir.resolve()
    if data == base or base in data.parents:
        raise OutputError(
            f"--out {display_path(base)} holds the data folder {display_path(data)}; write the outputs outside it"
        )
    return base


def run(
    only: list[str] | None = None,
    partner: str | None = None,
    data_dir: str | None = None,
    out: str | None = None,
    jobs: int | None = None,
    force: bool = False,
    parameters: dict | None = None,
    notebooks: str | None = None,
    echo=print,
    timeout: float | None = TIMEOUT,
    lock_wait: float = LOCK_WAIT,
) -> list[Outcome]:
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
            echo(
                f"Running {len(todo)} notebook job(s) on {display_path(layout.data_dir)} "
                f"(data {dv[:12]}) with up to {workers} in parallel"
            )
            started = time.monotonic()
            outcomes = _run_jobs(todo, keys, dv, layout, workers, force, timeout, interrupts, echo)
        except Cancelled as sig:
            echo(f"cancelled by {sig.name} before any notebook started; nothing was changed")
            return [
                Outcome(
                    j.id, "cancelled", message=f"not started: the run was stopped by {sig.name}"
                )
                for j in todo
            ]
        interrupts.hold()
        ordered = [outcomes[j.id] for j in todo]
        write_index(
            layout,
            dv,
            [o.message.splitlines()[0] for o in ordered if o.status in ("failed", "blocked")],
        )
    counts = {
        s: sum(o.status == s for o in ordered)
        for s in ("ran", "skipped", "failed", "blocked", "cancelled")
    }
    echo(
        f"{counts['ran']} ran, {counts['skipped']} skipped (unchanged), {counts['failed']} failed, "
        f"{counts['blocked']} blocked"
        + (f", {counts['cancelled']} cancelled" if counts["cancelled"] else "")
        + f" in {time.monotonic() - started:.1f} s; reports in {display_path(layout.reports)}/index.html"
    )
    for o in ordered:
        if o.status == "failed":
            echo(f"FAILED: {o.message}")
    return ordered


def _run_jobs(
    todo: list[Job],
    keys: dict[str, str],
    dv: str,
    layout: Layout,
    workers: int,
    force: bool,
    timeout: float | None,
    interrupts: Interrupts,
    echo,
) -> dict[str, Outcome]:
    """Start each job once what it depends on has succeeded, at most ``workers`` at once, each
    in its own process; stop a job over ``timeout``; on SIGINT or SIGTERM stop them all."""
    tmp_root = layout.state / "tmp"
    shutil.rmtree(
        tmp_root, ignore_errors=True
    )  # left by a run that was killed: the lock is ours now
    outcomes: dict[str, Outcome] = {}
    pending = {j.id: j for j in todo}
    running: dict[str, tuple[Job, JobProcess]] = {}
    try:
        while pending or running:
            for jid in list(pending):
                job = pending[jid]
                failed_dep = next(
                    (
                        d
                        for d in job.depends
                        if outcomes.get(d) and outcomes[d].status in ("failed", "blocked")
                    ),
                    None,
                )
                if failed_dep:
                    outcomes[jid] = Outcome(
                        jid,
                        "blocked",
                        message=f"not run: it depends on {failed_dep}, which did not succeed",
                    )
                    echo(f"  [blocked] {jid}: depends on {failed_dep}")
                    del pending[jid]
                    continue
                if any(d not in outcomes for d in job.depends):
                    continue
                record = cache.read_record(layout, jid)
                if (
                    not force
                    and record
                    and record.get("key") == keys[jid]
                    and cache.outputs_exist(layout, record)
                ):
                    outcomes[jid] = Outcome(
                        jid,
                        "skipped",
                        message="unchanged since its last successful run",
                        title=record.get("title", ""),
                    )
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
                    _finish(
                        job,
                        proc,
                        secs,
                        keys[jid],
                        dv,
                        layout,
                        tmp_root / jid,
                        outcomes,
                        interrupts,
                        echo,
                    )
                elif timeout and secs > timeout:
                    del running[jid]
                    proc.stop()
                    shutil.rmtree(tmp_root / jid, ignore_errors=True)
                    message = (
                        f"{jid} stopped: still running after {timeout:g} s, the time limit (--timeout), "
                        f"{describe_cell(proc.cell)}"
                    )
                    outcomes[jid] = Outcome(jid, "failed", secs, message=message)
                    echo(f"  [FAILED]  {message}")
    except Cancelled as sig:
        interrupts.hold()
        stop_all([p for _, p in running.values()])
        shutil.rmtree(tmp_root, ignore_errors=True)
        for jid in running:
            outcomes[jid] = Outcome(
                jid, "cancelled", message=f"stopped by {sig.name} while running"
            )
        for jid in pending:
            outcomes[jid] = Outcome(
                jid, "cancelled", message=f"not started: the run was stopped by {sig.name}"
            )
        echo(
            f"cancelled by {sig.name}: stopped {', '.join(running) or 'no notebook'} (running), "
            f"not started {', '.join(pending) or 'none'}; their kernels are stopped and their previous outputs left in place"
        )
    shutil.rmtree(tmp_root, ignore_errors=True)
    return outcomes


def _finish(
    job: Job,
    proc: JobProcess,
    secs: float,
    key: str,
    dv: str,
    layout: Layout,
    tmp: Path,
    outcomes: dict[str, Outcome],
    interrupts: Interrupts,
    echo,
) -> None:
    """Install a finished job's outputs and record them, or report its failure."""
    result = proc.result
    if result is None:
        code = proc.proc.returncode
        how = f"killed by signal {-code}" if code and code < 0 else f"exit code {code}"
        result = {"ok": False, "message": f"{job.id}: its process ended without a result ({how})"}
    if result["ok"]:
        with interrupts.protect():
            try:
                files = install_outputs(job, result, layout, tmp)
                cache.write_record(layout, job, key, dv, result, files)
            except OutputError as exc:
                result = {"ok": False, "message": str(exc)}
            else:
                outcomes[job.id] = Outcome(job.id, "ran", secs, title=result["title"])
                echo(
                    f"  [done]    {job.id} in {secs:.1f} s ({len(result['figures'])} figure files, {len(result['tables'])} tables)"
                )
    if not result["ok"]:
        outcomes[job.id] = Outcome(job.id, "failed", secs, message=result["message"])
        echo(f"  [FAILED]  {result['message']}")
    shutil.rmtree(tmp, ignore_errors=True)


def cli(argv: list[str], prog: str = "run") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Execute the notebooks with papermill (dependency order, parallel where independent, cached on their inputs) and export HTML reports with an index.",
        epilog="Exit status 0 when every notebook ran or was unchanged, 1 when one failed or was refused, 130 when stopped by Ctrl-C (SIGINT) or SIGTERM.",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this notebook (and what it depends on); repeatable",
    )
    parser.add_argument(
        "--partner",
        metavar="CODE",
        help="run partner profiles for this partner code only (ISO3 or organisation id)",
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", help="data folder (default: the project's data/)"
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="write everything under DIR (notebooks, tables, figures, reports); the project's own outputs are untouched",
    )
    parser.add_argument(
        "--jobs",
        type=positive_int,
        default=os.cpu_count() or 1,
        help="notebooks run at once (default: number of cores)",
    )
    parser.add_argument(
        "--force", action="store_true", help="run every notebook even when its inputs are unchanged"
    )
    parser.add_argument("--start", help="period start (partial ISO date) passed to every notebook")
    parser.add_argument("--end", help="period end (partial ISO date) passed to every notebook")
    parser.add_argument("--partners", help="';'-separated partner codes passed to every notebook")
    parser.add_argument(
        "--notebooks", metavar="DIR", help="notebook folder (default: the project's notebooks/)"
    )
    parser.add_argument(
        "--timeout",
        type=positive_float,
        default=TIMEOUT,
        metavar="SECONDS",
        help=f"stop a notebook still running after SECONDS, naming its cell (default {TIMEOUT:g})",
    )
    parser.add_argument(
        "--lock-wait",
        type=natural_float,
        default=LOCK_WAIT,
        metavar="SECONDS",
        help=f"wait up to SECONDS for another run writing the same outputs, then give up (default {LOCK_WAIT:g})",
    )
    args = parser.parse_args(argv)
    params = {}
    if args.start:
        params["start"] = args.start
    if args.end:
        params["end"] = args.end
    if args.partners:
        params["partners"] = [c for c in args.partners.split(";") if c]
    outcomes = run(
        only=args.only,
        partner=args.partner.upper() if args.partner else None,
        data_dir=args.data_dir,
        out=args.out,
        jobs=args.jobs,
        force=args.force,
        parameters=params,
        notebooks=args.notebooks,
        timeout=args.timeout,
        lock_wait=args.lock_wait,
        echo=lambda s: print(s, flush=True),
    )
    if any(o.status == "cancelled" for o in outcomes):
        return 130
    return 1 if any(o.status in ("failed", "blocked") for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(cli(sys.argv[1:]))

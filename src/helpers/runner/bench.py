"""``make bench``: how the collection's cost grows, measured, with medians of several runs.

Writes ``build/bench.json`` and prints a table. Every figure names the command that reproduces
it. Notebook costs are measured on synthetic data folders (``python -m helpers synth``), never on
``data/``; extraction on copies of the seed articles.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers.data.options import positive_int
from helpers.data.outputs import check_output, json_with, write_atomic
from helpers.data.paths import project_root
from helpers.runner.jobs import FAN_OUT, discover, partners_in

SIZES = (1_000, 10_000, 100_000)
WORK_MARK = "BENCH.txt"
EXTRACT_JOBS = (1, 2)  # processes; the target is for two
PARTS = ("extract", "notebooks", "report")
# The targets on the 2-core development machine: (higher is better, bound). Memory is in MiB
# (ru_maxrss / 1024): 2 GB = 2e9 bytes = 1,907 MiB.
TARGETS = {
    "extract_articles_per_s_two_processes": (True, 20.0),
    "notebook_seconds": (False, 60.0),
    "notebook_peak_mb": (False, round(2e9 / 2**20, 1)),
    "report_nochange_seconds": (False, 2.0),
}


def _meets(key: str, value: float) -> bool:
    up, bound = TARGETS[key]
    return value >= bound if up else value < bound


def targets_met(result: dict) -> dict[str, bool]:
    """Each measure taken that has a target -> whether it meets it (notebooks at the largest size)."""
    met = {
        k: _meets(k, result[k])
        for k in ("extract_articles_per_s_two_processes", "report_nochange_seconds")
        if k in result
    }
    for name, v in result.get("notebook_seconds_100k", {}).items():
        met[f"{name} seconds"] = _meets("notebook_seconds", v)
    for name, v in result.get("notebook_peak_mb_100k", {}).items():
        met[f"{name} peak_mb"] = _meets("notebook_peak_mb", v)
    return met


def summary_table(result: dict) -> list[str]:
    """The printed table: every measure taken, its target and whether it is met."""
    notebooks = result.get("notebooks", {})
    biggest = max((int(n) for v in notebooks.values() for n in v), default=0)
    met = targets_met(result)

    def row(label: str, value, key: str | None, met_key: str | None) -> str:
        value = "n/a" if value is None else value
        if key is None:
            return f"{label:<50} {value:>10}"
        up, bound = TARGETS[key]
        return f"{label:<50} {value:>10} {('>= ' if up else '< ') + f'{bound:g}':>10} {'yes' if met[met_key] else 'NO':>5}"

    lines = [f"{'measure':<50} {'value':>10} {'target':>10} {'met':>5}"]
    n = result.get("extract_articles")
    on = f" ({n} articles)" if n else ""
    if "extract_articles_per_s_two_processes" in result:
        lines.append(
            row(
                f"extraction, articles/s, 1 process{on}",
                result["extract_articles_per_s_one_process"],
                None,
                None,
            )
        )
        lines.append(
            row(
                f"extraction, articles/s, 2 processes{on}",
                result["extract_articles_per_s_two_processes"],
                "extract_articles_per_s_two_processes",
                "extract_articles_per_s_two_processes",
            )
        )
    if "extract_two_processes_started" in result:
        lines.append(
            row("  once started, 1 process", result["extract_one_process_started"], None, None)
        )
        lines.append(
            row("  once started, 2 processes", result["extract_two_processes_started"], None, None)
        )
        lines.append(
            row(
                "  start-up s, 2 processes",
                result["extract_startup_seconds_two_processes"],
                None,
                None,
            )
        )
    if "extract_cpu_seconds_two_processes" in result:
        for jobs, name in ((1, "1 process"), (2, "2 processes")):
            key = f"extract_cpu_seconds_{'one_process' if jobs == 1 else 'two_processes'}"
            lines.append(row(f"  CPU s, {name}{on}", result[key], None, None))
    for k, v in result.get("notebook_seconds_100k", {}).items():
        lines.append(row(f"{k}, s at {biggest:,} events", v, "notebook_seconds", f"{k} seconds"))
        lines.append(
            row(
                f"{k}, peak MiB at {biggest:,} events",
                result["notebook_peak_mb_100k"][k],
                "notebook_peak_mb",
                f"{k} peak_mb",
            )
        )
    if "report_nochange_seconds" in result:
        lines.append(row("make report cold, s", result["report_cold_seconds"], None, None))
        lines.append(
            row(
                "make report no change, s",
                result["report_nochange_seconds"],
                "report_nochange_seconds",
                "report_nochange_seconds",
            )
        )
    return lines


def _sizes(text: str) -> tuple[int, ...]:
    """``--sizes``: comma-separated event counts, each at least 1."""
    sizes = tuple(positive_int(s.strip()) for s in text.split(",") if s.strip())
    if not sizes:
        raise argparse.ArgumentTypeError(f"{text!r} holds no event count; expected e.g. 1000,10000")
    return sizes


def _python() -> str:
    return sys.executable


def measure_notebook(
    name: str, data_dir: Path, work: Path, parameters: dict | None = None
) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one notebook run in a fresh process tree,
    its kernel set up as the runner's (local IPC sockets, not TCP)."""
    work.mkdir(parents=True, exist_ok=True)
    parameters = {
        "data_dir": str(data_dir),
        "figures_dir": str(work / "figures"),
        "tables_dir": str(work / "tables"),
        **(parameters or {}),
    }
    code = (
        "import json, resource, sys, tempfile, time, papermill as pm\n"
        "from pathlib import Path\n"
        "from helpers.runner.execute import kernel_config\n"
        "sockets = tempfile.TemporaryDirectory(prefix='mk-')\n"
        f"t = time.perf_counter()\n"
        f"pm.execute_notebook({str(project_root() / 'notebooks' / (name + '.ipynb'))!r}, {str(work / (name + '.out.ipynb'))!r}, "
        f"parameters={parameters!r}, kernel_name='mali-defence', progress_bar=False, log_output=False, "
        "config=kernel_config(Path(sockets.name)))\n"
        "wall = time.perf_counter() - t\n"
        "sockets.cleanup()\n"
        "peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "print(json.dumps({'wall': wall, 'peak_mb': peak / 1024}))\n"
    )
    env = dict(os.environ, MPLBACKEND="module://matplotlib_inline.backend_inline")
    res = subprocess.run(
        [_python(), "-c", code], capture_output=True, text=True, env=env, check=False
    )
    if res.returncode != 0:
        raise RuntimeError(f"{name} failed on {data_dir}:\n{res.stderr[-3000:]}")
    out = json.loads(res.stdout.strip().splitlines()[-1])
    return out["wall"], out["peak_mb"]


def bench_notebooks(
    sizes: tuple[int, ...], runs: int, work: Path, echo, runs_largest: int | None = None
) -> dict:
    results: dict = {}
    for n in sizes:
        n_runs = runs_largest if runs_largest and n == max(sizes) else runs
        data = work / f"synth_{n}"
        if not (data / "events.csv").is_file():
            echo(
                f"  generating {n} synthetic events: python -m helpers synth --events {n} --out {data}"
            )
            subprocess.run(
                [
                    _python(),
                    "-m",
                    "helpers",
                    "synth",
                    "--events",
                    str(n),
                    "--out",
                    str(data),
                    "--force",
                ],
                check=True,
                capture_output=True,
            )
        for name in discover(project_root() / "notebooks"):
            params = {FAN_OUT[name]: _first_partner(data)} if name in FAN_OUT else {}
            walls, peaks = [], []
            for _ in range(n_runs):
                wall, peak = measure_notebook(name, data, work / f"run_{n}", params)
                walls.append(wall)
                peaks.append(peak)
            results.setdefault(name, {})[n] = {
                "seconds": round(statistics.median(walls), 2),
                "peak_mb": round(max(peaks), 1),
                "runs": n_runs,
            }
            echo(
                f"  {name:<22} {n:>7} events: {statistics.median(walls):7.1f} s median of {n_runs}, peak {max(peaks):7.0f} MB"
            )
    return results


def _first_partner(data: Path) -> str:

    return partners_in(data)[0]


def bench_report(runs: int, work: Path, echo) -> dict:
    """``make report`` into a scratch folder: cold (``--force``) and again with nothing changed."""
    out = work / "report"
    cold, warm = [], []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            [_python(), "-m", "helpers", "run", "--out", str(out), "--force"],
            check=True,
            capture_output=True,
        )
        cold.append(time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run(
            [_python(), "-m", "helpers", "run", "--out", str(out)], check=True, capture_output=True
        )
        warm.append(time.perf_counter() - t)
    echo(
        f"  report cold {statistics.median(cold):.1f} s, no change {statistics.median(warm):.2f} s (medians of {runs})"
    )
    return {"cold": statistics.median(cold), "nochange": statistics.median(warm)}


def seed_corpus(copies: int, dest: Path) -> Path:
    """``copies`` × the seed articles under new ids, laid out like ``data/raw``."""
    import pandas as pd

    from helpers.data.tables import read_table

    src = project_root() / "data" / "raw"
    (dest / "articles").mkdir(parents=True, exist_ok=True)
    rows = read_table(src / "articles.csv", dtype=str).to_dict("records")
    out_rows = []
    for k in range(copies):
        for r in rows:
            aid = f"{r['article_id']}_c{k:04d}"
            shutil.copyfile(src / r["file"], dest / "articles" / f"{aid}.txt")
            out_rows.append({**r, "article_id": aid, "file": f"articles/{aid}.txt"})
    pd.DataFrame(out_rows, columns=list(rows[0])).to_csv(
        dest / "articles.csv", index=False, lineterminator="\n"
    )
    return dest


def rates(n_small: int, t_small: float, n_large: int, t_large: float) -> dict[str, float | None]:
    """From two runs: the rate end to end on the larger one, the rate once started (the extra
    articles over the extra seconds) and the start-up it leaves in the smaller run; None for
    these two when the larger run took no longer (as on a machine whose load changed between runs)."""
    if t_large <= t_small:
        return {"rate": n_large / t_large, "marginal": None, "startup": None}
    marginal = (n_large - n_small) / (t_large - t_small)
    return {
        "rate": n_large / t_large,
        "marginal": marginal,
        "startup": max(t_small - n_small / marginal, 0.0),
    }


def _figure(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user and system, of the command and its processes) of a run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_extract(copies: int, runs: int, work: Path, echo) -> dict:
    """Articles per second of ``python -m helpers extract`` with 1 process and with 2, on
    ``copies`` and on three times as many copies of the seed articles: the rate end to end on the
    larger corpus, and the rate once started (the extra articles over the extra seconds) with the
    start-up it leaves (loading spaCy and its French tokenizer rules, once, before the workers
    are forked). Each run's CPU seconds are recorded too: on a machine shared with other work
    they vary less than the wall time."""
    sizes = (copies, 3 * copies)
    out: dict = {}
    cpu: dict = {}
    for jobs in EXTRACT_JOBS:
        seconds = {}
        for k in sizes:
            corpus = seed_corpus(k, work / f"corpus_{k}")
            times, cpus = [], []
            for _ in range(runs):
                dest = work / f"extract_{jobs}"
                shutil.rmtree(dest, ignore_errors=True)
                wall, used = _timed(
                    [
                        _python(),
                        "-m",
                        "helpers",
                        "extract",
                        "--corpus",
                        str(corpus),
                        "--out",
                        str(dest),
                        "--jobs",
                        str(jobs),
                        "--no-progress",
                    ]
                )
                times.append(wall)
                cpus.append(used)
            seconds[k] = statistics.median(times)
            cpu[(jobs, k)] = statistics.median(cpus)
            echo(
                f"  extract {5 * k} articles with --jobs {jobs}: {seconds[k]:.1f} s, {5 * k / seconds[k]:.1f} articles/s,"
                f" {cpu[(jobs, k)]:.1f} CPU s (medians of {runs}: {', '.join(f'{t:.1f}' for t in times)} s)"
            )
        out[jobs] = rates(5 * sizes[0], seconds[sizes[0]], 5 * sizes[1], seconds[sizes[1]])
        echo(
            f"  --jobs {jobs}: {_figure(out[jobs]['marginal'])} articles/s once started, {_figure(out[jobs]['startup'])} s to start"
        )
    two = out[2]
    return {
        "one_process": out[1]["rate"],
        "two_processes": two["rate"],
        "articles": 5 * sizes[1],
        "one_process_started": out[1]["marginal"],
        "two_processes_started": two["marginal"],
        "startup_seconds_one_process": out[1]["startup"],
        "startup_seconds_two_processes": two["startup"],
        "cpu_seconds_one_process": cpu[(1, sizes[1])],
        "cpu_seconds_two_processes": cpu[(2, sizes[1])],
    }


def bench_accuracy(echo) -> dict:
    """Extraction on the seeds scored against the curated tables."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "draft"
        subprocess.run(
            [
                _python(),
                "-m",
                "helpers",
                "extract",
                "--corpus",
                str(project_root() / "data" / "raw"),
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        from helpers.extraction.evaluate import evaluate

        table = evaluate(project_root() / "data", out)
    echo(table.to_string())
    return (
        {
            str(k): (float(v) if isinstance(v, int | float) else str(v))
            for k, v in table.iloc[0].to_dict().items()
        }
        if len(table) == 1
        else json.loads(table.to_json(orient="records"))
    )


def cli(argv: list[str], prog: str = "bench") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Measure extraction throughput, notebook time and memory at 1k/10k/100k events, and make report cold and unchanged.",
    )
    parser.add_argument(
        "--runs", type=positive_int, default=3, help="runs per measurement (median reported)"
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=SIZES,
        help="comma-separated event counts (default 1000,10000,100000)",
    )
    parser.add_argument(
        "--runs-largest",
        type=positive_int,
        default=None,
        help="runs per notebook at the largest size (default: --runs); the table says how many",
    )
    parser.add_argument(
        "--copies",
        type=positive_int,
        default=20,
        help="copies of the 5 seed articles for the extraction throughput (and three times as many)",
    )
    parser.add_argument(
        "--work",
        default=None,
        help="scratch folder (default: build/bench; new, empty, or one bench wrote)",
    )
    parser.add_argument(
        "--out", default=None, help="JSON file (default: build/bench.json; new, or one bench wrote)"
    )
    parser.add_argument(
        "--only",
        choices=PARTS,
        action="append",
        default=None,
        help="measure only this part (repeatable): extract (throughput and accuracy), notebooks, report",
    )
    args = parser.parse_args(argv)
    work = project_root() / "build" / "bench"
    if args.work:
        work = check_output(
            Path(args.work),
            "--work",
            "folder",
            lambda p: (p / WORK_MARK).is_file(),
            f"a scratch folder of bench (one holding {WORK_MARK})",
        )
    dest = project_root() / "build" / "bench.json"
    if args.out:
        dest = check_output(
            Path(args.out),
            "--out",
            "file",
            json_with("command", "make bench"),
            "a result file of bench",
        )
    write_atomic(
        work / WORK_MARK,
        "Scratch folder of python -m helpers bench: synthetic data, drafts and runs; safe to delete.\n",
    )
    sizes = args.sizes
    parts = set(args.only or PARTS)
    echo = lambda s: print(s, flush=True)  # noqa: E731
    result: dict = {
        "command": "make bench  (python -m helpers bench " + " ".join(argv) + ")",
        "runs": args.runs,
        "cores": os.cpu_count(),
        "parts": [p for p in PARTS if p in parts],
    }
    if "extract" in parts:
        echo("Extraction throughput (python -m helpers extract --corpus DIR --out DIR --jobs N)")
        ex = bench_extract(args.copies, args.runs, work, echo)
        result["extract_articles_per_s_one_process"] = round(ex["one_process"], 2)
        result["extract_articles_per_s_two_processes"] = round(ex["two_processes"], 2)
        result["extract_articles"] = ex["articles"]
        for key in (
            "one_process_started",
            "two_processes_started",
            "startup_seconds_one_process",
            "startup_seconds_two_processes",
            "cpu_seconds_one_process",
            "cpu_seconds_two_processes",
        ):
            result[f"extract_{key}"] = None if ex[key] is None else round(ex[key], 2)
        echo(
            "Extraction accuracy on the seeds (python -m helpers extract --corpus data/raw --out DIR; python -m helpers evaluate --gold data --pred DIR)"
        )
        result["extract_accuracy"] = bench_accuracy(echo)
    if "notebooks" in parts:
        echo("Notebooks on synthetic data (python -m helpers synth --events N)")
        nb = bench_notebooks(sizes, args.runs, work, echo, args.runs_largest)
        result["notebooks"] = nb
        biggest = max(sizes)
        result["notebook_seconds_100k"] = {
            k: v[biggest]["seconds"] for k, v in nb.items() if biggest in v
        }
        result["notebook_peak_mb_100k"] = {
            k: v[biggest]["peak_mb"] for k, v in nb.items() if biggest in v
        }
    if "report" in parts:
        echo("make report (python -m helpers run --out DIR --force, then again unchanged)")
        rep = bench_report(args.runs, work, echo)
        result["report_cold_seconds"] = round(rep["cold"], 2)
        result["report_nochange_seconds"] = round(rep["nochange"], 3)
    result["targets"] = {
        k: {"kind": "at least" if up else "under", "bound": t} for k, (up, t) in TARGETS.items()
    }
    result["met"] = targets_met(result)
    write_atomic(dest, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    echo("")
    for line in summary_table(result):
        echo(line)
    echo(f"written to {dest}")
    return 0

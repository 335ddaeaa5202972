"""The cache records of a run: what each job wrote, checked, so that a job is skipped only
while every output it recorded is in place.

A record (``<state>/<job>.json``) holds the job's cache key and ``files``, the size and sha256
of each output (``tables/..``, ``figures/..``, ``reports/..``, ``notebooks/..``). It is written
after the outputs are moved into place and checked against what the job wrote; a record
without ``files`` (an older run's) or with a file missing or of another size does not count.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from helpers.data.outputs import write_atomic


def outputs(job, result: dict, layout, tmp: Path) -> list[tuple[str, Path, Path]]:
    """(name in the record, file in ``tmp``, final place) of every output of a job."""
    dests = {"tables": layout.tables, "figures": layout.figures, "reports": layout.reports}
    out = [
        (f"{sub}/{n}", tmp / sub / n, dests[sub] / n)
        for sub in ("tables", "figures")
        for n in result[sub]
    ]
    out += [
        (f"reports/{n}", tmp / "reports" / n, layout.reports / n)
        for n in (f"{job.id}.html", f"{job.id}.reader.html")
    ]
    return [
        *out,
        (f"notebooks/{job.id}.ipynb", tmp / f"{job.id}.ipynb", layout.executed / f"{job.id}.ipynb"),
    ]


def file_stamp(path: Path) -> list:
    """[size, sha256] of a file."""
    data = path.read_bytes()
    return [len(data), hashlib.sha256(data).hexdigest()]


def record_path(layout, jid: str) -> Path:
    """Where the record of job ``jid`` is kept."""
    return layout.state / f"{jid}.json"


def read_record(layout, jid: str) -> dict | None:
    """The record of job ``jid``, or ``None`` when there is none or it cannot be read."""
    p = record_path(layout, jid)
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_record(layout, job, key: str, dv: str, result: dict, files: dict[str, list]) -> None:
    """The cache record of a job whose outputs ``files`` (``{name: [size, sha256]}``) are in place."""
    record = {
        "key": key,
        "job": asdict(job),
        "title": result["title"],
        "data_version": dv,
        "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "tables": result["tables"],
        "figures": result["figures"],
        "findings": result.get("findings", []),
        "parameters": result.get("parameters", {}),
        "reports": [f"{job.id}.html", f"{job.id}.reader.html"],
        "files": files,
    }
    write_atomic(record_path(layout, job.id), json.dumps(record, indent=1, ensure_ascii=False))


def outputs_exist(layout, record: dict) -> bool:
    """Every output the record lists is in place with its recorded size."""
    dests = {
        "tables": layout.tables,
        "figures": layout.figures,
        "reports": layout.reports,
        "notebooks": layout.executed,
    }
    files = record.get("files")
    if not isinstance(files, dict) or not files:
        return False
    try:
        for name, (size, _) in files.items():
            sub, _, fname = name.partition("/")
            if sub not in dests or (dests[sub] / fname).stat().st_size != size:
                return False
    except (OSError, TypeError, ValueError):
        return False
    return True

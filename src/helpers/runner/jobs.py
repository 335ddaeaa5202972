"""The run's plan: which notebooks run, with which parameters, in which order, and the cache
key of each job (notebook, data version, parameters and code)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from helpers.data.fingerprint import data_version, files_digest
from helpers.data.paths import PACKAGE_DIR, project_root
from helpers.data.tables import table_path
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
    def make(
        cls, data_dir: str | None = None, out: str | None = None, notebooks: str | None = None
    ) -> Layout:
        root = project_root()
        data = Path(data_dir).resolve() if data_dir else root / "data"
        if out:
            base = Path(out).resolve()
            return cls(
                Path(notebooks or root / "notebooks").resolve(),
                data,
                base / "notebooks",
                base / "tables",
                base / "figures",
                base / "reports",
                base / ".state",
                writeback=False,
                lock=base / ".state" / "run.lock",
            )
        default_data = data == (root / "data").resolve()
        return cls(
            Path(notebooks or root / "notebooks").resolve(),
            data,
            root / "build" / "notebooks",
            root / "build" / "tables",
            root / "figures",
            root / "reports",
            root / "build" / ".state" / ("default" if default_data else _short(str(data))),
            writeback=default_data and not notebooks,
            lock=root / "build" / ".state" / "run.lock",
        )


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


def plan(
    layout: Layout,
    only: list[str] | None = None,
    partner: str | None = None,
    parameters: dict | None = None,
) -> list[Job]:
    """The jobs of a run, in dependency order. ``only`` keeps the named notebooks and what they
    depend on; ``partner`` restricts fan-out notebooks to one partner."""
    names = discover(layout.notebooks_src)
    unknown = [n for n in (only or []) if n not in names]
    if unknown:
        raise SystemExit(
            f"unknown notebook(s): {', '.join(unknown)}; expected one of: {', '.join(names)}"
        )
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
    cells = [
        (c["cell_type"], "".join(c["source"]), sorted(c.get("metadata", {}).get("tags", [])))
        for c in nb["cells"]
    ]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def job_keys(jobs: list[Job], layout: Layout) -> dict[str, str]:
    """The cache key of each job: its notebook, parameters, data, code and upstream keys."""
    dv, cv = data_version(layout.data_dir), code_version()
    keys: dict[str, str] = {}
    for job in jobs:
        h = hashlib.sha256()
        for part in (
            notebook_digest(layout.notebooks_src / f"{job.notebook}.ipynb"),
            json.dumps(job.parameters, sort_keys=True),
            dv,
            cv,
            *(keys.get(d, "") for d in job.depends),
        ):
            h.update(part.encode() + b"\0")
        keys[job.id] = h.hexdigest()
    return keys

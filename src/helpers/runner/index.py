"""The reports' index page and the tables copied under ``reports/``."""

from __future__ import annotations

import html
import shutil
from datetime import UTC, datetime
from pathlib import Path

from helpers.data.outputs import write_atomic
from helpers.data.tables import table_path
from helpers.runner import cache
from helpers.runner.jobs import Layout
from helpers.runner.reports import TEMPLATES


def write_index(layout: Layout, dv: str, failures: list[str] | None = None) -> Path:
    """``reports/index.html``: every report and partner profile with title, run date, data
    version and links (titles escaped by Jinja's autoescape)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    records = []
    for p in sorted(layout.state.glob("*.json")):
        rec = cache.read_record(layout, p.stem)
        if (
            rec
            and "key" in rec
            and all((layout.reports / r).is_file() for r in rec.get("reports", []))
        ):
            records.append(rec)
    rows = [
        {
            "title": r["title"],
            "finished": r["finished"],
            "data_version": r["data_version"][:12],
            "full": r["reports"][0],
            "reader": r["reports"][1],
            "fan": r["job"].get("fan_value"),
            "findings": r.get("findings", []),
            "scope": scope_text(r.get("parameters", {})),
            "tables": [f"tables/{t}" for t in r.get("tables", []) if t.endswith(".csv")],
        }
        for r in records
    ]
    copy_tables(layout)
    data = layout.data_dir
    n_articles = _count_rows(data / "raw" / "articles.csv")
    n_events = _count_rows(data / "events.csv")
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"])
    )
    html = env.get_template("index.html.j2").render(
        reports=[r for r in rows if not r["fan"]],
        profiles=[r for r in rows if r["fan"]],
        failures=failures or [],
        data_version=dv[:12],
        n_articles=n_articles,
        n_events=n_events,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    return write_atomic(layout.reports / "index.html", html)


def findings_of(nb) -> list[str]:
    """The key findings a notebook displayed (the Markdown list under ``### Key findings``)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            text = out.get("data", {}).get("text/markdown", "")
            if text.startswith("### Key findings"):
                return [
                    html.unescape(line[2:]) for line in text.splitlines() if line.startswith("- ")
                ]
    return []


def scope_text(params: dict) -> str:
    """The period and partners a report was run on, in words."""
    start, end = params.get("start"), params.get("end")
    period = (
        f"{start or 'the earliest'} to {end or 'the latest'} event"
        if (start or end)
        else "every date"
    )
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

"""Executed notebooks as the project keeps them: HTML reports (full and reader), and committed
notebooks refreshed from a default run without papermill's timings, run metadata or injected
parameters."""

from __future__ import annotations

from pathlib import Path

from helpers.data.outputs import write_atomic

__all__ = ["TEMPLATES", "export_html", "findings_first", "renumber", "strip_volatile", "writeback"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
_VOLATILE_CELL_KEYS = ("papermill", "execution")


def export_html(nb, dest: Path, title: str, reader: bool, tables: list[str] | None = None) -> None:
    """Self-contained HTML (figures embedded, no CDN script); the reader version hides code.
    The page links back to ``index.html`` and to the CSV ``tables`` under ``tables/``."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATES)])
    exporter.embed_images = True
    if reader:
        exporter.exclude_input = True
        exporter.exclude_input_prompt = True
        exporter.exclude_output_prompt = True
    nb = nb.copy()
    if reader:
        findings_first(nb)
    nb.metadata["title"] = title + (" (reader version)" if reader else "")
    nb.metadata["report_tables"] = [t for t in tables or [] if t.endswith(".csv")]
    body, _ = exporter.from_notebook_node(nb)
    dest.write_text(body, encoding="utf-8")


def _is_findings(cell) -> bool:
    return cell.cell_type == "code" and any(
        out.get("data", {}).get("text/markdown", "").startswith("### Key findings")
        for out in cell.get("outputs", [])
    )


def findings_first(nb) -> None:
    """Move the cell that shows the key findings right after the title and introduction (the
    first Markdown cell), so that a reader meets them first."""
    found = [i for i, c in enumerate(nb.cells) if _is_findings(c)]
    first_md = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"), None)
    if not found or first_md is None or found[0] <= first_md + 1:
        return
    nb.cells.insert(first_md + 1, nb.cells.pop(found[0]))


def strip_volatile(nb) -> None:
    """Remove papermill's timings and run metadata from an executed notebook, and write what a
    cell printed to one stream as one output, however the kernel's flushes cut it."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        for key in _VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)
            cell.outputs = _join_streams(cell.get("outputs", []))


def _join_streams(outputs: list) -> list:
    """Adjacent stream outputs of one name (stdout, stderr) joined into the first of them."""
    joined: list = []
    for out in outputs:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and out.get("output_type") == prev.get("output_type") == "stream"
            and out.get("name") == prev.get("name")
        ):
            prev["text"] += out["text"]
        else:
            joined.append(out)
    return joined


def renumber(nb) -> None:
    """Execution counts 1, 2, 3, ... over the code cells that ran, as a run from the top gives."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = count


def writeback(executed: Path, committed: Path) -> bool:
    """Refresh the committed notebook's outputs from a default run, without papermill's injected
    parameters (the committed notebook keeps its defaults); True when it changed."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    strip_volatile(nb)
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    renumber(nb)
    old = committed.read_text(encoding="utf-8") if committed.exists() else ""
    new = nbformat.writes(nb) + "\n"
    if new != old:
        write_atomic(committed, new)
        return True
    return False

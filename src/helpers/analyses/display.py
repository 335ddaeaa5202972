"""How a report shows its tables and findings: interactive tables (itables, offline: the
DataTables library is inlined once per notebook, nothing is fetched) with human column labels,
no index column and empty cells instead of ``<NA>``, and findings as Markdown sentences."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

__all__ = ["count", "findings_markdown", "human_label", "show_findings", "show_table", "table_html"]

_INIT_DONE = {"done": False}
MAX_ROWS = 10_000  # rows of one interactive table inlined in a report; the CSV tables hold all
_LABELS = {"id": "id", "iso3": "ISO3", "cameo": "CAMEO", "url": "URL"}


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 partner``, ``4 partners`` (``plural`` for irregular words)."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def human_label(column: object) -> str:
    """A snake_case column name as a reader's label: ``date_start`` -> ``Date start``."""
    words = str(column).replace("_", " ").split()
    if not words:
        return str(column)
    words = [_LABELS.get(w.lower(), w) for w in words]
    first = words[0]
    return " ".join([first[:1].upper() + first[1:], *words[1:]])


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.date().isoformat()
    return html.escape(str(value), quote=False).replace("\n", "<br>")


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """The table as text cells (HTML-escaped, line breaks kept, empty instead of missing) with
    human column labels and the index as plain columns when it carries names."""
    out = df.to_frame() if isinstance(df, pd.Series) else df.copy()
    if any(name is not None for name in out.index.names):
        out = out.reset_index()
    else:
        out = out.reset_index(drop=True)
    out.columns = [human_label(c) for c in out.columns]
    return pd.DataFrame({c: [_cell(v) for v in out[c]] for c in out.columns}, columns=out.columns)


def table_html(df: pd.DataFrame, table_id: str, page_length: int = 10) -> str:
    """The interactive table's HTML (searchable, sortable, paged) with a fixed id, so that a
    notebook's output is the same from one run to the next."""
    from itables import to_html_datatable

    return to_html_datatable(
        readable(df),
        table_id=table_id,
        connected=False,
        allow_html=True,
        showIndex=False,
        display_logo_when_loading=False,
        classes="display compact",
        pageLength=page_length,
        layout={"topStart": None, "topEnd": "search", "bottomStart": "info", "bottomEnd": "paging"},
        maxBytes=0,
        warn_on_undocumented_option=False,
    )


def _init() -> None:
    """Inline the DataTables library once per kernel (offline mode)."""
    if _INIT_DONE["done"]:
        return
    from itables import init_notebook_mode, options

    options.display_logo_when_loading = False
    init_notebook_mode(all_interactive=False, connected=False)
    _INIT_DONE["done"] = True


def show_table(
    df: pd.DataFrame, table_id: str, page_length: int = 10, max_rows: int = MAX_ROWS
) -> None:
    """Display ``df`` as an interactive table (see :func:`table_html`); an empty table shows
    as a sentence. Beyond ``max_rows`` rows only the first ``max_rows`` are inlined (a report
    stays light enough to open), and a sentence says so."""
    from IPython.display import HTML, Markdown, display

    if df.empty:
        display(Markdown("*No row.*"))
        return
    _init()
    if len(df) > max_rows:
        display(
            Markdown(
                f"*The first {max_rows:,} of {len(df):,} rows are shown here (search and sort "
                "apply to these); the CSV tables linked at the top of the report hold every row.*"
            )
        )
        df = df.head(max_rows)
    display(HTML(f'<div class="table-scroll">{table_html(df, table_id, page_length)}</div>'))


def findings_markdown(lines: Iterable[str], heading: str = "Key findings") -> str:
    """Findings as a Markdown list under a heading; HTML in the findings (titles from the data)
    is escaped, never rendered."""
    items = "\n".join(f"- {html.escape(line, quote=False)}" for line in lines)
    return f"### {heading}\n\n{items}\n"


def show_findings(lines: Iterable[str], heading: str = "Key findings") -> None:
    """Display findings as formatted Markdown."""
    from IPython.display import Markdown, display

    display(Markdown(findings_markdown(lines, heading)))

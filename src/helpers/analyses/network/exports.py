"""Gephi exports: GraphML, GEXF and the spreadsheet node and link tables."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from networkx.readwrite.gexf import GEXFWriter

GRAPH_FILES_UP_TO = (
    200_000  # nodes + edges up to which GraphML and GEXF are written (tables always)
)


def _plain(value: object) -> object:
    """An attribute value GraphML and GEXF can hold: lists joined with ``'; '``, missing → ``''``."""
    if isinstance(value, (list, tuple, set)):
        items = sorted(value) if isinstance(value, set) else value
        return "; ".join(str(v) for v in items)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def export_ready(graph: nx.Graph) -> nx.Graph:
    """A copy with nodes and edges in sorted order and only strings and numbers as attributes."""
    out = nx.Graph(**{k: _plain(v) for k, v in graph.graph.items()})
    out.add_nodes_from(
        (n, {k: _plain(v) for k, v in d.items()}) for n, d in sorted(graph.nodes(data=True))
    )
    edges = sorted((min(u, v), max(u, v), d) for u, v, d in graph.edges(data=True))
    out.add_edges_from((u, v, {k: _plain(x) for k, x in d.items()}) for u, v, d in edges)
    return out


def write_graphml(graph: nx.Graph, path: str | Path, ready: bool = False) -> Path:
    """The graph as GraphML (UTF-8), attributes included, in sorted order (``ready``: the graph
    already comes from :func:`export_ready`)."""
    path = Path(path)
    nx.write_graphml(
        graph if ready else export_ready(graph), path, encoding="utf-8", prettyprint=True
    )
    return path


def write_gexf(graph: nx.Graph, path: str | Path, ready: bool = False) -> Path:
    """The graph as GEXF 1.2 (UTF-8) for Gephi, in sorted order and without a modification date
    (``ready``: the graph already comes from :func:`export_ready`)."""
    path = Path(path)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(graph if ready else export_ready(graph))
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def _plain_frame(rows: dict) -> pd.DataFrame:
    """Rows (index -> attributes) as a frame of plain values, a missing attribute empty."""
    columns = list(dict.fromkeys(k for d in rows.values() for k in d))
    values = {}
    for c in columns:
        column = [d.get(c, "") for d in rows.values()]
        values[c] = [v if type(v) is str or type(v) is int else _plain(v) for v in column]
    return pd.DataFrame(values, index=list(rows), columns=columns)


def spreadsheet_tables(graph: nx.Graph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The graph as the two tables of Gephi's spreadsheet import: nodes (``Id``, ``Label`` and
    every attribute) and links (``Source``, ``Target``, ``Type`` = Undirected and every
    attribute), sorted, values made plain as in the XML exports."""
    nodes = _plain_frame(
        {n: {"Label": d.get("label", n), **d} for n, d in sorted(graph.nodes(data=True))}
    )
    nodes = (
        nodes.drop(columns="label", errors="ignore").rename_axis("Id").sort_index().reset_index()
    )
    edges = sorted((min(u, v), max(u, v), d) for u, v, d in graph.edges(data=True))
    links = _plain_frame(
        {
            i: {"Source": u, "Target": v, "Type": "Undirected", **d}
            for i, (u, v, d) in enumerate(edges)
        }
    )
    if links.empty:
        links = pd.DataFrame(columns=["Source", "Target", "Type"])
    return nodes, links.reset_index(drop=True)


def graph_files_written(graph: nx.Graph, up_to: int | None = GRAPH_FILES_UP_TO) -> bool:
    """Whether GraphML and GEXF are written: nodes + edges within ``up_to`` (``None``: always)."""
    return up_to is None or graph.number_of_nodes() + graph.number_of_edges() <= up_to


def export(
    graph: nx.Graph,
    tables_dir: str | Path,
    name: str = "network",
    up_to: int | None = GRAPH_FILES_UP_TO,
) -> dict[str, Path]:
    """Write into ``tables_dir`` the node and link tables of Gephi's spreadsheet import
    (``<name>_nodes.csv``, ``<name>_links.csv``) and, while the graph has at most ``up_to``
    nodes + edges (``None``: always), ``<name>.graphml`` and ``<name>.gexf``; the XML writers
    take about a minute per half million elements, the tables a few seconds."""
    folder = Path(tables_dir)
    folder.mkdir(parents=True, exist_ok=True)
    nodes, links = spreadsheet_tables(graph)
    written = {"nodes": folder / f"{name}_nodes.csv", "links": folder / f"{name}_links.csv"}
    nodes.to_csv(written["nodes"], index=False, lineterminator="\n")
    links.to_csv(written["links"], index=False, lineterminator="\n")
    if graph_files_written(graph, up_to):
        ready = export_ready(graph)  # once for both formats
        written["graphml"] = write_graphml(ready, folder / f"{name}.graphml", ready=True)
        written["gexf"] = write_gexf(ready, folder / f"{name}.gexf", ready=True)
    return written


def export_note(graph: nx.Graph, up_to: int | None = GRAPH_FILES_UP_TO) -> str:
    """A sentence saying which export files the graph gets, and why."""
    size = graph.number_of_nodes() + graph.number_of_edges()
    if graph_files_written(graph, up_to):
        return f"Exports: node and link tables, GraphML and GEXF ({size:,} nodes + edges)."
    return (
        f"Exports: node and link tables only (Gephi: Import spreadsheet); GraphML and GEXF are left out as "
        f"the graph has {size:,} nodes + edges, above graph_files_up_to = {up_to:,}. Set "
        "graph_files_up_to = None to write them too."
    )

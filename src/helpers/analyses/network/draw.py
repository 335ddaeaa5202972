"""Drawing the actor and partner networks (seeded layouts, sorted nodes and edges)."""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from adjustText import adjust_text
from matplotlib.lines import Line2D

from helpers.analyses.network.graph import (
    ACTOR_PREFIX,
    KINDS,
    LAYOUT_SEED,
    actor_node,
    partner_edges,
)
from helpers.data.countries import french_name
from helpers.data.events import Tables
from helpers.data.paths import HOME
from helpers.figures.captions import selection_label, source_text
from helpers.figures.plotting import partner_colours, source_line

KIND_MARKERS = {"person": "o", "country": "s", "institution": "D"}
# Partner nodes: states are circles; organisations, alliances and missions have their own marker.
PARTNER_MARKERS = {"partner": "o", "organisation": "s", "alliance": "h", "mission": "D"}
STRUCTURE = ("member", "parent")


NO_COUNTRY = "#ffffff"


OTHER_COUNTRY = "#d9d9d9"


LARGE_GRAPH = 300  # above this many nodes the layout runs fewer iterations


LAYOUT_BUDGET = 3e7  # iterations x nodes² allowed to the layout of a large graph


MAX_LABELS = 30


MAX_LEGEND_COUNTRIES = 12


DRAW_UP_TO = 150  # the actor network lays out and draws at most this many actors, the most central


def layout(graph: nx.Graph, seed: int = LAYOUT_SEED) -> dict[str, np.ndarray]:
    """Deterministic positions: nodes and edges inserted in sorted order, then a seeded
    force-directed layout (weight pulls actors who meet often together). Above
    ``LARGE_GRAPH`` nodes the number of iterations shrinks with the square of the size (from
    50 down to 3) so that the time stays bounded."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph))
    ordered.add_edges_from(
        sorted(
            (min(u, v), max(u, v), {"weight": float(d.get("weight", 1))})
            for u, v, d in graph.edges(data=True)
        )
    )
    n = len(ordered)
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(ordered)): np.zeros(2)}
    # the force-directed step costs about n² per iteration: above LARGE_GRAPH, a fixed budget
    iterations = 200 if n <= LARGE_GRAPH else int(np.clip(LAYOUT_BUDGET / n**2, 3, 50))
    return nx.spring_layout(
        ordered,
        k=2.0 / math.sqrt(n),
        iterations=iterations,
        weight="weight",
        seed=seed,
        method="force",
    )


def labels_to_draw(
    centrality: pd.DataFrame, actor_ids: list[str] | None = None, max_labels: int = MAX_LABELS
) -> list[str]:
    """The actors to label: the ``max_labels`` most central ones (order of the centrality
    table) among ``actor_ids`` (default: all)."""
    table = (
        centrality if actor_ids is None else centrality[centrality["actor_id"].isin(set(actor_ids))]
    )
    return table["actor_id"].head(max(max_labels, 0)).tolist()


def drawn_actors(projection: nx.Graph, centrality: pd.DataFrame) -> tuple[list[str], str]:
    """The nodes the actor network draws, sorted: the actors who take part in a selected event,
    only the :data:`DRAW_UP_TO` most central of them on a large graph, with the sentence that
    says so (empty when every active actor is drawn)."""
    active = sorted(n for n, e in projection.nodes(data="events") if e and e > 0)
    if len(active) <= DRAW_UP_TO:
        return active, ""
    drawn = sorted(
        actor_node(a)
        for a in labels_to_draw(centrality, [n[len(ACTOR_PREFIX) :] for n in active], DRAW_UP_TO)
    )
    return drawn, f" Drawn: the {len(drawn)} most central of {len(active)} active actors."


def country_colours(countries: pd.Series) -> dict[str, str]:
    """Colours for the most frequent countries (Mali grey); the others share one light grey."""
    known = countries[countries != ""]
    top = (
        known.value_counts()
        .sort_index()
        .sort_values(ascending=False, kind="stable")
        .index[:MAX_LEGEND_COUNTRIES]
    )
    colours = partner_colours(top)
    if HOME not in set(top):
        colours.pop(HOME, None)
    return colours


def _message(ax: plt.Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#555555")


def draw_actor_network(
    projection: nx.Graph, centrality: pd.DataFrame, tables: Tables, max_labels: int = MAX_LABELS
) -> plt.Figure:
    """The actors who take part in at least one selected event, linked by shared events: colour
    = country, marker = kind, area = events, line width = shared events; only the
    ``max_labels`` most central actors are labelled, moved apart by adjustText."""
    fig, ax = plt.subplots(figsize=(11, 8.5))
    ax.set_axis_off()
    period = selection_label(tables.filters)
    ax.set_title(
        f"Who meets whom: actors of Mali's defence partnerships linked by shared events ({period})"
    )
    active, note = drawn_actors(projection, centrality)
    if not active:
        _message(ax, "No event in the selection: no actor to draw")
    else:
        graph = projection.subgraph(active)
        pos = layout(graph)
        nodes = pd.DataFrame.from_dict(dict(graph.nodes(data=True)), orient="index").loc[active]
        colours = country_colours(nodes["country"])
        nodes["colour"] = (
            nodes["country"]
            .map(colours)
            .fillna(OTHER_COUNTRY)
            .where(nodes["country"] != "", NO_COUNTRY)
        )
        shrink = min(1.0, 8.0 / math.sqrt(len(active)))
        nodes["size"] = (40 + 110 * np.sqrt(nodes["events"].astype(float))) * shrink
        edges = sorted((min(u, v), max(u, v), d["weight"]) for u, v, d in graph.edges(data=True))
        widths = [min(0.6 + 1.4 * math.log2(w), 6.0) for _, _, w in edges]
        nx.draw_networkx_edges(
            graph,
            pos,
            edgelist=[(u, v) for u, v, _ in edges],
            width=widths,
            edge_color="#9a9a9a",
            alpha=0.6,
            ax=ax,
        )
        for kind, marker in KIND_MARKERS.items():
            sub = nodes[nodes["kind"] == kind]
            if not sub.empty:
                nx.draw_networkx_nodes(
                    graph,
                    pos,
                    nodelist=sub.index.tolist(),
                    node_shape=marker,
                    node_color=sub["colour"].tolist(),
                    node_size=sub["size"].tolist(),
                    edgecolors="#333333",
                    linewidths=0.6,
                    ax=ax,
                )
        labelled = labels_to_draw(centrality, nodes["actor_id"].tolist(), max_labels)
        texts = [
            ax.text(
                pos[actor_node(a)][0],
                pos[actor_node(a)][1] - 0.06,
                textwrap.fill(nodes.at[actor_node(a), "name"], 26),
                fontsize=8,
                ha="center",
                va="top",
                zorder=5,
                bbox={
                    "boxstyle": "round,pad=0.15",
                    "facecolor": "white",
                    "edgecolor": "none",
                    "alpha": 0.7,
                },
            )
            for a in labelled
        ]
        if texts:
            # labels avoid every node on small graphs, only the labelled ones on large graphs
            avoid = active if len(active) <= LARGE_GRAPH else [actor_node(a) for a in labelled]
            xy = np.array([pos[n] for n in avoid])
            adjust_text(
                texts,
                x=xy[:, 0],
                y=xy[:, 1],
                ax=ax,
                iter_lim=250,
                expand=(1.15, 1.5),
                arrowprops={"arrowstyle": "-", "color": "#666666", "lw": 0.5},
            )
        _legends(ax, colours, nodes)
        if len(labelled) < len(active):
            note += f" Labels: the {len(labelled)} most central of {len(active)} actors."
    source_line(
        fig,
        source_text(tables) + " Node area: events taken part in; line width: shared events. "
        "Positions come from a seeded force-directed layout and have no unit." + note,
    )
    return fig


def _legends(ax: plt.Axes, colours: dict[str, str], nodes: pd.DataFrame) -> None:
    """One legend for the colours (countries) and one for the markers (kinds)."""
    shown = sorted(
        (c for c in colours if c in set(nodes["country"])), key=lambda c: (french_name(c), c)
    )
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            markerfacecolor=colours[c],
            markeredgecolor="#333333",
            markersize=8,
            label=f"{french_name(c)} ({c})",
        )
        for c in shown
    ]
    if (nodes["colour"] == OTHER_COUNTRY).any():
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markerfacecolor=OTHER_COUNTRY,
                markeredgecolor="#333333",
                markersize=8,
                label="other countries",
            )
        )
    if (nodes["country"] == "").any():
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markerfacecolor=NO_COUNTRY,
                markeredgecolor="#333333",
                markersize=8,
                label="no country (joint body)",
            )
        )
    first = ax.legend(
        handles=handles, title="Country", loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8
    )
    ax.add_artist(first)
    first.set_clip_on(False)  # an added artist is clipped to the axes unless told otherwise
    kinds = [k for k in KINDS if (nodes["kind"] == k).any()]
    ax.legend(
        handles=[
            Line2D(
                [],
                [],
                marker=KIND_MARKERS[k],
                ls="",
                markerfacecolor="#bbbbbb",
                markeredgecolor="#333333",
                markersize=8,
                label=k,
            )
            for k in kinds
        ],
        title="Kind of actor",
        loc="lower left",
        bbox_to_anchor=(1.0, 0.0),
        fontsize=8,
    )


def draw_partner_network(graph: nx.MultiGraph, tables: Tables) -> plt.Figure:
    """Mali in the centre, each partner around it: line width and node area = events with Mali,
    each partner labelled with its events by type."""
    fig, ax = plt.subplots(figsize=(9, 8))
    ax.set_axis_off()
    ax.set_title(
        f"Mali's defence partnerships: events with each partner, by type ({selection_label(tables.filters)})"
    )
    partners = sorted(n for n in graph if n != HOME)
    if not partners:
        _message(ax, "No event in the selection: no partnership to draw")
        source_line(fig, source_text(tables))
        return fig
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    ties = sorted({(u, v, k) for u, v, k in graph.edges(keys=True) if k in STRUCTURE})
    for u, v, w in sorted(
        (min(u, v), max(u, v), d["weight"])
        for u, v, k, d in graph.edges(keys=True, data=True)
        if k not in STRUCTURE
    ):
        simple.add_edge(u, v, weight=simple.get_edge_data(u, v, {"weight": 0})["weight"] + w)
    pos = {HOME: np.zeros(2), **nx.circular_layout(partners, scale=1.0)}
    colours = partner_colours(partners)
    events = {n: graph.nodes[n]["events"] for n in simple}
    top = max(events[p] for p in partners) or 1
    star = [(HOME, p) for p in partners if simple.has_edge(HOME, p)]
    nx.draw_networkx_edges(
        simple,
        pos,
        edgelist=star,
        width=[1 + 7 * simple[u][v]["weight"] / top for u, v in star],
        edge_color=[colours[v] for _, v in star],
        alpha=0.7,
        ax=ax,
    )
    chords = sorted((u, v) for u, v in simple.edges() if HOME not in (u, v))
    if chords:
        nx.draw_networkx_edges(
            simple,
            pos,
            edgelist=chords,
            style="dashed",
            edge_color="#777777",
            width=[0.8 + simple[u][v]["weight"] for u, v in chords],
            ax=ax,
        )
    if ties:
        nx.draw_networkx_edges(
            simple,
            pos,
            edgelist=[(u, v) for u, v, _ in ties],
            style="dotted",
            edge_color="#333333",
            width=1.2,
            ax=ax,
        )
    kind = {n: graph.nodes[n].get("kind", "partner") for n in partners}
    states = [p for p in partners if kind[p] not in PARTNER_MARKERS or kind[p] == "partner"]
    nx.draw_networkx_nodes(
        simple,
        pos,
        nodelist=[HOME, *states],
        node_color=[colours[n] for n in [HOME, *states]],
        node_size=[900] + [250 + 1200 * events[p] / top for p in states],
        edgecolors="#333333",
        ax=ax,
    )
    for k in ("organisation", "alliance", "mission"):
        group = [p for p in partners if kind[p] == k]
        if group:
            nx.draw_networkx_nodes(
                simple,
                pos,
                nodelist=group,
                node_color=[colours[n] for n in group],
                node_shape=PARTNER_MARKERS[k],
                node_size=[250 + 1200 * events[p] / top for p in group],
                edgecolors="#333333",
                ax=ax,
            )
    if len(set(kind.values()) - {"partner"}):
        shown = [
            "partner",
            *(k for k in ("organisation", "alliance", "mission") if k in kind.values()),
        ]
        handles = [
            Line2D(
                [],
                [],
                marker=PARTNER_MARKERS[k],
                linestyle="",
                color="#bbbbbb",
                markeredgecolor="#333333",
                markersize=9,
                label="state" if k == "partner" else k,
            )
            for k in shown
        ]
        if ties:
            handles.append(
                Line2D([], [], linestyle="dotted", color="#333333", label="member of / mission of")
            )
        ax.legend(
            handles=handles,
            title="Partner",
            loc="lower left",
            bbox_to_anchor=(0.0, -0.02),
            fontsize=8,
        )
    by_type = partner_edges(tables.events, registry=tables.registry)
    detail = len(partners) <= 12
    for p in partners:
        rows = by_type[by_type["target"] == p].sort_values(
            ["events", "event_type"], ascending=[False, True]
        )
        text = f"{tables.partner_label(p)}\n{events[p]} event(s)"
        if detail:
            text += "\n" + "\n".join(
                f"{n} {t.replace('_', ' ')}"
                for t, n in zip(rows["event_type"], rows["events"], strict=True)
            )
        x, y = pos[p] * 1.22
        ha = "left" if x > 0.3 else "right" if x < -0.3 else "center"
        va = "bottom" if y > 0.3 else "top" if y < -0.3 else "center"
        ax.text(x, y, text, ha=ha, va=va, fontsize=8 if detail else 7)
    ax.text(
        0,
        -0.14,
        f"{french_name(HOME)}\n{events[HOME]} event(s)",
        ha="center",
        va="top",
        fontsize=9,
        fontweight="bold",
        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8},
    )
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.9, 1.9)
    ax.set_aspect("equal")
    link = "dashed lines: events listing both partners; " if chords else ""
    source_line(
        fig,
        source_text(tables) + f" Line width and node area: events with Mali; {link}"
        "a multilateral event counts once for each partner it lists.",
    )
    return fig

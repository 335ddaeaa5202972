"""Centrality of actors in the projection (exact or sampled betweenness) and the bridges between partnerships."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pandas as pd

from helpers.analyses.network.graph import (
    LAYOUT_SEED,
    _partnerships,
    actor_node,
    actor_projection,
    bipartite_graph,
    participation,
)
from helpers.data.events import Tables

EXACT_BETWEENNESS_UP_TO = (
    2_000_000  # nodes × edges up to which betweenness is exact (a few seconds)
)


SAMPLE_BUDGET = 40_000_000  # above: sources × edges allowed to the sampled estimate (about 2 s)


SAMPLE_SOURCES = (10, 200)  # fewest and most sources of the sampled estimate


CENTRALITY_COLUMNS = [
    "actor_id",
    "name",
    "kind",
    "country",
    "degree",
    "weighted_degree",
    "betweenness",
    "partnerships",
]


BRIDGE_COLUMNS = [
    "actor_id",
    "name",
    "kind",
    "country",
    "partnerships",
    "partners",
    "partner_names",
    "events",
    "articles",
]


def betweenness_sources(
    projection: nx.Graph, exact_up_to: float = EXACT_BETWEENNESS_UP_TO
) -> int | None:
    """How many seeded source actors estimate the betweenness: ``None`` (exact) while nodes × edges
    stays within ``exact_up_to``, else ``SAMPLE_BUDGET`` / edges clipped to ``SAMPLE_SOURCES``."""
    n, m = projection.number_of_nodes(), projection.number_of_edges()
    if n * m <= exact_up_to or n < 3:
        return None
    return int(min(n - 1, np.clip(SAMPLE_BUDGET // max(m, 1), *SAMPLE_SOURCES)))


def betweenness(
    projection: nx.Graph, exact_up_to: float = EXACT_BETWEENNESS_UP_TO
) -> dict[str, float]:
    """Normalised betweenness on the actor projection with edge length ``distance`` = 1 / shared
    events; exact on small graphs (networkx), estimated from seeded sources above (see
    :func:`betweenness_sources` and :func:`sampled_betweenness`)."""
    k = betweenness_sources(projection, exact_up_to)
    if k is None:
        return nx.betweenness_centrality(projection, normalized=True, weight="distance")
    return sampled_betweenness(projection, k, seed=LAYOUT_SEED)


def sampled_betweenness(
    graph: nx.Graph, k: int, seed: int = LAYOUT_SEED, weight: str = "distance"
) -> dict[str, float]:
    """networkx's sampled estimate of normalised betweenness (``betweenness_centrality(graph, k,
    seed=seed, weight=weight)``: the same ``k`` source nodes, drawn by ``random.Random(seed)``,
    and the same rescaling), with the shortest paths counted by igraph's C code, which is some
    70 times faster per source. One difference: igraph treats path lengths equal up to
    floating-point rounding as ties (``1/3 + 2/3`` and ``1``), networkx only exactly equal ones."""
    import igraph

    nodes = list(graph.nodes())
    n = len(nodes)
    if n < 3 or not 2 <= k <= n:
        raise ValueError(
            f"a sampled betweenness needs 3 or more nodes and 2 <= k <= nodes (got {n} nodes, k = {k})"
        )
    sources = random.Random(seed).sample(nodes, k)
    index = {v: i for i, v in enumerate(nodes)}
    g = igraph.Graph(n=n, edges=[(index[u], index[v]) for u, v in graph.edges()])
    g.es["length"] = [float(d) for *_, d in graph.edges(data=weight, default=1.0)]
    counted = g.betweenness(
        sources=[index[s] for s in sources], targets=None, weights="length", directed=False
    )
    # igraph counts each unordered (source, target) pair once, networkx each ordered pair from a
    # source: twice as much. networkx then rescales a source by 1 / ((k - 1)(n - 2)) and any other
    # node by 1 / (k (n - 2)), a source not being a path's inner node of its own paths.
    chosen = set(sources)
    return {
        v: 2 * counted[i] / (((k - 1) if v in chosen else k) * (n - 2)) for i, v in enumerate(nodes)
    }


def betweenness_note(projection: nx.Graph, exact_up_to: float = EXACT_BETWEENNESS_UP_TO) -> str:
    """A sentence saying whether the betweenness is exact or estimated from k sources."""
    k = betweenness_sources(projection, exact_up_to)
    n, m = projection.number_of_nodes(), projection.number_of_edges()
    if k is None:
        return f"Betweenness: exact, over {n} actors and {m} links."
    return (
        f"Betweenness: estimated from k = {k} sources (seeded sample of {n} actors), as the graph has "
        f"{m} links (nodes × links above {exact_up_to:,.0f})."
    )


def centrality_table(
    tables: Tables, projection: nx.Graph | None = None, exact_up_to: float = EXACT_BETWEENNESS_UP_TO
) -> pd.DataFrame:
    """One row per actor of the projection (isolated ones included): degree and weighted degree
    in the actor projection, normalised betweenness (see :func:`betweenness`) and
    ``partnerships``, the number of partner countries whose events the actor takes part in;
    most central first."""
    if projection is None:
        projection = actor_projection(bipartite_graph(tables))
    links = participation(tables)
    actors = tables.actors[["actor_id", "name", "kind", "country"]].copy()
    nodes = actors["actor_id"].map(actor_node)
    actors, nodes = actors[nodes.isin(set(projection))], nodes[nodes.isin(set(projection))]
    actors["degree"] = nodes.map(dict(projection.degree())).fillna(0).astype(int)
    actors["weighted_degree"] = (
        nodes.map(dict(projection.degree(weight="weight"))).fillna(0).astype(int)
    )
    actors["betweenness"] = (
        nodes.map(betweenness(projection, exact_up_to)).fillna(0.0).astype(float).round(4)
    )
    actors["partnerships"] = (
        actors["actor_id"]
        .map(_partnerships(links, tables.registry)["partnerships"])
        .fillna(0)
        .astype(int)
    )
    actors = actors.sort_values(
        ["betweenness", "partnerships", "weighted_degree", "degree", "actor_id"],
        ascending=[False, False, False, False, True],
    )
    return actors[CENTRALITY_COLUMNS].reset_index(drop=True)


def bridges(tables: Tables, min_partnerships: int = 2) -> pd.DataFrame:
    """Actors who take part in events of at least ``min_partnerships`` partner countries, with
    those partners, their number of events and of articles reporting them."""
    links = participation(tables)
    per = _partnerships(links, tables.registry)
    per = per[per["partnerships"] >= min_partnerships]
    if per.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in BRIDGE_COLUMNS})
    events = links.groupby("actor_id")["event_id"].nunique().rename("events")
    arts = links[["actor_id", "event_id"]].merge(
        tables.mentions[["event_id", "article_id"]], on="event_id"
    )
    articles = arts.groupby("actor_id")["article_id"].nunique().rename("articles")
    out = tables.actors[["actor_id", "name", "kind", "country"]].merge(
        per, left_on="actor_id", right_index=True
    )
    out = out.join(events, on="actor_id").join(articles, on="actor_id")
    out["articles"] = out["articles"].fillna(0).astype(int)
    out = out.sort_values(["partnerships", "events", "actor_id"], ascending=[False, False, True])
    return out[BRIDGE_COLUMNS].reset_index(drop=True)

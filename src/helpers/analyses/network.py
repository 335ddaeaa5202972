"""The network of Mali's defence partnerships: who takes part in which event, who meets whom,
which partnerships an actor links; networkx graphs, tables, figures and Gephi exports."""

from __future__ import annotations

import math
import random
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from adjustText import adjust_text
from matplotlib.lines import Line2D
from networkx.readwrite.gexf import GEXFWriter

from helpers.analyses.overview import period_label, source_text
from helpers.data.countries import french_name
from helpers.data.errors import DataError, Problem
from helpers.data.events import HOME, Tables, explode_partners, isin
from helpers.figures.plotting import partner_colours, source_line

ACTOR_PREFIX = "actor:"
EVENT_PREFIX = "event:"
ROLES = ("host", "guest", "head_of_delegation", "chair", "signatory", "participant", "speaker")
KINDS = ("person", "country", "institution")
KIND_MARKERS = {"person": "o", "country": "s", "institution": "D"}
NO_COUNTRY = "#ffffff"
OTHER_COUNTRY = "#d9d9d9"
LAYOUT_SEED = 2024
LARGE_GRAPH = 300  # above this many nodes the layout runs fewer iterations
LAYOUT_BUDGET = 3e7  # iterations x nodes² allowed to the layout of a large graph
MAX_LABELS = 30
MAX_LEGEND_COUNTRIES = 12
EXACT_BETWEENNESS_UP_TO = 2_000_000  # nodes × edges up to which betweenness is exact (a few seconds)
SAMPLE_BUDGET = 40_000_000  # above: sources × edges allowed to the sampled estimate (about 2 s)
SAMPLE_SOURCES = (10, 200)  # fewest and most sources of the sampled estimate
GRAPH_FILES_UP_TO = 200_000  # nodes + edges up to which GraphML and GEXF are written (tables always)
DRAW_UP_TO = 150  # the actor network lays out and draws at most this many actors, the most central
CENTRALITY_COLUMNS = ["actor_id", "name", "kind", "country", "degree", "weighted_degree", "betweenness", "partnerships"]
BRIDGE_COLUMNS = ["actor_id", "name", "kind", "country", "partnerships", "partners", "partner_names", "events", "articles"]
EDGE_COLUMNS = ["source", "target", "source_name", "target_name", "shared_events", "event_ids"]
PARTNER_EDGE_COLUMNS = ["source", "target", "source_name", "target_name", "event_type", "events", "event_ids"]


def actor_node(actor_id: str) -> str:
    """The node id of an actor in the bipartite graph (``actor:sadio-camara``)."""
    return f"{ACTOR_PREFIX}{actor_id}"


def event_node(event_id: str) -> str:
    """The node id of an event in the bipartite graph (``event:dza-jmc-session-16``)."""
    return f"{EVENT_PREFIX}{event_id}"


def _join(values: pd.Series) -> str:
    """Non-empty values joined with ``'; '`` in order of first appearance, without repeats."""
    return "; ".join(dict.fromkeys(v for v in values if isinstance(v, str) and v))


def _check_references(tables: Tables) -> None:
    """Every participant row must name an event of the selection and a known actor."""
    p = tables.participants
    problems = []
    for column, known, table in (
        ("event_id", tables.events["event_id"], "events.csv"),
        ("actor_id", tables.actors["actor_id"], "actors.csv"),
    ):
        bad = p.loc[~isin(p[column], set(known.tolist())), column]
        problems += [
            Problem("participants.csv", int(i) + 2 if isinstance(i, (int, np.integer)) else None, column,
                    f"{value!r} is not in {table}; a participant must name a known {column.split('_')[0]}")
            for i, value in bad.items()
        ]
    if problems:
        raise DataError(sorted(problems), tables.data_dir)


def participation(tables: Tables) -> pd.DataFrame:
    """One row per (event, actor): roles and titles joined with ``'; '`` (roles in the contract's
    order), with the event's type, dates and partner list (computed once per :class:`Tables`;
    do not change the frame in place)."""
    return tables.derived("network.participation", lambda: _participation(tables))


def _participation(tables: Tables) -> pd.DataFrame:
    _check_references(tables)
    p = tables.participants
    rank = p["role"].map({r: i for i, r in enumerate(ROLES)}).fillna(len(ROLES))
    p = p.assign(_rank=rank).sort_values(["event_id", "actor_id", "_rank", "role"], kind="stable")
    cols = ["event_id", "actor_id", "role", "title", "event_type", "date_start", "date_end", "partner_list"]
    if p.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    # rows alone for their (event, actor) are kept as they are; only repeated pairs are joined
    repeated = p.duplicated(["event_id", "actor_id"], keep=False)
    single = p.loc[~repeated, ["event_id", "actor_id", "role", "title"]]
    single = single.assign(**{c: single[c].where(single[c].map(lambda v: isinstance(v, str)), "") for c in ("role", "title")})
    joined = p[repeated].groupby(["event_id", "actor_id"], sort=True).agg(role=("role", _join), title=("title", _join)).reset_index()
    links = pd.concat([single, joined], ignore_index=True).sort_values(["event_id", "actor_id"]).reset_index(drop=True)
    ev = tables.events[["event_id", "event_type", "date_start", "date_end", "partner_list"]]
    links = links.merge(ev.astype({"event_type": str}), on="event_id", how="left")
    return links[cols].sort_values(["actor_id", "event_id"]).reset_index(drop=True)


def _titles_held(tables: Tables, links: pd.DataFrame) -> dict[str, list[str]]:
    """Each actor's titles as written, in the order of the events' dates (undated last)."""
    t = tables.participants[tables.participants["title"] != ""][["event_id", "actor_id", "title"]]
    t = t.merge(tables.events[["event_id", "lo"]], on="event_id", how="left")
    t = t.sort_values(["actor_id", "lo", "event_id", "title"], na_position="last", kind="stable")
    t = t.drop_duplicates(["actor_id", "title"])
    return t.groupby("actor_id", sort=True)["title"].agg(list).to_dict()


def bipartite_graph(tables: Tables) -> nx.Graph:
    """Actors and events as a bipartite graph (``bipartite`` 0 for actors, 1 for events).

    Every actor of ``tables.actors`` is a node, isolated when it takes part in no event of the
    selection. Actor nodes carry ``kind``, ``country``, ``country_name``, ``name``/``label``
    (French display name), ``titles`` (held, in date order) and ``events``; event nodes carry
    their type, dates, partners, title and ``participants``; an edge carries the actor's
    ``role`` and ``title`` at the event and the event's ``event_type``, ``date_start``, ``date_end``.
    """
    links = participation(tables)
    titles = _titles_held(tables, links)
    actors = tables.actors.sort_values("actor_id")
    events = tables.events.sort_values("event_id")
    n_events = links.groupby("actor_id")["event_id"].nunique()
    n_people = links.groupby("event_id")["actor_id"].nunique()
    actor_attrs = pd.DataFrame({
        "bipartite": 0,
        "actor_id": actors["actor_id"],
        "label": actors["name"],
        "name": actors["name"],
        "kind": actors["kind"],
        "country": actors["country"],
        "country_name": actors["country"].map(lambda c: french_name(c) if c else ""),
        "aliases": actors["aliases"].map(lambda a: [s for s in a.split("|") if s]),
        "titles": actors["actor_id"].map(lambda a: titles.get(a, [])),
        "events": actors["actor_id"].map(n_events).fillna(0).astype(int),
    })
    actor_attrs.index = ACTOR_PREFIX + actors["actor_id"].astype(str)
    event_attrs = pd.DataFrame({
        "bipartite": 1,
        "event_id": events["event_id"],
        "label": events["title"],
        "kind": "event",
        "event_type": events["event_type"].astype(str),
        "date_start": events["date_start"],
        "date_end": events["date_end"],
        "date_precision": events["date_precision"].astype(str),
        "partners": events["partner_list"],
        "partner_names": events["partner_names"],
        "factuality": events["factuality"],
        "session_number": events["session_number"].astype("string").fillna("").astype(str),
        "title": events["title"],
        "participants": events["event_id"].map(n_people).fillna(0).astype(int),
    })
    event_attrs.index = EVENT_PREFIX + events["event_id"].astype(str)
    graph = nx.Graph(name="Mali defence cooperation: actors and events")
    graph.add_nodes_from(zip(actor_attrs.index.tolist(), _records(actor_attrs), strict=True))
    graph.add_nodes_from(zip(event_attrs.index.tolist(), _records(event_attrs), strict=True))
    edge_attrs = _records(links[["role", "title", "event_type", "date_start", "date_end"]])
    graph.add_edges_from(zip((ACTOR_PREFIX + links["actor_id"].astype(str)).tolist(),
                             (EVENT_PREFIX + links["event_id"].astype(str)).tolist(), edge_attrs, strict=True))
    return graph


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows of a frame as dicts of plain Python values, column by column (``to_dict`` walks
    Arrow-backed strings one value at a time)."""
    columns = [str(c) for c in frame.columns]
    values = [frame[c].tolist() for c in frame.columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def actor_nodes(graph: nx.Graph, kinds: tuple[str, ...] | list[str] | None = None) -> list[str]:
    """The actor nodes of a bipartite graph (of the given kinds, default all), sorted."""
    return sorted(
        n for n, d in graph.nodes(data=True)
        if d.get("bipartite") == 0 and (kinds is None or d.get("kind") in kinds)
    )


def actor_projection(graph: nx.Graph, kinds: tuple[str, ...] | list[str] | None = None) -> nx.Graph:
    """Actors (of the given kinds, default all) linked when they take part in the same event:
    ``weight`` = number of shared events, ``event_ids`` = their ids (sorted), ``distance`` =
    1 / weight (closer when they meet more)."""
    unknown = set(kinds or ()) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown actor kind(s) {sorted(unknown)}; expected some of {list(KINDS)}")
    actors = actor_nodes(graph, kinds)
    out = nx.Graph(name="Mali defence cooperation: actors linked by shared events")
    out.add_nodes_from((n, dict(graph.nodes[n])) for n in actors)
    pairs = _shared_events(graph, actors)
    out.add_edges_from(
        (u, v, {"weight": w, "distance": 1.0 / w, "event_ids": ids})
        for u, v, w, ids in zip(pairs["u"].tolist(), pairs["v"].tolist(), pairs["weight"].tolist(),
                                pairs["event_ids"].tolist(), strict=True)
    )
    return out


def restrict_projection(projection: nx.Graph, kinds: tuple[str, ...] | list[str]) -> nx.Graph:
    """The actor projection limited to actors of the given kinds: the graph
    ``actor_projection(bipartite, kinds)`` builds (two actors' shared events do not depend on the
    other actors), taken from a projection already built instead of from the events again."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown actor kind(s) {sorted(unknown)}; expected some of {list(KINDS)}")
    out = nx.Graph(projection.subgraph(n for n, k in projection.nodes(data="kind") if k in kinds))
    out.graph = dict(projection.graph)
    return out


def _shared_events(graph: nx.Graph, actors: list[str]) -> pd.DataFrame:
    """Pairs ``u < v`` of the given actors with their shared events: ``weight`` and sorted
    ``event_ids``, from a self-merge of the participation edges on the event (sorted by pair)."""
    keep = set(actors)
    side = dict(graph.nodes(data="bipartite"))
    rows = [(a, e) if side.get(a) == 0 else (e, a) for a, e in graph.edges()]
    links = pd.DataFrame(rows, columns=["actor", "event"])
    links = links[links["actor"].isin(keep) & links["event"].map(side).eq(1)]
    if links.empty:
        return pd.DataFrame({"u": [], "v": [], "weight": [], "event_ids": []})
    event_id = pd.Series({n: d.get("event_id", n[len(EVENT_PREFIX):]) for n, d in graph.nodes(data=True) if d.get("bipartite") == 1})
    links = links.assign(event_id=links["event"].map(event_id)).drop_duplicates(["actor", "event"])
    # integer codes in string order (factorize with sort): the self-merge and the sort by (actor u,
    # actor v, event id) are done on integers, then the codes are read back as strings
    a_code, a_name = pd.factorize(links["actor"], sort=True)
    n_code, _ = pd.factorize(links["event"])
    i_code, i_name = pd.factorize(links["event_id"], sort=True)
    codes = pd.DataFrame({"a": a_code, "n": n_code, "i": i_code})
    pairs = codes.merge(codes, on=["n", "i"], suffixes=("_u", "_v"))
    pairs = pairs[pairs["a_u"].to_numpy() < pairs["a_v"].to_numpy()]
    if pairs.empty:
        return pd.DataFrame({"u": [], "v": [], "weight": [], "event_ids": []})
    au, av, ai = pairs["a_u"].to_numpy(), pairs["a_v"].to_numpy(), pairs["i"].to_numpy()
    order = np.lexsort((ai, av, au))  # stable: equal keys keep the merge's order
    au, av, ai = au[order], av[order], ai[order]
    # runs of equal (u, v) in the sorted pairs: their lengths and their event ids, sliced at once
    starts = np.flatnonzero(np.r_[True, (au[1:] != au[:-1]) | (av[1:] != av[:-1])])
    ends = np.r_[starts[1:], len(au)]
    names = np.asarray(a_name, dtype=object)
    ids = np.asarray(i_name, dtype=object)[ai].tolist()
    return pd.DataFrame({"u": names[au[starts]], "v": names[av[starts]], "weight": ends - starts,
                         "event_ids": [ids[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]})


def _partnerships(links: pd.DataFrame) -> pd.DataFrame:
    """Per actor: the partner countries whose events it takes part in (count, codes, names)."""
    ex = links[["actor_id", "partner_list"]].explode("partner_list").dropna(subset=["partner_list"])
    ex = ex[ex["partner_list"] != HOME].drop_duplicates().sort_values(["actor_id", "partner_list"])
    return ex.groupby("actor_id").agg(
        partnerships=("partner_list", "nunique"),
        partners=("partner_list", "; ".join),
        partner_names=("partner_list", lambda s: "; ".join(french_name(c) for c in s)),
    )


def betweenness_sources(projection: nx.Graph, exact_up_to: float = EXACT_BETWEENNESS_UP_TO) -> int | None:
    """How many seeded source actors estimate the betweenness: ``None`` (exact) while nodes × edges
    stays within ``exact_up_to``, else ``SAMPLE_BUDGET`` / edges clipped to ``SAMPLE_SOURCES``."""
    n, m = projection.number_of_nodes(), projection.number_of_edges()
    if n * m <= exact_up_to or n < 3:
        return None
    return int(min(n - 1, np.clip(SAMPLE_BUDGET // max(m, 1), *SAMPLE_SOURCES)))


def betweenness(projection: nx.Graph, exact_up_to: float = EXACT_BETWEENNESS_UP_TO) -> dict[str, float]:
    """Normalised betweenness on the actor projection with edge length ``distance`` = 1 / shared
    events; exact on small graphs (networkx), estimated from seeded sources above (see
    :func:`betweenness_sources` and :func:`sampled_betweenness`)."""
    k = betweenness_sources(projection, exact_up_to)
    if k is None:
        return nx.betweenness_centrality(projection, normalized=True, weight="distance")
    return sampled_betweenness(projection, k, seed=LAYOUT_SEED)


def sampled_betweenness(graph: nx.Graph, k: int, seed: int = LAYOUT_SEED, weight: str = "distance") -> dict[str, float]:
    """networkx's sampled estimate of normalised betweenness (``betweenness_centrality(graph, k,
    seed=seed, weight=weight)``: the same ``k`` source nodes, drawn by ``random.Random(seed)``,
    and the same rescaling), with the shortest paths counted by igraph's C code, which is some
    70 times faster per source. One difference: igraph treats path lengths equal up to
    floating-point rounding as ties (``1/3 + 2/3`` and ``1``), networkx only exactly equal ones."""
    import igraph

    nodes = list(graph.nodes())
    n = len(nodes)
    if n < 3 or not 2 <= k <= n:
        raise ValueError(f"a sampled betweenness needs 3 or more nodes and 2 <= k <= nodes (got {n} nodes, k = {k})")
    sources = random.Random(seed).sample(nodes, k)
    index = {v: i for i, v in enumerate(nodes)}
    g = igraph.Graph(n=n, edges=[(index[u], index[v]) for u, v in graph.edges()])
    g.es["length"] = [float(d) for *_, d in graph.edges(data=weight, default=1.0)]
    counted = g.betweenness(sources=[index[s] for s in sources], targets=None, weights="length", directed=False)
    # igraph counts each unordered (source, target) pair once, networkx each ordered pair from a
    # source: twice as much. networkx then rescales a source by 1 / ((k - 1)(n - 2)) and any other
    # node by 1 / (k (n - 2)), a source not being a path's inner node of its own paths.
    chosen = set(sources)
    return {v: 2 * counted[i] / (((k - 1) if v in chosen else k) * (n - 2)) for i, v in enumerate(nodes)}


def betweenness_note(projection: nx.Graph, exact_up_to: float = EXACT_BETWEENNESS_UP_TO) -> str:
    """A sentence saying whether the betweenness is exact or estimated from k sources."""
    k = betweenness_sources(projection, exact_up_to)
    n, m = projection.number_of_nodes(), projection.number_of_edges()
    if k is None:
        return f"Betweenness: exact, over {n} actors and {m} links."
    return (f"Betweenness: estimated from k = {k} sources (seeded sample of {n} actors), as the graph has "
            f"{m} links (nodes × links above {exact_up_to:,.0f}).")


def centrality_table(tables: Tables, projection: nx.Graph | None = None,
                     exact_up_to: float = EXACT_BETWEENNESS_UP_TO) -> pd.DataFrame:
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
    actors["weighted_degree"] = nodes.map(dict(projection.degree(weight="weight"))).fillna(0).astype(int)
    actors["betweenness"] = nodes.map(betweenness(projection, exact_up_to)).fillna(0.0).astype(float).round(4)
    actors["partnerships"] = actors["actor_id"].map(_partnerships(links)["partnerships"]).fillna(0).astype(int)
    actors = actors.sort_values(
        ["betweenness", "partnerships", "weighted_degree", "degree", "actor_id"],
        ascending=[False, False, False, False, True],
    )
    return actors[CENTRALITY_COLUMNS].reset_index(drop=True)


def bridges(tables: Tables, min_partnerships: int = 2) -> pd.DataFrame:
    """Actors who take part in events of at least ``min_partnerships`` partner countries, with
    those partners, their number of events and of articles reporting them."""
    links = participation(tables)
    per = _partnerships(links)
    per = per[per["partnerships"] >= min_partnerships]
    if per.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in BRIDGE_COLUMNS})
    events = links.groupby("actor_id")["event_id"].nunique().rename("events")
    arts = links[["actor_id", "event_id"]].merge(tables.mentions[["event_id", "article_id"]], on="event_id")
    articles = arts.groupby("actor_id")["article_id"].nunique().rename("articles")
    out = tables.actors[["actor_id", "name", "kind", "country"]].merge(per, left_on="actor_id", right_index=True)
    out = out.join(events, on="actor_id").join(articles, on="actor_id")
    out["articles"] = out["articles"].fillna(0).astype(int)
    out = out.sort_values(["partnerships", "events", "actor_id"], ascending=[False, False, True])
    return out[BRIDGE_COLUMNS].reset_index(drop=True)


def edge_table(projection: nx.Graph) -> pd.DataFrame:
    """The actor projection's edges: pair of actors, French names, shared events and their ids."""
    rows = [
        (d_u["actor_id"], d_v["actor_id"], d_u["name"], d_v["name"], d["weight"], "; ".join(d["event_ids"]))
        for u, v, d in projection.edges(data=True)
        for d_u, d_v in [(projection.nodes[u], projection.nodes[v])]
    ]
    out = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    out = out.sort_values(["shared_events", "source", "target"], ascending=[False, True, True])
    return out.astype({"shared_events": int}).reset_index(drop=True)


def partner_edges(events: pd.DataFrame, link_partners: bool = False) -> pd.DataFrame:
    """Events per pair (Mali, partner) and event type, with their ids. A multilateral event
    connects Mali to each partner it lists; with ``link_partners`` it also links the partners
    it lists to each other."""
    ex = explode_partners(events)
    ex = ex[ex["partner"] != HOME][["event_id", "partner", "event_type"]].astype(str)
    pairs = ex.rename(columns={"partner": "target"}).assign(source=HOME)
    if link_partners:
        co = ex.merge(ex, on=["event_id", "event_type"], suffixes=("_a", "_b"))
        co = co[co["partner_a"] < co["partner_b"]].rename(columns={"partner_a": "source", "partner_b": "target"})
        pairs = pd.concat([pairs, co[["event_id", "event_type", "source", "target"]]], ignore_index=True)
    if pairs.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PARTNER_EDGE_COLUMNS}).astype({"events": int})
    pairs = pairs.drop_duplicates().sort_values(["source", "target", "event_type", "event_id"])
    out = pairs.groupby(["source", "target", "event_type"], sort=True).agg(
        events=("event_id", "nunique"), event_ids=("event_id", "; ".join)
    ).reset_index()
    out["source_name"] = out["source"].map(french_name)
    out["target_name"] = out["target"].map(french_name)
    return out[PARTNER_EDGE_COLUMNS]


def partner_graph(events: pd.DataFrame, link_partners: bool = False) -> nx.MultiGraph:
    """Mali and each partner country; one edge per (pair, event type), keyed by the type, with
    ``weight`` = events and their ``event_ids``. Partners are linked to each other only with
    ``link_partners`` (events listing both); by default the graph is a star around Mali."""
    edges = partner_edges(events, link_partners)
    ex = explode_partners(events)
    ex = ex[ex["partner"] != HOME]
    per_partner = ex.groupby("partner")["event_id"].nunique()
    graph = nx.MultiGraph(name="Mali and its defence partners")
    total = int(events["event_id"].nunique())
    graph.add_node(HOME, name=french_name(HOME), label=french_name(HOME), kind="home", events=total)
    graph.add_nodes_from(
        (p, {"name": french_name(p), "label": french_name(p), "kind": "partner", "events": int(n)})
        for p, n in per_partner.sort_index().items()
    )
    graph.add_edges_from(
        (r.source, r.target, r.event_type, {"event_type": r.event_type, "weight": int(r.events), "event_ids": r.event_ids.split("; ")})
        for r in edges.itertuples(index=False)
    )
    return graph


def summary(graph: nx.Graph, projection: nx.Graph, partners: nx.MultiGraph) -> pd.DataFrame:
    """Sizes of the three graphs: nodes and edges of each, in one small table."""
    actors = actor_nodes(graph)
    active = [n for n in actors if graph.degree(n) > 0]
    rows = [
        ("actors (nodes of the bipartite graph)", len(actors)),
        ("  of which take part in a selected event", len(active)),
        ("events (nodes of the bipartite graph)", graph.number_of_nodes() - len(actors)),
        ("participations (edges of the bipartite graph)", graph.number_of_edges()),
        ("pairs of actors sharing an event (edges of the projection)", projection.number_of_edges()),
        ("connected groups of active actors", nx.number_connected_components(projection.subgraph(active))),
        ("partner countries", partners.number_of_nodes() - (HOME in partners)),
        ("(partner, event type) links of the partner graph", partners.number_of_edges()),
    ]
    return pd.DataFrame(rows, columns=["measure", "value"])


# ---------------------------------------------------------------- drawing

def layout(graph: nx.Graph, seed: int = LAYOUT_SEED) -> dict[str, np.ndarray]:
    """Deterministic positions: nodes and edges inserted in sorted order, then a seeded
    force-directed layout (weight pulls actors who meet often together). Above
    ``LARGE_GRAPH`` nodes the number of iterations shrinks with the square of the size (from
    50 down to 3) so that the time stays bounded."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph))
    ordered.add_edges_from(sorted(
        (min(u, v), max(u, v), {"weight": float(d.get("weight", 1))}) for u, v, d in graph.edges(data=True)
    ))
    n = len(ordered)
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(ordered)): np.zeros(2)}
    # the force-directed step costs about n² per iteration: above LARGE_GRAPH, a fixed budget
    iterations = 200 if n <= LARGE_GRAPH else int(np.clip(LAYOUT_BUDGET / n**2, 3, 50))
    return nx.spring_layout(ordered, k=2.0 / math.sqrt(n), iterations=iterations, weight="weight", seed=seed, method="force")


def labels_to_draw(centrality: pd.DataFrame, actor_ids: list[str] | None = None,
                   max_labels: int = MAX_LABELS) -> list[str]:
    """The actors to label: the ``max_labels`` most central ones (order of the centrality
    table) among ``actor_ids`` (default: all)."""
    table = centrality if actor_ids is None else centrality[centrality["actor_id"].isin(set(actor_ids))]
    return table["actor_id"].head(max(max_labels, 0)).tolist()


def _country_colours(countries: pd.Series) -> dict[str, str]:
    """Colours for the most frequent countries (Mali grey); the others share one light grey."""
    known = countries[countries != ""]
    top = known.value_counts().sort_index().sort_values(ascending=False, kind="stable").index[:MAX_LEGEND_COUNTRIES]
    colours = partner_colours(top)
    if HOME not in set(top):
        colours.pop(HOME, None)
    return colours


def _message(ax: plt.Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#555555")


def draw_actor_network(projection: nx.Graph, centrality: pd.DataFrame, tables: Tables,
                       max_labels: int = MAX_LABELS) -> plt.Figure:
    """The actors who take part in at least one selected event, linked by shared events: colour
    = country, marker = kind, area = events, line width = shared events; only the
    ``max_labels`` most central actors are labelled, moved apart by adjustText."""
    fig, ax = plt.subplots(figsize=(11, 8.5))
    ax.set_axis_off()
    period = period_label(tables.filters)
    ax.set_title(f"Who meets whom: actors of Mali's defence partnerships linked by shared events ({period})")
    active = sorted(n for n, e in projection.nodes(data="events") if e and e > 0)
    note = ""
    if not active:
        _message(ax, "No event in the selection: no actor to draw")
    else:
        if len(active) > DRAW_UP_TO:  # large graph: lay out and draw only the most central actors
            drawn = sorted(actor_node(a) for a in labels_to_draw(centrality, [n[len(ACTOR_PREFIX):] for n in active], DRAW_UP_TO))
            note = f" Drawn: the {len(drawn)} most central of {len(active)} active actors."
            active = drawn
        graph = projection.subgraph(active)
        pos = layout(graph)
        nodes = pd.DataFrame.from_dict(dict(graph.nodes(data=True)), orient="index").loc[active]
        colours = _country_colours(nodes["country"])
        nodes["colour"] = nodes["country"].map(colours).fillna(OTHER_COUNTRY).where(nodes["country"] != "", NO_COUNTRY)
        shrink = min(1.0, 8.0 / math.sqrt(len(active)))
        nodes["size"] = (40 + 110 * np.sqrt(nodes["events"].astype(float))) * shrink
        edges = sorted((min(u, v), max(u, v), d["weight"]) for u, v, d in graph.edges(data=True))
        widths = [min(0.6 + 1.4 * math.log2(w), 6.0) for _, _, w in edges]
        nx.draw_networkx_edges(graph, pos, edgelist=[(u, v) for u, v, _ in edges], width=widths,
                               edge_color="#9a9a9a", alpha=0.6, ax=ax)
        for kind, marker in KIND_MARKERS.items():
            sub = nodes[nodes["kind"] == kind]
            if not sub.empty:
                nx.draw_networkx_nodes(graph, pos, nodelist=sub.index.tolist(), node_shape=marker,
                                       node_color=sub["colour"].tolist(), node_size=sub["size"].tolist(),
                                       edgecolors="#333333", linewidths=0.6, ax=ax)
        labelled = labels_to_draw(centrality, nodes["actor_id"].tolist(), max_labels)
        texts = [
            ax.text(pos[actor_node(a)][0], pos[actor_node(a)][1] - 0.06, textwrap.fill(nodes.at[actor_node(a), "name"], 26),
                    fontsize=8, ha="center", va="top", zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.7})
            for a in labelled
        ]
        if texts:
            # labels avoid every node on small graphs, only the labelled ones on large graphs
            avoid = active if len(active) <= LARGE_GRAPH else [actor_node(a) for a in labelled]
            xy = np.array([pos[n] for n in avoid])
            adjust_text(texts, x=xy[:, 0], y=xy[:, 1], ax=ax, iter_lim=250, expand=(1.15, 1.5),
                        arrowprops={"arrowstyle": "-", "color": "#666666", "lw": 0.5})
        _legends(ax, colours, nodes)
        if len(labelled) < len(active):
            note += f" Labels: the {len(labelled)} most central of {len(active)} actors."
    source_line(fig, source_text(tables) + " Node area: events taken part in; line width: shared events. "
                "Positions come from a seeded force-directed layout and have no unit." + note)
    return fig


def _legends(ax: plt.Axes, colours: dict[str, str], nodes: pd.DataFrame) -> None:
    """One legend for the colours (countries) and one for the markers (kinds)."""
    shown = sorted((c for c in colours if c in set(nodes["country"])), key=lambda c: (french_name(c), c))
    handles = [Line2D([], [], marker="o", ls="", markerfacecolor=colours[c], markeredgecolor="#333333",
                      markersize=8, label=f"{french_name(c)} ({c})") for c in shown]
    if (nodes["colour"] == OTHER_COUNTRY).any():
        handles.append(Line2D([], [], marker="o", ls="", markerfacecolor=OTHER_COUNTRY, markeredgecolor="#333333",
                              markersize=8, label="other countries"))
    if (nodes["country"] == "").any():
        handles.append(Line2D([], [], marker="o", ls="", markerfacecolor=NO_COUNTRY, markeredgecolor="#333333",
                              markersize=8, label="no country (joint body)"))
    first = ax.legend(handles=handles, title="Country", loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    ax.add_artist(first)
    first.set_clip_on(False)  # an added artist is clipped to the axes unless told otherwise
    kinds = [k for k in KINDS if (nodes["kind"] == k).any()]
    ax.legend(handles=[Line2D([], [], marker=KIND_MARKERS[k], ls="", markerfacecolor="#bbbbbb",
                              markeredgecolor="#333333", markersize=8, label=k) for k in kinds],
              title="Kind of actor", loc="lower left", bbox_to_anchor=(1.0, 0.0), fontsize=8)


def draw_partner_network(graph: nx.MultiGraph, tables: Tables) -> plt.Figure:
    """Mali in the centre, each partner around it: line width and node area = events with Mali,
    each partner labelled with its events by type."""
    fig, ax = plt.subplots(figsize=(9, 8))
    ax.set_axis_off()
    ax.set_title(f"Mali's defence partnerships: events with each partner, by type ({period_label(tables.filters)})")
    partners = sorted(n for n in graph if n != HOME)
    if not partners:
        _message(ax, "No event in the selection: no partnership to draw")
        source_line(fig, source_text(tables))
        return fig
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    for u, v, w in sorted((min(u, v), max(u, v), d["weight"]) for u, v, d in graph.edges(data=True)):
        simple.add_edge(u, v, weight=simple.get_edge_data(u, v, {"weight": 0})["weight"] + w)
    pos = {HOME: np.zeros(2), **nx.circular_layout(partners, scale=1.0)}
    colours = partner_colours(partners)
    events = {n: graph.nodes[n]["events"] for n in simple}
    top = max(events[p] for p in partners) or 1
    star = [(HOME, p) for p in partners if simple.has_edge(HOME, p)]
    nx.draw_networkx_edges(simple, pos, edgelist=star, width=[1 + 7 * simple[u][v]["weight"] / top for u, v in star],
                           edge_color=[colours[v] for _, v in star], alpha=0.7, ax=ax)
    chords = sorted((u, v) for u, v in simple.edges() if HOME not in (u, v))
    if chords:
        nx.draw_networkx_edges(simple, pos, edgelist=chords, style="dashed", edge_color="#777777",
                               width=[0.8 + simple[u][v]["weight"] for u, v in chords], ax=ax)
    nx.draw_networkx_nodes(simple, pos, nodelist=[HOME, *partners], node_color=[colours[n] for n in [HOME, *partners]],
                           node_size=[900] + [250 + 1200 * events[p] / top for p in partners],
                           edgecolors="#333333", ax=ax)
    by_type = partner_edges(tables.events)
    detail = len(partners) <= 12
    for p in partners:
        rows = by_type[by_type["target"] == p].sort_values(["events", "event_type"], ascending=[False, True])
        text = f"{french_name(p)} ({p})\n{events[p]} event(s)"
        if detail:
            text += "\n" + "\n".join(f"{n} {t.replace('_', ' ')}" for t, n in zip(rows["event_type"], rows["events"], strict=True))
        x, y = pos[p] * 1.22
        ha = "left" if x > 0.3 else "right" if x < -0.3 else "center"
        va = "bottom" if y > 0.3 else "top" if y < -0.3 else "center"
        ax.text(x, y, text, ha=ha, va=va, fontsize=8 if detail else 7)
    ax.text(0, -0.14, f"{french_name(HOME)}\n{events[HOME]} event(s)", ha="center", va="top", fontsize=9, fontweight="bold",
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.9, 1.9)
    ax.set_aspect("equal")
    link = "dashed lines: events listing both partners; " if chords else ""
    source_line(fig, source_text(tables) + f" Line width and node area: events with Mali; {link}"
                "a multilateral event counts once for each partner it lists.")
    return fig


# ---------------------------------------------------------------- exports

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
    out.add_nodes_from((n, {k: _plain(v) for k, v in d.items()}) for n, d in sorted(graph.nodes(data=True)))
    edges = sorted((min(u, v), max(u, v), d) for u, v, d in graph.edges(data=True))
    out.add_edges_from((u, v, {k: _plain(x) for k, x in d.items()}) for u, v, d in edges)
    return out


def write_graphml(graph: nx.Graph, path: str | Path, ready: bool = False) -> Path:
    """The graph as GraphML (UTF-8), attributes included, in sorted order (``ready``: the graph
    already comes from :func:`export_ready`)."""
    path = Path(path)
    nx.write_graphml(graph if ready else export_ready(graph), path, encoding="utf-8", prettyprint=True)
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
    nodes = _plain_frame({n: {"Label": d.get("label", n), **d} for n, d in sorted(graph.nodes(data=True))})
    nodes = nodes.drop(columns="label", errors="ignore").rename_axis("Id").sort_index().reset_index()
    edges = sorted((min(u, v), max(u, v), d) for u, v, d in graph.edges(data=True))
    links = _plain_frame({i: {"Source": u, "Target": v, "Type": "Undirected", **d} for i, (u, v, d) in enumerate(edges)})
    if links.empty:
        links = pd.DataFrame(columns=["Source", "Target", "Type"])
    return nodes, links.reset_index(drop=True)


def graph_files_written(graph: nx.Graph, up_to: int | None = GRAPH_FILES_UP_TO) -> bool:
    """Whether GraphML and GEXF are written: nodes + edges within ``up_to`` (``None``: always)."""
    return up_to is None or graph.number_of_nodes() + graph.number_of_edges() <= up_to


def export(graph: nx.Graph, tables_dir: str | Path, name: str = "network",
           up_to: int | None = GRAPH_FILES_UP_TO) -> dict[str, Path]:
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
    return (f"Exports: node and link tables only (Gephi: Import spreadsheet); GraphML and GEXF are left out as "
            f"the graph has {size:,} nodes + edges, above graph_files_up_to = {up_to:,}. Set "
            "graph_files_up_to = None to write them too.")


# ---------------------------------------------------------------- findings

def _names(frame: pd.DataFrame) -> str:
    return "; ".join(f"{r.name} ({r.partner_names}; {r.events} event(s) in {r.articles} article(s))"
                     for r in frame.itertuples(index=False))


def _ranked(frame: pd.DataFrame) -> str:
    return ", ".join(f"{r.name} ({r.kind}, {r.betweenness:.3f})" for r in frame.itertuples(index=False))


def _strongest(edges: pd.DataFrame) -> str:
    top = edges[edges["shared_events"] == edges["shared_events"].max()].head(3)
    return "; ".join(f"{r.source_name} – {r.target_name}" for r in top.itertuples(index=False))


def network_findings(tables: Tables, projection: nx.Graph, centrality: pd.DataFrame,
                     bridge_table: pd.DataFrame, partner_table: pd.DataFrame,
                     core_centrality: pd.DataFrame | None = None) -> list[str]:
    """Plain-language findings on the selection's network, each computed from the tables;
    ``core_centrality`` is the centrality of people and institutions alone, when given."""
    if tables.events.empty:
        return ["No event matches the selection: the graphs have no edge, and the centrality table "
                "lists every actor with zeros."]
    events = pd.Series(dict(projection.nodes(data="events")), dtype="Int64").fillna(0)
    cen = centrality.assign(events=centrality["actor_id"].map(actor_node).map(events).fillna(0).astype(int))
    act = cen[cen["events"] > 0]
    kinds = act["kind"].value_counts()
    lines = [
        f"{len(act)} of {len(cen)} actors take part in the {len(tables.events)} selected events "
        f"({int(kinds.get('person', 0))} people, {int(kinds.get('country', 0))} countries, "
        f"{int(kinds.get('institution', 0))} institutions); {projection.number_of_edges()} pairs of actors "
        "share at least one event."
    ]
    for kind, plural in (("person", "People who"), ("institution", "Institutions that"), ("country", "Countries that")):
        sub = bridge_table[bridge_table["kind"] == kind]
        if not sub.empty:
            lines.append(f"{plural} take part in the events of more than one partnership: {_names(sub)}.")
    if bridge_table[bridge_table["kind"] == "person"].empty:
        lines.append("No person takes part in the events of more than one partnership in this selection.")
    top = act[act["betweenness"] > 0].head(3)
    if not top.empty:
        lines.append("Highest betweenness in the actor network (share of shortest paths between two "
                     f"actors that pass through them): {_ranked(top)}.")
    if core_centrality is not None:
        core = core_centrality[core_centrality["betweenness"] > 0].head(3)
        home = cen[cen["actor_id"] == HOME]
        why = (f" ({home.iloc[0]['name']} takes part in {int(home.iloc[0]['events'])} of the "
               f"{len(tables.events)} events and links most pairs directly)") if not home.empty else ""
        if not core.empty:
            lines.append(f"Without the country nodes{why}, the people and institutions that hold the network "
                         f"together are: {_ranked(core)}.")
        else:
            lines.append(f"Without the country nodes{why}, no person or institution lies between two others.")
    edges = edge_table(projection)
    if not edges.empty:
        lines.append(f"The strongest tie: {_strongest(edges)} ({int(edges['shared_events'].max())} shared events).")
        kind_of = dict(zip(cen["actor_id"], cen["kind"], strict=True))
        people = edges[(edges["source"].map(kind_of) == "person") & (edges["target"].map(kind_of) == "person")]
        if not people.empty and people["shared_events"].max() > 1:
            lines.append(f"Between two people: {_strongest(people)} ({int(people['shared_events'].max())} shared events).")
        elif not people.empty:
            lines.append("No two people meet in more than one selected event.")
    lonely = act[act["degree"] == 0]
    if not lonely.empty:
        lines.append(f"{len(lonely)} actor(s) take part only in events with no other participant: "
                     + "; ".join(sorted(lonely["name"])) + ".")
    absent = len(cen) - len(act)
    if absent:
        lines.append(f"{absent} actor(s) of the actor table take part in no selected event: they have zeros in the "
                     "centrality table and are not drawn.")
    star = partner_table[partner_table["source"] == HOME]
    if not star.empty:
        per = star.groupby("target_name")["events"].sum().sort_index().sort_values(ascending=False, kind="stable")
        lines.append("Events with Mali by partner: " + ", ".join(f"{name} {n}" for name, n in per.items()) + ".")
    return lines

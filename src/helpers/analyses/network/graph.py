"""The bipartite actor–event graph, its projections and the partner-level graph."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from helpers.data.countries import Registry, french_name, partner_kind, partner_name
from helpers.data.errors import DataError, Problem
from helpers.data.events import Tables, explode_partners
from helpers.data.paths import HOME
from helpers.data.tables import isin, records

ACTOR_PREFIX = "actor:"


EVENT_PREFIX = "event:"


ROLES = ("host", "guest", "head_of_delegation", "chair", "signatory", "participant", "speaker")


KINDS = ("person", "country", "institution")


LAYOUT_SEED = 2024


EDGE_COLUMNS = ["source", "target", "source_name", "target_name", "shared_events", "event_ids"]


PARTNER_EDGE_COLUMNS = [
    "source",
    "target",
    "source_name",
    "target_name",
    "event_type",
    "events",
    "event_ids",
]


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
            Problem(
                "participants.csv",
                int(i) + 2 if isinstance(i, (int, np.integer)) else None,
                column,
                f"{value!r} is not in {table}; a participant must name a known {column.split('_')[0]}",
            )
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
    cols = [
        "event_id",
        "actor_id",
        "role",
        "title",
        "event_type",
        "date_start",
        "date_end",
        "partner_list",
    ]
    if p.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    # rows alone for their (event, actor) are kept as they are; only repeated pairs are joined
    repeated = p.duplicated(["event_id", "actor_id"], keep=False)
    single = p.loc[~repeated, ["event_id", "actor_id", "role", "title"]]
    single = single.assign(
        **{
            c: single[c].where(single[c].map(lambda v: isinstance(v, str)), "")
            for c in ("role", "title")
        }
    )
    joined = (
        p[repeated]
        .groupby(["event_id", "actor_id"], sort=True)
        .agg(role=("role", _join), title=("title", _join))
        .reset_index()
    )
    links = (
        pd.concat([single, joined], ignore_index=True)
        .sort_values(["event_id", "actor_id"])
        .reset_index(drop=True)
    )
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
    actor_attrs = pd.DataFrame(
        {
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
        }
    )
    actor_attrs.index = ACTOR_PREFIX + actors["actor_id"].astype(str)
    event_attrs = pd.DataFrame(
        {
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
        }
    )
    event_attrs.index = EVENT_PREFIX + events["event_id"].astype(str)
    graph = nx.Graph(name="Mali defence cooperation: actors and events")
    graph.add_nodes_from(zip(actor_attrs.index.tolist(), records(actor_attrs), strict=True))
    graph.add_nodes_from(zip(event_attrs.index.tolist(), records(event_attrs), strict=True))
    edge_attrs = records(links[["role", "title", "event_type", "date_start", "date_end"]])
    graph.add_edges_from(
        zip(
            (ACTOR_PREFIX + links["actor_id"].astype(str)).tolist(),
            (EVENT_PREFIX + links["event_id"].astype(str)).tolist(),
            edge_attrs,
            strict=True,
        )
    )
    return graph


def actor_nodes(graph: nx.Graph, kinds: tuple[str, ...] | list[str] | None = None) -> list[str]:
    """The actor nodes of a bipartite graph (of the given kinds, default all), sorted."""
    return sorted(
        n
        for n, d in graph.nodes(data=True)
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
        for u, v, w, ids in zip(
            pairs["u"].tolist(),
            pairs["v"].tolist(),
            pairs["weight"].tolist(),
            pairs["event_ids"].tolist(),
            strict=True,
        )
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
    event_id = pd.Series(
        {
            n: d.get("event_id", n[len(EVENT_PREFIX) :])
            for n, d in graph.nodes(data=True)
            if d.get("bipartite") == 1
        }
    )
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
    return pd.DataFrame(
        {
            "u": names[au[starts]],
            "v": names[av[starts]],
            "weight": ends - starts,
            "event_ids": [ids[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)],
        }
    )


def _partnerships(links: pd.DataFrame, registry: Registry | None = None) -> pd.DataFrame:
    """Per actor: the partners whose events it takes part in (count, codes, names)."""
    ex = links[["actor_id", "partner_list"]].explode("partner_list").dropna(subset=["partner_list"])
    ex = ex[ex["partner_list"] != HOME].drop_duplicates().sort_values(["actor_id", "partner_list"])
    return ex.groupby("actor_id").agg(
        partnerships=("partner_list", "nunique"),
        partners=("partner_list", "; ".join),
        partner_names=("partner_list", lambda s: "; ".join(partner_name(c, registry) for c in s)),
    )


def edge_table(projection: nx.Graph) -> pd.DataFrame:
    """The actor projection's edges: pair of actors, French names, shared events and their ids."""
    rows = [
        (
            d_u["actor_id"],
            d_v["actor_id"],
            d_u["name"],
            d_v["name"],
            d["weight"],
            "; ".join(d["event_ids"]),
        )
        for u, v, d in projection.edges(data=True)
        for d_u, d_v in [(projection.nodes[u], projection.nodes[v])]
    ]
    out = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    out = out.sort_values(["shared_events", "source", "target"], ascending=[False, True, True])
    return out.astype({"shared_events": int}).reset_index(drop=True)


def partner_edges(
    events: pd.DataFrame, link_partners: bool = False, registry: Registry | None = None
) -> pd.DataFrame:
    """Events per pair (Mali, partner) and event type, with their ids. A multilateral event
    connects Mali to each partner it lists; with ``link_partners`` it also links the partners
    it lists to each other."""
    ex = explode_partners(events)
    ex = ex[ex["partner"] != HOME][["event_id", "partner", "event_type"]].astype(str)
    pairs = ex.rename(columns={"partner": "target"}).assign(source=HOME)
    if link_partners:
        co = ex.merge(ex, on=["event_id", "event_type"], suffixes=("_a", "_b"))
        co = co[co["partner_a"] < co["partner_b"]].rename(
            columns={"partner_a": "source", "partner_b": "target"}
        )
        pairs = pd.concat(
            [pairs, co[["event_id", "event_type", "source", "target"]]], ignore_index=True
        )
    if pairs.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PARTNER_EDGE_COLUMNS}).astype(
            {"events": int}
        )
    pairs = pairs.drop_duplicates().sort_values(["source", "target", "event_type", "event_id"])
    out = (
        pairs.groupby(["source", "target", "event_type"], sort=True)
        .agg(events=("event_id", "nunique"), event_ids=("event_id", "; ".join))
        .reset_index()
    )
    out["source_name"] = out["source"].map(lambda c: partner_name(c, registry))
    out["target_name"] = out["target"].map(lambda c: partner_name(c, registry))
    return out[PARTNER_EDGE_COLUMNS]


def structure_edges(partners: list[str], registry: Registry | None = None) -> pd.DataFrame:
    """Ties the registry gives between partners present in the data: an organisation or
    alliance to each member state (``member``), a mission to its parent (``parent``). Mali's
    own memberships are left out: every partner is already linked to Mali by its events."""
    present = set(partners)
    rows = []
    for code in sorted(present):
        org = registry.get(code) if registry is not None else None
        if org is None:
            continue
        rows += [(code, m, "member") for m in org.members if m in present and m != HOME]
        if org.parent in present:
            rows.append((code, org.parent, "parent"))
    out = pd.DataFrame(rows, columns=["source", "target", "relation"])
    out["source_name"] = out["source"].map(lambda c: partner_name(c, registry))
    out["target_name"] = out["target"].map(lambda c: partner_name(c, registry))
    return out[["source", "target", "source_name", "target_name", "relation"]]


def partner_graph(
    events: pd.DataFrame, link_partners: bool = False, registry: Registry | None = None
) -> nx.MultiGraph:
    """Mali and each partner; one edge per (pair, event type), keyed by the type, with
    ``weight`` = events and their ``event_ids``. Partners are linked to each other by events only
    with ``link_partners`` (events listing both); by default the graph is a star around Mali.
    With a ``registry``, organisations, alliances and missions are nodes of their own ``kind``
    (a state is ``partner``), linked to their member states (key ``member``) and a mission to its
    parent (key ``parent``), with weight 0, when both ends are in the data."""
    edges = partner_edges(events, link_partners, registry)
    ex = explode_partners(events)
    ex = ex[ex["partner"] != HOME]
    per_partner = ex.groupby("partner")["event_id"].nunique()
    graph = nx.MultiGraph(name="Mali and its defence partners")
    total = int(events["event_id"].nunique())
    graph.add_node(HOME, name=french_name(HOME), label=french_name(HOME), kind="home", events=total)
    kinds = {p: partner_kind(p, registry) for p in per_partner.index}
    graph.add_nodes_from(
        (
            p,
            {
                "name": partner_name(p, registry),
                "label": partner_name(p, registry),
                "kind": "partner" if kinds[p] == "state" else kinds[p],
                "events": int(n),
            },
        )
        for p, n in per_partner.sort_index().items()
    )
    graph.add_edges_from(
        (
            r.source,
            r.target,
            r.event_type,
            {
                "event_type": r.event_type,
                "weight": int(r.events),
                "event_ids": r.event_ids.split("; "),
            },
        )
        for r in edges.itertuples(index=False)
    )
    graph.add_edges_from(
        (r.source, r.target, r.relation, {"event_type": r.relation, "weight": 0, "event_ids": []})
        for r in structure_edges(list(per_partner.index), registry).itertuples(index=False)
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
        (
            "pairs of actors sharing an event (edges of the projection)",
            projection.number_of_edges(),
        ),
        (
            "connected groups of active actors",
            nx.number_connected_components(projection.subgraph(active)),
        ),
        ("partner countries", partners.number_of_nodes() - (HOME in partners)),
        ("(partner, event type) links of the partner graph", partners.number_of_edges()),
    ]
    return pd.DataFrame(rows, columns=["measure", "value"])

"""The network notebook's findings, in sentences."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from helpers.analyses.display import count
from helpers.analyses.network.graph import actor_node, edge_table
from helpers.data.events import Tables
from helpers.data.paths import HOME


def _names(frame: pd.DataFrame) -> str:
    return "; ".join(
        f"{r.name} ({r.partner_names}; {count(r.events, 'event')} in {count(r.articles, 'article')})"
        for r in frame.itertuples(index=False)
    )


def _ranked(frame: pd.DataFrame) -> str:
    return ", ".join(
        f"{r.name} ({r.kind}, {r.betweenness:.3f})" for r in frame.itertuples(index=False)
    )


def _strongest(edges: pd.DataFrame) -> str:
    top = edges[edges["shared_events"] == edges["shared_events"].max()].head(3)
    return "; ".join(f"{r.source_name} – {r.target_name}" for r in top.itertuples(index=False))


def network_findings(
    tables: Tables,
    projection: nx.Graph,
    centrality: pd.DataFrame,
    bridge_table: pd.DataFrame,
    partner_table: pd.DataFrame,
    core_centrality: pd.DataFrame | None = None,
) -> list[str]:
    """Plain-language findings on the selection's network, each computed from the tables;
    ``core_centrality`` is the centrality of people and institutions alone, when given."""
    if tables.events.empty:
        return [
            "No event matches the selection: the graphs have no edge, and the centrality table "
            "lists every actor with zeros."
        ]
    events = pd.Series(dict(projection.nodes(data="events")), dtype="Int64").fillna(0)
    cen = centrality.assign(
        events=centrality["actor_id"].map(actor_node).map(events).fillna(0).astype(int)
    )
    act = cen[cen["events"] > 0]
    kinds = act["kind"].value_counts()
    lines = [
        f"{len(act)} of {len(cen)} actors take part in the {len(tables.events)} selected events "
        f"({int(kinds.get('person', 0))} people, {int(kinds.get('country', 0))} countries, "
        f"{int(kinds.get('institution', 0))} institutions); {projection.number_of_edges()} pairs of actors "
        "share at least one event."
    ]
    for kind, plural in (
        ("person", "People who"),
        ("institution", "Institutions that"),
        ("country", "Countries that"),
    ):
        sub = bridge_table[bridge_table["kind"] == kind]
        if not sub.empty:
            lines.append(
                f"{plural} take part in the events of more than one partnership: {_names(sub)}."
            )
    if bridge_table[bridge_table["kind"] == "person"].empty:
        lines.append(
            "No person takes part in the events of more than one partnership in this selection."
        )
    top = act[act["betweenness"] > 0].head(3)
    if not top.empty:
        lines.append(
            "Highest betweenness in the actor network (share of shortest paths between two "
            f"actors that pass through them): {_ranked(top)}."
        )
    if core_centrality is not None:
        core = core_centrality[core_centrality["betweenness"] > 0].head(3)
        home = cen[cen["actor_id"] == HOME]
        why = (
            (
                f" ({home.iloc[0]['name']} takes part in {int(home.iloc[0]['events'])} of the "
                f"{len(tables.events)} events and links most pairs directly)"
            )
            if not home.empty
            else ""
        )
        if not core.empty:
            lines.append(
                f"Without the country nodes{why}, the people and institutions that hold the network "
                f"together are: {_ranked(core)}."
            )
        else:
            lines.append(
                f"Without the country nodes{why}, no person or institution lies between two others."
            )
    edges = edge_table(projection)
    if not edges.empty:
        lines.append(
            f"The strongest tie: {_strongest(edges)} ({int(edges['shared_events'].max())} shared events)."
        )
        kind_of = dict(zip(cen["actor_id"], cen["kind"], strict=True))
        people = edges[
            (edges["source"].map(kind_of) == "person") & (edges["target"].map(kind_of) == "person")
        ]
        if not people.empty and people["shared_events"].max() > 1:
            lines.append(
                f"Between two people: {_strongest(people)} ({int(people['shared_events'].max())} shared events)."
            )
        elif not people.empty:
            lines.append("No two people meet in more than one selected event.")
    lonely = act[act["degree"] == 0]
    if not lonely.empty:
        lines.append(
            f"{count(len(lonely), 'actor')} {'takes' if len(lonely) == 1 else 'take'} part only in events with no other participant: "
            + "; ".join(sorted(lonely["name"]))
            + "."
        )
    absent = len(cen) - len(act)
    if absent:
        lines.append(
            f"{count(absent, 'actor')} of the actor table {'takes' if absent == 1 else 'take'} part in no "
            "selected event: zeros in the centrality table, and not drawn."
        )
    star = partner_table[partner_table["source"] == HOME]
    if not star.empty:
        per = (
            star.groupby("target_name")["events"]
            .sum()
            .sort_index()
            .sort_values(ascending=False, kind="stable")
        )
        lines.append(
            "Events with Mali by partner: "
            + ", ".join(f"{name} {n}" for name, n in per.items())
            + "."
        )
    return lines

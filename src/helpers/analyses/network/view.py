"""The interactive actor network of notebook 02: the committed figure's actors (partners,
officials, institutions) at the same seeded positions, as a Vega-Lite view that zooms and pans,
shows each actor's country, titles as written and events on hover, and highlights the actors
whose name or spelling matches what is typed in its search box."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from helpers.analyses.network.draw import (
    NO_COUNTRY,
    OTHER_COUNTRY,
    country_colours,
    drawn_actors,
    layout,
)
from helpers.data.countries import french_name
from helpers.text.normalize import fold_key

__all__ = ["SEARCH_PARAM", "network_rows", "network_spec"]

SEARCH_PARAM = "actor_search"
_SHAPES = {"person": "circle", "country": "square", "institution": "diamond"}
_MATCH = (
    f"{SEARCH_PARAM} && length(trim({SEARCH_PARAM})) > 0 && "
    f"(indexof(datum.key, lower(trim({SEARCH_PARAM}))) >= 0 || "
    f"indexof(lower(datum.names), lower(trim({SEARCH_PARAM}))) >= 0)"
)
_SEARCHING = f"{SEARCH_PARAM} && length(trim({SEARCH_PARAM})) > 0"


def _country_label(code: str, colours: dict[str, str]) -> str:
    if not code:
        return "no country (joint body)"
    return f"{french_name(code)} ({code})" if code in colours else "other countries"


def network_rows(
    projection: nx.Graph, centrality: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The nodes and links the view draws, those of the committed figure: ``nodes`` with
    ``id``, ``name``, ``kind``, ``country`` (label), ``colour``, ``events``, ``titles`` (as
    written), ``names`` (name and spellings), ``key`` (the same folded, for the search) and
    ``x``/``y`` (the figure's layout); ``links`` with both ends' names and positions and
    ``shared`` events."""
    node_cols = [
        "id",
        "name",
        "kind",
        "country",
        "colour",
        "events",
        "titles",
        "names",
        "key",
        "x",
        "y",
    ]
    link_cols = ["source", "target", "x", "y", "x2", "y2", "shared"]
    active, _ = drawn_actors(projection, centrality)
    if not active:
        return pd.DataFrame(columns=node_cols), pd.DataFrame(columns=link_cols)
    graph = projection.subgraph(active)
    pos = layout(graph)
    attrs = pd.DataFrame.from_dict(dict(graph.nodes(data=True)), orient="index").loc[active]
    colours = country_colours(attrs["country"])
    names = [
        " | ".join(dict.fromkeys([str(n), *[str(a) for a in (al or [])]]))
        for n, al in zip(attrs["name"], attrs["aliases"], strict=True)
    ]
    nodes = pd.DataFrame(
        {
            "id": attrs["actor_id"].astype(str),
            "name": attrs["name"].astype(str),
            "kind": attrs["kind"].astype(str),
            "country": [_country_label(c, colours) for c in attrs["country"]],
            "colour": [
                NO_COUNTRY if not c else colours.get(c, OTHER_COUNTRY) for c in attrs["country"]
            ],
            "events": attrs["events"].astype(int),
            "titles": ["; ".join(t) if t else "" for t in attrs["titles"]],
            "names": names,
            "key": [fold_key(n) for n in names],
            "x": [round(float(pos[n][0]), 4) for n in active],
            "y": [round(float(pos[n][1]), 4) for n in active],
        }
    )
    name = dict(zip(active, nodes["name"], strict=True))
    links = pd.DataFrame(
        sorted(
            (
                name[u],
                name[v],
                round(float(pos[u][0]), 4),
                round(float(pos[u][1]), 4),
                round(float(pos[v][0]), 4),
                round(float(pos[v][1]), 4),
                int(d["weight"]),
            )
            for u, v, d in graph.edges(data=True)
        ),
        columns=link_cols,
    )
    return nodes.reset_index(drop=True)[node_cols], links


def network_spec(
    projection: nx.Graph, centrality: pd.DataFrame, max_labels: int = 30
) -> dict | None:
    """The Vega-Lite specification of the interactive actor network (drag to pan, wheel or
    pinch to zoom; hover an actor for its country, titles and events; the search box
    highlights the actors whose name or a spelling of it contains the text typed, accents and
    case aside), or ``None`` when no actor takes part in a selected event."""
    import altair as alt

    nodes, links = network_rows(projection, centrality)
    if nodes.empty:
        return None
    labelled = set(
        centrality.loc[centrality["actor_id"].isin(set(nodes["id"])), "actor_id"].head(
            max(max_labels, 0)
        )
    )
    nodes = nodes.assign(labelled=nodes["id"].isin(labelled))
    search = alt.param(
        name=SEARCH_PARAM,
        value="",
        bind=alt.binding(input="search", placeholder="a name, e.g. Camara", name="Find an actor "),
    )
    zoom = alt.selection_interval(bind="scales", name="network_zoom")
    pad = 0.12
    x = alt.X(
        "x:Q",
        axis=None,
        scale=alt.Scale(domain=[float(nodes["x"].min()) - pad, float(nodes["x"].max()) + pad]),
    )
    y = alt.Y(
        "y:Q",
        axis=None,
        scale=alt.Scale(domain=[float(nodes["y"].min()) - pad, float(nodes["y"].max()) + pad]),
    )
    countries = nodes.drop_duplicates("country").sort_values("country")
    colour = alt.Color(
        "country:N",
        title="Country",
        scale=alt.Scale(domain=countries["country"].tolist(), range=countries["colour"].tolist()),
        legend=alt.Legend(orient="bottom", columns=2, labelLimit=200, symbolStrokeColor="#333333"),
    )
    kinds = [k for k in _SHAPES if (nodes["kind"] == k).any()]
    shape = alt.Shape(
        "kind:N",
        title="Kind of actor",
        scale=alt.Scale(domain=kinds, range=[_SHAPES[k] for k in kinds]),
        legend=alt.Legend(orient="bottom", columns=1),
    )
    node_data = alt.Data(values=nodes.to_dict("records"), name="actors")
    edge_layer = (
        alt.Chart(alt.Data(values=links.to_dict("records"), name="links"), name="actor_links")
        .mark_rule(color="#9a9a9a", clip=True)
        .encode(
            x=x,
            y=y,
            x2="x2:Q",
            y2="y2:Q",
            strokeWidth=alt.StrokeWidth("shared:Q", legend=None, scale=alt.Scale(range=[0.8, 5])),
            opacity=alt.condition(_SEARCHING, alt.value(0.25), alt.value(0.6)),
            tooltip=[
                alt.Tooltip("source:N", title="Actor"),
                alt.Tooltip("target:N", title="Actor"),
                alt.Tooltip("shared:Q", title="Shared events"),
            ],
        )
    )
    tooltip = [
        alt.Tooltip("name:N", title="Actor"),
        alt.Tooltip("kind:N", title="Kind"),
        alt.Tooltip("country:N", title="Country"),
        alt.Tooltip("titles:N", title="Titles as written"),
        alt.Tooltip("events:Q", title="Events"),
        alt.Tooltip("names:N", title="Spellings"),
    ]
    node_layer = (
        alt.Chart(node_data, name="actor_nodes")
        .mark_point(filled=True, stroke="#333333", strokeWidth=0.8, clip=True)
        .encode(
            x=x,
            y=y,
            color=colour,
            shape=shape,
            size=alt.Size("events:Q", legend=None, scale=alt.Scale(range=[60, 600])),
            opacity=alt.condition(f"!({_SEARCHING}) || ({_MATCH})", alt.value(1.0), alt.value(0.2)),
            tooltip=tooltip,
        )
        .add_params(search, zoom)
    )
    ring_layer = (
        alt.Chart(node_data, name="actor_matches")
        .mark_point(filled=False, stroke="#d62728", strokeWidth=3, size=900, clip=True)
        .encode(x=x, y=y, tooltip=tooltip)
        .transform_filter(_MATCH)
    )
    label_layer = (
        alt.Chart(node_data, name="actor_labels")
        .mark_text(dy=14, fontSize=10, baseline="top", clip=True)
        .encode(
            x=x,
            y=y,
            text="name:N",
            opacity=alt.condition(
                f"({_MATCH}) || (!({_SEARCHING}) && datum.labelled)", alt.value(1.0), alt.value(0.0)
            ),
        )
    )
    chart = (
        alt.layer(edge_layer, node_layer, ring_layer, label_layer)
        .properties(width="container", height=560)
        .configure_view(stroke=None)
    )
    return chart.to_dict()

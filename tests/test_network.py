"""The network module: graphs, centrality, bridges, drawings and exports, against hand counts on
small built tables and against the curated seed data; the network notebook under papermill."""

from __future__ import annotations

import csv
import itertools
import math
import os
import random
import subprocess
import sys
from pathlib import Path

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.analyses import network as nw
from helpers.data import events as ev
from helpers.data.errors import DataError
from helpers.extraction.merge import EVENT_COLUMNS

from conftest import ROOT, notebook_text

matplotlib.use("Agg")


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns)
        w.writeheader()
        w.writerows({c: r.get(c, "") for c in columns} for r in rows)


def build_tables(
    folder: Path,
    events: list[dict],
    actors: list[tuple],
    participants: list[tuple],
    mentions: list[tuple] = (),
) -> ev.Tables:
    """Tables from hand-written rows: events as dicts, actors as (id, name, kind, country),
    participants as (event, actor, role, title), mentions as (event, article)."""
    for e in events:
        e.setdefault(
            "date_precision",
            "unknown"
            if not e.get("date_start")
            else {4: "year", 7: "month", 10: "day"}[len(e["date_start"])],
        )
        e.setdefault("date_end", e.get("date_start", ""))
        e.setdefault("factuality", "occurred")
        e.setdefault("title", f"Event {e['event_id']}")
    _write(folder / "events.csv", EVENT_COLUMNS, events)
    _write(
        folder / "actors.csv",
        ["actor_id", "name", "kind", "country", "aliases"],
        [
            dict(zip(["actor_id", "name", "kind", "country"], a, strict=True), aliases=a[1])
            for a in actors
        ],
    )
    _write(
        folder / "participants.csv",
        ["event_id", "actor_id", "role", "title"],
        [
            dict(zip(["event_id", "actor_id", "role", "title"], p, strict=True))
            for p in participants
        ],
    )
    _write(
        folder / "mentions.csv",
        ["event_id", "article_id", "evidence", "start", "end"],
        [
            {"event_id": e, "article_id": a, "evidence": "x", "start": 0, "end": 1}
            for e, a in mentions
        ],
    )
    arts = sorted({a for _, a in mentions})
    _write(
        folder / "raw" / "articles.csv",
        [
            "article_id",
            "file",
            "title",
            "publisher",
            "author",
            "published",
            "url",
            "language",
            "sha256",
        ],
        [{"article_id": a, "file": f"articles/{a}.txt", "language": "fr"} for a in arts],
    )
    return ev.load(folder, validate=False)


@pytest.fixture
def small(tmp_path) -> ev.Tables:
    """Five events, eight actors; ``zed`` takes part in nothing, ``SEN`` only as a partner code.

    e1 (DZA, 2020-01-05): MLI, DZA, ali, bel       e2 (DZA, 2021): MLI, DZA, ali (host and speaker), jmc
    e3 (SEN, undated): ali, cis                     e4 (SEN, undated): cis alone
    e5 (DZA and SEN, 2022-03): MLI alone
    """
    events = [
        {"event_id": "e1", "event_type": "meeting", "partners": "DZA", "date_start": "2020-01-05"},
        {
            "event_id": "e2",
            "event_type": "joint_commission",
            "partners": "DZA",
            "date_start": "2021",
            "session_number": "3",
        },
        {"event_id": "e3", "event_type": "visit", "partners": "SEN"},
        {"event_id": "e4", "event_type": "statement", "partners": "SEN"},
        {"event_id": "e5", "event_type": "summit", "partners": "DZA;SEN", "date_start": "2022-03"},
    ]
    actors = [
        ("MLI", "Mali", "country", "MLI"),
        ("DZA", "Algérie", "country", "DZA"),
        ("SEN", "Sénégal", "country", "SEN"),
        ("ali", "Ali Traoré", "person", "MLI"),
        ("bel", "Bélaïd", "person", "DZA"),
        ("cis", "Cissé", "person", "SEN"),
        ("jmc", "Comité mixte", "institution", ""),
        ("zed", "Zed", "person", "MLI"),
    ]
    participants = [
        ("e1", "MLI", "host", ""),
        ("e1", "DZA", "guest", ""),
        ("e1", "ali", "host", "ministre"),
        ("e1", "bel", "guest", "Général"),
        ("e2", "MLI", "host", ""),
        ("e2", "DZA", "guest", ""),
        ("e2", "ali", "speaker", "colonel"),
        ("e2", "ali", "host", "colonel"),
        ("e2", "jmc", "participant", ""),
        ("e3", "ali", "host", "général"),
        ("e3", "cis", "guest", ""),
        ("e4", "cis", "speaker", ""),
        ("e5", "MLI", "participant", ""),
    ]
    mentions = [("e1", "art1"), ("e2", "art1"), ("e3", "art2"), ("e4", "art2"), ("e5", "art3")]
    return build_tables(tmp_path / "data", events, actors, participants, mentions)


@pytest.fixture(scope="module")
def seeds() -> ev.Tables:
    return ev.load()


def _edge_set(g: nx.Graph) -> set[frozenset]:
    return {frozenset(e) for e in g.edges()}


# ---------------------------------------------------------------- bipartite graph


def test_bipartite_graph_has_every_actor_and_event_with_prefixed_ids(small):
    g = nw.bipartite_graph(small)
    assert g.number_of_nodes() == 8 + 5
    assert g.number_of_edges() == 4 + 4 + 2 + 1 + 1  # e2's two roles of ali make one edge
    assert nw.actor_node("zed") in g and g.degree(nw.actor_node("zed")) == 0
    assert {d["bipartite"] for n, d in g.nodes(data=True) if n.startswith("actor:")} == {0}
    assert {d["bipartite"] for n, d in g.nodes(data=True) if n.startswith("event:")} == {1}
    assert nx.is_bipartite(g)


def test_bipartite_node_attributes_carry_kind_country_names_and_titles_in_date_order(small):
    g = nw.bipartite_graph(small)
    ali = g.nodes[nw.actor_node("ali")]
    assert (ali["kind"], ali["country"], ali["country_name"], ali["name"]) == (
        "person",
        "MLI",
        "Mali",
        "Ali Traoré",
    )
    # 2020 ministre, 2021 colonel, then the undated général (not alphabetical)
    assert ali["titles"] == ["ministre", "colonel", "général"]
    assert ali["events"] == 3
    assert g.nodes[nw.actor_node("jmc")]["country"] == ""
    e5 = g.nodes[nw.event_node("e5")]
    assert (e5["kind"], e5["event_type"], e5["partners"], e5["participants"]) == (
        "event",
        "summit",
        ["DZA", "SEN"],
        1,
    )
    assert g.nodes[nw.event_node("e2")]["session_number"] == "3"
    assert g.nodes[nw.event_node("e3")]["session_number"] == ""


def test_bipartite_edges_carry_role_title_date_and_type_with_roles_merged(small):
    g = nw.bipartite_graph(small)
    assert g.edges[nw.actor_node("ali"), nw.event_node("e2")] == {
        "role": "host; speaker",
        "title": "colonel",
        "event_type": "joint_commission",
        "date_start": "2021",
        "date_end": "2021",
    }
    assert g.edges[nw.actor_node("bel"), nw.event_node("e1")]["title"] == "Général"


def test_participant_naming_an_unknown_actor_is_a_data_error_with_row_and_column(small):
    from dataclasses import replace

    bad = pd.concat(
        [
            small.participants,
            pd.DataFrame([{"event_id": "e1", "actor_id": "ghost", "role": "guest", "title": ""}]),
        ],
        ignore_index=True,
    )
    with pytest.raises(DataError) as err:
        nw.bipartite_graph(replace(small, participants=bad))
    assert "participants.csv, row 15, column actor_id: 'ghost' is not in actors.csv" in str(
        err.value
    )


# ---------------------------------------------------------------- projection and centrality


def test_projection_weights_are_shared_events_with_their_ids(small):
    p = nw.actor_projection(nw.bipartite_graph(small))
    assert p.number_of_nodes() == 8 and p.number_of_edges() == 10
    a = nw.actor_node
    assert p.edges[a("MLI"), a("DZA")]["weight"] == 2
    assert p.edges[a("MLI"), a("DZA")]["event_ids"] == ["e1", "e2"]
    assert p.edges[a("ali"), a("cis")]["event_ids"] == ["e3"]
    assert p.edges[a("ali"), a("cis")]["distance"] == 1.0
    assert sum(w for *_, w in p.edges(data="weight")) == 13
    assert p.degree(a("cis")) == 1  # e4 has cis alone: no edge of its own


def test_projection_restricted_to_kinds_drops_the_other_actors_and_their_links(small):
    p = nw.actor_projection(nw.bipartite_graph(small), kinds=("person", "institution"))
    a = nw.actor_node
    assert sorted(p) == [a("ali"), a("bel"), a("cis"), a("jmc"), a("zed")]
    assert _edge_set(p) == {
        frozenset((a("ali"), a("bel"))),
        frozenset((a("ali"), a("jmc"))),
        frozenset((a("ali"), a("cis"))),
    }
    with pytest.raises(ValueError, match="unknown actor kind"):
        nw.actor_projection(nw.bipartite_graph(small), kinds=("people",))


def test_centrality_table_by_hand(small):
    c = nw.centrality_table(small)
    assert list(c.columns) == nw.CENTRALITY_COLUMNS
    assert c["actor_id"].tolist() == ["ali", "MLI", "DZA", "bel", "jmc", "cis", "SEN", "zed"]
    row = c.set_index("actor_id")
    # ali lies on the 4 paths from cis to MLI, DZA, bel, jmc and on 1 of 3 shortest bel–jmc paths;
    # normalised by (n-1)(n-2)/2 = 21 pairs
    assert row.loc["ali", "betweenness"] == round((4 + 1 / 3) / 21, 4)
    assert row.loc["MLI", "betweenness"] == round((1 / 3) / 21, 4)
    assert row.loc["ali", ["degree", "weighted_degree", "partnerships"]].tolist() == [5, 7, 2]
    assert row.loc["MLI", ["degree", "weighted_degree", "partnerships"]].tolist() == [4, 6, 2]
    assert row.loc[
        "zed", ["degree", "weighted_degree", "betweenness", "partnerships"]
    ].tolist() == [0, 0, 0.0, 0]
    assert row.loc["cis", "partnerships"] == 1


def test_betweenness_uses_distance_as_inverse_of_shared_events():
    # a–b share 3 events, a–c and c–b one each: the path a–b is direct (1/3 < 1 + 1)
    g = nx.Graph()
    g.add_edge("a", "b", weight=3, distance=1 / 3)
    g.add_edge("a", "c", weight=1, distance=1.0)
    g.add_edge("c", "b", weight=1, distance=1.0)
    g.add_edge("b", "d", weight=1, distance=1.0)
    b = nw.betweenness(g)
    assert b["c"] == 0.0
    assert b["b"] == pytest.approx(2 / 3)  # a–d and c–d pass through b, of 3 pairs among the others


def test_betweenness_is_sampled_and_seeded_above_the_exact_limit():
    g = nx.path_graph(60)
    nx.set_edge_attributes(g, 1.0, "distance")
    assert nw.betweenness(g, exact_up_to=20) == nw.betweenness(g, exact_up_to=20)
    assert nw.betweenness(g, exact_up_to=20) != nw.betweenness(g)


def test_bridges_lists_actors_of_several_partnerships_with_events_and_articles(small):
    b = nw.bridges(small)
    assert b[
        ["actor_id", "partnerships", "partners", "partner_names", "events", "articles"]
    ].values.tolist() == [
        ["MLI", 2, "DZA; SEN", "Algérie; Sénégal", 3, 2],
        ["ali", 2, "DZA; SEN", "Algérie; Sénégal", 3, 2],
    ]


def test_edge_table_sorted_by_shared_events_with_french_names(small):
    e = nw.edge_table(nw.actor_projection(nw.bipartite_graph(small)))
    assert list(e.columns) == nw.EDGE_COLUMNS
    assert e.iloc[0][
        ["source", "target", "source_name", "target_name", "shared_events", "event_ids"]
    ].tolist() == ["DZA", "MLI", "Algérie", "Mali", 2, "e1; e2"]
    assert e["shared_events"].is_monotonic_decreasing and len(e) == 10


# ---------------------------------------------------------------- partner graph


def test_partner_graph_is_a_star_keyed_by_event_type(small):
    g = nw.partner_graph(small.events)
    assert sorted(g) == ["DZA", "MLI", "SEN"]
    assert sorted(g.edges(keys=True)) == sorted(
        [
            ("MLI", "DZA", "meeting"),
            ("MLI", "DZA", "joint_commission"),
            ("MLI", "DZA", "summit"),
            ("MLI", "SEN", "visit"),
            ("MLI", "SEN", "statement"),
            ("MLI", "SEN", "summit"),
        ]
    )
    assert g.edges["MLI", "SEN", "summit"] == {
        "event_type": "summit",
        "weight": 1,
        "event_ids": ["e5"],
    }
    assert (g.nodes["MLI"]["events"], g.nodes["DZA"]["events"], g.nodes["SEN"]["name"]) == (
        5,
        3,
        "Sénégal",
    )


def test_partner_graph_links_partners_of_a_multilateral_event_only_when_asked(small):
    g = nw.partner_graph(small.events, link_partners=True)
    assert g.number_of_edges() == 7
    assert g.edges["DZA", "SEN", "summit"]["event_ids"] == ["e5"]
    assert not nw.partner_graph(small.events).has_edge("DZA", "SEN")


def test_partner_with_a_single_event(small):
    one = ev.filter_events(small, partners=["SEN"], start="2022")
    g = nw.partner_graph(one.events)
    assert sorted(g) == ["DZA", "MLI", "SEN"]  # e5 lists both partners
    assert [d["weight"] for *_, d in g.edges(data=True)] == [1, 1]


# ---------------------------------------------------------------- selections


def test_filtering_by_period_changes_the_graphs(small):
    sel = ev.filter_events(small, start="2021")
    g = nw.bipartite_graph(sel)
    assert (g.number_of_nodes(), g.number_of_edges()) == (8 + 2, 4 + 1)
    assert nw.actor_projection(g).number_of_edges() == 6
    c = nw.centrality_table(sel).set_index("actor_id")
    assert c.loc["cis", "degree"] == 0 and c.loc["ali", "partnerships"] == 1


def test_empty_selection_gives_isolated_actors_zeros_and_a_sentence(small):
    sel = ev.filter_events(small, start="2030")
    g = nw.bipartite_graph(sel)
    p = nw.actor_projection(g)
    c = nw.centrality_table(sel, p)
    assert (g.number_of_nodes(), g.number_of_edges(), p.number_of_edges()) == (8, 0, 0)
    assert (
        len(c) == 8
        and c[["degree", "weighted_degree", "betweenness", "partnerships"]].sum().sum() == 0
    )
    assert nw.bridges(sel).empty and nw.partner_edges(sel.events).empty and nw.edge_table(p).empty
    assert list(nw.partner_graph(sel.events)) == ["MLI"]
    lines = nw.network_findings(sel, p, c, nw.bridges(sel), nw.partner_edges(sel.events))
    assert lines[0].startswith("No event matches the selection")
    for fig in (
        nw.draw_actor_network(p, c, sel),
        nw.draw_partner_network(nw.partner_graph(sel.events), sel),
    ):
        assert "No event in the selection" in " ".join(t.get_text() for t in fig.axes[0].texts)
        matplotlib.pyplot.close(fig)


# ---------------------------------------------------------------- drawing


def test_layout_is_deterministic_and_independent_of_insertion_order(small):
    p = nw.actor_projection(nw.bipartite_graph(small))
    q = nx.Graph()
    q.add_nodes_from(reversed(list(p.nodes)))
    q.add_edges_from((v, u, d) for u, v, d in reversed(list(p.edges(data=True))))
    a, b = nw.layout(p), nw.layout(q)
    assert a.keys() == b.keys() and all(np.array_equal(a[n], b[n]) for n in a)


def test_small_actor_network_labels_every_active_actor_and_explains_the_legend(small):
    p = nw.actor_projection(nw.bipartite_graph(small))
    fig = nw.draw_actor_network(p, nw.centrality_table(small, p), small)
    ax = fig.axes[0]
    assert sorted(t.get_text() for t in ax.texts) == sorted(
        ["Mali", "Algérie", "Ali Traoré", "Bélaïd", "Cissé", "Comité mixte"]
    )
    assert "(all dates)" in ax.get_title()
    legend_text = {
        t.get_text() for legend in ax.findobj(matplotlib.legend.Legend) for t in legend.get_texts()
    }
    assert {
        "Algérie (DZA)",
        "Mali (MLI)",
        "no country (joint body)",
        "person",
        "country",
        "institution",
    } <= legend_text
    matplotlib.pyplot.close(fig)


def test_network_figures_are_byte_reproducible(small, tmp_path):
    from helpers.figures.plotting import apply_style, save_figure

    apply_style()
    p = nw.actor_projection(nw.bipartite_graph(small))
    c = nw.centrality_table(small, p)
    for run in ("one", "two"):
        save_figure(nw.draw_actor_network(p, c, small), "02_actor_network", tmp_path / run)
        save_figure(
            nw.draw_partner_network(nw.partner_graph(small.events), small),
            "02_partner_network",
            tmp_path / run,
        )
        matplotlib.pyplot.close("all")
    for name in (
        "02_actor_network.svg",
        "02_actor_network.png",
        "02_partner_network.svg",
        "02_partner_network.png",
    ):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_labels_to_draw_keeps_the_most_central_first(small):
    c = nw.centrality_table(small)
    assert nw.labels_to_draw(c, max_labels=2) == ["ali", "MLI"]
    assert nw.labels_to_draw(c, ["cis", "bel", "zed"], max_labels=2) == ["bel", "cis"]


def test_large_graph_layout_is_bounded_and_labels_are_capped(tmp_path):
    rng = np.random.default_rng(7)
    n_actors, n_events = 2500, 900
    countries = [
        "MLI",
        "DZA",
        "SEN",
        "RUS",
        "MAR",
        "NER",
        "BFA",
        "CIV",
        "GIN",
        "TCD",
        "FRA",
        "CHN",
        "TUR",
        "USA",
        "EGY",
    ]
    actors = [
        (
            f"a{i:04d}",
            f"Acteur {i}",
            ["person", "institution"][i % 2],
            countries[i % len(countries)],
        )
        for i in range(n_actors)
    ]
    events, participants = [], []
    for j in range(n_events):
        events.append(
            {
                "event_id": f"e{j:04d}",
                "event_type": "meeting",
                "partners": countries[1 + j % (len(countries) - 1)],
            }
        )
        for i in sorted(set(rng.integers(0, n_actors, size=rng.integers(1, 6)).tolist())):
            participants.append((f"e{j:04d}", f"a{i:04d}", "participant", ""))
    tables = build_tables(tmp_path / "big", events, actors, participants)
    p = nw.actor_projection(nw.bipartite_graph(tables))
    c = nw.centrality_table(tables, p, exact_up_to=100)
    fig = nw.draw_actor_network(p, c, tables, max_labels=25)
    assert len(fig.axes[0].texts) == 25
    assert "the 25 most central of" in " ".join(t.get_text() for t in fig.texts)
    matplotlib.pyplot.close(fig)


# ---------------------------------------------------------------- exports


def test_graphml_reads_back_to_the_same_nodes_edges_and_attributes(small, tmp_path):
    g = nw.bipartite_graph(small)
    path = nw.write_graphml(g, tmp_path / "network.graphml")
    back = nx.read_graphml(path)
    assert set(back) == set(g) and _edge_set(back) == _edge_set(g)
    ali = back.nodes[nw.actor_node("ali")]
    assert (ali["titles"], ali["name"], ali["bipartite"], ali["events"]) == (
        "ministre; colonel; général",
        "Ali Traoré",
        0,
        3,
    )
    assert back.nodes[nw.event_node("e5")]["partners"] == "DZA; SEN"
    assert back.nodes[nw.event_node("e3")]["date_start"] == ""
    assert back.edges[nw.actor_node("ali"), nw.event_node("e2")]["role"] == "host; speaker"
    assert "Bélaïd".encode() in path.read_bytes()


def test_gexf_reads_back_and_carries_no_modification_date(small, tmp_path):
    g = nw.bipartite_graph(small)
    path = nw.write_gexf(g, tmp_path / "network.gexf")
    back = nx.read_gexf(path)
    assert set(back) == set(g) and _edge_set(back) == _edge_set(g)
    assert back.nodes[nw.actor_node("bel")]["label"] == "Bélaïd"
    assert back.nodes[nw.actor_node("ali")]["titles"] == "ministre; colonel; général"
    assert b"lastmodifieddate" not in path.read_bytes()


def test_exports_do_not_depend_on_insertion_order(small, tmp_path):
    g = nw.bipartite_graph(small)
    shuffled = nx.Graph(**g.graph)
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from((v, u, d) for u, v, d in reversed(list(g.edges(data=True))))
    a = nw.export(g, tmp_path / "a")
    b = nw.export(shuffled, tmp_path / "b")
    for kind in ("graphml", "gexf", "nodes", "links"):
        assert a[kind].read_bytes() == b[kind].read_bytes()


def test_exports_are_identical_across_processes(tmp_path):
    script = (
        "import sys; from helpers.analyses import network; from helpers.data import events; "
        "network.export(network.bipartite_graph(events.load()), sys.argv[1])"
    )
    for seed, folder in (("1", "x"), ("2", "y")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / folder)], check=True, env=env, cwd=ROOT
        )
    for name in ("network.graphml", "network.gexf", "network_nodes.csv", "network_links.csv"):
        assert (tmp_path / "x" / name).read_bytes() == (tmp_path / "y" / name).read_bytes()


def test_spreadsheet_tables_hold_every_node_and_link_with_plain_values(small, tmp_path):
    g = nw.bipartite_graph(small)
    written = nw.export(g, tmp_path)
    nodes = pd.read_csv(written["nodes"], dtype=str, keep_default_na=False)
    links = pd.read_csv(written["links"], dtype=str, keep_default_na=False)
    assert list(nodes.columns[:2]) == ["Id", "Label"] and list(links.columns[:3]) == [
        "Source",
        "Target",
        "Type",
    ]
    assert set(nodes["Id"]) == set(g) and nodes["Id"].is_monotonic_increasing
    assert {frozenset(e) for e in zip(links["Source"], links["Target"], strict=True)} == _edge_set(
        g
    )
    assert set(links["Type"]) == {"Undirected"}
    ali = nodes.set_index("Id").loc[nw.actor_node("ali")]
    assert (ali["Label"], ali["titles"], ali["events"], ali["event_type"]) == (
        "Ali Traoré",
        "ministre; colonel; général",
        "3",
        "",
    )
    edge = links[
        (links["Source"] == nw.actor_node("ali")) & (links["Target"] == nw.event_node("e2"))
    ]
    assert edge["role"].tolist() == ["host; speaker"]


def test_graph_files_are_left_out_above_the_size_bound_and_the_note_says_so(small, tmp_path):
    g = nw.bipartite_graph(small)
    size = g.number_of_nodes() + g.number_of_edges()
    assert set(nw.export(g, tmp_path / "all", up_to=size)) == {"nodes", "links", "graphml", "gexf"}
    assert set(nw.export(g, tmp_path / "none", up_to=None)) == {"nodes", "links", "graphml", "gexf"}
    assert set(nw.export(g, tmp_path / "big", up_to=size - 1)) == {"nodes", "links"}
    assert not (tmp_path / "big" / "network.graphml").exists()
    note = nw.export_note(g, up_to=size - 1)
    assert f"{size:,} nodes + edges, above graph_files_up_to = {size - 1:,}" in note
    assert "GraphML and GEXF" in nw.export_note(g, up_to=size) and "left out" not in nw.export_note(
        g, up_to=size
    )


@pytest.mark.parametrize(
    "value, expected",
    [
        (["a", "b"], "a; b"),
        ((), ""),
        (None, ""),
        (float("nan"), ""),
        (pd.NA, ""),
        (pd.NaT, ""),
        (np.int64(3), 3),
        ("é", "é"),
        (pd.Timestamp("2023-01-11"), "2023-01-11"),
    ],
)
def test_export_values_are_strings_or_numbers(value, expected):
    assert nw.exports._plain(value) == expected


# ---------------------------------------------------------------- properties


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(st.integers(0, 7), max_size=5), min_size=1, max_size=8))
def test_projection_weights_sum_to_pairs_within_events(tmp_path_factory, groups):
    folder = tmp_path_factory.mktemp("prop")
    actors = [(f"a{i}", f"A{i}", "person", "MLI") for i in range(8)]
    events = [
        {"event_id": f"e{j}", "event_type": "meeting", "partners": "DZA"}
        for j in range(len(groups))
    ]
    participants = [
        (f"e{j}", f"a{i}", "participant", "") for j, g in enumerate(groups) for i in sorted(set(g))
    ]
    tables = build_tables(folder, events, actors, participants)
    g = nw.bipartite_graph(tables)
    p = nw.actor_projection(g)
    assert g.number_of_nodes() == 8 + len(groups)
    assert g.number_of_edges() == sum(len(set(x)) for x in groups)
    assert sum(w for *_, w in p.edges(data="weight")) == sum(
        math.comb(len(set(x)), 2) for x in groups
    )
    pairs = {frozenset(pq) for x in groups for pq in itertools.combinations(sorted(set(x)), 2)}
    assert _edge_set(p) == {frozenset(nw.actor_node(f"a{i}") for i in pq) for pq in pairs}


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 12), st.integers(1, 15), st.floats(0.05, 0.6))
def test_pandas_projection_matches_networkx_weighted_projection(seed, n_actors, n_events, density):
    g = nx.bipartite.random_graph(n_actors, n_events, density, seed=seed)
    b = nx.Graph()
    b.add_nodes_from(
        (nw.actor_node(f"a{i:02d}"), {"bipartite": 0, "kind": "person"}) for i in range(n_actors)
    )
    b.add_nodes_from(
        (nw.event_node(f"e{j:02d}"), {"bipartite": 1, "event_id": f"e{j:02d}"})
        for j in range(n_events)
    )
    name = {
        i: nw.actor_node(f"a{i:02d}") if i < n_actors else nw.event_node(f"e{i - n_actors:02d}")
        for i in g
    }
    b.add_edges_from((name[u], name[v]) for u, v in g.edges())
    actors = nw.actor_nodes(b)
    expected = nx.bipartite.weighted_projected_graph(b, actors)
    got = nw.actor_projection(b)
    assert sorted(got) == sorted(expected)
    assert {frozenset(e): w for *e, w in got.edges(data="weight")} == {
        frozenset(e): w for *e, w in expected.edges(data="weight")
    }
    for u, v, ids in got.edges(data="event_ids"):
        assert ids == sorted(b.nodes[e]["event_id"] for e in nx.common_neighbors(b, u, v))


def test_sampled_betweenness_is_used_above_the_nodes_times_edges_threshold(monkeypatch):
    g = nx.complete_graph(40)
    nx.set_edge_attributes(g, 1.0, "distance")
    assert nw.betweenness_sources(g, exact_up_to=40 * 780) is None
    k = nw.betweenness_sources(g, exact_up_to=40 * 780 - 1)
    assert k == 39  # 40,000,000 // 780 edges clipped to 200, then to n - 1
    big = nx.gnm_random_graph(1_000, 250_000, seed=1)
    assert nw.betweenness_sources(big) == 160  # 40,000,000 // 250,000
    assert "estimated from k = 39 sources" in nw.betweenness_note(g, exact_up_to=100)
    assert "exact" in nw.betweenness_note(g)
    calls = []
    real = nw.sampled_betweenness
    monkeypatch.setattr(
        nw.centrality, "sampled_betweenness", lambda *a, **kw: calls.append(a[1]) or real(*a, **kw)
    )
    nw.betweenness(g, exact_up_to=100)
    nw.betweenness(g)
    assert calls == [39]


@settings(max_examples=40, deadline=None)
@given(
    st.integers(4, 30),
    st.floats(0.1, 0.9),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.data(),
)
def test_sampled_betweenness_equals_networkx_estimate_with_the_same_sources(
    n, density, graph_seed, seed, data
):
    g = nx.gnp_random_graph(n, density, seed=graph_seed)
    g = nx.relabel_nodes(g, {i: f"actor:{i:03d}" for i in g})
    rng = random.Random(graph_seed)
    for u, v in g.edges():
        g[u][v]["distance"] = float(
            rng.randint(1, 3)
        )  # whole lengths: ties are exact for both libraries
    k = data.draw(st.integers(2, n))
    got = nw.sampled_betweenness(g, k, seed=seed)
    expected = nx.betweenness_centrality(g, k=k, seed=seed, weight="distance", normalized=True)
    assert got.keys() == expected.keys()
    for v in g:
        assert got[v] == pytest.approx(expected[v], abs=1e-12)


def test_sampled_betweenness_with_every_node_as_source_is_the_exact_betweenness():
    g = nx.les_miserables_graph()
    for *_, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    got = nw.sampled_betweenness(g, g.number_of_nodes(), seed=1)
    exact = nx.betweenness_centrality(g, weight="distance", normalized=True)
    top = sorted(exact, key=exact.get, reverse=True)[:5]
    assert sorted(got, key=got.get, reverse=True)[:5] == top
    assert max(abs(got[v] - exact[v]) for v in g) < 0.02  # ties up to rounding: see the docstring


def test_sampled_betweenness_refuses_an_impossible_sample():
    with pytest.raises(ValueError, match="2 <= k <= nodes"):
        nw.sampled_betweenness(nx.path_graph(5), 6)


# ---------------------------------------------------------------- seed data


def test_seed_graph_sizes(seeds):
    g = nw.bipartite_graph(seeds)
    p = nw.actor_projection(g)
    assert (g.number_of_nodes(), g.number_of_edges()) == (17 + 16, 50)
    assert (p.number_of_nodes(), p.number_of_edges()) == (17, 41)
    assert g.nodes[nw.actor_node("sadio-camara")]["titles"] == [
        "colonel",
        "Général de corps d’Armée",
        "ministre",
    ]


def test_seed_defence_minister_bridges_senegal_and_russia(seeds):
    b = nw.bridges(seeds).set_index("actor_id")
    assert b.loc["sadio-camara", ["partners", "events", "articles"]].tolist() == ["RUS; SEN", 4, 3]
    assert b.loc["mli-ministry-defence", "partners"] == "DZA; MAR"
    core = nw.centrality_table(
        seeds, nw.actor_projection(nw.bipartite_graph(seeds), kinds=("person", "institution"))
    )
    assert core.iloc[0]["actor_id"] == "sadio-camara"
    lines = nw.network_findings(
        seeds,
        nw.actor_projection(nw.bipartite_graph(seeds)),
        nw.centrality_table(seeds),
        nw.bridges(seeds),
        nw.partner_edges(seeds.events),
        core,
    )
    assert any(
        line.startswith(
            "People who take part in the events of more than one partnership: Sadio Camara (Russie; Sénégal"
        )
        for line in lines
    )
    assert "Events with Mali by partner: Algérie 6, Russie 5, Sénégal 3, Maroc 2." in lines


def test_seed_partner_graph_weights(seeds):
    g = nw.partner_graph(seeds.events)
    per = {
        v: sum(d["weight"] for _, _, d in g.edges(v, data=True))
        for v in ["DZA", "RUS", "SEN", "MAR"]
    }
    assert per == {"DZA": 6, "RUS": 5, "SEN": 3, "MAR": 2}
    assert g.edges["MLI", "DZA", "joint_commission"]["weight"] == 3


# ---------------------------------------------------------------- notebook


@pytest.mark.notebook
def test_notebook_with_a_period_without_events_says_so_and_runs_to_the_end(run_notebook):
    nb = run_notebook("02_network", start="2030", end="2031")
    text = notebook_text(nb)
    assert "No event matches the selection" in text
    c = pd.read_csv(nb.tables_dir / "network_centrality.csv", keep_default_na=False)
    assert list(c.columns) == nw.CENTRALITY_COLUMNS and len(c) == 17 and c["degree"].sum() == 0
    assert (nb.figures_dir / "02_actor_network.svg").is_file() and (
        nb.figures_dir / "02_partner_network.png"
    ).is_file()
    back = nx.read_graphml(nb.tables_dir / "network.graphml")
    assert back.number_of_nodes() == 17 and back.number_of_edges() == 0


@pytest.mark.notebook
def test_notebook_with_a_single_partner(run_notebook):
    nb = run_notebook("02_network", partners=["SEN"])
    text = notebook_text(nb)
    assert "Sénégal 3" in text
    edges = pd.read_csv(nb.tables_dir / "network_partner_edges.csv")
    assert set(edges["target"]) == {"SEN"}
    back = nx.read_graphml(nb.tables_dir / "network.graphml")
    assert sum(1 for _, d in back.nodes(data=True) if d["bipartite"] == 1) == 3
    assert nx.read_gexf(nb.tables_dir / "network.gexf").number_of_nodes() == 17 + 3


@pytest.mark.parametrize("source", ["seeds", "synthetic"])
def test_restricting_the_projection_gives_the_graph_projected_from_those_actors(
    source, seeds, tmp_path
):
    from helpers.runner.synth import synthesize

    tables = seeds if source == "seeds" else ev.load(synthesize(600, tmp_path / "synth", seed=3))
    bipartite = nw.bipartite_graph(ev.filter_events(tables))
    kinds = ("person", "institution")
    built, restricted = (
        nw.actor_projection(bipartite, kinds=kinds),
        nw.restrict_projection(nw.actor_projection(bipartite), kinds),
    )
    assert restricted.number_of_edges() > 0
    assert list(restricted.nodes(data=True)) == list(built.nodes(data=True))
    assert list(restricted.edges(data=True)) == list(built.edges(data=True))
    assert restricted.graph == built.graph
    with pytest.raises(ValueError, match="unknown actor kind"):
        nw.restrict_projection(built, ("people",))

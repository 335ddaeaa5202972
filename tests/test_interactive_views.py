"""The interactive views of the reports: the HTML that embeds them offline, the timeline's rows
and specification (notebook 03) and the actor network's (notebook 02)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers.analyses import network, rhythm
from helpers.analyses.rhythm import view as timeline_view
from helpers.data import events as ev
from helpers.figures import interactive

from conftest import SEED


@pytest.fixture(scope="module")
def seed():
    return ev.load(SEED)


@pytest.fixture(scope="module")
def graphs(seed):
    projection = network.actor_projection(network.bipartite_graph(seed))
    return projection, network.centrality_table(seed, projection)


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


def _data(spec: dict, name: str) -> list[dict]:
    return (
        spec["datasets"][name]
        if "datasets" in spec
        else next(
            layer["data"]["values"]
            for layer in spec["layer"]
            if layer.get("data", {}).get("name") == name
        )
    )


def test_spec_json_cannot_close_the_script_it_sits_in():
    text = interactive.spec_json({"b": "</script><script>alert(1)</script> & <!--", "a": 1})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": 1, "b": "</script><script>alert(1)</script> & <!--"}
    assert text.index('"a"') < text.index('"b"')


def test_view_html_has_a_fixed_id_and_waits_for_the_libraries():
    html = interactive.view_html({"mark": "point"}, "my-view", 'Label "quoted" <b>')
    assert html == interactive.view_html({"mark": "point"}, "my-view", 'Label "quoted" <b>')
    assert '<div class="vega-view" id="my-view" role="figure"' in html
    assert 'aria-label="Label &quot;quoted&quot; &lt;b&gt;"' in html
    assert '<script type="application/json" id="my-view-spec">{"mark":"point"}</script>' in html
    assert f'addEventListener("{interactive.READY_EVENT}"' in html
    assert "http" not in html
    with pytest.raises(ValueError, match="view id"):
        interactive.view_html({}, "Bad id", "x")


def test_the_bundle_is_built_offline_and_sets_the_globals_the_views_call():
    bundle = interactive.bundle_html()
    assert bundle == interactive.bundle_html()
    assert "window.vegaEmbed=" in bundle.replace(" ", "")
    assert "</script" not in interactive.vega_bundle()
    assert bundle.index("(function () {") < bundle.index(f'new Event("{interactive.READY_EVENT}")')
    assert "<script src" not in bundle


def test_show_view_inlines_the_libraries_once_and_says_why_there_is_no_view(monkeypatch):
    shown: list = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    monkeypatch.setitem(interactive._STATE, "bundle_shown", False)
    interactive.show_view(None, "a-view", "A", note="Nothing dated.")
    interactive.show_view({"mark": "point"}, "a-view", "A")
    interactive.show_view({"mark": "point"}, "b-view", "B")
    assert shown[0].data == "*Nothing dated.*"
    assert "window.dispatchEvent" in shown[1].data
    assert 'id="a-view"' in shown[2].data and 'id="b-view"' in shown[3].data
    assert len(shown) == 4


def test_timeline_rows_show_the_title_the_date_as_written_and_every_quote(seed):
    intervals = rhythm.event_intervals(seed.events)
    rows = rhythm.timeline_rows(intervals, seed).set_index("event_id")
    row = rows.loc["dza-agreement-2001-signature"]
    assert row["date_text"] == "le 26 décembre 2001"
    assert row["lo"] == row["hi"] == row["mid"] == "2001-12-26" and row["precise"]
    assert row["partner_name"] == "Algérie (DZA)" and row["type"] == "agreement signature"
    for quote in seed.mentions.loc[seed.mentions["event_id"] == row.name, "evidence"]:
        assert f"« {quote} »" in row["quotes"]
    assert "untitled article (000_3d8f307ad409dae6), outlet not named" in row["quotes"]
    undated = set(intervals.loc[intervals["mark"] == "undated", "event_id"])
    assert undated and not undated & set(rows.index)
    month = rows.loc["dza-jmc-creation-2005"]
    assert (month["lo"], month["hi"], bool(month["precise"])) == ("2005-10-01", "2005-10-31", False)


def test_timeline_spec_zooms_the_dates_only_and_is_the_same_every_run(seed):
    intervals = rhythm.event_intervals(seed.events)
    sessions = rhythm.session_events(seed)
    spec = rhythm.timeline_spec(intervals, sessions, seed)
    assert json.dumps(spec, sort_keys=True) == json.dumps(
        rhythm.timeline_spec(intervals, sessions, seed), sort_keys=True
    )
    assert [
        (p["name"], p["select"]["encodings"], p["bind"], p["views"]) for p in spec["params"]
    ] == [("timeline_zoom", ["x"], "scales", ["event_marks"])]
    points = _layers(spec)[-1]
    fields = [t["field"] for t in points["encoding"]["tooltip"]]
    assert fields == ["title", "date_text", "partner_name", "type", "session", "quotes"]
    implied = _data(spec, "implied")
    assert [r["lo"][:4] for r in implied] == ["2006"]
    assert "sessions 2–14 implied by the numbering" in implied[0]["label"]
    assert "$schema" in spec and "url" not in json.dumps(
        spec["datasets"] if "datasets" in spec else {}
    )


def test_no_timeline_view_without_a_dated_event_or_above_the_limit(seed, monkeypatch):
    intervals = rhythm.event_intervals(seed.events)
    undated = intervals[intervals["mark"] == "undated"]
    assert rhythm.timeline_spec(undated, pd.DataFrame(), seed) is None
    assert (
        rhythm.timeline_view_note(undated)
        == "No dated event in the selection: no interactive timeline."
    )
    monkeypatch.setattr(timeline_view, "TIMELINE_VIEW_UP_TO", 3)
    assert timeline_view.timeline_spec(intervals, pd.DataFrame(), seed) is None
    assert timeline_view.timeline_view_note(intervals).startswith(
        "12 dated events: the interactive timeline draws at most 3;"
    )
    assert rhythm.timeline_view_note(intervals.iloc[:1]) == ""


def test_network_rows_are_the_figure_s_actors_at_the_figure_s_positions(graphs):
    projection, centrality = graphs
    nodes, links = network.network_rows(projection, centrality)
    active, _ = network.drawn_actors(projection, centrality)
    assert sorted("actor:" + nodes["id"]) == active
    pos = network.layout(projection.subgraph(active))
    first = nodes.iloc[0]
    assert (first["x"], first["y"]) == (
        round(float(pos["actor:" + first["id"]][0]), 4),
        round(float(pos["actor:" + first["id"]][1]), 4),
    )
    dza = nodes.set_index("id").loc["DZA"]
    assert dza["country"] == "Algérie (DZA)" and dza["kind"] == "country"
    assert "algerie" in dza["key"] and dza["names"] == "Algérie | Alger"
    assert len(links) == projection.subgraph(active).number_of_edges()
    assert links["shared"].min() >= 1


def test_network_spec_has_a_search_box_that_rings_the_matching_actors(graphs):
    projection, centrality = graphs
    spec = network.network_spec(projection, centrality, max_labels=3)
    params = {p["name"]: p for p in spec["params"]}
    assert params[network.SEARCH_PARAM]["bind"]["input"] == "search"
    assert params["network_zoom"]["bind"] == "scales"
    rings = next(layer for layer in _layers(spec) if layer.get("name") == "actor_matches")
    assert network.SEARCH_PARAM in rings["transform"][0]["filter"]
    assert "lower(trim(" in rings["transform"][0]["filter"]
    actors = _data(spec, "actors")
    assert sum(a["labelled"] for a in actors) == 3
    assert json.dumps(spec, sort_keys=True) == json.dumps(
        network.network_spec(projection, centrality, max_labels=3), sort_keys=True
    )


def test_no_network_view_without_an_active_actor(seed):
    empty = ev.filter_events(seed, start="1990", end="1995")
    projection = network.actor_projection(network.bipartite_graph(empty))
    assert network.network_spec(projection, network.centrality_table(empty, projection)) is None
    nodes, links = network.network_rows(projection, network.centrality_table(empty, projection))
    assert nodes.empty and links.empty

"""Loading the curated tables and the summaries of notebook 01, against hand counts."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analyses.overview import event_table_findings
from helpers.data import events as ev


@pytest.fixture(scope="module")
def tables():
    return ev.load()


def test_load_types_the_event_table(tables):
    e = tables.events.set_index("event_id")
    assert e.loc["dza-jmc-creation-2005", "lo"] == pd.Timestamp("2005-10-01")
    assert e.loc["dza-jmc-creation-2005", "hi"] == pd.Timestamp("2005-10-31")
    assert e.loc["dza-jmc-session-16", "session_number"] == 16
    assert e.loc["mar-delegation-visit", "partner_list"] == ["MAR"]
    assert not e.loc["mar-delegation-visit", "dated"]
    assert str(e["event_type"].dtype) == "category"


def test_no_date_is_invented_for_undated_events(tables):
    e = tables.events.set_index("event_id")
    # a day and a month without a year: no date, the expression kept as written
    assert e.loc[
        "mar-delegation-visit", ["date_start", "date_precision", "date_text"]
    ].tolist() == ["", "unknown", "le 17 février"]
    # no date at all
    assert e.loc["rus-agreement-2003-ratification-cnt", ["date_start", "date_basis"]].tolist() == [
        "",
        "",
    ]
    # dated only relative to the publication date
    assert e.loc["rus-russia-africa-summit-2023", ["date_basis", "date_text"]].tolist() == [
        "relative",
        "la semaine dernière",
    ]


def test_one_person_is_one_actor_across_articles_with_titles_as_written(tables):
    p = tables.participants[tables.participants["actor_id"] == "sadio-camara"]
    arts = tables.mentions[tables.mentions["event_id"].isin(p["event_id"])]["article_id"].nunique()
    assert arts == 3  # the Senegal article and both Russia articles
    assert set(p["title"]) == {"Général de corps d’Armée", "colonel", "ministre"}


def test_events_by_partner_counts(tables):
    t = ev.events_by_partner(tables.events).set_index("partner")
    assert t["events"].to_dict() == {"DZA": 6, "RUS": 5, "SEN": 3, "MAR": 2}
    assert t["undated"].to_dict() == {"DZA": 0, "RUS": 2, "SEN": 0, "MAR": 2}
    assert t.loc["DZA", "partner_name"] == "Algérie"
    assert (t.loc["DZA", "first_year"], t.loc["DZA", "last_year"]) == (2001, 2023)


def test_filter_by_period_keeps_overlapping_events_and_counts_undated_left_out(tables):
    sel = ev.filter_events(tables, start="2023", end="2023")
    assert sorted(sel.events["event_id"]) == [
        "dza-jmc-session-16",
        "rus-goita-putin-meeting-2023",
        "rus-russia-africa-summit-2023",
    ]
    assert sel.filters["undated_left_out"] == 4
    assert set(sel.mentions["event_id"]) == set(sel.events["event_id"])


def test_filter_by_partner_and_empty_selection(tables):
    assert set(ev.filter_events(tables, partners=["MAR"]).events["event_id"]) == {
        "mar-delegation-visit",
        "mar-joint-commission-launch",
    }
    empty = ev.filter_events(tables, start="1990", end="1995")
    assert empty.events.empty and ev.events_by_partner(empty.events).empty
    assert event_table_findings(empty) == ["No event matches the selection."]


def test_date_precision_table_counts_basis(tables):
    t = ev.date_precision_table(tables.events)
    assert t.loc["unknown"].sum() == 4
    assert t.loc["day", "relative"] == 1
    assert int(t.to_numpy().sum()) == len(tables.events)


def test_every_event_has_evidence(tables):
    cov = ev.evidence_coverage(tables)
    assert (cov["mentions"] >= 1).all() and len(cov) == 16


def test_explode_partners_equals_pandas_explode(tables):
    none = tables.events.iloc[:2].assign(partner_list=[[], []])
    two = tables.events.iloc[:1].assign(partner_list=[["DZA", "RUS"]])
    events = pd.concat([tables.events, none, two])
    events["partner_name_list"] = events["partner_list"].map(lambda cs: [f"n{c}" for c in cs])
    events["partner_kind_list"] = events["partner_list"].map(lambda cs: ["state"] * len(cs))
    plain = events.explode(["partner_list", "partner_name_list", "partner_kind_list"])
    plain = plain[plain["partner_list"].notna()].rename(
        columns={
            "partner_list": "partner",
            "partner_name_list": "partner_name",
            "partner_kind_list": "partner_kind",
        }
    )
    fast = ev.explode_partners(events)
    assert len(fast) == sum(len(cs) for cs in events["partner_list"]) == len(tables.events) + 2
    pd.testing.assert_frame_equal(fast, plain)


def test_partner_columns_are_one_list_per_row(tables):
    e = tables.events
    assert e["partner_list"].tolist() == [ev.split_codes(p) for p in e["partners"]]
    assert e["partner_kind_list"].tolist() == [["state"] * len(cs) for cs in e["partner_list"]]
    assert e["partner_names"].tolist() == ["; ".join(n) for n in e["partner_name_list"]]

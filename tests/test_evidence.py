"""The evidence table and the report display helpers, on the seed copy of the data."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analyses import display, evidence
from helpers.data import events as ev

from conftest import SEED


@pytest.fixture(scope="module")
def seed():
    return ev.load(SEED)


def test_evidence_table_has_every_event_and_every_quote_in_full(seed):
    table = evidence.evidence_table(seed)
    assert list(table.columns) == evidence.EVIDENCE_COLUMNS
    assert sorted(table["Event id"]) == sorted(seed.events["event_id"])
    text = "\n".join(table["Evidence (verbatim quotes)"])
    for quote in seed.mentions["evidence"]:
        assert f"« {quote} »" in text
    assert "…" not in text


def test_evidence_names_partners_and_articles_not_ids(seed):
    table = evidence.evidence_table(seed).set_index("Event id")
    row = table.loc["dza-agreement-2001-signature"]
    assert row["Partners"] == "Algérie"
    assert row["Date (as written)"] == "le 26 décembre 2001"
    assert row["Type"] == "agreement signature"
    labels = evidence.article_labels(seed).set_index("article_id")
    essor = labels[labels["outlet"] == "L'Essor"].iloc[0]
    assert essor["published"] == "2023-08-02" and essor["article"].startswith("Mali-Russie")
    assert (
        labels.loc["000_3d8f307ad409dae6", "article"] == "untitled article (000_3d8f307ad409dae6)"
    )
    assert labels.loc["000_3d8f307ad409dae6", "outlet"] == "outlet not named"


def test_with_article_labels_replaces_the_id(seed):
    df = pd.DataFrame({"article_id": ["002_7b4a10bd26d76951"], "n": [3]})
    out = evidence.with_article_labels(df, seed)
    assert "article_id" not in out.columns
    assert out.loc[0, "outlet"] == "L'Essor" and out.loc[0, "n"] == 3


def test_readable_table_has_labels_no_index_and_no_na():
    df = pd.DataFrame(
        {"event_id": ["a", "b"], "date_start": [pd.NA, "2020"], "note": ["x < y", "l1\nl2"]},
        index=[5, 7],
    )
    out = display.readable(df)
    assert list(out.columns) == ["Event id", "Date start", "Note"]
    assert out["Date start"].tolist() == ["", "2020"]
    assert out["Note"].tolist() == ["x &lt; y", "l1<br>l2"]
    days = pd.DataFrame(
        {
            "lo": pd.to_datetime(["2001-12-26", None]),
            "t": pd.to_datetime(["2001-12-26 10:30", None]),
        }
    )
    assert display.readable(days).values.tolist() == [
        ["2001-12-26", "2001-12-26 10:30:00"],
        ["", ""],
    ]


def test_table_html_is_offline_searchable_and_stable():
    df = pd.DataFrame({"partner": ["Algérie", "Russie"]})
    first = display.table_html(df, "events")
    assert first == display.table_html(df, "events")
    assert 'id="events"' in first and '"topEnd": "search"' in first
    assert "https://www.unpkg.com" not in first


def test_quotes_of_one_event_are_in_article_and_offset_order(seed):
    table = evidence.evidence_table(seed).set_index("Event id")
    m = seed.mentions.sort_values(["article_id", "start"])
    for event_id, group in m.groupby("event_id"):
        lines = table.loc[event_id, "Evidence (verbatim quotes)"].split("\n")
        assert [line.split(" » — ")[0] for line in lines] == [f"« {q}" for q in group["evidence"]]


def test_a_long_table_inlines_its_first_rows_and_says_so(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    df = pd.DataFrame({"n": range(1001, 1013)})
    display.show_table(df, "long", max_rows=5)
    assert "The first 5 of 12 rows are shown" in shown[-2].data
    assert [n for n in range(1001, 1013) if f'\\"{n}\\"' in shown[-1].data] == list(
        range(1001, 1006)
    )
    shown.clear()
    display.show_table(df, "short", max_rows=12)
    assert not any("rows are shown" in o.data for o in shown)
    assert [n for n in range(1001, 1013) if f'\\"{n}\\"' in shown[-1].data] == list(
        range(1001, 1013)
    )


def test_count_and_findings_markdown():
    assert display.count(1, "partner") == "1 partner"
    assert display.count(4, "partner") == "4 partners"
    assert display.count(2, "body", "bodies") == "2 bodies"
    assert display.findings_markdown(["One.", "Two."]) == "### Key findings\n\n- One.\n- Two.\n"


def test_findings_markdown_escapes_html_from_the_data():
    md = display.findings_markdown(["<script>alert('x')</script> visit"])
    assert "<script>" not in md and "&lt;script&gt;alert('x')" in md


def test_quotes_by_event_equals_a_groupby_join(seed):
    m = seed.mentions.merge(evidence.article_labels(seed), on="article_id", how="left")
    m = m.sort_values(["event_id", "article_id", "start"])
    lines = "« " + m["evidence"] + " » — " + m["article"] + ", " + m["outlet"] + ", "
    lines = lines + m["published"]
    plain = lines.groupby(m["event_id"], sort=False).agg("\n".join)
    fast = evidence.quotes_by_event(seed)
    assert fast.to_dict() == plain.to_dict()
    assert fast.index.tolist() == plain.index.tolist()
    assert fast.str.count("\n").max() >= 1  # some event has several quotes

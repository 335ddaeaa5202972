"""The partner page's helpers, against hand counts on the curated data."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analyses import profile
from helpers.data import events as ev


@pytest.fixture(scope="module")
def tables():
    return ev.load()


def test_default_partner_is_the_first_in_the_data(tables):
    assert profile.default_partner(tables, None) == "DZA"
    assert profile.default_partner(tables, " rus ") == "RUS"


def test_officials_keep_titles_as_written_in_date_order(tables):
    people = profile.officials(tables, "SEN").set_index("actor_id")
    assert list(people.index) == ["birame-diop", "sadio-camara"]  # both in 1 event, by name
    assert people.loc["sadio-camara", "titles"] == "Général de corps d’Armée"
    assert people.loc["birame-diop", "side"] == "Sénégal"
    assert people.loc["sadio-camara", "side"] == "Mali"
    # dates as written: the visit is known to the month only
    assert (people.loc["birame-diop", "first"], people.loc["birame-diop", "last"]) == (
        "2025-02",
        "2025-02-06",
    )
    rus = profile.officials(tables, "RUS").set_index("actor_id")
    assert rus.loc["sadio-camara", "events"] == 3
    assert rus.loc["assimi-goita", "titles"] == "colonel → président de la Transition"


def test_officials_of_a_partner_without_events_is_empty(tables):
    assert profile.officials(tables, "TUR").empty


def test_frames_beside_others_puts_the_partner_first_and_marks_insufficient_data():
    frames = pd.DataFrame(
        {
            "partner": ["DZA", "RUS", "DZA", "RUS"],
            "frame": ["sovereignty", "sovereignty", "training", "training"],
            "sentences": ["0", "3", "2", "1"],
            "share": ["", "", "0.25", ""],
            "ci_low": "",
            "ci_high": "",
            "articles": ["1", "2", "1", "2"],
            "insufficient": ["True", "True", "False", "True"],
        }
    )
    table = profile.frames_beside_others(frames, "RUS")
    assert list(table.columns) == ["Russie (RUS)", "Algérie (DZA)"]
    assert table.loc["sovereignty", "Russie (RUS)"] == "3 (insufficient)"
    assert table.loc["training", "Algérie (DZA)"] == "2 (25%)"


def test_partner_quotes_filter_by_partner_in_text_order():
    quotes = pd.DataFrame(
        {
            "article_id": ["a", "a", "b"],
            "start": ["50", "10", "5"],
            "speaker_text": ["x", "y", "z"],
            "actor_id": "",
            "side": ["MLI", "SEN", "RUS"],
            "frames": "",
            "quote": ["q1", "q2", "q3"],
            "partners": ["SEN", "SEN", "RUS"],
        }
    )
    said = profile.partner_quotes(quotes, "SEN")
    assert said["quote"].tolist() == ["q2", "q1"]
    assert profile.partner_quotes(None, "SEN").empty


def test_profile_findings_count_events_and_articles(tables):
    lines = profile.profile_findings(tables, "RUS", profile.officials(tables, "RUS"))
    assert lines[0] == "5 events with Russie (RUS), reported in 2 articles."
    assert lines[1] == "Dated events run from 2003 to 2023; 2 undated."
    assert profile.profile_findings(tables, "TUR", pd.DataFrame()) == [
        "No event with Turquie (TUR) in the selection."
    ]

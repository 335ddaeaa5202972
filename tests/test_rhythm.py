"""Rhythm: intervals from partial dates, gaps and their bounds, session cadence, activity,
figures, and the 03_rhythm notebook on the curated data and on empty selections."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.analyses import rhythm
from helpers.data.dates import bounds
from helpers.data.events import Tables, filter_events, load

from conftest import notebook_text

matplotlib.use("Agg")

EVENT_DEFAULTS = {
    "event_type": "meeting",
    "partners": "DZA",
    "date_start": "",
    "date_end": "",
    "session_number": "",
    "factuality": "occurred",
    "date_text": "",
    "title": "",
}


def events_frame(*rows: dict) -> pd.DataFrame:
    """Events as read from events.csv: text columns, empty string for unknown."""
    return pd.DataFrame([{**EVENT_DEFAULTS, **r} for r in rows])


def tables_of(
    events: pd.DataFrame, participants: list[tuple[str, str]] = (), actors: list[dict] = ()
) -> Tables:
    """A minimal Tables around hand-built events (no articles needed for the rhythm)."""
    actor_cols = ["actor_id", "name", "kind", "country", "aliases"]
    return Tables(
        data_dir=Path("."),
        articles=pd.DataFrame({"article_id": ["a1"], "publisher": [""]}),
        events=events,
        mentions=pd.DataFrame({"event_id": events["event_id"], "article_id": "a1"}),
        actors=pd.DataFrame(list(actors), columns=actor_cols),
        participants=pd.DataFrame(
            [
                {"event_id": e, "actor_id": a, "role": "participant", "title": ""}
                for e, a in participants
            ],
            columns=["event_id", "actor_id", "role", "title"],
        ),
    )


def days(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def one(events: pd.DataFrame) -> pd.Series:
    return rhythm.event_intervals(events).iloc[0]


# ---------------------------------------------------------------- intervals of partial dates


def test_day_precision_event_is_a_one_day_point():
    r = one(events_frame({"event_id": "e", "date_start": "2001-12-26", "date_end": "2001-12-26"}))
    assert (r["precision"], r["mark"], r["span_days"]) == ("day", "point", 1)
    assert r["lo"] == r["hi"] == r["mid"] == pd.Timestamp("2001-12-26")


def test_day_without_end_date_is_a_one_day_point():
    r = one(events_frame({"event_id": "e", "date_start": "2001-12-26"}))
    assert (r["mark"], r["span_days"], r["hi"]) == ("point", 1, pd.Timestamp("2001-12-26"))


def test_multi_day_event_across_a_month_boundary_is_a_range():
    r = one(events_frame({"event_id": "e", "date_start": "2022-01-30", "date_end": "2022-02-02"}))
    assert (r["precision"], r["mark"], r["span_days"]) == ("day", "range", 4)
    assert r["mid"] == pd.Timestamp("2022-01-31")  # 3 days between bounds, halfway rounded down


def test_multi_day_event_across_a_year_boundary_is_a_range():
    r = one(events_frame({"event_id": "e", "date_start": "2022-12-30", "date_end": "2023-01-02"}))
    assert (r["lo"], r["hi"], r["span_days"]) == (
        pd.Timestamp("2022-12-30"),
        pd.Timestamp("2023-01-02"),
        4,
    )


@pytest.mark.parametrize(
    ("month", "length"), [("2024-02", 29), ("2023-02", 28), ("2005-10", 31), ("2005-11", 30)]
)
def test_month_precision_spans_its_month_leap_years_included(month, length):
    r = one(events_frame({"event_id": "e", "date_start": month, "date_end": month}))
    assert (r["precision"], r["mark"], r["span_days"]) == ("month", "bracket", length)
    assert r["lo"] == pd.Timestamp(f"{month}-01")


@pytest.mark.parametrize(
    ("year", "length", "mid"), [("2024", 366, "2024-07-01"), ("2006", 365, "2006-07-02")]
)
def test_year_precision_spans_its_year_leap_years_included(year, length, mid):
    r = one(events_frame({"event_id": "e", "date_start": year, "date_end": year}))
    assert (r["precision"], r["mark"], r["span_days"]) == ("year", "bracket", length)
    assert (r["lo"], r["hi"], r["mid"]) == (
        pd.Timestamp(f"{year}-01-01"),
        pd.Timestamp(f"{year}-12-31"),
        pd.Timestamp(mid),
    )


def test_range_from_a_month_to_the_next_spans_both_months():
    r = one(events_frame({"event_id": "e", "date_start": "2005-10", "date_end": "2005-11"}))
    assert (r["lo"], r["hi"], r["span_days"], r["mark"]) == (
        pd.Timestamp("2005-10-01"),
        pd.Timestamp("2005-11-30"),
        61,
        "bracket",
    )


def test_range_from_a_day_to_a_month_is_only_as_precise_as_the_month():
    r = one(events_frame({"event_id": "e", "date_start": "2024-01-30", "date_end": "2024-02"}))
    assert (r["precision"], r["mark"], r["hi"]) == ("month", "bracket", pd.Timestamp("2024-02-29"))


def test_undated_event_is_kept_without_a_date_and_listed_after_the_dated_ones():
    iv = rhythm.event_intervals(
        events_frame(
            {"event_id": "z-undated", "date_text": "le 17 février"},
            {"event_id": "a-dated", "date_start": "2020"},
        )
    )
    assert list(iv["event_id"]) == ["a-dated", "z-undated"]
    undated = iv.iloc[1]
    assert (undated["precision"], undated["mark"]) == ("unknown", "undated")
    assert pd.isna(undated["lo"]) and pd.isna(undated["hi"]) and pd.isna(undated["mid"])


def test_event_with_two_partners_appears_in_each_partner_lane():
    iv = rhythm.event_intervals(
        events_frame({"event_id": "e", "partners": "RUS;DZA", "date_start": "2020"})
    )
    assert list(iv["partner"]) == ["DZA", "RUS"]
    assert list(iv["partner_name"]) == ["Algérie", "Russie"]


def test_intervals_of_loaded_events_reuse_their_bounds():
    tables = load()
    iv = rhythm.event_intervals(tables.events)
    merged = iv.merge(
        tables.events[["event_id", "lo", "hi"]], on="event_id", suffixes=("", "_events")
    )
    assert merged["lo"].equals(merged["lo_events"]) and merged["hi"].equals(merged["hi_events"])


partial_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])
)


@settings(max_examples=80, deadline=None)
@given(partial_dates)
def test_interval_of_any_partial_date_agrees_with_its_bounds(value):
    r = one(events_frame({"event_id": "e", "date_start": value, "date_end": value}))
    lo, hi = bounds(value)
    assert (r["lo"], r["hi"]) == (lo, hi)
    assert r["span_days"] == (hi - lo).days + 1
    assert r["mid"] - r["lo"] == pd.Timedelta(days=(hi - lo).days // 2)
    assert r["precision"] == {10: "day", 7: "month", 4: "year"}[len(value)]


# ---------------------------------------------------------------- gaps


def test_gap_from_a_day_to_a_month_in_a_leap_year_has_hand_computed_bounds():
    gaps = rhythm.consecutive_gaps(
        rhythm.event_intervals(
            events_frame(
                {"event_id": "a", "date_start": "2020-01-10"},
                {"event_id": "b", "date_start": "2020-03", "date_end": "2020-03"},
            )
        )
    )
    g = gaps.iloc[0]
    assert (g["from_event"], g["to_event"]) == ("a", "b")
    # min: 1 March - 10 January 2020 (February has 29 days) = 51; max: 31 March - 10 January = 81;
    # mid: 16 March (1 March + 30 // 2) - 10 January = 66.
    assert (g["min_gap_days"], g["mid_gap_days"], g["max_gap_days"], g["exact"]) == (
        51,
        66,
        81,
        False,
    )


def test_event_inside_a_year_precision_event_comes_first_by_midpoint_and_has_min_gap_zero():
    gaps = rhythm.consecutive_gaps(
        rhythm.event_intervals(
            events_frame(
                {"event_id": "year", "date_start": "2021"},
                {"event_id": "may", "date_start": "2021-05-05"},
            )
        )
    )
    g = gaps.iloc[0]
    assert (g["from_event"], g["to_event"]) == ("may", "year")
    assert (g["min_gap_days"], g["mid_gap_days"], g["max_gap_days"]) == (
        0,
        days("2021-05-05", "2021-07-02"),
        days("2021-05-05", "2021-12-31"),
    )


def test_two_exactly_dated_days_give_an_exact_gap():
    gaps = rhythm.consecutive_gaps(
        rhythm.event_intervals(
            events_frame(
                {"event_id": "a", "date_start": "2023-12-31"},
                {"event_id": "b", "date_start": "2024-03-01"},
            )
        )
    )
    assert gaps.iloc[0][["min_gap_days", "mid_gap_days", "max_gap_days", "exact"]].tolist() == [
        61,
        61,
        61,
        True,
    ]


def test_multi_day_events_bound_the_gap_between_their_first_and_last_days():
    gaps = rhythm.consecutive_gaps(
        rhythm.event_intervals(
            events_frame(
                {"event_id": "s15", "date_start": "2022-02-15", "date_end": "2022-02-17"},
                {"event_id": "s16", "date_start": "2023-01-11", "date_end": "2023-01-13"},
            )
        )
    )
    assert gaps.iloc[0][["min_gap_days", "mid_gap_days", "max_gap_days"]].tolist() == [
        328,
        330,
        332,
    ]


def test_events_with_the_same_interval_are_ordered_by_id_with_min_gap_zero():
    gaps = rhythm.consecutive_gaps(
        rhythm.event_intervals(
            events_frame(
                {"event_id": "b-summit", "date_start": "2023-07-24", "date_end": "2023-07-30"},
                {"event_id": "a-meeting", "date_start": "2023-07-24", "date_end": "2023-07-30"},
            )
        )
    )
    assert gaps.iloc[0][
        ["from_event", "to_event", "min_gap_days", "mid_gap_days", "max_gap_days"]
    ].tolist() == ["a-meeting", "b-summit", 0, 0, 6]


def test_gaps_are_computed_per_partner_and_skip_undated_and_announced_events():
    iv = rhythm.event_intervals(
        events_frame(
            {"event_id": "d1", "partners": "DZA", "date_start": "2020-01-01"},
            {"event_id": "d2", "partners": "DZA", "date_start": "2020-01-11"},
            {"event_id": "d-undated", "partners": "DZA"},
            {
                "event_id": "d-announced",
                "partners": "DZA",
                "date_start": "2020-01-05",
                "factuality": "announced",
            },
            {"event_id": "s1", "partners": "SEN", "date_start": "2020-01-03"},
        )
    )
    gaps = rhythm.consecutive_gaps(iv)
    assert gaps[["partner", "from_event", "to_event", "mid_gap_days"]].values.tolist() == [
        ["DZA", "d1", "d2", 10]
    ]
    counted = rhythm.consecutive_gaps(iv, occurred_only=False)
    assert list(counted["to_event"]) == ["d-announced", "d2"]


def test_longest_gap_is_marked_once_per_partner_and_summarised_with_medians():
    iv = rhythm.event_intervals(
        events_frame(
            {"event_id": "a", "date_start": "2020-01-01"},
            {"event_id": "b", "date_start": "2020-01-11"},
            {"event_id": "c", "date_start": "2020-02"},  # 1-29 Feb 2020, mid 15 Feb
            {"event_id": "d", "date_start": "2020-03-01"},
        )
    )
    gaps = rhythm.consecutive_gaps(iv)
    assert gaps[["min_gap_days", "mid_gap_days", "max_gap_days"]].values.tolist() == [
        [10, 10, 10],
        [21, 35, 49],
        [1, 15, 29],
    ]
    assert gaps["longest"].tolist() == [False, True, False]
    s = rhythm.gap_summary(iv, gaps).iloc[0]
    assert (s["dated_events"], s["gaps"], s["first_day"], s["last_day"]) == (
        4,
        3,
        "2020-01-01",
        "2020-03-01",
    )
    assert (s["median_gap_days"], s["median_min_gap_days"], s["median_max_gap_days"]) == (
        15.0,
        10.0,
        29.0,
    )
    assert (s["longest_from"], s["longest_to"], s["longest_mid_days"]) == ("b", "c", 35)


def test_partner_with_a_single_dated_event_has_no_gap_but_a_summary_row():
    iv = rhythm.event_intervals(events_frame({"event_id": "a", "date_start": "2020"}))
    gaps = rhythm.consecutive_gaps(iv)
    assert gaps.empty and list(gaps.columns) == rhythm.GAP_COLUMNS
    s = rhythm.gap_summary(iv, gaps)
    assert s[["partner", "dated_events", "gaps", "longest_from"]].values.tolist() == [
        ["DZA", 1, 0, ""]
    ]
    assert pd.isna(s.iloc[0]["median_gap_days"])


def test_no_dated_event_gives_empty_tables_with_their_columns():
    iv = rhythm.event_intervals(events_frame({"event_id": "a"}))
    gaps = rhythm.consecutive_gaps(iv)
    assert list(gaps.columns) == rhythm.GAP_COLUMNS and gaps.empty
    assert list(rhythm.gap_summary(iv, gaps).columns) == rhythm.SUMMARY_COLUMNS


events_lists = st.lists(
    st.tuples(st.sampled_from(["DZA", "SEN", "DZA;SEN"]), partial_dates, st.integers(0, 20)),
    min_size=0,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(events_lists)
def test_gap_bounds_always_hold_min_le_mid_le_max(rows):
    frame = events_frame(
        *[
            {
                "event_id": f"e{i}",
                "partners": p,
                "date_start": d,
                "date_end": (bounds(d)[1] + pd.Timedelta(days=extra)).strftime("%Y-%m-%d")
                if len(d) == 10
                else d,
            }
            for i, (p, d, extra) in enumerate(rows)
        ]
    )
    iv = (
        rhythm.event_intervals(frame)
        if rows
        else rhythm.event_intervals(events_frame({"event_id": "x"}))
    )
    gaps = rhythm.consecutive_gaps(iv)
    assert (gaps["min_gap_days"] >= 0).all()
    assert (gaps["min_gap_days"] <= gaps["mid_gap_days"]).all()
    assert (gaps["mid_gap_days"] <= gaps["max_gap_days"]).all()
    dated = iv[iv["mark"] != "undated"]
    assert len(gaps) == len(dated) - dated["partner"].nunique()
    assert (gaps.groupby("partner")["longest"].sum() == 1).all()


# ---------------------------------------------------------------- numbered sessions and cadence

BODY = {
    "actor_id": "dza-body",
    "name": "Comité mixte",
    "kind": "institution",
    "country": "",
    "aliases": "Comité mixte",
}
MINISTRY = {
    "actor_id": "mli-mod",
    "name": "Ministère",
    "kind": "institution",
    "country": "MLI",
    "aliases": "Ministère",
}


def committee(*sessions: tuple[str, str, str], event_type: str = "joint_commission") -> Tables:
    """A joint body's numbered sessions ``(number, date_start, date_end)``, the body taking part."""
    ev = events_frame(
        *[
            {
                "event_id": f"s{n}",
                "event_type": event_type,
                "session_number": n,
                "date_start": a,
                "date_end": b,
            }
            for n, a, b in sessions
        ]
    )
    return tables_of(
        ev,
        participants=[(f"s{n}", "dza-body") for n, _, _ in sessions]
        + [(f"s{sessions[-1][0]}", "mli-mod")],
        actors=[BODY, MINISTRY],
    )


def test_algeria_committee_numbering_lags_a_yearly_cadence_by_two_years():
    t = committee(
        ("1", "2006", "2006"),
        ("15", "2022-02-15", "2022-02-17"),
        ("16", "2023-01-11", "2023-01-13"),
    )
    sessions = rhythm.session_events(t)
    assert sessions["series_id"].unique().tolist() == [
        "dza-body"
    ]  # the ministry has a country: not a joint body
    assert sessions[
        ["session_number", "year", "expected_year_if_yearly", "lag_years"]
    ].values.tolist() == [[1, 2006, 2006, 0], [15, 2022, 2020, 2], [16, 2023, 2021, 2]]
    c = rhythm.session_cadence(sessions).iloc[0]
    assert (c["first_session"], c["first_year"], c["last_session"], c["last_year"]) == (
        1,
        2006,
        16,
        2023,
    )
    assert (c["calendar_years"], c["expected_number_if_yearly"], c["observed_number"]) == (
        18,
        18,
        16,
    )
    assert (c["numbering_lag_years"], c["min_years_without_session"]) == (2, 2)
    assert (c["sessions_documented"], c["sessions_not_documented"]) == (3, 13)
    # (2023 - 2006) / 15 = 1.133; days: (11 Jan 2023 - 31 Dec 2006) = 5855 and (13 Jan 2023 - 1 Jan 2006) = 6221.
    assert c["implied_interval_years"] == round(17 / 15, 2) == 1.13
    assert (
        c["implied_interval_min_years"]
        == round(days("2006-12-31", "2023-01-11") / 15 / 365.25, 2)
        == 1.07
    )
    assert (
        c["implied_interval_max_years"]
        == round(days("2006-01-01", "2023-01-13") / 15 / 365.25, 2)
        == 1.14
    )


def test_yearly_sessions_show_no_lag():
    t = committee(
        ("3", "2010-05", "2010-05"), ("4", "2011-06-01", "2011-06-02"), ("5", "2012", "2012")
    )
    c = rhythm.session_cadence(rhythm.session_events(t)).iloc[0]
    assert (
        c["numbering_lag_years"],
        c["min_years_without_session"],
        c["implied_interval_years"],
    ) == (0, 0, 1.0)
    assert (c["expected_number_if_yearly"], c["observed_number"], c["sessions_not_documented"]) == (
        5,
        5,
        0,
    )


def test_more_than_one_session_a_year_gives_a_negative_lag_and_no_missed_year():
    t = committee(
        ("1", "2010-01", "2010-01"), ("2", "2010-06", "2010-06"), ("3", "2011-02", "2011-02")
    )
    c = rhythm.session_cadence(rhythm.session_events(t)).iloc[0]
    assert (
        c["expected_number_if_yearly"],
        c["observed_number"],
        c["numbering_lag_years"],
        c["min_years_without_session"],
    ) == (2, 3, -1, 0)
    assert c["implied_interval_years"] == 0.5


def test_single_dated_session_has_no_implied_interval():
    c = rhythm.session_cadence(rhythm.session_events(committee(("7", "2019", "2019")))).iloc[0]
    assert (c["numbering_lag_years"], c["calendar_years"]) == (0, 1)
    assert pd.isna(c["implied_interval_years"])


def test_undated_session_is_listed_but_left_out_of_the_cadence():
    t = committee(("1", "2006", "2006"), ("2", "", ""), ("4", "2009", "2009"))
    sessions = rhythm.session_events(t)
    undated = sessions[sessions["session_number"] == 2].iloc[0]
    assert pd.isna(undated["year"]) and pd.isna(undated["expected_year_if_yearly"])
    c = rhythm.session_cadence(sessions).iloc[0]
    assert (c["sessions_documented"], c["last_session"], c["numbering_lag_years"]) == (2, 4, 0)


def test_numbered_series_without_a_joint_body_is_named_by_partners_and_type():
    t = tables_of(
        events_frame(
            {
                "event_id": "jc",
                "event_type": "joint_commission",
                "partners": "MAR",
                "session_number": "3",
                "date_start": "2019",
            }
        )
    )
    s = rhythm.session_events(t).iloc[0]
    assert (s["series_id"], s["series_name"], s["series_rule"], s["joint_body"]) == (
        "MAR:joint_commission",
        "Maroc – joint commission",
        "partners and event type",
        True,
    )


def test_summit_edition_is_listed_but_not_read_as_a_joint_body_cadence():
    t = tables_of(
        events_frame(
            {
                "event_id": "summit",
                "event_type": "summit",
                "partners": "RUS",
                "session_number": "2",
                "date_start": "2023-07-24",
                "date_end": "2023-07-30",
            }
        )
    )
    sessions = rhythm.session_events(t)
    assert sessions[["series_id", "joint_body"]].values.tolist() == [["RUS:summit", False]]
    assert pd.isna(sessions.iloc[0]["expected_year_if_yearly"])
    assert rhythm.session_cadence(sessions).empty
    assert any(
        "not a session of a joint body" in line
        for line in rhythm.rhythm_findings(
            rhythm.event_intervals(t.events),
            pd.DataFrame(columns=rhythm.SUMMARY_COLUMNS),
            sessions,
            rhythm.session_cadence(sessions),
        )
    )


def test_same_session_number_twice_in_a_series_is_a_numbering_problem_and_leaves_the_cadence():
    t = committee(("5", "2010", "2010"), ("5", "2011", "2011"), ("6", "2012", "2012"))
    t.events.loc[1, "event_id"] = "s5-bis"
    t.participants.loc[1, "event_id"] = "s5-bis"
    sessions = rhythm.session_events(t)
    problems = rhythm.numbering_problems(sessions)
    assert problems.values.tolist() == [
        ["dza-body", "s5", 5, "session 5 is given to 2 events; expected one event per session"],
        ["dza-body", "s5-bis", 5, "session 5 is given to 2 events; expected one event per session"],
    ]
    assert rhythm.session_cadence(sessions).empty
    findings = rhythm.rhythm_findings(
        rhythm.event_intervals(t.events),
        pd.DataFrame(columns=rhythm.SUMMARY_COLUMNS),
        sessions,
        rhythm.session_cadence(sessions),
    )
    assert any(
        line.startswith("The session numbers of dza-body cannot be read as a sequence (2 problems")
        for line in findings
    )


def test_session_numbers_against_the_order_of_dates_are_a_numbering_problem():
    t = committee(("2", "2012", "2012"), ("3", "2010", "2010"), ("4", "2013-01", "2013-01"))
    sessions = rhythm.session_events(t)
    assert rhythm.numbering_problems(sessions).values.tolist() == [
        ["dza-body", "s2", 2, "dated after session 3 (s3); expected numbers to follow the dates"]
    ]
    assert rhythm.session_cadence(sessions).empty


def test_overlapping_consecutive_sessions_are_not_a_numbering_problem():
    t = committee(("1", "2010", "2010"), ("2", "2010-03", "2010-03"))
    sessions = rhythm.session_events(t)
    assert rhythm.numbering_problems(sessions).empty
    assert rhythm.session_cadence(sessions)["observed_number"].tolist() == [2]


def test_other_series_keep_their_cadence_when_one_series_is_misnumbered():
    ev = events_frame(
        {
            "event_id": "a2",
            "event_type": "joint_commission",
            "partners": "MAR",
            "session_number": "2",
            "date_start": "2012",
        },
        {
            "event_id": "a3",
            "event_type": "joint_commission",
            "partners": "MAR",
            "session_number": "3",
            "date_start": "2010",
        },
        {
            "event_id": "b1",
            "event_type": "joint_commission",
            "partners": "SEN",
            "session_number": "1",
            "date_start": "2010",
        },
        {
            "event_id": "b2",
            "event_type": "joint_commission",
            "partners": "SEN",
            "session_number": "2",
            "date_start": "2011",
        },
    )
    sessions = rhythm.session_events(tables_of(ev))
    assert rhythm.numbering_problems(sessions)["series_id"].unique().tolist() == [
        "MAR:joint_commission"
    ]
    assert rhythm.session_cadence(sessions)["series_id"].tolist() == ["SEN:joint_commission"]


def test_no_numbered_event_gives_empty_session_and_cadence_tables():
    t = tables_of(events_frame({"event_id": "a", "date_start": "2020"}))
    sessions = rhythm.session_events(t)
    assert sessions.empty and list(sessions.columns) == rhythm.SESSION_COLUMNS
    assert list(rhythm.session_cadence(sessions).columns) == rhythm.CADENCE_COLUMNS
    assert list(rhythm.numbering_problems(sessions).columns) == rhythm.PROBLEM_COLUMNS


# ---------------------------------------------------------------- activity


def test_activity_per_year_counts_where_events_start_and_keeps_empty_years():
    iv = rhythm.event_intervals(
        events_frame(
            {
                "event_id": "a",
                "partners": "DZA",
                "date_start": "2020-12-30",
                "date_end": "2021-01-02",
            },
            {"event_id": "b", "partners": "DZA;SEN", "date_start": "2022"},
            {"event_id": "c", "partners": "SEN"},
        )
    )
    table = rhythm.activity(iv, "year")
    assert table.values.tolist() == [
        ["DZA", 2020, 1],
        ["DZA", 2021, 0],
        ["DZA", 2022, 1],
        ["SEN", 2020, 0],
        ["SEN", 2021, 0],
        ["SEN", 2022, 1],
    ]


def test_quarters_are_offered_only_when_no_dated_event_is_year_only():
    month_day = events_frame(
        {"event_id": "a", "date_start": "2022-02"},
        {"event_id": "b", "date_start": "2022-08-03"},
        {"event_id": "u"},
    )
    iv = rhythm.event_intervals(month_day)
    assert rhythm.quarters_possible(iv)
    assert rhythm.activity(iv, "quarter").values.tolist() == [
        ["DZA", "2022-Q1", 1],
        ["DZA", "2022-Q2", 0],
        ["DZA", "2022-Q3", 1],
    ]
    with_year = rhythm.event_intervals(
        pd.concat([month_day, events_frame({"event_id": "y", "date_start": "2021"})])
    )
    assert not rhythm.quarters_possible(with_year)
    assert rhythm.quarter_note(with_year).startswith(
        "1 of 3 dated events is dated to the year only (y)"
    )


def test_activity_rejects_an_unknown_frequency():
    with pytest.raises(ValueError, match="freq must be 'year' or 'quarter'"):
        rhythm.activity(
            rhythm.event_intervals(events_frame({"event_id": "a", "date_start": "2020"})), "month"
        )


# ---------------------------------------------------------------- figures


def test_lane_tracks_separate_overlapping_events_and_centre_them():
    iv = rhythm.event_intervals(
        events_frame(
            {"event_id": "a", "date_start": "2020-01-01"},
            {"event_id": "b", "date_start": "2020-01-02"},
            {"event_id": "c", "date_start": "2024-01-01"},
        )
    )
    offsets = rhythm.lane_tracks(iv, pad_days=5).round(2).tolist()
    assert offsets == [0.15, -0.15, 0.0]


def test_lane_tracks_reuse_a_track_once_its_event_has_ended():
    iv = rhythm.event_intervals(
        events_frame(
            {"event_id": "a", "date_start": "2020-01-01", "date_end": "2020-01-10"},
            {"event_id": "b", "date_start": "2020-01-05", "date_end": "2020-01-15"},
            {"event_id": "c", "date_start": "2020-01-12", "date_end": "2020-01-20"},
        )
    )
    assert rhythm.lane_tracks(iv, pad_days=0).round(2).tolist() == [0.15, -0.15, 0.15]


def test_lane_tracks_are_capped_so_that_a_crowded_lane_stays_in_its_band():
    iv = rhythm.event_intervals(
        events_frame(*[{"event_id": f"e{i}", "date_start": "2020-01-01"} for i in range(7)])
    )
    offsets = rhythm.lane_tracks(iv, pad_days=1)
    assert offsets.nunique() == rhythm.MAX_TRACKS
    assert offsets.abs().max() <= 0.4


def test_timeline_has_a_lane_per_partner_with_dated_and_undated_counts_and_session_labels(tmp_path):
    t = committee(("1", "2006", "2006"), ("15", "2022-02-15", "2022-02-17"))
    ev = pd.concat(
        [t.events, events_frame({"event_id": "m", "partners": "MAR", "event_type": "visit"})],
        ignore_index=True,
    )
    t = tables_of(ev, participants=[("s1", "dza-body"), ("s15", "dza-body")], actors=[BODY])
    iv = rhythm.event_intervals(t.events)
    gaps = rhythm.consecutive_gaps(iv)
    fig = rhythm.plot_timeline(iv, rhythm.gap_summary(iv, gaps), rhythm.session_events(t), t)
    ax = fig.axes[0]
    assert [x.get_text() for x in ax.get_yticklabels()] == [
        "Algérie (DZA)\n2 dated",
        "Maroc (MAR)\n0 dated · 1 undated",
    ]
    texts = [x.get_text() for x in ax.texts]
    assert "n° 1" in texts and "n° 15" in texts
    assert any(x.startswith("no article reports an event for ≈ 15.6 years") for x in texts)
    assert ax.get_title() == "Cooperation events with Mali per partner over time (all dates)"
    assert ax.get_xlabel() == "Date"


def test_figures_say_so_when_nothing_is_dated():
    t = tables_of(events_frame({"event_id": "m", "partners": "MAR"}))
    iv = rhythm.event_intervals(t.events)
    fig = rhythm.plot_timeline(
        iv, rhythm.gap_summary(iv, rhythm.consecutive_gaps(iv)), rhythm.session_events(t), t
    )
    assert "No dated event in the selection (undated events are listed below)" in [
        x.get_text() for x in fig.axes[0].texts
    ]
    heat = rhythm.plot_activity(rhythm.activity(iv), t)
    assert "No dated event in the selection" in [x.get_text() for x in heat.axes[0].texts]


def test_heat_map_writes_the_count_in_each_non_empty_cell():
    t = tables_of(
        events_frame(
            {"event_id": "a", "date_start": "2020"},
            {"event_id": "b", "date_start": "2020-05"},
            {"event_id": "c", "date_start": "2022"},
        )
    )
    iv = rhythm.event_intervals(t.events)
    fig = rhythm.plot_activity(rhythm.activity(iv), t)
    assert sorted(x.get_text() for x in fig.axes[0].texts) == ["1", "2"]
    assert [x.get_text() for x in fig.axes[0].get_xticklabels()] == ["2020", "2021", "2022"]


def test_timeline_and_heat_map_are_byte_reproducible(tmp_path):
    from helpers.figures.plotting import apply_style, save_figure

    apply_style()
    selected = filter_events(load())
    iv = rhythm.event_intervals(selected.events)
    summary = rhythm.gap_summary(iv, rhythm.consecutive_gaps(iv))
    sessions = rhythm.session_events(selected)
    outputs = []
    for run in ("a", "b"):
        save_figure(
            rhythm.plot_timeline(iv, summary, sessions, selected), "03_timeline", tmp_path / run
        )
        save_figure(
            rhythm.plot_activity(rhythm.activity(iv), selected),
            "03_activity_heatmap",
            tmp_path / run,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted((tmp_path / run).iterdir())})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 4


def test_above_the_bound_the_marks_are_one_image_in_the_svg_and_stay_reproducible(
    tmp_path, monkeypatch
):
    from matplotlib.collections import LineCollection, PathCollection

    from helpers.figures.plotting import apply_style, save_figure

    apply_style()
    rows = [
        {
            "event_id": f"e{i}",
            "date_start": f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "partners": "DZA",
        }
        for i in range(30)
    ]
    t = tables_of(events_frame(*rows))
    iv = rhythm.event_intervals(t.events)
    summary = rhythm.gap_summary(iv, rhythm.consecutive_gaps(iv))
    sessions = rhythm.session_events(t)
    svgs = {}
    for bound in (100, 10, 10):
        monkeypatch.setattr(rhythm.plot, "RASTER_MARKS_ABOVE", bound)
        fig = rhythm.plot_timeline(iv, summary, sessions, t)
        marks = [
            c for c in fig.axes[0].collections if isinstance(c, (PathCollection, LineCollection))
        ]
        assert marks and all(c.get_rasterized() == (bound < 30) for c in marks)
        svgs.setdefault(bound, []).append(
            save_figure(fig, "t", tmp_path / f"{bound}-{len(svgs.get(bound, []))}")[
                "svg"
            ].read_bytes()
        )
    assert b"<image" not in svgs[100][0] and b"<image" in svgs[10][0]
    assert svgs[10][0] == svgs[10][1]
    assert svgs[10][0].count(b"<use") < svgs[100][0].count(b"<use")  # no element per mark


# ---------------------------------------------------------------- the curated seed data

SEED_GAPS = [
    # partner, from, to, min, mid, max (days, computed by hand from the bounds)
    ["DZA", "dza-agreement-2001-signature", "dza-agreement-2001-ratification", 540, 540, 540],
    ["DZA", "dza-agreement-2001-ratification", "dza-jmc-creation-2005", 835, 850, 865],
    ["DZA", "dza-jmc-creation-2005", "dza-jmc-session-01", 62, 259, 456],
    ["DZA", "dza-jmc-session-01", "dza-jmc-session-15", 5525, 5708, 5891],
    ["DZA", "dza-jmc-session-15", "dza-jmc-session-16", 328, 330, 332],
    ["RUS", "rus-agreement-2003-signature", "rus-goita-putin-meeting-2023", 7145, 7330, 7515],
    ["RUS", "rus-goita-putin-meeting-2023", "rus-russia-africa-summit-2023", 0, 0, 6],
    ["SEN", "sen-framework-agreement-2021", "sen-camara-diop-meeting-2025", 1133, 1315, 1497],
    ["SEN", "sen-camara-diop-meeting-2025", "sen-diop-visit-2025", 0, 8, 22],
]
GAP_VALUES = ["partner", "from_event", "to_event", "min_gap_days", "mid_gap_days", "max_gap_days"]


def test_hand_computed_seed_gaps_follow_from_the_calendar():
    assert days("2001-12-26", "2003-06-19") == 540
    assert (
        days("2003-06-19", "2005-10-01"),
        days("2003-06-19", "2005-10-16"),
        days("2003-06-19", "2005-10-31"),
    ) == (835, 850, 865)
    assert (
        days("2005-10-31", "2006-01-01"),
        days("2005-10-16", "2006-07-02"),
        days("2005-10-01", "2006-12-31"),
    ) == (62, 259, 456)
    assert (
        days("2006-12-31", "2022-02-15"),
        days("2006-07-02", "2022-02-16"),
        days("2006-01-01", "2022-02-17"),
    ) == (5525, 5708, 5891)
    assert (
        days("2003-12-31", "2023-07-24"),
        days("2003-07-02", "2023-07-27"),
        days("2003-01-01", "2023-07-30"),
    ) == (7145, 7330, 7515)
    assert (
        days("2021-12-31", "2025-02-06"),
        days("2021-07-02", "2025-02-06"),
        days("2021-01-01", "2025-02-06"),
    ) == (1133, 1315, 1497)
    assert (days("2025-02-06", "2025-02-14"), days("2025-02-06", "2025-02-28")) == (8, 22)


def test_seed_gaps_match_hand_computed_values():
    iv = rhythm.event_intervals(load().events)
    gaps = rhythm.consecutive_gaps(iv)
    assert gaps[GAP_VALUES].values.tolist() == SEED_GAPS
    longest = gaps[gaps["longest"]]
    assert longest["to_event"].tolist() == [
        "dza-jmc-session-15",
        "rus-goita-putin-meeting-2023",
        "sen-camara-diop-meeting-2025",
    ]


def test_seed_summary_medians_and_longest_gaps():
    iv = rhythm.event_intervals(load().events)
    s = rhythm.gap_summary(iv, rhythm.consecutive_gaps(iv)).set_index("partner")
    assert s.loc[
        "DZA",
        ["dated_events", "gaps", "median_gap_days", "median_min_gap_days", "median_max_gap_days"],
    ].tolist() == [6, 5, 540.0, 540.0, 540.0]
    assert s.loc[
        "RUS", ["median_gap_days", "median_min_gap_days", "median_max_gap_days"]
    ].tolist() == [3665.0, 3572.5, 3760.5]
    assert s.loc[
        "SEN", ["median_gap_days", "median_min_gap_days", "median_max_gap_days"]
    ].tolist() == [661.5, 566.5, 759.5]
    assert "MAR" not in s.index


def test_seed_algeria_committee_cadence():
    sessions = rhythm.session_events(load())
    joint = sessions[sessions["joint_body"]]
    assert joint[
        ["series_id", "event_id", "session_number", "year", "expected_year_if_yearly", "lag_years"]
    ].values.tolist() == [
        ["dza-mli-joint-committee", "dza-jmc-session-01", 1, 2006, 2006, 0],
        ["dza-mli-joint-committee", "dza-jmc-session-15", 15, 2022, 2020, 2],
        ["dza-mli-joint-committee", "dza-jmc-session-16", 16, 2023, 2021, 2],
    ]
    assert sessions.loc[~sessions["joint_body"], "event_id"].tolist() == [
        "rus-russia-africa-summit-2023"
    ]
    c = rhythm.session_cadence(sessions)
    assert c[
        [
            "series_id",
            "expected_number_if_yearly",
            "observed_number",
            "numbering_lag_years",
            "implied_interval_years",
            "implied_interval_min_years",
            "implied_interval_max_years",
        ]
    ].values.tolist() == [["dza-mli-joint-committee", 18, 16, 2, 1.13, 1.07, 1.14]]


def test_seed_findings_phrase_the_missed_years_without_naming_them():
    t = load()
    iv = rhythm.event_intervals(t.events)
    sessions = rhythm.session_events(t)
    lines = rhythm.rhythm_findings(
        iv,
        rhythm.gap_summary(iv, rhythm.consecutive_gaps(iv)),
        sessions,
        rhythm.session_cadence(sessions),
    )
    cadence = next(line for line in lines if line.startswith("Comité Mixte"))
    assert "at least 2 of the 18 calendar years 2006–2023 had no session" in cadence
    assert "cannot be told from the numbering alone" in cadence
    assert "1.13 years" in cadence
    assert (
        "4 events have no usable date and are listed apart, not placed: Maroc 2, Russie 2." in lines
    )


# ---------------------------------------------------------------- the notebook


def read_table(nb, name: str) -> pd.DataFrame:
    return pd.read_csv(nb.tables_dir / name, dtype=str, keep_default_na=False)


@pytest.mark.notebook
def test_notebook_tables_on_the_curated_data_match_hand_computed_values(run_notebook):
    nb = run_notebook("03_rhythm")
    gaps = read_table(nb, "rhythm_intervals.csv")
    assert gaps[GAP_VALUES].values.tolist() == [[str(v) for v in row] for row in SEED_GAPS]
    cadence = read_table(nb, "session_cadence.csv")
    assert cadence[
        [
            "series_id",
            "first_session",
            "first_year",
            "last_session",
            "last_year",
            "expected_number_if_yearly",
            "observed_number",
            "min_years_without_session",
            "implied_interval_years",
        ]
    ].values.tolist() == [
        ["dza-mli-joint-committee", "1", "2006", "16", "2023", "18", "16", "2", "1.13"]
    ]
    undated = read_table(nb, "undated_events.csv")
    assert list(undated.columns) == ["event_id", "partners", "event_type", "date_text", "title"]
    assert undated[["partners", "event_id"]].values.tolist() == [
        ["MAR", "mar-delegation-visit"],
        ["MAR", "mar-joint-commission-launch"],
        ["RUS", "rus-agreement-2003-ratification-cnt"],
        ["RUS", "rus-trainees-announcement"],
    ]
    assert undated.loc[0, "date_text"] == "le 17 février"
    year = read_table(nb, "activity_by_year.csv")
    assert year.loc[year["events"] != "0"].values.tolist() == [
        ["DZA", "2001", "1"],
        ["DZA", "2003", "1"],
        ["DZA", "2005", "1"],
        ["DZA", "2006", "1"],
        ["DZA", "2022", "1"],
        ["DZA", "2023", "1"],
        ["RUS", "2003", "1"],
        ["RUS", "2023", "2"],
        ["SEN", "2021", "1"],
        ["SEN", "2025", "2"],
    ]
    assert read_table(nb, "activity_by_quarter.csv").empty
    assert read_table(nb, "session_numbering_problems.csv").empty
    assert sorted(p.name for p in nb.figures_dir.iterdir()) == [
        "03_activity_heatmap.png",
        "03_activity_heatmap.svg",
        "03_partnership_spans.png",
        "03_partnership_spans.svg",
        "03_timeline.png",
        "03_timeline.svg",
    ]
    text = notebook_text(nb)
    assert "3 of 12 dated events are dated to the year only" in text
    assert "at least 2 of the 18 calendar years 2006–2023 had no session" in text


@pytest.mark.notebook
def test_notebook_runs_with_an_empty_period_and_says_so(run_notebook):
    nb = run_notebook("03_rhythm", start="1990", end="1991")
    text = notebook_text(nb)
    assert "0 of 16 events selected (1990 – 1991)" in text
    assert "No event matches the selection: there is no rhythm to describe." in text
    assert "No partner has two dated events in the selection" in text
    for name, columns in [
        ("rhythm_intervals.csv", rhythm.GAP_COLUMNS),
        ("session_cadence.csv", rhythm.CADENCE_COLUMNS),
        ("undated_events.csv", ["event_id", "partners", "event_type", "date_text", "title"]),
    ]:
        table = read_table(nb, name)
        assert table.empty and list(table.columns) == columns
    assert (nb.figures_dir / "03_timeline.svg").is_file() and (
        nb.figures_dir / "03_activity_heatmap.svg"
    ).is_file()


@pytest.mark.notebook
def test_notebook_with_a_partner_without_dated_events_lists_them_and_ends_cleanly(run_notebook):
    nb = run_notebook("03_rhythm", partners=["MAR"])
    text = notebook_text(nb)
    assert (
        "No event in the selection has a usable date: no interval or gap can be computed." in text
    )
    assert "2 events have no usable date and are listed apart, not placed: Maroc 2." in text
    assert read_table(nb, "undated_events.csv")["event_id"].tolist() == [
        "mar-delegation-visit",
        "mar-joint-commission-launch",
    ]
    assert read_table(nb, "rhythm_intervals.csv").empty


def test_the_columns_shown_to_readers_are_columns_of_the_tables():
    assert set(rhythm.INTERVAL_SHOWN) < set(rhythm.INTERVAL_COLUMNS)
    assert set(rhythm.GAP_SHOWN) < set(rhythm.GAP_COLUMNS)
    assert len(set(rhythm.INTERVAL_SHOWN)) == len(rhythm.INTERVAL_SHOWN)

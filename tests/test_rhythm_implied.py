"""Sessions a joint body's numbering implies, and announced or planned sessions, which never count
as documented; spans without reported events are named as coverage."""

from __future__ import annotations

import matplotlib
from test_rhythm import committee

from helpers.analyses import rhythm

matplotlib.use("Agg")


def with_factuality(t, **factuality):
    t.events["factuality"] = t.events["event_id"].map(factuality).fillna("occurred")
    return t


def test_sessions_between_two_documented_ones_are_listed_as_implied():
    t = committee(
        ("1", "2006", "2006"), ("4", "2009-05-02", "2009-05-03"), ("5", "2010-03-01", "2010-03-01")
    )
    implied = rhythm.implied_sessions(rhythm.session_events(t))
    assert list(implied.columns) == rhythm.IMPLIED_COLUMNS
    assert implied[
        [
            "series_id",
            "session_number",
            "after_session",
            "after_event",
            "before_session",
            "before_event",
        ]
    ].values.tolist() == [
        ["dza-body", 2, 1, "s1", 4, "s4"],
        ["dza-body", 3, 1, "s1", 4, "s4"],
    ]
    assert implied[["not_before", "not_after"]].drop_duplicates().values.tolist() == [
        ["2006-12-31", "2009-05-02"]
    ]


def test_announced_and_planned_sessions_are_neither_documented_nor_bounds_of_implied_ones():
    t = committee(
        ("1", "2006", "2006"),
        ("3", "2008-04-01", "2008-04-02"),
        ("4", "2009", "2009"),
        ("5", "2030", "2030"),
    )
    t = with_factuality(t, s3="announced", s5="planned")
    sessions = rhythm.session_events(t)
    assert sessions.set_index("event_id")["factuality"].to_dict() == {
        "s1": "occurred",
        "s3": "announced",
        "s4": "occurred",
        "s5": "planned",
    }
    cadence = rhythm.session_cadence(sessions).iloc[0]
    assert (
        cadence["sessions_documented"],
        cadence["last_session"],
        cadence["sessions_not_documented"],
    ) == (2, 4, 2)
    implied = rhythm.implied_sessions(sessions)
    assert implied["session_number"].tolist() == [2, 3]
    assert set(implied["before_event"]) == {"s4"}


def test_no_series_no_implied_sessions():
    t = committee(("1", "2006", "2006"), ("2", "2007", "2007"))
    assert rhythm.implied_sessions(rhythm.session_events(t)).empty
    assert rhythm.implied_sessions(rhythm.session_events(committee(("1", "2006", "2006")))).empty


def test_the_timeline_draws_implied_sessions_apart_from_documented_ones():
    t = committee(("1", "2006", "2006"), ("15", "2022-02-15", "2022-02-17"))
    iv = rhythm.event_intervals(t.events)
    fig = rhythm.plot_timeline(
        iv, rhythm.gap_summary(iv, rhythm.consecutive_gaps(iv)), rhythm.session_events(t), t
    )
    ax = fig.axes[0]
    texts = [x.get_text() for x in ax.texts]
    assert "sessions 2–14 implied by the numbering, not reported" in texts
    assert "n° 1" in texts and "n° 15" in texts and "n° 2" not in texts
    hatched = [p for p in ax.patches if p.get_hatch() == "///"]
    assert len(hatched) == 1 and hatched[0].get_facecolor()[3] == 0  # hollow
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert "sessions implied by the numbering, not reported" in legend
    assert "longest span with no reported event" in legend


def test_an_implied_band_too_narrow_for_its_label_is_drawn_unlabelled():
    t = committee(
        ("1", "2006-01-10", "2006-01-10"),
        ("3", "2006-03-10", "2006-03-10"),
        ("15", "2022-02-15", "2022-02-17"),
    )
    iv = rhythm.event_intervals(t.events)
    fig = rhythm.plot_timeline(
        iv, rhythm.gap_summary(iv, rhythm.consecutive_gaps(iv)), rhythm.session_events(t), t
    )
    ax = fig.axes[0]
    texts = [x.get_text() for x in ax.texts]
    assert "sessions 4–14 implied by the numbering, not reported" in texts  # 16 years wide
    assert not any(x.startswith("session 2 ") for x in texts)  # two months wide
    assert len([p for p in ax.patches if p.get_hatch() == "///"]) == 2  # both bands drawn


def test_findings_name_spans_without_reports_as_coverage():
    t = committee(("1", "2006", "2006"), ("15", "2022-02-15", "2022-02-17"))
    iv = rhythm.event_intervals(t.events)
    sessions = rhythm.session_events(t)
    summary = rhythm.gap_summary(iv, rhythm.consecutive_gaps(iv))
    lines = rhythm.rhythm_findings(iv, summary, sessions, rhythm.session_cadence(sessions))
    text = " ".join(lines)
    assert "no article reports an event between s1 and s15" in text
    assert "longest gap" not in text
    assert "13 of the sessions numbered 1–15 are implied by the numbering but not reported" in text

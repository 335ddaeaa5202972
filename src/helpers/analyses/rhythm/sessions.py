"""Numbered sessions of joint bodies: series, numbering problems and cadence."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd

from helpers.analyses.rhythm.intervals import DAYS_PER_YEAR, _as_text, _iso, _numbers, midpoint
from helpers.data.countries import partner_name, split_codes
from helpers.data.dates import interval_bounds
from helpers.data.events import Tables
from helpers.data.tables import records

SESSION_COLUMNS = [
    "series_id",
    "series_name",
    "series_rule",
    "joint_body",
    "partners",
    "event_id",
    "event_type",
    "factuality",
    "session_number",
    "date_start",
    "date_end",
    "lo",
    "hi",
    "year",
    "expected_year_if_yearly",
    "lag_years",
]


# Only sessions reported as held count as documented; announced and planned ones are listed, not counted.
DOCUMENTED = ("occurred", "")

CADENCE_COLUMNS = [
    "series_id",
    "series_name",
    "partners",
    "first_session",
    "first_year",
    "last_session",
    "last_year",
    "sessions_documented",
    "sessions_not_documented",
    "calendar_years",
    "expected_number_if_yearly",
    "observed_number",
    "numbering_lag_years",
    "min_years_without_session",
    "implied_interval_years",
    "implied_interval_min_years",
    "implied_interval_max_years",
]


def session_events(tables: Tables) -> pd.DataFrame:
    """Numbered events with their series (joint body or partners + event type), the year of their
    midpoint and, for joint bodies, the year a yearly cadence from the first session predicts."""
    ev = tables.events
    numbers = _numbers(ev["session_number"])
    iv = ev[numbers.notna()].assign(session_number=numbers[numbers.notna()])
    if iv.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SESSION_COLUMNS})
    if "lo" not in iv.columns:
        b = interval_bounds(_as_text(iv["date_start"]), _as_text(iv["date_end"]))
        iv["lo"], iv["hi"] = b["lo"], b["hi"]
    iv["event_type"] = iv["event_type"].astype(str)
    iv["factuality"] = _as_text(iv["factuality"]) if "factuality" in iv.columns else ""
    iv = iv.merge(_joint_bodies(tables, set(iv["event_id"])), on="event_id", how="left")
    by_type = iv["partners"] + ":" + iv["event_type"]
    iv["series_rule"] = np.where(
        iv["body_id"].notna(), "joint body taking part", "partners and event type"
    )
    iv["series_id"] = iv["body_id"].fillna(by_type)
    iv["series_name"] = iv["body_name"].fillna(
        iv["partners"].map(
            lambda p: "; ".join(
                partner_name(c, getattr(tables, "registry", None)) for c in split_codes(p)
            )
        )
        + " – "
        + iv["event_type"].str.replace("_", " ")
    )
    iv["joint_body"] = iv.groupby("series_id")["event_type"].transform(
        lambda t: bool((t == "joint_commission").all())
    )
    iv["year"] = midpoint(iv["lo"], iv["hi"]).dt.year.astype("Int64")
    first = (
        iv[iv["year"].notna() & iv["factuality"].isin(DOCUMENTED)]
        .sort_values("session_number")
        .groupby("series_id")
        .head(1)
    )
    first = first.set_index("series_id")
    ref_n = iv["series_id"].map(first["session_number"]).astype("Int64")
    ref_y = iv["series_id"].map(first["year"]).astype("Int64")
    expected = (ref_y + iv["session_number"] - ref_n).where(iv["joint_body"] & iv["year"].notna())
    iv["expected_year_if_yearly"] = expected.astype("Int64")
    iv["lag_years"] = (iv["year"] - iv["expected_year_if_yearly"]).astype("Int64")
    iv["date_start"], iv["date_end"] = _as_text(iv["date_start"]), _as_text(iv["date_end"])
    iv["lo"], iv["hi"] = _iso(iv["lo"]), _iso(iv["hi"])
    out = iv[SESSION_COLUMNS].sort_values(
        ["joint_body", "series_id", "session_number", "event_id"],
        ascending=[False, True, True, True],
    )
    return out.reset_index(drop=True)


def _joint_bodies(tables: Tables, numbered: set[str]) -> pd.DataFrame:
    """For each event, the joint body taking part: an institution actor with no single country;
    when several take part, the one in most numbered events, then the first by id."""
    actors = tables.actors
    bodies = actors[(actors["kind"] == "institution") & (actors["country"].fillna("") == "")]
    part = tables.participants.merge(bodies[["actor_id", "name"]], on="actor_id")
    if part.empty:
        return pd.DataFrame(columns=["event_id", "body_id", "body_name"])
    weight = part[part["event_id"].isin(numbered)].groupby("actor_id").size()
    part = part.assign(weight=part["actor_id"].map(weight).fillna(0))
    part = part.sort_values(
        ["event_id", "weight", "actor_id"], ascending=[True, False, True]
    ).drop_duplicates("event_id")
    return part.rename(columns={"actor_id": "body_id", "name": "body_name"})[
        ["event_id", "body_id", "body_name"]
    ]


PROBLEM_COLUMNS = ["series_id", "event_id", "session_number", "problem"]


def numbering_problems(sessions: pd.DataFrame) -> pd.DataFrame:
    """Numbered sessions whose numbering cannot be read as a sequence: a number given to several
    events of a series, or a session dated wholly after the next-numbered one. Their series are
    left out of the cadence; the table says why."""
    if sessions.empty:
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    s = sessions.assign(
        lo_t=pd.to_datetime(sessions["lo"].replace("", None)),
        hi_t=pd.to_datetime(sessions["hi"].replace("", None)),
    )
    dup = s[s.duplicated(["series_id", "session_number"], keep=False)]
    dup = dup.assign(
        problem="session "
        + dup["session_number"].astype(str)
        + " is given to "
        + dup.groupby(["series_id", "session_number"])["event_id"].transform("size").astype(str)
        + " events; expected one event per session"
    )
    dated = s[s["lo_t"].notna()].sort_values(["series_id", "session_number", "event_id"])
    nxt = dated.groupby("series_id")[["session_number", "event_id", "hi_t"]].shift(-1)
    late = (
        nxt["hi_t"].notna()
        & (nxt["hi_t"] < dated["lo_t"])
        & (nxt["session_number"] != dated["session_number"])
    )
    order = dated[late].assign(
        problem="dated after session "
        + nxt.loc[late, "session_number"].astype(str)
        + " ("
        + nxt.loc[late, "event_id"]
        + "); expected numbers to follow the dates"
    )
    out = pd.concat([dup, order])[PROBLEM_COLUMNS]
    return out.sort_values(["series_id", "session_number", "event_id", "problem"]).reset_index(
        drop=True
    )


def session_cadence(sessions: pd.DataFrame) -> pd.DataFrame:
    """Per joint body with dated numbered sessions: first and last session and year, the number a
    yearly cadence predicts for the last year against the observed number, the lag, the fewest
    years without a session (if at most one session a year) and the implied mean interval in
    years (by calendar year, and its bounds from the sessions' day intervals). Series with
    :func:`numbering_problems` are left out; announced and planned sessions are not counted."""
    s = _documented(sessions)
    if s.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CADENCE_COLUMNS})
    g = s.groupby(["series_id", "series_name", "partners"])
    first, last = g.head(1).set_index("series_id"), g.tail(1).set_index("series_id")
    out = g.size().rename("sessions_documented").reset_index().set_index("series_id")
    out["first_session"] = first["session_number"].astype(int)
    out["first_year"] = first["year"].astype(int)
    out["last_session"] = last["session_number"].astype(int)
    out["last_year"] = last["year"].astype(int)
    steps = out["last_session"] - out["first_session"]
    out["sessions_not_documented"] = steps + 1 - out["sessions_documented"]
    out["calendar_years"] = out["last_year"] - out["first_year"] + 1
    out["expected_number_if_yearly"] = out["first_session"] + out["last_year"] - out["first_year"]
    out["observed_number"] = out["last_session"]
    out["numbering_lag_years"] = out["expected_number_if_yearly"] - out["observed_number"]
    out["min_years_without_session"] = out["numbering_lag_years"].clip(lower=0)
    per_step = steps.where(steps > 0)
    min_days = (pd.to_datetime(last["lo"]) - pd.to_datetime(first["hi"])).dt.days.clip(lower=0)
    max_days = (pd.to_datetime(last["hi"]) - pd.to_datetime(first["lo"])).dt.days
    out["implied_interval_years"] = ((out["last_year"] - out["first_year"]) / per_step).round(2)
    out["implied_interval_min_years"] = (min_days / per_step / DAYS_PER_YEAR).round(2)
    out["implied_interval_max_years"] = (max_days / per_step / DAYS_PER_YEAR).round(2)
    return out.reset_index()[CADENCE_COLUMNS].sort_values("series_id").reset_index(drop=True)


def _documented(sessions: pd.DataFrame) -> pd.DataFrame:
    """The dated sessions of joint bodies reported as held, in series whose numbering reads as a
    sequence, by series and number."""
    if sessions.empty:
        return sessions
    unreadable = set(numbering_problems(sessions)["series_id"])
    held = sessions["factuality"].isin(DOCUMENTED) if "factuality" in sessions.columns else True
    s = sessions[
        sessions["joint_body"].astype(bool)
        & sessions["year"].notna()
        & held
        & ~sessions["series_id"].isin(unreadable)
    ]
    return s.sort_values(["series_id", "session_number", "event_id"])


IMPLIED_COLUMNS = [
    "series_id",
    "series_name",
    "partners",
    "session_number",
    "after_session",
    "after_event",
    "before_session",
    "before_event",
    "not_before",
    "not_after",
]


def implied_sessions(sessions: pd.DataFrame) -> pd.DataFrame:
    """Sessions a joint body's numbering implies but no article reports: between documented
    sessions 1 and 15, sessions 2 to 14, each with the documented sessions around it and the
    days it must lie between (the end of the one before, the start of the one after). Only
    sessions reported as held bound them (see :func:`session_cadence`)."""
    s = _documented(sessions)
    rows = []
    for series, g in s.groupby("series_id", sort=True):
        held = records(g.drop_duplicates("session_number"))
        for a, b in pairwise(held):
            for n in range(int(a["session_number"]) + 1, int(b["session_number"])):
                rows.append(
                    {
                        "series_id": series,
                        "series_name": a["series_name"],
                        "partners": a["partners"],
                        "session_number": n,
                        "after_session": int(a["session_number"]),
                        "after_event": a["event_id"],
                        "before_session": int(b["session_number"]),
                        "before_event": b["event_id"],
                        "not_before": a["hi"],
                        "not_after": b["lo"],
                    }
                )
    return pd.DataFrame(rows, columns=IMPLIED_COLUMNS)

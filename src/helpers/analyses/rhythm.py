"""Time: each event's interval from its partial dates, gaps between consecutive events with the
uncertainty imprecise dates carry, the cadence of numbered sessions of joint bodies, activity
over time, and the figures of notebook 03.

Rules, stated once:

- An event's interval runs from ``lo`` (earliest day its ``date_start`` allows) to ``hi``
  (latest day its ``date_end``, or ``date_start`` when no end is given, allows): a month-precision
  event spans its month, a year-precision event its year. Undated events have no interval; they
  are kept (``mark == 'undated'``) and listed apart, never placed at a guessed date.
- Consecutive events of a partner follow the order of their midpoints (the day halfway between
  ``lo`` and ``hi``, rounded down), ties broken by ``lo``, ``hi`` then ``event_id``. Only events
  that occurred count in the gaps; announced and planned events are drawn, not counted.
- The gap between consecutive events A then B is bounded by ``min = max(0, B.lo - A.hi)`` and
  ``max = B.hi - A.lo`` days: the true gap lies in between whichever day inside each interval
  is taken as the meeting. ``mid`` is the gap between midpoints. Overlapping intervals give 0.
- A numbered session belongs to a series: the joint body taking part (an institution actor with
  no single country in ``actors.csv``) or, failing that, its partners and event type. Cadence is
  computed only for ``joint_commission`` series; other numbered events (a summit's edition)
  are listed but not read as sessions of a joint body.
"""

from __future__ import annotations

import math

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from helpers.analyses.overview import period_label, source_text
from helpers.data.countries import french_name, split_codes
from helpers.data.dates import interval_bounds
from helpers.data.events import EVENT_TYPES, Tables, explode_partners
from helpers.figures.plotting import source_line

DAYS_PER_YEAR = 365.25
_WIDTH = {10: "day", 7: "month", 4: "year", 0: "unknown"}
_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3}

INTERVAL_COLUMNS = [
    "event_id", "partner", "partner_name", "event_type", "factuality", "precision", "date_start",
    "date_end", "date_text", "lo", "hi", "mid", "span_days", "mark", "session_number", "title",
]
GAP_COLUMNS = [
    "partner", "partner_name", "gap_number", "from_event", "from_precision", "from_lo", "from_hi",
    "to_event", "to_precision", "to_lo", "to_hi", "min_gap_days", "mid_gap_days", "max_gap_days",
    "exact", "longest",
]
SUMMARY_COLUMNS = [
    "partner", "partner_name", "dated_events", "first_day", "last_day", "gaps", "median_gap_days",
    "median_min_gap_days", "median_max_gap_days", "longest_from", "longest_to",
    "longest_min_days", "longest_mid_days", "longest_max_days",
]
SESSION_COLUMNS = [
    "series_id", "series_name", "series_rule", "joint_body", "partners", "event_id", "event_type",
    "session_number", "date_start", "date_end", "lo", "hi", "year", "expected_year_if_yearly",
    "lag_years",
]
CADENCE_COLUMNS = [
    "series_id", "series_name", "partners", "first_session", "first_year", "last_session",
    "last_year", "sessions_documented", "sessions_not_documented", "calendar_years",
    "expected_number_if_yearly", "observed_number", "numbering_lag_years",
    "min_years_without_session", "implied_interval_years", "implied_interval_min_years",
    "implied_interval_max_years",
]
_DTYPES = {"lo": "datetime64[ns]", "hi": "datetime64[ns]", "mid": "datetime64[ns]", "span_days": "Int64", "session_number": "Int64"}


# ---------------------------------------------------------------- intervals


def _as_text(s: pd.Series) -> pd.Series:
    return s.fillna("").astype(str)


def precision_from_dates(date_start: pd.Series, date_end: pd.Series) -> pd.Series:
    """The coarser precision of ``date_start`` and ``date_end`` (an empty end takes the start's):
    a range from a day to a month is only as precise as the month."""
    s, e = _as_text(date_start), _as_text(date_end)
    e = e.where(e != "", s)
    rank = np.maximum(
        s.str.len().map(_WIDTH).map(_RANK).to_numpy(int), e.str.len().map(_WIDTH).map(_RANK).to_numpy(int)
    )
    names = np.array(list(_RANK))
    return pd.Series(names[rank], index=date_start.index, dtype=object)


def midpoint(lo: pd.Series, hi: pd.Series) -> pd.Series:
    """The day halfway between ``lo`` and ``hi``, rounded down (NaT where undated)."""
    half = (hi - lo).dt.days // 2
    return lo + pd.to_timedelta(half, unit="D")


def event_intervals(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, partner) with the event's interval, midpoint, length in days and the
    mark that draws it: ``point`` (one day), ``range`` (several known days), ``bracket`` (month
    or year precision) or ``undated``. Sorted by partner then time, undated last."""
    ev = events.copy()
    if "lo" not in ev.columns or "hi" not in ev.columns:
        b = interval_bounds(_as_text(ev["date_start"]), _as_text(ev["date_end"]))
        ev["lo"], ev["hi"] = b["lo"], b["hi"]
    if "partner_list" not in ev.columns:
        ev["partner_list"] = ev["partners"].map(split_codes)
    for col in ("factuality", "date_text", "title"):
        if col not in ev.columns:
            ev[col] = ""
    if "session_number" not in ev.columns:
        ev["session_number"] = pd.NA
    ev["session_number"] = _numbers(ev["session_number"])
    ev["event_type"] = ev["event_type"].astype(str)
    ev["precision"] = precision_from_dates(ev["date_start"], ev["date_end"])
    ev["mid"] = midpoint(ev["lo"], ev["hi"])
    ev["span_days"] = ((ev["hi"] - ev["lo"]).dt.days + 1).astype("Int64")
    ev["mark"] = np.select(
        [ev["lo"].isna().to_numpy(), (ev["precision"] != "day").to_numpy(), (ev["span_days"] > 1).fillna(False).to_numpy(bool)],
        ["undated", "bracket", "range"],
        default="point",
    )
    ex = explode_partners(ev)
    if ex.empty:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, object)) for c in INTERVAL_COLUMNS})
    ex = ex.assign(undated=ex["lo"].isna()).sort_values(["partner", "undated", "mid", "lo", "hi", "event_id"])
    return ex[INTERVAL_COLUMNS].reset_index(drop=True)


def _iso(s: pd.Series) -> pd.Series:
    return s.dt.strftime("%Y-%m-%d").fillna("")


# ---------------------------------------------------------------- gaps


def consecutive_gaps(intervals: pd.DataFrame, occurred_only: bool = True) -> pd.DataFrame:
    """Gaps between consecutive dated events of each partner, in days: ``min``, ``mid`` and ``max``
    (see the module's rules); ``exact`` when min equals max; ``longest`` marks each partner's
    longest gap (largest ``mid``, then ``max``, then earliest)."""
    iv = intervals[intervals["mark"] != "undated"]
    if occurred_only:
        iv = iv[iv["factuality"].isin(["occurred", ""])]
    iv = iv.sort_values(["partner", "mid", "lo", "hi", "event_id"])
    prev = iv.groupby("partner", sort=False).shift(1)
    has_prev = prev["event_id"].notna()
    cur, prev = iv[has_prev], prev[has_prev]
    if cur.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in GAP_COLUMNS})
    out = pd.DataFrame({
        "partner": cur["partner"],
        "partner_name": cur["partner_name"],
        "from_event": prev["event_id"],
        "from_precision": prev["precision"],
        "from_lo": _iso(prev["lo"]),
        "from_hi": _iso(prev["hi"]),
        "to_event": cur["event_id"],
        "to_precision": cur["precision"],
        "to_lo": _iso(cur["lo"]),
        "to_hi": _iso(cur["hi"]),
        "min_gap_days": (cur["lo"] - prev["hi"]).dt.days.clip(lower=0),
        "mid_gap_days": (cur["mid"] - prev["mid"]).dt.days,
        "max_gap_days": (cur["hi"] - prev["lo"]).dt.days,
    })
    out["gap_number"] = out.groupby("partner").cumcount() + 1
    out["exact"] = out["min_gap_days"] == out["max_gap_days"]
    ranked = out.sort_values(["partner", "mid_gap_days", "max_gap_days", "gap_number"], ascending=[True, False, False, True])
    out["longest"] = out.index.isin(ranked.groupby("partner").head(1).index)
    return out[GAP_COLUMNS].astype({"min_gap_days": int, "mid_gap_days": int, "max_gap_days": int}).reset_index(drop=True)


def gap_summary(intervals: pd.DataFrame, gaps: pd.DataFrame, occurred_only: bool = True) -> pd.DataFrame:
    """Per partner: dated events counted, first and last day, number of gaps, median gap
    (midpoint, minimum and maximum, days) and the longest gap with its bounds."""
    iv = intervals[intervals["mark"] != "undated"]
    if occurred_only:
        iv = iv[iv["factuality"].isin(["occurred", ""])]
    if iv.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SUMMARY_COLUMNS})
    per = iv.groupby(["partner", "partner_name"]).agg(
        dated_events=("event_id", "nunique"), first_day=("lo", "min"), last_day=("hi", "max")
    ).reset_index()
    per["first_day"], per["last_day"] = _iso(per["first_day"]), _iso(per["last_day"])
    if gaps.empty:
        med = pd.DataFrame(columns=["partner", "gaps", "median_gap_days", "median_min_gap_days", "median_max_gap_days"])
        longest = pd.DataFrame(columns=["partner", "longest_from", "longest_to", "longest_min_days", "longest_mid_days", "longest_max_days"])
    else:
        med = gaps.groupby("partner").agg(
            gaps=("gap_number", "size"),
            median_gap_days=("mid_gap_days", "median"),
            median_min_gap_days=("min_gap_days", "median"),
            median_max_gap_days=("max_gap_days", "median"),
        ).reset_index()
        longest = gaps[gaps["longest"]].rename(columns={
            "from_event": "longest_from", "to_event": "longest_to", "min_gap_days": "longest_min_days",
            "mid_gap_days": "longest_mid_days", "max_gap_days": "longest_max_days",
        })[["partner", "longest_from", "longest_to", "longest_min_days", "longest_mid_days", "longest_max_days"]]
    out = per.merge(med, on="partner", how="left").merge(longest, on="partner", how="left")
    out["gaps"] = out["gaps"].fillna(0).astype(int)
    for col in ("median_gap_days", "median_min_gap_days", "median_max_gap_days"):
        out[col] = pd.to_numeric(out[col]).round(1)
    for col in ("longest_min_days", "longest_mid_days", "longest_max_days"):
        out[col] = pd.to_numeric(out[col]).astype("Int64")
    out[["longest_from", "longest_to"]] = out[["longest_from", "longest_to"]].fillna("")
    return out[SUMMARY_COLUMNS].sort_values("partner").reset_index(drop=True)


# ---------------------------------------------------------------- numbered sessions


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
    iv = iv.merge(_joint_bodies(tables, set(iv["event_id"])), on="event_id", how="left")
    by_type = iv["partners"] + ":" + iv["event_type"]
    iv["series_rule"] = np.where(iv["body_id"].notna(), "joint body taking part", "partners and event type")
    iv["series_id"] = iv["body_id"].fillna(by_type)
    iv["series_name"] = iv["body_name"].fillna(
        iv["partners"].map(lambda p: "; ".join(french_name(c) for c in split_codes(p))) + " – " + iv["event_type"].str.replace("_", " ")
    )
    iv["joint_body"] = iv.groupby("series_id")["event_type"].transform(lambda t: bool((t == "joint_commission").all()))
    iv["year"] = midpoint(iv["lo"], iv["hi"]).dt.year.astype("Int64")
    first = iv[iv["year"].notna()].sort_values("session_number").groupby("series_id").head(1)
    first = first.set_index("series_id")
    ref_n = iv["series_id"].map(first["session_number"]).astype("Int64")
    ref_y = iv["series_id"].map(first["year"]).astype("Int64")
    expected = (ref_y + iv["session_number"] - ref_n).where(iv["joint_body"] & iv["year"].notna())
    iv["expected_year_if_yearly"] = expected.astype("Int64")
    iv["lag_years"] = (iv["year"] - iv["expected_year_if_yearly"]).astype("Int64")
    iv["date_start"], iv["date_end"] = _as_text(iv["date_start"]), _as_text(iv["date_end"])
    iv["lo"], iv["hi"] = _iso(iv["lo"]), _iso(iv["hi"])
    out = iv[SESSION_COLUMNS].sort_values(["joint_body", "series_id", "session_number", "event_id"], ascending=[False, True, True, True])
    return out.reset_index(drop=True)


def _numbers(values: pd.Series) -> pd.Series:
    """Session numbers as nullable integers, whether read as text (``''`` = none) or typed."""
    return pd.to_numeric(values.replace("", None), errors="coerce").astype("Int64")


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
    part = part.sort_values(["event_id", "weight", "actor_id"], ascending=[True, False, True]).drop_duplicates("event_id")
    return part.rename(columns={"actor_id": "body_id", "name": "body_name"})[["event_id", "body_id", "body_name"]]


PROBLEM_COLUMNS = ["series_id", "event_id", "session_number", "problem"]


def numbering_problems(sessions: pd.DataFrame) -> pd.DataFrame:
    """Numbered sessions whose numbering cannot be read as a sequence: a number given to several
    events of a series, or a session dated wholly after the next-numbered one. Their series are
    left out of the cadence; the table says why."""
    if sessions.empty:
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    s = sessions.assign(lo_t=pd.to_datetime(sessions["lo"].replace("", None)), hi_t=pd.to_datetime(sessions["hi"].replace("", None)))
    dup = s[s.duplicated(["series_id", "session_number"], keep=False)]
    dup = dup.assign(problem="session " + dup["session_number"].astype(str) + " is given to "
                     + dup.groupby(["series_id", "session_number"])["event_id"].transform("size").astype(str)
                     + " events; expected one event per session")
    dated = s[s["lo_t"].notna()].sort_values(["series_id", "session_number", "event_id"])
    nxt = dated.groupby("series_id")[["session_number", "event_id", "hi_t"]].shift(-1)
    late = nxt["hi_t"].notna() & (nxt["hi_t"] < dated["lo_t"]) & (nxt["session_number"] != dated["session_number"])
    order = dated[late].assign(problem="dated after session " + nxt.loc[late, "session_number"].astype(str)
                               + " (" + nxt.loc[late, "event_id"] + "); expected numbers to follow the dates")
    out = pd.concat([dup, order])[PROBLEM_COLUMNS]
    return out.sort_values(["series_id", "session_number", "event_id", "problem"]).reset_index(drop=True)


def session_cadence(sessions: pd.DataFrame) -> pd.DataFrame:
    """Per joint body with dated numbered sessions: first and last session and year, the number a
    yearly cadence predicts for the last year against the observed number, the lag, the fewest
    years without a session (if at most one session a year) and the implied mean interval in
    years (by calendar year, and its bounds from the sessions' day intervals). Series with
    :func:`numbering_problems` are left out."""
    unreadable = set(numbering_problems(sessions)["series_id"])
    s = sessions[sessions["joint_body"].astype(bool) & sessions["year"].notna() & ~sessions["series_id"].isin(unreadable)]
    if s.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CADENCE_COLUMNS})
    s = s.sort_values(["series_id", "session_number"])
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


# ---------------------------------------------------------------- activity


def quarters_possible(intervals: pd.DataFrame) -> bool:
    """True when every dated event in view is dated to the month or the day, so each falls in one
    quarter; a year-only date cannot be put in a quarter."""
    dated = intervals[intervals["mark"] != "undated"]
    return not dated.empty and bool(dated["precision"].isin(["day", "month"]).all())


def quarter_note(intervals: pd.DataFrame) -> str:
    """Why the activity is or is not shown per quarter, with the count of year-only dates."""
    dated = intervals[intervals["mark"] != "undated"].drop_duplicates("event_id")
    if dated.empty:
        return "No dated event in the selection: no activity per year or quarter to show."
    if quarters_possible(intervals):
        return f"All {len(dated)} dated event(s) are dated to the month or the day: activity is also shown per quarter."
    coarse = sorted(dated.loc[~dated["precision"].isin(["day", "month"]), "event_id"])
    named = ", ".join(coarse[:5]) + (f" and {len(coarse) - 5} more" if len(coarse) > 5 else "")
    return (
        f"{len(coarse)} of {len(dated)} dated event(s) are dated to the year only ({named}), "
        "so they cannot be placed in a quarter: activity is shown per year only."
    )


def activity(intervals: pd.DataFrame, freq: str = "year") -> pd.DataFrame:
    """Dated events per partner and year (``freq='year'``) or quarter (``'quarter'``, as
    ``2022-Q1``), counted where the event starts, every period between the first and the last
    present (zeros included) so that gaps show."""
    if freq not in ("year", "quarter"):
        raise ValueError(f"freq must be 'year' or 'quarter', not {freq!r}")
    dated = intervals[intervals["mark"] != "undated"]
    if dated.empty:
        return pd.DataFrame({"partner": pd.Series(dtype=object), freq: pd.Series(dtype=object), "events": pd.Series(dtype=int)})
    per = dated["lo"].dt.to_period("Y" if freq == "year" else "Q")
    counts = dated.assign(period=per).groupby(["partner", "period"])["event_id"].nunique()
    periods = pd.period_range(per.min(), per.max(), freq=per.dt.freq)
    grid = pd.MultiIndex.from_product([sorted(dated["partner"].unique()), periods], names=["partner", "period"])
    out = counts.reindex(grid, fill_value=0).rename("events").reset_index()
    out[freq] = out["period"].dt.year if freq == "year" else out["period"].map(lambda p: f"{p.year}-Q{p.quarter}")
    return out[["partner", freq, "events"]].astype({"events": int})


# ---------------------------------------------------------------- figures

# Dark members of tab20 (tab10's colours), one per event type; markers differ too.
_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*", "h", "p", "<")


def type_style(event_type: str) -> tuple[str, str]:
    """Marker and colour of an event type, the same in every figure of the notebook."""
    i = EVENT_TYPES.index(event_type) if event_type in EVENT_TYPES else len(EVENT_TYPES) - 1
    colour = "#000000" if i >= 10 else to_hex(plt.get_cmap("tab10")(i))
    return _MARKERS[i], colour


def _empty(ax: plt.Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


MAX_TRACKS = 5
MAX_SESSION_LABELS = 10
RASTER_MARKS_ABOVE = 5_000  # dated events: above this, the marks are one image inside the SVG


def lane_tracks(dated: pd.DataFrame, pad_days: float) -> pd.Series:
    """Vertical offset (fraction of a lane) for each dated event so that events whose marks would
    overlap sit on separate tracks: within a run of overlapping marks, events take tracks in turn,
    as many tracks as marks overlap at once (at most ``MAX_TRACKS``), centred on the lane."""
    d = dated.sort_values(["partner", "lo", "hi", "event_id"])
    lo = d["lo"] - pd.Timedelta(days=pad_days)
    hi = d["hi"] + pd.Timedelta(days=pad_days)
    reach = hi.groupby(d["partner"]).cummax().groupby(d["partner"]).shift(1)
    cluster = (reach.isna() | (lo > reach)).cumsum()
    # Deepest overlap of each run: +1 at each start, -1 at each end, starts first on ties.
    sweep = pd.DataFrame({
        "t": pd.concat([lo, hi]), "step": [1] * len(d) + [-1] * len(d), "cluster": pd.concat([cluster, cluster]),
    }).sort_values(["cluster", "t", "step"], ascending=[True, True, False])
    depth = sweep.groupby("cluster")["step"].cumsum().groupby(sweep["cluster"]).max()
    tracks = cluster.map(depth).clip(upper=MAX_TRACKS)
    track = d.groupby(cluster).cumcount() % tracks
    step = np.minimum(0.3, 0.8 / tracks)
    return (-(track - (tracks - 1) / 2) * step).reindex(dated.index)


def plot_timeline(intervals: pd.DataFrame, summary: pd.DataFrame, sessions: pd.DataFrame, tables: Tables) -> plt.Figure:
    """One lane per partner: day events as points (bars when they last several days), month- or
    year-precision events as brackets over the span with a hollow marker, colour and marker by
    event type, joint-body session numbers written next to them, each lane's longest gap shaded.
    Above :data:`RASTER_MARKS_ABOVE` dated events the marks are rasterised in vector output (an
    SVG of one element per mark would be tens of megabytes); axes, labels and text stay vector."""
    partners = sorted(intervals["partner"].unique())
    fig, ax = plt.subplots(figsize=(10, 0.9 * max(len(partners), 2) + 2.2))
    dated = intervals[intervals["mark"] != "undated"]
    title = f"Cooperation events with Mali per partner over time ({period_label(tables.filters)})"
    if dated.empty:
        msg = "No dated event in the selection" + (" (undated events are listed below)" if len(intervals) else "")
        _empty(ax, msg)
        ax.set_title(title)
        _source(fig, tables)
        return fig
    lane = {p: i for i, p in enumerate(partners)}
    x0, x1 = dated["lo"].min(), dated["hi"].max() + pd.Timedelta(days=1)
    span = max((x1 - x0).days, 365)
    pad = span * 0.01
    y = dated["partner"].map(lane) + lane_tracks(dated, pad)
    ax.set_xlim(x0 - pd.Timedelta(days=span * 0.04), x1 + pd.Timedelta(days=span * 0.04))
    _shade_longest(ax, summary, intervals, lane)
    joint = set(sessions.loc[sessions["joint_body"].astype(bool), "event_id"]) if not sessions.empty else set()
    for (etype, mark, fact), g in dated.assign(y=y, faded=~dated["factuality"].isin(["occurred", ""])).groupby(
        ["event_type", "mark", "faded"], sort=True
    ):
        _draw_marks(ax, g, etype, mark, fact, rasterized=len(dated) > RASTER_MARKS_ABOVE)
    _annotate_sessions(ax, dated.assign(y=y), sessions, span)
    undated_n = intervals[intervals["mark"] == "undated"].groupby("partner").size()
    dated_n = dated.groupby("partner")["event_id"].nunique()
    labels = [
        f"{french_name(p)} ({p})\n{int(dated_n.get(p, 0))} dated" + (f" · {int(undated_n[p])} undated" if p in undated_n else "")
        for p in partners
    ]
    ax.set_yticks(range(len(partners)), labels)
    ax.set_ylim(len(partners) - 0.5, -0.6)
    ax.grid(axis="x", color="#e5e5e5", zorder=0)
    for i in range(1, len(partners)):
        ax.axhline(i - 0.5, color="#dddddd", linewidth=0.8, zorder=0)
    for p in sorted(set(partners) - set(dated_n.index)):
        ax.text(0.5, lane[p], f"no dated event: {int(undated_n.get(p, 0))} undated, listed below the figure",
                transform=ax.get_yaxis_transform(), ha="center", va="center", fontsize=8, style="italic", color="#777777")
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    ax.set_xlabel("Date")
    ax.set_title(title)
    _timeline_legend(ax, dated, bool(joint & set(dated["event_id"])), summary)
    fig.tight_layout()
    _source(fig, tables, " Undated events are listed under the figure, not placed on it.")
    return fig


def _source(fig: plt.Figure, tables: Tables, extra: str = "") -> None:
    source_line(fig, source_text(tables) + extra)


def _draw_marks(ax: plt.Axes, g: pd.DataFrame, etype: str, mark: str, faded: bool, rasterized: bool = False) -> None:
    marker, colour = type_style(etype)
    alpha = 0.45 if faded else 1.0
    one = pd.Timedelta(days=1)
    if mark in ("range", "bracket"):
        x_lo, x_hi = g["lo"].to_numpy(), (g["hi"] + one).to_numpy()
        if mark == "range":
            # The bar spans the event's days; the halo keeps it visible when those days are too
            # few to show as a bar at the scale of the axis.
            ax.hlines(g["y"], x_lo, x_hi, colors=colour, linewidth=8, alpha=0.35 * alpha, zorder=2, rasterized=rasterized)
            ax.scatter(g["mid"], g["y"], marker="o", s=240, color=colour, alpha=0.25 * alpha, linewidths=0, zorder=2,
                       rasterized=rasterized)
        else:
            ax.hlines(g["y"], x_lo, x_hi, colors=colour, linewidth=1.2, alpha=alpha, zorder=2, rasterized=rasterized)
            ax.scatter(np.concatenate([x_lo, x_hi]), np.concatenate([g["y"], g["y"]]), marker="|", s=140,
                       color=colour, alpha=alpha, linewidths=1.2, zorder=2, rasterized=rasterized)
    hollow = mark == "bracket"
    ax.scatter(g["mid"] if mark != "point" else g["lo"], g["y"], marker=marker, s=55, zorder=3, alpha=alpha,
               facecolors="white" if hollow else colour, edgecolors=colour, linewidths=1.4, rasterized=rasterized)


def _annotate_sessions(ax: plt.Axes, dated: pd.DataFrame, sessions: pd.DataFrame, span: int) -> None:
    """``n° 15`` beside the numbered sessions of a joint body (only the first and the last of a
    series with more than ``MAX_SESSION_LABELS`` in a lane); close neighbours alternate above and
    below so that labels do not overlap."""
    if sessions.empty:
        return
    joint = sessions.loc[sessions["joint_body"].astype(bool), ["event_id", "series_id"]]
    s = dated.merge(joint, on="event_id").sort_values(["partner", "series_id", "session_number", "event_id"])
    if s.empty:
        return
    g = s.groupby(["partner", "series_id"])
    many = g["event_id"].transform("size") > MAX_SESSION_LABELS
    rank = g.cumcount()
    s = s[~many | (rank == 0) | (rank == g["event_id"].transform("size") - 1)].sort_values(["partner", "mid", "event_id"])
    close = s.groupby("partner")["mid"].diff().dt.days < span * 0.06
    flip = close.astype(int).groupby((~close).cumsum()).cumsum() % 2 == 1
    for x, yy, n, down in zip(s["mid"], s["y"], s["session_number"], flip, strict=True):
        ax.annotate(f"n° {int(n)}", (x, yy), xytext=(0, -11 if down else 9), textcoords="offset points",
                    ha="center", va="top" if down else "bottom", fontsize=7.5, color="#333333", zorder=4)


def _shade_longest(ax: plt.Axes, summary: pd.DataFrame, intervals: pd.DataFrame, lane: dict) -> None:
    """A light band over each lane's longest gap (between the end of one event and the start of
    the next), labelled with its midpoint length in years."""
    if summary.empty:
        return
    s = summary[summary["longest_from"] != ""]
    ends = intervals.drop_duplicates(["partner", "event_id"]).set_index(["partner", "event_id"])
    for p, a, b, mid in zip(s["partner"], s["longest_from"], s["longest_to"], s["longest_mid_days"], strict=True):
        left, right = ends.loc[(p, a), "hi"] + pd.Timedelta(days=1), ends.loc[(p, b), "lo"]
        if right <= left:
            continue
        y = lane[p]
        ax.fill_between([left, right], y - 0.42, y + 0.42, color="#f2e6c9", zorder=1, linewidth=0)
        ax.text(left + (right - left) / 2, y + 0.4, f"longest gap ≈ {mid / DAYS_PER_YEAR:.1f} years",
                ha="center", va="bottom", fontsize=7, color="#7a5c1e", zorder=1)


def _timeline_legend(ax: plt.Axes, dated: pd.DataFrame, sessions: bool, summary: pd.DataFrame) -> None:
    handles = []
    for t in [t for t in EVENT_TYPES if t in set(dated["event_type"])]:
        marker, colour = type_style(t)
        handles.append(Line2D([], [], marker=marker, linestyle="", color=colour, markersize=7, label=t.replace("_", " ")))
    grey = "#555555"
    handles += [
        Line2D([], [], linestyle="", label=""),
        Line2D([], [], marker="o", linestyle="", color=grey, label="dated to the day"),
        Line2D([], [], marker="o", linestyle="-", linewidth=9, color=grey, alpha=0.5, solid_capstyle="round",
               label="several days (haloed bar)"),
        Line2D([], [], marker="o", markerfacecolor="white", linestyle="-", color=grey,
               label="month or year only (span bracketed)"),
    ]
    if (~dated["factuality"].isin(["occurred", ""])).any():
        handles.append(Line2D([], [], marker="o", linestyle="", color=grey, alpha=0.45, label="announced or planned (faded)"))
    if sessions:
        handles.append(Line2D([], [], linestyle="", label="n° k: numbered session of a joint body"))
    if not summary.empty and (summary["longest_from"] != "").any():
        handles.append(Patch(color="#f2e6c9", label="longest gap of the partner"))
    ax.legend(handles=handles, title="Event type and date", bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)


def plot_activity(table: pd.DataFrame, tables: Tables, freq: str = "year") -> plt.Figure:
    """Heat map of dated events per partner (rows) and year or quarter (columns), counts written
    in the cells, empty periods included so that gaps show."""
    partners = sorted(table["partner"].unique()) if not table.empty else []
    unit = "year" if freq == "year" else "quarter"
    title = f"Dated cooperation events per partner and {unit} ({period_label(tables.filters)})"
    if table.empty:
        fig, ax = plt.subplots(figsize=(8, 2.5))
        _empty(ax, "No dated event in the selection")
        ax.set_title(title)
        _source(fig, tables)
        return fig
    grid = table.pivot(index="partner", columns=freq, values="events").reindex(partners)
    n_cols = grid.shape[1]
    fig, ax = plt.subplots(figsize=(min(max(6.0, 0.34 * n_cols + 3), 16), 0.55 * len(partners) + 2))
    vmax = max(int(grid.to_numpy().max()), 1)
    im = ax.imshow(grid.to_numpy(), cmap="Blues", vmin=0, vmax=vmax * 1.15, aspect="auto", interpolation="nearest")
    rows, cols = np.nonzero(grid.to_numpy())
    for r, c in zip(rows, cols, strict=True):
        v = int(grid.iat[r, c])
        ax.text(c, r, str(v), ha="center", va="center", fontsize=8, color="white" if v > vmax * 0.6 else "#08306b")
    ax.set_yticks(range(len(partners)), [f"{french_name(p)} ({p})" for p in partners])
    ax.set_xticks(range(n_cols), [str(c) for c in grid.columns], rotation=90, fontsize=8)
    ax.set_xticks(np.arange(-0.5, n_cols, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, len(partners), 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(f"{unit.capitalize()} the event starts (dated events only)")
    cbar = fig.colorbar(im, ax=ax, fraction=0.03, pad=0.02)
    cbar.set_label("Events (count)")
    cbar.ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title)
    fig.tight_layout()
    _source(fig, tables, " An event dated to a month or a year counts in the period it starts.")
    return fig


# ---------------------------------------------------------------- findings


def _duration(mid: float, lo: float, hi: float) -> str:
    """``540 days``, ``330 days (328–332)``, ``≈ 15.6 years (5525–5891 days)``."""
    text = f"≈ {mid / DAYS_PER_YEAR:.1f} years ({mid:g}" if mid >= 365 else f"{mid:g} days ("
    if lo == hi == mid:
        return f"≈ {mid / DAYS_PER_YEAR:.1f} years ({mid:g} days)" if mid >= 365 else f"{mid:g} days"
    bounds = f"between {lo:g} and {hi:g} days given the precision of the dates)"
    return (text + " days; " if mid >= 365 else text) + bounds


def rhythm_findings(
    intervals: pd.DataFrame, summary: pd.DataFrame, sessions: pd.DataFrame, cadence: pd.DataFrame
) -> list[str]:
    """Plain-language findings on the selection, each computed from the tables of the notebook."""
    if intervals.empty:
        return ["No event matches the selection: there is no rhythm to describe."]
    lines = []
    undated = intervals[intervals["mark"] == "undated"]
    if summary.empty:
        lines.append("No event in the selection has a usable date: no interval or gap can be computed.")
    for r in summary.itertuples():
        text = f"{r.partner_name} ({r.partner}): {r.dated_events} dated event(s) between {r.first_day} and {r.last_day}"
        if r.gaps:
            text += (
                f"; median interval between consecutive events "
                f"{_duration(r.median_gap_days, r.median_min_gap_days, r.median_max_gap_days)}; "
                f"longest gap {r.longest_from} → {r.longest_to}, "
                f"{_duration(r.longest_mid_days, r.longest_min_days, r.longest_max_days)}."
            )
        else:
            text += "; a single dated event, so no interval."
        lines.append(text)
    if not undated.empty:
        per = undated.groupby("partner")["event_id"].nunique()
        lines.append(
            f"{undated['event_id'].nunique()} event(s) have no usable date and are listed apart, not placed: "
            + ", ".join(f"{french_name(p)} {n}" for p, n in per.items()) + "."
        )
    for r in cadence.itertuples():
        text = (
            f"{r.series_name}: session {r.first_session} in {r.first_year}, session {r.last_session} in {r.last_year}. "
            f"Meeting yearly from session {r.first_session}, it would have reached session {r.expected_number_if_yearly} "
            f"in {r.last_year}; the numbering shows {r.observed_number}"
        )
        if r.numbering_lag_years > 0:
            text += (
                f", a lag of {r.numbering_lag_years} year(s): if at most one session is held a year, at least "
                f"{r.min_years_without_session} of the {r.calendar_years} calendar years {r.first_year}–{r.last_year} "
                "had no session. Which years those were cannot be told from the numbering alone."
            )
        elif r.numbering_lag_years < 0:
            text += f", {-r.numbering_lag_years} session(s) more than one a year: some years had more than one session."
        else:
            text += ", consistent with one session a year."
        if not math.isnan(r.implied_interval_years):
            text += (
                f" Implied mean interval between sessions: {r.implied_interval_years:.2f} years counting calendar years "
                f"(({r.last_year} − {r.first_year}) / {r.last_session - r.first_session}); from the days the dates allow, "
                f"between {r.implied_interval_min_years:.2f} and {r.implied_interval_max_years:.2f} years."
            )
        if r.sessions_not_documented:
            text += (
                f" {r.sessions_not_documented} of the sessions numbered {r.first_session}–{r.last_session} "
                "are not reported in the articles."
            )
        lines.append(text)
    problems = numbering_problems(sessions)
    for series, n in problems.groupby("series_id").size().items():
        lines.append(
            f"The session numbers of {series} cannot be read as a sequence ({n} problem(s) in the numbering table): "
            "the series is left out of the cadence until the event table is corrected."
        )
    if not sessions.empty:
        others = sessions[~sessions["joint_body"].astype(bool)]
        for r in others.itertuples():
            lines.append(
                f"{r.event_id} carries number {r.session_number} but is a {r.event_type.replace('_', ' ')}, "
                "not a session of a joint body: it is left out of the cadence."
            )
    return lines


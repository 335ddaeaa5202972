"""Event intervals from partial dates, gaps between consecutive events and activity over time (rules in the package docstring)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analyses.display import count
from helpers.data.countries import split_codes
from helpers.data.dates import interval_bounds
from helpers.data.events import explode_partners

DAYS_PER_YEAR = 365.25


_WIDTH = {10: "day", 7: "month", 4: "year", 0: "unknown"}


_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3}


INTERVAL_COLUMNS = [
    "event_id",
    "partner",
    "partner_name",
    "event_type",
    "factuality",
    "precision",
    "date_start",
    "date_end",
    "date_text",
    "lo",
    "hi",
    "mid",
    "span_days",
    "mark",
    "session_number",
    "title",
]


GAP_COLUMNS = [
    "partner",
    "partner_name",
    "gap_number",
    "from_event",
    "from_precision",
    "from_lo",
    "from_hi",
    "to_event",
    "to_precision",
    "to_lo",
    "to_hi",
    "min_gap_days",
    "mid_gap_days",
    "max_gap_days",
    "exact",
    "longest",
]

# The columns of the interval and gap tables notebook 03 shows its readers (the CSV files keep
# them all).
INTERVAL_SHOWN = [
    "partner",
    "event_id",
    "event_type",
    "precision",
    "lo",
    "hi",
    "mid",
    "span_days",
    "mark",
    "session_number",
]
GAP_SHOWN = [
    "partner",
    "gap_number",
    "from_event",
    "to_event",
    "min_gap_days",
    "mid_gap_days",
    "max_gap_days",
    "longest",
]


SUMMARY_COLUMNS = [
    "partner",
    "partner_name",
    "dated_events",
    "first_day",
    "last_day",
    "gaps",
    "median_gap_days",
    "median_min_gap_days",
    "median_max_gap_days",
    "longest_from",
    "longest_to",
    "longest_min_days",
    "longest_mid_days",
    "longest_max_days",
]


_DTYPES = {
    "lo": "datetime64[ns]",
    "hi": "datetime64[ns]",
    "mid": "datetime64[ns]",
    "span_days": "Int64",
    "session_number": "Int64",
}


def _as_text(s: pd.Series) -> pd.Series:
    return s.fillna("").astype(str)


def precision_from_dates(date_start: pd.Series, date_end: pd.Series) -> pd.Series:
    """The coarser precision of ``date_start`` and ``date_end`` (an empty end takes the start's):
    a range from a day to a month is only as precise as the month."""
    s, e = _as_text(date_start), _as_text(date_end)
    e = e.where(e != "", s)
    rank = np.maximum(
        s.str.len().map(_WIDTH).map(_RANK).to_numpy(int),
        e.str.len().map(_WIDTH).map(_RANK).to_numpy(int),
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
        [
            ev["lo"].isna().to_numpy(),
            (ev["precision"] != "day").to_numpy(),
            (ev["span_days"] > 1).fillna(False).to_numpy(bool),
        ],
        ["undated", "bracket", "range"],
        default="point",
    )
    ex = explode_partners(ev)
    if ex.empty:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, object)) for c in INTERVAL_COLUMNS})
    ex = ex.assign(undated=ex["lo"].isna()).sort_values(
        ["partner", "undated", "mid", "lo", "hi", "event_id"]
    )
    return ex[INTERVAL_COLUMNS].reset_index(drop=True)


def _iso(s: pd.Series) -> pd.Series:
    return s.dt.strftime("%Y-%m-%d").fillna("")


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
    out = pd.DataFrame(
        {
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
        }
    )
    out["gap_number"] = out.groupby("partner").cumcount() + 1
    out["exact"] = out["min_gap_days"] == out["max_gap_days"]
    ranked = out.sort_values(
        ["partner", "mid_gap_days", "max_gap_days", "gap_number"],
        ascending=[True, False, False, True],
    )
    out["longest"] = out.index.isin(ranked.groupby("partner").head(1).index)
    return (
        out[GAP_COLUMNS]
        .astype({"min_gap_days": int, "mid_gap_days": int, "max_gap_days": int})
        .reset_index(drop=True)
    )


def gap_summary(
    intervals: pd.DataFrame, gaps: pd.DataFrame, occurred_only: bool = True
) -> pd.DataFrame:
    """Per partner: dated events counted, first and last day, number of gaps, median gap
    (midpoint, minimum and maximum, days) and the longest gap with its bounds."""
    iv = intervals[intervals["mark"] != "undated"]
    if occurred_only:
        iv = iv[iv["factuality"].isin(["occurred", ""])]
    if iv.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SUMMARY_COLUMNS})
    per = (
        iv.groupby(["partner", "partner_name"])
        .agg(dated_events=("event_id", "nunique"), first_day=("lo", "min"), last_day=("hi", "max"))
        .reset_index()
    )
    per["first_day"], per["last_day"] = _iso(per["first_day"]), _iso(per["last_day"])
    if gaps.empty:
        med = pd.DataFrame(
            columns=[
                "partner",
                "gaps",
                "median_gap_days",
                "median_min_gap_days",
                "median_max_gap_days",
            ]
        )
        longest = pd.DataFrame(
            columns=[
                "partner",
                "longest_from",
                "longest_to",
                "longest_min_days",
                "longest_mid_days",
                "longest_max_days",
            ]
        )
    else:
        med = (
            gaps.groupby("partner")
            .agg(
                gaps=("gap_number", "size"),
                median_gap_days=("mid_gap_days", "median"),
                median_min_gap_days=("min_gap_days", "median"),
                median_max_gap_days=("max_gap_days", "median"),
            )
            .reset_index()
        )
        longest = gaps[gaps["longest"]].rename(
            columns={
                "from_event": "longest_from",
                "to_event": "longest_to",
                "min_gap_days": "longest_min_days",
                "mid_gap_days": "longest_mid_days",
                "max_gap_days": "longest_max_days",
            }
        )[
            [
                "partner",
                "longest_from",
                "longest_to",
                "longest_min_days",
                "longest_mid_days",
                "longest_max_days",
            ]
        ]
    out = per.merge(med, on="partner", how="left").merge(longest, on="partner", how="left")
    out["gaps"] = out["gaps"].fillna(0).astype(int)
    for col in ("median_gap_days", "median_min_gap_days", "median_max_gap_days"):
        out[col] = pd.to_numeric(out[col]).round(1)
    for col in ("longest_min_days", "longest_mid_days", "longest_max_days"):
        out[col] = pd.to_numeric(out[col]).astype("Int64")
    out[["longest_from", "longest_to"]] = out[["longest_from", "longest_to"]].fillna("")
    return out[SUMMARY_COLUMNS].sort_values("partner").reset_index(drop=True)


def _numbers(values: pd.Series) -> pd.Series:
    """Session numbers as nullable integers, whether read as text (``''`` = none) or typed."""
    return pd.to_numeric(values.replace("", None), errors="coerce").astype("Int64")


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
        return f"{'The' if len(dated) == 1 else 'All'} {count(len(dated), 'dated event')} {'is' if len(dated) == 1 else 'are'} dated to the month or the day: activity is also shown per quarter."
    coarse = sorted(dated.loc[~dated["precision"].isin(["day", "month"]), "event_id"])
    named = ", ".join(coarse[:5]) + (f" and {len(coarse) - 5} more" if len(coarse) > 5 else "")
    return (
        f"{len(coarse)} of {count(len(dated), 'dated event')} {'is' if len(coarse) == 1 else 'are'} dated to the year only ({named}), "
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
        return pd.DataFrame(
            {
                "partner": pd.Series(dtype=object),
                freq: pd.Series(dtype=object),
                "events": pd.Series(dtype=int),
            }
        )
    per = dated["lo"].dt.to_period("Y" if freq == "year" else "Q")
    counts = dated.assign(period=per).groupby(["partner", "period"])["event_id"].nunique()
    periods = pd.period_range(per.min(), per.max(), freq=per.dt.freq)
    grid = pd.MultiIndex.from_product(
        [sorted(dated["partner"].unique()), periods], names=["partner", "period"]
    )
    out = counts.reindex(grid, fill_value=0).rename("events").reset_index()
    out[freq] = (
        out["period"].dt.year
        if freq == "year"
        else out["period"].map(lambda p: f"{p.year}-Q{p.quarter}")
    )
    return out[["partner", freq, "events"]].astype({"events": int})

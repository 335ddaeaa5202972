"""Partial ISO 8601 dates (YYYY, YYYY-MM, YYYY-MM-DD) and the intervals they stand for."""

from __future__ import annotations

import re

import pandas as pd

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PRECISIONS = ("day", "month", "year", "unknown")


def precision_of(value: str | None) -> str:
    """``day``, ``month`` or ``year`` from the form of a partial date; ``unknown`` when empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return "unknown"
    m = PARTIAL_DATE.match(str(value))
    if not m:
        raise ValueError(f"{value!r} is not a partial ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return "day" if m.group(3) else "month" if m.group(2) else "year"


def bounds(value: str | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day a partial date can mean: ``2005-10`` spans 1–31 October 2005.

    Empty gives ``(NaT, NaT)``; an impossible date (``2023-02-30``) raises ``ValueError``.
    """
    precision = precision_of(value)
    if precision == "unknown":
        return pd.NaT, pd.NaT
    start = pd.Timestamp(
        str(value)
        if precision == "day"
        else f"{value}-01"
        if precision == "month"
        else f"{value}-01-01"
    )
    if precision == "day":
        return start, start
    if precision == "month":
        return start, start + pd.offsets.MonthEnd(0)
    return start, pd.Timestamp(year=start.year, month=12, day=31)


def interval_bounds(date_start: pd.Series, date_end: pd.Series) -> pd.DataFrame:
    """Vectorised bounds of events: ``lo`` is the earliest day ``date_start`` allows,
    ``hi`` the latest day ``date_end`` (or ``date_start`` when no end is given) allows."""
    s = date_start.fillna("").astype(str)
    e = date_end.fillna("").astype(str).where(date_end.fillna("").astype(str) != "", s)
    lo = _lower(s)
    hi = _upper(e)
    return pd.DataFrame({"lo": lo, "hi": hi}, index=date_start.index)


def parse_partial(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Vectorised: (well-formed, first day, last day) of partial dates; the days are NaT when
    the value is empty, malformed, or names a day that does not exist (``2023-02-30``)."""
    values = values.fillna("").astype(str)
    ok = (
        values.str.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
        .fillna(False)
        .astype(bool)
    )
    padded = values.where(values.str.len() != 4, values + "-01-01")
    padded = padded.where(padded.str.len() != 7, padded + "-01")
    lo = pd.to_datetime(padded.where(ok), format="%Y-%m-%d", errors="coerce")
    n = values.str.len()
    hi = lo.copy()
    hi[n == 7] = lo[n == 7] + pd.offsets.MonthEnd(0)
    hi[n == 4] = lo[n == 4] + pd.offsets.YearEnd(0)
    return ok, lo, hi


def _lower(s: pd.Series) -> pd.Series:
    return parse_partial(s)[1]


def _upper(s: pd.Series) -> pd.Series:
    return parse_partial(s)[2]

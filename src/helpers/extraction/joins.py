"""Which curated event a drafted proposal is the same real-world event as.

A proposal joins a curated event when they have the same set of partners, the same type family
(:func:`helpers.extraction.evaluate.family`: meetings, visits, summits and joint commissions are
one family) and overlapping date intervals; both must be dated (two undated events are never
taken for one without a shared source, which a new article cannot have). Among several curated
candidates the one of the same type, then with the same dates, then the first by id, is kept.
"""

from __future__ import annotations

import pandas as pd

from helpers.data.countries import split_codes
from helpers.data.dates import interval_bounds
from helpers.extraction.evaluate import family


def _typed(events: pd.DataFrame) -> pd.DataFrame:
    out = events[["event_id", "event_type", "partners", "date_start", "date_end"]].copy()
    out = out.join(interval_bounds(out["date_start"], out["date_end"]))
    out["family"] = out["event_type"].astype(str).map(family)
    out["partner_set"] = out["partners"].map(lambda v: frozenset(split_codes(v)))
    return out


def curated_joins(proposals: pd.DataFrame, curated: pd.DataFrame) -> dict[str, str]:
    """``{proposal event_id: curated event_id}`` for every proposal that is a curated event."""
    if proposals.empty or curated.empty:
        return {}
    p, c = _typed(proposals), _typed(curated)
    c = c[c["lo"].notna() & c["hi"].notna()]
    joins: dict[str, str] = {}
    for row in p[p["lo"].notna() & p["hi"].notna()].itertuples(index=False):
        cand = c[
            (c["family"] == row.family)
            & (c["partner_set"] == row.partner_set)
            & (c["lo"] <= row.hi)
            & (row.lo <= c["hi"])
        ]
        if cand.empty:
            continue
        rank = pd.DataFrame(
            {
                "same_type": cand["event_type"] != row.event_type,
                "same_dates": (cand["date_start"] != row.date_start)
                | (cand["date_end"] != row.date_end),
                "event_id": cand["event_id"],
            }
        ).sort_values(["same_type", "same_dates", "event_id"])
        joins[row.event_id] = str(rank["event_id"].iloc[0])
    return joins

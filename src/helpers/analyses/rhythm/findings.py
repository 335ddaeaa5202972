"""The rhythm notebook's findings, in sentences."""

from __future__ import annotations

import math

import pandas as pd

from helpers.analyses.display import count
from helpers.analyses.rhythm.intervals import DAYS_PER_YEAR
from helpers.analyses.rhythm.sessions import numbering_problems


def _duration(mid: float, lo: float, hi: float) -> str:
    """``540 days``, ``330 days (328–332)``, ``≈ 15.6 years (5525–5891 days)``."""
    text = f"≈ {mid / DAYS_PER_YEAR:.1f} years ({mid:g}" if mid >= 365 else f"{mid:g} days ("
    if lo == hi == mid:
        return (
            f"≈ {mid / DAYS_PER_YEAR:.1f} years ({mid:g} days)"
            if mid >= 365
            else f"{mid:g} {'day' if mid == 1 else 'days'}"
        )
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
        lines.append(
            "No event in the selection has a usable date: no interval or gap can be computed."
        )
    for r in summary.itertuples():
        when = (
            f"on {r.first_day}"
            if r.first_day == r.last_day
            else f"between {r.first_day} and {r.last_day}"
        )
        text = f"{r.partner_name} ({r.partner}): {count(r.dated_events, 'dated event')} {when}"
        if r.gaps:
            text += (
                f"; median interval between consecutive reported events "
                f"{_duration(r.median_gap_days, r.median_min_gap_days, r.median_max_gap_days)}; "
                f"no article reports an event between {r.longest_from} and {r.longest_to}, the longest such span, "
                f"{_duration(r.longest_mid_days, r.longest_min_days, r.longest_max_days)}: "
                "a span of the press coverage, not of the partnership's activity."
            )
        else:
            text += "; a single dated event, so no interval."
        lines.append(text)
    if not undated.empty:
        per = undated.groupby(["partner", "partner_name"])["event_id"].nunique()
        n_undated = undated["event_id"].nunique()
        lines.append(
            f"{count(n_undated, 'event')} {'has' if n_undated == 1 else 'have'} no usable date and "
            f"{'is' if n_undated == 1 else 'are'} listed apart, not placed: "
            + ", ".join(f"{name} {n}" for (_, name), n in per.items())
            + "."
        )
    for r in cadence.itertuples():
        text = (
            f"{r.series_name}: session {r.first_session} in {r.first_year}, session {r.last_session} in {r.last_year}. "
            f"Meeting yearly from session {r.first_session}, it would have reached session {r.expected_number_if_yearly} "
            f"in {r.last_year}; the numbering shows {r.observed_number}"
        )
        if r.numbering_lag_years > 0:
            text += (
                f", a lag of {count(r.numbering_lag_years, 'year')}: if at most one session is held a year, at least "
                f"{r.min_years_without_session} of the {r.calendar_years} calendar years {r.first_year}–{r.last_year} "
                "had no session. Which years those were cannot be told from the numbering alone."
            )
        elif r.numbering_lag_years < 0:
            text += f", {count(-r.numbering_lag_years, 'session')} more than one a year: some years had more than one session."
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
                f"{'is' if r.sessions_not_documented == 1 else 'are'} implied by the numbering but not "
                "reported in the articles; the timeline draws them apart."
            )
        lines.append(text)
    problems = numbering_problems(sessions)
    for series, n in problems.groupby("series_id").size().items():
        lines.append(
            f"The session numbers of {series} cannot be read as a sequence ({count(n, 'problem')} in the numbering table): "
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

# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (mali-defence)
#     language: python
#     name: mali-defence
# ---

# %% [markdown]
# # 03 · Rhythm: how often Mali and each partner meet
#
# How often do Mali and each partner meet, does a joint body meet at a regular cadence, and where
# are the gaps? Every date keeps the uncertainty of how it is written (a day, a month, a year), and
# events the articles do not date are listed apart rather than placed at a guessed date.

# %% tags=["parameters"]
data_dir = None  # data folder; None: the project's data/
figures_dir = None  # where figures are saved; None: build/figures/ (the runner passes figures/)
tables_dir = None  # where the tables behind the figures go; None: build/tables/
start = None  # period start, partial ISO date ("2020", "2022-06"); None: no bound
end = None  # period end, partial ISO date; None: no bound
partners = None  # ISO3 codes such as ["DZA", "RUS"]; None: every partner

# %%
import pandas as pd

from helpers.analyses import notebook, rhythm
from helpers.analyses.display import count, show_findings, show_table
from helpers.data import events as ev
from helpers.figures import plotting
from helpers.figures.interactive import show_view

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 200)

# %% [markdown]
# ## Load and select
#
# `load` validates every table against the data contract before anything is computed. With a
# period set, undated events cannot be placed in it and are left out (the sentence below counts
# them); without one they are kept and listed under the timeline.

# %%
ctx = notebook.setup(
    data_dir=data_dir,
    figures_dir=figures_dir,
    tables_dir=tables_dir,
    start=start,
    end=end,
    partners=partners,
)
selected = ctx.selected
print(ctx.scope)

# %% [markdown]
# ## Each event's interval
#
# A date is an interval: `lo` is the first day it allows, `hi` the last (a month-precision event
# spans its month, a year-precision event its year, a multi-day event its days). `mid` is the day
# halfway between, which orders events in time. `mark` says how the timeline draws it. One row per
# event and partner.

# %%
intervals = rhythm.event_intervals(selected.events)
intervals.drop(columns=["title", "date_text"]).to_csv(
    ctx.tables_dir / "event_intervals.csv", index=False
)
show_table(intervals[rhythm.INTERVAL_SHOWN], "t03-intervals")

# %% [markdown]
# ## Timeline
#
# One lane per partner. A filled marker is an event dated to the day, haloed by a bar when it
# lasts several days; a hollow marker with a bracket is an event known only to the month or the
# year, the bracket spanning all the days it may fall on. Colour and marker give the event type;
# `n° k` marks the numbered sessions of a joint body (only the first and the last when a lane holds
# more than ten of one series); the shaded band is each partner's longest span with no reported
# event (a gap in the press coverage, not necessarily in the cooperation); a hatched grey band marks
# sessions that a joint body's numbering implies but no article reports. Overlapping marks take
# separate tracks within their lane.
# Events that end or interrupt a partnership (termination, withdrawal, break, suspension) are
# ringed in red.

# %%
gaps = rhythm.consecutive_gaps(intervals)
summary = rhythm.gap_summary(intervals, gaps)
sessions = rhythm.session_events(selected)
fig = rhythm.plot_timeline(intervals, summary, sessions, selected)
plotting.save_and_show(fig, "03_timeline", ctx.figures_dir)

# %% [markdown]
# The same events, interactive: drag to pan, scroll or pinch to zoom the dates, and hover a mark
# for the event's title, its date as written and every verbatim quote with its article's title,
# outlet and date. Grey bands are sessions implied by a joint body's numbering. The figure above
# is the record; this view draws at most 2,000 dated events (`rhythm.TIMELINE_VIEW_UP_TO`).

# %%
show_view(
    rhythm.timeline_spec(intervals, sessions, selected),
    "rhythm-timeline",
    "Interactive timeline of the events per partner",
    note=rhythm.timeline_view_note(intervals),
)

# %% [markdown]
# ## Partnership spans and endings
#
# Each partner from its first to its last documented event (dated events that occurred); `ended`
# when its latest event that ends or interrupts the partnership (termination, withdrawal, break of
# relations, suspension) comes after all its other events.

# %%
spans = rhythm.partnership_spans(intervals, selected)
spans.to_csv(ctx.tables_dir / "partnership_spans.csv", index=False)
fig = rhythm.plot_partnership_spans(spans, selected)
plotting.save_and_show(fig, "03_partnership_spans", ctx.figures_dir)
show_table(spans, "t03-spans")

# %% [markdown]
# ### Undated events
#
# The articles give no usable date for these events (or a day and month without a year, quoted
# in `date_text`). They are not on the timeline and do not count in the intervals, but they are
# part of each partnership's record.

# %%
undated = ev.undated_events(selected.events)
undated.to_csv(ctx.tables_dir / "undated_events.csv", index=False)
if undated.empty:
    print("Every event in the selection is dated: nothing is left off the timeline.")
show_table(undated, "t03-undated")

# %% [markdown]
# ## Intervals between consecutive events
#
# For each partner, consecutive events follow the order of their midpoints. Given the intervals
# of two consecutive events A then B, the gap lies between `min_gap_days` = max(0, B.lo − A.hi)
# and `max_gap_days` = B.hi − A.lo, whichever day inside each interval is taken as the meeting;
# `mid_gap_days` is the gap between midpoints. Two events that may share a day have a minimum gap
# of 0. Announced or planned events are drawn but not counted here.

# %%
gaps.to_csv(ctx.tables_dir / "rhythm_intervals.csv", index=False)
if gaps.empty:
    print("No partner has two dated events in the selection: no interval can be computed.")
show_table(gaps[rhythm.GAP_SHOWN], "t03-gaps")

# %% [markdown]
# Per partner: the median interval (between midpoints, with the medians of the minimum and
# maximum gaps, which bound it) and the longest gap.

# %%
summary.to_csv(ctx.tables_dir / "rhythm_summary.csv", index=False)
show_table(summary, "t03-summary")

# %% [markdown]
# ## Cadence of numbered sessions
#
# A numbered event belongs to a series: the joint body taking part (an institution of no single
# country in `actors.csv`), or else its partners and event type. The cadence is read only for
# joint-commission series: a summit's edition number counts summits, not sessions of a bilateral
# body. For each session, `expected_year_if_yearly` is the year a yearly cadence from the first
# dated session predicts, and `lag_years` how far the session's year is behind it.

# %%
sessions.to_csv(ctx.tables_dir / "numbered_sessions.csv", index=False)
if sessions.empty:
    print("No numbered session in the selection.")
show_table(sessions, "t03-sessions")

# %% [markdown]
# A series whose numbers cannot be read as a sequence (one number for several events, or a
# session dated wholly after the next-numbered one) is listed here and left out of the cadence.

# %%
problems = rhythm.numbering_problems(sessions)
problems.to_csv(ctx.tables_dir / "session_numbering_problems.csv", index=False)
print(f"{count(len(problems), 'numbering problem')} in {problems['series_id'].nunique()} series.")
show_table(problems, "t03-problems")

# %% [markdown]
# Per joint body: the session number a yearly cadence would have reached by the last documented
# session's year, against the number observed. The lag is a lower bound on the years without a
# session (if at most one session is held a year); which years were missed cannot be read from the
# numbering. The implied mean interval is counted in calendar years and bounded by the days the
# first and last sessions' dates allow.

# %%
cadence = rhythm.session_cadence(sessions)
cadence.to_csv(ctx.tables_dir / "session_cadence.csv", index=False)
rhythm.implied_sessions(sessions).to_csv(ctx.tables_dir / "implied_sessions.csv", index=False)
if cadence.empty:
    print("No dated session of a joint body in the selection: no cadence to compute.")
show_table(cadence.set_index("series_name").T.rename_axis("measure"), "t03-cadence")

# %% [markdown]
# ## Activity over time
#
# Dated events per partner and year, counted in the year each event starts; empty years between
# the first and the last are kept so that gaps show.

# %%
by_year = rhythm.activity(intervals, "year")
by_year.to_csv(ctx.tables_dir / "activity_by_year.csv", index=False)
fig = rhythm.plot_activity(by_year, selected, "year")
plotting.save_and_show(fig, "03_activity_heatmap", ctx.figures_dir)

# %% [markdown]
# Per quarter only when every dated event in view is dated to the month or the day (a year-only
# date cannot be put in a quarter); `activity_by_quarter.csv` is left empty otherwise.

# %%
print(rhythm.quarter_note(intervals))
quarterly = rhythm.quarters_possible(intervals)
by_quarter = rhythm.activity(intervals if quarterly else intervals.iloc[0:0], "quarter")
by_quarter.to_csv(ctx.tables_dir / "activity_by_quarter.csv", index=False)
if quarterly:
    fig = rhythm.plot_activity(by_quarter, selected, "quarter")
    plotting.save_and_show(fig, "03_activity_heatmap_quarter", ctx.figures_dir)

# %%
show_findings(rhythm.rhythm_findings(intervals, summary, sessions, cadence))

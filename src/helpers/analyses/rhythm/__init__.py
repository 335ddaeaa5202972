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

from helpers.analyses.rhythm.findings import rhythm_findings
from helpers.analyses.rhythm.intervals import (
    DAYS_PER_YEAR,
    GAP_COLUMNS,
    GAP_SHOWN,
    INTERVAL_COLUMNS,
    INTERVAL_SHOWN,
    SUMMARY_COLUMNS,
    activity,
    consecutive_gaps,
    event_intervals,
    gap_summary,
    midpoint,
    precision_from_dates,
    quarter_note,
    quarters_possible,
)
from helpers.analyses.rhythm.plot import (
    MAX_SESSION_LABELS,
    MAX_TRACKS,
    RASTER_MARKS_ABOVE,
    lane_tracks,
    plot_activity,
    plot_timeline,
    type_style,
)
from helpers.analyses.rhythm.sessions import (
    CADENCE_COLUMNS,
    DOCUMENTED,
    IMPLIED_COLUMNS,
    PROBLEM_COLUMNS,
    SESSION_COLUMNS,
    implied_sessions,
    numbering_problems,
    session_cadence,
    session_events,
)
from helpers.analyses.rhythm.spans import SPAN_COLUMNS, partnership_spans, plot_partnership_spans
from helpers.analyses.rhythm.view import (
    TIMELINE_VIEW_UP_TO,
    timeline_rows,
    timeline_spec,
    timeline_view_note,
)

__all__ = [
    "CADENCE_COLUMNS",
    "DAYS_PER_YEAR",
    "DOCUMENTED",
    "GAP_COLUMNS",
    "GAP_SHOWN",
    "IMPLIED_COLUMNS",
    "INTERVAL_COLUMNS",
    "INTERVAL_SHOWN",
    "MAX_SESSION_LABELS",
    "MAX_TRACKS",
    "PROBLEM_COLUMNS",
    "RASTER_MARKS_ABOVE",
    "SESSION_COLUMNS",
    "SPAN_COLUMNS",
    "SUMMARY_COLUMNS",
    "TIMELINE_VIEW_UP_TO",
    "activity",
    "consecutive_gaps",
    "event_intervals",
    "gap_summary",
    "implied_sessions",
    "lane_tracks",
    "midpoint",
    "numbering_problems",
    "partnership_spans",
    "plot_activity",
    "plot_partnership_spans",
    "plot_timeline",
    "precision_from_dates",
    "quarter_note",
    "quarters_possible",
    "rhythm_findings",
    "session_cadence",
    "session_events",
    "timeline_rows",
    "timeline_spec",
    "timeline_view_note",
    "type_style",
]

"""The interactive timeline of notebook 03: the committed figure's lanes and marks as a
Vega-Lite view that zooms and pans in time and shows, on hover, each event's title, its date as
written and its verbatim evidence with the article's title, outlet and date."""

from __future__ import annotations

import json

import pandas as pd

from helpers.analyses.evidence import quotes_by_event
from helpers.analyses.rhythm.plot import lane_tracks, type_style
from helpers.analyses.rhythm.sessions import implied_sessions
from helpers.data.events import Tables

__all__ = ["TIMELINE_VIEW_UP_TO", "timeline_rows", "timeline_spec", "timeline_view_note"]

TIMELINE_VIEW_UP_TO = 2_000  # dated events drawn in the interactive view; above, only the figure
LANE_PX = 46
_NO_QUOTE = "no evidence quote"


def _iso(s: pd.Series) -> pd.Series:
    return s.dt.strftime("%Y-%m-%d")


def timeline_rows(intervals: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """One row per dated event and partner, as the view draws it: ``lane`` (partner position,
    plus the track that keeps overlapping marks apart), ``lo``/``hi``/``mid`` (ISO days), the
    type's label and colour, ``precise`` (dated to the day), ``occurred`` and the tooltip's
    texts (``title``, ``date_text``, ``partner_name``, ``quotes``)."""
    cols = [
        "event_id",
        "partner",
        "partner_name",
        "lane",
        "lo",
        "hi",
        "mid",
        "type",
        "colour",
        "precise",
        "occurred",
        "session",
        "title",
        "date_text",
        "quotes",
    ]
    dated = intervals[intervals["mark"] != "undated"]
    if dated.empty:
        return pd.DataFrame(columns=cols)
    partners = sorted(intervals["partner"].unique())
    lane = {p: i for i, p in enumerate(partners)}
    span = max((dated["hi"].max() - dated["lo"].min()).days + 1, 365)
    quotes = quotes_by_event(tables)
    out = pd.DataFrame(
        {
            "event_id": dated["event_id"],
            "partner": dated["partner"],
            "partner_name": dated["partner"].map(tables.partner_label),
            "lane": (dated["partner"].map(lane) + lane_tracks(dated, span * 0.01)).round(4),
            "lo": _iso(dated["lo"]),
            "hi": _iso(dated["hi"]),
            "mid": _iso(dated["mid"]),
            "type": dated["event_type"].str.replace("_", " "),
            "colour": dated["event_type"].map(lambda t: type_style(t)[1]),
            "precise": dated["precision"] == "day",
            "occurred": dated["factuality"].isin(["occurred", ""]),
            "session": dated["session_number"].map(lambda n: "" if pd.isna(n) else f"n° {int(n)}"),
            "title": dated["title"].fillna("").astype(str),
            "date_text": dated["date_text"]
            .fillna("")
            .astype(str)
            .replace("", "no date in the text"),
            "quotes": dated["event_id"].map(quotes).fillna(_NO_QUOTE),
        }
    )
    return out.sort_values(["lane", "lo", "event_id"]).reset_index(drop=True)[cols]


def _implied_rows(sessions: pd.DataFrame, lanes: dict[str, int]) -> pd.DataFrame:
    """One band per run of implied sessions (consecutive numbers between two documented ones)."""
    implied = implied_sessions(sessions) if not sessions.empty else pd.DataFrame()
    if implied.empty:
        return pd.DataFrame(columns=["lane", "lo", "hi", "label"])
    rows = []
    for (series, partners, after, before), g in implied.groupby(
        ["series_name", "partners", "after_session", "before_session"], sort=True
    ):
        for p in str(partners).split(";"):
            if p in lanes:
                first, last = int(g["session_number"].min()), int(g["session_number"].max())
                rows.append(
                    {
                        "lane": lanes[p],
                        "lo": str(g["not_before"].iloc[0]),
                        "hi": str(g["not_after"].iloc[0]),
                        "label": f"{series}: sessions {first}–{last} implied by the numbering (between "
                        f"sessions {int(after)} and {int(before)}), reported by no article",
                    }
                )
    return pd.DataFrame(rows, columns=["lane", "lo", "hi", "label"])


def timeline_view_note(intervals: pd.DataFrame) -> str:
    """Why the selection has no interactive timeline (no dated event, or more than
    :data:`TIMELINE_VIEW_UP_TO`); empty when it has one."""
    dated = intervals.loc[intervals["mark"] != "undated", "event_id"].nunique()
    if dated == 0:
        return "No dated event in the selection: no interactive timeline."
    if dated > TIMELINE_VIEW_UP_TO:
        return (
            f"{dated:,} dated events: the interactive timeline draws at most "
            f"{TIMELINE_VIEW_UP_TO:,}; the figure above and event_intervals.csv hold them all."
        )
    return ""


def timeline_spec(intervals: pd.DataFrame, sessions: pd.DataFrame, tables: Tables) -> dict | None:
    """The Vega-Lite specification of the interactive timeline (drag to pan, wheel or pinch to
    zoom the dates; hover for the evidence), or ``None`` when no event is dated or more than
    :data:`TIMELINE_VIEW_UP_TO` are."""
    import altair as alt

    if timeline_view_note(intervals):
        return None
    rows = timeline_rows(intervals, tables)
    partners = sorted(intervals["partner"].unique())
    labels = [tables.partner_label(p) for p in partners]
    types = rows.drop_duplicates("type").sort_values("type")
    colour = alt.Color(
        "type:N",
        title="Event type",
        scale=alt.Scale(domain=types["type"].tolist(), range=types["colour"].tolist()),
        legend=alt.Legend(orient="bottom", columns=2, labelLimit=220),
    )
    x_scale = alt.Scale(type="utc", padding=14)
    x_axis = alt.Axis(labelOverlap=True, grid=True, gridColor="#eeeeee")

    def x_of(field: str) -> alt.X:
        return alt.X(f"{field}:T", title="Date", scale=x_scale, axis=x_axis)

    x = x_of("lo")
    y = alt.Y(
        "lane:Q",
        title=None,
        scale=alt.Scale(domain=[-0.6, len(partners) - 0.4], reverse=True, nice=False, zero=False),
        axis=alt.Axis(
            values=list(range(len(partners))),
            grid=False,
            labelLimit=140,
            labelExpr=f"{json.dumps(labels, ensure_ascii=False)}[datum.value]",
        ),
    )
    tooltip = [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("date_text:N", title="Date as written"),
        alt.Tooltip("partner_name:N", title="Partner"),
        alt.Tooltip("type:N", title="Type"),
        alt.Tooltip("session:N", title="Session"),
        alt.Tooltip("quotes:N", title="Evidence"),
    ]
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="timeline_zoom")
    base = alt.Chart(alt.Data(values=rows.to_dict("records"), name="events"))
    layers = []
    implied = _implied_rows(sessions, {p: i for i, p in enumerate(partners)})
    if not implied.empty:
        layers.append(
            alt.Chart(
                alt.Data(values=implied.to_dict("records"), name="implied"), name="implied_sessions"
            )
            .mark_rect(color="#bbbbbb", opacity=0.35, height=14, clip=True)
            .encode(
                x=x,
                x2="hi:T",
                y=y,
                tooltip=[alt.Tooltip("label:N", title="Implied sessions")],
            )
        )
    layers.append(
        base.properties(name="event_spans")
        .mark_rule(strokeWidth=2, clip=True)
        .encode(
            x=x,
            x2="hi:T",
            y=y,
            color=colour,
            tooltip=tooltip,
            opacity=alt.condition("datum.occurred", alt.value(0.9), alt.value(0.45)),
        )
    )
    layers.append(
        base.properties(name="event_marks")
        .mark_point(size=110, strokeWidth=1.6, clip=True)
        .encode(
            x=x_of("mid"),
            y=y,
            color=colour,
            fill=alt.condition("datum.precise", colour, alt.value("white")),
            opacity=alt.condition("datum.occurred", alt.value(1), alt.value(0.5)),
            tooltip=tooltip,
        )
        .add_params(zoom)
    )
    chart = (
        alt.layer(*layers)
        .properties(width="container", height=LANE_PX * max(len(partners), 2))
        .configure_view(stroke=None)
    )
    return chart.to_dict()

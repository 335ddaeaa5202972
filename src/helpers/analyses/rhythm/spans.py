"""Partnership spans (notebook 03): each partner from its first to its last documented event,
and whether, and how, the record shows the partnership ending."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from helpers.data.events import ENDING_TYPES, Tables
from helpers.figures.captions import selection_label, source_text
from helpers.figures.plotting import partner_colours, source_line

SPAN_COLUMNS = [
    "partner",
    "name",
    "kind",
    "first_event",
    "first_date",
    "last_event",
    "last_date",
    "dated_events",
    "ended",
    "ending_event_id",
    "ending_date",
    "ending_type",
]


def _iso(value: pd.Timestamp) -> str:
    return "" if pd.isna(value) else f"{value:%Y-%m-%d}"


def partnership_spans(intervals: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """One row per partner with a dated event: its first and last documented event (by
    ``lo`` and ``hi``), and ``ended`` when its latest ending event (a termination, withdrawal,
    break of relations or suspension that occurred) comes after every cooperation event of the
    partner; the ending's id, date and type then. Announced and planned events are left out."""
    iv = intervals[
        (intervals["mark"] != "undated") & intervals["factuality"].isin(["occurred", ""])
    ]
    rows = []
    for p, g in iv.groupby("partner", sort=True):
        first = g.sort_values(["lo", "hi", "event_id"]).iloc[0]
        last = g.sort_values(["hi", "lo", "event_id"]).iloc[-1]
        endings = g[g["event_type"].isin(ENDING_TYPES)].sort_values(["hi", "lo", "event_id"])
        others = g[~g["event_type"].isin(ENDING_TYPES)]
        end = endings.iloc[-1] if not endings.empty else None
        ended = end is not None and (others.empty or end["hi"] >= others["hi"].max())
        rows.append(
            {
                "partner": p,
                "name": tables.partner_name(p),
                "kind": tables.partner_kind(p),
                "first_event": first["event_id"],
                "first_date": _iso(first["lo"]),
                "last_event": last["event_id"],
                "last_date": _iso(last["hi"]),
                "dated_events": int(g["event_id"].nunique()),
                "ended": bool(ended),
                "ending_event_id": end["event_id"] if ended else "",
                "ending_date": _iso(end["lo"]) if ended else "",
                "ending_type": end["event_type"] if ended else "",
            }
        )
    return pd.DataFrame(rows, columns=SPAN_COLUMNS)


def plot_partnership_spans(spans: pd.DataFrame, tables: Tables) -> plt.Figure:
    """One bar per partner from its first to its last documented event; a red cross where the
    partnership ended (the ending event's first possible day)."""
    fig, ax = plt.subplots(figsize=(10, 0.45 * max(len(spans), 2) + 2.0))
    title = f"Partnerships from first to last documented event, and their endings ({selection_label(tables.filters)})"
    ax.set_title(title)
    if spans.empty:
        ax.text(
            0.5,
            0.5,
            "No dated event in the selection",
            ha="center",
            va="center",
            transform=ax.transAxes,
            color="#555555",
        )
        ax.set_xticks([])
        ax.set_yticks([])
        source_line(fig, source_text(tables))
        return fig
    s = spans.assign(lo=pd.to_datetime(spans["first_date"]), hi=pd.to_datetime(spans["last_date"]))
    s = s.sort_values(["lo", "partner"]).reset_index(drop=True)
    colours = partner_colours(sorted(s["partner"]))
    one = pd.Timedelta(days=1)
    for i, r in s.iterrows():
        ax.barh(
            i,
            (r["hi"] + one - r["lo"]).days,
            left=r["lo"],
            height=0.5,
            color=colours[r["partner"]],
            alpha=0.8,
        )
    ended = s[s["ended"]]
    if not ended.empty:
        ax.scatter(
            pd.to_datetime(ended["ending_date"]),
            ended.index,
            marker="X",
            s=90,
            color="#b2182b",
            edgecolors="white",
            linewidths=0.8,
            zorder=3,
            label="ended (termination, withdrawal, break, suspension)",
        )
        ax.legend(loc="lower right", fontsize=8)
    kind = {
        "state": "",
        "organisation": " · organisation",
        "alliance": " · alliance",
        "mission": " · mission",
    }
    ax.set_yticks(
        range(len(s)),
        [f"{r['name']} ({r['partner']}){kind.get(r['kind'], '')}" for _, r in s.iterrows()],
        fontsize=8,
    )
    ax.invert_yaxis()
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    ax.set_xlabel(
        "Date (first day of the first event to last day of the last, dated events that occurred)"
    )
    ax.grid(axis="x", color="#e5e5e5", zorder=0)
    fig.tight_layout()
    source_line(fig, source_text(tables) + " Announced, planned and undated events are left out.")
    return fig

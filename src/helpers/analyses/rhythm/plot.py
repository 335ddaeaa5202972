"""The timeline and activity figures of notebook 03."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from helpers.analyses.rhythm.intervals import DAYS_PER_YEAR
from helpers.analyses.rhythm.sessions import implied_sessions
from helpers.data.countries import split_codes
from helpers.data.events import ENDING_TYPES, EVENT_TYPES, Tables
from helpers.figures.captions import selection_label, source_text
from helpers.figures.plotting import source_line

# tab10's colours for the first ten event types; markers differ too. A statement is grey, the
# types that end or interrupt a partnership are reds (ringed on the timeline), other is black.
_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*", "h", "p", "<")
_STYLES = {
    "statement": ("p", "#7f7f7f"),
    "agreement_termination": ("X", "#b2182b"),
    "withdrawal": ("v", "#d6604d"),
    "relations_break": ("P", "#67001f"),
    "suspension": ("d", "#e7298a"),
    "other": ("<", "#000000"),
}
ENDING_RING = "#b2182b"


def type_style(event_type: str) -> tuple[str, str]:
    """Marker and colour of an event type, the same in every figure of the notebook."""
    if event_type in _STYLES or event_type not in EVENT_TYPES:
        return _STYLES.get(event_type, _STYLES["other"])
    i = EVENT_TYPES.index(event_type)
    return _MARKERS[i], to_hex(plt.get_cmap("tab10")(i))


def _empty(ax: plt.Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


MAX_TRACKS = 5


MAX_SESSION_LABELS = 10


RASTER_MARKS_ABOVE = 5_000  # dated events: above this, the marks are one image inside the SVG

# An implied-sessions band is labelled when it spans at least this share of the time axis: its
# label (about 50 characters at 7 pt) is a fifth of the axis wide, so a narrower band's label
# would cover its neighbours'. The band itself is always drawn, and the legend names it.
IMPLIED_LABEL_MIN_SHARE = 0.2


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
    sweep = pd.DataFrame(
        {
            "t": pd.concat([lo, hi]),
            "step": [1] * len(d) + [-1] * len(d),
            "cluster": pd.concat([cluster, cluster]),
        }
    ).sort_values(["cluster", "t", "step"], ascending=[True, True, False])
    depth = sweep.groupby("cluster")["step"].cumsum().groupby(sweep["cluster"]).max()
    tracks = cluster.map(depth).clip(upper=MAX_TRACKS)
    track = d.groupby(cluster).cumcount() % tracks
    step = np.minimum(0.3, 0.8 / tracks)
    return (-(track - (tracks - 1) / 2) * step).reindex(dated.index)


def plot_timeline(
    intervals: pd.DataFrame, summary: pd.DataFrame, sessions: pd.DataFrame, tables: Tables
) -> plt.Figure:
    """One lane per partner: day events as points (bars when they last several days), month- or
    year-precision events as brackets over the span with a hollow marker, colour and marker by
    event type, joint-body session numbers written next to them, the sessions their numbering
    implies but no article reports as a hollow grey band between the documented ones, and each
    lane's longest span in which no article reports an event shaded (coverage, not activity).
    Above :data:`RASTER_MARKS_ABOVE` dated events the marks are rasterised in vector output (an
    SVG of one element per mark would be tens of megabytes); axes, labels and text stay vector."""
    partners = sorted(intervals["partner"].unique())
    fig, ax = plt.subplots(figsize=(10, 0.9 * max(len(partners), 2) + 2.2))
    dated = intervals[intervals["mark"] != "undated"]
    title = (
        f"Cooperation events with Mali per partner over time ({selection_label(tables.filters)})"
    )
    if dated.empty:
        msg = "No dated event in the selection" + (
            " (undated events are listed below)" if len(intervals) else ""
        )
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
    implied = _draw_implied(
        ax, implied_sessions(sessions) if not sessions.empty else sessions, lane, span
    )
    joint = (
        set(sessions.loc[sessions["joint_body"].astype(bool), "event_id"])
        if not sessions.empty
        else set()
    )
    for (etype, mark, fact), g in dated.assign(
        y=y, faded=~dated["factuality"].isin(["occurred", ""])
    ).groupby(["event_type", "mark", "faded"], sort=True):
        _draw_marks(ax, g, etype, mark, fact, rasterized=len(dated) > RASTER_MARKS_ABOVE)
    _annotate_sessions(ax, dated.assign(y=y), sessions, span)
    undated_n = intervals[intervals["mark"] == "undated"].groupby("partner").size()
    dated_n = dated.groupby("partner")["event_id"].nunique()
    labels = [
        f"{tables.partner_label(p)}\n{int(dated_n.get(p, 0))} dated"
        + (f" · {int(undated_n[p])} undated" if p in undated_n else "")
        for p in partners
    ]
    ax.set_yticks(range(len(partners)), labels)
    ax.set_ylim(len(partners) - 0.5, -0.6)
    ax.grid(axis="x", color="#e5e5e5", zorder=0)
    for i in range(1, len(partners)):
        ax.axhline(i - 0.5, color="#dddddd", linewidth=0.8, zorder=0)
    for p in sorted(set(partners) - set(dated_n.index)):
        ax.text(
            0.5,
            lane[p],
            f"no dated event: {int(undated_n.get(p, 0))} undated, listed below the figure",
            transform=ax.get_yaxis_transform(),
            ha="center",
            va="center",
            fontsize=8,
            style="italic",
            color="#777777",
        )
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    ax.set_xlabel("Date")
    ax.set_title(title)
    _timeline_legend(ax, dated, bool(joint & set(dated["event_id"])), summary, implied)
    fig.tight_layout()
    _source(fig, tables, " Undated events are listed under the figure, not placed on it.")
    return fig


def _source(fig: plt.Figure, tables: Tables, extra: str = "") -> None:
    source_line(fig, source_text(tables) + extra)


def _draw_marks(
    ax: plt.Axes, g: pd.DataFrame, etype: str, mark: str, faded: bool, rasterized: bool = False
) -> None:
    marker, colour = type_style(etype)
    alpha = 0.45 if faded else 1.0
    one = pd.Timedelta(days=1)
    if mark in ("range", "bracket"):
        x_lo, x_hi = g["lo"].to_numpy(), (g["hi"] + one).to_numpy()
        if mark == "range":
            # The bar spans the event's days; the halo keeps it visible when those days are too
            # few to show as a bar at the scale of the axis.
            ax.hlines(
                g["y"],
                x_lo,
                x_hi,
                colors=colour,
                linewidth=8,
                alpha=0.35 * alpha,
                zorder=2,
                rasterized=rasterized,
            )
            ax.scatter(
                g["mid"],
                g["y"],
                marker="o",
                s=240,
                color=colour,
                alpha=0.25 * alpha,
                linewidths=0,
                zorder=2,
                rasterized=rasterized,
            )
        else:
            ax.hlines(
                g["y"],
                x_lo,
                x_hi,
                colors=colour,
                linewidth=1.2,
                alpha=alpha,
                zorder=2,
                rasterized=rasterized,
            )
            ax.scatter(
                np.concatenate([x_lo, x_hi]),
                np.concatenate([g["y"], g["y"]]),
                marker="|",
                s=140,
                color=colour,
                alpha=alpha,
                linewidths=1.2,
                zorder=2,
                rasterized=rasterized,
            )
    hollow = mark == "bracket"
    if etype in ENDING_TYPES:
        ax.scatter(
            g["mid"] if mark != "point" else g["lo"],
            g["y"],
            marker="o",
            s=170,
            zorder=3,
            alpha=alpha,
            facecolors="none",
            edgecolors=ENDING_RING,
            linewidths=1.6,
            rasterized=rasterized,
        )
    ax.scatter(
        g["mid"] if mark != "point" else g["lo"],
        g["y"],
        marker=marker,
        s=55,
        zorder=3,
        alpha=alpha,
        facecolors="white" if hollow else colour,
        edgecolors=colour,
        linewidths=1.4,
        rasterized=rasterized,
    )


def _annotate_sessions(
    ax: plt.Axes, dated: pd.DataFrame, sessions: pd.DataFrame, span: int
) -> None:
    """``n° 15`` beside the numbered sessions of a joint body (only the first and the last of a
    series with more than ``MAX_SESSION_LABELS`` in a lane); close neighbours alternate above and
    below so that labels do not overlap."""
    if sessions.empty:
        return
    joint = sessions.loc[sessions["joint_body"].astype(bool), ["event_id", "series_id"]]
    s = dated.merge(joint, on="event_id").sort_values(
        ["partner", "series_id", "session_number", "event_id"]
    )
    if s.empty:
        return
    g = s.groupby(["partner", "series_id"])
    many = g["event_id"].transform("size") > MAX_SESSION_LABELS
    rank = g.cumcount()
    s = s[~many | (rank == 0) | (rank == g["event_id"].transform("size") - 1)].sort_values(
        ["partner", "mid", "event_id"]
    )
    close = s.groupby("partner")["mid"].diff().dt.days < span * 0.06
    flip = close.astype(int).groupby((~close).cumsum()).cumsum() % 2 == 1
    for x, yy, n, down in zip(s["mid"], s["y"], s["session_number"], flip, strict=True):
        ax.annotate(
            f"n° {int(n)}",
            (x, yy),
            xytext=(0, -11 if down else 9),
            textcoords="offset points",
            ha="center",
            va="top" if down else "bottom",
            fontsize=7.5,
            color="#333333",
            zorder=4,
        )


def _shade_longest(
    ax: plt.Axes, summary: pd.DataFrame, intervals: pd.DataFrame, lane: dict
) -> None:
    """A light band over each lane's longest span in which no article reports an event (from the
    end of one reported event to the start of the next), labelled with its midpoint length in years."""
    if summary.empty:
        return
    s = summary[summary["longest_from"] != ""]
    ends = intervals.drop_duplicates(["partner", "event_id"]).set_index(["partner", "event_id"])
    for p, a, b, mid in zip(
        s["partner"], s["longest_from"], s["longest_to"], s["longest_mid_days"], strict=True
    ):
        left, right = ends.loc[(p, a), "hi"] + pd.Timedelta(days=1), ends.loc[(p, b), "lo"]
        if right <= left:
            continue
        y = lane[p]
        ax.fill_between([left, right], y - 0.42, y + 0.42, color="#f2e6c9", zorder=1, linewidth=0)
        ax.text(
            left + (right - left) / 2,
            y + 0.4,
            f"no article reports an event for ≈ {mid / DAYS_PER_YEAR:.1f} years",
            ha="center",
            va="bottom",
            fontsize=7,
            color="#7a5c1e",
            zorder=1,
        )


IMPLIED_COLOUR = "#9a9a9a"


def _draw_implied(ax: plt.Axes, implied: pd.DataFrame, lane: dict, span_days: float) -> bool:
    """A hollow grey band on the partner's lane between two documented sessions of a joint body
    whose numbering skips some, labelled with the sessions implied when it is wide enough for
    its label (:data:`IMPLIED_LABEL_MIN_SHARE` of ``span_days``); whether any was drawn."""
    drawn = False
    if implied.empty:
        return drawn
    keys = ["series_id", "partners", "after_session", "before_session", "not_before", "not_after"]
    for (_, partners, _after, _before, lo, hi), g in implied.groupby(keys, sort=True):
        left, right = pd.Timestamp(lo) + pd.Timedelta(days=1), pd.Timestamp(hi)
        if right <= left:
            continue
        first, last = int(g["session_number"].min()), int(g["session_number"].max())
        label = f"session {first}" if first == last else f"sessions {first}–{last}"
        for code in [c for c in split_codes(partners) if c in lane]:
            y = lane[code]
            ax.add_patch(
                Rectangle(
                    (mdates.date2num(left), y - 0.12),
                    mdates.date2num(right) - mdates.date2num(left),
                    0.24,
                    facecolor="none",
                    edgecolor=IMPLIED_COLOUR,
                    hatch="///",
                    linewidth=0.8,
                    zorder=2,
                )
            )
            drawn = True
            if (right - left).days < IMPLIED_LABEL_MIN_SHARE * span_days:
                continue
            ax.text(
                left + (right - left) / 2,
                y,
                f"{label} implied by the numbering, not reported",
                ha="center",
                va="center",
                fontsize=7,
                color="#555555",
                style="italic",
                zorder=3,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0},
            )
    return drawn


def _timeline_legend(
    ax: plt.Axes, dated: pd.DataFrame, sessions: bool, summary: pd.DataFrame, implied: bool = False
) -> None:
    handles = []
    for t in [t for t in EVENT_TYPES if t in set(dated["event_type"])]:
        marker, colour = type_style(t)
        handles.append(
            Line2D(
                [],
                [],
                marker=marker,
                linestyle="",
                color=colour,
                markersize=7,
                label=t.replace("_", " "),
            )
        )
    grey = "#555555"
    handles += [
        Line2D([], [], linestyle="", label=""),
        Line2D([], [], marker="o", linestyle="", color=grey, label="dated to the day"),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="-",
            linewidth=9,
            color=grey,
            alpha=0.5,
            solid_capstyle="round",
            label="several days (haloed bar)",
        ),
        Line2D(
            [],
            [],
            marker="o",
            markerfacecolor="white",
            linestyle="-",
            color=grey,
            label="month or year only (span bracketed)",
        ),
    ]
    if dated["event_type"].isin(ENDING_TYPES).any():
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markerfacecolor="none",
                markeredgecolor=ENDING_RING,
                markeredgewidth=1.6,
                markersize=11,
                label="ends or interrupts the partnership (ringed)",
            )
        )
    if (~dated["factuality"].isin(["occurred", ""])).any():
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=grey,
                alpha=0.45,
                label="announced or planned (faded)",
            )
        )
    if sessions:
        handles.append(Line2D([], [], linestyle="", label="n° k: numbered session of a joint body"))
    if implied:
        handles.append(
            Patch(
                facecolor="none",
                edgecolor=IMPLIED_COLOUR,
                hatch="///",
                label="sessions implied by the numbering, not reported",
            )
        )
    if not summary.empty and (summary["longest_from"] != "").any():
        handles.append(Patch(color="#f2e6c9", label="longest span with no reported event"))
    ax.legend(
        handles=handles,
        title="Event type and date",
        bbox_to_anchor=(1.01, 1),
        loc="upper left",
        fontsize=8,
    )


def plot_activity(table: pd.DataFrame, tables: Tables, freq: str = "year") -> plt.Figure:
    """Heat map of dated events per partner (rows) and year or quarter (columns), counts written
    in the cells, empty periods included so that gaps show."""
    partners = sorted(table["partner"].unique()) if not table.empty else []
    unit = "year" if freq == "year" else "quarter"
    title = f"Dated cooperation events per partner and {unit} ({selection_label(tables.filters)})"
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
    im = ax.imshow(
        grid.to_numpy(),
        cmap="Blues",
        vmin=0,
        vmax=vmax * 1.15,
        aspect="auto",
        interpolation="nearest",
    )
    rows, cols = np.nonzero(grid.to_numpy())
    for r, c in zip(rows, cols, strict=True):
        v = int(grid.iat[r, c])
        ax.text(
            c,
            r,
            str(v),
            ha="center",
            va="center",
            fontsize=8,
            color="white" if v > vmax * 0.6 else "#08306b",
        )
    ax.set_yticks(range(len(partners)), [tables.partner_label(p) for p in partners])
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

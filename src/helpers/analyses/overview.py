"""The overview of the event table (notebook 01): sentences and figures built from the tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.analyses.display import count
from helpers.data.countries import PARTNER_KINDS
from helpers.data.events import (
    ENDING_TYPES,
    EVENT_TYPES,
    Tables,
    events_by_partner,
    explode_partners,
)
from helpers.figures.captions import period_label, selection_label, source_text
from helpers.figures.plotting import partner_colours, source_line


def scope_sentence(full: Tables, selected: Tables) -> str:
    """One sentence saying what the selection holds out of the whole table."""
    n, total = len(selected.events), len(full.events)
    parts = ", ".join(selected.partner_label(p) for p in selected.partners) or "none"
    text = f"{n} of {total} events selected ({period_label(selected.filters)}); partners: {parts}."
    if selected.filters.get("undated_left_out"):
        n_out = selected.filters["undated_left_out"]
        text += (
            f" {count(n_out, 'undated event')} cannot be placed in the period and "
            f"{'is' if n_out == 1 else 'are'} left out."
        )
    if n == 0:
        text += " No event matches the selection: the tables below are empty."
    return text


def _empty(ax: plt.Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def plot_events_by_type(by_type: pd.DataFrame, tables: Tables) -> plt.Figure:
    """Horizontal stacked bars: events per partner, split by event type."""
    fig, ax = plt.subplots(figsize=(8, 0.6 * max(len(by_type), 2) + 1.6))
    if by_type.empty:
        _empty(ax, "No event in the selection")
    else:
        types = [t for t in EVENT_TYPES if t in by_type.columns]
        cmap = plt.get_cmap("tab20")
        left = np.zeros(len(by_type))
        labels = [tables.partner_label(p) for p in by_type.index]
        for t in types:
            vals = by_type[t].to_numpy()
            ax.barh(
                labels, vals, left=left, color=cmap(EVENT_TYPES.index(t)), label=t.replace("_", " ")
            )
            left += vals
        ax.invert_yaxis()
        ax.set_xlabel("Events (count)")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(title="Event type", bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    ax.set_title(
        f"Cooperation events with Mali by partner and type ({selection_label(tables.filters)})"
    )
    source_line(fig, source_text(tables))
    return fig


def plot_events_by_year(by_year: pd.DataFrame, tables: Tables) -> plt.Figure:
    """Dots per partner and year, sized by the number of dated events."""
    partners = sorted(by_year["partner"].unique()) if not by_year.empty else []
    fig, ax = plt.subplots(figsize=(8, 0.6 * max(len(partners), 2) + 1.6))
    if by_year.empty:
        _empty(ax, "No dated event in the selection")
    else:
        colours = partner_colours(partners)
        ypos = {p: i for i, p in enumerate(partners)}
        for p, g in by_year.groupby("partner"):
            ax.scatter(
                g["year"].astype(int),
                [ypos[p]] * len(g),
                s=60 * g["events"],
                color=colours[p],
                zorder=3,
            )
            for y, n in zip(g["year"].astype(int), g["events"], strict=True):
                if n > 1:
                    ax.annotate(
                        str(n),
                        (y, ypos[p]),
                        xytext=(0, 8),
                        textcoords="offset points",
                        ha="center",
                        fontsize=8,
                    )
        ax.set_yticks(range(len(partners)), [tables.partner_label(p) for p in partners])
        ax.set_ylim(-0.7, len(partners) - 0.3)
        ax.invert_yaxis()
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel("Year the event starts (dated events only)")
        ax.grid(axis="x", color="#e5e5e5", zorder=0)
    ax.set_title(
        f"Dated cooperation events per partner and year ({selection_label(tables.filters)})"
    )
    source_line(fig, source_text(tables) + " Dot area: number of events.")
    return fig


def event_table_findings(tables: Tables) -> list[str]:
    """Plain-language findings on the selection, each backed by the tables above."""
    ev = tables.events
    if ev.empty:
        return ["No event matches the selection."]
    lines = []

    bp = events_by_partner(ev)
    top = bp.iloc[0]
    lines.append(
        f"The selection holds {count(len(ev), 'event')} with {count(len(bp), 'partner')}; the most "
        f"documented partnership is {top['partner_name']} ({count(int(top['events']), 'event')}, "
        f"{int(top['undated'])} undated)."
    )
    dated = ev[ev["dated"]]
    if not dated.empty:
        precision = ev["date_precision"].astype(str).value_counts()
        lines.append(
            f"Dated events run from {dated['lo'].min():%Y} to {dated['hi'].max():%Y}; "
            f"{count(int(precision.get('day', 0)), 'event')} dated to the day, "
            f"{int(precision.get('month', 0))} to the month, {int(precision.get('year', 0))} to the year only."
        )
    undated = ev[~ev["dated"]]
    if not undated.empty:
        titles = "; ".join(
            f"{t} ({d})" if d else t
            for t, d in zip(undated["title"], undated["date_text"].fillna(""), strict=True)
        )
        lines.append(
            f"{count(len(undated), 'event')} {'has' if len(undated) == 1 else 'have'} no usable date: {titles}."
        )
    basis = ev["date_basis"].value_counts()
    if basis.get("inferred", 0) or basis.get("relative", 0):
        lines.append(
            f"{count(int(basis.get('relative', 0)), 'date')} computed from a relative expression and the publication "
            f"date, {int(basis.get('inferred', 0))} inferred from context (see each event's notes)."
        )
    m = tables.mentions
    per = m.groupby("event_id").size()
    n_articles = m["article_id"].nunique()
    lines.append(
        f"Every event has evidence: {count(len(m), 'verbatim quote')} from {count(n_articles, 'article')} "
        f"({per.min()} to {per.max()} per event), all shown in full in the event table below. "
        f"{'Only ' if n_articles < 10 else ''}{count(n_articles, 'article')} "
        f"{'is' if n_articles == 1 else 'are'} the whole basis of these counts."
    )
    return lines


KIND_COLUMNS = ["partner_kind", "partners", "events", "dated", "undated"]
ENDING_COLUMNS = [
    "event_id",
    "partners",
    "partner_names",
    "event_type",
    "date_start",
    "date_end",
    "factuality",
    "title",
]


def events_by_partner_kind(events: pd.DataFrame) -> pd.DataFrame:
    """Events per kind of partner (state, organisation, alliance, mission): distinct partners,
    events (an event with several partners of one kind counts once for it), dated and undated."""
    ex = explode_partners(events)
    rows = []
    for kind in PARTNER_KINDS:
        g = ex[ex["partner_kind"] == kind].drop_duplicates("event_id")
        if g.empty:
            continue
        n_partners = ex.loc[ex["partner_kind"] == kind, "partner"].nunique()
        rows.append(
            {
                "partner_kind": kind,
                "partners": n_partners,
                "events": len(g),
                "dated": int(g["dated"].sum()),
                "undated": int((~g["dated"]).sum()),
            }
        )
    return pd.DataFrame(rows, columns=KIND_COLUMNS)


def endings(events: pd.DataFrame) -> pd.DataFrame:
    """The events that end or interrupt a partnership (termination of an agreement, withdrawal,
    break of relations, suspension), in date order, undated last."""
    out = events[events["event_type"].isin(ENDING_TYPES)].sort_values(
        ["lo", "event_id"], na_position="last"
    )
    out = out[ENDING_COLUMNS].copy()
    out["event_type"] = out["event_type"].astype(str)
    return out.reset_index(drop=True)

"""Captions shared by every figure: the period and partners a selection covers, and the source line."""

from __future__ import annotations

from helpers.data.events import Tables

__all__ = ["partners_label", "period_label", "selection_label", "source_text"]


def period_label(filters: dict) -> str:
    """``'2020 – 2023'``, ``'from 2020'``, ``'all dates'`` from the filter of a selection."""
    start, end = filters.get("start"), filters.get("end")
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return "all dates"


def partners_label(filters: dict) -> str:
    """``'partners DZA, RUS'`` when the selection keeps some partners only, else ``''``."""
    codes = list(dict.fromkeys(filters.get("partners") or []))
    if not codes:
        return ""
    return f"partner{'s' if len(codes) > 1 else ''} {', '.join(codes)}"


def selection_label(filters: dict) -> str:
    """What a figure's title says of its selection: the period, then the partners kept when a
    partner filter is set (``'all dates; partners DZA, RUS'``)."""
    partners = partners_label(filters)
    return f"{period_label(filters)}; {partners}" if partners else period_label(filters)


def source_text(tables: Tables) -> str:
    """The source line of a figure: how many articles the selected events cite, their outlets
    (the publishers of those articles only), the period and the partners selected. Worked out
    once per selection (every figure of a notebook asks for it)."""
    return tables.derived("captions.source_text", lambda: _source_text(tables))


def _source_text(tables: Tables) -> str:
    cited = tables.mentions["article_id"].unique()
    publishers = (
        tables.articles.loc[tables.articles["article_id"].isin(cited), "publisher"]
        .fillna("")
        .astype(str)
        .str.strip()
    )
    pubs = sorted(set(publishers) - {""})
    unattributed = bool((publishers == "").any())
    if pubs:
        who = f" ({', '.join(pubs)}{' and unattributed' if unattributed else ''})"
    else:
        who = " (unattributed)" if unattributed else ""
    partners = partners_label(tables.filters)
    scope = f"period: {period_label(tables.filters)}" + (f"; {partners}" if partners else "")
    return (
        f"Source: {len(cited)} French-language press article(s){who}; curated event table; {scope}."
    )

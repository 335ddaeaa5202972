"""Captions shared by every figure: the period a selection covers and the source line."""

from __future__ import annotations

from helpers.data.events import Tables

__all__ = ["period_label", "source_text"]


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


def source_text(tables: Tables) -> str:
    """The source line of a figure: how many articles, which publishers, which period."""
    arts = tables.mentions["article_id"].nunique()
    pubs = sorted(p for p in tables.articles["publisher"].unique() if p)
    who = f" ({', '.join(pubs)} and unattributed)" if pubs else ""
    return f"Source: {arts} French-language press article(s){who}; curated event table; period: {period_label(tables.filters)}."

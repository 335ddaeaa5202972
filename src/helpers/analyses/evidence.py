"""The evidence behind every event, as a reader reads it: each event with its date as written,
title, partners by name, type, and every verbatim quote with its article's title, outlet and
publication date."""

from __future__ import annotations

import pandas as pd

from helpers.data.events import Tables

__all__ = [
    "EVIDENCE_COLUMNS",
    "article_labels",
    "evidence_table",
    "quotes_by_event",
    "with_article_labels",
]

EVIDENCE_COLUMNS = [
    "Date (as written)",
    "Event",
    "Partners",
    "Type",
    "Evidence (verbatim quotes)",
    "Event id",
]


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value).strip()


def article_labels(tables: Tables) -> pd.DataFrame:
    """One row per article: ``article_id``, ``article`` (its title, or ``untitled article (ID)``),
    ``outlet`` (``outlet not named`` when the table gives none) and ``published`` (as stored,
    ``undated`` when missing)."""
    a = tables.articles
    return pd.DataFrame(
        {
            "article_id": a["article_id"].astype(str),
            "article": [
                _text(t) or f"untitled article ({i})"
                for t, i in zip(a["title"], a["article_id"], strict=True)
            ],
            "outlet": [_text(p) or "outlet not named" for p in a["publisher"]],
            "published": [_text(d) or "undated" for d in a["published"]],
        }
    )


def with_article_labels(
    df: pd.DataFrame, tables: Tables, column: str = "article_id"
) -> pd.DataFrame:
    """``df`` with its article id column replaced by the article's title, outlet and date."""
    labels = article_labels(tables)
    out = df.merge(
        labels, how="left", left_on=column, right_on="article_id", suffixes=("", "_label")
    )
    drop = [column] + (["article_id_label"] if "article_id_label" in out.columns else [])
    if column != "article_id" and "article_id" in out.columns and "article_id" not in df.columns:
        drop.append("article_id")
    return out.drop(columns=drop)


def quotes_by_event(tables: Tables) -> pd.Series:
    """Event id -> its verbatim quotes, one per line (« quote » — article title, outlet, date), in
    article and offset order; an event without a mention is absent."""
    m = tables.mentions.merge(article_labels(tables), on="article_id", how="left")
    m = m.sort_values(["event_id", "article_id", "start"])
    lines = (
        "« " + m["evidence"] + " » — " + m["article"] + ", " + m["outlet"] + ", " + m["published"]
    )
    # Joined in one pass over the sorted rows: a groupby with a Python aggregation costs a
    # frame slice per event, seconds at 100,000 events.
    joined: dict[str, list[str]] = {}
    for event_id, line in zip(m["event_id"].tolist(), lines.tolist(), strict=True):
        joined.setdefault(event_id, []).append(line)
    return pd.Series(
        {event_id: "\n".join(quotes) for event_id, quotes in joined.items()},
        name="quotes",
        dtype="str",
    )


def evidence_table(tables: Tables) -> pd.DataFrame:
    """Every event of ``tables`` in date order (undated last) with its evidence: columns
    :data:`EVIDENCE_COLUMNS`; the quotes of one event, one per line, in article and offset
    order."""
    events = tables.events.sort_values(["lo", "event_id"], na_position="last")
    quotes = quotes_by_event(tables)
    dates = events["date_text"].fillna("").str.strip()
    return pd.DataFrame(
        {
            EVIDENCE_COLUMNS[0]: dates.where(dates != "", "no date in the text").tolist(),
            EVIDENCE_COLUMNS[1]: events["title"].fillna("").str.strip().tolist(),
            EVIDENCE_COLUMNS[2]: [", ".join(names) for names in events["partner_name_list"]],
            EVIDENCE_COLUMNS[3]: events["event_type"].astype(str).str.replace("_", " ").tolist(),
            EVIDENCE_COLUMNS[4]: events["event_id"].map(quotes).fillna("").tolist(),
            EVIDENCE_COLUMNS[5]: events["event_id"].tolist(),
        },
        columns=EVIDENCE_COLUMNS,
    )

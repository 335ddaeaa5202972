"""One partner's page (notebook 05): its officials, its frames beside the others', its quotes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.analyses.display import count
from helpers.data.countries import Registry, french_name, partner_name
from helpers.data.events import Tables
from helpers.data.paths import HOME
from helpers.data.tables import read_table as read_text_table

FRAMES_TABLE = "frames_by_partner.csv"
QUOTES_TABLE = "quotes.csv"


def default_partner(tables: Tables, partner: str | None) -> str | None:
    """The partner asked for, upper-cased; without one, the first partner of the data."""
    if partner:
        return partner.strip().upper()
    return tables.partners[0] if tables.partners else None


def officials(tables: Tables, partner: str) -> pd.DataFrame:
    """People taking part in the partner's events: side, roles, titles as written (in date
    order), number of events, first and last known date."""
    ev = tables.events[tables.events["partner_list"].map(lambda cs: partner in cs)]
    cols = ["actor_id", "name", "country", "side", "events", "roles", "titles", "first", "last"]
    if ev.empty:
        return pd.DataFrame(columns=cols)
    people = tables.actors[tables.actors["kind"] == "person"][["actor_id", "name", "country"]]
    p = tables.participants.merge(ev[["event_id", "lo", "date_start"]], on="event_id").merge(
        people, on="actor_id"
    )
    if p.empty:
        return pd.DataFrame(columns=cols)
    p = p.sort_values(["lo", "event_id"], na_position="last")
    g = p.groupby(["actor_id", "name", "country"], sort=False)
    out = g.agg(
        events=("event_id", "nunique"),
        roles=("role", lambda s: ", ".join(dict.fromkeys(s))),
        titles=("title", lambda s: " → ".join(dict.fromkeys(t for t in s if t))),
    ).reset_index()
    # first and last dates as written (partial ISO), not the day a month or year begins
    dated = p[p["lo"].notna()]
    spans = dated.groupby("actor_id")["date_start"].agg(first="first", last="last")
    out = out.merge(spans, left_on="actor_id", right_index=True, how="left")
    out["side"] = out["country"].map(
        lambda c: "Mali" if c == HOME else french_name(c) if c else "unknown"
    )
    out[["first", "last"]] = out[["first", "last"]].fillna("")
    return out[cols].sort_values(["events", "name"], ascending=[False, True]).reset_index(drop=True)


def read_table(tables_dir: Path, name: str) -> pd.DataFrame | None:
    """A table written by an upstream notebook, or None when it has not run."""
    path = Path(tables_dir) / name
    if not path.is_file():
        return None
    return read_text_table(path, dtype=str)


def frames_beside_others(
    frames: pd.DataFrame, partner: str, registry: Registry | None = None
) -> pd.DataFrame:
    """Frames × partners, the partner first: sentence counts, with the share where the data
    suffice (``n (share%)``) and ``n (insufficient)`` where they do not. Names come from the
    table's ``partner_name`` column, else from ``registry``."""
    if frames is None or frames.empty:
        return pd.DataFrame()
    f = frames.copy()
    share = pd.to_numeric(f["share"], errors="coerce")
    insufficient = f["insufficient"].astype(str).str.lower().isin(["true", "1"])
    f["cell"] = f["sentences"].astype(str) + share.map(
        lambda s: f" ({s:.0%})" if pd.notna(s) else ""
    )
    f.loc[insufficient, "cell"] = f.loc[insufficient, "sentences"].astype(str) + " (insufficient)"
    table = f.pivot(index="frame", columns="partner", values="cell").fillna("")
    order = [partner, *sorted(c for c in table.columns if c != partner)]
    table = table.reindex(columns=[c for c in order if c in table.columns])
    names = dict(zip(f["partner"], f["partner_name"], strict=True)) if "partner_name" in f else {}
    table.columns = [f"{names.get(c) or partner_name(c, registry)} ({c})" for c in table.columns]
    return table


def partner_quotes(quotes: pd.DataFrame, partner: str) -> pd.DataFrame:
    """Quotes from the partner's articles, with who speaks and for which side."""
    if quotes is None or quotes.empty:
        return pd.DataFrame(columns=["article_id", "speaker_text", "side", "quote"])
    mask = quotes["partners"].fillna("").str.split(";").map(lambda cs: partner in cs)
    cols = [
        c
        for c in ("article_id", "start", "speaker_text", "actor_id", "side", "frames", "quote")
        if c in quotes.columns
    ]
    out = quotes.loc[mask, cols].copy()
    if "start" in out:
        out["start"] = pd.to_numeric(out["start"])
        out = out.sort_values(["article_id", "start"]).drop(columns="start")
    return out.reset_index(drop=True)


def profile_findings(tables: Tables, partner: str, people: pd.DataFrame) -> list[str]:
    """Plain sentences on the partner's record."""
    ev = tables.events[tables.events["partner_list"].map(lambda cs: partner in cs)]
    name = tables.partner_label(partner)
    if ev.empty:
        return [f"No event with {name} in the selection."]
    dated = ev[ev["dated"]]
    n_articles = tables.mentions[tables.mentions["event_id"].isin(ev["event_id"])][
        "article_id"
    ].nunique()
    lines = [f"{count(len(ev), 'event')} with {name}, reported in {count(n_articles, 'article')}."]
    if not dated.empty:
        lines.append(
            f"Dated events run from {dated['lo'].min():%Y} to {dated['hi'].max():%Y}; "
            f"{len(ev) - len(dated)} undated."
        )
    else:
        lines.append("None of them is dated by its text.")
    kinds = ev["event_type"].astype(str).value_counts()
    lines.append(
        "By type: "
        + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(kinds.items()))
        + "."
    )
    if not people.empty:
        top = people.iloc[0]
        lines.append(
            f"Most present official: {top['name']} ({top['side']}), in {count(int(top['events']), 'event')}; titles as written: {top['titles'] or 'none given'}."
        )
    return lines

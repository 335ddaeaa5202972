"""The event table: loading the validated tables as typed frames, filtering, summarising."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data.countries import (
    Registry,
    french_name,
    partner_kind,
    partner_name,
    read_registry,
    split_codes,
)
from helpers.data.dates import PRECISIONS, bounds, interval_bounds
from helpers.data.errors import DataError, Problem
from helpers.data.paths import outside, outside_many, resolve_dir
from helpers.data.tables import isin, read_table, table_path
from helpers.data.validate import check
from helpers.text.articles import read_article

EVENT_TYPES = (
    "meeting",
    "visit",
    "joint_commission",
    "agreement_signature",
    "agreement_ratification",
    "summit",
    "institution_creation",
    "delivery",
    "training",
    "joint_operation",
    "statement",
    "agreement_termination",
    "withdrawal",
    "relations_break",
    "suspension",
    "other",
)
# The types that end or interrupt a partnership (CAMEO 160, 161, 162, 166).
ENDING_TYPES = ("agreement_termination", "withdrawal", "relations_break", "suspension")


@dataclass(frozen=True)
class Tables:
    """The validated tables of a data folder, typed for analysis.

    ``events`` carries, besides the contract's columns, ``partner_list`` (list of partner codes:
    ISO3 or organisation ids), ``partner_name_list`` and ``partner_kind_list`` (parallel to it),
    ``lo``/``hi`` (earliest and latest day the dates allow, NaT when undated), ``dated``
    and ``year`` (of ``lo``, when the start year is known).
    """

    data_dir: Path
    articles: pd.DataFrame
    events: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    participants: pd.DataFrame
    filters: dict = field(default_factory=dict)
    registry: Registry = field(default_factory=Registry)

    def partner_name(self, code: str) -> str:
        """French display name of a partner code (state or registry organisation)."""
        return partner_name(code, self.registry)

    def partner_kind(self, code: str) -> str:
        """``state``, ``organisation``, ``alliance`` or ``mission``."""
        return partner_kind(code, self.registry)

    def partner_label(self, code: str) -> str:
        """``Name (CODE)`` for figures and sentences."""
        return f"{self.partner_name(code)} ({code})"

    @cached_property
    def _files(self) -> dict[str, str]:
        return dict(zip(self.articles["article_id"], self.articles["file"], strict=True))

    def text(self, article_id: str) -> str:
        """The verbatim text of one article."""
        if article_id not in self._files:
            raise KeyError(f"no article {article_id!r} in {self.data_dir}")
        name = self._files[article_id]
        away = outside(self.data_dir / "raw", name)
        if away:
            raise DataError(
                [Problem("raw/articles.csv", None, "file", f"{away}; not opened")], self.data_dir
            )
        return read_article(self.data_dir / "raw" / name)

    @cached_property
    def _derived(self) -> dict:
        return {}

    def derived(self, key: str, compute):
        """A table derived from these tables, computed once (``compute()``) and kept with them:
        the frames of a :class:`Tables` are never changed in place, so it stays true."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    @property
    def partners(self) -> list[str]:
        """Partner codes present in the events, sorted."""
        return sorted({c for codes in self.events["partner_list"] for c in codes})


def _read(path: Path) -> pd.DataFrame:
    found = table_path(path.parent, path.name)
    away = outside(path.parent, found.name)
    if away:
        raise DataError([Problem(found.name, None, None, f"{away}; not opened")], path.parent)
    return read_table(found, dtype=str)


def _check_sources(data_dir: Path, articles: pd.DataFrame) -> None:
    """Raise :class:`DataError` when an article's file leads outside ``raw/`` (never opened)."""
    away = outside_many(data_dir / "raw", articles["file"].tolist())
    if away:
        raise DataError(
            [
                Problem(
                    "raw/articles.csv", int(articles.index[n]) + 2, "file", f"{why}; not opened"
                )
                for n, why in sorted(away.items())
            ],
            data_dir,
        )


def load(data_dir: str | Path | None = None, validate: bool = True) -> Tables:
    """Validate the data folder (raising :class:`~helpers.data.errors.DataError` with every
    problem) and return its tables as typed frames. Even unvalidated, a table or article file
    that leads outside the folder (``..``, an absolute path, a symbolic link) is refused unopened."""
    data_dir = resolve_dir(data_dir, "data")
    if validate:
        check(data_dir)
    articles = _read(data_dir / "raw" / "articles.csv")
    _check_sources(data_dir, articles)
    registry = read_registry(data_dir)
    events = _type_events(_read(data_dir / "events.csv"), registry)
    mentions = _read(data_dir / "mentions.csv").astype({"start": "int64", "end": "int64"})
    actors = _read(data_dir / "actors.csv")
    actors["country_name"] = actors["country"].map(lambda c: french_name(c) if c else "")
    actors["alias_list"] = actors["aliases"].map(lambda a: [s for s in a.split("|") if s])
    participants = _read(data_dir / "participants.csv")
    return Tables(data_dir, articles, events, mentions, actors, participants, registry=registry)


def _type_events(events: pd.DataFrame, registry: Registry | None = None) -> pd.DataFrame:
    events = events.copy()
    events["event_type"] = pd.Categorical(events["event_type"], categories=EVENT_TYPES)
    events["date_precision"] = pd.Categorical(events["date_precision"], categories=PRECISIONS)
    events["session_number"] = pd.to_numeric(
        events["session_number"].replace("", None), errors="coerce"
    ).astype("Int64")
    # The partner columns are worked out once per distinct ``partners`` value (a table of
    # 100,000 events holds a few hundred), then spread to the rows: rows with the same partners
    # share their lists, which nothing changes in place (like the frames of a Tables).
    values = events["partners"].fillna("").tolist()
    codes_of = {value: split_codes(value) for value in set(values)}
    names_of = {v: [partner_name(c, registry) for c in cs] for v, cs in codes_of.items()}
    kinds_of = {v: [partner_kind(c, registry) for c in cs] for v, cs in codes_of.items()}
    events["partner_list"] = [codes_of[v] for v in values]
    events["partner_name_list"] = [names_of[v] for v in values]
    events["partner_kind_list"] = [kinds_of[v] for v in values]
    events["partner_names"] = ["; ".join(names_of[v]) for v in values]
    b = interval_bounds(events["date_start"], events["date_end"])
    events["lo"] = b["lo"]
    events["hi"] = b["hi"]
    events["dated"] = events["lo"].notna()
    events["year"] = events["lo"].dt.year.astype("Int64")
    return events


def filter_events(
    tables: Tables,
    start: str | None = None,
    end: str | None = None,
    partners: list[str] | str | None = None,
) -> Tables:
    """Keep the events that may fall in ``[start, end]`` (their interval overlaps it) and
    involve one of ``partners``; the other tables follow. With a period set, undated events
    cannot be placed in it and are left out (``filters['undated_left_out']`` counts them)."""
    ev = tables.events
    keep = pd.Series(True, index=ev.index)
    if isinstance(partners, str):
        partners = split_codes(partners)
    if partners:
        wanted = set(partners)
        keep &= ev["partner_list"].map(lambda cs: bool(wanted & set(cs)))
    undated_out = 0
    if start or end:
        lo_bound = pd.Timestamp(start) if start else pd.Timestamp.min
        hi_bound = _period_end(end) if end else pd.Timestamp.max
        undated_out = int((keep & ~ev["dated"]).sum())
        keep &= ev["dated"] & (ev["hi"] >= lo_bound) & (ev["lo"] <= hi_bound)
    # Copy-on-write (pandas 3) keeps a selection from changing the tables it came from, so a
    # selection that keeps every event shares the frames instead of filtering them.
    if keep.all():
        events, mentions, participants = ev, tables.mentions, tables.participants
    else:
        events = ev[keep]
        ids = set(events["event_id"].tolist())
        mentions = tables.mentions[isin(tables.mentions["event_id"], ids)]
        participants = tables.participants[isin(tables.participants["event_id"], ids)]
    filters = {
        "start": start,
        "end": end,
        "partners": list(partners or []),
        "undated_left_out": undated_out,
    }
    return replace(
        tables, events=events, mentions=mentions, participants=participants, filters=filters
    )


def _period_end(end: str) -> pd.Timestamp:
    """The last day of a period end given as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    return bounds(end)[1]


def explode_partners(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, partner), with the partner's French name and kind."""
    if "partner_name_list" not in events:
        events = events.assign(
            partner_name_list=events["partner_list"].map(lambda cs: [french_name(c) for c in cs]),
            partner_kind_list=events["partner_list"].map(lambda cs: ["state"] * len(cs)),
        )
    # What ``DataFrame.explode`` of the three list columns gives (an event without partner
    # dropped), built from flat lists: explode asks each cell its length, seconds at 100,000.
    lists = {"partner_list": "partner", "partner_name_list": "partner_name"}
    lists["partner_kind_list"] = "partner_kind"
    lengths = [len(codes) for codes in events["partner_list"]]
    out = events.iloc[np.repeat(np.arange(len(events)), lengths)]
    for column in lists:
        flat = list(chain.from_iterable(events[column]))
        out[column] = pd.Series(flat, index=out.index)
    return out.rename(columns=lists)


def events_by_partner(events: pd.DataFrame) -> pd.DataFrame:
    """Events per partner: total, dated, undated, first and last known year."""
    ex = explode_partners(events)
    if ex.empty:
        return pd.DataFrame(
            columns=[
                "partner",
                "partner_name",
                "events",
                "dated",
                "undated",
                "first_year",
                "last_year",
            ]
        )
    g = ex.groupby(["partner", "partner_name"], observed=True)
    out = g.agg(
        events=("event_id", "nunique"),
        dated=("dated", "sum"),
        first_year=("year", "min"),
        last_year=("year", "max"),
    ).reset_index()
    out["undated"] = out["events"] - out["dated"]
    out = out[["partner", "partner_name", "events", "dated", "undated", "first_year", "last_year"]]
    return out.sort_values(["events", "partner"], ascending=[False, True]).reset_index(drop=True)


def events_by_type(events: pd.DataFrame) -> pd.DataFrame:
    """Events per partner and event type (a cross-table, zero where none)."""
    ex = explode_partners(events)
    table = pd.crosstab(ex["partner"], ex["event_type"]) if not ex.empty else pd.DataFrame()
    return table.reindex(columns=[t for t in EVENT_TYPES if t in table.columns]).sort_index()


def events_by_year(events: pd.DataFrame) -> pd.DataFrame:
    """Dated events per partner and start year (long format)."""
    ex = explode_partners(events)
    ex = ex[ex["dated"]]
    if ex.empty:
        return pd.DataFrame(columns=["partner", "year", "events"])
    out = (
        ex.groupby(["partner", "year"], observed=True)["event_id"]
        .nunique()
        .rename("events")
        .reset_index()
    )
    return out.sort_values(["partner", "year"]).reset_index(drop=True)


def date_precision_table(events: pd.DataFrame) -> pd.DataFrame:
    """How events are dated: counts by precision and basis."""
    basis = events["date_basis"].replace("", "none")
    out = pd.crosstab(events["date_precision"], basis).reindex(PRECISIONS, fill_value=0)
    out.index.name = "date_precision"
    return out


def undated_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events with no known date, by partner, with what the text says about their date."""
    cols = ["event_id", "partners", "event_type", "date_text", "title"]
    out = events.loc[~events["dated"], cols].copy()
    out["event_type"] = out["event_type"].astype(str)
    return out.sort_values(["partners", "event_id"]).reset_index(drop=True)


def evidence_coverage(tables: Tables) -> pd.DataFrame:
    """Per event: number of mentions, of articles, and of evidence characters."""
    m = tables.mentions.assign(chars=tables.mentions["end"] - tables.mentions["start"])
    per = m.groupby("event_id").agg(
        mentions=("article_id", "size"),
        articles=("article_id", "nunique"),
        evidence_chars=("chars", "sum"),
    )
    out = tables.events[["event_id", "partners", "event_type"]].merge(
        per, left_on="event_id", right_index=True, how="left"
    )
    out[["mentions", "articles", "evidence_chars"]] = (
        out[["mentions", "articles", "evidence_chars"]].fillna(0).astype(int)
    )
    out["event_type"] = out["event_type"].astype(str)
    return out.sort_values("event_id").reset_index(drop=True)

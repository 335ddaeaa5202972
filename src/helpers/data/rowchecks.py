"""Checks of the tables' rows against the data contract beyond their schema: event dates,
country codes, articles and their files, evidence quotes and offsets, the organisation
registry, and agreements."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from helpers.data.countries import ORGANISATIONS_FILE, is_country
from helpers.data.dates import parse_partial
from helpers.data.errors import Problem
from helpers.data.paths import HOME, outside_many
from helpers.data.textchecks import (
    french_warning,
    stem_problem,
    text_problem,
)


def event_date_problems(events: pd.DataFrame) -> list[Problem]:
    f = events.attrs["file"]
    if not {"date_start", "date_end", "date_precision", "date_basis"} <= set(events):
        return []
    start, end = events["date_start"], events["date_end"]
    precision, basis = events["date_precision"], events["date_basis"]
    s_ok, s_lo, _ = parse_partial(start)
    e_ok, _, e_hi = parse_partial(end)
    width = precision.map({"day": 10, "month": 7, "year": 4})
    rules = [
        (
            "date_start",
            s_ok & s_lo.isna(),
            lambda r: (
                f"{r.date_start!r} is not a real calendar date; expected YYYY, YYYY-MM or YYYY-MM-DD"
            ),
        ),
        (
            "date_end",
            e_ok & e_hi.isna(),
            lambda r: (
                f"{r.date_end!r} is not a real calendar date; expected YYYY, YYYY-MM or YYYY-MM-DD"
            ),
        ),
        (
            "date_start",
            (end != "") & (start == ""),
            lambda r: "is empty while date_end is set; expected date_start too",
        ),
        (
            "date_end",
            s_lo.notna() & e_hi.notna() & (s_lo > e_hi),
            lambda r: (
                f"{r.date_end!r} is before date_start {r.date_start!r}; expected date_start <= date_end"
            ),
        ),
        (
            "date_precision",
            (start != "") & (precision == "unknown"),
            lambda r: f"'unknown' but date_start is {r.date_start!r}; expected day, month or year",
        ),
        (
            "date_precision",
            (start == "") & precision.isin(["day", "month", "year"]),
            lambda r: f"{r.date_precision!r} but no date is given; expected 'unknown'",
        ),
        (
            "date_precision",
            s_ok & width.notna() & (start.str.len() != width),
            lambda r: f"{r.date_precision!r} does not fit date_start {r.date_start!r}",
        ),
        (
            "date_basis",
            (start != "") & (basis == ""),
            lambda r: "is empty while a date is given; expected stated, relative or inferred",
        ),
        (
            "date_basis",
            (start == "") & (basis != ""),
            lambda r: f"{r.date_basis!r} but no date is given; expected it empty",
        ),
    ]
    problems = []
    for column, mask, say in rules:
        for r in events[mask.fillna(False)].itertuples():
            problems.append(Problem(f, int(r.Index) + 2, column, say(r)))
    return problems


def country_problems(events: pd.DataFrame, org_ids: set[str] = frozenset()) -> list[Problem]:
    f = events.attrs["file"]
    problems = []
    if "partners" in events:
        codes = events["partners"].str.split(";").explode().str.strip()
        codes = codes[codes.notna() & (codes != "")]
        for i in codes.index[codes == HOME]:
            problems.append(
                Problem(
                    f, int(i) + 2, "partners", "'MLI' listed; Mali is never a partner of itself"
                )
            )
        unknown = codes[(codes != HOME) & ~codes.map(is_country) & ~codes.isin(org_ids)]
        for i, code in unknown.items():
            problems.append(
                Problem(
                    f,
                    int(i) + 2,
                    "partners",
                    f"{code!r} is neither an ISO 3166-1 alpha-3 code nor an org_id of {ORGANISATIONS_FILE}; "
                    "expected a state's code or a registered organisation",
                )
            )
    if "location_country" in events:
        loc = events["location_country"]
        for i, code in loc[(loc != "") & ~loc.map(is_country)].items():
            problems.append(
                Problem(
                    f, int(i) + 2, "location_country", f"{code!r} is not an ISO 3166-1 alpha-3 code"
                )
            )
    return problems


def article_problems(
    articles: pd.DataFrame, data_dir: Path, notes: bool = False
) -> tuple[dict[str, str], list[Problem]]:
    f = articles.attrs["file"]
    raw_dir = (data_dir / f).parent
    texts: dict[str, str] = {}
    problems = []
    if not {"article_id", "file", "sha256"} <= set(articles):
        return texts, problems
    published = (
        articles["published"] if "published" in articles else pd.Series("", index=articles.index)
    )
    p_ok, p_lo, _ = parse_partial(published)
    for i in articles.index[p_ok & p_lo.isna()]:
        problems.append(
            Problem(f, int(i) + 2, "published", f"{published[i]!r} is not a real calendar date")
        )
    language = (
        articles["language"] if "language" in articles else pd.Series("", index=articles.index)
    )
    away = outside_many(raw_dir, articles["file"].tolist())
    for n, (i, aid, name, recorded, lang) in enumerate(
        zip(
            articles.index,
            articles["article_id"],
            articles["file"],
            articles["sha256"],
            language,
            strict=True,
        )
    ):
        row = int(i) + 2
        if not name:
            continue
        mismatch = stem_problem(aid, name)
        if mismatch:
            problems.append(Problem(f, row, "article_id", mismatch))
        if n in away:
            problems.append(
                Problem(
                    f,
                    row,
                    "file",
                    f"{away[n]}; not opened: a source file must lie inside {raw_dir.name}/",
                )
            )
            continue
        path = raw_dir / name
        if not path.is_file():
            problems.append(Problem(f, row, "file", f"{name!r} not found under {raw_dir.name}/"))
            continue
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if recorded and digest != recorded:
            problems.append(
                Problem(
                    f,
                    row,
                    "sha256",
                    f"{name} has changed since it was recorded: its sha256 is {digest}, expected "
                    f"{recorded}; evidence offsets into it are not checked until it is restored or re-curated",
                )
            )
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(
                Problem(
                    f, row, "file", f"{name} is not UTF-8 (byte {exc.start}); expected a UTF-8 text"
                )
            )
            continue
        binary = text_problem(text, name)
        if binary:
            problems.append(Problem(f, row, "file", binary))
        elif notes and lang == "fr" and (note := french_warning(text, name)):
            problems.append(Problem(f, row, "language", note, severity="warning"))
        texts[aid] = text
    return texts, problems


def evidence_problems(mentions: pd.DataFrame, texts: dict[str, str]) -> list[Problem]:
    f = mentions.attrs["file"]
    problems = []
    if not {"article_id", "evidence", "start", "end"} <= set(mentions):
        return problems
    starts = pd.to_numeric(mentions["start"], errors="coerce")
    ends = pd.to_numeric(mentions["end"], errors="coerce")
    for i, aid, quote, start, end in zip(
        mentions.index, mentions["article_id"], mentions["evidence"], starts, ends, strict=True
    ):
        text = texts.get(aid)
        if text is None or pd.isna(start) or pd.isna(end):
            continue
        start, end = int(start), int(end)
        if not start < end <= len(text):
            problems.append(
                Problem(
                    f,
                    int(i) + 2,
                    "end",
                    f"offsets {start}:{end} fall outside the article ({len(text)} characters) or are empty",
                )
            )
            continue
        found = text[start:end]
        if found != quote:
            at = text.find(quote)
            hint = f"; the quote is found at {at}:{at + len(quote)}" if at >= 0 else ""
            problems.append(
                Problem(
                    f,
                    int(i) + 2,
                    "evidence",
                    f"does not equal the article text at {start}:{end}, which reads {found[:60]!r}{hint}",
                )
            )
    return problems


def organisation_problems(orgs: pd.DataFrame) -> list[Problem]:
    """The registry's own rules: ISO3 members, a parent for every mission, parents that exist."""
    f = orgs.attrs["file"]
    problems: list[Problem] = []
    if not {"org_id", "kind", "members", "parent"} <= set(orgs):
        return problems
    ids = set(orgs["org_id"])
    for i, r in zip(orgs.index, orgs.itertuples(index=False), strict=True):
        row = int(i) + 2
        if r.org_id and is_country(r.org_id):
            problems.append(
                Problem(
                    f,
                    row,
                    "org_id",
                    f"{r.org_id!r} is an ISO 3166-1 alpha-3 code; expected an id no state has",
                )
            )
        for code in (c.strip() for c in r.members.split(";") if c.strip()):
            if not is_country(code):
                problems.append(
                    Problem(
                        f,
                        row,
                        "members",
                        f"{code!r} is not an ISO 3166-1 alpha-3 code; expected member states as ISO3",
                    )
                )
        if r.kind == "mission" and not r.parent:
            problems.append(
                Problem(
                    f,
                    row,
                    "parent",
                    f"mission {r.org_id!r} has no parent; expected the org_id or ISO3 code it belongs to",
                )
            )
        if r.parent and r.parent not in ids and not is_country(r.parent):
            problems.append(
                Problem(
                    f,
                    row,
                    "parent",
                    f"{r.parent!r} is neither an org_id of this file nor an ISO 3166-1 alpha-3 code",
                )
            )
        if r.parent and r.parent == r.org_id:
            problems.append(
                Problem(
                    f,
                    row,
                    "parent",
                    f"{r.org_id!r} is its own parent; expected another organisation or a state",
                )
            )
    return problems


def agreement_problems(events: pd.DataFrame) -> list[Problem]:
    """An agreement's termination and its signature (when both are documented) concern the same
    partner: they share ``agreement_id`` and at least one partner code."""
    f = events.attrs["file"]
    if not {"event_type", "agreement_id", "partners"} <= set(events):
        return []
    signed: dict[str, set[str]] = {}
    for aid, kind, partners in zip(
        events["agreement_id"], events["event_type"], events["partners"], strict=True
    ):
        if aid and kind == "agreement_signature":
            signed.setdefault(aid, set()).update(
                c.strip() for c in partners.split(";") if c.strip()
            )
    problems = []
    for i, aid, kind, partners in zip(
        events.index, events["agreement_id"], events["event_type"], events["partners"], strict=True
    ):
        if kind != "agreement_termination" or aid not in signed:
            continue
        if not signed[aid] & {c.strip() for c in partners.split(";")}:
            problems.append(
                Problem(
                    f,
                    int(i) + 2,
                    "agreement_id",
                    f"{aid!r} ends an agreement signed with {';'.join(sorted(signed[aid]))}, a partner this "
                    "termination does not list; expected the termination to list a partner of the signature",
                )
            )
    return problems

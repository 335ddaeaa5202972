"""Validation of a data folder against the data contract (``datapackage.json``).

The Frictionless Data Package descriptor says what each table holds (columns, types,
vocabularies, patterns, unique and primary keys, foreign keys); pandera checks the tables against
it, vectorised, so that a table of a million rows is checked in seconds. The rules a Table Schema
cannot say are checked here on the same frames: real calendar dates, ``date_start <= date_end``,
dates consistent with their precision, ISO country codes, partner codes that are states or
organisations of the registry (``organisations.csv``: members ISO3, a mission's parent an
organisation or a state), evidence quotes equal to the article text at their offsets, source files
unchanged (sha256), every event backed by a mention, and the text checks of :mod:`.textchecks`
(field sizes, control characters, one person per actor, article ids and texts). A file that leads
outside the data folder (an absolute path, ``..`` or a symbolic link) is reported and never opened.
All problems of all files are collected; nothing stops at the first.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.data.countries import ORGANISATIONS_FILE, is_country, registry_path
from helpers.data.dates import parse_partial
from helpers.data.errors import DataError, OutputError, Problem
from helpers.data.fingerprint import data_version
from helpers.data.outputs import write_atomic
from helpers.data.paths import HOME, outside, outside_many, project_root
from helpers.data.tables import read_table, table_path
from helpers.data.textchecks import (
    field_problems,
    french_warning,
    person_problems,
    stem_problem,
    text_problem,
)


def schema_path(data_dir: Path) -> Path:
    """The folder's own ``datapackage.json``, or the project's when the folder has none."""
    own = data_dir / "datapackage.json"
    return own if own.is_file() else project_root() / "data" / "datapackage.json"


def read_descriptor(data_dir: Path) -> dict:
    with open(schema_path(data_dir), encoding="utf-8") as f:
        return json.load(f)


def validate(data_dir: str | Path, notes: bool = False) -> list[Problem]:
    """Every problem in the data folder, sorted by file and row; empty when it is valid. With
    ``notes``, warnings (``severity == "warning"``: worth a look, the data stay valid) too."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return [Problem(str(data_dir), None, None, "data folder not found")]
    descriptor = read_descriptor(data_dir)
    problems: list[Problem] = []
    readable: list[dict] = []
    for res in descriptor["resources"]:
        path = table_path(data_dir, res["path"])
        away = outside(path.parent, path.name)
        if away:
            problems.append(Problem(res["path"], None, None, f"{away}; not opened"))
            continue
        if res["path"] == ORGANISATIONS_FILE and not path.is_file():
            path = registry_path(data_dir)
            res = {**res, "source": path}
        if not path.is_file():
            problems.append(Problem(res["path"], None, None, "file not found"))
            continue
        if path.suffix == ".parquet":
            res = {**res, "path": path.relative_to(data_dir).as_posix()}
            readable.append(res)
            continue
        bad = _utf8_problem(path, res["path"])
        if bad:
            problems.append(bad)
            continue
        readable.append(res)
    frames, parse_problems = _read_frames(data_dir, readable)
    problems += parse_problems
    problems += _schema_problems(readable, frames)
    problems += field_problems(frames)
    problems += _contract_problems(frames, data_dir, notes)
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


def check(data_dir: str | Path, remember: bool = True) -> None:
    """Raise :class:`DataError` listing every problem, or return quietly on valid data.

    A folder found valid is remembered by the fingerprint of its files, the schema and this
    module, so the next notebook on the same bytes does not validate again; the stamp is kept
    under ``MALI_STATE_DIR`` (set by the runner to its own state folder), else ``build/.state``."""
    data_dir = Path(data_dir)
    stamp = _stamp(data_dir) if remember else None
    if stamp is not None and stamp.is_file():
        return
    problems = validate(data_dir)
    if problems:
        raise DataError(problems, data_dir)
    if stamp is not None:
        try:
            write_atomic(stamp, str(data_dir) + "\n")
        except OutputError:
            pass  # the stamp only saves time; a folder that cannot be written still validates


def _stamp(data_dir: Path) -> Path | None:
    if not data_dir.is_dir():
        return None
    h = hashlib.sha256()
    rules = [Path(__file__), Path(__file__).with_name("textchecks.py")]
    for part in (data_version(data_dir), schema_path(data_dir).read_text(encoding="utf-8"),
                 *(r.read_text(encoding="utf-8") for r in rules)):
        h.update(part.encode() + b"\0")
    state = os.environ.get("MALI_STATE_DIR") or project_root() / "build" / ".state"
    return Path(state) / "validated" / h.hexdigest()


def _utf8_problem(path: Path, name: str) -> Problem | None:
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(
            name,
            line,
            None,
            f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte {exc.start} cannot be decoded; "
            "expected a UTF-8 file (re-save it as UTF-8)",
        )
    return None


def _field_checks(field: dict) -> list[pa.Check]:
    """pandera checks for one Table Schema field; every check but ``required`` lets empty pass."""
    cons = field.get("constraints", {})
    checks = []
    if cons.get("required"):
        checks.append(pa.Check(lambda s: s != "", name="required"))
    if field.get("type") == "integer":
        checks.append(pa.Check(lambda s: (s == "") | s.str.fullmatch(r"-?\d+"), name="integer"))
    if "enum" in cons:
        allowed = list(cons["enum"])
        checks.append(pa.Check(lambda s, allowed=allowed: (s == "") | s.isin(allowed), name="enum"))
    if "pattern" in cons:
        pattern = cons["pattern"]
        checks.append(pa.Check(lambda s, pattern=pattern: (s == "") | s.str.fullmatch(pattern), name="pattern"))
    if "minimum" in cons:
        low = cons["minimum"]
        checks.append(pa.Check(lambda s, low=low: pd.to_numeric(s, errors="coerce").fillna(low) >= low, name="minimum"))
    if cons.get("unique"):
        checks.append(pa.Check(lambda s: (s == "") | ~s.duplicated(keep="first"), name="unique"))
    return checks


def _message(check: str, cell: object, column: str, field: dict) -> str:
    """What a failed check means, and what was expected."""
    cons = field.get("constraints", {})
    if check == "required":
        return "is empty; a value is required"
    if check == "unique":
        return f"{cell!r} is a duplicate; each {column} must be unique"
    if check == "enum":
        return f"{cell!r} is not an allowed value; expected one of: {', '.join(cons['enum'])}"
    if check == "integer":
        return f"{cell!r} is not a valid integer; expected a whole number"
    if check == "minimum":
        return f"{cell!r} is too small; expected at least {cons['minimum']}"
    what = field.get("description") or f"the pattern {cons.get('pattern')}"
    if "date" in what:
        return f"{cell!r} is not a valid partial ISO 8601 date; expected YYYY, YYYY-MM or YYYY-MM-DD"
    return f"{cell!r} is not of the expected form; expected {what}"


def _schema_problems(readable: list[dict], frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Columns, types, vocabularies, patterns, keys and foreign keys of every table."""
    problems: list[Problem] = []
    for res in readable:
        df = frames.get(res["name"])
        if df is None:
            continue
        file, schema = res["path"], res["schema"]
        fields = {f["name"]: f for f in schema["fields"]}
        header = list(df.columns)
        problems += [Problem(file, 1, n, f"missing column {n!r}; expected the columns of the data contract")
                     for n in fields if n not in header]
        problems += [Problem(file, 1, n, f"unexpected column {n!r}; expected only the columns of the data contract")
                     for n in header if n not in fields]
        columns = {n: pa.Column(checks=_field_checks(f), nullable=True) for n, f in fields.items() if n in header}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pa.DataFrameSchema(columns, strict=False).validate(df, lazy=True)
        except pa.errors.SchemaErrors as exc:
            cases = exc.failure_cases
            for column, check, cell, index in zip(cases["column"], cases["check"], cases["failure_case"], cases["index"], strict=True):
                if index is None or pd.isna(index):
                    continue
                problems.append(Problem(file, int(index) + 2, column, _message(str(check), cell, column, fields[column])))
        key = schema.get("primaryKey", [])
        if len(key) > 1 and set(key) <= set(header):
            for i in df.index[df.duplicated(key, keep="first")]:
                values = tuple(df.loc[i, key])
                problems.append(Problem(file, int(i) + 2, ", ".join(key), f"{values!r} is a duplicate; each ({', '.join(key)}) must be unique"))
        for fk in schema.get("foreignKeys", []):
            target = frames.get(fk["reference"]["resource"])
            col, ref = fk["fields"][0], fk["reference"]["fields"][0]
            if target is None or col not in header or ref not in target:
                continue
            dangling = ~df[col].isin(target[ref]) & (df[col] != "")
            for i in df.index[dangling]:
                problems.append(Problem(file, int(i) + 2, col,
                                        f"{df.loc[i, col]!r} does not match any {ref} of {fk['reference']['resource']}; expected an existing id"))
    return problems

def _read_frames(data_dir: Path, readable: list[dict]) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    frames, problems = {}, []
    for res in readable:
        try:
            df = read_table(res.get("source") or data_dir / res["path"])
        except pd.errors.EmptyDataError:
            problems.append(Problem(res["path"], None, None, "empty file; expected a header row"))
            continue
        except pd.errors.ParserError as exc:
            problems.append(Problem(res["path"], None, None, f"not a well-formed CSV ({exc}); a value may hold an unquoted comma or quote"))
            continue
        df.attrs["file"] = res["path"]
        frames[res["name"]] = df
    return frames, problems


def _rows(df: pd.DataFrame, mask: pd.Series) -> list[int]:
    """Spreadsheet row numbers (header = 1) of the rows selected by ``mask``."""
    return [int(i) + 2 for i in df.index[mask]]


def _contract_problems(frames: dict[str, pd.DataFrame], data_dir: Path, notes: bool = False) -> list[Problem]:
    problems: list[Problem] = []
    events = frames.get("events")
    if events is not None:
        problems += _event_date_problems(events)
        organisations = frames.get("organisations")
        org_ids = set(organisations["org_id"]) if organisations is not None and "org_id" in organisations else set()
        problems += _country_problems(events, org_ids)
        problems += _agreement_problems(events)
    if frames.get("organisations") is not None:
        problems += _organisation_problems(frames["organisations"])
    actors = frames.get("actors")
    if actors is not None and "country" in actors:
        f = actors.attrs["file"]
        for i, code in actors["country"].items():
            if code and not is_country(code):
                problems.append(Problem(f, i + 2, "country", f"{code!r} is not an ISO 3166-1 alpha-3 code"))
        problems += person_problems(actors)
    articles = frames.get("articles")
    texts: dict[str, str] = {}
    if articles is not None:
        texts, article_problems = _article_problems(articles, data_dir, notes)
        problems += article_problems
    mentions = frames.get("mentions")
    if mentions is not None:
        problems += _evidence_problems(mentions, texts)
    if events is not None and mentions is not None and {"event_id"} <= set(mentions) and "event_id" in events:
        unbacked = ~events["event_id"].isin(mentions["event_id"])
        for row in _rows(events, unbacked):
            problems.append(
                Problem(events.attrs["file"], row, "event_id",
                        f"{events.loc[row - 2, 'event_id']!r} has no mention; expected at least one evidence quote in mentions.csv")
            )
    return problems


def _event_date_problems(events: pd.DataFrame) -> list[Problem]:
    f = events.attrs["file"]
    if not {"date_start", "date_end", "date_precision", "date_basis"} <= set(events):
        return []
    start, end = events["date_start"], events["date_end"]
    precision, basis = events["date_precision"], events["date_basis"]
    s_ok, s_lo, _ = parse_partial(start)
    e_ok, _, e_hi = parse_partial(end)
    width = precision.map({"day": 10, "month": 7, "year": 4})
    rules = [
        ("date_start", s_ok & s_lo.isna(), lambda r: f"{r.date_start!r} is not a real calendar date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("date_end", e_ok & e_hi.isna(), lambda r: f"{r.date_end!r} is not a real calendar date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("date_start", (end != "") & (start == ""), lambda r: "is empty while date_end is set; expected date_start too"),
        ("date_end", s_lo.notna() & e_hi.notna() & (s_lo > e_hi), lambda r: f"{r.date_end!r} is before date_start {r.date_start!r}; expected date_start <= date_end"),
        ("date_precision", (start != "") & (precision == "unknown"), lambda r: f"'unknown' but date_start is {r.date_start!r}; expected day, month or year"),
        ("date_precision", (start == "") & precision.isin(["day", "month", "year"]), lambda r: f"{r.date_precision!r} but no date is given; expected 'unknown'"),
        ("date_precision", s_ok & width.notna() & (start.str.len() != width), lambda r: f"{r.date_precision!r} does not fit date_start {r.date_start!r}"),
        ("date_basis", (start != "") & (basis == ""), lambda r: "is empty while a date is given; expected stated, relative or inferred"),
        ("date_basis", (start == "") & (basis != ""), lambda r: f"{r.date_basis!r} but no date is given; expected it empty"),
    ]
    problems = []
    for column, mask, say in rules:
        for r in events[mask.fillna(False)].itertuples():
            problems.append(Problem(f, int(r.Index) + 2, column, say(r)))
    return problems


def _country_problems(events: pd.DataFrame, org_ids: set[str] = frozenset()) -> list[Problem]:
    f = events.attrs["file"]
    problems = []
    if "partners" in events:
        codes = events["partners"].str.split(";").explode().str.strip()
        codes = codes[codes.notna() & (codes != "")]
        for i in codes.index[codes == HOME]:
            problems.append(Problem(f, int(i) + 2, "partners", "'MLI' listed; Mali is never a partner of itself"))
        unknown = codes[(codes != HOME) & ~codes.map(is_country) & ~codes.isin(org_ids)]
        for i, code in unknown.items():
            problems.append(Problem(f, int(i) + 2, "partners",
                                    f"{code!r} is neither an ISO 3166-1 alpha-3 code nor an org_id of {ORGANISATIONS_FILE}; "
                                    "expected a state's code or a registered organisation"))
    if "location_country" in events:
        loc = events["location_country"]
        for i, code in loc[(loc != "") & ~loc.map(is_country)].items():
            problems.append(Problem(f, int(i) + 2, "location_country", f"{code!r} is not an ISO 3166-1 alpha-3 code"))
    return problems


def _article_problems(articles: pd.DataFrame, data_dir: Path, notes: bool = False) -> tuple[dict[str, str], list[Problem]]:
    f = articles.attrs["file"]
    raw_dir = (data_dir / f).parent
    texts: dict[str, str] = {}
    problems = []
    if not {"article_id", "file", "sha256"} <= set(articles):
        return texts, problems
    published = articles["published"] if "published" in articles else pd.Series("", index=articles.index)
    p_ok, p_lo, _ = parse_partial(published)
    for i in articles.index[p_ok & p_lo.isna()]:
        problems.append(Problem(f, int(i) + 2, "published", f"{published[i]!r} is not a real calendar date"))
    language = articles["language"] if "language" in articles else pd.Series("", index=articles.index)
    away = outside_many(raw_dir, articles["file"].tolist())
    for n, (i, aid, name, recorded, lang) in enumerate(zip(articles.index, articles["article_id"], articles["file"],
                                                          articles["sha256"], language, strict=True)):
        row = int(i) + 2
        if not name:
            continue
        mismatch = stem_problem(aid, name)
        if mismatch:
            problems.append(Problem(f, row, "article_id", mismatch))
        if n in away:
            problems.append(Problem(f, row, "file", f"{away[n]}; not opened: a source file must lie inside {raw_dir.name}/"))
            continue
        path = raw_dir / name
        if not path.is_file():
            problems.append(Problem(f, row, "file", f"{name!r} not found under {raw_dir.name}/"))
            continue
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if recorded and digest != recorded:
            problems.append(Problem(f, row, "sha256",
                                    f"{name} has changed since it was recorded: its sha256 is {digest}, expected "
                                    f"{recorded}; evidence offsets into it are not checked until it is restored or re-curated"))
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(f, row, "file", f"{name} is not UTF-8 (byte {exc.start}); expected a UTF-8 text"))
            continue
        binary = text_problem(text, name)
        if binary:
            problems.append(Problem(f, row, "file", binary))
        elif notes and lang == "fr" and (note := french_warning(text, name)):
            problems.append(Problem(f, row, "language", note, severity="warning"))
        texts[aid] = text
    return texts, problems


def _evidence_problems(mentions: pd.DataFrame, texts: dict[str, str]) -> list[Problem]:
    f = mentions.attrs["file"]
    problems = []
    if not {"article_id", "evidence", "start", "end"} <= set(mentions):
        return problems
    starts = pd.to_numeric(mentions["start"], errors="coerce")
    ends = pd.to_numeric(mentions["end"], errors="coerce")
    for i, aid, quote, start, end in zip(mentions.index, mentions["article_id"], mentions["evidence"], starts, ends, strict=True):
        text = texts.get(aid)
        if text is None or pd.isna(start) or pd.isna(end):
            continue
        start, end = int(start), int(end)
        if not start < end <= len(text):
            problems.append(Problem(f, int(i) + 2, "end", f"offsets {start}:{end} fall outside the article ({len(text)} characters) or are empty"))
            continue
        found = text[start:end]
        if found != quote:
            at = text.find(quote)
            hint = f"; the quote is found at {at}:{at + len(quote)}" if at >= 0 else ""
            problems.append(Problem(f, int(i) + 2, "evidence",
                                    f"does not equal the article text at {start}:{end}, which reads {found[:60]!r}{hint}"))
    return problems


def _organisation_problems(orgs: pd.DataFrame) -> list[Problem]:
    """The registry's own rules: ISO3 members, a parent for every mission, parents that exist."""
    f = orgs.attrs["file"]
    problems: list[Problem] = []
    if not {"org_id", "kind", "members", "parent"} <= set(orgs):
        return problems
    ids = set(orgs["org_id"])
    for i, r in zip(orgs.index, orgs.itertuples(index=False), strict=True):
        row = int(i) + 2
        if r.org_id and is_country(r.org_id):
            problems.append(Problem(f, row, "org_id", f"{r.org_id!r} is an ISO 3166-1 alpha-3 code; expected an id no state has"))
        for code in (c.strip() for c in r.members.split(";") if c.strip()):
            if not is_country(code):
                problems.append(Problem(f, row, "members", f"{code!r} is not an ISO 3166-1 alpha-3 code; expected member states as ISO3"))
        if r.kind == "mission" and not r.parent:
            problems.append(Problem(f, row, "parent", f"mission {r.org_id!r} has no parent; expected the org_id or ISO3 code it belongs to"))
        if r.parent and r.parent not in ids and not is_country(r.parent):
            problems.append(Problem(f, row, "parent", f"{r.parent!r} is neither an org_id of this file nor an ISO 3166-1 alpha-3 code"))
        if r.parent and r.parent == r.org_id:
            problems.append(Problem(f, row, "parent", f"{r.org_id!r} is its own parent; expected another organisation or a state"))
    return problems


def _agreement_problems(events: pd.DataFrame) -> list[Problem]:
    """An agreement's termination and its signature (when both are documented) concern the same
    partner: they share ``agreement_id`` and at least one partner code."""
    f = events.attrs["file"]
    if not {"event_type", "agreement_id", "partners"} <= set(events):
        return []
    signed: dict[str, set[str]] = {}
    for aid, kind, partners in zip(events["agreement_id"], events["event_type"], events["partners"], strict=True):
        if aid and kind == "agreement_signature":
            signed.setdefault(aid, set()).update(c.strip() for c in partners.split(";") if c.strip())
    problems = []
    for i, aid, kind, partners in zip(events.index, events["agreement_id"], events["event_type"], events["partners"], strict=True):
        if kind != "agreement_termination" or aid not in signed:
            continue
        if not signed[aid] & {c.strip() for c in partners.split(";")}:
            problems.append(Problem(f, int(i) + 2, "agreement_id",
                                    f"{aid!r} ends an agreement signed with {';'.join(sorted(signed[aid]))}, a partner this "
                                    "termination does not list; expected the termination to list a partner of the signature"))
    return problems

"""Validation of a data folder against the data contract (``datapackage.json``).

Frictionless checks what a Table Schema can say (columns, types, vocabularies, patterns,
unique and primary keys, foreign keys). The rules a schema cannot say are checked here on
pandas frames: real calendar dates, ``date_start <= date_end``, dates consistent with their
precision, ISO country codes, evidence quotes equal to the article text at their offsets,
source files unchanged (sha256), and every event backed by at least one mention.
All problems of all files are collected; nothing stops at the first.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import warnings
from pathlib import Path

import pandas as pd
from frictionless import Detector, Package

from .countries import is_country, split_codes
from .dates import bounds
from .errors import DataError, Problem
from .paths import project_root

STRICT_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
TABLES = ("articles", "events", "mentions", "actors", "participants")


def schema_path(data_dir: Path) -> Path:
    """The folder's own ``datapackage.json``, or the project's when the folder has none."""
    own = data_dir / "datapackage.json"
    return own if own.is_file() else project_root() / "data" / "datapackage.json"


def read_descriptor(data_dir: Path) -> dict:
    with open(schema_path(data_dir), encoding="utf-8") as f:
        return json.load(f)


def validate(data_dir: str | Path) -> list[Problem]:
    """Every problem in the data folder, sorted by file and row; empty when it is valid."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return [Problem(str(data_dir), None, None, "data folder not found")]
    descriptor = read_descriptor(data_dir)
    problems: list[Problem] = []
    readable: list[dict] = []
    for res in descriptor["resources"]:
        path = data_dir / res["path"]
        if not path.is_file():
            problems.append(Problem(res["path"], None, None, "file not found"))
            continue
        bad = _utf8_problem(path, res["path"])
        if bad:
            problems.append(bad)
            continue
        readable.append(res)
    problems += _frictionless_problems(descriptor, readable, data_dir)
    frames = _read_frames(data_dir, readable)
    problems += _contract_problems(frames, data_dir, descriptor)
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


def check(data_dir: str | Path) -> None:
    """Raise :class:`DataError` listing every problem, or return quietly on valid data."""
    problems = validate(data_dir)
    if problems:
        raise DataError(problems, data_dir)


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


def _frictionless_problems(descriptor: dict, readable: list[dict], data_dir: Path) -> list[Problem]:
    names = {r["name"] for r in readable}
    desc = copy.deepcopy(descriptor)
    desc["resources"] = []
    for res in readable:
        res = copy.deepcopy(res)
        fks = res.get("schema", {}).get("foreignKeys", [])
        res["schema"]["foreignKeys"] = [fk for fk in fks if fk["reference"]["resource"] in names]
        desc["resources"].append(res)
    if not desc["resources"]:
        return []
    # Columns are matched to the schema by name, so a missing or moved column is reported once
    # instead of shifting every later column.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        package = Package(desc, basepath=str(data_dir), detector=Detector(schema_sync=True))
        report = package.validate()
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in readable}
    paths = {r["name"]: r["path"] for r in readable}
    problems = []
    for task in report.tasks:
        file = paths.get(task.name, task.name)
        for err in task.errors:
            pk = _schema_of(task.name, readable).get("primaryKey", [])
            if err.type == "primary-key" and len(pk) == 1:
                continue  # the field's own unique constraint reports it, with its value
            problems.append(_translate(err, file, fields.get(task.name, {}), task.name, readable))
    return problems


def _translate(err, file: str, fields: dict, resource: str, readable: list[dict]) -> Problem:
    """A Frictionless error as a problem that says what was expected."""
    row = getattr(err, "row_number", None)
    column = getattr(err, "field_name", None) or getattr(err, "label", None)
    cell = getattr(err, "cell", None)
    note = err.note or ""
    kind = err.type
    if kind.endswith("-label"):
        row = 1
    field = fields.get(column or "", {})
    cons = field.get("constraints", {})
    if kind == "constraint-error":
        if '"required"' in note:
            msg = "is empty; a value is required"
        elif '"unique"' in note:
            msg = f"{cell!r} is a duplicate; each {column} must be unique"
        elif '"enum"' in note:
            allowed = ", ".join(v for v in cons.get("enum", []))
            msg = f"{cell!r} is not an allowed value; expected one of: {allowed}"
        elif '"pattern"' in note:
            what = field.get("description") or f"the pattern {cons.get('pattern')}"
            msg = f"{cell!r} is not of the expected form; expected {what}"
            if "date" in what:
                msg = f"{cell!r} is not a valid partial ISO 8601 date; expected YYYY, YYYY-MM or YYYY-MM-DD"
        elif '"minimum"' in note:
            msg = f"{cell!r} is too small; expected at least {cons.get('minimum')}"
        else:
            msg = f"{cell!r} breaks a constraint ({note})"
    elif kind == "type-error":
        msg = f"{cell!r} is not a valid {field.get('type', 'value')}; expected a whole number" if field.get("type") == "integer" else f"{cell!r} is not a valid {field.get('type')}"
    elif kind == "unique-error":
        msg = f"{cell!r} is a duplicate; each {column} must be unique"
    elif kind == "primary-key":
        names = _schema_of(resource, readable).get("primaryKey", [])
        header = [f["name"] for f in _schema_of(resource, readable).get("fields", [])]
        cells = list(getattr(err, "cells", None) or [])
        values = tuple(cells[header.index(n)] for n in names if n in header and header.index(n) < len(cells))
        column = ", ".join(names)
        msg = f"{values!r} is a duplicate; each ({column}) must be unique"
    elif kind == "foreign-key":
        names = list(getattr(err, "field_names", None) or [])
        values = list(getattr(err, "field_cells", None) or [])
        column = ", ".join(names) or column
        target = getattr(err, "reference_name", None) or "the referenced table"
        ref = ", ".join(getattr(err, "reference_field_names", None) or names)
        shown = values[0] if len(values) == 1 else tuple(values)
        msg = f"{shown!r} does not match any {ref} of {target}; expected an existing id"
    elif kind == "missing-label":
        msg = f"missing column {column!r}; expected the columns of the data contract"
    elif kind == "extra-label":
        msg = f"unexpected column {column!r}; expected only the columns of the data contract"
    elif kind == "incorrect-label":
        msg = f"column {column!r} is not where the data contract expects it ({note})"
    elif kind == "blank-label":
        msg = "blank column name"
    elif kind == "duplicate-label":
        msg = f"column {column!r} appears twice"
    elif kind == "blank-row":
        msg = "blank row; expected a record"
    elif kind == "extra-cell":
        msg = "more cells than columns; a value may contain an unquoted comma"
    elif kind == "missing-cell":
        msg = "fewer cells than columns"
    else:
        msg = f"{kind}: {note}"
    return Problem(file, row, column, msg)


def _schema_of(resource: str, readable: list[dict]) -> dict:
    for r in readable:
        if r["name"] == resource:
            return r["schema"]
    return {}


def _read_frames(data_dir: Path, readable: list[dict]) -> dict[str, pd.DataFrame]:
    frames = {}
    for res in readable:
        try:
            df = pd.read_csv(data_dir / res["path"], dtype=str, keep_default_na=False, encoding="utf-8")
        except (pd.errors.ParserError, pd.errors.EmptyDataError):
            continue
        df.attrs["file"] = res["path"]
        frames[res["name"]] = df
    return frames


def _rows(df: pd.DataFrame, mask: pd.Series) -> list[int]:
    """Spreadsheet row numbers (header = 1) of the rows selected by ``mask``."""
    return [int(i) + 2 for i in df.index[mask]]


def _contract_problems(frames: dict[str, pd.DataFrame], data_dir: Path, descriptor: dict) -> list[Problem]:
    problems: list[Problem] = []
    events = frames.get("events")
    if events is not None:
        problems += _event_date_problems(events)
        problems += _country_problems(events)
    actors = frames.get("actors")
    if actors is not None and "country" in actors:
        f = actors.attrs["file"]
        for i, code in actors["country"].items():
            if code and not is_country(code):
                problems.append(Problem(f, i + 2, "country", f"{code!r} is not an ISO 3166-1 alpha-3 code"))
    articles = frames.get("articles")
    texts: dict[str, str] = {}
    if articles is not None:
        texts, article_problems = _article_problems(articles, data_dir)
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
    needed = {"date_start", "date_end", "date_precision", "date_basis"}
    if not needed <= set(events):
        return []
    problems = []
    for i, r in events[list(needed)].iterrows():
        row = i + 2
        parsed = {}
        for col in ("date_start", "date_end"):
            try:
                parsed[col] = bounds(r[col])
            except ValueError:
                parsed[col] = None
                if STRICT_DATE.match(r[col]):
                    problems.append(Problem(f, row, col, f"{r[col]!r} is not a real calendar date; expected YYYY, YYYY-MM or YYYY-MM-DD"))
        start, end, precision = r["date_start"], r["date_end"], r["date_precision"]
        if end and not start:
            problems.append(Problem(f, row, "date_start", "is empty while date_end is set; expected date_start too"))
        if parsed.get("date_start") and parsed.get("date_end") and start and end:
            if parsed["date_start"][0] > parsed["date_end"][1]:
                problems.append(Problem(f, row, "date_end", f"{end!r} is before date_start {start!r}; expected date_start <= date_end"))
        if start and precision == "unknown":
            problems.append(Problem(f, row, "date_precision", f"'unknown' but date_start is {start!r}; expected day, month or year"))
        if not start and precision in ("day", "month", "year"):
            problems.append(Problem(f, row, "date_precision", f"{precision!r} but no date is given; expected 'unknown'"))
        if start and STRICT_DATE.match(start) and precision in ("day", "month", "year"):
            width = {"day": 10, "month": 7, "year": 4}[precision]
            if len(start) != width:
                problems.append(Problem(f, row, "date_precision", f"{precision!r} does not fit date_start {start!r}"))
        if start and not r["date_basis"]:
            problems.append(Problem(f, row, "date_basis", "is empty while a date is given; expected stated, relative or inferred"))
        if not start and r["date_basis"]:
            problems.append(Problem(f, row, "date_basis", f"{r['date_basis']!r} but no date is given; expected it empty"))
    return problems


def _country_problems(events: pd.DataFrame) -> list[Problem]:
    f = events.attrs["file"]
    problems = []
    if "partners" in events:
        for i, value in events["partners"].items():
            for code in split_codes(value):
                if code == "MLI":
                    problems.append(Problem(f, i + 2, "partners", "'MLI' listed; Mali is never a partner of itself"))
                elif not is_country(code):
                    problems.append(Problem(f, i + 2, "partners", f"{code!r} is not an ISO 3166-1 alpha-3 code"))
    if "location_country" in events:
        for i, code in events["location_country"].items():
            if code and not is_country(code):
                problems.append(Problem(f, i + 2, "location_country", f"{code!r} is not an ISO 3166-1 alpha-3 code"))
    return problems


def _article_problems(articles: pd.DataFrame, data_dir: Path) -> tuple[dict[str, str], list[Problem]]:
    f = articles.attrs["file"]
    raw_dir = (data_dir / f).parent
    texts: dict[str, str] = {}
    problems = []
    if not {"article_id", "file", "sha256"} <= set(articles):
        return texts, problems
    for i, r in articles.iterrows():
        row = i + 2
        path = raw_dir / r["file"]
        if not r["file"]:
            continue
        if not path.is_file():
            problems.append(Problem(f, row, "file", f"{r['file']!r} not found under {raw_dir.name}/"))
            continue
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if r["sha256"] and digest != r["sha256"]:
            problems.append(
                Problem(f, row, "sha256",
                        f"{r['file']} has changed since it was recorded: its sha256 is {digest}, "
                        f"expected {r['sha256']}; evidence offsets into it are not checked until it is "
                        "restored or re-curated")
            )
            continue
        try:
            texts[r["article_id"]] = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(f, row, "file", f"{r['file']} is not UTF-8 (byte {exc.start}); expected a UTF-8 text"))
        if "published" in articles and r["published"]:
            try:
                bounds(r["published"])
            except ValueError:
                problems.append(Problem(f, row, "published", f"{r['published']!r} is not a real calendar date"))
    return texts, problems


def _evidence_problems(mentions: pd.DataFrame, texts: dict[str, str]) -> list[Problem]:
    f = mentions.attrs["file"]
    problems = []
    if not {"article_id", "evidence", "start", "end"} <= set(mentions):
        return problems
    for i, r in mentions.iterrows():
        row = i + 2
        text = texts.get(r["article_id"])
        if text is None:
            continue
        try:
            start, end = int(r["start"]), int(r["end"])
        except ValueError:
            continue
        if not start < end <= len(text):
            problems.append(Problem(f, row, "end", f"offsets {start}:{end} fall outside the article ({len(text)} characters) or are empty"))
            continue
        found = text[start:end]
        if found != r["evidence"]:
            hint = ""
            at = text.find(r["evidence"])
            if at >= 0:
                hint = f"; the quote is found at {at}:{at + len(r['evidence'])}"
            problems.append(
                Problem(f, row, "evidence",
                        f"does not equal the article text at {start}:{end}, which reads {found[:60]!r}{hint}")
            )
    return problems

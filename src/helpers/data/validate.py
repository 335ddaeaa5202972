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
from helpers.data.errors import DataError, OutputError, Problem
from helpers.data.fingerprint import data_version
from helpers.data.outputs import write_atomic
from helpers.data.paths import outside, project_root
from helpers.data.rowchecks import (
    agreement_problems,
    article_problems,
    country_problems,
    event_date_problems,
    evidence_problems,
    organisation_problems,
)
from helpers.data.tables import read_table, table_path
from helpers.data.textchecks import (
    field_problems,
    person_problems,
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
    rules = [
        Path(__file__),
        *(Path(__file__).with_name(n) for n in ("rowchecks.py", "textchecks.py")),
    ]
    for part in (
        data_version(data_dir),
        schema_path(data_dir).read_text(encoding="utf-8"),
        *(r.read_text(encoding="utf-8") for r in rules),
    ):
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
        checks.append(
            pa.Check(
                lambda s, pattern=pattern: (s == "") | s.str.fullmatch(pattern), name="pattern"
            )
        )
    if "minimum" in cons:
        low = cons["minimum"]
        checks.append(
            pa.Check(
                lambda s, low=low: pd.to_numeric(s, errors="coerce").fillna(low) >= low,
                name="minimum",
            )
        )
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
        return (
            f"{cell!r} is not a valid partial ISO 8601 date; expected YYYY, YYYY-MM or YYYY-MM-DD"
        )
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
        problems += [
            Problem(file, 1, n, f"missing column {n!r}; expected the columns of the data contract")
            for n in fields
            if n not in header
        ]
        problems += [
            Problem(
                file,
                1,
                n,
                f"unexpected column {n!r}; expected only the columns of the data contract",
            )
            for n in header
            if n not in fields
        ]
        columns = {
            n: pa.Column(checks=_field_checks(f), nullable=True)
            for n, f in fields.items()
            if n in header
        }
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pa.DataFrameSchema(columns, strict=False).validate(df, lazy=True)
        except pa.errors.SchemaErrors as exc:
            cases = exc.failure_cases
            for column, check, cell, index in zip(
                cases["column"], cases["check"], cases["failure_case"], cases["index"], strict=True
            ):
                if index is None or pd.isna(index):
                    continue
                problems.append(
                    Problem(
                        file,
                        int(index) + 2,
                        column,
                        _message(str(check), cell, column, fields[column]),
                    )
                )
        key = schema.get("primaryKey", [])
        if len(key) > 1 and set(key) <= set(header):
            for i in df.index[df.duplicated(key, keep="first")]:
                values = tuple(df.loc[i, key])
                problems.append(
                    Problem(
                        file,
                        int(i) + 2,
                        ", ".join(key),
                        f"{values!r} is a duplicate; each ({', '.join(key)}) must be unique",
                    )
                )
        for fk in schema.get("foreignKeys", []):
            target = frames.get(fk["reference"]["resource"])
            col, ref = fk["fields"][0], fk["reference"]["fields"][0]
            if target is None or col not in header or ref not in target:
                continue
            dangling = ~df[col].isin(target[ref]) & (df[col] != "")
            for i in df.index[dangling]:
                problems.append(
                    Problem(
                        file,
                        int(i) + 2,
                        col,
                        f"{df.loc[i, col]!r} does not match any {ref} of {fk['reference']['resource']}; expected an existing id",
                    )
                )
    return problems


def _read_frames(
    data_dir: Path, readable: list[dict]
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    frames, problems = {}, []
    for res in readable:
        try:
            df = read_table(res.get("source") or data_dir / res["path"])
        except pd.errors.EmptyDataError:
            problems.append(Problem(res["path"], None, None, "empty file; expected a header row"))
            continue
        except pd.errors.ParserError as exc:
            problems.append(
                Problem(
                    res["path"],
                    None,
                    None,
                    f"not a well-formed CSV ({exc}); a value may hold an unquoted comma or quote",
                )
            )
            continue
        df.attrs["file"] = res["path"]
        frames[res["name"]] = df
    return frames, problems


def _rows(df: pd.DataFrame, mask: pd.Series) -> list[int]:
    """Spreadsheet row numbers (header = 1) of the rows selected by ``mask``."""
    return [int(i) + 2 for i in df.index[mask]]


def _contract_problems(
    frames: dict[str, pd.DataFrame], data_dir: Path, notes: bool = False
) -> list[Problem]:
    problems: list[Problem] = []
    events = frames.get("events")
    if events is not None:
        problems += event_date_problems(events)
        organisations = frames.get("organisations")
        org_ids = (
            set(organisations["org_id"])
            if organisations is not None and "org_id" in organisations
            else set()
        )
        problems += country_problems(events, org_ids)
        problems += agreement_problems(events)
    if frames.get("organisations") is not None:
        problems += organisation_problems(frames["organisations"])
    actors = frames.get("actors")
    if actors is not None and "country" in actors:
        f = actors.attrs["file"]
        for i, code in actors["country"].items():
            if code and not is_country(code):
                problems.append(
                    Problem(f, i + 2, "country", f"{code!r} is not an ISO 3166-1 alpha-3 code")
                )
        problems += person_problems(actors)
    articles = frames.get("articles")
    texts: dict[str, str] = {}
    if articles is not None:
        texts, found = article_problems(articles, data_dir, notes)
        problems += found
    mentions = frames.get("mentions")
    if mentions is not None:
        problems += evidence_problems(mentions, texts)
    if (
        events is not None
        and mentions is not None
        and {"event_id"} <= set(mentions)
        and "event_id" in events
    ):
        unbacked = ~events["event_id"].isin(mentions["event_id"])
        for row in _rows(events, unbacked):
            problems.append(
                Problem(
                    events.attrs["file"],
                    row,
                    "event_id",
                    f"{events.loc[row - 2, 'event_id']!r} has no mention; expected at least one evidence quote in mentions.csv",
                )
            )
    return problems

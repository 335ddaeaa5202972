"""Each validation rule, on a copy of data/ broken on purpose, with the exact message."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.data.errors import DataError
from helpers.data.events import load
from helpers.data.validate import validate

from conftest import LIVE_DATA, ROOT, SEED


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def write(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def messages(data_dir: Path) -> list[str]:
    return [str(p) for p in validate(data_dir)]


def row_of(df: pd.DataFrame, column: str, value: str) -> int:
    """Spreadsheet row number (header = 1) of the first row where ``column == value``."""
    return int(df.index[df[column] == value][0]) + 2


def test_seed_data_is_valid():
    assert validate(SEED) == []


EXTRACT_SPLITS = ROOT / "tests" / "fixtures" / "extract"


@pytest.mark.parametrize("split", ["dev", "heldout", "blind"])
def test_extraction_gold_splits_are_valid(split):
    """The gold tables `make evaluate` scores against keep to the data contract."""
    assert validate(EXTRACT_SPLITS / split) == []


def test_make_evaluate_scores_every_gold_split():
    """Every split folder with gold events is in the Makefile's EVAL_SPLITS, and only those."""
    line = next(
        row for row in (ROOT / "Makefile").read_text().splitlines() if row.startswith("EVAL_SPLITS")
    )
    named = set(line.split("=", 1)[1].split())
    on_disk = {p.parent.name for p in EXTRACT_SPLITS.glob("*/events.csv")}
    assert named == on_disk == {"dev", "heldout", "blind"}


def test_validate_reports_row_and_column_of_bad_date(data_copy):
    ev = read(data_copy / "events.csv")
    ev.loc[ev["event_id"] == "dza-jmc-session-15", "date_start"] = "2022-13-15"
    write(ev, data_copy / "events.csv")
    row = row_of(ev, "event_id", "dza-jmc-session-15")
    assert messages(data_copy) == [
        f"events.csv, row {row}, column date_start: '2022-13-15' is not a valid partial ISO 8601 date; "
        "expected YYYY, YYYY-MM or YYYY-MM-DD"
    ]


def test_validate_rejects_impossible_calendar_day(data_copy):
    ev = read(data_copy / "events.csv")
    ev.loc[ev["event_id"] == "dza-jmc-session-15", "date_start"] = "2022-02-30"
    write(ev, data_copy / "events.csv")
    row = row_of(ev, "event_id", "dza-jmc-session-15")
    assert messages(data_copy) == [
        f"events.csv, row {row}, column date_start: '2022-02-30' is not a real calendar date; "
        "expected YYYY, YYYY-MM or YYYY-MM-DD"
    ]


def test_validate_rejects_end_before_start(data_copy):
    ev = read(data_copy / "events.csv")
    ev.loc[ev["event_id"] == "dza-jmc-session-15", "date_end"] = "2022-02-14"
    write(ev, data_copy / "events.csv")
    row = row_of(ev, "event_id", "dza-jmc-session-15")
    assert messages(data_copy) == [
        f"events.csv, row {row}, column date_end: '2022-02-14' is before date_start '2022-02-15'; "
        "expected date_start <= date_end"
    ]


def test_validate_rejects_unknown_event_type(data_copy):
    ev = read(data_copy / "events.csv")
    ev.loc[ev["event_id"] == "mar-delegation-visit", "event_type"] = "parade"
    write(ev, data_copy / "events.csv")
    row = row_of(ev, "event_id", "mar-delegation-visit")
    assert messages(data_copy) == [
        f"events.csv, row {row}, column event_type: 'parade' is not an allowed value; expected one of: "
        "meeting, visit, joint_commission, agreement_signature, agreement_ratification, summit, "
        "institution_creation, delivery, training, joint_operation, statement, agreement_termination, "
        "withdrawal, relations_break, suspension, other"
    ]


def test_validate_reports_dangling_actor_id(data_copy):
    parts = read(data_copy / "participants.csv")
    i = parts.index[parts["actor_id"] == "berkale-toufik"][0]
    parts.loc[i, "actor_id"] = "berkale-toufk"
    write(parts, data_copy / "participants.csv")
    assert messages(data_copy) == [
        f"participants.csv, row {i + 2}, column actor_id: 'berkale-toufk' does not match any actor_id "
        "of actors; expected an existing id"
    ]


def test_validate_reports_evidence_off_by_one(data_copy):
    m = read(data_copy / "mentions.csv")
    m.loc[0, "start"] = str(int(m.loc[0, "start"]) + 1)
    write(m, data_copy / "mentions.csv")
    start, end = int(m.loc[0, "start"]), int(m.loc[0, "end"])
    text = (data_copy / "raw" / "articles" / f"{m.loc[0, 'article_id']}.txt").read_text(
        encoding="utf-8"
    )
    assert messages(data_copy) == [
        f"mentions.csv, row 2, column evidence: does not equal the article text at {start}:{end}, which reads "
        f"{text[start:end][:60]!r}; the quote is found at {start - 1}:{end}"
    ]


def test_validate_reports_duplicate_event_id(data_copy):
    ev = read(data_copy / "events.csv")
    ev.loc[1, "event_id"] = ev.loc[0, "event_id"]
    write(ev, data_copy / "events.csv")
    dup = ev.loc[0, "event_id"]
    assert (
        f"events.csv, row 3, column event_id: {dup!r} is a duplicate; each event_id must be unique"
        in messages(data_copy)
    )


def test_validate_reports_missing_column(data_copy):
    ev = read(data_copy / "events.csv").drop(columns=["factuality"])
    write(ev, data_copy / "events.csv")
    msgs = messages(data_copy)
    assert (
        "events.csv, row 1, column factuality: missing column 'factuality'; expected the columns of the data contract"
        in msgs
    )


def test_validate_reports_non_utf8_file(data_copy):
    path = data_copy / "actors.csv"
    raw = path.read_bytes()
    path.write_bytes(raw.replace("Wélé".encode(), "Wélé".encode("latin-1")))
    line = raw[: raw.index("Wélé".encode())].count(b"\n") + 1
    at = raw.index("Wélé".encode()) + 1
    msgs = messages(data_copy)
    assert msgs[0] == (
        f"actors.csv, row {line}: not UTF-8: byte 0xe9 at byte {at} cannot be decoded; "
        "expected a UTF-8 file (re-save it as UTF-8)"
    )
    # participants that point at actors are not reported as dangling because actors could not be read
    assert not any("participants.csv" in m for m in msgs)


def test_validate_reports_changed_source_file(data_copy):
    art = data_copy / "raw" / "articles" / "003_7af983dda2fd6249.txt"
    art.write_text(
        art.read_text(encoding="utf-8").replace("colonel Malick Diaw", "colonel M. Diaw"),
        encoding="utf-8",
    )
    msgs = messages(data_copy)
    assert len(msgs) == 1
    assert msgs[0].startswith(
        "raw/articles.csv, row 5, column sha256: articles/003_7af983dda2fd6249.txt has changed since it was recorded: its sha256 is "
    )
    assert msgs[0].endswith(
        "expected c3da2916988c46d226117fae1ca4fbe6458e9f18d5b514bed6fe7e497c57504b; evidence offsets into it are not checked until it is restored or re-curated"
    )


def test_validate_rejects_mali_as_its_own_partner(data_copy):
    ev = read(data_copy / "events.csv")
    ev.loc[0, "partners"] = "DZA;MLI"
    write(ev, data_copy / "events.csv")
    assert messages(data_copy) == [
        "events.csv, row 2, column partners: 'MLI' listed; Mali is never a partner of itself"
    ]


def test_validate_rejects_precision_that_does_not_fit_date(data_copy):
    ev = read(data_copy / "events.csv")
    ev.loc[0, "date_precision"] = "month"
    write(ev, data_copy / "events.csv")
    assert messages(data_copy) == [
        "events.csv, row 2, column date_precision: 'month' does not fit date_start '2001-12-26'"
    ]


def test_validate_requires_a_mention_for_every_event(data_copy):
    m = read(data_copy / "mentions.csv")
    m = m[m["event_id"] != "sen-framework-agreement-2021"]
    write(m, data_copy / "mentions.csv")
    ev = read(data_copy / "events.csv")
    row = row_of(ev, "event_id", "sen-framework-agreement-2021")
    assert messages(data_copy) == [
        f"events.csv, row {row}, column event_id: 'sen-framework-agreement-2021' has no mention; "
        "expected at least one evidence quote in mentions.csv"
    ]


def test_validate_lists_every_problem_of_every_file_at_once(data_copy):
    ev = read(data_copy / "events.csv")
    ev.loc[0, "date_start"] = "yesterday"
    ev.loc[1, "event_type"] = "parade"
    write(ev, data_copy / "events.csv")
    parts = read(data_copy / "participants.csv")
    parts.loc[0, "role"] = "boss"
    write(parts, data_copy / "participants.csv")
    msgs = messages(data_copy)
    assert [m.split(":")[0] for m in msgs] == [
        "events.csv, row 2, column date_start",
        "events.csv, row 3, column event_type",
        "participants.csv, row 2, column role",
    ]


def test_load_raises_data_error_with_all_problems(data_copy):
    ev = read(data_copy / "events.csv")
    ev.loc[0, "date_start"] = "2001-13-01"
    ev.loc[1, "event_type"] = "parade"
    write(ev, data_copy / "events.csv")
    with pytest.raises(DataError) as info:
        load(data_copy)
    assert len(info.value.problems) == 2
    assert "row 2, column date_start" in str(info.value) and "row 3, column event_type" in str(
        info.value
    )


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers", "validate", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_validate_exits_0_and_says_so_on_valid_data():
    res = _cli("--data-dir", str(SEED))
    assert res.returncode == 0
    assert (
        res.stdout.strip()
        == "tests/fixtures/seed: valid (every table, evidence quote and source hash checks out)"
    )


def test_cli_validate_exits_1_naming_row_and_column(data_copy):
    ev = read(data_copy / "events.csv")
    ev.loc[2, "date_start"] = "2005-31"
    write(ev, data_copy / "events.csv")
    res = _cli("--data-dir", str(data_copy))
    assert res.returncode == 1
    assert "1 problem(s)" in res.stdout
    assert (
        "events.csv, row 4, column date_start: '2005-31' is not a valid partial ISO 8601 date"
        in res.stdout
    )


def test_datapackage_is_a_frictionless_package_that_frictionless_also_finds_valid():
    from frictionless import Package

    # the project's schema descriptor (not the corpus): the one every data folder is checked with
    report = Package(str(LIVE_DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

"""Large corpora as Parquet: one loader, the same validation, the same frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.data import events as ev
from helpers.data.tables import isin, records, rows, write_parquet
from helpers.data.validate import validate
from helpers.runner.jobs import partners_in

from conftest import SEED


def test_parquet_folder_validates_and_loads_like_its_csv(tmp_path):
    pq = tmp_path / "pq"
    write_parquet(SEED, pq)
    assert not (pq / "events.csv").exists() and (pq / "events.parquet").is_file()
    assert validate(pq) == []
    a, b = ev.load(SEED), ev.load(pq)
    for name in ("events", "mentions", "actors", "participants"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert partners_in(pq) == partners_in(SEED) == ["DZA", "MAR", "RUS", "SEN"]


def test_parquet_rows_get_the_same_errors(tmp_path):
    pq = tmp_path / "pq"
    write_parquet(SEED, pq)
    events = pd.read_parquet(pq / "events.parquet")
    events.loc[0, "date_start"] = "2001-13-26"
    events.to_parquet(pq / "events.parquet", index=False)
    assert [str(p) for p in validate(pq)] == [
        "events.parquet, row 2, column date_start: '2001-13-26' is not a valid partial ISO 8601 date; "
        "expected YYYY, YYYY-MM or YYYY-MM-DD"
    ]


@pytest.fixture
def mixed_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": pd.Series(["a", "b", None, "a"], dtype=str),
            "sid": [3, 1, 2, 7],
            "tagged": [True, False, True, False],
            "lemma": pd.Series(["dire", "", "selon", "dire"], dtype="string[pyarrow]"),
        }
    )


def test_loaded_text_columns_have_the_str_dtype():
    tables = ev.load(SEED)
    assert tables.events["event_id"].dtype == "str"
    assert tables.mentions["evidence"].dtype == "str"


def test_row_readers_give_what_pandas_gives(mixed_frame):
    frame = mixed_frame
    assert [tuple(r) for r in rows(frame)] == [tuple(r) for r in frame.itertuples(index=False)]
    assert [r.sid for r in rows(frame)] == [3, 1, 2, 7]
    assert list(rows(frame.iloc[0:0])) == []
    assert records(frame) == frame.to_dict("records")
    assert records(frame.iloc[0:0]) == []
    for wanted in ({"a"}, {"b", "zz"}, set()):
        np.testing.assert_array_equal(
            isin(frame["article_id"], wanted), frame["article_id"].isin(wanted).to_numpy()
        )

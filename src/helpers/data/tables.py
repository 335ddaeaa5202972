"""Reading the tables of a data folder: UTF-8 CSV, or Parquet for large corpora.

A table named ``events.csv`` in the data contract may be stored as ``events.parquet`` instead;
either way it is read as text columns (empty string = unknown) and validated the same way.
Every table is read here, by pandas' C parser, which has no field-size limit; validation holds
each field to :data:`FIELD_LIMIT` characters so that other CSV tools read the tables too.

Text columns have pandas' own ``str`` dtype (Arrow-backed where pyarrow is installed, as it is
here): the loader asks for it once (``read_table(path, dtype=str)``) and nothing converts it back.
Its vectorised string methods are fast; what is slow is reading it one value at a time
(``isin`` with a Python set, ``to_dict("records")``, ``itertuples``: each value becomes an Arrow
scalar first). Code that needs Python values row by row uses :func:`isin`, :func:`records` and
:func:`rows`, which read each column once with ``tolist``.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

FIELD_LIMIT = 131_072  # characters in one field: the default limit of Python's csv module


def table_path(data_dir: Path, rel: str) -> Path:
    """The file holding the table ``rel`` (``events.csv``): the CSV, else a Parquet of the same
    name, else the CSV path (which then does not exist)."""
    csv_path = Path(data_dir) / rel
    if csv_path.is_file():
        return csv_path
    parquet = csv_path.with_suffix(".parquet")
    return parquet if parquet.is_file() else csv_path


def read_table(path: Path, dtype: object = object) -> pd.DataFrame:
    """A table as text columns: CSV read verbatim, Parquet cast to text (missing → empty)."""
    path = Path(path)
    if path.suffix == ".parquet":
        df = pd.read_parquet(path)
        return (
            df.astype(object)
            .where(df.notna(), "")
            .map(lambda v: v if isinstance(v, str) else str(v))
            .astype(dtype)
        )
    return pd.read_csv(path, dtype=dtype, keep_default_na=False, encoding="utf-8")


def write_parquet(data_dir: Path, dest: Path) -> list[Path]:
    """Copy a data folder with its four curated tables as Parquet (text columns)."""
    import shutil

    data_dir, dest = Path(data_dir), Path(dest)
    shutil.copytree(data_dir, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("interim"))
    written = []
    for name in ("events", "mentions", "actors", "participants"):
        src = dest / f"{name}.csv"
        df = read_table(src, dtype=str)
        out = dest / f"{name}.parquet"
        df.to_parquet(out, index=False)
        src.unlink()
        written.append(out)
    return written


def isin(values: pd.Series, wanted: set) -> np.ndarray:
    """``values.isin(wanted)`` for a set of strings, by set lookups on the column's Python values
    (a missing value matches nothing)."""
    return np.fromiter((v in wanted for v in values.tolist()), dtype=bool, count=len(values))


def records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")``, read column by column."""
    columns = [str(c) for c in frame.columns]
    values = [frame[c].tolist() for c in frame.columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def rows(frame: pd.DataFrame) -> Iterator[tuple]:
    """``frame.itertuples(index=False)`` as named tuples of Python values, read column by column."""
    row = namedtuple("Row", frame.columns)
    return map(row._make, zip(*(frame[c].tolist() for c in frame.columns), strict=True))

"""Partial ISO dates and the intervals they stand for."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.data.dates import bounds, interval_bounds, precision_of


@pytest.mark.parametrize(
    ("value", "lo", "hi", "precision"),
    [
        ("2023-01-13", "2023-01-13", "2023-01-13", "day"),
        ("2005-10", "2005-10-01", "2005-10-31", "month"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),  # leap year
        ("2023-02", "2023-02-01", "2023-02-28", "month"),
        ("2006", "2006-01-01", "2006-12-31", "year"),
    ],
)
def test_bounds_span_the_period_a_partial_date_names(value, lo, hi, precision):
    assert bounds(value) == (pd.Timestamp(lo), pd.Timestamp(hi))
    assert precision_of(value) == precision


def test_empty_date_is_unknown_with_no_bounds():
    assert precision_of("") == "unknown"
    lo, hi = bounds("")
    assert pd.isna(lo) and pd.isna(hi)


@pytest.mark.parametrize(
    "value", ["2023-02-30", "2023-13", "23-01-01", "2023/01/01", "janvier 2023"]
)
def test_bounds_reject_what_is_not_a_real_partial_date(value):
    with pytest.raises(ValueError):
        bounds(value)


def test_interval_bounds_use_start_when_no_end_and_span_ranges():
    s = pd.Series(["2022-02-15", "2005-10", "", "2021"])
    e = pd.Series(["2022-02-17", "", "", "2022-03"])
    b = interval_bounds(s, e)
    assert b["lo"].tolist()[:2] == [pd.Timestamp("2022-02-15"), pd.Timestamp("2005-10-01")]
    assert b["hi"].tolist()[:2] == [pd.Timestamp("2022-02-17"), pd.Timestamp("2005-10-31")]
    assert pd.isna(b.loc[2, "lo"]) and pd.isna(b.loc[2, "hi"])
    assert (b.loc[3, "lo"], b.loc[3, "hi"]) == (
        pd.Timestamp("2021-01-01"),
        pd.Timestamp("2022-03-31"),
    )


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(["day", "month", "year"]),
)
def test_every_real_date_lies_within_the_bounds_of_its_truncations(day, precision):
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[
        precision
    ]
    lo, hi = bounds(text)
    assert lo <= pd.Timestamp(day) <= hi
    assert precision_of(text) == precision
    vec = interval_bounds(pd.Series([text]), pd.Series([""]))
    assert (vec.loc[0, "lo"], vec.loc[0, "hi"]) == (lo, hi)

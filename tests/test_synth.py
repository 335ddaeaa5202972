"""Synthetic scale corpora: valid, reproducible from a seed, marked, never in data/."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from helpers.data.errors import DataError
from helpers.data.validate import validate
from helpers.runner.synth import synthesize

from conftest import LIVE_DATA


def tree_digest(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_synthetic_folder_is_valid_marked_and_shaped_like_an_archive(tmp_path):
    out = synthesize(400, tmp_path / "s", seed=3)
    assert validate(out) == []
    ev = pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)
    assert len(ev) == 400
    assert (ev["notes"] == "SYNTHETIC").all()
    assert "SYNTHETIC" in (out / "datapackage.json").read_text(encoding="utf-8")
    assert (pd.read_csv(out / "raw" / "articles.csv")["publisher"] == "SYNTHETIC").all()
    assert ev["partners"].str.split(";").explode().nunique() >= 8
    assert (ev["date_precision"] == "unknown").any() and (ev["date_precision"] == "year").any()
    m = pd.read_csv(out / "mentions.csv", dtype=str)
    assert (m.groupby("event_id")["article_id"].nunique() > 1).any()  # events in several articles
    top = ev["partners"].value_counts()
    assert top.iloc[0] > 3 * top.iloc[-1]  # skewed activity


def test_same_seed_gives_the_same_bytes(tmp_path):
    a = tree_digest(synthesize(150, tmp_path / "a", seed=7))
    b = tree_digest(synthesize(150, tmp_path / "b", seed=7))
    c = tree_digest(synthesize(150, tmp_path / "c", seed=8))
    assert a == b and a != c


def test_refuses_to_write_into_project_data():
    with pytest.raises(
        DataError, match="refusing to write synthetic data into the project's data/"
    ):
        synthesize(10, LIVE_DATA / "interim" / "synthetic")


def test_bench_takes_the_median_of_the_runs_and_fewer_runs_at_the_largest_size(
    tmp_path, monkeypatch
):
    from helpers.runner import bench

    for n in (10, 20):
        synthesize(n, tmp_path / f"synth_{n}")
    walls = iter([5.0, 1.0, 3.0] * 5 + [7.0] * 5)
    monkeypatch.setattr(bench, "measure_notebook", lambda *a, **kw: (next(walls), 100.0))
    lines: list[str] = []
    out = bench.bench_notebooks((10, 20), 3, tmp_path, lines.append, runs_largest=1)
    assert set(out) == {
        "01_event_table",
        "02_network",
        "03_rhythm",
        "04_framing",
        "05_partner_profile",
    }
    assert out["02_network"][10] == {"seconds": 3.0, "peak_mb": 100.0, "runs": 3}
    assert out["02_network"][20] == {"seconds": 7.0, "peak_mb": 100.0, "runs": 1}
    assert any("median of 1" in line for line in lines) and any(
        "median of 3" in line for line in lines
    )


def test_bench_table_shows_each_target_and_whether_it_is_met():
    from helpers.runner import bench

    result = {
        "extract_articles_per_s_one_process": 4.0,
        "extract_articles_per_s_two_processes": 20.0,
        "notebooks": {
            "02_network": {"1000": {}, "100000": {}},
            "04_framing": {"1000": {}, "100000": {}},
        },
        "notebook_seconds_100k": {"02_network": 59.9, "04_framing": 60.0},
        "notebook_peak_mb_100k": {"02_network": 1907.0, "04_framing": 1908.0},
        "report_cold_seconds": 50.0,
        "report_nochange_seconds": 2.5,
    }
    met = bench.targets_met(result)
    assert met == {
        "extract_articles_per_s_two_processes": True,
        "report_nochange_seconds": False,
        "02_network seconds": True,
        "04_framing seconds": False,
        "02_network peak_mb": True,
        "04_framing peak_mb": False,
    }
    table = bench.summary_table(result)
    assert table[0].split() == ["measure", "value", "target", "met"]
    row = next(line for line in table if line.startswith("04_framing, s at 100,000 events"))
    assert row.split()[-3:] == ["<", "60", "NO"]
    row = next(line for line in table if line.startswith("02_network, peak MiB"))
    assert row.split()[-2:] == ["1907.3", "yes"]
    assert next(line for line in table if line.startswith("make report cold")).split()[-1] == "50.0"


def test_extraction_rate_once_started_and_start_up_come_from_two_corpus_sizes():
    from helpers.runner import bench

    got = bench.rates(100, 18.0, 300, 34.0)  # 200 more articles in 16 more seconds
    assert got["marginal"] == pytest.approx(12.5)
    assert got["startup"] == pytest.approx(18.0 - 100 / 12.5)
    assert got["rate"] == pytest.approx(300 / 34.0)


def test_bench_table_of_the_extraction_alone_shows_the_two_process_rate_against_its_target():
    from helpers.runner import bench

    result = {
        "extract_articles_per_s_one_process": 9.0,
        "extract_articles_per_s_two_processes": 14.5,
        "extract_articles": 300,
        "extract_one_process_started": 10.0,
        "extract_two_processes_started": 19.0,
        "extract_startup_seconds_two_processes": 5.2,
    }
    assert bench.targets_met(result) == {"extract_articles_per_s_two_processes": False}
    table = bench.summary_table(result)
    row = next(
        line
        for line in table
        if line.startswith("extraction, articles/s, 2 processes (300 articles)")
    )
    assert row.split()[-3:] == [">=", "20", "NO"]
    assert not any(line.startswith(("make report", "02_network")) for line in table)


def test_bench_only_extract_is_an_option():
    from helpers.runner import bench

    with pytest.raises(SystemExit):
        bench.cli(["--only", "everything"])


def test_extraction_rates_are_not_given_when_the_larger_run_was_not_longer():
    from helpers.runner import bench

    got = bench.rates(100, 30.0, 300, 29.0)
    assert got == {"rate": pytest.approx(300 / 29.0), "marginal": None, "startup": None}
    table = bench.summary_table(
        {
            "extract_articles_per_s_one_process": 9.0,
            "extract_articles_per_s_two_processes": 10.3,
            "extract_articles": 300,
            "extract_one_process_started": None,
            "extract_two_processes_started": None,
            "extract_startup_seconds_two_processes": None,
            "extract_cpu_seconds_one_process": 40.0,
            "extract_cpu_seconds_two_processes": 43.0,
        }
    )
    assert next(line for line in table if "once started, 2" in line).split()[-1] == "n/a"
    assert (
        next(line for line in table if "CPU s, 2 processes (300 articles)" in line).split()[-1]
        == "43.0"
    )

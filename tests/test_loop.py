"""The analyst's loop on a copy of the seed data: add an article, draft it, accept, merge,
validate, run every notebook: the new partner gets a profile, curated rows stay as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.__main__ import main
from helpers.data.validate import validate
from helpers.runner import pipeline

from conftest import SEED

ARTICLE = Path(__file__).parent / "fixtures" / "loop" / "mali_niger.txt"


@pytest.mark.notebook
def test_add_extract_merge_validate_and_run_every_notebook(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(SEED, data)
    seed_events = (SEED / "events.csv").read_bytes()
    assert (
        main(
            [
                "add",
                str(ARTICLE),
                "--title",
                "Mali-Niger : les deux armées renforcent leur coopération militaire",
                "--published",
                "2024-03-12",
                "--data-dir",
                str(data),
            ]
        )
        == 0
    )
    draft = tmp_path / "draft"
    assert (
        main(["extract", "--new", "--data-dir", str(data), "--out", str(draft), "--no-progress"])
        == 0
    )
    review = pd.read_csv(draft / "review.csv", dtype=str, keep_default_na=False)
    assert set(review["article_id"]) == {"005_97dbc1fd4e667d26"}, (
        "only the article no curated mention cites"
    )
    assert (review["decision"] == "").all()
    assert "NER" in set(review["partners"])
    assert main(["merge", str(draft), "--data-dir", str(data), "--accept-all"]) == 0
    assert validate(data) == []
    assert (data / "events.csv").read_bytes().startswith(seed_events)
    seed_rows = pd.read_csv(SEED / "events.csv", dtype=str, keep_default_na=False)
    merged = pd.read_csv(data / "events.csv", dtype=str, keep_default_na=False)
    assert merged.iloc[:16].equals(seed_rows) and len(seed_rows) == 16
    assert "NER" in set(merged["partners"].iloc[16:])
    capsys.readouterr()
    out = tmp_path / "out"
    outcomes = pipeline.run(
        data_dir=str(data), out=str(out), jobs=2, force=True, echo=lambda s: None
    )
    assert [o.message for o in outcomes if o.status != "ran"] == []
    assert (out / "reports" / "05_partner_profile-ner.reader.html").is_file()
    assert (out / "figures" / "05_profile_ner_timeline.svg").is_file()


def test_extract_new_with_nothing_new_says_so_and_writes_nothing(data_copy, tmp_path, capsys):
    assert (
        main(
            [
                "extract",
                "--new",
                "--data-dir",
                str(data_copy),
                "--out",
                str(tmp_path / "draft"),
                "--no-progress",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip() == (
        f"no new article: every article of {data_copy / 'raw' / 'articles.csv'} is cited by a curated mention"
    )
    assert not (tmp_path / "draft").exists()


def test_extract_needs_a_corpus_or_new(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--out", "x"])
    assert "give either --corpus DIR or --new" in capsys.readouterr().err

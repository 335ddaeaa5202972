"""``python -m helpers extract``: a complete, valid draft folder; bad input named by article;
the seeds floor; merging across articles; never writing into data/ unless told."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.__main__ import main
from helpers.data.errors import DataError
from helpers.data.validate import validate
from helpers.extraction.cli import cli
from helpers.extraction.evaluate import evaluate

from conftest import ROOT, SEED

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
GOOD = "Le Mali et la Mauritanie ont signé le 5 avril 2022 à Nouakchott un accord de coopération militaire.\n"


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def seed_draft(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "draft"
    assert cli(["--corpus", str(SEED / "raw"), "--out", str(out), "--no-progress"]) == 0
    return out


@pytest.fixture(scope="module")
def fixture_draft(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fixture") / "draft"
    assert cli(["--corpus", str(FIXTURES / "corpus"), "--out", str(out), "--no-progress"]) == 0
    return out


def test_seed_draft_is_a_complete_valid_data_folder(seed_draft):
    assert validate(seed_draft) == []
    for name in (
        "events.csv",
        "mentions.csv",
        "actors.csv",
        "participants.csv",
        "datapackage.json",
        "raw/articles.csv",
        "review.csv",
        "review.html",
        "extract_problems.csv",
    ):
        assert (seed_draft / name).is_file(), name
    assert sorted(p.name for p in (seed_draft / "raw" / "articles").iterdir()) == sorted(
        p.name for p in (SEED / "raw" / "articles").iterdir()
    )


def test_seed_draft_reaches_the_accuracy_floor(seed_draft):
    metrics = evaluate(SEED, seed_draft).set_index("metric")["value"]
    assert metrics["event F1"] >= 0.8
    assert metrics["exact-date accuracy"] >= 0.9
    assert metrics["partner accuracy"] >= 0.9


def test_seed_draft_evidence_is_verbatim(seed_draft):
    mentions = read(seed_draft, "mentions.csv")
    for m in mentions.itertuples(index=False):
        text = (seed_draft / "raw" / "articles" / f"{m.article_id}.txt").read_text(encoding="utf-8")
        assert text[int(m.start) : int(m.end)] == m.evidence


def test_seed_draft_marks_inferred_and_relative_dates_and_explains_them(seed_draft):
    events = read(seed_draft, "events.csv")
    guessed = events[events["date_basis"].isin(["inferred", "relative"])]
    assert not guessed.empty
    assert (guessed["notes"] != "").all()


def test_seed_site_error_line_is_reported_by_article(seed_draft):
    problems = read(seed_draft, "extract_problems.csv")
    row = problems[problems["message"].str.contains("The website encountered")]
    assert list(row["article_id"]) == ["001_4311d6fa750b5c7c"]
    assert list(row["severity"]) == ["warning"]


def test_same_event_in_two_articles_is_one_event_with_two_mentions(fixture_draft):
    events = read(fixture_draft, "events.csv")
    meeting = events[(events["partners"] == "NER") & (events["event_type"] == "meeting")]
    assert list(meeting["date_start"]) == ["2023-03-14"]
    mentions = read(fixture_draft, "mentions.csv")
    quoted = mentions[mentions["event_id"] == meeting["event_id"].iloc[0]]
    assert sorted(set(quoted["article_id"])) == ["a01_ner_visite", "a02_ner_entretien"]
    actors = read(fixture_draft, "actors.csv")
    assert list(actors.loc[actors["name"] == "Salifou Mody", "country"]) == ["NER"]


def test_fixture_draft_events(fixture_draft):
    events = read(fixture_draft, "events.csv").set_index("event_id")
    assert events.loc["bfa-ner-meeting-2023-09-16", "location_country"] == "MLI"
    assert events.loc["tur-delivery-2023-02-02", "date_basis"] == "relative"
    assert events.loc["rus-visit-2024-06-10", "factuality"] == "announced"
    assert not events.index.str.contains("undated-2").any()
    assert validate(fixture_draft) == []


def test_review_sheet_has_one_row_per_event_and_escapes_article_text(fixture_draft):
    review = read(fixture_draft, "review.csv")
    events = read(fixture_draft, "events.csv")
    assert sorted(review["event_id"]) == sorted(events["event_id"])
    assert review["confidence"].astype(float).between(0, 1).all()
    html = (fixture_draft / "review.html").read_text(encoding="utf-8")
    assert (
        '<mark class="trigger">' in html
        and '<mark class="date">' in html
        and '<mark class="partner">' in html
    )
    assert '<mark class="person">Salifou Mody</mark>' in html
    assert "à &lt;b&gt;" in html and "<b>" not in html


def test_jobs_give_the_same_tables(fixture_draft, tmp_path):
    out = tmp_path / "draft"
    assert (
        cli(
            [
                "--corpus",
                str(FIXTURES / "corpus"),
                "--out",
                str(out),
                "--jobs",
                "2",
                "--no-progress",
            ]
        )
        == 0
    )
    for name in (
        "events.csv",
        "mentions.csv",
        "actors.csv",
        "participants.csv",
        "review.csv",
        "review.html",
    ):
        assert (out / name).read_bytes() == (fixture_draft / name).read_bytes(), name


@pytest.fixture
def bad_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    files = {
        "good": GOOD.encode(),
        "empty": b"",
        "latin1": "Le Mali et le Sénégal ont signé un accord.".encode("latin-1"),
        "html": ("<div>\n<p>" + GOOD.strip() + "</p>\n</div>\n").encode(),
        "site_error": (
            GOOD + "\nThe website encountered an unexpected error. Please try again later.\n"
        ).encode(),
        "huge": ("Le Mali coopère avec ses voisins. " * 32_000).encode(),
        "orphan": GOOD.encode(),
    }
    for name, data in files.items():
        (corpus / "articles" / f"{name}.txt").write_bytes(data)
    rows = [f"{n},articles/{n}.txt,,,,,,fr," for n in files if n != "orphan"]
    rows.append("gone,articles/gone.txt,,,,,,fr,")
    (corpus / "articles.csv").write_text(
        "article_id,file,title,publisher,author,published,url,language,sha256\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    return corpus


def test_each_bad_input_is_named_and_the_others_are_processed(bad_corpus, tmp_path, capsys):
    out = tmp_path / "draft"
    assert cli(["--corpus", str(bad_corpus), "--out", str(out), "--no-progress"]) == 0
    err = capsys.readouterr().err
    problems = read(out, "extract_problems.csv")
    by_article = {
        a: " | ".join(g["severity"] + ": " + g["message"])
        for a, g in problems.groupby("article_id")
    }
    assert "empty" in by_article["empty"] and by_article["empty"].startswith("error")
    assert "not UTF-8: byte 0xe9" in by_article["latin1"]
    assert "HTML remnants" in by_article["html"]
    assert "The website encountered" in by_article["site_error"]
    assert "more than the 100,000" in by_article["huge"]
    assert "no row in articles.csv" in by_article["orphan"]
    assert "not found" in by_article["gone"]
    for article in ("empty", "latin1", "html", "site_error", "huge", "orphan", "gone"):
        assert article in err
    events = read(out, "events.csv")
    mentions = read(out, "mentions.csv")
    assert sorted(set(mentions["article_id"])) == ["good", "html", "site_error"]
    assert set(events["partners"]) == {"MRT"}
    assert sorted(read(out, "raw/articles.csv")["article_id"]) == ["good", "html", "site_error"]
    assert validate(out) == []


def test_nothing_readable_exits_1(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / "a.txt").write_bytes(b"")
    (corpus / "articles.csv").write_text("article_id,file\na,articles/a.txt\n", encoding="utf-8")
    assert cli(["--corpus", str(corpus), "--out", str(tmp_path / "draft"), "--no-progress"]) == 1


def test_missing_corpus_metadata_is_a_clear_error(tmp_path):
    (tmp_path / "corpus").mkdir()
    assert (
        main(["extract", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "draft")])
        == 1
    )
    with pytest.raises(DataError, match=r"articles\.csv"):
        cli(["--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "draft")])


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_refuses_to_write_into_the_data_folder(tmp_path):
    before = digests(SEED)
    with pytest.raises(
        DataError,
        match="is the project's data folder; write the draft elsewhere, review it, then merge it with python -m helpers merge",
    ):
        cli(["--corpus", str(FIXTURES / "corpus"), "--out", str(SEED)])
    with pytest.raises(DataError, match="inside the project's data folder"):
        cli(["--corpus", str(FIXTURES / "corpus"), "--out", str(SEED / "raw" / "draft")])
    assert digests(SEED) == before


def test_refuses_overlapping_and_foreign_output_folders(tmp_path):
    with pytest.raises(DataError, match="overlap"):
        cli(["--corpus", str(FIXTURES / "corpus"), "--out", str(FIXTURES / "corpus" / "draft")])
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(DataError, match="not an extraction folder"):
        cli(["--corpus", str(FIXTURES / "corpus"), "--out", str(foreign)])
    assert (foreign / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_make_extract_command_writes_data_interim(tmp_path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(SEED, root / "data", ignore=shutil.ignore_patterns("interim"))
    shutil.copyfile(ROOT / "pyproject.toml", root / "pyproject.toml")
    monkeypatch.setenv("MALI_PROJECT_ROOT", str(root))
    argv = ["extract", "--corpus", "data/raw", "--out", "data/interim/extract", "--no-progress"]
    assert main(argv) == 0
    assert validate(root / "data" / "interim" / "extract") == []
    assert main(argv) == 0  # a second run replaces the earlier extraction


def test_evaluate_command_on_the_seed_draft(seed_draft, tmp_path, capsys):
    assert (
        main(
            [
                "evaluate",
                "--gold",
                str(SEED),
                "--pred",
                str(seed_draft),
                "--out",
                str(tmp_path / "m.csv"),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "event F1" in out and "exact-date accuracy" in out and "compatible dates" in out
    assert list(read(tmp_path, "m.csv").columns) == ["metric", "value", "numerator", "denominator"]


@pytest.mark.notebook
def test_event_table_notebook_runs_on_the_draft_tables(seed_draft, run_notebook):
    nb = run_notebook("01_event_table", data_dir=str(seed_draft))
    assert nb.cells

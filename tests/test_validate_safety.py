"""Hostile data folders: files that lead outside raw/ are refused without being opened (by
validate, the loader and extract's corpus reader), oversized fields are reported instead of
crashing a CSV reader, and what the contract forbids but a schema cannot say is reported with
file, row and column."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.data.errors import DataError
from helpers.data.events import load
from helpers.data.paths import project_root
from helpers.data.tables import FIELD_LIMIT, read_table
from helpers.data.validate import validate
from helpers.extraction.corpus import read_corpus
from helpers.runner import jobs

from conftest import SEED as DATA
from conftest import helpers_cli, tiny_notebook, tree_digest

OPENED: list[str] = []
WATCHING: list[bool] = []


def _audit(event: str, args: tuple) -> None:
    if WATCHING and event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        OPENED.append(os.path.realpath(os.fsdecode(args[0])))


sys.addaudithook(_audit)


@pytest.fixture
def opened():
    """The files this process opens while the test runs (``open`` audit events, each path
    resolved when it is opened): ``opened(target)`` lists the opens of ``target``."""
    OPENED.clear()
    WATCHING.append(True)
    yield lambda target: [p for p in OPENED if p == os.path.realpath(target)]
    WATCHING.clear()


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def write(df: pd.DataFrame, folder: Path, name: str) -> None:
    df.to_csv(folder / name, index=False, lineterminator="\n")


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the data folder that holds exactly the text of the first seed article,
    so that its sha256 matches articles.csv: only the path gives it away."""
    articles = read(DATA / "raw", "articles.csv")
    target = tmp_path / "outside" / "secret.txt"
    target.parent.mkdir()
    shutil.copyfile(DATA / "raw" / articles.loc[0, "file"], target)
    return target


def test_a_symlink_out_of_raw_is_refused_unopened_by_validate_and_the_loader(
    data_copy, secret, opened
):
    articles = read(data_copy / "raw", "articles.csv")
    link = data_copy / "raw" / articles.loc[0, "file"]
    link.unlink()
    link.symlink_to(secret)
    before = tree_digest(data_copy)
    problems = messages(validate(data_copy))
    assert any(
        re.search(
            rf"raw/articles.csv, row 2, column file: '{articles.loc[0, 'file']}' leads outside raw/ "
            rf"\(to {re.escape(str(secret))}\) .*; not opened",
            m,
        )
        for m in problems
    ), problems
    with pytest.raises(DataError, match="leads outside raw/"):
        load(data_copy, validate=False)
    with pytest.raises(DataError, match="leads outside raw/"):
        load(data_copy)
    assert opened(secret) == []
    assert tree_digest(data_copy) == before


@pytest.mark.parametrize("path", ["../../outside/secret.txt", "ABSOLUTE"])
def test_paths_out_of_raw_are_refused_without_printing_what_the_target_holds(
    data_copy, secret, opened, path
):
    articles = read(data_copy / "raw", "articles.csv")
    articles.loc[0, "file"] = str(secret) if path == "ABSOLUTE" else path
    articles.loc[0, "sha256"] = "0" * 64
    write(articles, data_copy / "raw", "articles.csv")
    problems = messages(validate(data_copy))
    refused = [
        m
        for m in problems
        if m.startswith("raw/articles.csv, row 2, column file:") and "not opened" in m
    ]
    assert refused and ("absolute path" in refused[0] or "leads outside raw/" in refused[0]), (
        problems
    )
    same = (DATA / "raw" / read(DATA / "raw", "articles.csv").loc[0, "file"]).read_bytes()
    assert not any(
        hashlib.sha256(same).hexdigest() in m or f"({len(same.decode())} " in m for m in problems
    )
    with pytest.raises(DataError, match="not opened"):
        load(data_copy, validate=False)
    assert opened(secret) == []


def test_the_loader_refuses_a_table_that_is_a_symlink_out_of_the_folder(
    data_copy, tmp_path, opened
):
    outside = tmp_path / "events.csv"
    shutil.copyfile(data_copy / "events.csv", outside)
    (data_copy / "events.csv").unlink()
    (data_copy / "events.csv").symlink_to(outside)
    OPENED.clear()  # the copy above wrote it
    assert any("events.csv: 'events.csv' leads outside" in m for m in messages(validate(data_copy)))
    with pytest.raises(DataError, match="not opened"):
        load(data_copy, validate=False)
    assert opened(outside) == []


def test_extract_corpus_reader_skips_a_symlink_out_of_the_corpus(tmp_path, secret, opened):
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "raw", corpus)
    articles = read(corpus, "articles.csv")
    link = corpus / articles.loc[0, "file"]
    link.unlink()
    link.symlink_to(secret)
    read_back = read_corpus(corpus)
    assert articles.loc[0, "article_id"] not in read_back.texts
    assert len(read_back.texts) == len(articles) - 1
    problem = next(
        p for p in read_back.problems if p["article_id"] == articles.loc[0, "article_id"]
    )
    assert (
        problem["severity"] == "error"
        and "leads outside corpus/" in problem["message"]
        and "not opened" in problem["message"]
    )
    assert opened(secret) == []


def test_a_field_over_the_limit_is_reported_and_no_reader_crashes(data_copy, tmp_path):
    events = read(data_copy, "events.csv")
    events.loc[0, "notes"] = "x" * (FIELD_LIMIT + 1)
    write(events, data_copy, "events.csv")
    assert any(
        m
        == f"events.csv, row 2, column notes: {FIELD_LIMIT + 1:,} characters, more than the {FIELD_LIMIT:,} a "
        "field may hold; shorten it (an article's text belongs in raw/articles/)"
        for m in messages(validate(data_copy))
    )
    assert len(read_table(data_copy / "events.csv")["notes"][0]) == FIELD_LIMIT + 1
    assert jobs.partners_in(data_copy) == ["DZA", "MAR", "RUS", "SEN"]


@pytest.mark.notebook
def test_run_on_an_oversized_field_reports_validation_instead_of_crashing(data_copy, tmp_path):
    events = read(data_copy, "events.csv")
    events.loc[0, "notes"] = "x" * (FIELD_LIMIT + 1)
    write(events, data_copy, "events.csv")
    books = tmp_path / "notebooks"
    tiny_notebook(
        books / "05_partner_profile.ipynb",
        "from helpers.data.events import load\ntables = load(data_dir)",
        parameters="partner = None\ndata_dir = None",
    )
    before = tree_digest(data_copy)
    res = helpers_cli(
        "run",
        "--notebooks",
        books,
        "--data-dir",
        data_copy,
        "--out",
        tmp_path / "out",
        "--jobs",
        "2",
    )
    assert res.returncode == 1
    assert "field larger than field limit" not in res.stdout + res.stderr
    assert "Traceback (most recent call last)" not in res.stderr
    assert "[start]   05_partner_profile-dza" in res.stdout
    assert "column notes: 131,073 characters, more than the 131,072 a field may hold" in res.stdout
    assert tree_digest(data_copy) == before
    assert not res.leftovers()


def test_every_csv_table_is_read_by_the_one_reader():
    src = project_root() / "src" / "helpers"
    readers = [
        f"{p.relative_to(src)}:{n}"
        for p in sorted(src.rglob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"pd\.read_csv|csv\.(DictReader|reader)\(", line)
    ]
    assert len(readers) == 1 and readers[0].startswith("data/tables.py:"), readers


def test_control_characters_are_reported_with_row_and_column(data_copy):
    events = read(data_copy, "events.csv")
    events.loc[1, "title"] = "Visit\x00 of the minister"
    events.loc[2, "location_city"] = "Bamako\tcentre"
    write(events, data_copy, "events.csv")
    actors = read(data_copy, "actors.csv")
    actors.loc[3, "name"] = "Russie\x1b[31m"
    write(actors, data_copy, "actors.csv")
    problems = messages(validate(data_copy))
    assert (
        "events.csv, row 3, column title: holds the control character U+0000 (NUL) at character 5; expected "
        "printable text (tab and line breaks only in evidence and notes)"
    ) in problems
    assert any(
        m.startswith(
            "events.csv, row 4, column location_city: holds the control character U+0009 (tab)"
        )
        for m in problems
    )
    assert any(
        m.startswith(
            "actors.csv, row 5, column name: holds the control character U+001B (ESC) at character 6"
        )
        for m in problems
    )


def test_a_line_break_in_notes_is_allowed(data_copy):
    events = read(data_copy, "events.csv")
    events.loc[0, "notes"] = "first line\nsecond line\twith a tab"
    write(events, data_copy, "events.csv")
    assert validate(data_copy) == []


@pytest.mark.parametrize(
    ("name", "aliases", "column", "spelling"),
    [
        ("SADIO CAMARA", "", "name", "SADIO CAMARA"),
        ("Sadio Kamara", "General Sadio Camara|S. Kamara", "aliases", "General Sadio Camara"),
    ],
)
def test_one_person_under_two_actor_ids_is_reported(data_copy, name, aliases, column, spelling):
    actors = read(data_copy, "actors.csv")
    row = len(actors) + 2
    actors.loc[len(actors)] = {
        "actor_id": "sadio-camara-2",
        "name": name,
        "kind": "person",
        "country": "MLI",
        "aliases": aliases,
    }
    write(actors, data_copy, "actors.csv")
    expected = (
        f"actors.csv, row {row}, column {column}: {spelling!r} is also a name or alias of the person "
        "'sadio-camara' (row 7), compared without case and accents; one person is one actor: merge the two, "
        "or drop the shared spelling"
    )
    assert expected in messages(validate(data_copy))


def test_an_article_id_that_is_not_its_file_stem_is_reported(data_copy):
    articles = read(data_copy / "raw", "articles.csv")
    old = data_copy / "raw" / articles.loc[1, "file"]
    old.rename(old.with_name("renamed.txt"))
    articles.loc[1, "file"] = "articles/renamed.txt"
    write(articles, data_copy / "raw", "articles.csv")
    aid = articles.loc[1, "article_id"]
    assert (
        f"raw/articles.csv, row 3, column article_id: {aid!r} differs from the stem 'renamed' of its file "
        f"'articles/renamed.txt'; expected file articles/{aid}.txt"
    ) in messages(validate(data_copy))


def test_an_article_of_binary_bytes_is_reported(data_copy):
    articles = read(data_copy / "raw", "articles.csv")
    path = data_copy / "raw" / articles.loc[2, "file"]
    data = b"\x00\x01\x02ELF\x7f\x1b" * 20
    path.write_bytes(data)
    articles.loc[2, "sha256"] = hashlib.sha256(data).hexdigest()
    write(articles, data_copy / "raw", "articles.csv")
    assert any(
        m.startswith(
            f"raw/articles.csv, row 4, column file: {articles.loc[2, 'file']} holds 100 control character(s), "
            "the first U+0000 (NUL) at character 0: binary data, not article text"
        )
        for m in messages(validate(data_copy))
    )


ENGLISH = (
    "The Malian defence minister met his Algerian counterpart on Tuesday in Algiers to discuss military "
    "cooperation between the two countries, according to a statement released by the ministry. The talks "
    "covered training, equipment deliveries and border security, and a new session of the joint committee "
    "is planned for next year in Bamako.\n"
)


def test_an_article_labelled_fr_in_english_is_a_warning_not_an_error(data_copy):
    data = ENGLISH.encode("utf-8")
    (data_copy / "raw" / "articles" / "en_1.txt").write_bytes(data)
    articles = read(data_copy / "raw", "articles.csv")
    articles.loc[len(articles)] = {
        **{c: "" for c in articles.columns},
        "article_id": "en_1",
        "file": "articles/en_1.txt",
        "language": "fr",
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    write(articles, data_copy / "raw", "articles.csv")
    assert validate(data_copy) == []
    notes = validate(data_copy, notes=True)
    assert [(p.severity, p.file, p.row, p.column) for p in notes] == [
        ("warning", "raw/articles.csv", 7, "language")
    ]
    assert (
        "labelled 'fr' but only 0% of the 52 words of articles/en_1.txt are common French function words"
        in notes[0].message
    )
    res = helpers_cli("validate", "--data-dir", data_copy)
    assert res.returncode == 0
    assert (
        "1 warning(s) (the data stay valid)" in res.stdout
        and "warning: labelled 'fr'" in res.stdout
    )
    assert ": valid (" in res.stdout


def test_the_seed_data_raise_no_warning():
    assert validate(DATA, notes=True) == []


@pytest.mark.parametrize("module", ["validate.py", "rowchecks.py", "textchecks.py"])
def test_a_change_to_any_validation_rule_module_invalidates_the_remembered_result(
    module, monkeypatch
):
    from helpers.data import validate as validate_module

    before = validate_module._stamp(DATA)
    real = Path.read_text

    def edited(self, *args, **kwargs):
        text = real(self, *args, **kwargs)
        return text + "\n# changed\n" if self.name == module and "helpers" in self.parts else text

    monkeypatch.setattr(Path, "read_text", edited)
    assert validate_module._stamp(DATA) != before

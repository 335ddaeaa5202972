"""Adding an article verbatim, and finding a quote's exact offsets: ``add`` and ``quote``."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.__main__ import main
from helpers.data import corpus
from helpers.data.validate import validate

TEXT = "Bamako, le 3 mars 2024 \u2013 Le ministre l\u2019a dit :\n\nla coopération   continue.\n"


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "new.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return path


def test_add_copies_the_text_verbatim_and_appends_its_row(data_copy, article, capsys):
    before = (data_copy / "raw" / "articles.csv").read_bytes()
    argv = [
        "add",
        str(article),
        "--title",
        "Mali-Niger",
        "--publisher",
        "L'Essor",
        "--published",
        "2024-03",
        "--url",
        "https://example.org/a",
        "--data-dir",
        str(data_copy),
    ]
    assert main(argv) == 0
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    article_id = f"005_{digest[:16]}"
    assert f"added {article_id}" in capsys.readouterr().out
    assert (data_copy / "raw" / "articles" / f"{article_id}.txt").read_bytes() == TEXT.encode(
        "utf-8"
    )
    after = (data_copy / "raw" / "articles.csv").read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].decode("utf-8") == (
        f"{article_id},articles/{article_id}.txt,Mali-Niger,L'Essor,,2024-03,https://example.org/a,fr,{digest}\n"
    )
    assert validate(data_copy) == []
    assert not list((data_copy / "raw").rglob("*.tmp"))


def test_ids_number_on_from_the_highest_in_use():
    assert corpus.article_id_for(b"x", ["000_a", "007_b"]).startswith("008_")
    assert corpus.article_id_for(b"x", []) == "000_" + hashlib.sha256(b"x").hexdigest()[:16]


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        (TEXT.encode("utf-8"), [], "is already in the corpus as 005_{id} (same sha256)"),
        (
            b"Autre texte.",
            ["--url", "https://example.org/a"],
            "is already in the corpus as 005_{id} (same URL https://example.org/a)",
        ),
        (b"", [], "is empty: expected the article's text"),
        (b"  \n\n", [], "is empty: expected the article's text"),
        ("Café".encode("latin-1"), [], "is not UTF-8 text (byte 3): save the article as UTF-8"),
    ],
)
def test_add_refuses_and_leaves_raw_unchanged(
    data_copy, article, tmp_path, capsys, content, extra, message
):
    assert (
        main(["add", str(article), "--url", "https://example.org/a", "--data-dir", str(data_copy)])
        == 0
    )
    first = f"{hashlib.sha256(TEXT.encode('utf-8')).hexdigest()[:16]}"
    capsys.readouterr()
    before = digests(data_copy / "raw")
    other = tmp_path / "other.txt"
    other.write_bytes(content)
    assert main(["add", str(other), *extra, "--data-dir", str(data_copy)]) == 1
    assert (
        capsys.readouterr().err
        == f"python -m helpers add: invalid data:\n  - {other}: {message.format(id=first)}\n"
    )
    assert digests(data_copy / "raw") == before


@pytest.mark.parametrize("date", ["2024-13", "03/2024", "2024-02-30", "24"])
def test_add_refuses_a_date_that_is_not_a_partial_iso_date(data_copy, article, capsys, date):
    before = digests(data_copy / "raw")
    assert main(["add", str(article), "--published", date, "--data-dir", str(data_copy)]) == 1
    assert capsys.readouterr().err == (
        f"python -m helpers add: invalid data:\n  - --published: {date!r} is not a partial ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)\n"
    )
    assert digests(data_copy / "raw") == before


def test_a_failed_table_write_leaves_no_text_behind(data_copy, article, monkeypatch):
    real = corpus.write_atomic

    def fail_on_table(path, data):
        if path.name == "articles.csv":
            raise OSError("disk full")
        real(path, data)

    before = digests(data_copy / "raw")
    monkeypatch.setattr(corpus, "write_atomic", fail_on_table)
    with pytest.raises(OSError):
        corpus.add_article(article, data_copy)
    assert digests(data_copy / "raw") == before


@pytest.fixture
def added(data_copy, article) -> tuple[Path, str]:
    return data_copy, corpus.add_article(article, data_copy)


def test_quote_finds_every_occurrence_despite_pasted_whitespace_and_apostrophes(added, capsys):
    data_dir, article_id = added
    assert main(["quote", article_id, "ministre l'a   dit", "--data-dir", str(data_dir)]) == 0
    start = TEXT.index("ministre")
    end = start + len("ministre l\u2019a dit")
    assert capsys.readouterr().out.splitlines() == [
        f"1 occurrence(s) in {article_id}; mentions.csv columns evidence,start,end:",
        f"start {start}, end {end}: 'ministre l\u2019a dit'",
        f"ministre l\u2019a dit,{start},{end}",
    ]
    found = corpus.find_quote(TEXT, "dit : la coopération continue")
    assert [(o.evidence, o.start, o.end) for o in found] == [
        ("dit :\n\nla coopération   continue", TEXT.index("dit"), TEXT.index("continue") + 8)
    ]
    assert (
        found[0].csv_line()
        == f'"dit :\n\nla coopération   continue",{TEXT.index("dit")},{TEXT.index("continue") + 8}'
    )
    assert len(corpus.find_quote("a b. a  b", "a b")) == 2


def test_quote_offsets_are_what_validate_checks(added):
    data_dir, article_id = added
    (occ,) = corpus.find_quote(corpus.article_text(data_dir, article_id), "la coopération continue")
    assert corpus.article_text(data_dir, article_id)[occ.start : occ.end] == occ.evidence


def test_quote_refuses_words_not_in_the_article_and_an_unknown_article(added, capsys):
    data_dir, article_id = added
    assert main(["quote", article_id, "la coopération s'arrête", "--data-dir", str(data_dir)]) == 1
    assert capsys.readouterr().err == (
        f'python -m helpers quote: invalid data:\n  - {article_id}: "la coopération s\'arrête" is not in the article ({len(TEXT)} characters), '
        "even allowing for other whitespace and apostrophes\n"
    )
    assert main(["quote", "999_x", "mot", "--data-dir", str(data_dir)]) == 1
    ids = ", ".join(pd.read_csv(data_dir / "raw" / "articles.csv", dtype=str)["article_id"])
    assert (
        capsys.readouterr().err
        == f"python -m helpers quote: invalid data:\n  - {data_dir / 'raw' / 'articles.csv'}: no article '999_x'; expected one of: {ids}\n"
    )
    assert main(["quote", article_id, "  ", "--data-dir", str(data_dir)]) == 1
    assert (
        capsys.readouterr().err
        == "python -m helpers quote: invalid data:\n  - quote: the quote is empty: expected words of the article\n"
    )


def test_validate_says_where_a_misplaced_quote_is_and_how_long_the_text_is(added):
    data_dir, article_id = added
    shutil.copyfile(data_dir / "mentions.csv", data_dir / "mentions.orig")
    mentions = pd.read_csv(data_dir / "mentions.csv", dtype=str, keep_default_na=False)
    event = mentions["event_id"].iloc[0]
    start = TEXT.index("ministre")
    rows = pd.DataFrame(
        [
            {
                "event_id": event,
                "article_id": article_id,
                "evidence": "ministre",
                "start": str(start + 1),
                "end": str(start + 9),
            },
            {
                "event_id": event,
                "article_id": article_id,
                "evidence": "dit",
                "start": "500",
                "end": "503",
            },
        ]
    )
    pd.concat([mentions, rows]).to_csv(data_dir / "mentions.csv", index=False, lineterminator="\n")
    problems = [str(p) for p in validate(data_dir)]
    n = len(mentions) + 2
    assert any(
        f"row {n}, column evidence: does not equal the article text at {start + 1}:{start + 9}" in p
        and f"the quote is found at {start}:{start + 8}" in p
        for p in problems
    )
    assert any(
        f"row {n + 1}, column end: offsets 500:503 fall outside the article ({len(TEXT)} characters)"
        in p
        for p in problems
    )

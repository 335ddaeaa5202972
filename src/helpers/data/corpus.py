"""Growing the corpus: adding an article verbatim (``python -m helpers add``) and finding the
exact offsets of a quote in it (``python -m helpers quote``).

``raw/`` is written only by :func:`add_article`, and only by atomic replacement: the text file
first, then ``articles.csv``; an interruption leaves either the old corpus or the new one.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from helpers.data.dates import bounds
from helpers.data.errors import DataError, Problem
from helpers.data.paths import display_path, resolve_dir
from helpers.data.tables import read_table
from helpers.text.articles import read_article

ARTICLE_COLUMNS = (
    "article_id",
    "file",
    "title",
    "publisher",
    "author",
    "published",
    "url",
    "language",
    "sha256",
)
APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_articles(data_dir: Path) -> list[dict[str, str]]:
    """The rows of ``raw/articles.csv`` as dicts of strings (empty cells as ``""``)."""
    path = data_dir / "raw" / "articles.csv"
    if not path.is_file():
        raise DataError(
            [
                Problem(
                    display_path(path),
                    None,
                    None,
                    "not found: expected the corpus's metadata table",
                )
            ]
        )
    return read_table(path, dtype=str).to_dict("records")


def article_id_for(content: bytes, existing: list[str]) -> str:
    """``NNN_<first 16 hex of the text's sha256>``, ``NNN`` one more than the highest in use."""
    numbers = [int(m.group(1)) for a in existing if (m := re.match(r"(\d+)_", a))]
    return f"{max(numbers, default=-1) + 1:03d}_{hashlib.sha256(content).hexdigest()[:16]}"


def _refuse(path: Path | str, message: str) -> DataError:
    return DataError(
        [Problem(display_path(path) if isinstance(path, Path) else path, None, None, message)]
    )


def add_article(
    source: Path,
    data_dir: Path,
    *,
    title: str = "",
    publisher: str = "",
    author: str = "",
    published: str = "",
    url: str = "",
) -> str:
    """Copy ``source`` verbatim into ``raw/articles/<id>.txt`` and add its metadata row; return the id.

    Refuses (``DataError``) an empty or non-UTF-8 file, a publication date that is not a real
    partial ISO date, and an article already in the corpus (same sha256 or same URL).
    """
    if not source.is_file():
        raise _refuse(source, "not found: expected the article's text file")
    content = source.read_bytes()
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _refuse(
            source, f"is not UTF-8 text (byte {exc.start}): save the article as UTF-8"
        ) from None
    if not text.strip():
        raise _refuse(source, "is empty: expected the article's text")
    if published:
        try:
            bounds(published)
        except ValueError:
            raise _refuse(
                "--published",
                f"{published!r} is not a partial ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)",
            ) from None
    rows = read_articles(data_dir)
    digest = hashlib.sha256(content).hexdigest()
    for row in rows:
        if row.get("sha256") == digest:
            raise _refuse(source, f"is already in the corpus as {row['article_id']} (same sha256)")
        if url and row.get("url") == url:
            raise _refuse(
                source, f"is already in the corpus as {row['article_id']} (same URL {url})"
            )
    article_id = article_id_for(content, [r["article_id"] for r in rows])
    rel = f"articles/{article_id}.txt"
    row = {
        "article_id": article_id,
        "file": rel,
        "title": title,
        "publisher": publisher,
        "author": author,
        "published": published,
        "url": url,
        "language": "fr",
        "sha256": digest,
    }
    table = data_dir / "raw" / "articles.csv"
    old = table.read_bytes()
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([row[c] for c in ARTICLE_COLUMNS])
    new = old + (b"" if old.endswith(b"\n") or not old else b"\n") + line.getvalue().encode("utf-8")
    target = data_dir / "raw" / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, content)
    try:
        write_atomic(table, new)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return article_id


@dataclass(frozen=True)
class Occurrence:
    """One place a quote is found: ``text[start:end] == evidence``."""

    evidence: str
    start: int
    end: int

    def csv_line(self) -> str:
        """``evidence,start,end`` as a CSV row (quoted as ``mentions.csv`` needs)."""
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow([self.evidence, self.start, self.end])
        return out.getvalue().removesuffix("\n")


def quote_pattern(words: str) -> re.Pattern[str]:
    """A pattern for ``words`` in which any run of whitespace matches any run of whitespace and
    any apostrophe (straight or typographic) matches any other."""
    parts = words.split()
    if not parts:
        raise ValueError("empty quote")
    apostrophe = f"[{re.escape(APOSTROPHES)}]"
    tokens = [
        "".join(apostrophe if ch in APOSTROPHES else re.escape(ch) for ch in part) for part in parts
    ]
    return re.compile(r"\s+".join(tokens))


def find_quote(text: str, words: str) -> list[Occurrence]:
    """Every occurrence of ``words`` in ``text`` (whitespace- and apostrophe-tolerant)."""
    return [Occurrence(m.group(0), m.start(), m.end()) for m in quote_pattern(words).finditer(text)]


def article_text(data_dir: Path, article_id: str) -> str:
    """The verbatim text of one article of a data folder."""
    rows = {r["article_id"]: r for r in read_articles(data_dir)}
    if article_id not in rows:
        raise _refuse(
            data_dir / "raw" / "articles.csv",
            f"no article {article_id!r}; expected one of: {', '.join(rows)}",
        )
    return read_article(data_dir / "raw" / rows[article_id]["file"])


def add_cli(argv: list[str] | None = None, prog: str = "python -m helpers add") -> int:
    """``add FILE [--title ...] [--publisher ...] [--author ...] [--published DATE] [--url ...]``."""
    p = argparse.ArgumentParser(
        prog=prog, description="Add an article's text, verbatim, to the corpus (raw/)."
    )
    p.add_argument("file", type=Path, help="the article's text file (UTF-8)")
    for name in ("title", "publisher", "author", "url"):
        p.add_argument(f"--{name}", default="", help=f"the article's {name}, as the text gives it")
    p.add_argument(
        "--published", default="", help="publication date, partial ISO: YYYY, YYYY-MM or YYYY-MM-DD"
    )
    p.add_argument("--data-dir", default=None, help="data folder (default: the project's data/)")
    args = p.parse_args(argv)
    data_dir = resolve_dir(args.data_dir, "data")
    article_id = add_article(
        args.file,
        data_dir,
        title=args.title,
        publisher=args.publisher,
        author=args.author,
        published=args.published,
        url=args.url,
    )
    print(
        f"added {article_id}: {display_path(data_dir / 'raw' / 'articles' / f'{article_id}.txt')} "
        f"and its row in {display_path(data_dir / 'raw' / 'articles.csv')}"
    )
    return 0


def quote_cli(argv: list[str] | None = None, prog: str = "python -m helpers quote") -> int:
    """``quote ARTICLE_ID "words"``: the exact evidence and offsets of every occurrence."""
    p = argparse.ArgumentParser(
        prog=prog, description="Find a quote in an article: exact evidence and offsets."
    )
    p.add_argument("article_id")
    p.add_argument(
        "words", help="the words as pasted (whitespace and apostrophes may differ from the text)"
    )
    p.add_argument("--data-dir", default=None, help="data folder (default: the project's data/)")
    args = p.parse_args(argv)
    data_dir = resolve_dir(args.data_dir, "data")
    text = article_text(data_dir, args.article_id)
    if not args.words.strip():
        raise _refuse("quote", "the quote is empty: expected words of the article")
    found = find_quote(text, args.words)
    if not found:
        raise _refuse(
            args.article_id,
            f"{args.words!r} is not in the article ({len(text)} characters), "
            "even allowing for other whitespace and apostrophes",
        )
    print(
        f"{len(found)} occurrence(s) in {args.article_id}; mentions.csv columns evidence,start,end:"
    )
    for occ in found:
        print(f"start {occ.start}, end {occ.end}: {occ.evidence!r}")
        print(occ.csv_line())
    return 0

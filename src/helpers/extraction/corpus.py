"""Reading a corpus folder laid out like ``data/raw/``: ``articles.csv`` plus ``articles/<id>.txt``.

Each article's problems are collected, named by article, and the other articles are still read:
a missing, empty, non-UTF-8 or oversized text, a changed source (sha256), a text file with no
metadata row, a bad publication date, a file that leads outside the corpus folder through a
symbolic link (refused without being opened). ``error`` means the article is skipped; ``warning`` means
it is read anyway (site error lines and HTML remnants are left out of what is read).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.data.dates import bounds
from helpers.data.errors import DataError
from helpers.data.paths import outside_many
from helpers.data.tables import read_table
from helpers.text.articles import is_junk_line

ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "title",
    "publisher",
    "author",
    "published",
    "url",
    "language",
    "sha256",
]
PROBLEM_COLUMNS = ["article_id", "file", "severity", "message"]
MAX_CHARS = 100_000
_ID = re.compile(r"^[A-Za-z0-9_.-]+$")
_FILE = re.compile(r"^articles/[A-Za-z0-9_.-]+\.txt$")


@dataclass
class SourceCorpus:
    """The readable articles (metadata rows and texts) and every problem found."""

    articles: pd.DataFrame
    texts: dict[str, str]
    problems: list[dict] = field(default_factory=list)
    unreadable: int = 0

    def items(self) -> list[tuple[dict, str]]:
        """(metadata row, text) of each readable article, in ``article_id`` order."""
        return [(r, self.texts[r["article_id"]]) for r in self.articles.to_dict("records")]


def _problem(article_id: str, file: str, severity: str, message: str) -> dict:
    return {"article_id": article_id, "file": file, "severity": severity, "message": message}


def read_corpus(corpus_dir: Path, max_chars: int = MAX_CHARS) -> SourceCorpus:
    """Read every article of ``corpus_dir``; raise :class:`DataError` only when the folder or
    its ``articles.csv`` cannot be used at all."""
    corpus_dir = Path(corpus_dir)
    meta_path = corpus_dir / "articles.csv"
    if not corpus_dir.is_dir():
        raise DataError(
            f"corpus folder {corpus_dir} not found; expected a folder with articles.csv and articles/<id>.txt"
        )
    if not meta_path.is_file():
        raise DataError(
            f"{meta_path} not found; a corpus folder needs articles.csv (one row per article) and articles/<id>.txt"
        )
    try:
        meta = read_table(meta_path, dtype=str)
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{meta_path} is not UTF-8 (byte {exc.start}); re-save it as UTF-8"
        ) from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{meta_path} cannot be read as CSV: {exc}") from exc
    missing = [c for c in ("article_id", "file") if c not in meta.columns]
    if missing:
        raise DataError(
            f"{meta_path} lacks the column(s) {', '.join(missing)}; expected at least article_id and file"
        )
    meta = meta.reindex(columns=ARTICLE_COLUMNS, fill_value="")
    problems: list[dict] = []
    keep: list[dict] = []
    texts: dict[str, str] = {}
    seen: set[str] = set()
    listed: set[str] = set()
    away = outside_many(corpus_dir, [f.strip() for f in meta["file"]])
    for n, row in enumerate(meta.to_dict("records")):
        aid, file = row["article_id"].strip(), row["file"].strip()
        listed.add(file)
        if not _ID.match(aid):
            problems.append(
                _problem(
                    aid,
                    file,
                    "error",
                    f"article_id {aid!r} is not of the form [A-Za-z0-9_.-]+; skipped",
                )
            )
            continue
        if aid in seen:
            problems.append(
                _problem(
                    aid,
                    file,
                    "error",
                    "article_id appears twice in articles.csv; the second row is skipped",
                )
            )
            continue
        seen.add(aid)
        if not _FILE.match(file):
            problems.append(
                _problem(
                    aid,
                    file,
                    "error",
                    f"file {file!r} is not of the form articles/<name>.txt; skipped",
                )
            )
            continue
        if n in away:
            problems.append(_problem(aid, file, "error", f"{away[n]}; not opened; skipped"))
            continue
        path = corpus_dir / file
        if not path.is_file():
            problems.append(
                _problem(aid, file, "error", f"{file} not found in the corpus; skipped")
            )
            continue
        raw = path.read_bytes()
        text, problem = _decode(raw, aid, file, max_chars)
        if problem:
            problems.append(problem)
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if row["sha256"] and row["sha256"] != digest:
            problems.append(
                _problem(
                    aid,
                    file,
                    "error",
                    f"{file} has changed since it was recorded: its sha256 is {digest}, articles.csv says {row['sha256']}; skipped until the metadata is updated",
                )
            )
            continue
        row["sha256"] = digest
        if row["published"]:
            try:
                bounds(row["published"])
            except ValueError:
                problems.append(
                    _problem(
                        aid,
                        file,
                        "warning",
                        f"published {row['published']!r} is not a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD); treated as unknown",
                    )
                )
                row["published"] = ""
        if not row["language"]:
            problems.append(
                _problem(
                    aid,
                    file,
                    "warning",
                    "language is empty; set to 'fr', the language the extractor reads",
                )
            )
            row["language"] = "fr"
        elif row["language"] != "fr":
            problems.append(
                _problem(
                    aid,
                    file,
                    "warning",
                    f"language is {row['language']!r}; the extractor reads French only, so few events may be found",
                )
            )
        junk = [
            (n, line)
            for n, line in enumerate(text.splitlines(), start=1)
            if line.strip() and is_junk_line(line)
        ]
        for n, line in junk:
            problems.append(
                _problem(
                    aid,
                    file,
                    "warning",
                    f"line {n} is not article text (a site error line, page header or HTML tag line: {line.strip()[:60]!r}); left out",
                )
            )
        row["article_id"], row["file"] = aid, file
        keep.append(row)
        texts[aid] = text
    articles_dir = corpus_dir / "articles"
    if articles_dir.is_dir():
        for path in sorted(articles_dir.glob("*.txt")):
            rel = f"articles/{path.name}"
            if rel not in listed:
                problems.append(
                    _problem(
                        path.stem,
                        rel,
                        "error",
                        "no row in articles.csv; skipped (add a row with its article_id, file and sha256)",
                    )
                )
    frame = (
        pd.DataFrame(keep, columns=ARTICLE_COLUMNS).sort_values("article_id").reset_index(drop=True)
    )
    unreadable = sum(1 for p in problems if p["severity"] == "error")
    return SourceCorpus(frame, texts, problems, unreadable)


def _decode(raw: bytes, aid: str, file: str, max_chars: int) -> tuple[str, dict | None]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", _problem(
            aid,
            file,
            "error",
            f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte {exc.start} (line {line}) cannot be decoded; re-save the file as UTF-8; skipped",
        )
    if not text.strip():
        return "", _problem(aid, file, "error", f"empty ({len(raw)} byte(s), no text); skipped")
    if len(text) > max_chars:
        return "", _problem(
            aid,
            file,
            "error",
            f"{len(text):,} characters, more than the {max_chars:,} an article may have (use --max-chars to raise the limit); probably not a single article; skipped",
        )
    return text, None

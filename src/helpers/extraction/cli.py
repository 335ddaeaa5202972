"""``python -m helpers extract --corpus DIR --out DIR``: propose draft event tables for review.

Reads a corpus folder laid out like ``data/raw/`` and writes into ``--out`` a complete data
folder: ``events.csv``, ``mentions.csv``, ``actors.csv``, ``participants.csv`` in the data
contract, ``datapackage.json``, ``raw/`` (a copy of the readable articles and their metadata),
the review sheet (``review.csv``, ``review.html``) and ``extract_problems.csv`` (one row per
problem, by article). The folder is validated before it replaces ``--out``.

The per-article step :func:`extract_article` is a pure top-level function (it can run on any
pool of workers); :func:`~helpers.extraction.merge.merge_articles` is the separate step that
merges events and actors across articles. ``--jobs N`` runs the articles in N processes
(:mod:`.extraction.pool`), which inherit the spaCy model loaded once.

Exit status: 0 when at least one article was read and the draft folder is valid (problems with
other articles are listed, not fatal); 1 when no article could be read, the draft does not
validate, or ``--out`` is refused. ``--new`` drafts only the articles of a data folder's corpus
that no curated mention cites yet, resolving names against that folder's ``actors.csv``. The
curated tables are never written here: ``python -m helpers merge`` merges a reviewed draft.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from helpers.data.errors import DataError
from helpers.data.options import positive_int
from helpers.data.outputs import check_output
from helpers.data.paths import display_path, project_root, resolve_dir
from helpers.data.tables import read_table, table_path
from helpers.data.validate import schema_path, validate
from helpers.extraction.actors import Registry
from helpers.extraction.article import ArticleResult
from helpers.extraction.article import extract_article as _extract_article
from helpers.extraction.corpus import MAX_CHARS, PROBLEM_COLUMNS, SourceCorpus, read_corpus
from helpers.extraction.merge import Draft, merge_articles
from helpers.extraction.pool import run_articles as pool_run
from helpers.extraction.pool import safe_extract
from helpers.extraction.review import write_review
from helpers.text.nlp import MODEL

TABLES = ("events.csv", "mentions.csv", "actors.csv", "participants.csv")
MARKER = "extract_problems.csv"

__all__ = ["cli", "extract_article", "extract_corpus", "merge_articles", "write_draft"]


def extract_article(article_meta: dict, text: str, registry: Registry) -> ArticleResult:
    """Events, evidence, participants and actors of one article (see :mod:`.extraction.article`)."""
    return _extract_article(article_meta, text, registry)


def run_articles(
    items: list[tuple[dict, str]],
    registry: Registry,
    jobs: int = 1,
    progress: bool | None = None,
    model: str = MODEL,
    scheduler: str | None = None,
) -> list[ArticleResult]:
    """Extract every article, in ``jobs`` processes (:mod:`.extraction.pool`) or on the Dask
    cluster at ``scheduler``, with a progress bar on stderr."""
    if scheduler:
        return run_on_dask(items, registry, scheduler, progress, model)
    return pool_run(items, registry, jobs, progress, model)


def run_on_dask(
    items: list[tuple[dict, str]],
    registry: Registry,
    scheduler: str,
    progress: bool | None = None,
    model: str = MODEL,
) -> list[ArticleResult]:
    """The per-article work on a ``dask.distributed`` cluster: the registry is scattered once,
    each worker loads the spaCy model once, results come back in article order."""
    from dask.distributed import Client
    from dask.distributed import as_completed as dask_completed

    bar = tqdm(
        total=len(items),
        desc="extract (dask)",
        unit="article",
        file=sys.stderr,
        disable=progress is False or (progress is None and not sys.stderr.isatty()),
    )
    results: list[ArticleResult] = []
    with Client(scheduler) as client:
        reg = client.scatter(registry, broadcast=True)
        futures = [
            client.submit(safe_extract, meta, text, reg, model, pure=False) for meta, text in items
        ]
        for f in dask_completed(futures):
            results.append(f.result())
            bar.update()
    bar.close()
    return sorted(results, key=lambda r: r.article_id)


def extract_corpus(
    corpus_dir: Path,
    registry: Registry,
    jobs: int = 1,
    max_chars: int = MAX_CHARS,
    progress: bool | None = None,
    report: Callable[[str], None] | None = None,
    scheduler: str | None = None,
    skip: set[str] | frozenset[str] = frozenset(),
) -> tuple[SourceCorpus, Draft, list[dict]]:
    """Read, extract and merge a corpus, leaving out the articles in ``skip``: (corpus, draft
    tables, problems by article)."""
    corpus = read_corpus(corpus_dir, max_chars)
    if skip:
        corpus = SourceCorpus(
            corpus.articles[~corpus.articles["article_id"].isin(skip)].reset_index(drop=True),
            {a: t for a, t in corpus.texts.items() if a not in skip},
            [p for p in corpus.problems if p["article_id"] not in skip],
            corpus.unreadable,
        )
    problems = list(corpus.problems)
    for p in corpus.problems:
        if report:
            report(_problem_line(p))
    results = run_articles(corpus.items(), registry, jobs, progress, scheduler=scheduler)
    files = dict(zip(corpus.articles["article_id"], corpus.articles["file"], strict=True))
    for r in results:
        for p in r.problems:
            row = {"article_id": r.article_id, "file": files.get(r.article_id, ""), **p}
            problems.append(row)
            if report:
                report(_problem_line(row))
    return corpus, merge_articles(results, registry), problems


def _problem_line(p: dict) -> str:
    return f"{p['article_id']} ({p['file']}): {p['severity']}: {p['message']}"


def write_draft(
    draft: Draft,
    corpus: SourceCorpus,
    corpus_dir: Path,
    out_dir: Path,
    problems: list[dict],
    curated: Path | None = None,
) -> list[str]:
    """Write the draft data folder into ``out_dir`` (which must exist); return what was written.
    With ``curated`` (a data folder), the review shows the curated event each proposal would join."""
    raw = out_dir / "raw"
    (raw / "articles").mkdir(parents=True, exist_ok=True)
    corpus.articles.to_csv(raw / "articles.csv", index=False, encoding="utf-8")
    for file in corpus.articles["file"]:
        shutil.copyfile(corpus_dir / file, raw / file)
    for name, frame in zip(
        TABLES, (draft.events, draft.mentions, draft.actors, draft.participants), strict=True
    ):
        frame.to_csv(out_dir / name, index=False, encoding="utf-8")
    shutil.copyfile(schema_path(project_root() / "data"), out_dir / "datapackage.json")
    written = [*TABLES, "datapackage.json", f"raw/ ({len(corpus.articles)} article(s))"]
    lexicons = project_root() / "data" / "lexicons"
    if lexicons.is_dir() and any(lexicons.iterdir()):
        shutil.copytree(lexicons, out_dir / "lexicons", dirs_exist_ok=True)
        written.append("lexicons/")
    written += write_review(draft, out_dir, corpus.texts, curated)
    frame = pd.DataFrame(problems, columns=PROBLEM_COLUMNS).sort_values(
        ["article_id", "severity", "message"], kind="stable"
    )
    frame.to_csv(out_dir / MARKER, index=False, encoding="utf-8")
    written.append(MARKER)
    return written


def _inside(path: Path, parent: Path) -> bool:
    try:
        path.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def _check_out(out_dir: Path, corpus_dir: Path) -> None:
    """Refuse an output folder that would overwrite data or the corpus."""
    data = resolve_dir(None, "data")
    roots = {data.resolve(), (project_root() / "data").resolve()}
    if out_dir.resolve() in roots:
        raise DataError(
            f"--out {display_path(out_dir)} is the project's data folder; write the draft elsewhere, "
            "review it, then merge it with python -m helpers merge"
        )
    if _inside(out_dir, corpus_dir) or _inside(corpus_dir, out_dir):
        raise DataError(
            f"--out {display_path(out_dir)} and --corpus {display_path(corpus_dir)} overlap; write the draft elsewhere"
        )
    for root in roots:
        if _inside(out_dir, root) and not _inside(out_dir, root / "interim"):
            raise DataError(
                f"--out {display_path(out_dir)} is inside the project's data folder; write drafts under data/interim/ or outside data/"
            )
    if out_dir.exists() and (
        not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER).is_file())
    ):
        raise DataError(
            f"--out {display_path(out_dir)} exists and is not an extraction folder; choose a new or empty folder"
        )
    check_output(
        out_dir,
        "--out",
        "folder",
        lambda p: (p / MARKER).is_file(),
        f"an extraction folder (one holding {MARKER})",
    )


def cited_articles(data_dir: Path) -> set[str]:
    """The articles that a curated mention of ``data_dir`` cites."""
    path = table_path(data_dir, "mentions.csv")
    if not path.is_file():
        return set()
    return set(read_table(path, dtype=str)["article_id"])


def cli(argv: list[str], prog: str = "extract") -> int:
    """Parse the arguments, extract, validate, write; return the exit status."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Propose draft event tables (events, mentions, actors, participants) from a folder of French articles, "
        "with a review sheet and a list of problems. Relative paths are taken from the project root, as for validate.",
        epilog="Exit status 0 when at least one article was read and the draft folder validates; 1 otherwise.",
    )
    parser.add_argument(
        "--corpus",
        default=None,
        help="corpus folder: articles.csv and articles/<id>.txt (like data/raw)",
    )
    parser.add_argument(
        "--new",
        action="store_true",
        help="draft only the articles of --data-dir's corpus that no curated mention cites yet",
    )
    parser.add_argument(
        "--data-dir",
        default=None,
        help="with --new: the curated data folder (default: the project's data/)",
    )
    parser.add_argument(
        "--out",
        required=True,
        help="output data folder (created; replaced when it holds an earlier extraction)",
    )
    parser.add_argument(
        "--actors",
        default=None,
        help="actor registry used to resolve names (default: the data folder's actors.csv)",
    )
    parser.add_argument("--jobs", type=positive_int, default=1, help="processes to use (default 1)")
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="run the per-article work on the Dask cluster at ADDRESS (e.g. tcp://127.0.0.1:8786); without it, locally",
    )
    parser.add_argument(
        "--max-chars",
        type=positive_int,
        default=MAX_CHARS,
        help=f"longest article read, in characters (default {MAX_CHARS:,})",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if bool(args.corpus) == args.new:
        parser.error("give either --corpus DIR or --new (the articles of --data-dir not yet cited)")
    data_dir = resolve_dir(args.data_dir, "data")
    corpus_dir = data_dir / "raw" if args.new else resolve_dir(args.corpus, "data")
    out_dir = resolve_dir(args.out, "data")
    _check_out(out_dir, corpus_dir)
    registry = Registry.from_csv(_registry_path(args.actors, data_dir))
    skip = cited_articles(data_dir) if args.new else set()

    def report(line: str) -> None:
        print(f"{prog}: {line}", file=sys.stderr)

    corpus, draft, problems = extract_corpus(
        corpus_dir,
        registry,
        args.jobs,
        args.max_chars,
        False if args.no_progress else None,
        report,
        scheduler=args.scheduler,
        skip=skip,
    )
    if args.new and corpus.articles.empty and not problems:
        print(
            f"no new article: every article of {display_path(corpus_dir / 'articles.csv')} is cited by a curated mention"
        )
        return 0
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        written = write_draft(
            draft, corpus, corpus_dir, staging, problems, data_dir if args.new else None
        )
        invalid = validate(staging)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        staging.rename(out_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    errors = sum(p["severity"] == "error" for p in problems)
    warnings = len(problems) - errors
    print(
        f"{len(corpus.articles)} article(s) read, {corpus.unreadable} skipped; {len(draft.events)} event(s), "
        f"{len(draft.mentions)} evidence quote(s), {len(draft.participants)} participant(s), {len(draft.actors)} actor(s)"
    )
    if problems:
        print(
            f"{errors} error(s) and {warnings} warning(s), by article, in {display_path(out_dir / MARKER)}"
        )
    print(f"wrote {display_path(out_dir)}: {', '.join(written)}")
    if invalid:
        print(f"the draft folder does not validate ({len(invalid)} problem(s)):")
        for p in invalid:
            print(f"  {p}")
        return 1
    print(f"valid: python -m helpers validate --data-dir {display_path(out_dir)} accepts it")
    if corpus.articles.empty:
        print("no article could be read", file=sys.stderr)
        return 1
    return 0


def _registry_path(value: str | None, data_dir: Path) -> Path | None:
    if value:
        path = resolve_dir(value, "data")
        if not path.is_file():
            raise DataError(f"--actors {display_path(path)} not found; expected an actors.csv")
        return path
    default = data_dir / "actors.csv"
    return default if default.is_file() else None

"""``python -m helpers extract --corpus DIR --out DIR``: propose draft event tables for review.

Reads a corpus folder laid out like ``data/raw/`` and writes into ``--out`` a complete data
folder: ``events.csv``, ``mentions.csv``, ``actors.csv``, ``participants.csv`` in the data
contract, ``datapackage.json``, ``raw/`` (a copy of the readable articles and their metadata),
the review sheet (``review.csv``, ``review.html``) and ``extract_problems.csv`` (one row per
problem, by article). The folder is validated before it replaces ``--out``.

The per-article step :func:`extract_article` is a pure top-level function (it can run on any
pool of workers); :func:`~helpers.extraction.merge.merge_articles` is the separate step that
merges events and actors across articles. ``--jobs N`` runs the articles in N processes, each
loading the spaCy model once.

Exit status: 0 when at least one article was read and the draft folder is valid (problems with
other articles are listed, not fatal); 1 when no article could be read, the draft does not
validate, or ``--out`` is refused. The project's ``data/`` is written only with
``--write-data``, only from its own ``data/raw`` corpus, and only after validation; then only
the four tables are replaced.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from helpers.data.errors import DataError
from helpers.data.options import positive_int
from helpers.data.outputs import check_output, write_atomic
from helpers.data.paths import display_path, project_root, resolve_dir
from helpers.data.validate import schema_path, validate
from helpers.extraction.actors import Registry
from helpers.extraction.article import MODEL, ArticleResult, load_model
from helpers.extraction.article import extract_article as _extract_article
from helpers.extraction.corpus import MAX_CHARS, PROBLEM_COLUMNS, Corpus, read_corpus
from helpers.extraction.dates import warm_up as warm_up_dates
from helpers.extraction.merge import Draft, merge_articles
from helpers.extraction.review import write_review

TABLES = ("events.csv", "mentions.csv", "actors.csv", "participants.csv")
MARKER = "extract_problems.csv"

__all__ = ["cli", "extract_article", "extract_corpus", "merge_articles", "write_draft"]


def extract_article(article_meta: dict, text: str, registry: Registry) -> ArticleResult:
    """Events, evidence, participants and actors of one article (see :mod:`.extraction.article`)."""
    return _extract_article(article_meta, text, registry)


def _safe_extract(meta: dict, text: str, registry: Registry, model: str) -> ArticleResult:
    """One article, with any failure turned into a problem of that article."""
    try:
        return _extract_article(meta, text, registry, model)
    except DataError:
        raise
    except Exception as exc:  # one article's failure must not stop the corpus
        result = ArticleResult(meta["article_id"])
        result.problems.append({"severity": "error", "message": f"extraction failed ({type(exc).__name__}: {exc}); no event proposed"})
        return result


_WORKER: dict[str, object] = {}


def _init_worker(registry: Registry, model: str) -> None:
    """Per process: keep the registry and load the spaCy model once."""
    _WORKER["registry"], _WORKER["model"] = registry, model
    load_model(model)


def _worker_extract(meta: dict, text: str) -> ArticleResult:
    return _safe_extract(meta, text, _WORKER["registry"], str(_WORKER["model"]))  # type: ignore[arg-type]


def run_articles(
    items: list[tuple[dict, str]],
    registry: Registry,
    jobs: int = 1,
    progress: bool | None = None,
    model: str = MODEL,
    scheduler: str | None = None,
) -> list[ArticleResult]:
    """Extract every article, in ``jobs`` processes (or on the Dask cluster at ``scheduler``),
    with a progress bar on stderr."""
    if scheduler:
        return run_on_dask(items, registry, scheduler, progress, model)
    bar = tqdm(total=len(items), desc="extract", unit="article", file=sys.stderr, disable=progress is False or (progress is None and not sys.stderr.isatty()))
    results: list[ArticleResult] = []
    try:
        if jobs <= 1 or len(items) <= 1:
            load_model(model)
            for meta, text in items:
                results.append(_safe_extract(meta, text, registry, model))
                bar.update()
        else:
            load_model(model)  # forked workers inherit it instead of loading it again
            warm_up_dates()  # and dateparser's French data
            with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(registry, model)) as pool:
                futures = [pool.submit(_worker_extract, meta, text) for meta, text in items]
                for f in as_completed(futures):
                    results.append(f.result())
                    bar.update()
    finally:
        bar.close()
    return sorted(results, key=lambda r: r.article_id)


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

    bar = tqdm(total=len(items), desc="extract (dask)", unit="article", file=sys.stderr, disable=progress is False or (progress is None and not sys.stderr.isatty()))
    results: list[ArticleResult] = []
    with Client(scheduler) as client:
        reg = client.scatter(registry, broadcast=True)
        futures = [client.submit(_safe_extract, meta, text, reg, model, pure=False) for meta, text in items]
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
) -> tuple[Corpus, Draft, list[dict]]:
    """Read, extract and merge a corpus: (corpus, draft tables, problems by article)."""
    corpus = read_corpus(corpus_dir, max_chars)
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


def write_draft(draft: Draft, corpus: Corpus, corpus_dir: Path, out_dir: Path, problems: list[dict]) -> list[str]:
    """Write the draft data folder into ``out_dir`` (which must exist); return what was written."""
    raw = out_dir / "raw"
    (raw / "articles").mkdir(parents=True, exist_ok=True)
    corpus.articles.to_csv(raw / "articles.csv", index=False, encoding="utf-8")
    for file in corpus.articles["file"]:
        shutil.copyfile(corpus_dir / file, raw / file)
    for name, frame in zip(TABLES, (draft.events, draft.mentions, draft.actors, draft.participants), strict=True):
        frame.to_csv(out_dir / name, index=False, encoding="utf-8")
    shutil.copyfile(schema_path(project_root() / "data"), out_dir / "datapackage.json")
    written = [*TABLES, "datapackage.json", f"raw/ ({len(corpus.articles)} article(s))"]
    lexicons = project_root() / "data" / "lexicons"
    if lexicons.is_dir() and any(lexicons.iterdir()):
        shutil.copytree(lexicons, out_dir / "lexicons", dirs_exist_ok=True)
        written.append("lexicons/")
    written += write_review(draft, out_dir)
    frame = pd.DataFrame(problems, columns=PROBLEM_COLUMNS).sort_values(["article_id", "severity", "message"], kind="stable")
    frame.to_csv(out_dir / MARKER, index=False, encoding="utf-8")
    written.append(MARKER)
    return written


def _inside(path: Path, parent: Path) -> bool:
    try:
        path.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def _check_out(out_dir: Path, corpus_dir: Path, write_data: bool) -> bool:
    """Refuse an output folder that would overwrite data or the corpus; True when ``out_dir`` is
    the project's data folder (allowed with ``--write-data``)."""
    data = resolve_dir(None, "data")
    roots = {data.resolve(), (project_root() / "data").resolve()}
    is_data = out_dir.resolve() in roots
    if _inside(out_dir, corpus_dir) or (_inside(corpus_dir, out_dir) and not is_data):
        raise DataError(f"--out {display_path(out_dir)} and --corpus {display_path(corpus_dir)} overlap; write the draft elsewhere")
    if is_data:
        if not write_data:
            raise DataError(f"--out {display_path(out_dir)} is the project's data folder; the curated tables are not replaced unless you add --write-data")
        if not any(corpus_dir.resolve() == (r / "raw") for r in roots):
            raise DataError("--write-data replaces the tables of data/ only from its own corpus, data/raw (raw sources are never written by code)")
        return True
    for root in roots:
        if _inside(out_dir, root) and not _inside(out_dir, root / "interim"):
            raise DataError(f"--out {display_path(out_dir)} is inside the project's data folder; write drafts under data/interim/ or outside data/")
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER).is_file())):
        raise DataError(f"--out {display_path(out_dir)} exists and is not an extraction folder; choose a new or empty folder")
    check_output(out_dir, "--out", "folder", lambda p: (p / MARKER).is_file(), f"an extraction folder (one holding {MARKER})")
    return False


def cli(argv: list[str], prog: str = "extract") -> int:
    """Parse the arguments, extract, validate, write; return the exit status."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Propose draft event tables (events, mentions, actors, participants) from a folder of French articles, "
        "with a review sheet and a list of problems. Relative paths are taken from the project root, as for validate.",
        epilog="Exit status 0 when at least one article was read and the draft folder validates; 1 otherwise.",
    )
    parser.add_argument("--corpus", required=True, help="corpus folder: articles.csv and articles/<id>.txt (like data/raw)")
    parser.add_argument("--out", required=True, help="output data folder (created; replaced when it holds an earlier extraction)")
    parser.add_argument("--actors", default=None, help="actor registry used to resolve names (default: the project's data/actors.csv)")
    parser.add_argument("--jobs", type=positive_int, default=1, help="processes to use (default 1)")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None, help="run the per-article work on the Dask cluster at ADDRESS (e.g. tcp://127.0.0.1:8786); without it, locally")
    parser.add_argument("--max-chars", type=positive_int, default=MAX_CHARS, help=f"longest article read, in characters (default {MAX_CHARS:,})")
    parser.add_argument("--write-data", action="store_true", help="allow --out to be the project's data/ (tables replaced only after validation)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    corpus_dir = resolve_dir(args.corpus, "data")
    out_dir = resolve_dir(args.out, "data")
    to_data = _check_out(out_dir, corpus_dir, args.write_data)
    registry = Registry.from_csv(_registry_path(args.actors))

    def report(line: str) -> None:
        print(f"{prog}: {line}", file=sys.stderr)

    corpus, draft, problems = extract_corpus(corpus_dir, registry, args.jobs, args.max_chars, False if args.no_progress else None, report, scheduler=args.scheduler)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        written = write_draft(draft, corpus, corpus_dir, staging, problems)
        invalid = validate(staging)
        if to_data and invalid:
            raise DataError(invalid, "the draft tables (data/ left unchanged)")
        if to_data:
            for name in TABLES:
                write_atomic(out_dir / name, (staging / name).read_bytes())
            written = list(TABLES)
        else:
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
        print(f"{errors} error(s) and {warnings} warning(s), by article, in {display_path(out_dir / MARKER) if not to_data else 'the messages above'}")
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


def _registry_path(value: str | None) -> Path | None:
    if value:
        path = resolve_dir(value, "data")
        if not path.is_file():
            raise DataError(f"--actors {display_path(path)} not found; expected an actors.csv")
        return path
    default = resolve_dir(None, "data") / "actors.csv"
    return default if default.is_file() else None

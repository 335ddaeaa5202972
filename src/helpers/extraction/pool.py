"""The per-article extraction over a corpus, in this process or in ``jobs`` worker processes.

- The spaCy model and dateparser's French data are loaded once, here, and the first article is
  extracted here too, which also fills the other caches the extraction fills on its first
  article (compiled patterns, tables read once). The workers are then started with ``fork``
  where the system has it, so that they inherit all of it instead of each loading it again;
  elsewhere each worker loads the model once on starting.
- The other articles go to the workers in chunks of a few consecutive articles. spaCy analyses
  the body paragraphs of a whole chunk in one ``nlp.pipe`` call, which gives the same analysis as
  a call per article (its results do not depend on how paragraphs are batched; the tests compare
  them), then the rest of the extraction runs article by article.
- One article's failure becomes a problem of that article; the results come back in
  ``article_id`` order whatever the number of processes.
"""

from __future__ import annotations

import math
import multiprocessing
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed

from tqdm import tqdm

from helpers.data.errors import DataError
from helpers.extraction.actors import Registry
from helpers.extraction.article import UNUSED_COMPONENTS, ArticleResult, extract_article, mask_html
from helpers.extraction.dates import warm_up as warm_up_dates
from helpers.extraction.trigger_rules import trigger_pipeline
from helpers.text.articles import body_spans
from helpers.text.nlp import MODEL, ModelNotInstalled

CHUNK = 8

Item = tuple[dict, str]


def safe_extract(
    meta: dict, text: str, registry: Registry, model: str = MODEL, nlp=None
) -> ArticleResult:
    """One article, with any failure turned into a problem of that article."""
    try:
        return extract_article(meta, text, registry, model, nlp)
    except (DataError, ModelNotInstalled):
        raise
    except Exception as exc:  # one article's failure must not stop the corpus
        result = ArticleResult(meta["article_id"])
        result.problems.append(
            {
                "severity": "error",
                "message": f"extraction failed ({type(exc).__name__}: {exc}); no event proposed",
            }
        )
        return result


def chunked(items: list[Item], jobs: int, most: int = CHUNK) -> list[list[Item]]:
    """Consecutive chunks of at most ``most`` articles, at least four per process when there are
    enough articles, so that the processes finish at about the same time."""
    size = max(1, min(most, math.ceil(len(items) / (4 * max(jobs, 1)))))
    return [items[i : i + size] for i in range(0, len(items), size)]


class Analysed:
    """Stands for the spaCy pipeline in :func:`extract_article`: gives back the documents made
    beforehand when asked for exactly the paragraphs they were made from, and runs the pipeline
    on anything else."""

    def __init__(self, nlp, texts: list[str], docs: list) -> None:
        self.nlp, self.texts, self.docs = nlp, texts, docs

    def pipe(self, texts: Iterable[str]) -> Iterator:
        """The documents of ``texts``, in order."""
        texts = list(texts)
        if texts == self.texts:
            return iter(self.docs)
        return iter(self.nlp.pipe(texts))


def _paragraphs(text: str) -> list[str] | None:
    """The paragraphs :func:`extract_article` gives spaCy for ``text`` (None when it cannot say)."""
    try:
        return [s.text for s in body_spans(mask_html(text)[0])]
    except Exception:  # the article's own extraction reports it
        return None


def extract_chunk(chunk: list[Item], registry: Registry, model: str = MODEL) -> list[ArticleResult]:
    """Extract a few articles, spaCy analysing all their paragraphs in one batch."""
    nlp = trigger_pipeline(model, UNUSED_COMPONENTS)
    texts = [_paragraphs(text) for _, text in chunk]
    try:
        docs = iter(list(nlp.pipe([p for ps in texts if ps is not None for p in ps])))
    except (DataError, ModelNotInstalled):
        raise
    except Exception:  # each article then meets its own failure, and reports it
        return [safe_extract(meta, text, registry, model) for meta, text in chunk]
    out = []
    for (meta, text), ps in zip(chunk, texts, strict=True):
        given = Analysed(nlp, ps, [next(docs) for _ in ps]) if ps is not None else None
        out.append(safe_extract(meta, text, registry, model, given))
    return out


_WORKER: dict[str, object] = {}


def _init_worker(registry: Registry, model: str) -> None:
    """Per process: keep the registry and load the spaCy model once (at once when forked)."""
    _WORKER["registry"], _WORKER["model"] = registry, model
    trigger_pipeline(model, UNUSED_COMPONENTS)


def _worker_chunk(chunk: list[Item]) -> list[ArticleResult]:
    return extract_chunk(chunk, _WORKER["registry"], str(_WORKER["model"]))  # type: ignore[arg-type]


def _context():
    """``fork`` where the system has it: the workers inherit the loaded model."""
    return (
        multiprocessing.get_context("fork")
        if "fork" in multiprocessing.get_all_start_methods()
        else None
    )


def run_articles(
    items: list[Item],
    registry: Registry,
    jobs: int = 1,
    progress: bool | None = None,
    model: str = MODEL,
) -> list[ArticleResult]:
    """Extract every article in ``jobs`` processes, with a progress bar on stderr; the results in
    ``article_id`` order."""
    trigger_pipeline(model, UNUSED_COMPONENTS)
    shown = not (progress is False or (progress is None and not sys.stderr.isatty()))
    results: list[ArticleResult] = []
    if jobs <= 1 or len(items) <= 2:
        with tqdm(
            total=len(items), desc="extract", unit="article", file=sys.stderr, disable=not shown
        ) as bar:
            for chunk in chunked(items, 1):
                results.extend(extract_chunk(chunk, registry, model))
                bar.update(len(chunk))
        return sorted(results, key=lambda r: r.article_id)
    warm_up_dates()  # in case the first article has no date
    results.extend(extract_chunk(items[:1], registry, model))
    # the workers are forked before the progress bar starts its thread
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_context(),
        initializer=_init_worker,
        initargs=(registry, model),
    ) as pool:
        futures = {
            pool.submit(_worker_chunk, chunk): len(chunk) for chunk in chunked(items[1:], jobs)
        }
        with tqdm(
            total=len(items),
            initial=1,
            desc="extract",
            unit="article",
            file=sys.stderr,
            disable=not shown,
        ) as bar:
            for f in as_completed(futures):
                results.extend(f.result())
                bar.update(futures[f])
    return sorted(results, key=lambda r: r.article_id)

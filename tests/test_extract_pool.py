"""The per-article extraction over many articles: chunks, spaCy batched over a chunk, workers.

The articles are short French texts written for the tests; the spaCy model is loaded once per
test process by the extractor's own cache.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.extraction import pool
from helpers.extraction.actors import Registry
from helpers.extraction.article import UNUSED_COMPONENTS, extract_article, mask_html
from helpers.extraction.trigger_rules import trigger_pipeline
from helpers.text.articles import body_spans
from helpers.text.nlp import MODEL

REGISTRY = Registry(
    pd.DataFrame(
        [
            ("MLI", "Mali", "country", "MLI", "Mali"),
            ("sadio-camara", "Sadio Camara", "person", "MLI", "Sadio Camara"),
        ],
        columns=["actor_id", "name", "kind", "country", "aliases"],
    )
)

TEXTS = [
    "Le Mali et le Niger ont signé le 3 mars 2019 un accord de défense.\n\n"
    "L'accord a été ratifié le 12 novembre 2020 par le Parlement nigérien.",
    "Sadio Camara, ministre malien de la Défense, s'est rendu à Moscou le 15 août 2022.\n\n"
    "Il y a rencontré son homologue russe. « Nous renforçons notre coopération », a-t-il déclaré.",
    "Les armées du Mali et du Burkina Faso ont mené un exercice conjoint du 2 au 9 mai 2021.",
    "Bamako a reçu, le 30 septembre 2022, deux hélicoptères livrés par la Russie.\n\n"
    "La cérémonie s'est tenue à l'aéroport militaire, en présence du chef d'état-major.",
    "Une délégation turque est attendue à Bamako la semaine prochaine.",
]
ITEMS = [
    ({"article_id": f"p{i:02d}", "published": "2023-01-10", "title": ""}, t)
    for i, t in enumerate(TEXTS)
]


def _signature(doc) -> tuple:
    return (
        [(t.idx, t.pos_, str(t.morph), t.is_sent_start) for t in doc],
        [(e.start_char, e.end_char, e.label_) for e in doc.ents],
        [(t.lemma_, t.dep_, t.head.i) for t in doc],
        [(s.start_char, s.end_char, s.label_) for s in doc._.triggers],
    )


def test_chunks_keep_the_order_cover_every_article_and_give_each_process_several():
    items = [({"article_id": str(i)}, "") for i in range(50)]
    chunks = pool.chunked(items, 2)
    assert [it for c in chunks for it in c] == items
    assert max(len(c) for c in chunks) <= pool.CHUNK
    assert len(chunks) >= 8
    assert [len(c) for c in pool.chunked(items[:5], 2)] == [1] * 5
    assert pool.chunked([], 2) == []


def test_spacy_gives_the_same_analysis_batched_over_articles_as_article_by_article():
    nlp = trigger_pipeline(MODEL, UNUSED_COMPONENTS)
    paragraphs = [[s.text for s in body_spans(mask_html(t)[0])] for t in TEXTS]
    alone = [[_signature(d) for d in nlp.pipe(ps)] for ps in paragraphs]
    together = [_signature(d) for d in nlp.pipe([p for ps in paragraphs for p in ps])]
    assert [s for a in alone for s in a] == together


def test_a_chunk_gives_the_results_of_one_article_at_a_time():
    one_by_one = [extract_article(meta, text, REGISTRY) for meta, text in ITEMS]
    assert pool.extract_chunk(ITEMS, REGISTRY) == one_by_one
    assert any(r.events for r in one_by_one)


def test_analysed_returns_the_documents_made_for_its_paragraphs_and_runs_the_pipeline_on_others():
    calls = []

    class Pipeline:
        def pipe(self, texts):
            calls.append(list(texts))
            return iter([f"doc of {t}" for t in texts])

    given = pool.Analysed(Pipeline(), ["a", "b"], ["A", "B"])
    assert list(given.pipe(["a", "b"])) == ["A", "B"]
    assert calls == []
    assert list(given.pipe(["a"])) == ["doc of a"]
    assert calls == [["a"]]


def test_two_processes_give_the_results_of_one():
    assert pool._context() is not None  # Linux: the workers are forked
    single = pool.run_articles(ITEMS, REGISTRY, jobs=1, progress=False)
    double = pool.run_articles(list(reversed(ITEMS)), REGISTRY, jobs=2, progress=False)
    assert double == single
    assert [r.article_id for r in single] == sorted(r.article_id for r in single)


def test_one_failing_article_is_a_problem_of_that_article_only(monkeypatch):
    real = pool.extract_article

    def failing(meta, text, registry, model=MODEL, nlp=None):
        if meta["article_id"] == "p01":
            raise ValueError("no such thing")
        return real(meta, text, registry, model, nlp)

    monkeypatch.setattr(pool, "extract_article", failing)
    results = {r.article_id: r for r in pool.extract_chunk(ITEMS, REGISTRY)}
    assert results["p01"].problems == [
        {
            "severity": "error",
            "message": "extraction failed (ValueError: no such thing); no event proposed",
        }
    ]
    assert results["p00"] == real(*ITEMS[0], REGISTRY)


def test_a_batch_spacy_refuses_falls_back_to_one_article_at_a_time(monkeypatch):
    nlp = trigger_pipeline(MODEL, UNUSED_COMPONENTS)

    class Refusing:
        def __init__(self):
            self.tokenizer = nlp.tokenizer

        def pipe(self, texts):
            texts = list(texts)
            if len(texts) > 2:
                raise RuntimeError("batch too large")
            return nlp.pipe(texts)

    monkeypatch.setattr(pool, "trigger_pipeline", lambda *a: Refusing())
    monkeypatch.setattr("helpers.extraction.article.trigger_pipeline", lambda *a: Refusing())
    got = pool.extract_chunk(ITEMS[:3], REGISTRY)
    assert got == [extract_article(meta, text, REGISTRY, nlp=nlp) for meta, text in ITEMS[:3]]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_empty_corpus_gives_no_result(jobs):
    assert pool.run_articles([], REGISTRY, jobs=jobs, progress=False) == []

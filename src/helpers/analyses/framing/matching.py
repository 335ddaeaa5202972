"""Frames found in the corpus: every cue of the codebook searched in every sentence.

A lemma cue is matched as a run of token lemmas; a regular-expression cue runs on RE2 over all
the article texts at once (:meth:`helpers.text.search.TextSet.search`). A hit that overlaps an
exclusion of the same frame is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.analyses.framing.codebook import (
    Codebook,
    Cue,
    cue_pattern,
    lemmatise,
    lookup_lemmatise,
)
from helpers.analyses.framing.corpus import Corpus, assign_sentences, build_corpus
from helpers.text.normalize import raw_spans
from helpers.text.search import TextSet

HIT_COLUMNS = [
    "article_id",
    "sentence",
    "sentence_start",
    "sentence_end",
    "partners",
    "frame",
    "cue_kind",
    "cue",
    "cue_start",
    "cue_end",
    "matched",
    "sentence_text",
    "sid",
]


def _text_sets(corpus: Corpus) -> dict[bool, TextSet]:
    """The corpus texts as searched by regex cues: normalised (False) and accent-folded (True)."""
    arts = list(corpus.texts.values())
    return {False: TextSet([at.norm for at in arts]), True: TextSet([at.folded for at in arts])}


class _Columns(dict):
    """Token columns as numpy arrays, each converted once for all the lemma cues."""

    def __init__(self, tokens: pd.DataFrame):
        super().__init__()
        self.tokens = tokens

    def __missing__(self, name: str) -> np.ndarray:
        if name == "tagged" and name not in self.tokens:
            value = np.ones(len(self.tokens), dtype=bool)
        else:
            value = self.tokens[name].to_numpy(dtype=bool if name == "tagged" else None)
        self[name] = value
        return value


def _find(
    corpus: Corpus,
    cue: Cue,
    nlp=None,
    sets: Mapping[bool, TextSet] | None = None,
    columns: _Columns | None = None,
) -> pd.DataFrame:
    """Spans (verbatim offsets) where one cue matches: ``article_id, start, end``. ``sets``
    (:func:`_text_sets`) and ``columns`` of the corpus are made once for many cues."""
    if cue.kind == "lemma":
        tok = corpus.tokens
        col = columns if columns is not None else _Columns(tok)
        lem = col["lemma_fold" if cue.fold else "lemma"]
        sid = col["sid"]
        tagged = col["tagged"]
        # a cue is lemmatised the way the tokens it is compared with were: by spaCy where they were
        # tagged, by the dictionary elsewhere (the lookup analysis)
        variants = [(lemmatise(cue.pattern, cue.fold, nlp), tagged)]
        if not tagged.all():
            variants.append((lookup_lemmatise(cue.pattern, cue.fold), ~tagged))
        n = len(tok)
        first_end = []
        for words, where in variants:
            k = len(words)
            if n < k or k == 0:
                continue
            ok = where[: n - k + 1].copy()
            for j, w in enumerate(words):
                ok &= (lem[j : n - k + 1 + j] == w) & (sid[j : n - k + 1 + j] == sid[: n - k + 1])
            first = np.flatnonzero(ok)
            first_end.append((first, first + k - 1))
        if not first_end:
            return pd.DataFrame(columns=["article_id", "start", "end"])
        first = np.concatenate([f for f, _ in first_end])
        last = np.concatenate([e for _, e in first_end])
        order = np.argsort(first, kind="stable")
        first, last = first[order], last[order]
        return pd.DataFrame(
            {
                "article_id": col["article_id"][first],
                "start": col["start"][first],
                "end": col["end"][last],
            }
        )
    ids = list(corpus.texts)
    arts = list(corpus.texts.values())
    sets = sets or _text_sets(corpus)
    idx, b, e = sets[cue.fold].search(cue_pattern(cue.pattern, cue.fold))
    b, e = raw_spans(arts, idx, b, e)
    return pd.DataFrame(
        {"article_id": [ids[i] for i in idx.tolist()], "start": b, "end": e},
        columns=["article_id", "start", "end"],
    )


def match_frames(corpus: Corpus, codebook: Codebook, nlp=None) -> pd.DataFrame:
    """Every cue hit inside a sentence, minus hits overlapping an exclusion of the same frame.

    One row per (frame, cue, span): ``article_id, sentence, sentence_start, sentence_end,
    partners, frame, cue_kind, cue, cue_start, cue_end, matched, sentence_text, sid``.
    Two cues of one frame on the same span count once (the first cue in the codebook)."""
    found, excluded = [], []
    order = {f.id: i for i, f in enumerate(codebook.frames)}
    sets, columns = _text_sets(corpus), _Columns(corpus.tokens)
    for f in codebook.frames:
        for c_no, c in enumerate(f.cues):
            found.append(
                _find(corpus, c, nlp, sets, columns).assign(
                    frame=f.id, cue_kind=c.kind, cue=c.pattern, cue_no=c_no
                )
            )
        for c in f.exclude:
            excluded.append(_find(corpus, c, nlp, sets, columns).assign(frame=f.id))
    hits = pd.concat(found, ignore_index=True) if found else pd.DataFrame()
    if hits.empty or corpus.sentences.empty:
        return pd.DataFrame(columns=HIT_COLUMNS)
    hits = hits.astype({"start": "int64", "end": "int64"})
    ex = pd.concat(excluded, ignore_index=True) if excluded else pd.DataFrame()
    if not ex.empty:
        pair = hits.reset_index().merge(ex, on=["article_id", "frame"], suffixes=("", "_ex"))
        overlap = pair[(pair["start_ex"] < pair["end"]) & (pair["start"] < pair["end_ex"])]
        hits = hits.drop(index=overlap["index"].unique())
    sent = corpus.sentences[["sid", "article_id", "sentence", "start", "end", "partners", "text"]]
    hits = assign_sentences(hits, sent) if len(hits) else hits
    if hits.empty:
        return pd.DataFrame(columns=HIT_COLUMNS)
    hits = hits.rename(columns={"start": "cue_start", "end": "cue_end", "text": "sentence_text"})
    hits["frame_no"] = hits["frame"].map(order)
    hits = hits.sort_values(["article_id", "cue_start", "frame_no", "cue_no", "cue_end"])
    hits = hits.drop_duplicates(["article_id", "frame", "cue_start", "cue_end"])
    hits["matched"] = [
        corpus.texts[a].raw[b:e]
        for a, b, e in zip(hits["article_id"], hits["cue_start"], hits["cue_end"], strict=True)
    ]
    hits = hits.sort_values(["article_id", "sentence_start", "frame_no", "cue_start", "cue_no"])
    return hits[HIT_COLUMNS].reset_index(drop=True)


def frames_of_texts(
    texts: Sequence[str], codebook: Codebook, nlp=None, analysis: str = "full"
) -> list[set[str]]:
    """The frames each free-standing text carries (for codebook examples and quick checks)."""
    c = build_corpus(
        {f"t{i:05d}": t for i, t in enumerate(texts)}, min_words=1, nlp=nlp, analysis=analysis
    )
    hits = match_frames(c, codebook, nlp)
    got = hits.groupby("article_id")["frame"].agg(set)
    return [got.get(f"t{i:05d}", set()) for i in range(len(texts))]


def check_examples(codebook: Codebook, nlp=None, analysis: str = "full") -> pd.DataFrame:
    """Each codebook example and non-example with the frames it gets under ``analysis``; ``ok`` is
    False where an example misses its frame or a non-example carries it."""
    rows = [(f.id, "example", t) for f in codebook.frames for t in f.examples]
    rows += [(f.id, "non_example", t) for f in codebook.frames for t in f.non_examples]
    out = pd.DataFrame(rows, columns=["frame", "kind", "text"])
    got = frames_of_texts(out["text"].tolist(), codebook, nlp, analysis) if rows else []
    out["frames_found"] = [";".join(sorted(g)) for g in got]
    has = [f in g for f, g in zip(out["frame"], got, strict=True)]
    out["ok"] = (
        np.where(out["kind"] == "example", has, ~np.asarray(has, dtype=bool)) if rows else []
    )
    return out

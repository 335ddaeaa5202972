"""The corpus the frames are measured on: the sentences and tokens of the article bodies.

Text preparation reads the article body (scraper junk lines left out) from a normalised copy of
each text (:func:`helpers.text.normalize.normalise`). spaCy's French pipeline splits it into
sentences and lemmas (elided articles split: ``l'armée`` gives the lemmas ``le armée``). Every
offset is mapped back to the verbatim article, so ``text[start:end]`` is the sentence or token
exactly as printed.

Two analyses (:class:`Corpus`): ``full`` tags and lemmatises every paragraph with spaCy;
``lookup`` does so only for the paragraphs that may hold a statement and gives the others
simplemma's dictionary lemmas. The lemma helpers (:func:`lemma_of`, :func:`lookup_lemma`,
:func:`is_known`) are here too.

A sentence belongs to the partners of the events its article reports (curated ``mentions`` ->
``events.partners``). When an article reports events with several partners, a sentence that names
some of them (a country alias, or a person or institution of that country, from ``actors``) goes
to those it names; a sentence naming none goes to all of the article's partners.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache

import numpy as np
import pandas as pd

from helpers.analyses.framing.actors import actor_mentions
from helpers.analyses.speech import VERBS, may_open_statement
from helpers.data.countries import Registry
from helpers.text.articles import body_spans, read_article
from helpers.text.nlp import MODEL, french_pipeline, lookup_pipeline
from helpers.text.normalize import ArticleText, strip_accents

MIN_WORDS = 4  # fewer words (space-separated, with a letter): a byline or signature, not a sentence
QUOTE_CHARS = frozenset("«»“”")
CONTENT_POS = frozenset({"NOUN", "ADJ", "VERB", "ADV"})
ANALYSES = ("auto", "full", "lookup")
AUTO_FULL_UP_TO = 5_000_000  # characters of article text analysed in full under analysis="auto"


def resolve_analysis(analysis: str, n_chars: int) -> str:
    """``"full"`` or ``"lookup"``: ``"auto"`` is full up to :data:`AUTO_FULL_UP_TO` characters."""
    if analysis not in ANALYSES:
        raise ValueError(
            f"analysis must be one of {', '.join(map(repr, ANALYSES))}, not {analysis!r}"
        )
    if analysis == "auto":
        return "full" if n_chars <= AUTO_FULL_UP_TO else "lookup"
    return analysis


def analysis_note(corpus: Corpus) -> str:
    """One sentence saying how the corpus was analysed, for the notebook and the report."""
    n_chars = sum(len(at.norm) for at in corpus.texts.values())
    if corpus.analysis == "full":
        return (
            f"Full analysis: every sentence tagged and lemmatised by spaCy's {MODEL} "
            f"({n_chars:,} characters)."
        )
    s = corpus.sentences
    tagged = corpus.tokens.groupby("sid")["tagged"].any().reindex(s["sid"], fill_value=False)
    return (
        f"Lookup analysis ({n_chars:,} characters): {int(tagged.sum()):,} of {len(s):,} sentences, in paragraphs "
        f"that may hold a statement, tagged and lemmatised by spaCy's {MODEL}; the others take "
        f"simplemma's dictionary lemmas and no part of speech."
    )


@cache
def lookup_lemma(text: str) -> str:
    """simplemma's dictionary lemma of a token, in lower case."""
    import simplemma

    return simplemma.lemmatize(text.lower(), lang="fr").lower()


@cache
def is_known(lemma: str) -> bool:
    """Whether simplemma's French dictionary knows the lemma (a word, not a name)."""
    import simplemma

    return simplemma.is_known(lemma, lang="fr")


@cache
def lemma_of(text: str, spacy_lemma: str) -> str:
    """spaCy's lemma in lower case, unless simplemma's dictionary does not know it as a French
    word and knows simplemma's own lemma of the token (``parties``: spaCy ``party``, kept
    ``partie``)."""
    import simplemma

    lemma = spacy_lemma.lower()
    if not any(c.isalpha() for c in lemma) or simplemma.is_known(lemma, lang="fr"):
        return lemma
    other = simplemma.lemmatize(text.lower(), lang="fr").lower()
    return other if simplemma.is_known(other, lang="fr") else lemma


SENTENCE_COLUMNS = [
    "sid",
    "article_id",
    "sentence",
    "start",
    "end",
    "words",
    "partners",
    "partner_list",
    "text",
]
TOKEN_COLUMNS = [
    "sid",
    "article_id",
    "start",
    "end",
    "text",
    "lemma",
    "lemma_fold",
    "pos",
    "verb_form",
    "is_stop",
    "content",
    "tagged",
]


@dataclass(frozen=True)
class Corpus:
    """Sentences and tokens of the article bodies, with offsets into the verbatim texts.

    ``sentences``: ``sid`` (corpus-wide id), ``article_id``, ``sentence`` (number within the
    article), ``start``, ``end``, ``words``, ``partners`` (``;``-joined), ``partner_list``, ``text``.
    ``tokens``: ``sid``, ``article_id``, ``start``, ``end``, ``text``, ``lemma`` (lower case),
    ``lemma_fold``, ``pos``, ``verb_form``, ``is_stop``, ``content`` (a noun, adjective, verb or
    adverb that is not a stop word: the vocabulary compared between partners), ``tagged``.

    ``analysis`` is ``"full"`` (every paragraph tagged and lemmatised by spaCy's statistical
    pipeline) or ``"lookup"``: the paragraphs that may hold a statement (a guillemet, ``selon`` or
    a speech verb the statement rules do not pass by, see :func:`helpers.analyses.speech.may_open_statement`) are tagged
    in full as before; the others keep the same tokens and sentences but take simplemma's
    dictionary lemmas and no part of speech (``tagged`` False), and a content word there is a
    dictionary word that is not a stop word.
    """

    texts: dict[str, ArticleText]
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    partners: dict[str, list[str]] = field(default_factory=dict)
    analysis: str = "full"
    registry: Registry = field(default_factory=Registry)

    @property
    def article_ids(self) -> list[str]:
        return sorted(self.sentences["article_id"].unique())


def article_partners(tables) -> dict[str, list[str]]:
    """Each article of the selection -> the sorted partners of the events it reports."""
    m = tables.mentions[["article_id", "event_id"]].merge(
        tables.events[["event_id", "partner_list"]], on="event_id"
    )
    ex = m.explode("partner_list").dropna(subset=["partner_list"])
    grouped = ex.groupby("article_id")["partner_list"].agg(lambda s: sorted(set(s)))
    return {a: grouped.get(a, []) for a in sorted(m["article_id"].unique())}


def corpus(tables, min_words: int = MIN_WORDS, nlp=None, analysis: str = "full") -> Corpus:
    """The sentences of every article that reports an event of the selection (``analysis``: see
    :class:`Corpus` and :func:`resolve_analysis`)."""
    partners = article_partners(tables)
    files = dict(zip(tables.articles["article_id"], tables.articles["file"], strict=True))
    texts = {
        a: read_article(tables.data_dir / "raw" / files[a]) if a in files else tables.text(a)
        for a in partners
    }
    built = build_corpus(
        texts, partners, actors=tables.actors, min_words=min_words, nlp=nlp, analysis=analysis
    )
    return replace(built, registry=getattr(tables, "registry", None) or Registry())


def build_corpus(
    texts: Mapping[str, str],
    partners: Mapping[str, list[str]] | None = None,
    actors: pd.DataFrame | None = None,
    min_words: int = MIN_WORDS,
    nlp=None,
    analysis: str = "full",
) -> Corpus:
    """Split article texts (id -> verbatim text) into sentences and tokens (see :class:`Corpus`).
    ``nlp`` replaces :func:`french_pipeline` (the full analysis)."""
    nlp = nlp or french_pipeline()
    arts = {a: ArticleText.of(t) for a, t in sorted(texts.items())}
    analysis = resolve_analysis(analysis, sum(len(at.norm) for at in arts.values()))
    partners = {a: sorted(set((partners or {}).get(a, []))) for a in arts}
    paras = [(a, span) for a, at in arts.items() for span in body_spans(at.norm)]
    lookup = lookup_pipeline() if analysis == "lookup" else None
    tokens = _tag_paragraphs(paras, nlp, lookup) if paras else _empty_tokens()
    tokens = tokens[~tokens["is_space"]].copy()
    sentences = _sentences(tokens, arts, min_words)
    tokens = tokens.merge(sentences[["key", "sid"]], on="key", how="inner")
    tokens = _raw_token_offsets(tokens, arts)[TOKEN_COLUMNS].reset_index(drop=True)
    sentences = sentences.drop(columns="key")
    sentences["partner_list"] = sentences["article_id"].map(partners)
    if actors is not None and len(sentences):
        sentences["partner_list"] = _refine_partners(sentences, arts, actors, partners)
    sentences["partners"] = sentences["partner_list"].map(";".join)
    return Corpus(
        arts, sentences[SENTENCE_COLUMNS].reset_index(drop=True), tokens, partners, analysis
    )


def _empty_tokens() -> pd.DataFrame:
    cols = {
        "article_id": str,
        "para": int,
        "key": int,
        "n_start": int,
        "n_end": int,
        "text": str,
        "lemma": str,
        "lemma_fold": str,
        "pos": str,
        "verb_form": str,
        "is_stop": bool,
        "is_space": bool,
        "word": bool,
        "tagged": bool,
    }
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in cols.items()})


_DOC_FIELDS = (
    "sent_no",
    "rel_start",
    "rel_end",
    "text",
    "lemma",
    "lemma_fold",
    "pos",
    "verb_form",
    "is_stop",
    "is_space",
    "word",
    "tagged",
)
BATCH_SIZE = 256  # paragraphs per spaCy batch


def _tag_paragraphs(paras: list[tuple[str, object]], nlp, lookup=None) -> pd.DataFrame:
    """One row per token of every paragraph (offsets in the article's normalised text). Each
    distinct paragraph text is tagged once (a repeated header or wire paragraph is not re-tagged);
    one process: sending docs back from worker processes costs more than tagging them. With a
    ``lookup`` pipeline, only the paragraphs that may hold a statement go through ``nlp``."""
    unique = list(dict.fromkeys(span.text for _, span in paras))
    per_para: list[list[tuple]] = [[] for _ in unique]
    full = range(len(unique))
    if lookup is not None:
        docs = lookup.pipe(unique, batch_size=BATCH_SIZE)
        full = [u for u, doc in enumerate(docs) if not _lookup_rows(doc, unique[u], per_para[u])]
    for u, doc in zip(
        full, nlp.pipe((unique[u] for u in full), batch_size=BATCH_SIZE), strict=True
    ):
        _doc_rows(doc, per_para[u])
    n_rows = np.fromiter((len(r) for r in per_para), dtype=np.int64, count=len(unique))
    utok = pd.DataFrame([row for r in per_para for row in r], columns=list(_DOC_FIELDS))
    del per_para
    code = {t: u for u, t in enumerate(unique)}
    para_u = np.fromiter((code[span.text] for _, span in paras), dtype=np.int64, count=len(paras))
    reps = n_rows[para_u]
    if len(unique) == len(paras):  # no paragraph repeated: the rows are already in order
        tokens = utok
    else:
        first = np.concatenate([[0], np.cumsum(n_rows)[:-1]])
        take = (
            np.concatenate([np.arange(first[u], first[u] + n_rows[u]) for u in para_u.tolist()])
            if len(utok)
            else np.zeros(0, np.int64)
        )
        tokens = utok.iloc[take].reset_index(drop=True)
    del utok
    tokens.insert(
        0, "article_id", np.repeat(np.asarray([a for a, _ in paras], dtype=object), reps).tolist()
    )
    tokens.insert(1, "para", np.repeat(np.arange(len(paras)), reps))
    offset = np.repeat(np.asarray([span.start for _, span in paras], dtype=np.int64), reps)
    tokens["n_start"] = offset + tokens["rel_start"].to_numpy(dtype=np.int64)
    tokens["n_end"] = offset + tokens["rel_end"].to_numpy(dtype=np.int64)
    sent_no = tokens["sent_no"].to_numpy(dtype=np.int64)
    tokens["key"] = (
        tokens["para"].to_numpy(dtype=np.int64) * (int(sent_no.max(initial=0)) + 1) + sent_no
    )  # one per sentence
    return tokens.drop(columns=["sent_no", "rel_start", "rel_end"])


def _doc_rows(doc, into: list[tuple]) -> None:
    """Append one row per token of a paragraph's doc (offsets within the paragraph)."""
    sent_no = 0
    for t in doc:
        sent_no += bool(t.is_sent_start or t.i == 0)
        lemma = lemma_of(t.text, t.lemma_)
        into.append(
            (
                sent_no,
                t.idx,
                t.idx + len(t.text),
                t.text,
                lemma,
                strip_accents(lemma),
                t.pos_,
                ",".join(t.morph.get("VerbForm")),
                t.is_stop,
                t.is_space,
                any(c.isalpha() for c in t.text),
                True,
            )
        )


@cache
def _lookup_token(text: str) -> tuple[str, str, bool, bool]:
    """``(lemma, folded lemma, has a letter, may open a statement)`` of a token's text."""
    lemma = lookup_lemma(text)
    return (
        lemma,
        strip_accents(lemma),
        any(c.isalpha() for c in text),
        lemma in VERBS or text.lower() == "selon",
    )


def _lookup_rows(doc, text: str, into: list[tuple]) -> bool:
    """Rows of a paragraph read with the dictionary (lemmas from simplemma, no part of speech),
    appended to ``into``; False, with nothing appended, when the paragraph may hold a statement
    (a guillemet, or ``selon`` or a speech verb for which :func:`helpers.analyses.speech.may_open_statement` holds): it
    is to be tagged in full. ``text`` is the doc's text (``Doc.text`` would rebuild it token by
    token)."""
    from spacy.attrs import IDX, IS_SPACE, IS_STOP, LENGTH, SENT_START

    if any(q in text for q in QUOTE_CHARS):
        return False
    rows = []
    sent_no = 0
    before: list[
        tuple[str, str]
    ] = []  # (word, lemma) of the sentence's tokens so far, spaces left out
    for i, (b, n, start, stop, space) in enumerate(
        doc.to_array([IDX, LENGTH, SENT_START, IS_STOP, IS_SPACE]).tolist()
    ):
        word = text[b : b + n]
        lemma, lemma_fold, alpha, speech = _lookup_token(word)
        if start == 1 or i == 0:
            sent_no += 1
            before = []
        if speech and may_open_statement(word, lemma, before):
            return False
        rows.append(
            (
                sent_no,
                b,
                b + n,
                word,
                lemma,
                lemma_fold,
                "",
                "",
                bool(stop),
                bool(space),
                alpha,
                False,
            )
        )
        if not space:
            before.append((word, lemma))
    into.extend(rows)
    return True


def _sentences(tokens: pd.DataFrame, arts: dict[str, ArticleText], min_words: int) -> pd.DataFrame:
    """Sentence spans from their tokens; fragments of fewer than ``min_words`` words are left out."""
    if tokens.empty:
        return pd.DataFrame(columns=[*SENTENCE_COLUMNS, "key"])
    g = tokens.groupby("key", sort=False)
    s = g.agg(
        article_id=("article_id", "first"),
        para=("para", "first"),
        n_start=("n_start", "min"),
        n_end=("n_end", "max"),
    ).reset_index()
    s["start"] = _map_raw(s, "n_start", arts)
    s["end"] = _map_raw(s, "n_end", arts)
    s["text"] = [
        arts[a].raw[b:e] for a, b, e in zip(s["article_id"], s["start"], s["end"], strict=True)
    ]
    s["words"] = s["text"].str.count(r"\S*[^\W\d_]\S*")  # space-separated words with a letter
    s = s[s["words"] >= min_words].sort_values(["para", "n_start"]).copy()
    s["sentence"] = s.groupby("article_id").cumcount()
    s = s.sort_values(["article_id", "start"]).reset_index(drop=True)
    s["sid"] = np.arange(len(s))
    s["words"] = s["words"].astype(int)
    return s


def _map_raw(frame: pd.DataFrame, column: str, arts: dict[str, ArticleText]) -> np.ndarray:
    out = frame[column].to_numpy(dtype=np.int64).copy()
    for aid, idx in frame.groupby("article_id").indices.items():
        out[idx] = arts[aid].raw_offsets(out[idx])
    return out


def _raw_token_offsets(tokens: pd.DataFrame, arts: dict[str, ArticleText]) -> pd.DataFrame:
    tokens = tokens.sort_values(["sid", "n_start"]).reset_index(drop=True)
    tokens["start"] = _map_raw(tokens, "n_start", arts)
    tokens["end"] = _map_raw(tokens, "n_end", arts)
    plain = ~tokens["is_stop"] & tokens["word"] & (tokens["lemma"].str.len() > 1)
    tagged = tokens["tagged"].to_numpy(dtype=bool)
    known = np.zeros(len(tokens), dtype=bool)
    if not tagged.all():
        known[~tagged] = [is_known(x) for x in tokens["lemma"].to_numpy()[~tagged]]
    tokens["content"] = plain & np.where(tagged, tokens["pos"].isin(CONTENT_POS), known)
    return tokens


def _refine_partners(
    sentences: pd.DataFrame,
    arts: dict[str, ArticleText],
    actors: pd.DataFrame,
    partners: Mapping[str, list[str]],
) -> pd.Series:
    """A sentence of a several-partner article goes to the partners it names, if it names any."""
    multi = [a for a, ps in partners.items() if len(ps) > 1]
    out = sentences["partner_list"].copy()
    if not multi:
        return out
    named = actor_mentions({a: arts[a] for a in multi}, actors)
    named = named[named["country"] != ""]
    if named.empty:
        return out
    s = sentences.loc[
        sentences["article_id"].isin(multi), ["sid", "article_id", "start", "end", "partner_list"]
    ]
    hit = assign_sentences(named, s)
    hit = hit[[c in ps for c, ps in zip(hit["country"], hit["partner_list"], strict=True)]]
    chosen = hit.groupby("sid")["country"].agg(lambda c: sorted(set(c)))
    rows = sentences["sid"].isin(chosen.index)
    out[rows] = sentences.loc[rows, "sid"].map(chosen)
    return out


def assign_sentences(spans: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Each span with the sentence that wholly contains it (spans across sentences dropped)."""
    if spans.empty or sentences.empty:
        return spans.iloc[0:0].assign(
            **{c: pd.Series(dtype=sentences[c].dtype) for c in sentences.columns if c not in spans}
        )
    left = (
        spans.reset_index(drop=True)
        .astype({"article_id": "str", "start": "int64", "end": "int64"})
        .sort_values("start")
    )
    right = (
        sentences.rename(columns={"start": "s_start", "end": "s_end"})
        .astype({"article_id": "str"})
        .sort_values("s_start")
    )
    out = pd.merge_asof(
        left, right, left_on="start", right_on="s_start", by="article_id", direction="backward"
    )
    out = out[out["s_start"].notna() & (out["end"] <= out["s_end"])].copy()
    out["sid"] = out["sid"].astype(int)
    return out.rename(columns={"s_start": "sentence_start", "s_end": "sentence_end"})

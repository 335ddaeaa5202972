"""How the press frames each partnership: article sentences, a YAML frame codebook, frame shares.

Text preparation reads the article body (scraper junk lines left out) from a normalised copy of
each text: Unicode NFC, every apostrophe written ``'``, non-breaking spaces as spaces. spaCy's
French pipeline splits it into sentences and lemmas (elided articles split: ``l'armée`` gives
the lemmas ``le armée``). Every offset is mapped back to the verbatim article, so
``text[start:end]`` is the sentence or cue exactly as printed.

A sentence belongs to the partners of the events its article reports (curated ``mentions`` ->
``events.partners``). When an article reports events with several partners, a sentence that names
some of them (a country alias, or a person or institution of that country, from ``actors``) goes
to those it names; a sentence naming none goes to all of the article's partners.
"""

from __future__ import annotations

import _sre
import re
import textwrap
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path
from re import _constants as _c
from re import _parser
from re._casefix import _EXTRA_CASES

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import yaml
from matplotlib.patches import Patch, Rectangle

from helpers.data.countries import Registry, partner_name
from helpers.data.errors import DataError, Problem
from helpers.data.paths import display_path, project_root, resolve_dir
from helpers.text.articles import CharMap, body_spans, read_article

SPACY_MODEL = "fr_core_news_md"
MIN_WORDS = 4  # fewer words (space-separated, with a letter): a byline or signature, not a sentence
MIN_ARTICLES = 3
MIN_SENTENCES = 30
N_BOOT = 2000
SEED = 20250217
LEVEL = 0.95
BOOT_CELLS = 4_000_000  # draws x articles held at once by the bootstrap

APOSTROPHES = "\u2019\u2018\u02bc\u2032\u00b4\u0060"  # ’ ‘ ʼ ′ ´ `
SPACES = "\u00a0\u202f\u2009\u2007\u2002\u2003"
_NORMALISE = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(SPACES, " ")})
OPEN_QUOTES = ("«", "“")
QUOTE_CHARS = frozenset("«»“”")
CONTENT_POS = frozenset({"NOUN", "ADJ", "VERB", "ADV"})
ANALYSES = ("auto", "full", "lookup")
AUTO_FULL_UP_TO = 5_000_000  # characters of article text analysed in full under analysis="auto"
STATISTICAL = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]

# The Policy Frames Codebook (Boydstun, Card, Gross, Resnik and Smith 2014): code -> dimension.
POLICY_FRAMES = {
    1: "Economic",
    2: "Capacity and resources",
    3: "Morality",
    4: "Fairness and equality",
    5: "Legality, constitutionality and jurisprudence",
    6: "Policy prescription and evaluation",
    7: "Crime and punishment",
    8: "Security and defense",
    9: "Health and safety",
    10: "Quality of life",
    11: "Cultural identity",
    12: "Public opinion",
    13: "Political",
    14: "External regulation and reputation",
    15: "Other",
}

# ---------------------------------------------------------------------------------------------
# Normalisation


def normalise(text: str) -> tuple[str, np.ndarray | None]:
    """NFC text with apostrophes as ``'`` and non-breaking spaces as spaces, and a map from each
    position of the result (plus its end) to the input; ``None`` when positions are unchanged."""
    if unicodedata.is_normalized("NFC", text):
        return text.translate(_NORMALISE), None
    starts = [i for i, c in enumerate(text) if i == 0 or not unicodedata.combining(c)]
    bounds = [*starts, len(text)]
    pieces: list[str] = []
    to_raw: list[int] = []
    for a, b in pairwise(bounds):
        piece = unicodedata.normalize("NFC", text[a:b])
        pieces.append(piece)
        to_raw.extend([a] * len(piece))
    to_raw.append(len(text))
    return "".join(pieces).translate(_NORMALISE), np.asarray(to_raw, dtype=np.int64)


def _strip_accent(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]) else ch


_FOLD = CharMap(_strip_accent)  # diacritics removed one character at a time (lengths kept)


def fold(text: str) -> str:
    """Accents removed (``é`` -> ``e``), one character for one, so offsets stay valid."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class ArticleText:
    """An article's verbatim text and its normalised copy (same offsets unless ``to_raw``)."""

    raw: str
    norm: str
    to_raw: np.ndarray | None = None

    @classmethod
    def of(cls, raw: str) -> ArticleText:
        norm, to_raw = normalise(raw)
        return cls(raw, norm, to_raw)

    @cached_property
    def folded(self) -> str:
        return fold(self.norm)

    def raw_offsets(self, positions: Sequence[int] | np.ndarray) -> np.ndarray:
        """Offsets in the normalised text -> offsets in the verbatim text."""
        pos = np.asarray(positions, dtype=np.int64)
        return pos if self.to_raw is None else self.to_raw[pos]


# ---------------------------------------------------------------------------------------------
# The French pipeline and the corpus


def _with_sentence_rules(exclude: list[str], vocab=True):
    import spacy
    from spacy.language import Language

    if not Language.has_factory("mali_quote_boundaries"):
        Language.component("mali_quote_boundaries", func=_quote_boundaries)
    nlp = spacy.load(SPACY_MODEL, exclude=exclude, vocab=vocab)
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("mali_quote_boundaries", after="sentencizer")
    return nlp


@cache
def french_pipeline():
    """spaCy's French pipeline, loaded once: rule-based sentences, tags and lemmas (no parser,
    no entities), an opening guillemet kept with the sentence it opens."""
    return _with_sentence_rules(["parser", "ner", "senter"])


@cache
def lookup_pipeline():
    """The same tokenizer and sentence rules as :func:`french_pipeline`, without any statistical
    component: the tokens and sentences are the same, lemmas come from :func:`lookup_lemma`. It
    shares the vocabulary (strings, lexemes, word vectors) of :func:`french_pipeline`, which the
    lookup analysis loads anyway, instead of holding a second copy (about 160 MB)."""
    return _with_sentence_rules(STATISTICAL, vocab=french_pipeline().vocab)


def resolve_analysis(analysis: str, n_chars: int) -> str:
    """``"full"`` or ``"lookup"``: ``"auto"`` is full up to :data:`AUTO_FULL_UP_TO` characters."""
    if analysis not in ANALYSES:
        raise ValueError(f"analysis must be one of {', '.join(map(repr, ANALYSES))}, not {analysis!r}")
    if analysis == "auto":
        return "full" if n_chars <= AUTO_FULL_UP_TO else "lookup"
    return analysis


def analysis_note(corpus: Corpus) -> str:
    """One sentence saying how the corpus was analysed, for the notebook and the report."""
    n_chars = sum(len(at.norm) for at in corpus.texts.values())
    if corpus.analysis == "full":
        return (f"Full analysis: every sentence tagged and lemmatised by spaCy's {SPACY_MODEL} "
                f"({n_chars:,} characters).")
    s = corpus.sentences
    tagged = corpus.tokens.groupby("sid")["tagged"].any().reindex(s["sid"], fill_value=False)
    return (f"Lookup analysis ({n_chars:,} characters): {int(tagged.sum()):,} of {len(s):,} sentences, in paragraphs "
            f"that may hold a statement, tagged and lemmatised by spaCy's {SPACY_MODEL}; the others take "
            f"simplemma's dictionary lemmas and no part of speech.")


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


def _quote_boundaries(doc):
    """Move a sentence start from after an opening guillemet to the guillemet itself."""
    from spacy.attrs import ORTH

    orth = doc.to_array(ORTH)[1:-1]
    found = np.zeros(len(orth), dtype=bool)
    for q in OPEN_QUOTES:
        found |= orth == doc.vocab.strings.add(q)
    for i in (np.flatnonzero(found) + 1).tolist():
        tok, nxt = doc[i], doc[i + 1]
        if nxt.is_sent_start:
            tok.is_sent_start = True
            nxt.is_sent_start = False
    return doc


SENTENCE_COLUMNS = ["sid", "article_id", "sentence", "start", "end", "words", "partners", "partner_list", "text"]
TOKEN_COLUMNS = ["sid", "article_id", "start", "end", "text", "lemma", "lemma_fold", "pos", "verb_form", "is_stop", "content",
                 "tagged"]


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
    a speech verb the statement rules do not pass by, see :func:`helpers.analyses.quotes.may_open_statement`) are tagged
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
    m = tables.mentions[["article_id", "event_id"]].merge(tables.events[["event_id", "partner_list"]], on="event_id")
    ex = m.explode("partner_list").dropna(subset=["partner_list"])
    grouped = ex.groupby("article_id")["partner_list"].agg(lambda s: sorted(set(s)))
    return {a: grouped.get(a, []) for a in sorted(m["article_id"].unique())}


def corpus(tables, min_words: int = MIN_WORDS, nlp=None, analysis: str = "full") -> Corpus:
    """The sentences of every article that reports an event of the selection (``analysis``: see
    :class:`Corpus` and :func:`resolve_analysis`)."""
    partners = article_partners(tables)
    files = dict(zip(tables.articles["article_id"], tables.articles["file"], strict=True))
    texts = {a: read_article(tables.data_dir / "raw" / files[a]) if a in files else tables.text(a) for a in partners}
    built = build_corpus(texts, partners, actors=tables.actors, min_words=min_words, nlp=nlp, analysis=analysis)
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
    return Corpus(arts, sentences[SENTENCE_COLUMNS].reset_index(drop=True), tokens, partners, analysis)


def _empty_tokens() -> pd.DataFrame:
    cols = {"article_id": str, "para": int, "key": int, "n_start": int, "n_end": int, "text": str, "lemma": str,
            "lemma_fold": str, "pos": str, "verb_form": str, "is_stop": bool, "is_space": bool, "word": bool,
            "tagged": bool}
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in cols.items()})


_DOC_FIELDS = ("sent_no", "rel_start", "rel_end", "text", "lemma", "lemma_fold", "pos", "verb_form", "is_stop", "is_space",
               "word", "tagged")
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
    for u, doc in zip(full, nlp.pipe((unique[u] for u in full), batch_size=BATCH_SIZE), strict=True):
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
        take = np.concatenate([np.arange(first[u], first[u] + n_rows[u]) for u in para_u.tolist()]) if len(utok) else np.zeros(0, np.int64)
        tokens = utok.iloc[take].reset_index(drop=True)
    del utok
    tokens.insert(0, "article_id", np.repeat(np.asarray([a for a, _ in paras], dtype=object), reps).tolist())
    tokens.insert(1, "para", np.repeat(np.arange(len(paras)), reps))
    offset = np.repeat(np.asarray([span.start for _, span in paras], dtype=np.int64), reps)
    tokens["n_start"] = offset + tokens["rel_start"].to_numpy(dtype=np.int64)
    tokens["n_end"] = offset + tokens["rel_end"].to_numpy(dtype=np.int64)
    sent_no = tokens["sent_no"].to_numpy(dtype=np.int64)
    tokens["key"] = tokens["para"].to_numpy(dtype=np.int64) * (int(sent_no.max(initial=0)) + 1) + sent_no  # one per sentence
    return tokens.drop(columns=["sent_no", "rel_start", "rel_end"])


def _doc_rows(doc, into: list[tuple]) -> None:
    """Append one row per token of a paragraph's doc (offsets within the paragraph)."""
    sent_no = 0
    for t in doc:
        sent_no += bool(t.is_sent_start or t.i == 0)
        lemma = lemma_of(t.text, t.lemma_)
        into.append((sent_no, t.idx, t.idx + len(t.text), t.text, lemma, fold(lemma), t.pos_, ",".join(t.morph.get("VerbForm")),
                     t.is_stop, t.is_space, any(c.isalpha() for c in t.text), True))


@cache
def _lookup_token(text: str) -> tuple[str, str, bool, bool]:
    """``(lemma, folded lemma, has a letter, may open a statement)`` of a token's text."""
    from helpers.analyses.quotes import VERBS

    lemma = lookup_lemma(text)
    return lemma, fold(lemma), any(c.isalpha() for c in text), lemma in VERBS or text.lower() == "selon"


def _lookup_rows(doc, text: str, into: list[tuple]) -> bool:
    """Rows of a paragraph read with the dictionary (lemmas from simplemma, no part of speech),
    appended to ``into``; False, with nothing appended, when the paragraph may hold a statement
    (a guillemet, or ``selon`` or a speech verb for which :func:`helpers.analyses.quotes.may_open_statement` holds): it
    is to be tagged in full. ``text`` is the doc's text (``Doc.text`` would rebuild it token by
    token)."""
    from spacy.attrs import IDX, IS_SPACE, IS_STOP, LENGTH, SENT_START

    from helpers.analyses.quotes import may_open_statement

    if any(q in text for q in QUOTE_CHARS):
        return False
    rows = []
    sent_no = 0
    sent_begin = 0
    for i, (b, n, start, stop, space) in enumerate(doc.to_array([IDX, LENGTH, SENT_START, IS_STOP, IS_SPACE]).tolist()):
        word = text[b : b + n]
        lemma, lemma_fold, alpha, speech = _lookup_token(word)
        if start == 1 or i == 0:
            sent_no += 1
            sent_begin = len(rows)
        if speech and may_open_statement(word, lemma, [(r[3], r[4]) for r in rows[sent_begin:] if not r[9]]):
            return False
        rows.append((sent_no, b, b + n, word, lemma, lemma_fold, "", "", bool(stop), bool(space), alpha, False))
    into.extend(rows)
    return True


def _sentences(tokens: pd.DataFrame, arts: dict[str, ArticleText], min_words: int) -> pd.DataFrame:
    """Sentence spans from their tokens; fragments of fewer than ``min_words`` words are left out."""
    if tokens.empty:
        return pd.DataFrame(columns=[*SENTENCE_COLUMNS, "key"])
    g = tokens.groupby("key", sort=False)
    s = g.agg(article_id=("article_id", "first"), para=("para", "first"), n_start=("n_start", "min"),
              n_end=("n_end", "max")).reset_index()
    s["start"] = _map_raw(s, "n_start", arts)
    s["end"] = _map_raw(s, "n_end", arts)
    s["text"] = [arts[a].raw[b:e] for a, b, e in zip(s["article_id"], s["start"], s["end"], strict=True)]
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


def _refine_partners(sentences: pd.DataFrame, arts: dict[str, ArticleText], actors: pd.DataFrame,
                     partners: Mapping[str, list[str]]) -> pd.Series:
    """A sentence of a several-partner article goes to the partners it names, if it names any."""
    multi = [a for a, ps in partners.items() if len(ps) > 1]
    out = sentences["partner_list"].copy()
    if not multi:
        return out
    named = actor_mentions({a: arts[a] for a in multi}, actors)
    named = named[named["country"] != ""]
    if named.empty:
        return out
    s = sentences.loc[sentences["article_id"].isin(multi), ["sid", "article_id", "start", "end", "partner_list"]]
    hit = _assign_sentences(named, s)
    hit = hit[[c in ps for c, ps in zip(hit["country"], hit["partner_list"], strict=True)]]
    chosen = hit.groupby("sid")["country"].agg(lambda c: sorted(set(c)))
    rows = sentences["sid"].isin(chosen.index)
    out[rows] = sentences.loc[rows, "sid"].map(chosen)
    return out



# ---------------------------------------------------------------------------------------------
# One regex over many texts

_SEP = "\x00"
_SAFE_LOOKAROUNDS = ("(?<!\\w)", "(?!\\w)")
_UNSAFE = re.compile(r"\^|\$|\\[AZBz]|\(\?<?[=!]|\\x00|\\0")


def _joinable(pattern: str) -> bool:
    """Whether a pattern finds the same spans in texts joined by NUL as in each text alone: no
    anchors and no lookaround other than ``(?<!\\w)``/``(?!\\w)``, which NUL cannot satisfy."""
    rest = pattern.replace("[^", "[")
    for ok in _SAFE_LOOKAROUNDS:
        rest = rest.replace(ok, "")
    return not _UNSAFE.search(rest)


class TextSet:
    """Texts searched as one: joined by NUL once, with a case-keyed copy (:func:`case_key`) that
    tells which texts may hold a match of a pattern before the pattern itself is run."""

    def __init__(self, texts: Sequence[str]):
        self.texts = list(texts)
        self.lengths = np.fromiter((len(t) for t in self.texts), dtype=np.int64, count=len(self.texts))
        self.begin = np.concatenate([[0], np.cumsum(self.lengths + 1)[:-1]]).astype(np.int64)

    @cached_property
    def joined(self) -> str:
        return _SEP.join(self.texts)

    @cached_property
    def keyed(self) -> str:
        return case_key(self.joined)

    def find_every(self, rx: re.Pattern[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
        """:func:`find_all` over every text."""
        return _find_joined(rx, self)

    def candidates(self, needed: frozenset[str]) -> np.ndarray:
        """Indices of the texts whose case keys hold one of the ``needed`` strings."""
        rx = _literal_regex(needed)
        begin = self.begin.tolist()
        out, pos, keyed = [], 0, self.keyed
        while (m := rx.search(keyed, pos)) is not None:
            i = bisect_right(begin, m.start()) - 1
            out.append(i)
            if i + 1 == len(begin):
                break
            pos = begin[i + 1]
        return np.asarray(out, dtype=np.int64)

    def find(self, rx: re.Pattern[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
        """The same matches as :meth:`find_every`; where the pattern needs a literal
        (:func:`needed_literals`) only the texts that hold one are searched."""
        needed = needed_literals(rx)
        if needed is None:
            return self.find_every(rx)
        cand = self.candidates(needed)
        idx, b, e, g = find_all(rx, [self.texts[i] for i in cand.tolist()])
        return cand[idx], b, e, g


def find_all(rx: re.Pattern[str], texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Non-empty matches of ``rx`` in each text, as found text by text: ``(text index, start, end,
    matched)`` with offsets within the text. Texts are searched joined by NUL in one pass; texts a
    match crosses into are searched again alone, so the result is that of a per-text search."""
    return _find_joined(rx, TextSet(texts))


def _find_joined(rx: re.Pattern[str], ts: TextSet) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    texts = ts.texts
    if not texts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64), []
    if not _joinable(rx.pattern) or any(_SEP in t for t in texts):
        found = [(i, m.start(), m.end(), m.group(0)) for i, t in enumerate(texts) for m in rx.finditer(t) if m.end() > m.start()]
    else:
        lengths, begin = ts.lengths, ts.begin
        spans = [(m.start(), m.end(), m.group(0)) for m in rx.finditer(ts.joined) if m.end() > m.start()]
        b = np.fromiter((x[0] for x in spans), dtype=np.int64, count=len(spans))
        e = np.fromiter((x[1] for x in spans), dtype=np.int64, count=len(spans))
        first = np.searchsorted(begin, b, side="right") - 1
        last = np.searchsorted(begin, np.maximum(e - 1, b), side="right") - 1
        cross = (first != last) | (e > begin[first] + lengths[first])
        redo = set()
        for f, la in zip(first[cross].tolist(), last[cross].tolist(), strict=True):
            redo.update(range(f, la + 1))
        keep = ~np.isin(first, list(redo)) if redo else np.ones(len(spans), dtype=bool)
        found = [(int(i), int(x - begin[i]), int(y - begin[i]), spans[j][2])
                 for j, (i, x, y) in enumerate(zip(first, b, e, strict=True)) if keep[j]]
        found += [(i, m.start(), m.end(), m.group(0)) for i in sorted(redo) for m in rx.finditer(texts[i]) if m.end() > m.start()]
        found.sort(key=lambda r: (r[0], r[1]))
    if not found:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64), []
    i, b, e, g = zip(*found, strict=True)
    return np.asarray(i, np.int64), np.asarray(b, np.int64), np.asarray(e, np.int64), list(g)


# Which texts may hold a match. Python's ``re`` cannot skip ahead by the first characters of a
# case-insensitive pattern that starts with ``\b`` and tries every position in turn; a literal
# searched case-sensitively in a case-keyed copy of the texts is found far faster.

def _case_key(ch: str) -> str:
    """One character for all those ``re.IGNORECASE`` takes as the same letter: the engine's own
    lower-case mapping, joined with the extra cases it knows (ı and i, ſ and s, µ and μ, ...)."""
    lo = _sre.unicode_tolower(ord(ch))
    return chr(min((lo, *_EXTRA_CASES.get(lo, ()))))


_CASE_KEY = CharMap(_case_key)
MIN_NEEDED = 3  # a needed literal shorter than this is in nearly every text: no prefilter
MAX_NEEDED = 64  # nor where a match may hold any of more literals than this


def case_key(text: str) -> str:
    """``text`` with every character replaced by its :func:`_case_key` (length kept)."""
    return text.translate(_CASE_KEY)


def _needed(items) -> frozenset[str] | None:
    """Case keys of literals, one of which is inside every match of a parsed sequence."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(got: frozenset[str] | None) -> None:
        nonlocal best
        if got and (best is None or min(map(len, got)) > min(map(len, best))):
            best = got

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        consider(frozenset(["".join(run)]) if run else None)
        run = []
        if op is _c.SUBPATTERN:
            consider(_needed(av[3]))
        elif op is _c.ATOMIC_GROUP:
            consider(_needed(av))
        elif op is _c.BRANCH:
            alts = [_needed(a) for a in av[1]]
            consider(None if any(a is None for a in alts) else frozenset().union(*alts))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_needed(av[2]))
    consider(frozenset(["".join(run)]) if run else None)
    return best


@cache
def _needed_of(pattern: str, flags: int) -> frozenset[str] | None:
    try:
        got = _needed(_parser.parse(pattern, flags))
    except re.error:
        return None
    if not got or min(map(len, got)) < MIN_NEEDED or len(got) > MAX_NEEDED:
        return None
    return frozenset(case_key(x) for x in got)


def needed_literals(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which every match of ``rx`` holds one, written in case keys; None where the
    pattern has no such set (it may start anywhere with a class, a wildcard, an optional part)."""
    return _needed_of(rx.pattern, rx.flags)


@cache
def _literal_regex(needed: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(x) for x in sorted(needed, key=lambda x: (-len(x), x))))


def _raw_spans(arts: Sequence[ArticleText], idx: np.ndarray, b: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Normalised offsets of matches in ``arts[idx]`` -> verbatim offsets."""
    b, e = b.copy(), e.copy()
    for i in np.unique(idx).tolist():
        if arts[i].to_raw is not None:
            sel = idx == i
            b[sel] = arts[i].raw_offsets(b[sel])
            e[sel] = arts[i].raw_offsets(e[sel])
    return b, e


# ---------------------------------------------------------------------------------------------
# Actors named in the texts


def alternation_pattern(keys: Iterable[str]) -> str:
    """The alternation of ``keys`` (lower-case words separated by single spaces, which match any
    run of white space), longest first."""
    return "|".join(r"\s+".join(re.escape(w) for w in k.split(" ")) for k in sorted(keys, key=lambda k: (-len(k), k)))


_END = ""


def trie_pattern(keys: Iterable[str]) -> str:
    """The same language as :func:`alternation_pattern`, factored by common prefixes.

    At each point a longer continuation is tried before the end of a key, so at a given start the
    regex engine takes the longest key that matches (the one the longest-first alternation takes):
    two keys that match at one start match prefixes of the same text, and the longer key matches
    the longer text. Python's ``re`` tries the alternatives of a branch one after another, so a
    flat alternation of thousands of keys costs thousands of tries at every word start; the
    factored pattern costs one try per character of the text's word."""
    root: dict = {}
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[_END] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(c for c in node if c != _END)]
        if _END in node:
            alts.append("")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(root) if root else r"(?!x)x"


@cache
def _actor_regex(aliases: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One case- and accent-insensitive regex for every alias, longest first, word-bounded
    (prefix-factored: see :func:`trie_pattern`)."""
    owner: dict[str, set[str]] = {}
    for actor_id, alias in aliases:
        key = " ".join(fold(normalise(alias)[0]).lower().split())
        if key:
            owner.setdefault(key, set()).add(actor_id)
    unique = {k: next(iter(v)) for k, v in owner.items() if len(v) == 1}  # ambiguous aliases resolve to no one
    if not unique:
        return re.compile(r"(?!x)x"), {}
    body = trie_pattern(unique)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), unique


def actor_mentions(texts: Mapping[str, ArticleText | str], actors: pd.DataFrame) -> pd.DataFrame:
    """Where each actor is named (its name or an alias, case and accents ignored): ``article_id,
    start, end, actor_id, kind, country`` with verbatim offsets."""
    cols = ["article_id", "start", "end", "actor_id", "kind", "country"]
    pairs = tuple(
        (a, alias)
        for a, name, aliases in zip(actors["actor_id"], actors["name"], actors["aliases"], strict=True)
        for alias in {name, *[x for x in str(aliases).split("|") if x]}
    )
    rx, owner = _actor_regex(tuple(sorted(pairs)))
    ids = sorted(texts)
    arts = [t if isinstance(t, ArticleText) else ArticleText.of(t) for t in (texts[a] for a in ids)]
    idx, b, e, got = find_all(rx, [at.folded for at in arts])
    if not len(idx):
        return pd.DataFrame(columns=cols)
    b, e = _raw_spans(arts, idx, b, e)
    out = pd.DataFrame({"article_id": [ids[i] for i in idx.tolist()], "start": b, "end": e,
                        "actor_id": [owner[" ".join(x.lower().split())] for x in got]})
    info = actors.set_index("actor_id")[["kind", "country"]]
    out = out.join(info, on="actor_id")
    return out[cols].sort_values(["article_id", "start"]).reset_index(drop=True)


def _assign_sentences(spans: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Each span with the sentence that wholly contains it (spans across sentences dropped)."""
    if spans.empty or sentences.empty:
        return spans.iloc[0:0].assign(**{c: pd.Series(dtype=sentences[c].dtype) for c in sentences.columns if c not in spans})
    left = spans.reset_index(drop=True).astype({"article_id": "str", "start": "int64", "end": "int64"}).sort_values("start")
    right = sentences.rename(columns={"start": "s_start", "end": "s_end"}).astype({"article_id": "str"}).sort_values("s_start")
    out = pd.merge_asof(left, right, left_on="start", right_on="s_start", by="article_id", direction="backward")
    out = out[out["s_start"].notna() & (out["end"] <= out["s_end"])].copy()
    out["sid"] = out["sid"].astype(int)
    return out.rename(columns={"s_start": "sentence_start", "s_end": "sentence_end"})


# ---------------------------------------------------------------------------------------------
# The codebook

TOP_KEYS = {"version", "description", "frames"}
FRAME_KEYS = {"label", "definition", "policy_frame", "cues", "exclude", "examples", "non_examples", "notes"}
CUE_KEYS = {"lemma", "regex", "fold", "note"}
POLICY_KEYS = {"code", "name"}
FRAME_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Cue:
    """One cue: a lemma phrase or a regular expression, optionally accent-folded."""

    kind: str  # "lemma" or "regex"
    pattern: str
    fold: bool = False
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.pattern}" + (" (folded)" if self.fold else "")


@dataclass(frozen=True)
class Frame:
    """One frame of the codebook."""

    id: str
    label: str
    definition: str
    policy_code: int
    policy_name: str
    cues: tuple[Cue, ...]
    exclude: tuple[Cue, ...] = ()
    examples: tuple[str, ...] = ()
    non_examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Codebook:
    """A validated frame codebook (see ``data/lexicons/frames.yaml``)."""

    path: str
    description: str
    frames: tuple[Frame, ...]

    @property
    def ids(self) -> list[str]:
        return [f.id for f in self.frames]

    @property
    def labels(self) -> dict[str, str]:
        return {f.id: f.label for f in self.frames}


def default_lexicon(data_dir: str | Path | None = None) -> Path:
    """The codebook of a data folder (``<data_dir>/lexicons/frames.yaml``), or the project's
    when the folder has none (a draft or another corpus)."""
    own = resolve_dir(data_dir, "data") / "lexicons" / "frames.yaml"
    return own if own.is_file() else project_root() / "data" / "lexicons" / "frames.yaml"


def load_codebook(path: str | Path | None = None, data_dir: str | Path | None = None) -> Codebook:
    """Read and validate a YAML codebook; every problem (unknown key, missing definition,
    invalid regex, ...) is reported at once in a :class:`~helpers.data.errors.DataError`."""
    path = Path(path) if path else default_lexicon(data_dir)
    shown = display_path(path)
    if not path.is_file():
        raise DataError([Problem(shown, None, None, "codebook file not found")])
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except yaml.YAMLError as exc:
        raise DataError([Problem(shown, None, None, f"not valid YAML: {exc}")]) from None
    problems: list[Problem] = []
    frames = _parse_codebook(doc, shown, problems)
    if problems:
        raise DataError(problems)
    return Codebook(shown, str(doc.get("description", "")).strip(), tuple(frames))


def _parse_codebook(doc: object, shown: str, problems: list[Problem]) -> list[Frame]:
    def bad(key: str | None, message: str) -> None:
        problems.append(Problem(shown, None, key, message))

    if not isinstance(doc, dict):
        bad(None, "expected a mapping with a 'frames' key at the top")
        return []
    for k in sorted(set(doc) - TOP_KEYS):
        bad(str(k), f"unknown key; expected one of {sorted(TOP_KEYS)}")
    raw_frames = doc.get("frames")
    if not isinstance(raw_frames, dict) or not raw_frames:
        bad("frames", "expected a mapping of frame id -> frame")
        return []
    frames = []
    for fid, spec in raw_frames.items():
        where = f"frames.{fid}"
        if not isinstance(fid, str) or not FRAME_ID.match(fid):
            bad(where, "frame id must be lower-case snake_case")
        if not isinstance(spec, dict):
            bad(where, "expected a mapping with label, definition, policy_frame, cues")
            continue
        for k in sorted(set(spec) - FRAME_KEYS, key=str):
            bad(f"{where}.{k}", f"unknown key in frame {fid!r}; expected one of {sorted(FRAME_KEYS)}")
        for k in ("label", "definition"):
            if not isinstance(spec.get(k), str) or not spec.get(k, "").strip():
                bad(f"{where}.{k}", f"frame {fid!r} has no {k} (a non-empty text)")
        code, name = _policy_frame(spec.get("policy_frame"), f"{where}.policy_frame", fid, bad)
        cues = _cues(spec.get("cues"), f"{where}.cues", fid, bad, required=True)
        exclude = _cues(spec.get("exclude") or [], f"{where}.exclude", fid, bad, required=False)
        examples = _texts(spec.get("examples") or [], f"{where}.examples", fid, bad)
        non_examples = _texts(spec.get("non_examples") or [], f"{where}.non_examples", fid, bad)
        frames.append(Frame(str(fid), str(spec.get("label", "")).strip(), " ".join(str(spec.get("definition", "")).split()),
                            code, name, cues, exclude, examples, non_examples))
    return frames


def _policy_frame(value: object, where: str, fid: str, bad) -> tuple[int, str]:
    if not isinstance(value, dict):
        bad(where, f"frame {fid!r} needs policy_frame: {{code, name}} from the Policy Frames Codebook")
        return 0, ""
    for k in sorted(set(value) - POLICY_KEYS, key=str):
        bad(f"{where}.{k}", f"unknown key in frame {fid!r}; expected code and name")
    code, name = value.get("code"), value.get("name")
    if code not in POLICY_FRAMES:
        bad(f"{where}.code", f"frame {fid!r}: {code!r} is not a Policy Frames Codebook code (1-15)")
        return 0, ""
    if str(name).strip().lower() != POLICY_FRAMES[code].lower():
        bad(f"{where}.name", f"frame {fid!r}: code {code} is {POLICY_FRAMES[code]!r}, not {name!r}")
    return int(code), POLICY_FRAMES[code]


def _cues(value: object, where: str, fid: str, bad, required: bool) -> tuple[Cue, ...]:
    if not isinstance(value, list) or (required and not value):
        bad(where, f"frame {fid!r}: expected a{' non-empty' if required else ''} list of cues")
        return ()
    cues = []
    for i, c in enumerate(value):
        at = f"{where}[{i}]"
        if not isinstance(c, dict):
            bad(at, f"frame {fid!r}: a cue is a mapping with 'lemma' or 'regex'")
            continue
        for k in sorted(set(c) - CUE_KEYS, key=str):
            bad(f"{at}.{k}", f"unknown key in frame {fid!r}; expected one of {sorted(CUE_KEYS)}")
        kinds = [k for k in ("lemma", "regex") if k in c]
        if len(kinds) != 1:
            bad(at, f"frame {fid!r}: a cue has exactly one of 'lemma' or 'regex'")
            continue
        kind = kinds[0]
        pattern = c[kind]
        if not isinstance(pattern, str) or not pattern.strip():
            bad(f"{at}.{kind}", f"frame {fid!r}: empty {kind}")
            continue
        if not isinstance(c.get("fold", False), bool):
            bad(f"{at}.fold", f"frame {fid!r}: fold is true or false")
            continue
        if kind == "regex":
            try:
                _compile_regex(pattern, bool(c.get("fold", False)))
            except re.error as exc:
                bad(f"{at}.regex", f"frame {fid!r}: invalid regular expression {pattern!r} ({exc})")
                continue
            if _compile_regex(pattern, False).search("") is not None:
                bad(f"{at}.regex", f"frame {fid!r}: the regular expression {pattern!r} matches an empty text")
                continue
        cues.append(Cue(kind, pattern, bool(c.get("fold", False)), str(c.get("note", ""))))
    return tuple(cues)


def _texts(value: object, where: str, fid: str, bad) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        bad(where, f"frame {fid!r}: expected a list of sentences")
        return ()
    return tuple(value)


def _spaces_to_runs(pattern: str) -> str:
    """A literal space of a pattern (outside a character class) -> any run of whitespace."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "]":
            in_class = False
            out.append(ch)
        elif ch == " " and not in_class:
            out.append(r"\s+")
        else:
            out.append(ch)
    return "".join(out)


@cache
def _compile_regex(pattern: str, folded: bool) -> re.Pattern[str]:
    text = normalise(pattern)[0]
    if folded:
        text = fold(text)
    return re.compile(_spaces_to_runs(text), re.IGNORECASE)


@cache
def _lemmatise(phrase: str, folded: bool, nlp=None) -> tuple[str, ...]:
    nlp = nlp or french_pipeline()
    lemmas = tuple(lemma_of(t.text, t.lemma_) for t in nlp(normalise(phrase)[0]) if not t.is_space)
    return tuple(fold(x) for x in lemmas) if folded else lemmas


@cache
def _lookup_lemmatise(phrase: str, folded: bool) -> tuple[str, ...]:
    lemmas = tuple(lookup_lemma(t.text) for t in lookup_pipeline()(normalise(phrase)[0]) if not t.is_space)
    return tuple(fold(x) for x in lemmas) if folded else lemmas


def cue_table(codebook: Codebook, nlp=None) -> pd.DataFrame:
    """Every cue and exclusion of the codebook, with the lemmas a lemma cue is matched as."""
    rows = [
        {
            "frame": f.id,
            "role": role,
            "kind": c.kind,
            "pattern": c.pattern,
            "fold": c.fold,
            "matched_as": " ".join(_lemmatise(c.pattern, c.fold, nlp)) if c.kind == "lemma" else _spaces_to_runs(normalise(c.pattern)[0]),
        }
        for f in codebook.frames
        for role, cues in (("cue", f.cues), ("exclude", f.exclude))
        for c in cues
    ]
    return pd.DataFrame(rows, columns=["frame", "role", "kind", "pattern", "fold", "matched_as"])


def codebook_table(codebook: Codebook) -> pd.DataFrame:
    """One row per frame: label, Policy Frames Codebook dimension, number of cues, definition."""
    return pd.DataFrame(
        [
            {
                "frame": f.id,
                "label": f.label,
                "policy_frame": f"{f.policy_code} {f.policy_name}",
                "cues": len(f.cues),
                "exclusions": len(f.exclude),
                "definition": f.definition,
            }
            for f in codebook.frames
        ]
    )


# ---------------------------------------------------------------------------------------------
# Matching

HIT_COLUMNS = ["article_id", "sentence", "sentence_start", "sentence_end", "partners", "frame", "cue_kind", "cue",
               "cue_start", "cue_end", "matched", "sentence_text", "sid"]


def _text_sets(corpus: Corpus) -> dict[bool, TextSet]:
    """The corpus texts as searched by regex cues: normalised (False) and accent-folded (True)."""
    arts = list(corpus.texts.values())
    return {False: TextSet([at.norm for at in arts]), True: TextSet([at.folded for at in arts])}


def _find(corpus: Corpus, cue: Cue, nlp=None, sets: Mapping[bool, TextSet] | None = None) -> pd.DataFrame:
    """Spans (verbatim offsets) where one cue matches: ``article_id, start, end``. ``sets``:
    :func:`_text_sets` of the corpus, made once for many cues."""
    if cue.kind == "lemma":
        tok = corpus.tokens
        lem = tok["lemma_fold" if cue.fold else "lemma"].to_numpy()
        sid = tok["sid"].to_numpy()
        tagged = tok["tagged"].to_numpy(dtype=bool) if "tagged" in tok else np.ones(len(tok), dtype=bool)
        # a cue is lemmatised the way the tokens it is compared with were: by spaCy where they were
        # tagged, by the dictionary elsewhere (the lookup analysis)
        variants = [(_lemmatise(cue.pattern, cue.fold, nlp), tagged)]
        if not tagged.all():
            variants.append((_lookup_lemmatise(cue.pattern, cue.fold), ~tagged))
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
        return pd.DataFrame({"article_id": tok["article_id"].to_numpy()[first], "start": tok["start"].to_numpy()[first],
                             "end": tok["end"].to_numpy()[last]})
    rx = _compile_regex(cue.pattern, cue.fold)
    ids = list(corpus.texts)
    arts = list(corpus.texts.values())
    sets = sets or _text_sets(corpus)
    idx, b, e, _ = sets[cue.fold].find(rx)
    b, e = _raw_spans(arts, idx, b, e)
    return pd.DataFrame({"article_id": [ids[i] for i in idx.tolist()], "start": b, "end": e},
                        columns=["article_id", "start", "end"])


def match_frames(corpus: Corpus, codebook: Codebook, nlp=None) -> pd.DataFrame:
    """Every cue hit inside a sentence, minus hits overlapping an exclusion of the same frame.

    One row per (frame, cue, span): ``article_id, sentence, sentence_start, sentence_end,
    partners, frame, cue_kind, cue, cue_start, cue_end, matched, sentence_text, sid``.
    Two cues of one frame on the same span count once (the first cue in the codebook)."""
    found, excluded = [], []
    order = {f.id: i for i, f in enumerate(codebook.frames)}
    sets = _text_sets(corpus)
    for f in codebook.frames:
        for c_no, c in enumerate(f.cues):
            found.append(_find(corpus, c, nlp, sets).assign(frame=f.id, cue_kind=c.kind, cue=c.pattern, cue_no=c_no))
        for c in f.exclude:
            excluded.append(_find(corpus, c, nlp, sets).assign(frame=f.id))
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
    hits = _assign_sentences(hits, sent) if len(hits) else hits
    if hits.empty:
        return pd.DataFrame(columns=HIT_COLUMNS)
    hits = hits.rename(columns={"start": "cue_start", "end": "cue_end", "text": "sentence_text"})
    hits["frame_no"] = hits["frame"].map(order)
    hits = hits.sort_values(["article_id", "cue_start", "frame_no", "cue_no", "cue_end"])
    hits = hits.drop_duplicates(["article_id", "frame", "cue_start", "cue_end"])
    hits["matched"] = [corpus.texts[a].raw[b:e] for a, b, e in zip(hits["article_id"], hits["cue_start"], hits["cue_end"], strict=True)]
    hits = hits.sort_values(["article_id", "sentence_start", "frame_no", "cue_start", "cue_no"])
    return hits[HIT_COLUMNS].reset_index(drop=True)


def frames_of_texts(texts: Sequence[str], codebook: Codebook, nlp=None, analysis: str = "full") -> list[set[str]]:
    """The frames each free-standing text carries (for codebook examples and quick checks)."""
    c = build_corpus({f"t{i:05d}": t for i, t in enumerate(texts)}, min_words=1, nlp=nlp, analysis=analysis)
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
    out["ok"] = np.where(out["kind"] == "example", has, ~np.asarray(has, dtype=bool)) if rows else []
    return out


# ---------------------------------------------------------------------------------------------
# Shares with article-bootstrap intervals

SHARE_COLUMNS = ["partner", "partner_name", "frame", "sentences", "total_sentences", "share", "ci_low", "ci_high",
                 "articles", "total_articles", "article_share", "article_ci_low", "article_ci_high", "insufficient"]


def bootstrap_shares(k: np.ndarray, n: np.ndarray, n_boot: int = N_BOOT, rng: np.random.Generator | None = None,
                     level: float = LEVEL) -> dict[str, np.ndarray]:
    """Percentile bootstrap over whole articles. ``k[a, f]``: sentences of article ``a`` carrying
    frame ``f``; ``n[a]``: sentences of article ``a``. Each draw resamples the articles with
    replacement; the share of sentences is sum(k)/sum(n) over the draw, the share of articles
    the fraction of drawn articles with at least one hit. Returns low/high of both, per frame."""
    rng = rng or np.random.default_rng(SEED)
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    a = len(n)
    sent = np.empty((n_boot, k.shape[1]))
    art = np.empty((n_boot, k.shape[1]))
    step = max(1, BOOT_CELLS // max(a, 1))  # draws per block: memory stays bounded for large partners
    for lo in range(0, n_boot, step):
        m = min(step, n_boot - lo)
        # times each article is drawn: a uniform draws with replacement, counted per bootstrap draw
        drawn = rng.integers(0, a, size=(m, a)) + (np.arange(m) * a)[:, None]
        w = np.bincount(drawn.ravel(), minlength=m * a).reshape(m, a).astype(float)
        sent[lo : lo + m] = (w @ k) / (w @ n)[:, None]
        art[lo : lo + m] = (w @ (k > 0)) / a
    q = [100 * (1 - level) / 2, 100 * (1 + level) / 2]
    s_lo, s_hi = np.percentile(sent, q, axis=0)
    a_lo, a_hi = np.percentile(art, q, axis=0)
    return {"ci_low": s_lo, "ci_high": s_hi, "article_ci_low": a_lo, "article_ci_high": a_hi}


def partner_rng(seed: int, partner: str) -> np.random.Generator:
    """A generator seeded by the run's seed and the partner code, so a partner's interval does not
    change when other partners enter or leave the selection."""
    return np.random.default_rng([int(seed), *(ord(c) for c in partner)])


def frame_shares(
    corpus: Corpus,
    hits: pd.DataFrame,
    frames: Sequence[str],
    n_boot: int = N_BOOT,
    seed: int = SEED,
    min_articles: int = MIN_ARTICLES,
    min_sentences: int = MIN_SENTENCES,
    level: float = LEVEL,
) -> pd.DataFrame:
    """Per partner and frame: sentences carrying it, share of the partner's sentences with a
    percentile bootstrap interval over articles, articles carrying it and their share.

    A partner with fewer than ``min_articles`` articles or ``min_sentences`` sentences is flagged
    ``insufficient``: its counts stay, its shares and intervals are left empty."""
    frames = list(frames)
    sent = corpus.sentences[["sid", "article_id", "partner_list"]].explode("partner_list")
    sent = sent.dropna(subset=["partner_list"]).rename(columns={"partner_list": "partner"})
    if sent.empty:
        return pd.DataFrame(columns=SHARE_COLUMNS)
    flags = pd.crosstab(hits["sid"], hits["frame"]).clip(upper=1) if len(hits) else pd.DataFrame()
    flags = flags.reindex(index=sent["sid"].unique(), columns=frames, fill_value=0).fillna(0)
    mat = sent.join(flags, on="sid")
    per_article = mat.groupby(["partner", "article_id"])[frames].sum()
    n_sent = mat.groupby(["partner", "article_id"]).size()
    rows = []
    for partner in sorted(sent["partner"].unique()):
        k = per_article.loc[partner].to_numpy(dtype=float)
        n = n_sent.loc[partner].to_numpy(dtype=float)
        n_art, n_tot = len(n), int(n.sum())
        insufficient = n_art < min_articles or n_tot < min_sentences
        block = pd.DataFrame({"partner": partner, "partner_name": partner_name(partner, corpus.registry), "frame": frames,
                              "sentences": k.sum(axis=0).astype(int), "total_sentences": n_tot,
                              "articles": (k > 0).sum(axis=0).astype(int), "total_articles": n_art,
                              "insufficient": insufficient})
        if insufficient:
            for c in ("share", "ci_low", "ci_high", "article_share", "article_ci_low", "article_ci_high"):
                block[c] = np.nan
        else:
            block["share"] = k.sum(axis=0) / n_tot
            block["article_share"] = (k > 0).sum(axis=0) / n_art
            for c, v in bootstrap_shares(k, n, n_boot, partner_rng(seed, partner), level).items():
                block[c] = v
        rows.append(block)
    out = pd.concat(rows, ignore_index=True)[SHARE_COLUMNS]
    num = ["share", "ci_low", "ci_high", "article_share", "article_ci_low", "article_ci_high"]
    out[num] = out[num].astype(float).round(3)
    return out


def counts_table(shares: pd.DataFrame, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Partners x frames: ``k/n`` sentences, with ``share [low–high]`` where the data suffice."""
    if shares.empty:
        return pd.DataFrame()
    text = shares["sentences"].astype(str) + "/" + shares["total_sentences"].astype(str)
    pct = (100 * shares["share"]).round(0)
    ci = "[" + (100 * shares["ci_low"]).round(0).astype("Int64").astype(str) + "–" + (100 * shares["ci_high"]).round(0).astype("Int64").astype(str) + "%]"
    text = text.where(shares["insufficient"], text + " · " + pct.astype("Int64").astype(str) + "% " + ci)
    table = shares.assign(cell=text).pivot(index="partner", columns="frame", values="cell")
    order = list(dict.fromkeys(shares["frame"]))
    table = table[order]
    if labels:
        table = table.rename(columns=dict(labels))
    table.columns.name = None
    return table


def insufficient_partners(shares: pd.DataFrame) -> pd.DataFrame:
    """Partners whose frame shares are withheld, with their article and sentence counts."""
    cols = ["partner", "partner_name", "total_articles", "total_sentences"]
    if shares.empty:
        return pd.DataFrame(columns=cols)
    return shares.loc[shares["insufficient"], cols].drop_duplicates().reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Keyword in context


_SPACE_RUN = re.compile(r"\s+")


def kwic(hits: pd.DataFrame, width: int = 60) -> pd.DataFrame:
    """Each hit as ``left · matched · right`` within its sentence (at most ``width`` characters a
    side), one row per partner of the sentence."""
    cols = ["partner", "frame", "article_id", "cue_start", "cue_end", "left", "matched", "right", "cue"]
    if hits.empty:
        return pd.DataFrame(columns=cols)
    h = hits.assign(partner=hits["partners"].str.split(";")).explode("partner")
    rel_s = h["cue_start"] - h["sentence_start"]
    rel_e = h["cue_end"] - h["sentence_start"]
    left = [_SPACE_RUN.sub(" ", t[:s]) for t, s in zip(h["sentence_text"], rel_s, strict=True)]
    right = [_SPACE_RUN.sub(" ", t[e:]) for t, e in zip(h["sentence_text"], rel_e, strict=True)]
    h["left"] = [("…" + x[-width:]) if len(x) > width else x for x in left]
    h["right"] = [(x[:width] + "…") if len(x) > width else x for x in right]
    h["matched"] = h["matched"].map(lambda x: _SPACE_RUN.sub(" ", x))
    return h.sort_values(["partner", "frame", "article_id", "cue_start"])[cols].reset_index(drop=True)


def kwic_report(shares: pd.DataFrame, hits: pd.DataFrame, codebook: Codebook, width: int = 60,
                max_per_frame: int | None = None) -> list[str]:
    """Lines for the reader: per partner and frame, the counts, then the hits in context (at most
    ``max_per_frame`` of them, saying how many more ``frame_sentences.csv`` holds; None = all)."""
    if shares.empty:
        return ["No sentence in the selection: no frame to show."]
    k = kwic(hits, width)
    groups = k.groupby(["partner", "frame"], sort=False).indices if len(k) else {}
    labels = codebook.labels
    lines = []
    for partner, g in shares.groupby("partner", sort=True):
        head = g.iloc[0]
        status = " — insufficient data, counts only" if head["insufficient"] else ""
        lines.append(f"## {head['partner_name']} ({partner}): {head['total_articles']} article(s), {head['total_sentences']} sentences{status}")
        for r in g.itertuples(index=False):
            share = "" if r.insufficient else f"; share {100 * r.share:.0f}% [95% CI {100 * r.ci_low:.0f}–{100 * r.ci_high:.0f}%]"
            lines.append(f"  {labels.get(r.frame, r.frame)}: {r.sentences} sentence(s) in {r.articles} article(s){share}")
            idx = groups.get((partner, r.frame), [])
            shown = idx if max_per_frame is None else idx[:max_per_frame]
            sel = k.iloc[shown]
            lines.extend(f"    {a} [{s}:{e}]  {left}⟦{m}⟧{right}" for a, s, e, left, m, right in
                         zip(sel["article_id"], sel["cue_start"], sel["cue_end"], sel["left"], sel["matched"], sel["right"], strict=True))
            if len(idx) > len(shown):
                lines.append(f"    … and {len(idx) - len(shown)} more hit(s) in frame_sentences.csv")
    return lines


# ---------------------------------------------------------------------------------------------
# Figure

INSUFFICIENT_FILL = "#eeeeee"


def plot_frames_heatmap(shares: pd.DataFrame, codebook: Codebook, tables, min_articles: int = MIN_ARTICLES,
                        min_sentences: int = MIN_SENTENCES) -> plt.Figure:
    """Partners x frames. Sufficient partners: colour = share of sentences, text = share, 95% CI
    and counts. Insufficient partners: hatched grey cells with the raw counts only."""
    from helpers.analyses.overview import period_label, source_text
    from helpers.figures.plotting import source_line

    frames = codebook.ids
    partners = sorted(shares["partner"].unique()) if not shares.empty else []
    fig, ax = plt.subplots(figsize=(1.3 * len(frames) + 2.8, 0.85 * max(len(partners), 2) + 2.2))
    title = f"Frames of Mali's defence partnerships in the press ({period_label(tables.filters)})"
    if not partners:
        ax.text(0.5, 0.5, "No article in the selection", ha="center", va="center", transform=ax.transAxes, color="#555555")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title)
        source_line(fig, source_text(tables))
        return fig
    cmap = plt.get_cmap("Blues")
    sufficient = shares["share"].notna().any()
    vmax = max(float(shares["ci_high"].max()) if sufficient else 0.0, 0.05)
    norm = plt.Normalize(0, vmax)
    cell = shares.set_index(["partner", "frame"])
    for i, p in enumerate(partners):
        for j, f in enumerate(frames):
            r = cell.loc[(p, f)]
            counts = f"{r['sentences']}/{r['total_sentences']} sent.\n{r['articles']}/{r['total_articles']} art."
            if r["insufficient"]:
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor=INSUFFICIENT_FILL, edgecolor="#bbbbbb", hatch="///", linewidth=0.5))
                ax.text(j + 0.5, i + 0.5, counts, ha="center", va="center", fontsize=7.5, color="#333333",
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.85})
            else:
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor=cmap(norm(r["share"])), edgecolor="white", linewidth=1))
                dark = norm(r["share"]) > 0.6
                ax.text(j + 0.5, i + 0.5, f"{100 * r['share']:.0f}%\n[{100 * r['ci_low']:.0f}–{100 * r['ci_high']:.0f}]\n{counts}",
                        ha="center", va="center", fontsize=7, color="white" if dark else "#222222")
    ax.set_xlim(0, len(frames))
    ax.set_ylim(len(partners), 0)
    ax.set_xticks(np.arange(len(frames)) + 0.5, [textwrap.fill(codebook.labels[f], 14) for f in frames], fontsize=8.5)
    ax.set_yticks(np.arange(len(partners)) + 0.5, [f"{partner_name(p, getattr(tables, 'registry', None))} ({p})" for p in partners])
    ax.set_xlabel(f"Frame (codebook {Path(codebook.path).name})")
    ax.set_ylabel("Partner")
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    handles = []
    if shares["insufficient"].any():
        handles.append(Patch(facecolor=INSUFFICIENT_FILL, edgecolor="#bbbbbb", hatch="///",
                             label=f"insufficient data (< {min_articles} articles or < {min_sentences} sentences): counts only"))
    if sufficient:
        sm = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
        cb = fig.colorbar(sm, ax=ax, fraction=0.03, pad=0.02)
        cb.set_label("Share of the partner's sentences (%)")
        cb.ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{100 * v:.0f}"))
        handles.insert(0, Patch(facecolor=cmap(0.5), label="share of sentences [95% CI, articles resampled]"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(handles), fontsize=8, frameon=False)
    ax.set_title(title, pad=26)
    source_line(fig, source_text(tables) + " Cells: sentences (and articles) carrying the frame / all of the partner's.")
    return fig


# ---------------------------------------------------------------------------------------------
# Findings


def partner_sizes(corpus: Corpus) -> pd.DataFrame:
    """Articles, sentences and words of text per partner."""
    cols = ["partner", "partner_name", "articles", "sentences", "words"]
    ex = corpus.sentences.explode("partner_list").dropna(subset=["partner_list"])
    if ex.empty:
        return pd.DataFrame(columns=cols)
    out = ex.groupby("partner_list").agg(articles=("article_id", "nunique"), sentences=("sid", "size"), words=("words", "sum"))
    out = out.rename_axis("partner").reset_index()
    out["partner_name"] = out["partner"].map(lambda p: partner_name(p, corpus.registry))
    return out[cols]


def findings(corpus: Corpus, shares: pd.DataFrame, hits: pd.DataFrame, quotes: pd.DataFrame, terms: pd.DataFrame,
             codebook: Codebook) -> list[str]:
    """Plain-language findings on the selection, each computed from the tables of notebook 04."""
    if corpus.sentences.empty:
        return ["No article reports an event of the selection: there is no text to measure frames on."]
    labels = codebook.labels
    n_sent, framed = len(corpus.sentences), int(hits["sid"].nunique()) if len(hits) else 0
    lines = [f"{len(corpus.article_ids)} article(s), {n_sent} sentences; {framed} sentences ({100 * framed / n_sent:.0f}%) "
             f"carry at least one of the {len(codebook.frames)} frames."]
    per = shares.drop_duplicates("partner")
    short = per[per["insufficient"]]
    sizes = ", ".join(f"{r.partner_name} {r.total_articles} art./{r.total_sentences} sent." for r in per.itertuples())
    if len(short) == len(per):
        lines.append(f"Every partner is below the threshold for shares ({sizes}): only counts and the sentences "
                     "themselves are reported, no share and no interval.")
    elif len(short):
        lines.append("Counts only (too few articles or sentences): " + ", ".join(short["partner_name"]) + f"; sizes: {sizes}.")
    for partner, g in shares.groupby("partner", sort=True):
        top = g[g["sentences"] > 0].sort_values(["sentences", "frame"], ascending=[False, True])
        name = g["partner_name"].iloc[0]
        if top.empty:
            lines.append(f"{name}: no sentence carries any frame of the codebook.")
            continue
        parts = ", ".join(f"{labels[r.frame]} {r.sentences}" for r in top.itertuples())
        none = [labels[f] for f in g.loc[g["sentences"] == 0, "frame"]]
        lines.append(f"{name} ({partner}), sentences per frame: {parts}" + (f"; never: {', '.join(none)}." if none else "."))
    if len(quotes):
        resolved = int((quotes["actor_id"] != "").sum())
        sides = quotes["side"].str.split(";").explode().value_counts().sort_index()
        lines.append(f"{len(quotes)} quotes or reported statements, {resolved} attributed to a known actor; statements by side: "
                     + ", ".join(f"{s} {n}" for s, n in sides.items()) + ".")
        for f in codebook.ids:
            with_f = quotes[quotes["frames"].str.split(";").map(lambda fs, f=f: f in fs)]
            if len(with_f):
                who = with_f["side"].str.split(";").explode().value_counts().sort_index()
                lines.append(f"{labels[f]} in {len(with_f)} statement(s), by side: " + ", ".join(f"{s} {n}" for s, n in who.items()) + ".")
    if len(terms):
        top = terms[terms["rank"] == 1]
        lines.append("Most distinctive lemma per partner (weighted log-odds z, articles using it): "
                     + ", ".join(f"{r.partner_name} « {r.lemma} » (z = {r.z:.2f}, {r.articles} art.)" for r in top.itertuples()) + ".")
    return lines

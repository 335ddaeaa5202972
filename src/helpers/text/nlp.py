"""spaCy's French pipeline, loaded in one place: one model name, loaders cached per process.

- :func:`load_model`: the pipeline as shipped, less the components a caller does not read
  (``exclude``); the extraction's.
- :func:`french_pipeline`: rule-based sentences (an opening guillemet kept with the sentence it
  opens), tags and lemmas, no parser and no entities; the framing's full analysis.
- :func:`lookup_pipeline`: the same tokens and sentences without any statistical component; the
  framing's lookup analysis.

The model is a package installed with the project's dependencies, never fetched from a hub.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

MODEL = "fr_core_news_md"
OPEN_QUOTES = ("«", "“")
STATISTICAL = (
    "tok2vec",
    "morphologizer",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
    "ner",
)


class ModelNotInstalled(OSError):
    """The spaCy model is not installed."""


def _load(name: str, exclude: Sequence[str] = (), vocab=True):
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(exclude), vocab=vocab)
    except OSError as exc:
        raise ModelNotInstalled(
            f"the French spaCy model {name!r} is not installed ({exc}); install it with the project's "
            "dependencies"
        ) from exc
    return indexed_lemmas(nlp)


def indexed_lemmas(nlp):
    """``nlp`` with its rule lemmatizer's index of known lemmas held as sets.

    The French rule lemmatizer asks whether a word (and each form its suffix rules make of it)
    is a known lemma of its part of speech; the model ships that index as one list per part of
    speech (8,921 verbs), scanned from the start at each question, which made the lemmatizer a
    sixth of the pipeline's time. The same words as a set give the same answers, hence the same
    lemmas, in constant time."""
    if "lemmatizer" not in nlp.pipe_names:
        return nlp
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return nlp
    table = lookups.get_table("lemma_index")
    for key in list(table.keys()):
        table.set(key, frozenset(table[key]))
    return nlp


@cache
def load_model(name: str = MODEL, exclude: tuple[str, ...] = ()):
    """The spaCy pipeline ``name`` without the components in ``exclude``, loaded once per process."""
    return _load(name, exclude)


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


def _with_sentence_rules(exclude: Sequence[str], vocab=True):
    from spacy.language import Language

    if not Language.has_factory("mali_quote_boundaries"):
        Language.component("mali_quote_boundaries", func=_quote_boundaries)
    nlp = _load(MODEL, exclude, vocab)
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("mali_quote_boundaries", after="sentencizer")
    return nlp


@cache
def french_pipeline():
    """spaCy's French pipeline, loaded once: rule-based sentences, tags and lemmas (no parser,
    no entities), an opening guillemet kept with the sentence it opens."""
    return _with_sentence_rules(("parser", "ner", "senter"))


@cache
def lookup_pipeline():
    """The same tokenizer and sentence rules as :func:`french_pipeline`, without any statistical
    component: the tokens and sentences are the same, lemmas come from a dictionary. It shares
    the vocabulary (strings, lexemes, word vectors) of :func:`french_pipeline`, which the lookup
    analysis loads anyway, instead of holding a second copy (about 160 MB)."""
    return _with_sentence_rules(STATISTICAL, vocab=french_pipeline().vocab)

"""The one spaCy loader: one model name, pipelines cached per process, a missing model named."""

from __future__ import annotations

import pytest

from helpers.text import nlp


def test_a_pipeline_is_loaded_once_per_name_and_components_left_out():
    first = nlp.load_model(nlp.MODEL, ("lemmatizer",))
    assert nlp.load_model(nlp.MODEL, ("lemmatizer",)) is first
    assert "lemmatizer" not in first.pipe_names and "ner" in first.pipe_names


def test_the_lookup_pipeline_shares_the_full_pipelines_vocabulary_and_has_no_statistical_component():
    full, lookup = nlp.french_pipeline(), nlp.lookup_pipeline()
    assert lookup.vocab is full.vocab
    assert not set(lookup.pipe_names) & set(nlp.STATISTICAL)
    assert [t.text for t in lookup("« Oui », dit-il.")] == [
        t.text for t in full("« Oui », dit-il.")
    ]


def test_a_model_that_is_not_installed_is_named():
    with pytest.raises(nlp.ModelNotInstalled, match="'xx_no_such_model' is not installed"):
        nlp.load_model("xx_no_such_model")


def test_the_lemma_index_as_sets_gives_the_same_lemmas():
    import spacy

    text = (
        "Les instructeurs russes formeront les équipages ; la Türkiye aurait livré des drones, "
        "et les délégations se sont réunies à Bamako pour réceptionner les véhicules offerts."
    )
    shipped = spacy.load(nlp.MODEL)  # the model as shipped, its index lists
    indexed = nlp.load_model(nlp.MODEL)
    table = indexed.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(table[k], frozenset) for k in table.keys())
    assert isinstance(
        shipped.get_pipe("lemmatizer").lookups.get_table("lemma_index").get("verb"), list
    )
    assert [t.lemma_ for t in indexed(text)] == [t.lemma_ for t in shipped(text)]

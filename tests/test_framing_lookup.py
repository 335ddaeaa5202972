"""The lookup analysis: dictionary lemmas outside the paragraphs that may hold a statement."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analyses import framing, logodds, quotes
from helpers.data import events as ev


@pytest.fixture(scope="module")
def seeds(nlp, codebook):
    tables = ev.load()
    out = {}
    for analysis in ("full", "lookup"):
        corpus = framing.corpus(tables, nlp=nlp, analysis=analysis)
        hits = framing.match_frames(corpus, codebook, nlp)
        out[analysis] = corpus, hits, quotes.extract_quotes(corpus, tables.actors, hits)
    return out


def test_auto_analyses_in_full_up_to_the_size_bound_and_a_wrong_name_is_refused():
    assert framing.resolve_analysis("auto", framing.AUTO_FULL_UP_TO) == "full"
    assert framing.resolve_analysis("auto", framing.AUTO_FULL_UP_TO + 1) == "lookup"
    assert framing.resolve_analysis("full", 10**9) == "full"
    assert framing.resolve_analysis("lookup", 0) == "lookup"
    with pytest.raises(ValueError, match=r"'auto', 'full', 'lookup'.*'fast'"):
        framing.resolve_analysis("fast", 0)


def test_only_paragraphs_that_may_hold_a_statement_are_tagged(nlp):
    texts = {
        "a": "Le ministre a souligné que la coopération militaire progresse bien.\n\n"
        "Les deux armées ont signé un accord de formation des officiers.\n\n"
        "Selon le communiqué, les exercices reprendront en mars prochain.\n\n"
        "Le général a parlé de « partenariat stratégique durable » devant la presse.",
    }
    corpus = framing.build_corpus(texts, {"a": ["DZA"]}, nlp=nlp, analysis="lookup")
    tok = corpus.tokens.merge(corpus.sentences[["sid", "sentence"]], on="sid")
    tagged = tok.groupby("sentence")["tagged"].agg(["all", "any"])
    assert tagged["all"].tolist() == [True, False, True, True]
    assert tagged["any"].tolist() == [True, False, True, True]
    plain = tok[~tok["tagged"]]
    assert (plain["pos"] == "").all() and (plain["verb_form"] == "").all()
    assert plain.set_index("text").loc["armées", "lemma"] == "armée"
    assert plain.set_index("text").loc["ont", "lemma"] == "avoir"
    # content words there are dictionary words that are not stop words
    assert set(plain.loc[plain["content"], "lemma"]) >= {
        "armée",
        "accord",
        "formation",
        "officier",
        "signer",
    }
    assert not plain.loc[
        plain["text"].isin(["Les", "deux", "un", "de", "des", "."]), "content"
    ].any()


def test_on_the_seed_articles_lookup_finds_the_same_sentences_frames_and_statements_as_full(seeds):
    full, lookup = seeds["full"], seeds["lookup"]
    assert lookup[0].analysis == "lookup" and full[0].analysis == "full"
    assert lookup[0].sentences.equals(full[0].sentences)
    cols = ["sid", "article_id", "start", "end", "text", "is_stop"]
    assert lookup[0].tokens[cols].equals(full[0].tokens[cols])
    tagged = lookup[0].tokens["tagged"]
    assert 0 < tagged.sum() < len(tagged)  # some paragraphs only were tagged
    same = ["lemma", "pos", "verb_form", "content"]
    assert lookup[0].tokens.loc[tagged, same].equals(full[0].tokens.loc[tagged, same])
    pd.testing.assert_frame_equal(lookup[1], full[1])
    pd.testing.assert_frame_equal(lookup[2], full[2])


def test_distinctive_terms_from_untagged_paragraphs_are_dictionary_words(seeds):
    corpus = seeds["lookup"][0]
    tok = corpus.tokens
    terms = logodds.distinctive_terms(corpus)
    only_plain = set(terms["lemma"]) - set(tok.loc[tok["tagged"], "lemma"])
    assert only_plain  # the paragraphs read with the dictionary bring terms of their own
    assert all(framing.is_known(x) for x in only_plain)


def test_codebook_examples_behave_as_documented_under_the_lookup_analysis(codebook, nlp):
    checks = framing.check_examples(codebook, nlp, analysis="lookup")
    assert checks["ok"].all(), checks[~checks["ok"]]


def test_the_note_says_which_analysis_ran_and_how_many_sentences_were_tagged(seeds):
    full, lookup = seeds["full"][0], seeds["lookup"][0]
    n_chars = sum(len(at.norm) for at in full.texts.values())
    assert framing.analysis_note(full) == (
        f"Full analysis: every sentence tagged and lemmatised by spaCy's fr_core_news_md ({n_chars:,} characters)."
    )
    tagged = lookup.tokens.groupby("sid")["tagged"].any()
    note = framing.analysis_note(lookup)
    assert note.startswith(
        f"Lookup analysis ({n_chars:,} characters): {int(tagged.sum())} of {len(lookup.sentences)} sentences"
    )
    assert 0 < tagged.sum() < len(lookup.sentences)


PASSED_BY = [  # (paragraph, whether the lookup analysis tags it in full)
    ("Mais, poursuit le ministre, la coopération avance bien entre les deux pays.", True),
    (
        "La coopération avance bien entre les deux armées, a poursuivi le ministre de la Défense.",
        True,
    ),
    ("Le ministre a lancé un programme de formation conjoint avec le Maroc.", False),
    ("Le 19 août 2001, le colonel Diarra a lancé une formation conjointe avec le Sénégal.", False),
    ("À une date non précisée, le ministre a reçu une délégation venue du Niger.", False),
    ("Le ministre a précisé que les exercices conjoints reprendront en mars prochain.", True),
    ("Le ministre s'est déclaré satisfait de la coopération militaire avec Alger.", True),
    ("Les accords militaires restent en vigueur entre les deux pays, selon le ministre.", True),
    ("Le chef d'état-major a conclu un accord de coopération avec son homologue.", True),
    ("Le programme, lancé en 2020 par les deux armées, forme des officiers maliens.", False),
    ("Le ministre a souligné la qualité des relations entre les deux armées.", True),
]


def test_verbs_the_statement_rules_pass_by_are_left_to_the_dictionary_and_no_statement_is_lost(nlp):
    texts = {f"p{i:02d}": text for i, (text, _) in enumerate(PASSED_BY)}
    partners = {key: ["DZA"] for key in texts}
    actors = ev.load().actors
    got = {}
    for analysis in ("full", "lookup"):
        corpus = framing.build_corpus(texts, partners, nlp=nlp, analysis=analysis)
        got[analysis] = corpus, quotes.extract_quotes(corpus, actors)
    tagged = got["lookup"][0].tokens.groupby("article_id")["tagged"].all()
    assert tagged.tolist() == [t for _, t in PASSED_BY]
    assert (
        len(got["full"][1]) >= 4
    )  # the rules find statements here, and the same under both analyses
    pd.testing.assert_frame_equal(got["lookup"][1], got["full"][1])

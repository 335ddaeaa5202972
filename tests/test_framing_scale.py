"""Framing on large corpora: paragraphs tagged once, capped KWIC, one pattern for many actors."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.analyses import framing
from helpers.data import events as ev


def per_text(rx: re.Pattern[str], texts: list[str]) -> list[tuple[int, int, int, str]]:
    return [
        (i, m.start(), m.end(), m.group(0))
        for i, t in enumerate(texts)
        for m in rx.finditer(t)
        if m.end() > m.start()
    ]


def test_a_repeated_paragraph_is_tagged_once_and_gets_the_same_tokens_in_every_article(nlp):
    para = "Le ministre de la Défense a salué la coopération militaire entre les deux pays."
    texts = {
        "a1": para,
        "a2": "Bamako, le 3 mai.\n\n" + para,
        "a3": "Autre texte sans rapport avec la défense du pays.",
    }
    corpus = framing.build_corpus(texts, {"a1": ["DZA"], "a2": ["SEN"], "a3": ["RUS"]}, nlp=nlp)
    alone = framing.build_corpus({"a1": para}, {"a1": ["DZA"]}, nlp=nlp)
    cols = ["text", "lemma", "lemma_fold", "pos", "verb_form", "is_stop", "content"]
    tok = corpus.tokens
    a1 = tok[tok["article_id"] == "a1"].reset_index(drop=True)
    a2 = tok[(tok["article_id"] == "a2") & (tok["start"] >= texts["a2"].index(para))].reset_index(
        drop=True
    )
    assert a1[cols].equals(alone.tokens[cols])
    assert a2[cols].equals(a1[cols])
    assert (a2["start"] - a1["start"] == texts["a2"].index(para)).all()
    for row in tok.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text


@pytest.fixture(scope="module")
def seed_report(nlp, codebook):
    tables = ev.load()
    corpus = framing.corpus(tables, nlp=nlp)
    hits = framing.match_frames(corpus, codebook, nlp)
    return framing.frame_shares(corpus, hits, codebook.ids), hits


def test_kwic_report_shows_at_most_the_cap_and_says_how_many_more_the_table_holds(
    seed_report, codebook
):
    shares, hits = seed_report
    full = framing.kwic_report(shares, hits, codebook)
    capped = framing.kwic_report(shares, hits, codebook, max_per_frame=1)
    k = framing.kwic(hits)
    sizes = k.groupby(["partner", "frame"]).size()
    hidden = int((sizes - 1).clip(lower=0).sum())
    more = [line for line in capped if line.startswith("    … and ")]
    assert len(more) == int((sizes > 1).sum())
    assert sum(int(line.split()[2]) for line in more) == hidden
    assert len(capped) - len(more) == len(full) - hidden
    assert framing.kwic_report(shares, hits, codebook, max_per_frame=int(sizes.max())) == full


WORDS = st.text(alphabet="abé'-.", min_size=1, max_size=4)
KEYS = st.lists(
    st.lists(WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=12, unique=True
)


def bounded(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(KEYS, st.lists(st.text(alphabet="abAÉé'-. \n", max_size=30), min_size=1, max_size=4))
def test_the_prefix_factored_alias_pattern_finds_what_the_longest_first_alternation_finds(
    keys, texts
):
    flat, trie = bounded(framing.alternation_pattern(keys)), bounded(framing.trie_pattern(keys))
    assert per_text(trie, texts) == per_text(flat, texts)


def test_the_alias_pattern_takes_the_longest_key_whose_end_is_a_word_end():
    rx = bounded(framing.trie_pattern(["ab", "ab c", "ab cd", "b"]))
    assert [m.group(0) for m in rx.finditer("AB  cd, ab c-x ab ce b")] == [
        "AB  cd",
        "ab c",
        "ab",
        "b",
    ]


def test_actor_mentions_on_many_aliases_match_the_plain_alternation():
    names = [f"Acteur {i} de la Défense" for i in range(300)] + [f"Acteur {i}" for i in range(300)]
    actors = pd.DataFrame(
        {
            "actor_id": [f"a{i}" for i in range(600)],
            "name": names,
            "aliases": "",
            "kind": "person",
            "country": "MLI",
        }
    )
    text = (
        "L'acteur 12 de la défense a reçu ACTEUR 120 et Acteur 7 de la  Défense ; acteur 3000 non."
    )
    got = framing.actor_mentions({"x": text}, actors)
    assert [text[s:e] for s, e in zip(got["start"], got["end"], strict=True)] == [
        "acteur 12 de la défense",
        "ACTEUR 120",
        "Acteur 7 de la  Défense",
    ]
    assert got["actor_id"].tolist() == ["a12", "a420", "a7"]

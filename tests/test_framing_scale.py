"""Framing on large corpora: one regex pass over many texts, paragraphs tagged once, capped KWIC."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.analyses import framing
from helpers.data import events as ev

PATTERNS = [r"\bformations?\b", r"[^a]+", r"\W+", r"a.{0,3}b", r"(?<!\w)ab(?!\w)", r"\s+", r"b*", r"^a", r"a$", r"(?<=\s)b"]


def per_text(rx: re.Pattern[str], texts: list[str]) -> list[tuple[int, int, int, str]]:
    return [(i, m.start(), m.end(), m.group(0)) for i, t in enumerate(texts) for m in rx.finditer(t) if m.end() > m.start()]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="ab formatin\n.é", max_size=20), max_size=6), st.sampled_from(PATTERNS))
def test_one_pass_over_joined_texts_finds_what_a_search_text_by_text_finds(texts, pattern):
    rx = re.compile(pattern, re.IGNORECASE)
    idx, b, e, got = framing.find_all(rx, texts)
    assert list(zip(idx.tolist(), b.tolist(), e.tolist(), got, strict=True)) == per_text(rx, texts)


def test_a_match_running_across_two_texts_is_searched_again_in_each():
    rx = re.compile(r"b[^x]*a")
    texts = ["ab", "ba", "xa"]
    idx, b, e, _ = framing.find_all(rx, texts)
    assert list(zip(idx.tolist(), b.tolist(), e.tolist(), strict=True)) == [(1, 0, 2)]


@pytest.mark.parametrize(("pattern", "joinable"), [
    (r"\bformations?\b", True),
    (r"(?<!\w)Goïta(?!\w)", True),
    (r"[^a]+", True),
    (r"^Le", False),
    (r"fin$", False),
    (r"(?<=\s)b", False),
    (r"(?!b)a", False),
    (r"\Aa", False),
])
def test_only_patterns_without_anchors_or_open_lookarounds_are_searched_joined(pattern, joinable):
    assert framing._joinable(pattern) is joinable


def test_a_repeated_paragraph_is_tagged_once_and_gets_the_same_tokens_in_every_article(nlp):
    para = "Le ministre de la Défense a salué la coopération militaire entre les deux pays."
    texts = {"a1": para, "a2": "Bamako, le 3 mai.\n\n" + para, "a3": "Autre texte sans rapport avec la défense du pays."}
    corpus = framing.build_corpus(texts, {"a1": ["DZA"], "a2": ["SEN"], "a3": ["RUS"]}, nlp=nlp)
    alone = framing.build_corpus({"a1": para}, {"a1": ["DZA"]}, nlp=nlp)
    cols = ["text", "lemma", "lemma_fold", "pos", "verb_form", "is_stop", "content"]
    tok = corpus.tokens
    a1 = tok[tok["article_id"] == "a1"].reset_index(drop=True)
    a2 = tok[(tok["article_id"] == "a2") & (tok["start"] >= texts["a2"].index(para))].reset_index(drop=True)
    assert a1[cols].equals(alone.tokens[cols])
    assert a2[cols].equals(a1[cols])
    assert (a2["start"] - a1["start"] == texts["a2"].index(para)).all()
    for row in tok.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text


@pytest.fixture(scope="module")
def seed_report(nlp, codebook):
    tables = ev.load()
    corpus = framing.corpus(tables, nlp=nlp)
    hits = framing.match_frames(corpus, codebook, nlp)
    return framing.frame_shares(corpus, hits, codebook.ids), hits


def test_kwic_report_shows_at_most_the_cap_and_says_how_many_more_the_table_holds(seed_report, codebook):
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
KEYS = st.lists(st.lists(WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=12, unique=True)


def bounded(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(KEYS, st.lists(st.text(alphabet="abAÉé'-. \n", max_size=30), min_size=1, max_size=4))
def test_the_prefix_factored_alias_pattern_finds_what_the_longest_first_alternation_finds(keys, texts):
    flat, trie = bounded(framing.alternation_pattern(keys)), bounded(framing.trie_pattern(keys))
    assert per_text(trie, texts) == per_text(flat, texts)


def test_the_alias_pattern_takes_the_longest_key_whose_end_is_a_word_end():
    rx = bounded(framing.trie_pattern(["ab", "ab c", "ab cd", "b"]))
    assert [m.group(0) for m in rx.finditer("AB  cd, ab c-x ab ce b")] == ["AB  cd", "ab c", "ab", "b"]


def test_actor_mentions_on_many_aliases_match_the_plain_alternation():
    names = [f"Acteur {i} de la Défense" for i in range(300)] + [f"Acteur {i}" for i in range(300)]
    actors = pd.DataFrame({"actor_id": [f"a{i}" for i in range(600)], "name": names, "aliases": "",
                           "kind": "person", "country": "MLI"})
    text = "L'acteur 12 de la défense a reçu ACTEUR 120 et Acteur 7 de la  Défense ; acteur 3000 non."
    got = framing.actor_mentions({"x": text}, actors)
    assert [text[s:e] for s, e in zip(got["start"], got["end"], strict=True)] == [
        "acteur 12 de la défense", "ACTEUR 120", "Acteur 7 de la  Défense"]
    assert got["actor_id"].tolist() == ["a12", "a420", "a7"]


# Which texts a regex is run over: a needed literal, found in a case-keyed copy of the texts

def test_case_keys_join_every_pair_of_characters_ignorecase_matches():
    import _sre
    cased = "".join(chr(i) for i in range(0x110000) if _sre.unicode_iscased(i))
    for ch in cased:  # a cased character matches only cased ones with the same key
        for m in re.finditer(re.escape(ch), cased, re.IGNORECASE):
            assert framing.case_key(m.group()) == framing.case_key(ch), (hex(ord(ch)), hex(ord(m.group())))
    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    uncased = re.findall(f"[{re.escape(cased)}]", every, re.IGNORECASE)
    assert set(uncased) <= set(cased)  # and no uncased character at all
    assert framing.case_key("İıIiſSsKk") == "i" * 4 + "s" * 3 + "k" * 2
    assert len(framing.case_key("Straße ǅ ΣΑΣ")) == len("Straße ǅ ΣΑΣ")


@pytest.mark.parametrize(("pattern", "needed"), [
    (r"\b(?:anti-?)?terroris\w*", {"terroris"}),
    (r"\b(?:JNIM|GSIM|EIGS|AQMI)\b", {"jnim", "gsim", "eigs", "aqmi"}),
    (r"\barmes?\b", {"arme"}),
    (r"\b[ée]tat\s+islamique\b", {"islamique"}),
    (r"\b(?:sécurisation|contrôle)\s+(?:des|de la)\s+frontières?\b", {"frontière"}),
    (r"(?:des|de la) frontières?", {" frontière"}),
    (r"(?:foo)?barre", {"barre"}),
    (r"(?:abc)+x", {"abc"}),
    (r"\w+", None),
    (r"ab\w+", None),  # too short to be worth a search
    (r"(?:abcd|)x", None),  # one way of matching needs no literal
    (r"(?:abcd)*x", None),
    (r"[abc]{3}", None),
])
def test_the_literals_a_pattern_needs_are_read_from_its_parse(pattern, needed):
    got = framing.needed_literals(re.compile(pattern, re.IGNORECASE))
    assert got == (frozenset(needed) if needed is not None else None)


PIECES = ["Défense", "défense", "de", r"\b", r"\w*", r"\s+", "s?", "(?:ıl|İle|sa)", "(?:ab|cd)", "[ée]", "DÉF",
          "(?:x)?", "ſtr", "Kr", "k", "(?<!\\w)", "(?!\\w)", r"\W+"]


WORDS = ["défense", "DÉFENSE", "Defense", "de", "STR", "ſtr", "str", "ILE", "ıle", "İLE", "ile", "SA", "KR", "\u212ar", "ab",
         "cd", "x", "é", "-", " ", "\n", "\x00"]
TEXTS = st.lists(st.lists(st.sampled_from(WORDS) | st.text(alphabet="abdeéfiklnrstxDÉK -", max_size=4), max_size=8)
                 .map("".join), max_size=8)


ODD_CASES = str.maketrans({"s": "ſ", "i": "ı", "k": "\u212a", "I": "İ", "ſ": "S", "ı": "I", "é": "É"})


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.lists(st.sampled_from(PIECES), min_size=1, max_size=5), st.booleans(), st.data())
def test_searching_only_texts_that_hold_a_needed_literal_finds_every_match(texts, pieces, ignorecase, data):
    rx = re.compile("".join(pieces), re.IGNORECASE if ignorecase else 0)
    texts = texts + [data.draw(st.from_regex(rx)) for _ in range(2)]
    texts += [v for t in texts for v in (t.upper(), t.swapcase(), t.translate(ODD_CASES))]
    idx, b, e, got = framing.TextSet(texts).find(rx)
    assert list(zip(idx.tolist(), b.tolist(), e.tolist(), got, strict=True)) == per_text(rx, texts)


def test_only_the_texts_holding_a_needed_literal_are_searched():
    ts = framing.TextSet(["la DÉFENSE nationale", "rien", "défense", "la défonce", "DEFENSE"])
    rx = re.compile(r"\bdéfense\b", re.IGNORECASE)
    assert ts.candidates(framing.needed_literals(rx)).tolist() == [0, 2]
    idx, b, e, _ = ts.find(rx)
    assert list(zip(idx.tolist(), b.tolist(), e.tolist(), strict=True)) == [(0, 3, 10), (2, 0, 7)]

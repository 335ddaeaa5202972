"""Many texts searched as one: Python's re over NUL-joined texts, and Python patterns on RE2."""

from __future__ import annotations

import re
import time

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.analyses.framing.codebook import cue_pattern, cue_regex
from helpers.text.normalize import ArticleText
from helpers.text.search import (
    WHITESPACE,
    PatternError,
    TextSet,
    compile_pattern,
    find_all,
    joinable,
)

from conftest import SEED as DATA


def per_text(rx: re.Pattern[str], texts: list[str]) -> list[tuple[int, int, int]]:
    return [
        (i, m.start(), m.end())
        for i, t in enumerate(texts)
        for m in rx.finditer(t)
        if m.end() > m.start()
    ]


def on_re2(pattern: str, texts: list[str]) -> list[tuple[int, int, int]]:
    idx, b, e = TextSet(texts).search(compile_pattern(pattern))
    return list(zip(idx.tolist(), b.tolist(), e.tolist(), strict=True))


# --- Python's re over NUL-joined texts ---------------------------------------------------------

PATTERNS = [
    r"\bformations?\b",
    r"[^a]+",
    r"\W+",
    r"a.{0,3}b",
    r"(?<!\w)ab(?!\w)",
    r"\s+",
    r"b*",
    r"^a",
    r"a$",
    r"(?<=\s)b",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.text(alphabet="ab formatin\n.é", max_size=20), max_size=6),
    st.sampled_from(PATTERNS),
)
def test_one_pass_over_joined_texts_finds_what_a_search_text_by_text_finds(texts, pattern):
    rx = re.compile(pattern, re.IGNORECASE)
    idx, b, e, got = find_all(rx, texts)
    want = [
        (i, m.start(), m.end(), m.group(0))
        for i, t in enumerate(texts)
        for m in rx.finditer(t)
        if m.end() > m.start()
    ]
    assert list(zip(idx.tolist(), b.tolist(), e.tolist(), got, strict=True)) == want


def test_a_match_running_across_two_texts_is_searched_again_in_each():
    rx = re.compile(r"b[^x]*a")
    idx, b, e, _ = find_all(rx, ["ab", "ba", "xa"])
    assert list(zip(idx.tolist(), b.tolist(), e.tolist(), strict=True)) == [(1, 0, 2)]


@pytest.mark.parametrize(
    ("pattern", "ok"),
    [
        (r"\bformations?\b", True),
        (r"(?<!\w)Goïta(?!\w)", True),
        (r"[^a]+", True),
        (r"^Le", False),
        (r"fin$", False),
        (r"(?<=\s)b", False),
        (r"(?!b)a", False),
        (r"\Aa", False),
    ],
)
def test_only_patterns_without_anchors_or_open_lookarounds_are_searched_joined(pattern, ok):
    assert joinable(pattern) is ok


# --- Python patterns on RE2: the codebook's cues -----------------------------------------------

CODEBOOK = yaml.safe_load((DATA / "lexicons" / "frames.yaml").read_text(encoding="utf-8"))
CUES = sorted(
    {
        (c["regex"], bool(c.get("fold", False)))
        for f in CODEBOOK["frames"].values()
        for role in ("cues", "exclude")
        for c in f.get(role) or []
        if "regex" in c
    }
)
SEEDS = [
    ArticleText.of(p.read_text(encoding="utf-8"))
    for p in sorted((DATA / "raw" / "articles").glob("*.txt"))
]


def python_rx(pattern: str, folded: bool) -> re.Pattern[str]:
    return re.compile(cue_regex(pattern, folded), re.IGNORECASE)


def test_every_regex_cue_finds_on_re2_what_python_finds_in_the_seed_articles():
    sets = {False: [a.norm for a in SEEDS], True: [a.folded for a in SEEDS]}
    found = 0
    for pattern, folded in CUES:
        texts = sets[folded]
        want = per_text(python_rx(pattern, folded), texts)
        idx, b, e = TextSet(texts).search(cue_pattern(pattern, folded))
        assert list(zip(idx.tolist(), b.tolist(), e.tolist(), strict=True)) == want, pattern
        found += len(want)
    assert found  # the seeds hold matches, so the comparison is not vacuous


# French-ish text: the codebook's own words and examples, cut and recased, with accented letters,
# apostrophes, hyphens, digits and punctuation between them. The Turkish dotted and dotless i are
# left out: Python's re.IGNORECASE takes them for i, RE2 does not.
WORDS = sorted(
    {
        w
        for f in CODEBOOK["frames"].values()
        for t in [*f.get("examples", []), *f.get("non_examples", [])]
        for w in re.findall(r"\w+", t)
    }
    | {w for p, _ in CUES for w in re.findall(r"[^\W\d_]{2,}", p)}
)
LETTERS = (
    "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæßſ"
    + "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÂÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ\u212a"
)
FRENCH = LETTERS + "0123456789'’-–_.,;:!?«»()\"/ \u00a0\n\t"
WORD = st.sampled_from(WORDS).flatmap(
    lambda w: st.sampled_from([w, w.upper(), w.capitalize(), w[1:], w[:-1]])
)
GAP = st.text(alphabet=" '’-\n,.«»\u00a0", min_size=0, max_size=2)
TEXT = st.lists(st.tuples(WORD | st.text(alphabet=FRENCH, max_size=6), GAP), max_size=12).map(
    lambda parts: "".join(w + g for w, g in parts)
)


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_every_regex_cue_finds_on_re2_what_python_finds_in_french_like_texts(texts):
    ts = TextSet(texts)
    for pattern, folded in CUES:
        idx, b, e = ts.search(cue_pattern(pattern, folded))
        assert list(zip(idx.tolist(), b.tolist(), e.tolist(), strict=True)) == per_text(
            python_rx(pattern, folded), texts
        ), pattern


# --- the translation on other patterns ---------------------------------------------------------

EDGES = ["", r"\b"]
PIECES = [
    "é",
    "ab",
    "e-",
    r"\w+",
    r"\W",
    r"\d",
    r"\s+",
    "[ée]",
    "[^a ]",
    "x?",
    "(?:ab|b)",
    "(?:a|é-)+",
    r"\w*?",
    ".",
    "’",
]


@st.composite
def patterns(draw):
    def alternative():
        body = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4)))
        return (
            draw(st.sampled_from(["", r"\b", "^"])) + body + draw(st.sampled_from(["", r"\b", "$"]))
        )

    return "|".join(alternative() for _ in range(draw(st.integers(1, 3))))


@settings(max_examples=400, deadline=None)
@given(
    patterns(),
    st.lists(st.text(alphabet="abé-’ x1\n.ABÉ\x00", max_size=12), min_size=1, max_size=4),
)
def test_a_pattern_re2_accepts_finds_what_python_finds(pattern, texts):
    try:
        compile_pattern(pattern)
    except PatternError:
        return
    assert on_re2(pattern, texts) == per_text(re.compile(pattern, re.IGNORECASE), texts), pattern


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        (r"\bab|abc", ["xabc abc"]),  # the second alternative where the first one's \b fails
        (r"\ba\b", ["a a", "aa a", ""]),  # the character after one match is the one before the next
        (r"^le|fin$", ["le début et la fin", "le\nfin\n", "fin\n\n"]),
        (r"-\b", ["a-b -", "--x"]),  # \b after a character that is not a letter
        (r"\W+", ["a\x00b", "\x00"]),  # texts holding NUL: another separator
        (r"ſtr|K", ["STR str k K"]),  # letters RE2 and Python fold alike
        (r"(?:é|e)+\s+x", ["ée\u00a0\u2009X", "É \n x"]),
    ],
)
def test_assertions_at_the_edges_and_case_folding_match_python(pattern, texts):
    assert on_re2(pattern, texts) == per_text(re.compile(pattern, re.IGNORECASE), texts)


def test_whitespace_is_what_str_isspace_holds():
    listed = {c for lo, hi in WHITESPACE for c in range(lo, hi + 1)}
    assert listed == {c for c in range(0x110000) if chr(c).isspace()}


def test_a_catastrophic_pattern_runs_in_linear_time():
    pattern = compile_pattern(r"(a+)+$")
    texts = ["a" * 50_000 + "b", "a" * 10 + "\n"]
    t = time.perf_counter()
    idx, b, e = TextSet(texts).search(pattern)
    assert time.perf_counter() - t < 1.0
    assert list(zip(idx.tolist(), b.tolist(), e.tolist(), strict=True)) == [(1, 0, 10)]


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(?<=l')armée", "uses a lookbehind"),
        (r"(?<!x)y", "uses a lookbehind"),
        (r"a(?=b)", "uses a lookahead"),
        (r"(a)b\1", r"uses a backreference (\1)"),
        (r"(?P<x>a)(?P=x)", "uses a backreference"),
        (r"(?>ab)", "uses an atomic group"),
        (r"a++", "uses a possessive repeat"),
        (r"(?i)a", "uses an inline flag"),
        (r"a\Bb", r"uses \B"),
        (r"anti\bterror", "has an assertion"),
        (r"(?:\ba|b)c", "has an assertion"),
        (r"\b(?:a|-)", r"has a \b before a part that may begin"),
        (r"x*", "may match an empty span"),
        (r"a{2000}", "cannot be compiled by RE2"),
        (r"[^\w,]", "uses a negated class mixing"),
        (r"(unclosed", "is not a valid regular expression"),
    ],
)
def test_a_pattern_outside_the_subset_is_refused_with_the_reason(pattern, reason):
    with pytest.raises(PatternError) as err:
        compile_pattern(pattern)
    assert str(err.value).startswith(reason), str(err.value)


def test_the_middle_word_boundaries_of_the_codebook_are_settled_and_dropped():
    got = compile_pattern(r"\béchec\b(?:\W+\w+){0,4}\W+missions?\b").translate()
    assert got.startswith(r"((?i:\x{e9}chec)(?:(?:(?:[^\pL\pN_\x{0}])+")  # the middle \b is gone
    assert on_re2(
        r"\béchec\b(?:\W+\w+){0,4}\W+missions?\b", ["L'échec, dit-il, des missions."]
    ) == [(0, 2, 29)]

"""Frames: text preparation, the codebook, cue matching, shares with article-bootstrap intervals."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.analyses import framing
from helpers.data import events as ev
from helpers.data.errors import DataError
from helpers.data.paths import project_root
from helpers.text.normalize import normalise, strip_accents

from conftest import SEED

FIXTURES = Path(__file__).parent / "fixtures" / "framing"
FRAME_IDS = {
    "counter_terrorism",
    "sovereignty",
    "training",
    "equipment",
    "cross_border_crime",
    "regional_solidarity",
    "critique_of_international_missions",
    "economic_industrial",
}


@pytest.fixture(scope="module")
def seeds(nlp, codebook):
    tables = ev.load()
    corpus = framing.corpus(tables, nlp=nlp)
    hits = framing.match_frames(corpus, codebook, nlp)
    return tables, corpus, hits


def write_codebook(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "frames.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def mini_codebook(tmp_path: Path, cues: str, exclude: str = "[]") -> framing.Codebook:
    text = f"""
frames:
  probe:
    label: Probe
    definition: A frame for one test.
    policy_frame: {{code: 15, name: Other}}
    cues: {cues}
    exclude: {exclude}
"""
    return framing.load_codebook(write_codebook(tmp_path, text))


# --- normalisation -----------------------------------------------------------------------------


def test_normalise_unifies_apostrophes_and_non_breaking_spaces_without_moving_offsets():
    norm, to_raw = normalise("l’armée\u00a0: d‘équipements ʼici")
    assert norm == "l'armée : d'équipements 'ici"
    assert to_raw is None


def test_normalise_composes_accents_and_maps_offsets_back_to_the_raw_text():
    raw = "sécurite\u0301 du Mali"  # "é" composed, then "e" + combining acute
    norm, to_raw = normalise(raw)
    assert norm == "sécurité du Mali"
    assert len(raw) == len(norm) + 1
    start = norm.index("du")
    assert raw[to_raw[start] : to_raw[start + 2]] == "du"
    assert raw[to_raw[0] : to_raw[len(norm)]] == raw


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_normalise_maps_every_position_monotonically_into_the_raw_text(text):
    norm, to_raw = normalise(text)
    if unicodedata.is_normalized("NFC", text):
        assert to_raw is None
        assert len(norm) == len(text)
    else:
        assert len(to_raw) == len(norm) + 1
        assert to_raw[0] == 0 and to_raw[-1] == len(text)
        assert np.all(np.diff(to_raw) >= 0)


@given(st.text(max_size=60))
def test_strip_accents_keeps_the_length_so_offsets_stay_valid(text):
    assert len(strip_accents(text)) == len(text)


def test_strip_accents_removes_accents_only():
    assert (
        strip_accents("Sécurité, djihadisme, État, Goïta, œuvre")
        == "Securite, djihadisme, Etat, Goita, œuvre"
    )


# --- the codebook ------------------------------------------------------------------------------


def test_project_codebook_has_the_required_frames_each_mapped_to_the_policy_frames_codebook(
    codebook,
):
    assert set(codebook.ids) == FRAME_IDS
    for f in codebook.frames:
        assert f.definition and f.cues and f.examples
        assert framing.POLICY_FRAMES[f.policy_code] == f.policy_name


def test_every_codebook_example_carries_its_frame_and_no_counter_example_does(codebook, nlp):
    checks = framing.check_examples(codebook, nlp)
    assert len(checks) >= 2 * len(codebook.frames)
    assert checks["ok"].all(), checks[~checks["ok"]].to_string()


def test_codebook_errors_are_all_reported_with_frame_and_key(tmp_path):
    path = write_codebook(
        tmp_path,
        """
version: 1
colour: blue
frames:
  sovereignty:
    label: S
    policy_frame: {code: 14, name: Economic}
    cues:
      - regex: '(unclosed'
      - lemma: souveraineté
        weight: 2
  Bad-Id:
    label: B
    definition: d
    policy_frame: {code: 99, name: Other}
    cues: []
""",
    )
    with pytest.raises(DataError) as err:
        framing.load_codebook(path)
    problems = {(p.column, p.message.split(":")[0]) for p in err.value.problems}
    columns = {p.column for p in err.value.problems}
    assert columns == {
        "colour",
        "frames.sovereignty.definition",
        "frames.sovereignty.policy_frame.name",
        "frames.sovereignty.cues[0].regex",
        "frames.sovereignty.cues[1].weight",
        "frames.Bad-Id",
        "frames.Bad-Id.policy_frame.code",
        "frames.Bad-Id.cues",
    }, problems
    text = str(err.value)
    assert "frame 'sovereignty' has no definition" in text
    assert "invalid regular expression '(unclosed'" in text
    assert "code 14 is 'External regulation and reputation', not 'Economic'" in text


def test_codebook_rejects_a_regex_that_matches_nothing_at_all(tmp_path):
    with pytest.raises(DataError, match=r"frames.probe.cues\[0\].regex.*matches an empty text"):
        mini_codebook(tmp_path, "[{regex: 'x*'}]")


@pytest.mark.parametrize(
    ("regex", "reason"),
    [
        (r"(?<=l')armée", r"uses a lookbehind \(\?<=\.\.\.\)"),
        (r"(?<!non-)alignement", r"uses a lookbehind \(\?<!\.\.\.\)"),
        (r"\b(\w+) et \1\b", r"uses a backreference \(\\1\)"),
        (r"défense(?= nationale)", r"uses a lookahead"),
        (r"anti\bterror", r"has an assertion"),
    ],
)
def test_codebook_refuses_a_regex_that_cannot_run_on_re2_naming_the_frame_the_cue_and_the_reason(
    tmp_path, regex, reason
):
    with pytest.raises(DataError) as err:
        mini_codebook(tmp_path, json.dumps([{"lemma": "armée"}, {"regex": regex}]))
    (problem,) = err.value.problems
    assert problem.column == "frames.probe.cues[1].regex"
    assert problem.message.startswith(
        f"frame 'probe': the regular expression {regex!r} is refused: it "
    )
    assert re.search(reason, problem.message), problem.message


def test_codebook_cue_needs_exactly_one_of_lemma_or_regex(tmp_path):
    with pytest.raises(DataError, match="exactly one of 'lemma' or 'regex'"):
        mini_codebook(tmp_path, "[{lemma: a, regex: b}]")


def test_missing_or_malformed_codebook_files_raise_data_errors(tmp_path):
    with pytest.raises(DataError, match="codebook file not found"):
        framing.load_codebook(tmp_path / "nope.yaml")
    with pytest.raises(DataError, match="not valid YAML"):
        framing.load_codebook(write_codebook(tmp_path, "frames: [unclosed"))


def test_default_codebook_is_the_one_in_the_data_folder(data_copy):
    assert framing.default_lexicon(data_copy) == data_copy / "lexicons" / "frames.yaml"
    assert framing.default_lexicon() == SEED / "lexicons" / "frames.yaml"
    (data_copy / "lexicons" / "frames.yaml").unlink()
    assert (
        framing.default_lexicon(data_copy) == project_root() / "data" / "lexicons" / "frames.yaml"
    )


# --- matching ------------------------------------------------------------------------------------


@pytest.mark.parametrize("apostrophe", ["'", "’", "‘", "ʼ"])
def test_elision_and_apostrophe_variants_match_the_same_lemma_cue(tmp_path, nlp, apostrophe):
    book = mini_codebook(tmp_path, "[{lemma: 'fourniture d’équipements'}]")
    text = f"Le contrat prévoit la fourniture d{apostrophe}équipements aux armées."
    assert framing.frames_of_texts(
        [text, "La fourniture des équipements militaires.", "La fourniture de vivres."], book, nlp
    ) == [
        {"probe"},
        {"probe"},
        set(),
    ]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_regex_cues_written_with_either_apostrophe_match_both(tmp_path, nlp, apostrophe):
    book = mini_codebook(tmp_path, f'[{{regex: "l{apostrophe}armée malienne"}}]')
    got = framing.frames_of_texts(
        ["Le soutien à l’armée malienne.", "Le soutien à l'armée malienne."], book, nlp
    )
    assert got == [{"probe"}, {"probe"}]


def test_a_space_in_a_regex_cue_matches_any_run_of_spaces(tmp_path, nlp):
    book = mini_codebook(tmp_path, "[{regex: 'choix des partenaires'}]")
    assert framing.frames_of_texts(
        ["Le respect du choix  des\u00a0partenaires du Mali."], book, nlp
    ) == [{"probe"}]


def test_accents_are_kept_unless_the_cue_asks_for_folding(tmp_path, nlp):
    strict = mini_codebook(tmp_path, "[{regex: 'securite'}]")
    folded = mini_codebook(tmp_path, "[{regex: 'securite', fold: true}]")
    text = ["La SÉCURITÉ du Sahel est en jeu."]
    assert framing.frames_of_texts(text, strict, nlp) == [set()]
    assert framing.frames_of_texts(text, folded, nlp) == [{"probe"}]


def test_exclusion_rule_drops_formation_of_a_government_but_not_military_training(codebook, nlp):
    got = framing.frames_of_texts(
        [
            "La formation d’un nouveau gouvernement est attendue à Bamako.",
            "La formation des soldats maliens se poursuit à Kati.",
            "Après la formation du gouvernement, la formation des cadres militaires reprendra.",
        ],
        codebook,
        nlp,
    )
    assert "training" not in got[0]
    assert "training" in got[1]
    assert "training" in got[2]  # the exclusion removes only the hit it overlaps


def test_a_text_whose_only_hit_is_excluded_carries_no_frame(codebook, nlp):
    assert framing.frames_of_texts(
        ["Les formations politiques ont été suspendues par décret."], codebook, nlp
    ) == [set()]


def test_strategic_partnership_is_not_a_sovereignty_claim(codebook, nlp):
    got = framing.frames_of_texts(
        [
            "Cette initiative marque une nouvelle étape dans le partenariat stratégique entre les deux pays.",
            "Le Mali tient au respect de ses choix stratégiques.",
        ],
        codebook,
        nlp,
    )
    assert got == [set(), {"sovereignty"}]


# --- the seed corpus ---------------------------------------------------------------------------


def test_every_sentence_and_hit_is_verbatim_at_its_offsets(seeds):
    _, corpus, hits = seeds
    for r in corpus.sentences.itertuples():
        assert corpus.texts[r.article_id].raw[r.start : r.end] == r.text
    for r in hits.itertuples():
        raw = corpus.texts[r.article_id].raw
        assert raw[r.cue_start : r.cue_end] == r.matched
        assert raw[r.sentence_start : r.sentence_end] == r.sentence_text
        assert r.sentence_start <= r.cue_start < r.cue_end <= r.sentence_end


def test_scraper_junk_and_bylines_are_not_sentences(seeds):
    _, corpus, _ = seeds
    text = " ".join(corpus.sentences["text"])
    assert "The website encountered" not in text
    assert "MK/te/Sf/APA" not in corpus.sentences["text"].tolist()
    assert "Envoyé spécial" not in corpus.sentences["text"].tolist()
    # the title printed twice by the site is one sentence, not two
    assert (
        sum("Le Mali et le Sénégal cherchent à renforcer" in t for t in corpus.sentences["text"])
        == 1
    )


def test_an_opening_guillemet_starts_the_sentence_it_opens(seeds):
    _, corpus, _ = seeds
    rus = corpus.sentences[corpus.sentences["article_id"] == "002_7b4a10bd26d76951"]["text"]
    assert any(t.startswith("«La décision de renforcer") for t in rus)
    assert not any(t.rstrip().endswith("«") for t in corpus.sentences["text"])


def test_sentences_belong_to_the_partners_of_the_events_their_article_reports(seeds):
    _, corpus, _ = seeds
    by_article = corpus.sentences.groupby("article_id")["partners"].agg(set).to_dict()
    assert by_article == {
        "000_3d8f307ad409dae6": {"DZA"},
        "001_4311d6fa750b5c7c": {"SEN"},
        "002_7b4a10bd26d76951": {"RUS"},
        "003_7af983dda2fd6249": {"RUS"},
        "004_73b5fe9513010623": {"MAR"},
    }


def test_a_sentence_of_a_several_partner_article_goes_to_the_partners_it_names(nlp):
    actors = pd.DataFrame(
        {
            "actor_id": ["DZA", "RUS", "vladimir-poutine"],
            "name": ["Algérie", "Russie", "Vladimir Poutine"],
            "kind": ["country", "country", "person"],
            "country": ["DZA", "RUS", "RUS"],
            "aliases": ["Algérie|Alger", "Russie", "Vladimir Poutine"],
        }
    )
    text = (
        "Le Mali coopère avec plusieurs pays voisins et lointains.\n"
        "La Russie livre des hélicoptères au Mali.\n"
        "Le président VLADIMIR POUTINE a reçu son homologue.\n"
        "Une délégation est partie pour Alger en janvier.\n"
    )
    c = framing.build_corpus({"a": text}, {"a": ["DZA", "RUS"]}, actors=actors, nlp=nlp)
    assert c.sentences["partners"].tolist() == ["DZA;RUS", "RUS", "RUS", "DZA"]


def test_sovereignty_appears_exactly_where_the_seed_texts_speak_of_sovereignty_and_strategic_choices(
    seeds,
):
    _, corpus, hits = seeds
    expected = {
        ("001_4311d6fa750b5c7c", "pourvu qu’elle respecte les principes édictés par les autorités"),
        (
            "001_4311d6fa750b5c7c",
            "le respect de la souveraineté du Mali, le respect des choix stratégiques",
        ),
        ("001_4311d6fa750b5c7c", "aux visées impérialistes"),
        ("002_7b4a10bd26d76951", "dans le respect strict des trois principes qui guident"),
        (
            "003_7af983dda2fd6249",
            "le respect de la souveraineté du Mali et de ses choix stratégiques",
        ),
        (
            "003_7af983dda2fd6249",
            "Le Mali reste ainsi maître de ses décisions et de ses partenaires",
        ),
        ("003_7af983dda2fd6249", "la défense des intérêts vitaux du pays"),
        ("004_73b5fe9513010623", "cherche à diversifier ses partenariats stratégiques"),
    }
    s = corpus.sentences
    want = set()
    for aid, phrase in expected:
        rows = s[(s["article_id"] == aid) & s["text"].str.contains(phrase, regex=False)]
        assert len(rows) == 1, phrase
        want.add(int(rows["sid"].iloc[0]))
    got = set(hits.loc[hits["frame"] == "sovereignty", "sid"])
    assert got == want
    not_sovereignty = s[
        s["text"].str.contains(
            "partenariat stratégique entre les deux pays|savoir-faire technique et stratégique"
        )
    ]
    assert len(not_sovereignty) == 2 and not set(not_sovereignty["sid"]) & got


def test_seed_frame_counts_per_partner(seeds, codebook):
    _, corpus, hits = seeds
    shares = framing.frame_shares(corpus, hits, codebook.ids)
    counts = shares.pivot(index="partner", columns="frame", values="sentences")
    assert counts.loc["DZA", "sovereignty"] == 0
    assert counts.loc["SEN", "sovereignty"] == 3
    assert counts.loc["RUS", "sovereignty"] == 4
    assert counts.loc["MAR", "sovereignty"] == 1
    assert counts.loc["RUS", "critique_of_international_missions"] == 1
    assert counts.loc["SEN", "cross_border_crime"] == 3
    assert counts.loc[["DZA", "MAR", "RUS", "SEN"], "counter_terrorism"].tolist() == [2, 1, 1, 5]


def test_every_seed_partner_is_insufficient_and_keeps_its_counts_but_not_its_shares(
    seeds, codebook
):
    _, corpus, hits = seeds
    shares = framing.frame_shares(corpus, hits, codebook.ids)
    assert shares["insufficient"].all()
    assert shares[["share", "ci_low", "ci_high", "article_share"]].isna().all().all()
    sizes = shares.drop_duplicates("partner").set_index("partner")[
        ["total_articles", "total_sentences"]
    ]
    assert sizes.loc["RUS"].tolist() == [2, 28]
    assert (sizes["total_articles"] < framing.MIN_ARTICLES).all()
    assert int(shares["sentences"].sum()) > 0


def test_kwic_shows_each_hit_with_its_cue_marked(seeds, codebook):
    _, _, hits = seeds
    k = framing.kwic(hits)
    assert len(k) == hits["partners"].str.split(";").map(len).sum()
    lines = framing.kwic_report(framing.frame_shares(*seeds[1:], codebook.ids), hits, codebook)
    assert any("⟦souveraineté⟧ du Mali" in line for line in lines)
    assert any(
        line.startswith("## Russie (RUS): 2 articles, 28 sentences — insufficient data")
        for line in lines
    )


def test_heatmap_is_byte_identical_across_two_runs(seeds, codebook, tmp_path):
    from helpers.figures import plotting

    tables, corpus, hits = seeds
    shares = framing.frame_shares(corpus, hits, codebook.ids)
    outs = []
    for run in ("a", "b"):
        fig = framing.plot_frames_heatmap(shares, codebook, tables)
        outs.append(plotting.save_figure(fig, "04_frames_heatmap", tmp_path / run))
    assert outs[0]["svg"].read_bytes() == outs[1]["svg"].read_bytes()
    assert outs[0]["png"].read_bytes() == outs[1]["png"].read_bytes()


def test_heatmap_colours_sufficient_partners_and_hatches_the_others():
    corpus, hits = synthetic(
        {
            "a1": (["DZA"], 10, 2),
            "a2": (["DZA"], 10, 0),
            "a3": (["DZA"], 20, 4),
            "b1": (["SEN"], 5, 1),
        }
    )
    shares = framing.frame_shares(corpus, hits, ["f"])
    book = framing.Codebook(
        "frames.yaml", "", (framing.Frame("f", "Frame F", "d", 15, "Other", ()),)
    )
    fig = framing.plot_frames_heatmap(shares, book, ev.load())
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("15%\n[") and t.endswith("6/40 sent.\n2/3 art.") for t in texts)
    assert "1/5 sent.\n1/1 art." in texts
    assert [p.get_hatch() for p in ax.patches] == [None, "///"]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0].startswith("share of sentences") and labels[1].startswith(
        "insufficient data (< 3 articles or < 30 sentences)"
    )
    assert len(fig.axes) == 2  # the colour bar


def test_an_empty_selection_gives_empty_tables_and_a_figure_that_says_so(codebook, nlp):
    tables = ev.filter_events(ev.load(), partners=["FRA"])
    corpus = framing.corpus(tables, nlp=nlp)
    hits = framing.match_frames(corpus, codebook, nlp)
    shares = framing.frame_shares(corpus, hits, codebook.ids)
    assert corpus.sentences.empty and hits.empty and shares.empty
    assert list(shares.columns) == framing.SHARE_COLUMNS
    fig = framing.plot_frames_heatmap(shares, codebook, tables)
    assert any("No article in the selection" in t.get_text() for t in fig.axes[0].texts)
    assert framing.findings(corpus, shares, hits, pd.DataFrame(), pd.DataFrame(), codebook)[
        0
    ].startswith("No article")


# --- shares and bootstrap -----------------------------------------------------------------------


def synthetic(
    articles: dict[str, tuple[list[str], int, int]],
) -> tuple[framing.Corpus, pd.DataFrame]:
    """articles: id -> (partners, sentences, sentences carrying frame 'f')."""
    rows, hits = [], []
    for aid, (partners, n, k) in sorted(articles.items()):
        for i in range(n):
            sid = len(rows)
            rows.append({"sid": sid, "article_id": aid, "partner_list": partners})
            if i < k:
                hits.append({"sid": sid, "frame": "f"})
    sentences = pd.DataFrame(rows)
    return framing.Corpus({}, sentences, pd.DataFrame()), pd.DataFrame(
        hits, columns=["sid", "frame"]
    )


def test_shares_are_ratios_of_sentence_and_article_counts_with_a_bootstrap_interval():
    corpus, hits = synthetic({"a1": (["X"], 10, 2), "a2": (["X"], 10, 0), "a3": (["X"], 20, 4)})
    out = framing.frame_shares(
        corpus, hits, ["f", "g"], min_articles=3, min_sentences=30
    ).set_index("frame")
    assert out.loc["f", "sentences"] == 6 and out.loc["f", "total_sentences"] == 40
    assert out.loc["f", "share"] == 0.15
    assert out.loc["f", "articles"] == 2 and out.loc["f", "article_share"] == round(2 / 3, 3)
    assert out.loc["f", "ci_low"] <= 0.15 <= out.loc["f", "ci_high"]
    assert (
        0 <= out.loc["f", "ci_low"] < out.loc["f", "ci_high"] <= 0.2
    )  # no article reaches more than 20%
    assert out.loc["g", ["sentences", "share", "ci_low", "ci_high"]].tolist() == [0, 0.0, 0.0, 0.0]
    assert not out["insufficient"].any()


@pytest.mark.parametrize(
    ("articles", "insufficient"),
    [
        ({"a1": (["X"], 20, 1), "a2": (["X"], 20, 1)}, True),  # 2 articles
        ({"a1": (["X"], 10, 1), "a2": (["X"], 10, 1), "a3": (["X"], 9, 1)}, True),  # 29 sentences
        ({"a1": (["X"], 10, 1), "a2": (["X"], 10, 1), "a3": (["X"], 10, 1)}, False),  # 3 and 30
    ],
)
def test_partners_below_three_articles_or_thirty_sentences_are_flagged_and_keep_raw_counts(
    articles, insufficient
):
    corpus, hits = synthetic(articles)
    out = framing.frame_shares(corpus, hits, ["f"])
    assert out["insufficient"].tolist() == [insufficient]
    assert out["sentences"].tolist() == [3 if len(articles) == 3 else 2]
    assert out["share"].isna().tolist() == [insufficient]
    assert out["ci_low"].isna().tolist() == [insufficient]


def test_a_partner_interval_does_not_change_when_another_partner_joins():
    alone, hits_alone = synthetic(
        {"a1": (["X"], 10, 2), "a2": (["X"], 12, 5), "a3": (["X"], 15, 1)}
    )
    both, hits_both = synthetic(
        {
            "a1": (["X"], 10, 2),
            "a2": (["X"], 12, 5),
            "a3": (["X"], 15, 1),
            "b1": (["Y"], 30, 3),
            "b2": (["Y"], 3, 1),
        }
    )
    x1 = framing.frame_shares(alone, hits_alone, ["f"], min_articles=1, min_sentences=1)
    x2 = framing.frame_shares(both, hits_both, ["f"], min_articles=1, min_sentences=1)
    pd.testing.assert_frame_equal(x1, x2[x2["partner"] == "X"].reset_index(drop=True))


def test_bootstrap_of_one_article_collapses_to_its_share():
    ci = framing.bootstrap_shares(np.array([[1, 0]]), np.array([4]), n_boot=200)
    assert ci["ci_low"].tolist() == [0.25, 0.0] and ci["ci_high"].tolist() == [0.25, 0.0]
    assert ci["article_ci_low"].tolist() == [1.0, 0.0]


def test_bootstrap_is_reproducible_with_a_seed():
    k, n = np.array([[1], [0], [3], [2]]), np.array([5, 4, 9, 6])
    a = framing.bootstrap_shares(k, n, rng=np.random.default_rng(7))
    b = framing.bootstrap_shares(k, n, rng=np.random.default_rng(7))
    assert all(np.array_equal(a[key], b[key]) for key in a)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 25), st.integers(0, 25)), min_size=3, max_size=12).map(
        lambda rows: [(n, min(k, n)) for n, k in rows]
    )
)
def test_bootstrap_interval_contains_the_point_estimate(rows):
    n = np.array([r[0] for r in rows], dtype=float)
    k = np.array([[r[1]] for r in rows], dtype=float)
    ci = framing.bootstrap_shares(k, n, n_boot=2000, rng=np.random.default_rng(1))
    point = k.sum() / n.sum()
    assert ci["ci_low"][0] - 1e-12 <= point <= ci["ci_high"][0] + 1e-12
    art = (k > 0).mean()
    assert ci["article_ci_low"][0] - 1e-12 <= art <= ci["article_ci_high"][0] + 1e-12
    assert 0 <= ci["ci_low"][0] <= ci["ci_high"][0] <= 1


def test_counts_table_shows_counts_and_shares_only_where_sufficient():
    corpus, hits = synthetic(
        {"a1": (["X"], 10, 2), "a2": (["X"], 10, 0), "a3": (["X"], 20, 4), "b1": (["Y"], 5, 1)}
    )
    shares = framing.frame_shares(corpus, hits, ["f"])
    table = framing.counts_table(shares, {"f": "Frame F"})
    assert table.loc["Y", "Frame F"] == "1/5"
    assert table.loc["X", "Frame F"].startswith("6/40 · 15% [")
    assert math.isclose(shares.loc[shares["partner"] == "X", "share"].iloc[0], 0.15)

"""Distinctive vocabulary: Monroe et al.'s weighted log-odds with an informative Dirichlet prior."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.analyses import framing, logodds
from helpers.data import events as ev


def test_log_odds_z_scores_equal_a_hand_computation_on_a_two_by_three_corpus():
    # Two groups, three words. Group i: [2, 1, 0]; group j: [0, 1, 3]; prior = pooled counts
    # [2, 2, 3] (alpha_0 = 7), n_i = 3, n_j = 4.
    y_i, y_j = np.array([2, 1, 0]), np.array([0, 1, 3])
    alpha = logodds.informative_prior(y_i + y_j)
    assert alpha.tolist() == [2.0, 2.0, 3.0]
    got = logodds.weighted_log_odds(y_i, y_j, alpha)
    # word 1: log(4/6) - log(2/9) = log 3;        var = 1/4 + 1/2
    # word 2: log(3/7) - log(3/8) = log(8/7);     var = 1/3 + 1/3
    # word 3: log(3/7) - log(6/5) = log(5/14);    var = 1/3 + 1/6
    delta = [math.log(3), math.log(8 / 7), math.log(5 / 14)]
    var = [0.75, 2 / 3, 0.5]
    z = [d / math.sqrt(v) for d, v in zip(delta, var, strict=True)]
    np.testing.assert_allclose(got["delta"], delta, rtol=1e-12)
    np.testing.assert_allclose(got["variance"], var, rtol=1e-12)
    np.testing.assert_allclose(got["z"], z, rtol=1e-12)
    np.testing.assert_allclose(got["z"], [1.268568, 0.163542, -1.456102], atol=1e-6)


def test_a_stronger_prior_pulls_the_log_odds_towards_zero():
    y_i, y_j = np.array([2, 1, 0]), np.array([0, 1, 3])
    weak = logodds.weighted_log_odds(y_i, y_j, logodds.informative_prior(y_i + y_j, alpha0=7))
    strong = logodds.weighted_log_odds(y_i, y_j, logodds.informative_prior(y_i + y_j, alpha0=700))
    assert np.all(np.abs(strong["delta"]) < np.abs(weak["delta"]))


@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=2, max_size=8).filter(
        lambda rows: (
            all(a + b > 0 for a, b in rows)
            and sum(a for a, _ in rows) > 0
            and sum(b for _, b in rows) > 0
        )
    )
)
def test_swapping_the_groups_negates_delta_and_z(rows):
    y_i = np.array([a for a, _ in rows])
    y_j = np.array([b for _, b in rows])
    alpha = logodds.informative_prior(y_i + y_j)
    ij = logodds.weighted_log_odds(y_i, y_j, alpha)
    ji = logodds.weighted_log_odds(y_j, y_i, alpha)
    np.testing.assert_allclose(ij["delta"], -ji["delta"], atol=1e-12)
    np.testing.assert_allclose(ij["z"], -ji["z"], atol=1e-12)
    np.testing.assert_allclose(ij["variance"], ji["variance"])


def test_prior_sums_to_alpha0_and_rejects_a_non_positive_strength():
    assert logodds.informative_prior(np.array([1, 3]), alpha0=8).tolist() == [2.0, 6.0]
    with pytest.raises(ValueError, match="alpha0 must be positive"):
        logodds.informative_prior(np.array([1, 3]), alpha0=0)


def test_distinctive_terms_count_lemmas_per_partner_against_the_others_pooled(nlp):
    texts = {
        "a1": "Les hélicoptères russes sont arrivés à Bamako hier matin.",
        "a2": "Des hélicoptères et des blindés sont livrés par Moscou.",
        "b1": "La formation des officiers se poursuit à Dakar cette année.",
    }
    c = framing.build_corpus(texts, {"a1": ["RUS"], "a2": ["RUS"], "b1": ["SEN"]}, nlp=nlp)
    terms = logodds.distinctive_terms(c)
    rus = terms[terms["partner"] == "RUS"].set_index("lemma")
    assert rus.loc["hélicoptère", ["count", "count_others", "articles"]].tolist() == [2, 0, 2]
    assert rus.loc["formation", ["count", "count_others", "articles"]].tolist() == [0, 1, 0]
    assert rus.loc["hélicoptère", "rank"] == 1
    # the z-scores are the formula's, on the content-lemma counts
    pooled = rus["count"] + rus["count_others"]
    expected = logodds.weighted_log_odds(
        rus["count"].to_numpy(),
        rus["count_others"].to_numpy(),
        logodds.informative_prior(pooled.to_numpy()),
    )
    np.testing.assert_allclose(rus["z"].to_numpy(), np.round(expected["z"], 4))
    # stop words and function words are not vocabulary
    assert not {"le", "de", "être", "à", "des"} & set(terms["lemma"])
    sen = terms[terms["partner"] == "SEN"].set_index("lemma")
    assert sen.loc["hélicoptère", "z"] == -rus.loc["hélicoptère", "z"]


def test_one_partner_alone_has_nothing_to_be_compared_with(nlp):
    c = framing.build_corpus(
        {"a1": "Les hélicoptères russes sont arrivés à Bamako."}, {"a1": ["RUS"]}, nlp=nlp
    )
    terms = logodds.distinctive_terms(c)
    assert terms.empty and list(terms.columns) == logodds.TERM_COLUMNS


def test_top_terms_keeps_the_highest_positive_z_used_often_enough():
    terms = pd.DataFrame(
        {
            "partner": ["X"] * 4 + ["Y"] * 2,
            "partner_name": ["X"] * 4 + ["Y"] * 2,
            "lemma": ["a", "b", "c", "d", "a", "e"],
            "count": [5, 1, 3, 2, 0, 4],
            "count_others": [0] * 6,
            "delta": [0.0] * 6,
            "variance": [1.0] * 6,
            "z": [3.0, 2.5, 1.0, -0.5, -3.0, 2.0],
            "articles": [1] * 6,
            "rank": [1, 2, 3, 4, 2, 1],
        }
    )
    top = logodds.top_terms(terms, n=2, min_count=2)
    assert top[["partner", "lemma"]].values.tolist() == [["X", "a"], ["X", "c"], ["Y", "e"]]


def test_seed_distinctive_terms_and_chart(nlp, tmp_path):
    from helpers.figures import plotting

    tables = ev.load()
    c = framing.corpus(tables, nlp=nlp)
    terms = logodds.distinctive_terms(c)
    assert set(terms["partner"]) == {"DZA", "MAR", "RUS", "SEN"}
    assert terms.groupby("partner")["rank"].min().eq(1).all()
    top = terms[terms["rank"] == 1].set_index("partner")["lemma"].to_dict()
    assert top == {"DZA": "comité", "MAR": "sécuritaire", "RUS": "colonel", "SEN": "sénégalais"}
    assert "party" not in set(
        terms["lemma"]
    )  # spaCy's "parties" -> "party" is corrected to "partie"
    fig = logodds.plot_distinctive_terms(logodds.top_terms(terms), tables)
    paths = plotting.save_figure(fig, "04_distinctive_terms", tmp_path)
    assert paths["svg"].stat().st_size > 0 and len(fig.axes) == 4

"""Distinctive vocabulary: the weighted log-odds ratio with an informative Dirichlet prior.

Monroe, Colaresi and Quinn (2008), "Fightin' Words", section 3.5: for a word ``w``, group ``i``
(one partner) and group ``j`` (every other partner pooled), with counts ``y``, group sizes ``n``
and prior counts ``alpha_w`` summing to ``alpha_0``::

    delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
    var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
    z_w     = delta_w / sqrt(var_w)

The prior is informative: ``alpha_w = alpha_0 * (pooled count of w / pooled tokens)``; by
default ``alpha_0`` is the number of pooled tokens, so the prior counts equal the pooled
corpus counts (the background every partner is compared against).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.data.countries import partner_name
from helpers.figures.captions import selection_label, source_text
from helpers.figures.plotting import partner_colours, source_line

TERM_COLUMNS = [
    "partner",
    "partner_name",
    "lemma",
    "count",
    "count_others",
    "delta",
    "variance",
    "z",
    "articles",
    "rank",
]


def informative_prior(pooled: np.ndarray, alpha0: float | None = None) -> np.ndarray:
    """Prior counts proportional to the pooled counts, summing to ``alpha0`` (default: the
    pooled total, i.e. the pooled counts themselves)."""
    pooled = np.asarray(pooled, dtype=float)
    total = pooled.sum()
    if total <= 0:
        return np.zeros_like(pooled)
    a0 = total if alpha0 is None else float(alpha0)
    if a0 <= 0:
        raise ValueError(f"alpha0 must be positive, got {alpha0!r}")
    return a0 * pooled / total


def weighted_log_odds(y_i: np.ndarray, y_j: np.ndarray, alpha: np.ndarray) -> dict[str, np.ndarray]:
    """Monroe et al.'s delta, its approximate variance and z-score for every word (see module)."""
    y_i, y_j, alpha = (np.asarray(v, dtype=float) for v in (y_i, y_j, alpha))
    n_i, n_j, a0 = y_i.sum(), y_j.sum(), alpha.sum()
    delta = np.log((y_i + alpha) / (n_i + a0 - y_i - alpha)) - np.log(
        (y_j + alpha) / (n_j + a0 - y_j - alpha)
    )
    variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return {"delta": delta, "variance": variance, "z": delta / np.sqrt(variance)}


def distinctive_terms(corpus, alpha0: float | None = None) -> pd.DataFrame:
    """Every content lemma (noun, adjective, verb, adverb; no stop word) for every partner,
    against all other partners pooled: counts, delta, variance, z, the number of the partner's
    articles using the lemma, and its rank by z within the partner (1 = most distinctive).
    Empty when fewer than two partners have text: there is nothing to compare."""
    tok = corpus.tokens.loc[corpus.tokens["content"], ["sid", "article_id", "lemma"]]
    tok = tok.merge(corpus.sentences[["sid", "partner_list"]], on="sid")
    ex = (
        tok.explode("partner_list")
        .dropna(subset=["partner_list"])
        .rename(columns={"partner_list": "partner"})
    )
    partners = sorted(ex["partner"].unique())
    if len(partners) < 2:
        return pd.DataFrame(columns=TERM_COLUMNS)
    pooled = tok["lemma"].value_counts().sort_index()
    counts = pd.crosstab(ex["lemma"], ex["partner"]).reindex(index=pooled.index, fill_value=0)
    alpha = informative_prior(pooled.to_numpy(), alpha0)
    articles = ex.groupby(["partner", "lemma"])["article_id"].nunique()
    blocks = []
    for p in partners:
        y_i = counts[p].to_numpy(dtype=float)
        y_j = pooled.to_numpy(dtype=float) - y_i
        stats = weighted_log_odds(y_i, y_j, alpha)
        block = pd.DataFrame(
            {
                "partner": p,
                "partner_name": partner_name(p, getattr(corpus, "registry", None)),
                "lemma": pooled.index,
                "count": y_i.astype(int),
                "count_others": y_j.astype(int),
                **stats,
            }
        )
        block["articles"] = articles.loc[p].reindex(pooled.index, fill_value=0).to_numpy()
        block = block.sort_values(["z", "lemma"], ascending=[False, True])
        block["rank"] = np.arange(1, len(block) + 1)
        blocks.append(block)
    out = pd.concat(blocks, ignore_index=True)
    out[["delta", "variance", "z"]] = out[["delta", "variance", "z"]].round(4)
    return out[TERM_COLUMNS]


def top_terms(terms: pd.DataFrame, n: int = 10, min_count: int = 2) -> pd.DataFrame:
    """The ``n`` highest-z lemmas of each partner used at least ``min_count`` times by it."""
    keep = terms[(terms["count"] >= min_count) & (terms["z"] > 0)]
    return (
        keep.sort_values(["partner", "rank"])
        .groupby("partner", sort=True)
        .head(n)
        .reset_index(drop=True)
    )


def plot_distinctive_terms(top: pd.DataFrame, tables, n: int = 10) -> plt.Figure:
    """One panel per partner: its most distinctive lemmas by z-score, with counts and articles."""
    partners = sorted(top["partner"].unique()) if not top.empty else []
    cols = min(max(len(partners), 1), 2)
    rows = max(1, -(-len(partners) // cols))
    fig, axes = plt.subplots(
        rows, cols, figsize=(6.2 * cols, 0.32 * n * rows + 1.6 * rows + 0.6), squeeze=False
    )
    title = f"Most distinctive words of each partnership, against the other partners ({selection_label(tables.filters)})"
    if not partners:
        ax = axes[0, 0]
        ax.text(
            0.5,
            0.5,
            "Fewer than two partners with text: nothing to compare",
            ha="center",
            va="center",
            transform=ax.transAxes,
            color="#555555",
        )
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title)
        source_line(fig, source_text(tables))
        return fig
    colours = partner_colours(partners)
    zmax = max(float(top["z"].max()), 2.0) * 1.35
    for ax, p in zip(axes.flat, partners, strict=False):
        g = top[top["partner"] == p].sort_values("rank")
        labels = [f"{r.lemma}  ({r.count}×, {r.articles} art.)" for r in g.itertuples()]
        ax.barh(range(len(g)), g["z"], color=colours[p])
        ax.set_yticks(range(len(g)), labels, fontsize=8)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, zmax)
        ax.axvline(1.96, color="#555555", linestyle="--", linewidth=0.8)
        ax.set_title(f"{partner_name(p, getattr(tables, 'registry', None))} ({p})", fontsize=10)
        ax.set_xlabel("z-score of the weighted log-odds (no unit)")
    for ax in list(axes.flat)[len(partners) :]:
        ax.set_visible(False)
    axes[0, 0].legend(
        handles=[plt.Line2D([], [], color="#555555", linestyle="--", label="z = 1.96")],
        loc="lower right",
        fontsize=8,
    )
    fig.suptitle(title, fontweight="bold", fontsize=12)
    source_line(
        fig,
        source_text(tables)
        + " Lemmas of nouns, adjectives, verbs and adverbs; prior: pooled counts"
        " (Monroe et al. 2008). Labels: uses by the partner's sentences, articles using it.",
    )
    fig.tight_layout()
    return fig

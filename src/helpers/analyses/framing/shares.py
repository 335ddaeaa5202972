"""Frame shares per partner, with percentile-bootstrap intervals over whole articles.

A partner with too few articles or sentences keeps its counts; its shares and intervals are left
empty (``insufficient``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.analyses.framing.corpus import Corpus
from helpers.data.countries import partner_name

MIN_ARTICLES = 3
MIN_SENTENCES = 30
N_BOOT = 2000
SEED = 20250217
LEVEL = 0.95
BOOT_CELLS = 4_000_000  # draws x articles held at once by the bootstrap

SHARE_COLUMNS = [
    "partner",
    "partner_name",
    "frame",
    "sentences",
    "total_sentences",
    "share",
    "ci_low",
    "ci_high",
    "articles",
    "total_articles",
    "article_share",
    "article_ci_low",
    "article_ci_high",
    "insufficient",
]


def bootstrap_shares(
    k: np.ndarray,
    n: np.ndarray,
    n_boot: int = N_BOOT,
    rng: np.random.Generator | None = None,
    level: float = LEVEL,
) -> dict[str, np.ndarray]:
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
    step = max(
        1, BOOT_CELLS // max(a, 1)
    )  # draws per block: memory stays bounded for large partners
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
        block = pd.DataFrame(
            {
                "partner": partner,
                "partner_name": partner_name(partner, corpus.registry),
                "frame": frames,
                "sentences": k.sum(axis=0).astype(int),
                "total_sentences": n_tot,
                "articles": (k > 0).sum(axis=0).astype(int),
                "total_articles": n_art,
                "insufficient": insufficient,
            }
        )
        if insufficient:
            for c in (
                "share",
                "ci_low",
                "ci_high",
                "article_share",
                "article_ci_low",
                "article_ci_high",
            ):
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
    ci = (
        "["
        + (100 * shares["ci_low"]).round(0).astype("Int64").astype(str)
        + "–"
        + (100 * shares["ci_high"]).round(0).astype("Int64").astype(str)
        + "%]"
    )
    text = text.where(
        shares["insufficient"], text + " · " + pct.astype("Int64").astype(str) + "% " + ci
    )
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

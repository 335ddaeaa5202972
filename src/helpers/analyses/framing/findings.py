"""Plain-language findings of notebook 04, and the size of each partner's text."""

from __future__ import annotations

import pandas as pd

from helpers.analyses.display import count
from helpers.analyses.framing.codebook import Codebook
from helpers.analyses.framing.corpus import Corpus
from helpers.data.countries import partner_name


def partner_sizes(corpus: Corpus) -> pd.DataFrame:
    """Articles, sentences and words of text per partner."""
    cols = ["partner", "partner_name", "articles", "sentences", "words"]
    ex = corpus.sentences.explode("partner_list").dropna(subset=["partner_list"])
    if ex.empty:
        return pd.DataFrame(columns=cols)
    out = ex.groupby("partner_list").agg(
        articles=("article_id", "nunique"), sentences=("sid", "size"), words=("words", "sum")
    )
    out = out.rename_axis("partner").reset_index()
    out["partner_name"] = out["partner"].map(lambda p: partner_name(p, corpus.registry))
    return out[cols]


def findings(
    corpus: Corpus,
    shares: pd.DataFrame,
    hits: pd.DataFrame,
    quotes: pd.DataFrame,
    terms: pd.DataFrame,
    codebook: Codebook,
) -> list[str]:
    """Plain-language findings on the selection, each computed from the tables of notebook 04."""
    if corpus.sentences.empty:
        return [
            "No article reports an event of the selection: there is no text to measure frames on."
        ]
    labels = codebook.labels
    n_sent, framed = len(corpus.sentences), int(hits["sid"].nunique()) if len(hits) else 0
    lines = [
        f"{count(len(corpus.article_ids), 'article')}, {count(n_sent, 'sentence')}; "
        f"{count(framed, 'sentence')} ({100 * framed / n_sent:.0f}%) {'carries' if framed == 1 else 'carry'} "
        f"at least one of the {count(len(codebook.frames), 'frame')}."
    ]
    per = shares.drop_duplicates("partner")
    short = per[per["insufficient"]]
    sizes = "; ".join(
        f"{r.partner_name} {count(r.total_articles, 'article')}, {count(r.total_sentences, 'sentence')}"
        for r in per.itertuples()
    )
    if len(short) == len(per):
        lines.append(
            f"Every partner is below the threshold for shares ({sizes}): only counts and the sentences "
            "themselves are reported, no share and no interval."
        )
    elif len(short):
        lines.append(
            "Counts only (too few articles or sentences): "
            + ", ".join(short["partner_name"])
            + f"; sizes: {sizes}."
        )
    for partner, g in shares.groupby("partner", sort=True):
        top = g[g["sentences"] > 0].sort_values(["sentences", "frame"], ascending=[False, True])
        name = g["partner_name"].iloc[0]
        if top.empty:
            lines.append(f"{name}: no sentence carries any frame of the codebook.")
            continue
        parts = ", ".join(f"{labels[r.frame]} {r.sentences}" for r in top.itertuples())
        none = [labels[f] for f in g.loc[g["sentences"] == 0, "frame"]]
        lines.append(
            f"{name} ({partner}), sentences per frame: {parts}"
            + (f"; never: {', '.join(none)}." if none else ".")
        )
    if len(quotes):
        resolved = int((quotes["actor_id"] != "").sum())
        sides = quotes["side"].str.split(";").explode().value_counts().sort_index()
        lines.append(
            f"{count(len(quotes), 'quote or reported statement', 'quotes or reported statements')}, "
            f"{resolved} attributed to a known actor; statements by side: "
            + ", ".join(f"{s} {n}" for s, n in sides.items())
            + "."
        )
        for f in codebook.ids:
            with_f = quotes[quotes["frames"].str.split(";").map(lambda fs, f=f: f in fs)]
            if len(with_f):
                who = with_f["side"].str.split(";").explode().value_counts().sort_index()
                lines.append(
                    f"{labels[f]} in {count(len(with_f), 'statement')}, by side: "
                    + ", ".join(f"{s} {n}" for s, n in who.items())
                    + "."
                )
    if len(terms):
        top = terms[terms["rank"] == 1]
        lines.append(
            "Most distinctive lemma per partner (weighted log-odds z, articles using it): "
            + ", ".join(
                f"{r.partner_name} « {r.lemma} » (z = {r.z:.2f}, {count(r.articles, 'article')})"
                for r in top.itertuples()
            )
            + "."
        )
    return lines

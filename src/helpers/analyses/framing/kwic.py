"""Keyword in context: each frame hit shown within its sentence, and the report built on it."""

from __future__ import annotations

import re

import pandas as pd

from helpers.analyses.display import count
from helpers.analyses.framing.codebook import Codebook

_SPACE_RUN = re.compile(r"\s+")


def kwic(hits: pd.DataFrame, width: int = 60) -> pd.DataFrame:
    """Each hit as ``left · matched · right`` within its sentence (at most ``width`` characters a
    side), one row per partner of the sentence."""
    cols = [
        "partner",
        "frame",
        "article_id",
        "cue_start",
        "cue_end",
        "left",
        "matched",
        "right",
        "cue",
    ]
    if hits.empty:
        return pd.DataFrame(columns=cols)
    h = hits.assign(partner=hits["partners"].str.split(";")).explode("partner")
    rel_s = h["cue_start"] - h["sentence_start"]
    rel_e = h["cue_end"] - h["sentence_start"]
    left = [_SPACE_RUN.sub(" ", t[:s]) for t, s in zip(h["sentence_text"], rel_s, strict=True)]
    right = [_SPACE_RUN.sub(" ", t[e:]) for t, e in zip(h["sentence_text"], rel_e, strict=True)]
    h["left"] = [("…" + x[-width:]) if len(x) > width else x for x in left]
    h["right"] = [(x[:width] + "…") if len(x) > width else x for x in right]
    h["matched"] = h["matched"].map(lambda x: _SPACE_RUN.sub(" ", x))
    return h.sort_values(["partner", "frame", "article_id", "cue_start"])[cols].reset_index(
        drop=True
    )


def kwic_report(
    shares: pd.DataFrame,
    hits: pd.DataFrame,
    codebook: Codebook,
    width: int = 60,
    max_per_frame: int | None = None,
) -> list[str]:
    """Lines for the reader: per partner and frame, the counts, then the hits in context (at most
    ``max_per_frame`` of them, saying how many more ``frame_sentences.csv`` holds; None = all)."""
    if shares.empty:
        return ["No sentence in the selection: no frame to show."]
    k = kwic(hits, width)
    groups = k.groupby(["partner", "frame"], sort=False).indices if len(k) else {}
    labels = codebook.labels
    lines = []
    for partner, g in shares.groupby("partner", sort=True):
        head = g.iloc[0]
        status = " — insufficient data, counts only" if head["insufficient"] else ""
        lines.append(
            f"## {head['partner_name']} ({partner}): {count(head['total_articles'], 'article')}, {count(head['total_sentences'], 'sentence')}{status}"
        )
        for r in g.itertuples(index=False):
            share = (
                ""
                if r.insufficient
                else f"; share {100 * r.share:.0f}% [95% CI {100 * r.ci_low:.0f}–{100 * r.ci_high:.0f}%]"
            )
            lines.append(
                f"  {labels.get(r.frame, r.frame)}: {count(r.sentences, 'sentence')} in {count(r.articles, 'article')}{share}"
            )
            idx = groups.get((partner, r.frame), [])
            shown = idx if max_per_frame is None else idx[:max_per_frame]
            sel = k.iloc[shown]
            lines.extend(
                f"    {a} [{s}:{e}]  {left}⟦{m}⟧{right}"
                for a, s, e, left, m, right in zip(
                    sel["article_id"],
                    sel["cue_start"],
                    sel["cue_end"],
                    sel["left"],
                    sel["matched"],
                    sel["right"],
                    strict=True,
                )
            )
            if len(idx) > len(shown):
                lines.append(
                    f"    … and {count(len(idx) - len(shown), 'more hit', 'more hits')} in frame_sentences.csv"
                )
    return lines

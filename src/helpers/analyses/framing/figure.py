"""The frames heatmap: partners x frames, shares with intervals or, where data are short, counts."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch, Rectangle

from helpers.analyses.framing.codebook import Codebook
from helpers.analyses.framing.shares import MIN_ARTICLES, MIN_SENTENCES
from helpers.data.countries import partner_name
from helpers.figures.captions import selection_label, source_text
from helpers.figures.plotting import source_line

INSUFFICIENT_FILL = "#eeeeee"


def plot_frames_heatmap(
    shares: pd.DataFrame,
    codebook: Codebook,
    tables,
    min_articles: int = MIN_ARTICLES,
    min_sentences: int = MIN_SENTENCES,
) -> plt.Figure:
    """Partners x frames. Sufficient partners: colour = share of sentences, text = share, 95% CI
    and counts. Insufficient partners: hatched grey cells with the raw counts only."""
    frames = codebook.ids
    partners = sorted(shares["partner"].unique()) if not shares.empty else []
    fig, ax = plt.subplots(figsize=(1.3 * len(frames) + 2.8, 0.85 * max(len(partners), 2) + 2.2))
    title = (
        f"Frames of Mali's defence partnerships in the press ({selection_label(tables.filters)})"
    )
    if not partners:
        ax.text(
            0.5,
            0.5,
            "No article in the selection",
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
    cmap = plt.get_cmap("Blues")
    sufficient = shares["share"].notna().any()
    vmax = max(float(shares["ci_high"].max()) if sufficient else 0.0, 0.05)
    norm = plt.Normalize(0, vmax)
    cell = shares.set_index(["partner", "frame"])
    for i, p in enumerate(partners):
        for j, f in enumerate(frames):
            r = cell.loc[(p, f)]
            counts = f"{r['sentences']}/{r['total_sentences']} sent.\n{r['articles']}/{r['total_articles']} art."
            if r["insufficient"]:
                ax.add_patch(
                    Rectangle(
                        (j, i),
                        1,
                        1,
                        facecolor=INSUFFICIENT_FILL,
                        edgecolor="#bbbbbb",
                        hatch="///",
                        linewidth=0.5,
                    )
                )
                ax.text(
                    j + 0.5,
                    i + 0.5,
                    counts,
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    color="#333333",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.85},
                )
            else:
                ax.add_patch(
                    Rectangle(
                        (j, i),
                        1,
                        1,
                        facecolor=cmap(norm(r["share"])),
                        edgecolor="white",
                        linewidth=1,
                    )
                )
                dark = norm(r["share"]) > 0.6
                ax.text(
                    j + 0.5,
                    i + 0.5,
                    f"{100 * r['share']:.0f}%\n[{100 * r['ci_low']:.0f}–{100 * r['ci_high']:.0f}]\n{counts}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if dark else "#222222",
                )
    ax.set_xlim(0, len(frames))
    ax.set_ylim(len(partners), 0)
    ax.set_xticks(
        np.arange(len(frames)) + 0.5,
        [textwrap.fill(codebook.labels[f], 14) for f in frames],
        fontsize=8.5,
    )
    ax.set_yticks(
        np.arange(len(partners)) + 0.5,
        [f"{partner_name(p, getattr(tables, 'registry', None))} ({p})" for p in partners],
    )
    ax.set_xlabel(f"Frame (codebook {Path(codebook.path).name})")
    ax.set_ylabel("Partner")
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    handles = []
    if shares["insufficient"].any():
        handles.append(
            Patch(
                facecolor=INSUFFICIENT_FILL,
                edgecolor="#bbbbbb",
                hatch="///",
                label=f"insufficient data (< {min_articles} articles or < {min_sentences} sentences): counts only",
            )
        )
    if sufficient:
        sm = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
        cb = fig.colorbar(sm, ax=ax, fraction=0.03, pad=0.02)
        cb.set_label("Share of the partner's sentences (%)")
        cb.ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{100 * v:.0f}"))
        handles.insert(
            0, Patch(facecolor=cmap(0.5), label="share of sentences [95% CI, articles resampled]")
        )
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncol=len(handles),
        fontsize=8,
        frameon=False,
    )
    ax.set_title(title, pad=26)
    source_line(
        fig,
        source_text(tables)
        + " Cells: sentences (and articles) carrying the frame / all of the partner's.",
    )
    return fig

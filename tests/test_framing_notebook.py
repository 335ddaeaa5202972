"""Notebook 04 (framing) runs top to bottom, on the seeds and on an empty selection."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import notebook_text

FIXTURES = Path(__file__).parent / "fixtures" / "framing"


def read(nb, name: str) -> pd.DataFrame:
    return pd.read_csv(nb.tables_dir / name, dtype=str, keep_default_na=False)


@pytest.mark.notebook
def test_notebook_on_the_seeds_writes_every_table_and_figure_and_withholds_shares(run_notebook):
    nb = run_notebook("04_framing")
    text = notebook_text(nb)
    assert re.search(
        r"\b(\d+) of \1 codebook examples and counter-examples behave as documented under the full analysis\.",
        text,
    )
    assert "Full analysis: every sentence tagged and lemmatised by spaCy's fr_core_news_md" in text
    assert "Every partner has fewer than 3 articles or 30 sentences" in text
    assert "⟦souveraineté⟧" in text
    for name in ("04_frames_heatmap", "04_distinctive_terms"):
        assert (nb.figures_dir / f"{name}.svg").is_file() and (
            nb.figures_dir / f"{name}.png"
        ).is_file()
    shares = read(nb, "frames_by_partner.csv")
    assert list(shares.columns[:3]) == ["partner", "partner_name", "frame"]
    assert {
        "partner",
        "frame",
        "sentences",
        "share",
        "ci_low",
        "ci_high",
        "articles",
        "insufficient",
    } <= set(shares.columns)
    assert len(shares) == 4 * 8
    assert (shares["insufficient"] == "True").all() and (
        shares[["share", "ci_low", "ci_high"]] == ""
    ).all().all()
    sov = (
        shares[shares["frame"] == "sovereignty"]
        .set_index("partner")["sentences"]
        .astype(int)
        .to_dict()
    )
    assert sov == {"DZA": 0, "MAR": 1, "RUS": 4, "SEN": 3}
    hits = read(nb, "frame_sentences.csv")
    assert {
        "article_id",
        "sentence_start",
        "sentence_end",
        "frame",
        "cue",
        "cue_start",
        "cue_end",
        "matched",
    } <= set(hits.columns)
    terms = read(nb, "distinctive_terms.csv")
    assert {"partner", "lemma", "delta", "variance", "z", "articles"} <= set(terms.columns)
    q = read(nb, "quotes.csv")
    assert {
        "article_id",
        "start",
        "end",
        "quote",
        "speaker_text",
        "actor_id",
        "side",
        "partners",
        "frames",
    } <= set(q.columns)
    assert (q["side"] == "MLI").sum() >= 8
    assert (nb.tables_dir / "frames_by_side.csv").is_file()
    assert "- Every partner is below the threshold for shares" in text


@pytest.mark.notebook
def test_notebook_with_another_codebook_and_a_period_without_events_says_so(run_notebook):
    nb = run_notebook(
        "04_framing",
        start="1990",
        end="1991",
        lexicon_path=str(FIXTURES / "two_frames.yaml"),
        analysis="lookup",
    )
    text = notebook_text(nb)
    assert "Lookup analysis (0 characters): 0 of 0 sentences" in text
    assert "behave as documented under the lookup analysis." in text
    assert "Codebook: 2 frames" in text
    assert "0 articles, 0 sentences, 0 tokens." in text
    assert "No article reports an event of the selection" in text
    assert read(nb, "frames_by_partner.csv").empty
    assert (nb.figures_dir / "04_frames_heatmap.svg").is_file()

"""Figure captions name the period and the partners selected, and the selection's own outlets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.data.events import Tables
from helpers.figures.captions import partners_label, period_label, selection_label, source_text


def tables(article_ids: list[str], filters: dict) -> Tables:
    """Three articles by three outlets (one unattributed); the selected events cite ``article_ids``."""
    articles = pd.DataFrame(
        {"article_id": ["a1", "a2", "a3"], "publisher": ["Le Républicain", "L'Essor", ""]}
    )
    mentions = pd.DataFrame(
        {"event_id": [f"e{i}" for i in range(len(article_ids))], "article_id": article_ids}
    )
    empty = pd.DataFrame()
    return Tables(
        data_dir=Path("."),
        articles=articles,
        events=empty,
        mentions=mentions,
        actors=empty,
        participants=empty,
        filters=filters,
    )


def test_a_partner_filter_is_named_beside_the_period():
    assert selection_label({"start": None, "end": None, "partners": []}) == "all dates"
    assert selection_label({"partners": ["DZA"]}) == "all dates; partner DZA"
    assert (
        selection_label({"start": "2020", "end": "2023", "partners": ["DZA", "RUS", "DZA"]})
        == "2020 – 2023; partners DZA, RUS"
    )
    assert period_label({"start": "2020", "partners": ["DZA"]}) == "from 2020"
    assert partners_label({}) == ""


def test_the_source_line_lists_the_outlets_of_the_articles_the_selection_cites():
    text = source_text(tables(["a2", "a2"], {"start": "2021", "end": None, "partners": ["RUS"]}))
    assert (
        text
        == "Source: 1 French-language press article(s) (L'Essor); curated event table; period: from 2021; partner RUS."
    )


def test_unattributed_articles_are_said_only_when_the_selection_cites_one():
    assert "(Le Républicain and unattributed)" in source_text(tables(["a1", "a3"], {}))
    assert "(L'Essor, Le Républicain);" in source_text(tables(["a1", "a2"], {}))
    assert source_text(tables(["a3"], {})) == (
        "Source: 1 French-language press article(s) (unattributed); "
        "curated event table; period: all dates."
    )

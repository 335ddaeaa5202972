"""Scoring draft tables against curated ones: matching, the metrics and their definitions.

The predictions are the curated tables changed by hand, so every expected figure below is
counted from the changes (see ``changed_prediction``).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from helpers.extraction.evaluate import (
    by_type,
    cli,
    evaluate,
    family,
    format_by_type,
    format_table,
    match_events,
    unsupported_years,
)

from conftest import SEED

DATA = SEED


def metrics(gold, pred) -> dict[str, float]:
    return evaluate(gold, pred).set_index("metric")["value"].to_dict()


def csv(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def write(frame: pd.DataFrame, folder: Path, name: str) -> None:
    frame.to_csv(folder / name, index=False)


@pytest.fixture
def changed_prediction(data_copy: Path) -> Path:
    """The curated tables with seven changes:

    1. ``mar-joint-commission-launch`` dropped (3 participants)         → a gold event missed
    2. an extra RUS meeting dated 2020-01-01 quoted from article 002    → a false event
    3. ``dza-jmc-session-16`` dated 13 January only                     → matched, date not exact
    4. ``rus-trainees-announcement`` partners CHN;RUS (3 participants)  → no match; partner error
    5. ``sen-camara-diop-meeting-2025`` typed visit (same family)       → matched, type wrong
    6. ``berkale-toufik`` dropped from ``dza-jmc-session-16``           → a participant missed
    7. ``sadio-camara`` participant, not host, of the Senegal meeting   → a role wrong
    """
    events = csv(data_copy, "events.csv")
    mentions = csv(data_copy, "mentions.csv")
    participants = csv(data_copy, "participants.csv")
    drop = "mar-joint-commission-launch"
    events, mentions = events[events["event_id"] != drop], mentions[mentions["event_id"] != drop]
    participants = participants[participants["event_id"] != drop]
    extra = {c: "" for c in events.columns} | {
        "event_id": "extra-meeting",
        "event_type": "meeting",
        "cameo_code": "043",
        "partners": "RUS",
        "date_start": "2020-01-01",
        "date_end": "2020-01-01",
        "date_precision": "day",
        "date_basis": "stated",
        "factuality": "occurred",
        "title": "An event the text does not report",
    }
    events = pd.concat([events, pd.DataFrame([extra])], ignore_index=True)
    text = (data_copy / "raw" / "articles" / "002_7b4a10bd26d76951.txt").read_text(encoding="utf-8")
    at = text.index("Envoyé spécial")
    quote = {
        "event_id": "extra-meeting",
        "article_id": "002_7b4a10bd26d76951",
        "evidence": "Envoyé spécial",
        "start": at,
        "end": at + 14,
    }
    mentions = pd.concat([mentions, pd.DataFrame([quote])], ignore_index=True)
    events = events.set_index("event_id")
    events.loc["dza-jmc-session-16", ["date_start", "date_end", "date_basis"]] = [
        "2023-01-13",
        "2023-01-13",
        "stated",
    ]
    events.loc["rus-trainees-announcement", "partners"] = "CHN;RUS"
    events.loc["sen-camara-diop-meeting-2025", "event_type"] = "visit"
    events = events.reset_index()
    participants = participants[
        ~(
            (participants["event_id"] == "dza-jmc-session-16")
            & (participants["actor_id"] == "berkale-toufik")
        )
    ]
    who = (participants["event_id"] == "sen-camara-diop-meeting-2025") & (
        participants["actor_id"] == "sadio-camara"
    )
    participants.loc[who, "role"] = "participant"
    write(events, data_copy, "events.csv")
    write(mentions, data_copy, "mentions.csv")
    write(participants, data_copy, "participants.csv")
    return data_copy


def test_identical_tables_score_one():
    m = metrics(SEED, SEED)
    assert (m["gold events"], m["predicted events"], m["matched events"]) == (16, 16, 16)
    for name in (
        "event precision",
        "event recall",
        "event F1",
        "type accuracy",
        "exact-date accuracy",
        "partner accuracy",
        "participant recall",
        "role accuracy",
    ):
        assert m[name] == 1.0, name


def test_changed_prediction_scores_as_counted_by_hand(changed_prediction):
    table = evaluate(SEED, changed_prediction).set_index("metric")
    m = table["value"].to_dict()
    assert (m["gold events"], m["predicted events"], m["matched events"]) == (16, 16, 14)
    assert m["event precision"] == 0.875  # 14 / 16
    assert m["event recall"] == 0.875  # 14 / 16
    assert m["event F1"] == 0.875  # 2·14 / (16 + 16)
    assert m["type accuracy"] == 0.929  # 13 / 14
    assert m["exact-date accuracy"] == 0.929  # 13 / 14
    assert m["partner accuracy"] == 0.933  # 14 / 15 pairs formed without the partner condition
    assert m["participant recall"] == 0.977  # 43 / (50 − 3 − 3)
    assert m["role accuracy"] == 0.977  # 42 / 43
    assert (
        table.loc["participant recall", "numerator"],
        table.loc["participant recall", "denominator"],
    ) == (43, 44)


def test_pairs_show_what_differs(changed_prediction):
    pairs = match_events(SEED, changed_prediction).set_index("gold_event")
    assert "mar-joint-commission-launch" not in pairs.index
    assert "rus-trainees-announcement" not in pairs.index
    assert not pairs.loc["dza-jmc-session-16", "exact_date"]
    assert (
        pairs.loc["sen-camara-diop-meeting-2025", ["pred_type", "same_type"]] == ["visit", False]
    ).all()
    assert pairs.loc["sen-diop-visit-2025", "pred_event"] == "sen-diop-visit-2025"


def test_a_dated_and_an_undated_event_do_not_match(data_copy):
    events = csv(data_copy, "events.csv").set_index("event_id")
    events.loc[
        "mar-delegation-visit", ["date_start", "date_end", "date_precision", "date_basis"]
    ] = ["2025-02-17", "2025-02-17", "day", "stated"]
    write(events.reset_index(), data_copy, "events.csv")
    pairs = match_events(SEED, data_copy)
    assert "mar-delegation-visit" not in set(pairs["gold_event"])
    assert len(pairs) == 15


def test_matching_needs_a_source_article_in_common(data_copy):
    mentions = csv(data_copy, "mentions.csv")
    text = (data_copy / "raw" / "articles" / "000_3d8f307ad409dae6.txt").read_text(encoding="utf-8")
    moved = mentions["event_id"] == "sen-framework-agreement-2021"
    at = text.index("Le Mali et l")
    mentions.loc[moved, ["article_id", "evidence", "start", "end"]] = [
        "000_3d8f307ad409dae6",
        "Le Mali",
        str(at),
        str(at + 7),
    ]
    write(mentions, data_copy, "mentions.csv")
    pairs = match_events(SEED, data_copy)
    assert "sen-framework-agreement-2021" not in set(pairs["gold_event"])


def test_empty_prediction_has_no_precision_and_zero_recall(data_copy):
    for name in ("events.csv", "mentions.csv", "participants.csv"):
        write(csv(data_copy, name).iloc[0:0], data_copy, name)
    m = metrics(SEED, data_copy)
    assert m["predicted events"] == 0 and m["event recall"] == 0.0 and m["event F1"] == 0.0
    assert math.isnan(m["event precision"])
    assert "n/a" in format_table(evaluate(SEED, data_copy))


def test_type_families():
    assert family("meeting") == family("visit") == family("summit") == family("joint_commission")
    assert family("agreement_signature") != family("agreement_ratification")
    assert family("delivery") == "delivery"


def test_table_is_fixed_width_with_definitions_as_footer():
    text = format_table(evaluate(SEED, SEED))
    rows = text.splitlines()
    body = rows[: rows.index("-" * 43, 2)]
    assert len({len(r) for r in body}) == 1
    assert "compatible dates (intervals overlap, or both undated)" in text
    assert "exact date: same date_start and date_end strings" in text


def test_cli_prints_and_writes_the_metrics(tmp_path, capsys):
    out = tmp_path / "metrics.csv"
    assert (
        cli(
            [
                "--gold",
                str(SEED),
                "--pred",
                str(SEED),
                "--out",
                str(out),
                "--pairs",
                str(tmp_path / "pairs.csv"),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "event F1" in printed and "1.000" in printed
    written = pd.read_csv(out)
    assert list(written["metric"])[:3] == ["gold events", "predicted events", "matched events"]
    assert len(pd.read_csv(tmp_path / "pairs.csv")) == 16


def test_by_type_counts_a_match_under_each_side_type(changed_prediction):
    same = by_type(DATA, DATA)
    assert (same["gold"] == same["predicted"]).all() and (same["matched"] == same["gold"]).all()
    assert (same["F1"] == 1.0).all()
    table = by_type(DATA, changed_prediction).set_index("event_type")
    gold_meetings = int(same.set_index("event_type").loc["meeting", "gold"])
    # one meeting typed visit (still matched, counted as a meeting for recall), one extra meeting predicted
    assert table.loc["meeting", "predicted"] == gold_meetings - 1 + 1
    assert table.loc["meeting", "matched"] == gold_meetings
    assert table.loc["visit", "predicted"] == table.loc["visit", "gold"] + 1
    assert "F1 per type" in format_by_type(table.reset_index())


def test_cli_no_validate_and_by_type(capsys):
    assert cli(["--gold", str(DATA), "--pred", str(DATA), "--no-validate", "--by-type"]) == 0
    out = capsys.readouterr().out
    assert "event type" in out and "event F1" in out


def _redate(folder: Path, event_id: str, start: str, end: str, basis: str) -> None:
    events = csv(folder, "events.csv")
    row = events["event_id"] == event_id
    precision = {4: "year", 7: "month", 10: "day"}[len(start)]
    events.loc[row, ["date_start", "date_end", "date_basis", "date_precision"]] = [
        start,
        end,
        basis,
        precision,
    ]
    write(events, folder, "events.csv")


def test_years_the_text_gives_are_not_counted_as_unsupported():
    assert unsupported_years(DATA).empty
    assert metrics(DATA, DATA)["years not in the text"] == 0


def test_a_year_no_source_writes_or_publishes_is_counted(data_copy):
    published = csv(data_copy, "raw/articles.csv").set_index("article_id")["published"]
    sources = csv(data_copy, "mentions.csv").groupby("event_id")["article_id"].agg(set)
    event = next(e for e, arts in sources.items() if all(published[a] for a in arts))
    year = int(max(published[a][:4] for a in sources[event]))
    _redate(data_copy, event, "1987-12-26", "1987-12-26", "stated")
    assert unsupported_years(data_copy).values.tolist() == [[event, "1987"]]
    assert metrics(DATA, data_copy)["years not in the text"] == 1
    _redate(data_copy, event, f"{year + 1}", f"{year + 1}", "relative")
    assert unsupported_years(data_copy).empty
    _redate(data_copy, event, f"{year + 2}", f"{year + 2}", "relative")
    assert unsupported_years(data_copy)["year"].tolist() == [str(year + 2)]

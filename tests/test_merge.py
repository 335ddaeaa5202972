"""Merging a reviewed draft into the curated tables: appended rows only, joins to curated events,
actor reuse, ids that never collide, validation before an atomic move, and every refusal."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.__main__ import main
from helpers.data import corpus
from helpers.data.validate import validate
from helpers.extraction import merge_cli
from helpers.extraction.merge import EVENT_COLUMNS

TEXT = (
    "Alger, le 14 février 2022 – La 15e session du comité mixte algéro-malien s'ouvre demain. "
    "Le GÉNÉRAL SADIO CAMARA conduit la délégation. À Niamey, le 11 mars 2024, le général Salifou Mody "
    "a reçu son homologue malien.\n"
)


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write(path: Path, columns: list[str], rows: list[dict]) -> None:
    pd.DataFrame(rows, columns=columns).to_csv(path, index=False, lineterminator="\n")


def event(event_id: str, event_type: str, partners: str, start: str, title: str, **extra) -> dict:
    return {
        **dict.fromkeys(EVENT_COLUMNS, ""),
        "event_id": event_id,
        "event_type": event_type,
        "partners": partners,
        "date_start": start,
        "date_end": start,
        "date_precision": "day" if start else "unknown",
        "date_basis": "stated" if start else "",
        "factuality": "occurred",
        "title": title,
        **extra,
    }


def mention(event_id: str, article_id: str, quote: str) -> dict:
    start = TEXT.index(quote)
    return {
        "event_id": event_id,
        "article_id": article_id,
        "evidence": quote,
        "start": start,
        "end": start + len(quote),
    }


@pytest.fixture
def setup(data_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A data folder with one new article, and a hand-made draft of it with three proposals:
    the 15th Algerian session (a curated event), a new Niger meeting, a rejected one."""
    source = tmp_path / "new.txt"
    source.write_text(TEXT, encoding="utf-8")
    aid = corpus.add_article(source, data_copy, published="2022-02-14")
    draft = tmp_path / "draft"
    (draft / "raw" / "articles").mkdir(parents=True)
    shutil.copyfile(data_copy / "raw" / "articles.csv", draft / "raw" / "articles.csv")
    shutil.copyfile(source, draft / "raw" / "articles" / f"{aid}.txt")
    write(
        draft / "events.csv",
        EVENT_COLUMNS,
        [
            event(
                "dza-joint_commission-2022-02-15",
                "joint_commission",
                "DZA",
                "2022-02-15",
                "15th session",
                session_number="15",
            ),
            event(
                "dza-agreement-2001-signature",
                "meeting",
                "NER",
                "2024-03-11",
                "Meeting: Mali–Niger",
            ),
            event("ner-visit-undated", "visit", "NER", "", "Visit"),
        ],
    )
    write(
        draft / "mentions.csv",
        ["event_id", "article_id", "evidence", "start", "end"],
        [
            mention(
                "dza-joint_commission-2022-02-15",
                aid,
                "La 15e session du comité mixte algéro-malien",
            ),
            mention(
                "dza-agreement-2001-signature",
                aid,
                "le général Salifou Mody a reçu son homologue malien",
            ),
            mention("ner-visit-undated", aid, "À Niamey"),
        ],
    )
    write(
        draft / "actors.csv",
        ["actor_id", "name", "kind", "country", "aliases"],
        [
            {
                "actor_id": "MLI",
                "name": "Mali",
                "kind": "country",
                "country": "MLI",
                "aliases": "Mali",
            },
            {
                "actor_id": "DZA",
                "name": "Algérie",
                "kind": "country",
                "country": "DZA",
                "aliases": "Algérie",
            },
            {
                "actor_id": "NER",
                "name": "Niger",
                "kind": "country",
                "country": "NER",
                "aliases": "Niger",
            },
            {
                "actor_id": "general-sadio-camara",
                "name": "GÉNÉRAL SADIO CAMARA",
                "kind": "person",
                "country": "MLI",
                "aliases": "général Sadio Camara",
            },
            {
                "actor_id": "sadio-camara",
                "name": "Salifou Mody",
                "kind": "person",
                "country": "NER",
                "aliases": "Salifou Mody",
            },
        ],
    )
    write(
        draft / "participants.csv",
        ["event_id", "actor_id", "role", "title"],
        [
            {
                "event_id": "dza-joint_commission-2022-02-15",
                "actor_id": "DZA",
                "role": "participant",
                "title": "",
            },
            {
                "event_id": "dza-joint_commission-2022-02-15",
                "actor_id": "general-sadio-camara",
                "role": "head_of_delegation",
                "title": "GÉNÉRAL",
            },
            {
                "event_id": "dza-agreement-2001-signature",
                "actor_id": "MLI",
                "role": "participant",
                "title": "",
            },
            {
                "event_id": "dza-agreement-2001-signature",
                "actor_id": "NER",
                "role": "participant",
                "title": "",
            },
            {
                "event_id": "dza-agreement-2001-signature",
                "actor_id": "sadio-camara",
                "role": "host",
                "title": "général",
            },
            {
                "event_id": "ner-visit-undated",
                "actor_id": "NER",
                "role": "participant",
                "title": "",
            },
        ],
    )
    write(
        draft / "review.csv",
        ["event_id", "decision", "confidence"],
        [
            {
                "event_id": "dza-joint_commission-2022-02-15",
                "decision": "accept",
                "confidence": "0.9",
            },
            {
                "event_id": "dza-agreement-2001-signature",
                "decision": " Accept",
                "confidence": "0.8",
            },
            {"event_id": "ner-visit-undated", "decision": "reject", "confidence": "0.3"},
        ],
    )
    return data_copy, draft


def rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_merge_appends_the_accepted_proposals_and_keeps_every_curated_row(setup, capsys):
    data, draft = setup
    before = {t: (data / t).read_bytes() for t in merge_cli.TABLES}
    assert main(["merge", str(draft), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "1 new event(s): dza-agreement-2001-signature-2" in out
    assert (
        "1 proposal(s) joining a curated event: dza-joint_commission-2022-02-15 -> dza-jmc-session-15"
        in out
    )
    assert "1 proposal(s) rejected or undecided, left out" in out
    for t in merge_cli.TABLES:
        assert (data / t).read_bytes().startswith(before[t])
    assert validate(data) == []
    events = pd.read_csv(data / "events.csv", dtype=str, keep_default_na=False)
    assert list(events["event_id"][-1:]) == ["dza-agreement-2001-signature-2"]
    assert "ner-visit-undated" not in set(events["event_id"])
    mentions = pd.read_csv(data / "mentions.csv", dtype=str, keep_default_na=False)
    assert list(mentions["event_id"][-2:]) == [
        "dza-jmc-session-15",
        "dza-agreement-2001-signature-2",
    ]
    actors = pd.read_csv(data / "actors.csv", dtype=str, keep_default_na=False)
    new = actors.iloc[len(rows(data / "actors.csv")) - 1 - 2 :]
    assert list(new["actor_id"]) == ["NER", "sadio-camara-2"]
    assert list(new["name"]) == ["Niger", "Salifou Mody"]
    parts = pd.read_csv(data / "participants.csv", dtype=str, keep_default_na=False)
    joined = parts[
        (parts["event_id"] == "dza-jmc-session-15") & (parts["actor_id"] == "sadio-camara")
    ]
    assert list(joined["role"]) == ["head_of_delegation"], (
        "GÉNÉRAL SADIO CAMARA is the curated sadio-camara"
    )


def test_accept_all_takes_every_proposal_not_rejected_and_dry_run_writes_nothing(setup, capsys):
    data, draft = setup
    review = pd.read_csv(draft / "review.csv", dtype=str, keep_default_na=False)
    review["decision"] = ["", "", "reject"]
    review.to_csv(draft / "review.csv", index=False)
    before = digests(data)
    assert main(["merge", str(draft), "--data-dir", str(data), "--accept-all", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert (
        "would add:" in out
        and "1 new event(s): dza-agreement-2001-signature-2" in out
        and "dry run: nothing written" in out
    )
    assert digests(data) == before
    assert main(["merge", str(draft), "--data-dir", str(data)]) == 0
    assert "nothing to merge: no proposal is accepted" in capsys.readouterr().out
    assert digests(data) == before


def test_a_failed_move_leaves_the_data_folder_byte_identical_and_valid(setup, monkeypatch):
    data, draft = setup
    before = digests(data)
    real, calls = merge_cli._move, []

    def move_then_fail(src, dst):
        if calls:
            raise OSError("interrupted")
        calls.append(dst)
        real(src, dst)

    monkeypatch.setattr(merge_cli, "_move", move_then_fail)
    with pytest.raises(OSError, match="interrupted"):
        merge_cli.cli([str(draft), "--data-dir", str(data)])
    assert calls, "the first table was moved before the failure"
    assert digests(data) == before
    assert validate(data) == []
    assert [p.name for p in data.parent.iterdir() if p.name.startswith(".")] == []


def test_merged_tables_that_do_not_validate_are_not_moved_in(setup):
    data, draft = setup
    events = pd.read_csv(draft / "events.csv", dtype=str, keep_default_na=False)
    events.loc[1, "event_type"] = "party"
    events.to_csv(draft / "events.csv", index=False)
    before = digests(data)
    with pytest.raises(
        merge_cli.DataError, match=r"the merged tables \(.* left unchanged\)"
    ) as info:
        merge_cli.cli([str(draft), "--data-dir", str(data)])
    assert "column event_type" in str(info.value) and "party" in str(info.value)
    assert digests(data) == before


def test_merge_refusals_say_why(setup, tmp_path, capsys):
    data, draft = setup
    assert main(["merge", str(tmp_path), "--data-dir", str(data)]) == 1
    assert capsys.readouterr().err == (
        f"python -m helpers merge: invalid data:\n  - {tmp_path}: is not a draft folder: expected review.csv from python -m helpers extract\n"
    )

    review = pd.read_csv(draft / "review.csv", dtype=str, keep_default_na=False)
    review.loc[2, "decision"] = "maybe"
    review.to_csv(draft / "review.csv", index=False)
    assert main(["merge", str(draft), "--data-dir", str(data)]) == 1
    assert capsys.readouterr().err == (
        f"python -m helpers merge: invalid data:\n  - {draft / 'review.csv'}, row 4, column decision: 'maybe' is not a decision; expected accept, reject or empty\n"
    )
    review.loc[2, "decision"] = "reject"
    review.to_csv(draft / "review.csv", index=False)

    assert main(["merge", str(draft), "--data-dir", str(data)]) == 0
    capsys.readouterr()
    assert main(["merge", str(draft), "--data-dir", str(data)]) == 1
    aid = pd.read_csv(draft / "mentions.csv", dtype=str)["article_id"][0]
    first = pd.read_csv(draft / "mentions.csv", dtype=str).iloc[0]
    second = pd.read_csv(draft / "mentions.csv", dtype=str).iloc[1]
    assert capsys.readouterr().err == (
        f"python -m helpers merge: invalid data:\n  - {data / 'mentions.csv'}, column evidence: already holds the draft's evidence "
        f"{aid}[{first.start}:{first.end}], {aid}[{second.start}:{second.end}]: this draft was merged already\n"
    )


def test_merge_refuses_a_draft_of_an_article_not_in_the_corpus(setup, data_copy, tmp_path, capsys):
    data, draft = setup
    other = tmp_path / "other"
    shutil.copytree(Path(__file__).parent / "fixtures" / "seed", other)
    aid = pd.read_csv(draft / "mentions.csv", dtype=str)["article_id"][0]
    assert main(["merge", str(draft), "--data-dir", str(other)]) == 1
    assert capsys.readouterr().err == (
        f"python -m helpers merge: invalid data:\n  - {other / 'raw' / 'articles.csv'}, column article_id: '{aid}' of the draft is not in the corpus; "
        "add it first with python -m helpers add\n"
    )
    articles = pd.read_csv(draft / "raw" / "articles.csv", dtype=str, keep_default_na=False)
    articles.loc[articles["article_id"] == aid, "sha256"] = "0" * 64
    articles.to_csv(draft / "raw" / "articles.csv", index=False)
    assert main(["merge", str(draft), "--data-dir", str(data)]) == 1
    assert capsys.readouterr().err == (
        f"python -m helpers merge: invalid data:\n  - {draft / 'raw' / 'articles.csv'}, column sha256: '{aid}' was drafted from another text than the corpus's; "
        "draft it again\n"
    )


def test_the_drafts_columns_are_the_data_contracts():
    from helpers.data.validate import read_descriptor
    from helpers.extraction.actors import ACTOR_COLUMNS
    from helpers.extraction.merge import MENTION_COLUMNS, PARTICIPANT_COLUMNS

    from conftest import SEED

    fields = {
        r["name"]: [f["name"] for f in r["schema"]["fields"]]
        for r in read_descriptor(SEED)["resources"]
    }
    assert fields["events"] == EVENT_COLUMNS
    assert fields["mentions"] == MENTION_COLUMNS
    assert fields["actors"] == ACTOR_COLUMNS
    assert fields["participants"] == PARTICIPANT_COLUMNS

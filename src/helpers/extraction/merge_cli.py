"""``python -m helpers merge DRAFT``: merge a reviewed draft's accepted proposals into the
curated tables.

Curated rows are never changed or removed: new rows are appended to ``events.csv``,
``mentions.csv``, ``actors.csv`` and ``participants.csv``, each file's existing bytes kept as
they are. A proposal that is a curated event (:mod:`helpers.extraction.joins`) becomes new
mentions and participants of that event; an actor already curated (same id and name, or a name
or alias in common, case- and accent-folded) is reused; new actors and events get the draft's
readable id, with ``-2``, ``-3``... when it is taken. The merged tables are written to a
temporary folder beside the data folder and validated there; only then are they moved into
place one file at a time with ``os.replace``, and a failure puts back the files already moved.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.data.errors import DataError, Problem
from helpers.data.paths import display_path, resolve_dir
from helpers.data.tables import read_table
from helpers.data.validate import validate
from helpers.extraction.joins import curated_joins
from helpers.extraction.review import DECISIONS
from helpers.text.normalize import fold_key

TABLES = ("actors.csv", "events.csv", "mentions.csv", "participants.csv")


@dataclass
class Plan:
    """The rows a merge appends to each curated table, and what they stand for."""

    rows: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in TABLES})
    new_events: list[str] = field(default_factory=list)
    joined: dict[str, str] = field(default_factory=dict)
    reused_actors: dict[str, str] = field(default_factory=dict)
    new_actors: list[str] = field(default_factory=list)
    skipped: int = 0

    def summary(self) -> list[str]:
        """What the merge adds, in lines for the terminal."""
        lines = [f"{len(self.new_events)} new event(s): {', '.join(self.new_events) or '-'}"]
        lines.append(
            f"{len(self.joined)} proposal(s) joining a curated event: "
            + (", ".join(f"{p} -> {c}" for p, c in self.joined.items()) or "-")
        )
        lines.append(
            f"{len(self.rows['mentions.csv'])} mention(s), {len(self.rows['participants.csv'])} participant(s)"
        )
        lines.append(
            f"{len(self.new_actors)} new actor(s): {', '.join(self.new_actors) or '-'}; "
            f"{len(self.reused_actors)} curated actor(s) reused"
        )
        if self.skipped:
            lines.append(f"{self.skipped} proposal(s) rejected or undecided, left out")
        return lines


def _read(folder: Path, name: str) -> pd.DataFrame:
    path = folder / name
    if not path.is_file():
        raise DataError(
            [
                Problem(
                    display_path(path),
                    None,
                    None,
                    "not found: expected a table of the draft or data folder",
                )
            ]
        )
    return read_table(path, dtype=str)


def _fresh(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... : the first not in ``taken`` (then taken)."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate


def accepted(draft: Path, accept_all: bool) -> tuple[list[str], int]:
    """The proposals to merge (``decision`` accept, or all but rejected with ``accept_all``) and
    how many are left out; an unknown decision is refused, naming its row."""
    review = _read(draft, "review.csv")
    if "decision" not in review:
        raise DataError(
            [
                Problem(
                    display_path(draft / "review.csv"),
                    None,
                    "decision",
                    "missing: expected a decision column (accept, reject or empty)",
                )
            ]
        )
    decisions = review["decision"].str.strip().str.lower()
    bad = [
        Problem(
            display_path(draft / "review.csv"),
            int(i) + 2,
            "decision",
            f"{review.at[i, 'decision']!r} is not a decision; expected accept, reject or empty",
        )
        for i, d in decisions.items()
        if d not in DECISIONS
    ]
    if bad:
        raise DataError(bad)
    keep = decisions != "reject" if accept_all else decisions == "accept"
    return list(review.loc[keep, "event_id"]), int((~keep).sum())


def _check_sources(draft: Path, data_dir: Path, articles: set[str]) -> None:
    ours = _read(data_dir / "raw", "articles.csv").set_index("article_id")["sha256"]
    theirs = _read(draft / "raw", "articles.csv").set_index("article_id")["sha256"]
    problems = []
    for aid in sorted(articles):
        if aid not in ours:
            problems.append(
                Problem(
                    display_path(data_dir / "raw" / "articles.csv"),
                    None,
                    "article_id",
                    f"{aid!r} of the draft is not in the corpus; add it first with python -m helpers add",
                )
            )
        elif theirs.get(aid) != ours[aid]:
            problems.append(
                Problem(
                    display_path(draft / "raw" / "articles.csv"),
                    None,
                    "sha256",
                    f"{aid!r} was drafted from another text than the corpus's; draft it again",
                )
            )
    if problems:
        raise DataError(problems)


def _actor_index(actors: pd.DataFrame) -> dict[str, str]:
    index: dict[str, str] = {}
    for r in actors.itertuples(index=False):
        for name in [r.name, *str(r.aliases).split("|")]:
            if name.strip():
                index.setdefault(fold_key(name), r.actor_id)
    return index


def plan_merge(draft: Path, data_dir: Path, accept_all: bool = False) -> Plan:
    """The rows the merge of ``draft`` into ``data_dir`` appends (nothing is written)."""
    ids, skipped = accepted(draft, accept_all)
    plan = Plan(skipped=skipped)
    cur = {t: _read(data_dir, t) for t in TABLES}
    dra = {t: _read(draft, t) for t in TABLES}
    events = dra["events.csv"][dra["events.csv"]["event_id"].isin(ids)]
    mentions = dra["mentions.csv"][dra["mentions.csv"]["event_id"].isin(ids)]
    _check_sources(draft, data_dir, set(mentions["article_id"]))
    seen = set(
        zip(
            cur["mentions.csv"]["article_id"],
            cur["mentions.csv"]["start"],
            cur["mentions.csv"]["end"],
            strict=True,
        )
    )
    again = [
        f"{a}[{s}:{e}]"
        for a, s, e in zip(mentions["article_id"], mentions["start"], mentions["end"], strict=True)
        if (a, s, e) in seen
    ]
    if again:
        raise DataError(
            [
                Problem(
                    display_path(data_dir / "mentions.csv"),
                    None,
                    "evidence",
                    f"already holds the draft's evidence {', '.join(again)}: this draft was merged already",
                )
            ]
        )
    joins = curated_joins(events, cur["events.csv"])
    event_ids, taken = {}, set(cur["events.csv"]["event_id"])
    for e in events.to_dict("records"):
        if e["event_id"] in joins:
            event_ids[e["event_id"]] = plan.joined[e["event_id"]] = joins[e["event_id"]]
        else:
            event_ids[e["event_id"]] = new = _fresh(e["event_id"], taken)
            plan.new_events.append(new)
            plan.rows["events.csv"].append({**e, "event_id": new})
    for m in mentions.to_dict("records"):
        plan.rows["mentions.csv"].append({**m, "event_id": event_ids[m["event_id"]]})
    parts = dra["participants.csv"][dra["participants.csv"]["event_id"].isin(ids)]
    actor_ids = _map_actors(plan, cur["actors.csv"], dra["actors.csv"], set(parts["actor_id"]))
    have = set(
        zip(cur["participants.csv"]["event_id"], cur["participants.csv"]["actor_id"], strict=True)
    )
    for p in parts.to_dict("records"):
        key = (event_ids[p["event_id"]], actor_ids[p["actor_id"]])
        if key not in have:
            have.add(key)
            plan.rows["participants.csv"].append({**p, "event_id": key[0], "actor_id": key[1]})
    return plan


def _map_actors(
    plan: Plan, curated: pd.DataFrame, drafted: pd.DataFrame, used: set[str]
) -> dict[str, str]:
    by_id = dict(zip(curated["actor_id"], curated["name"], strict=True))
    index = _actor_index(curated)
    taken = set(curated["actor_id"])
    mapping: dict[str, str] = {}
    for a in drafted[drafted["actor_id"].isin(used)].to_dict("records"):
        names = [a["name"], *a["aliases"].split("|")]
        if a["actor_id"] in by_id and fold_key(by_id[a["actor_id"]]) in {
            fold_key(n) for n in names
        }:
            mapping[a["actor_id"]] = a["actor_id"]
        elif hit := next(
            (index[k] for n in names if n.strip() and (k := fold_key(n)) in index), None
        ):
            mapping[a["actor_id"]] = hit
        else:
            mapping[a["actor_id"]] = new = _fresh(a["actor_id"], taken)
            plan.new_actors.append(new)
            plan.rows["actors.csv"].append({**a, "actor_id": new})
            continue
        plan.reused_actors[a["actor_id"]] = mapping[a["actor_id"]]
    return mapping


def appended(path: Path, rows: list[dict]) -> bytes:
    """The bytes of the CSV ``path`` with ``rows`` added at the end (its own bytes unchanged)."""
    old = path.read_bytes()
    header = list(read_table(path, dtype=str).columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([row.get(c, "") for c in header])
    sep = b"" if not old or old.endswith(b"\n") else b"\n"
    return old + sep + out.getvalue().encode("utf-8")


def _move(src: Path, dst: Path) -> None:
    os.replace(src, dst)


def apply(plan: Plan, data_dir: Path) -> list[str]:
    """Write the merged tables beside ``data_dir``, validate them, then move them in; return
    the tables replaced. ``data_dir`` is left as it was when validation or a move fails."""
    changed = [t for t in TABLES if plan.rows[t]]
    if not changed:
        return []
    stage = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.merge.", dir=data_dir.parent))
    try:
        merged = stage / "merged"
        shutil.copytree(data_dir, merged, ignore=shutil.ignore_patterns("interim"), symlinks=True)
        for t in changed:
            (merged / t).write_bytes(appended(data_dir / t, plan.rows[t]))
        problems = validate(merged)
        if problems:
            raise DataError(
                problems, f"the merged tables ({display_path(data_dir)} left unchanged)"
            )
        backup = stage / "backup"
        backup.mkdir()
        for t in changed:
            shutil.copy2(data_dir / t, backup / t)
        moved: list[str] = []
        try:
            for t in changed:
                _move(merged / t, data_dir / t)
                moved.append(t)
        except BaseException:
            for t in moved:
                os.replace(backup / t, data_dir / t)
            raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return changed


def cli(argv: list[str], prog: str = "merge") -> int:
    """Parse the arguments, plan, validate and merge; return the exit status."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Merge the accepted proposals of a reviewed draft into the curated tables.",
    )
    parser.add_argument(
        "draft", help="draft folder written by python -m helpers extract (with review.csv)"
    )
    parser.add_argument(
        "--data-dir", default=None, help="curated data folder (default: the project's data/)"
    )
    parser.add_argument(
        "--accept-all", action="store_true", help="merge every proposal not marked reject"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would be added; write nothing"
    )
    args = parser.parse_args(argv)
    data_dir = resolve_dir(args.data_dir, "data")
    draft = resolve_dir(args.draft, "data")
    if not (draft / "review.csv").is_file():
        raise DataError(
            [
                Problem(
                    display_path(draft),
                    None,
                    None,
                    "is not a draft folder: expected review.csv from python -m helpers extract",
                )
            ]
        )
    plan = plan_merge(draft, data_dir, args.accept_all)
    verb = "would add" if args.dry_run else "adds"
    print(f"merge of {display_path(draft)} into {display_path(data_dir)} {verb}:")
    for line in plan.summary():
        print(f"  {line}")
    if args.dry_run:
        print("dry run: nothing written")
        return 0
    changed = apply(plan, data_dir)
    if not changed:
        print(
            "nothing to merge: no proposal is accepted (fill in the decision column of review.csv, or --accept-all)"
        )
        return 0
    print(f"wrote {', '.join(changed)} of {display_path(data_dir)}; valid")
    return 0

"""``python -m helpers evaluate --gold DIR --pred DIR``: score draft tables against curated ones.

Definitions (also printed under the table):

- A predicted event **matches** a gold event when they have the same type family (encounters:
  meeting, visit, summit, joint commission; each other type is its own family), the same set of
  partners, compatible dates (their intervals overlap, or both are undated) and at least one
  source article in common. Each event matches at most one other; among the possible pairings
  the one with most matches is kept, preferring the same type, the exact date and overlapping
  evidence (an assignment solved by scipy).
- **Precision** = matches / predicted events; **recall** = matches / gold events; **F1** their
  harmonic mean.
- **Exact-date accuracy**: share of matched events whose ``date_start`` and ``date_end`` strings
  are identical (both empty counts as identical).
- **Type accuracy**: share of matched events with the same ``event_type``.
- **Partner accuracy**: events are paired as for a match but without the partner condition;
  the share of those pairs with the same set of partners.
- **Years not in the text**: predicted dated events whose year is written in none of their
  source articles (title or body) and is not read from the publication date (its year, or the
  year before or after for a relative or inferred date such as ``l'an dernier``); it should be zero.
- **Participant recall**: of the gold participants of matched events, the share found among
  the participants of the predicted event (same actor id, or a name or alias in common, folded);
  **role accuracy** is the share of those found with the same role.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data.events import Tables, load
from helpers.data.outputs import check_output, csv_with_header, write_csv
from helpers.data.paths import display_path, resolve_dir
from helpers.data.tables import rows
from helpers.extraction.date_values import YEAR, unwritten_years
from helpers.text.normalize import fold_key

FAMILIES = {
    "meeting": "encounter",
    "visit": "encounter",
    "summit": "encounter",
    "joint_commission": "encounter",
}
METRIC_COLUMNS = ["metric", "value", "numerator", "denominator"]
PAIR_COLUMNS = [
    "gold_event",
    "pred_event",
    "gold_type",
    "pred_type",
    "same_type",
    "exact_date",
    "same_partners",
]
FOOTER = (
    "match: same type family (meeting/visit/summit/joint commission are one family), same partners, "
    "compatible dates (intervals overlap, or both undated), a source article in common; one-to-one.",
    "exact date: same date_start and date_end strings. partner accuracy: pairs formed without the "
    "partner condition that have the same partners.",
    "years not in the text: dated predictions whose year no source article writes or publishes "
    "(should be 0).",
    "participant recall: gold participants of matched events found in the matched prediction (same id, "
    "or a name/alias in common, case and accents folded); role accuracy among those found.",
)


def family(event_type: str) -> str:
    """The type family used for matching: encounters are one family, other types their own."""
    return FAMILIES.get(str(event_type), str(event_type))


def _as_tables(value: Tables | str | Path) -> Tables:
    return value if isinstance(value, Tables) else load(value)


def _candidates(g: Tables, p: Tables, partners: bool) -> pd.DataFrame:
    """Gold-predicted pairs that may match: a source article in common, the same type family,
    compatible dates and (with ``partners``) the same partners; with a score that prefers the
    same type, the exact date, overlapping evidence and the same partners."""
    gm = g.mentions[["event_id", "article_id", "start", "end"]]
    pm = p.mentions[["event_id", "article_id", "start", "end"]]
    shared = gm.merge(pm, on="article_id", suffixes=("_g", "_p"))
    shared["overlap"] = (shared["start_g"] < shared["end_p"]) & (
        shared["start_p"] < shared["end_g"]
    )
    pairs = shared.groupby(["event_id_g", "event_id_p"], as_index=False)["overlap"].any()
    cols = ["event_id", "event_type", "partner_list", "date_start", "date_end", "dated", "lo", "hi"]
    ge = g.events[cols].rename(columns=lambda c: f"{c}_g")
    pe = p.events[cols].rename(columns=lambda c: f"{c}_p")
    pairs = pairs.merge(ge, on="event_id_g").merge(pe, on="event_id_p")
    if pairs.empty:
        return pairs.assign(
            score=pd.Series(dtype=float),
            same_type=pd.Series(dtype=bool),
            exact_date=pd.Series(dtype=bool),
            same_partners=pd.Series(dtype=bool),
        )
    fam_g = pairs["event_type_g"].astype(str).map(family)
    fam_p = pairs["event_type_p"].astype(str).map(family)
    same_partners = pairs["partner_list_g"].map(frozenset) == pairs["partner_list_p"].map(frozenset)
    both_undated = ~pairs["dated_g"] & ~pairs["dated_p"]
    overlap_dates = (
        pairs["dated_g"]
        & pairs["dated_p"]
        & (pairs["lo_g"] <= pairs["hi_p"])
        & (pairs["lo_p"] <= pairs["hi_g"])
    )
    keep = (fam_g == fam_p) & (both_undated | overlap_dates.fillna(False).astype(bool))
    if partners:
        keep &= same_partners
    pairs = pairs.assign(
        same_type=pairs["event_type_g"].astype(str) == pairs["event_type_p"].astype(str),
        exact_date=(pairs["date_start_g"] == pairs["date_start_p"])
        & (pairs["date_end_g"] == pairs["date_end_p"]),
        same_partners=same_partners,
    )[keep]
    pairs["score"] = (
        10
        + 2 * pairs["same_type"]
        + pairs["exact_date"]
        + pairs["overlap"]
        + pairs["same_partners"]
    )
    return pairs.reset_index(drop=True)


def match_events(
    gold: Tables | str | Path, pred: Tables | str | Path, partners: bool = True
) -> pd.DataFrame:
    """The one-to-one pairs of gold and predicted events (see module doc); ``partners=False``
    drops the partner condition (used for partner accuracy). The assignment is solved on each
    connected group of candidate pairs, so it scales with the corpus."""
    import networkx as nx  # imported here: the extraction imports this module without matching
    from scipy.optimize import linear_sum_assignment

    g, p = _as_tables(gold), _as_tables(pred)
    cand = _candidates(g, p, partners)
    columns = PAIR_COLUMNS
    graph = nx.Graph()
    graph.add_edges_from(zip("g" + cand["event_id_g"], "p" + cand["event_id_p"], strict=True))
    index = {
        (a, b): i
        for i, (a, b) in enumerate(zip(cand["event_id_g"], cand["event_id_p"], strict=True))
    }
    chosen: list[int] = []
    for component in nx.connected_components(graph):
        golds = sorted(n[1:] for n in component if n[0] == "g")
        preds = sorted(n[1:] for n in component if n[0] == "p")
        score = np.zeros((len(golds), len(preds)))
        for i, a in enumerate(golds):
            for j, b in enumerate(preds):
                if (a, b) in index:
                    score[i, j] = cand.at[index[(a, b)], "score"]
        rows, cols = linear_sum_assignment(score, maximize=True)
        chosen += [
            index[(golds[i], preds[j])] for i, j in zip(rows, cols, strict=True) if score[i, j] > 0
        ]
    out = cand.loc[sorted(chosen)].rename(
        columns={"event_id_g": "gold_event", "event_id_p": "pred_event"}
    )
    out["gold_type"] = out["event_type_g"].astype(str)
    out["pred_type"] = out["event_type_p"].astype(str)
    return out.reindex(columns=columns).sort_values("gold_event").reset_index(drop=True)


def _actor_keys(t: Tables) -> pd.DataFrame:
    """(actor_id, key) rows: the id itself and each folded name and alias."""
    rows = [(r.actor_id, f"id:{r.actor_id}") for r in t.actors.itertuples(index=False)]
    rows += [
        (r.actor_id, f"name:{fold_key(n)}")
        for r in t.actors.itertuples(index=False)
        for n in (r.name, *r.alias_list)
    ]
    return pd.DataFrame(rows, columns=["actor_id", "key"]).drop_duplicates()


def _participants(gold: Tables, pred: Tables, pairs: pd.DataFrame) -> tuple[int, int, int]:
    """(gold participants of matched events, of them found, of them with the same role)."""
    gp = gold.participants.merge(
        pairs[["gold_event", "pred_event"]], left_on="event_id", right_on="gold_event"
    )
    gp = gp[["gold_event", "pred_event", "actor_id", "role"]]
    gk = gp.merge(_actor_keys(gold), on="actor_id")
    pk = pred.participants.rename(columns={"event_id": "pred_event"}).merge(
        _actor_keys(pred), on="actor_id"
    )
    hits = gk.merge(
        pk[["pred_event", "key", "role"]], on=["pred_event", "key"], suffixes=("", "_pred")
    )
    who = ["gold_event", "actor_id", "role"]
    found = len(hits.drop_duplicates(who))
    same_role = len(hits[hits["role"] == hits["role_pred"]].drop_duplicates(who))
    return len(gp), found, same_role


def unsupported_years(pred: Tables | str | Path) -> pd.DataFrame:
    """The predicted events with a year their source articles do not give: not written in the
    title or body of any of them, and not read from a publication date (its year, or the year
    before when ``date_basis`` is ``relative`` or ``inferred``). Columns ``event_id``, ``year``."""
    p = _as_tables(pred)
    sources = p.mentions.groupby("event_id")["article_id"].agg(lambda s: sorted(set(s)))
    meta = p.articles.set_index("article_id")
    written: dict[str, set[str]] = {}
    found = []
    for ev in rows(p.events):
        start, end = (d if isinstance(d, str) else "" for d in (ev.date_start, ev.date_end))
        if not (start or end):
            continue
        ids = sources.get(ev.event_id, [])
        for aid in ids:
            if aid not in written:
                written[aid] = set(YEAR.findall(f"{meta.at[aid, 'title']}\n{p.text(aid)}"))
        years = unwritten_years(
            start,
            end,
            ev.date_basis,
            set().union(*(written[a] for a in ids)),
            [str(meta.at[a, "published"]) for a in ids],
        )
        found += [{"event_id": ev.event_id, "year": y} for y in years]
    return pd.DataFrame(found, columns=["event_id", "year"])


def _ratio(n: int, d: int) -> float:
    return round(n / d, 3) if d else float("nan")


def evaluate(gold: Tables | str | Path, pred: Tables | str | Path) -> pd.DataFrame:
    """Event precision, recall and F1, type, exact-date and partner accuracy, participant recall
    and role accuracy of ``pred`` against ``gold`` (definitions in the module doc)."""
    g, p = _as_tables(gold), _as_tables(pred)
    pairs = match_events(g, p)
    relaxed = match_events(g, p, partners=False)
    n_gold, n_pred, n_match = len(g.events), len(p.events), len(pairs)
    precision, recall = _ratio(n_match, n_pred), _ratio(n_match, n_gold)
    f1 = round(2 * n_match / (n_gold + n_pred), 3) if n_gold + n_pred else float("nan")
    total, found, same_role = _participants(g, p, pairs)
    dated = int(
        ((p.events["date_start"].fillna("") != "") | (p.events["date_end"].fillna("") != "")).sum()
    )
    unsupported = unsupported_years(p)["event_id"].nunique()
    rows = [
        ("gold events", n_gold, n_gold, None),
        ("predicted events", n_pred, n_pred, None),
        ("matched events", n_match, n_match, None),
        ("event precision", precision, n_match, n_pred),
        ("event recall", recall, n_match, n_gold),
        ("event F1", f1, 2 * n_match, n_gold + n_pred),
        (
            "type accuracy",
            _ratio(int(pairs["same_type"].sum()), n_match),
            int(pairs["same_type"].sum()),
            n_match,
        ),
        (
            "exact-date accuracy",
            _ratio(int(pairs["exact_date"].sum()), n_match),
            int(pairs["exact_date"].sum()),
            n_match,
        ),
        (
            "partner accuracy",
            _ratio(int(relaxed["same_partners"].sum()), len(relaxed)),
            int(relaxed["same_partners"].sum()),
            len(relaxed),
        ),
        ("years not in the text", unsupported, unsupported, dated),
        ("participant recall", _ratio(found, total), found, total),
        ("role accuracy", _ratio(same_role, found), same_role, found),
    ]
    out = pd.DataFrame(rows, columns=METRIC_COLUMNS)
    out["denominator"] = out["denominator"].astype("Int64")
    out["numerator"] = out["numerator"].astype("Int64")
    return out


def by_type(gold: Tables | str | Path, pred: Tables | str | Path) -> pd.DataFrame:
    """Per gold or predicted ``event_type``: gold and predicted events, matches (a match counts
    for the gold event's type), precision, recall and F1."""
    g, p = _as_tables(gold), _as_tables(pred)
    pairs = match_events(g, p)
    n_gold = g.events["event_type"].astype(str).value_counts()
    n_pred = p.events["event_type"].astype(str).value_counts()
    hits_g = pairs["gold_type"].value_counts()
    hits_p = pairs["pred_type"].value_counts()
    rows = []
    for t in sorted(set(n_gold.index) | set(n_pred.index)):
        ng, npred = int(n_gold.get(t, 0)), int(n_pred.get(t, 0))
        mg, mp = int(hits_g.get(t, 0)), int(hits_p.get(t, 0))
        f1 = round((mg + mp) / (ng + npred), 3) if ng + npred else float("nan")
        rows.append((t, ng, npred, mg, _ratio(mp, npred), _ratio(mg, ng), f1))
    return pd.DataFrame(
        rows, columns=["event_type", "gold", "predicted", "matched", "precision", "recall", "F1"]
    )


def format_by_type(table: pd.DataFrame) -> str:
    """The per-type table, fixed width."""
    lines = [
        f"{'event type':<24}{'gold':>6}{'pred':>6}{'match':>7}{'prec':>7}{'rec':>7}{'F1':>7}",
        "-" * 64,
    ]
    for r in table.itertuples(index=False):
        cells = ["n/a" if pd.isna(v) else f"{v:.3f}" for v in (r.precision, r.recall, r.F1)]
        lines.append(
            f"{r.event_type:<24}{r.gold:>6}{r.predicted:>6}{r.matched:>7}{cells[0]:>7}{cells[1]:>7}{cells[2]:>7}"
        )
    lines.append(
        "F1 per type: matches counted on both sides (gold type for recall, predicted type for precision)."
    )
    return "\n".join(lines)


def format_table(metrics: pd.DataFrame) -> str:
    """The metrics as a fixed-width table with the definitions as footer."""
    lines = [f"{'metric':<22}{'value':>9}{'count':>12}", "-" * 43]
    for r in metrics.itertuples(index=False):
        if pd.isna(r.denominator):
            lines.append(f"{r.metric:<22}{int(r.value):>9d}{'':>12}")
        else:
            value = "n/a" if pd.isna(r.value) else f"{r.value:.3f}"
            lines.append(f"{r.metric:<22}{value:>9}{f'{r.numerator}/{r.denominator}':>12}")
    lines.append("-" * 43)
    lines.extend(FOOTER)
    return "\n".join(lines)


def cli(argv: list[str], prog: str = "evaluate") -> int:
    """Print the metrics of ``--pred`` against ``--gold``; write them as CSV with ``--out``."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Score draft tables (e.g. from extract) against curated tables: event precision, recall and F1, "
        "exact-date, type and partner accuracy, participant recall. Relative paths are taken from the project root.",
    )
    parser.add_argument("--gold", required=True, help="curated data folder (e.g. data)")
    parser.add_argument(
        "--pred", required=True, help="draft data folder (e.g. data/interim/extract)"
    )
    parser.add_argument(
        "--out",
        default=None,
        help="write the metrics to this CSV file (new, or one evaluate wrote)",
    )
    parser.add_argument(
        "--pairs",
        default=None,
        help="write the matched event pairs to this CSV file (new, or one evaluate wrote)",
    )
    parser.add_argument(
        "--no-validate", action="store_true", help="read both folders without validating them first"
    )
    parser.add_argument(
        "--by-type", action="store_true", help="also print precision, recall and F1 per event type"
    )
    args = parser.parse_args(argv)
    targets = {}
    for option, value, columns, what in (
        ("--out", args.out, METRIC_COLUMNS, "a metrics table of evaluate"),
        ("--pairs", args.pairs, PAIR_COLUMNS, "a pairs table of evaluate"),
    ):
        if value:
            targets[option] = check_output(
                resolve_dir(value, "tables"), option, "file", csv_with_header(columns), what
            )
    if len(set(targets.values())) < len(targets):
        parser.error("--out and --pairs name the same file")
    check = not args.no_validate
    gold, pred = (
        load(resolve_dir(args.gold, "data"), validate=check),
        load(resolve_dir(args.pred, "data"), validate=check),
    )
    metrics = evaluate(gold, pred)
    print(f"{display_path(pred.data_dir)} against {display_path(gold.data_dir)}")
    print(format_table(metrics))
    if args.by_type:
        print()
        print(format_by_type(by_type(gold, pred)))
    if "--out" in targets:
        write_csv(metrics, targets["--out"])
        print(f"wrote {display_path(targets['--out'])}")
    if "--pairs" in targets:
        write_csv(match_events(gold, pred), targets["--pairs"])
        print(f"wrote {display_path(targets['--pairs'])}")
    return 0

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
- **Participant recall**: of the gold participants of matched events, the share found among
  the participants of the predicted event (same actor id, or a name or alias in common, folded);
  **role accuracy** is the share of those found with the same role.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from .events import Tables, load
from .extraction.normalize import fold_key
from .paths import display_path, resolve_dir

FAMILIES = {
    "meeting": "encounter",
    "visit": "encounter",
    "summit": "encounter",
    "joint_commission": "encounter",
}
METRIC_COLUMNS = ["metric", "value", "numerator", "denominator"]
FOOTER = (
    "match: same type family (meeting/visit/summit/joint commission are one family), same partners, "
    "compatible dates (intervals overlap, or both undated), a source article in common; one-to-one.",
    "exact date: same date_start and date_end strings. partner accuracy: pairs formed without the "
    "partner condition that have the same partners.",
    "participant recall: gold participants of matched events found in the matched prediction (same id, "
    "or a name/alias in common, case and accents folded); role accuracy among those found.",
)


def family(event_type: str) -> str:
    """The type family used for matching: encounters are one family, other types their own."""
    return FAMILIES.get(str(event_type), str(event_type))


def _as_tables(value: Tables | str | Path) -> Tables:
    return value if isinstance(value, Tables) else load(value)


def _articles(t: Tables) -> dict[str, set[str]]:
    return t.mentions.groupby("event_id")["article_id"].agg(set).to_dict()


def _spans(t: Tables) -> dict[str, list[tuple[str, int, int]]]:
    out: dict[str, list[tuple[str, int, int]]] = {}
    for r in t.mentions.itertuples(index=False):
        out.setdefault(r.event_id, []).append((r.article_id, int(r.start), int(r.end)))
    return out


def _compatible(g: pd.Series, p: pd.Series) -> bool:
    if not g["dated"] and not p["dated"]:
        return True
    if g["dated"] != p["dated"]:
        return False
    return bool(g["lo"] <= p["hi"] and p["lo"] <= g["hi"])


def match_events(gold: Tables | str | Path, pred: Tables | str | Path, partners: bool = True) -> pd.DataFrame:
    """The one-to-one pairs of gold and predicted events (see module doc); ``partners=False``
    drops the partner condition (used for partner accuracy)."""
    g, p = _as_tables(gold), _as_tables(pred)
    ge, pe = g.events.reset_index(drop=True), p.events.reset_index(drop=True)
    g_art, p_art = _articles(g), _articles(p)
    g_sp, p_sp = _spans(g), _spans(p)
    score = np.zeros((len(ge), len(pe)))
    for i, gr in ge.iterrows():
        for j, pr in pe.iterrows():
            if family(gr["event_type"]) != family(pr["event_type"]):
                continue
            if partners and set(gr["partner_list"]) != set(pr["partner_list"]):
                continue
            if not g_art.get(gr["event_id"], set()) & p_art.get(pr["event_id"], set()):
                continue
            if not _compatible(gr, pr):
                continue
            overlap = any(a == b and s1 < e2 and s2 < e1 for a, s1, e1 in g_sp.get(gr["event_id"], []) for b, s2, e2 in p_sp.get(pr["event_id"], []))
            exact = gr["date_start"] == pr["date_start"] and gr["date_end"] == pr["date_end"]
            same_type = str(gr["event_type"]) == str(pr["event_type"])
            score[i, j] = 10 + 2 * same_type + exact + overlap + (set(gr["partner_list"]) == set(pr["partner_list"]))
    columns = ["gold_event", "pred_event", "gold_type", "pred_type", "same_type", "exact_date", "same_partners"]
    if not len(ge) or not len(pe):
        return pd.DataFrame(columns=columns)
    rows, cols = linear_sum_assignment(score, maximize=True)
    pairs = []
    for i, j in zip(rows, cols, strict=True):
        if score[i, j] <= 0:
            continue
        gr, pr = ge.iloc[i], pe.iloc[j]
        pairs.append({
            "gold_event": gr["event_id"], "pred_event": pr["event_id"],
            "gold_type": str(gr["event_type"]), "pred_type": str(pr["event_type"]),
            "same_type": str(gr["event_type"]) == str(pr["event_type"]),
            "exact_date": gr["date_start"] == pr["date_start"] and gr["date_end"] == pr["date_end"],
            "same_partners": set(gr["partner_list"]) == set(pr["partner_list"]),
        })
    return pd.DataFrame(pairs, columns=columns).sort_values("gold_event").reset_index(drop=True)


def _actor_keys(t: Tables) -> dict[str, set[str]]:
    return {
        r.actor_id: {fold_key(r.name), *(fold_key(a) for a in r.alias_list)}
        for r in t.actors.itertuples(index=False)
    }


def _participants(gold: Tables, pred: Tables, pairs: pd.DataFrame) -> tuple[int, int, int]:
    """(gold participants of matched events, of them found, of them with the same role)."""
    gk, pk = _actor_keys(gold), _actor_keys(pred)
    total = found = same_role = 0
    for pair in pairs.itertuples(index=False):
        gp = gold.participants[gold.participants["event_id"] == pair.gold_event]
        pp = pred.participants[pred.participants["event_id"] == pair.pred_event]
        for gr in gp.itertuples(index=False):
            total += 1
            hits = [pr for pr in pp.itertuples(index=False) if pr.actor_id == gr.actor_id or gk.get(gr.actor_id, set()) & pk.get(pr.actor_id, set())]
            if hits:
                found += 1
                same_role += any(h.role == gr.role for h in hits)
    return total, found, same_role


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
    rows = [
        ("gold events", n_gold, n_gold, None),
        ("predicted events", n_pred, n_pred, None),
        ("matched events", n_match, n_match, None),
        ("event precision", precision, n_match, n_pred),
        ("event recall", recall, n_match, n_gold),
        ("event F1", f1, 2 * n_match, n_gold + n_pred),
        ("type accuracy", _ratio(int(pairs["same_type"].sum()), n_match), int(pairs["same_type"].sum()), n_match),
        ("exact-date accuracy", _ratio(int(pairs["exact_date"].sum()), n_match), int(pairs["exact_date"].sum()), n_match),
        ("partner accuracy", _ratio(int(relaxed["same_partners"].sum()), len(relaxed)), int(relaxed["same_partners"].sum()), len(relaxed)),
        ("participant recall", _ratio(found, total), found, total),
        ("role accuracy", _ratio(same_role, found), same_role, found),
    ]
    out = pd.DataFrame(rows, columns=METRIC_COLUMNS)
    out["denominator"] = out["denominator"].astype("Int64")
    out["numerator"] = out["numerator"].astype("Int64")
    return out


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
    parser.add_argument("--pred", required=True, help="draft data folder (e.g. data/interim/extract)")
    parser.add_argument("--out", default=None, help="write the metrics to this CSV file")
    parser.add_argument("--pairs", default=None, help="write the matched event pairs to this CSV file")
    args = parser.parse_args(argv)
    gold, pred = load(resolve_dir(args.gold, "data")), load(resolve_dir(args.pred, "data"))
    metrics = evaluate(gold, pred)
    print(f"{display_path(pred.data_dir)} against {display_path(gold.data_dir)}")
    print(format_table(metrics))
    if args.out:
        path = resolve_dir(args.out, "tables")
        path.parent.mkdir(parents=True, exist_ok=True)
        metrics.to_csv(path, index=False)
        print(f"wrote {display_path(path)}")
    if args.pairs:
        path = resolve_dir(args.pairs, "tables")
        path.parent.mkdir(parents=True, exist_ok=True)
        match_events(gold, pred).to_csv(path, index=False)
        print(f"wrote {display_path(path)}")
    return 0

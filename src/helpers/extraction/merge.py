"""Across articles: one event per real-world event, one actor per person, then the tables.

Two articles report the same event when the events have the same type and partners and either
the same session number with compatible dates, or overlapping dates precise to the day or month
(to the year for agreements and institutions, which a partnership rarely has twice in a year).
Undated events without a session number are never merged across articles: nothing says they
are the same; nor are events whose reports both name people but no person in common. New people are one actor across articles when their folded names match fuzzily
(:data:`~.actors.FUZZY_THRESHOLD`).

Confidence of a proposed event, in [0, 1] (:func:`confidence`): 0.35, plus 0.2 when the evidence
sentence itself names the partner, 0.2 for a stated date (0.1 for a relative or inferred one),
0.1 for two or more evidence sentences, 0.1 when two or more articles report it, 0.05 when a
person is identified; minus 0.15 when a stated weekday contradicts the date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz

from helpers.data.countries import french_name, is_country, partner_name, read_registry, split_codes
from helpers.extraction.actors import (
    ACTOR_COLUMNS,
    FUZZY_THRESHOLD,
    Registry,
    display_name,
    new_person_id,
)
from helpers.extraction.article import ArticleResult
from helpers.extraction.dates import DateValue, bounds_of
from helpers.text.normalize import fold_key, slug

EVENT_COLUMNS = [
    "event_id",
    "event_type",
    "cameo_code",
    "partners",
    "date_start",
    "date_end",
    "date_precision",
    "date_basis",
    "date_text",
    "location_city",
    "location_country",
    "session_number",
    "factuality",
    "agreement_id",
    "title",
    "notes",
]
MENTION_COLUMNS = ["event_id", "article_id", "evidence", "start", "end"]
PARTICIPANT_COLUMNS = ["event_id", "actor_id", "role", "title"]
REVIEW_COLUMNS = [
    "event_id",
    "confidence",
    "event_type",
    "partners",
    "date_start",
    "date_end",
    "date_precision",
    "date_basis",
    "date_text",
    "factuality",
    "people",
    "article_id",
    "evidence",
    "start",
    "end",
    "mentions",
    "articles",
    "reasons",
    "notes",
]
LABELS = {
    "meeting": "Meeting",
    "visit": "Visit",
    "joint_commission": "Joint commission session",
    "agreement_signature": "Agreement signature",
    "agreement_ratification": "Agreement ratification",
    "summit": "Summit",
    "institution_creation": "Joint institution created",
    "delivery": "Equipment delivery",
    "training": "Training",
    "joint_operation": "Joint operation",
    "statement": "Statement",
    "agreement_termination": "Agreement ended",
    "withdrawal": "Withdrawal",
    "relations_break": "Diplomatic break",
    "suspension": "Cooperation suspended",
    "other": "Event",
}
_YEAR_OK = ("agreement_signature", "agreement_ratification", "institution_creation")
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}
_BASIS_RANK = {"stated": 3, "relative": 2, "inferred": 1, "": 0}
_ROLE_RANK = ("chair", "head_of_delegation", "signatory", "host", "guest", "speaker", "participant")


@dataclass
class Draft:
    """The draft tables (contract columns) and the review sheet rows with their highlights."""

    events: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    participants: pd.DataFrame
    review: pd.DataFrame
    highlights: dict[tuple[str, int, int], list[tuple[int, int, str]]]


def _value(ev: dict) -> DateValue:
    return DateValue(
        ev["date_start"], ev["date_end"], ev["date_precision"], ev["date_basis"], ev["date_text"]
    )


def same_event(a: dict, b: dict) -> bool:
    """True when two events from different articles are one real-world event (see module doc)."""
    if (
        a["event_type"] != b["event_type"]
        or a["partners"] != b["partners"]
        or a["article_id"] == b["article_id"]
    ):
        return False
    people_a, people_b = set(a.get("person_keys", [])), set(b.get("person_keys", []))
    if people_a and people_b and not people_a & people_b:
        return False
    va, vb = _value(a), _value(b)
    if a["session_number"] and b["session_number"]:
        if a["session_number"] != b["session_number"]:
            return False
        if not (va.dated and vb.dated):
            return True
    elif not (va.dated and vb.dated):
        return False
    ba, bb = bounds_of(va), bounds_of(vb)
    assert ba and bb
    if not (ba[0] <= bb[1] and bb[0] <= ba[1]):
        return False
    if a["session_number"] and b["session_number"]:
        return True
    precise = {"day", "month"}
    return a["event_type"] in _YEAR_OK or (va.precision in precise and vb.precision in precise)


def _days_agree(events: list[dict], a: list[int], b: list[int]) -> bool:
    """Whether two groups may join: no two of their members dated to the day fall apart (a
    month-dated report does not bridge two distinct days)."""
    days = [
        bounds_of(_value(events[k]))
        for k in (*a, *b)
        if events[k]["date_precision"] == "day" and events[k]["date_start"]
    ]
    return all(
        x[0] <= y[1] and y[0] <= x[1] for n, x in enumerate(days) for y in days[n + 1 :] if x and y
    )


def _groups(events: list[dict]) -> list[list[int]]:
    """Union-find over events that are the same real-world event."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[tuple[str, str], list[int]] = {}
    for i, ev in enumerate(events):
        by_key.setdefault((ev["event_type"], ev["partners"]), []).append(i)
    members_of: dict[int, list[int]] = {i: [i] for i in range(len(events))}
    for members in by_key.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                ri, rj = find(i), find(j)
                if (
                    ri != rj
                    and same_event(events[i], events[j])
                    and _days_agree(events, members_of[ri], members_of[rj])
                ):
                    parent[rj] = ri
                    members_of[ri] += members_of.pop(rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(events)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def confidence(
    partner_in_sentence: bool,
    basis: str,
    mentions: int,
    articles: int,
    people: bool,
    date_warning: bool,
) -> tuple[float, str]:
    """The review confidence of an event and the reasons that make it (see module doc)."""
    score, reasons = 0.35, ["base 0.35"]
    if partner_in_sentence:
        score += 0.2
        reasons.append("partner named in the evidence +0.2")
    if basis == "stated":
        score += 0.2
        reasons.append("date stated +0.2")
    elif basis in ("relative", "inferred"):
        score += 0.1
        reasons.append(f"date {basis} +0.1")
    if mentions >= 2:
        score += 0.1
        reasons.append("2+ evidence sentences +0.1")
    if articles >= 2:
        score += 0.1
        reasons.append("2+ articles +0.1")
    if people:
        score += 0.05
        reasons.append("person identified +0.05")
    if date_warning:
        score -= 0.15
        reasons.append("weekday contradicts the date -0.15")
    return round(min(1.0, max(0.0, score)), 2), "; ".join(reasons)


def _actor_ids(
    results: Iterable[ArticleResult], registry: Registry
) -> tuple[dict[str, str], list[dict]]:
    """Final actor ids for every actor key seen, and the rows of actors not in the registry."""
    taken = set(registry.ids())
    mapping: dict[str, str] = {}
    rows: list[dict] = []
    people: list[tuple[str, dict]] = []
    institutions: dict[str, list[tuple[str, dict]]] = {}
    for res in results:
        for key, info in res.actors.items():
            if key in mapping:
                continue
            if not key.startswith("new:"):
                mapping[key] = key
                if info["kind"] == "country" and key not in taken:
                    taken.add(key)
                    state = is_country(key)
                    name = french_name(key) if state else partner_name(key, read_registry())
                    rows.append(
                        {
                            "actor_id": key,
                            "name": name,
                            "kind": "country" if state else "institution",
                            "country": key if state else "",
                            "aliases": name,
                        }
                    )
                continue
            if info["kind"] == "person":
                people.append((key, info))
            else:
                institutions.setdefault(info["key"], []).append((key, info))
    clusters: list[list[tuple[str, dict]]] = []
    for key, info in sorted(people, key=lambda p: p[0]):
        home = next(
            (
                c
                for c in clusters
                if fuzz.token_sort_ratio(c[0][1]["key"], info["key"]) >= FUZZY_THRESHOLD
            ),
            None,
        )
        if home is None:
            clusters.append([(key, info)])
        else:
            home.append((key, info))
    for cluster in clusters:
        surfaces = list(dict.fromkeys(s for _, info in cluster for s in info["surfaces"]))
        name = display_name(
            max(surfaces, key=lambda s: (len(s.split()), sum(c.islower() for c in s), s))
        )
        actor_id = new_person_id(name, taken)
        taken.add(actor_id)
        country = next((info["country"] for _, info in cluster if is_country(info["country"])), "")
        rows.append(
            {
                "actor_id": actor_id,
                "name": name,
                "kind": "person",
                "country": country,
                "aliases": "|".join(sorted(surfaces)),
            }
        )
        for key, _ in cluster:
            mapping[key] = actor_id
    for _, members in sorted(institutions.items()):
        surfaces = list(dict.fromkeys(s for _, info in members for s in info["surfaces"]))
        name = max(surfaces, key=lambda s: (len(s), s))
        actor_id = new_person_id(name, taken)
        taken.add(actor_id)
        country = next(
            (info["country"] for _, info in members if is_country(info["country"])), ""
        )  # an organisation's body has no country
        rows.append(
            {
                "actor_id": actor_id,
                "name": name,
                "kind": "institution",
                "country": country,
                "aliases": "|".join(sorted(surfaces)),
            }
        )
        for key, _ in members:
            mapping[key] = actor_id
    return mapping, rows


def merge_articles(results: list[ArticleResult], registry: Registry) -> Draft:
    """The draft tables from every article's result: events merged across articles, final ids."""
    results = sorted(results, key=lambda r: r.article_id)
    events = [ev for r in results for ev in r.events]
    mentions = [m for r in results for m in r.mentions]
    participants = [p for r in results for p in r.participants]
    mapping, new_actor_rows = _actor_ids(results, registry)
    for ev in events:
        ev["person_keys"] = sorted({mapping[k] for k in ev["people"] if k in mapping})

    groups = _groups(events)
    final: list[dict] = []
    for members in groups:
        evs = [events[i] for i in members]
        primary = min(
            evs,
            key=lambda e: (
                -_PRECISION_RANK[e["date_precision"]],
                -_BASIS_RANK[e["date_basis"]],
                e["article_id"],
                e["first"],
            ),
        )
        merged = dict(primary)
        for key in ("location_city", "location_country", "session_number", "cameo_code"):
            if not merged[key]:
                merged[key] = next((e[key] for e in evs if e[key]), "")
        if merged["location_city"] and not merged["location_country"]:
            merged["location_country"] = next(
                (
                    e["location_country"]
                    for e in evs
                    if e["location_city"] == merged["location_city"] and e["location_country"]
                ),
                "",
            )
        merged["factuality"] = (
            "occurred" if any(e["factuality"] == "occurred" for e in evs) else primary["factuality"]
        )
        notes = list(
            dict.fromkeys(
                n for e in sorted(evs, key=lambda e: e["article_id"]) for n in [e["notes"]] if n
            )
        )
        articles = sorted({e["article_id"] for e in evs})
        if len(articles) > 1:
            notes.append(f"Reported by {len(articles)} articles ({', '.join(articles)}).")
        merged["notes"] = " ".join(notes)
        merged["articles"] = articles
        merged["partner_basis"] = (
            "sentence" if any(e["partner_basis"] == "sentence" for e in evs) else "article"
        )
        merged["date_warning"] = any(e["date_warning"] for e in evs)
        merged["first"] = min((e["article_id"], e["first"]) for e in evs)
        merged["members"] = [e["event"] for e in evs]
        final.append(merged)

    final.sort(key=lambda e: (e["partners"], e["event_type"], e["date_start"] or "~", e["first"]))
    local_to_final = {local: i for i, e in enumerate(final) for local in e["members"]}
    used: dict[str, int] = {}
    for e in final:
        base = f"{slug(e['partners'].replace(';', '-'))}-{e['event_type'].replace('_', '-')}-{e['date_start'] or 'undated'}"
        used[base] = used.get(base, 0) + 1
        e["event_id"] = base if used[base] == 1 else f"{base}-{used[base]}"

    part_rows: dict[tuple[str, str], dict] = {}
    for p in participants:
        ev = final[local_to_final[p["event"]]]
        actor_id = mapping.get(p["actor"])
        if actor_id is None:
            continue
        key = (ev["event_id"], actor_id)
        old = part_rows.get(key)
        if old is None or _ROLE_RANK.index(p["role"]) < _ROLE_RANK.index(old["role"]):
            part_rows[key] = {
                "event_id": ev["event_id"],
                "actor_id": actor_id,
                "role": p["role"],
                "title": p["title"] or (old or {}).get("title", ""),
            }
        elif not old["title"] and p["title"]:
            old["title"] = p["title"]
    part_df = (
        pd.DataFrame(list(part_rows.values()), columns=PARTICIPANT_COLUMNS)
        .sort_values(["event_id", "actor_id"])
        .reset_index(drop=True)
    )

    ment_rows = {}
    highlights: dict[tuple[str, int, int], list[tuple[int, int, str]]] = {}
    for m in mentions:
        ev = final[local_to_final[m["event"]]]
        key = (ev["event_id"], m["article_id"], m["start"], m["end"])
        ment_rows[key] = {
            "event_id": ev["event_id"],
            "article_id": m["article_id"],
            "evidence": m["evidence"],
            "start": m["start"],
            "end": m["end"],
        }
        where = (m["article_id"], m["start"], m["end"])
        highlights[where] = sorted(
            set(highlights.get(where, [])) | {tuple(h) for h in m["highlights"]}
        )
    ment_df = (
        pd.DataFrame(list(ment_rows.values()), columns=MENTION_COLUMNS)
        .sort_values(["event_id", "article_id", "start"])
        .reset_index(drop=True)
    )

    actors_df = _actor_table(registry, results, mapping, new_actor_rows, set(part_df["actor_id"]))
    names = dict(zip(actors_df["actor_id"], actors_df["name"], strict=True))
    kinds = dict(zip(actors_df["actor_id"], actors_df["kind"], strict=True))
    for e in final:
        who = [
            names[a]
            for a in part_df.loc[part_df["event_id"] == e["event_id"], "actor_id"]
            if kinds.get(a) == "person"
        ]
        e["people_names"] = who
        session = f" {e['session_number']}" if e["session_number"] else ""
        partners = "/".join(french_name(c) for c in split_codes(e["partners"]))
        title = f"{LABELS[e['event_type']]}{session}: Mali–{partners}"
        if who:
            title += f" ({', '.join(who[:3])})"
        if e["factuality"] != "occurred":
            title = f"{e['factuality'].capitalize()}: {title}"
        e["title"] = title
    events_df = pd.DataFrame(final).reindex(columns=EVENT_COLUMNS).fillna("")
    events_df = events_df.sort_values("event_id").reset_index(drop=True)
    review = _review(final, ment_df, highlights)
    return Draft(events_df, ment_df, actors_df, part_df, review, highlights)


def _actor_table(
    registry: Registry,
    results: list[ArticleResult],
    mapping: dict[str, str],
    new_rows: list[dict],
    used: set[str],
) -> pd.DataFrame:
    """Actors taking part in a draft event: registry rows (with spellings newly seen added to
    their aliases) and new actors."""
    seen: dict[str, list[str]] = {}
    for r in results:
        for key, info in r.actors.items():
            if key in mapping:
                seen.setdefault(mapping[key], []).extend(info["surfaces"])
    rows = []
    for r in registry.actors.to_dict("records"):
        if r["actor_id"] not in used:
            continue
        aliases = [a for a in r["aliases"].split("|") if a]
        aliases += [
            s
            for s in dict.fromkeys(seen.get(r["actor_id"], []))
            if s not in aliases and s != r["name"]
        ]
        rows.append({**r, "aliases": "|".join(aliases)})
    rows += [r for r in new_rows if r["actor_id"] in used]
    return (
        pd.DataFrame(_unshared_spellings(rows), columns=ACTOR_COLUMNS)
        .sort_values("actor_id")
        .reset_index(drop=True)
    )


def _unshared_spellings(rows: list[dict]) -> list[dict]:
    """The actor rows with a person's alias dropped where another person has the same spelling
    (compared as the validator does, without case and accents): two ministers ``CAMARA`` of
    different years stay two people, and neither takes the bare surname."""
    owners: dict[str, set[str]] = {}
    for r in rows:
        if r["kind"] != "person":
            continue
        for s in [r["name"], *r["aliases"].split("|")]:
            if fold_key(s):
                owners.setdefault(fold_key(s), set()).add(r["actor_id"])
    out = []
    for r in rows:
        if r["kind"] == "person":
            kept = [
                a for a in r["aliases"].split("|") if a and len(owners.get(fold_key(a), ())) < 2
            ]
            r = {**r, "aliases": "|".join(kept)}
        out.append(r)
    return out


def _review(final: list[dict], mentions: pd.DataFrame, highlights: dict) -> pd.DataFrame:
    rows = []
    # each event's mentions, in table order, read once (not filtered per event)
    by_event: dict[str, list] = {}
    for m in mentions.itertuples(index=False):
        by_event.setdefault(m.event_id, []).append(m)
    for e in final:
        ms = by_event.get(e["event_id"], [])
        best = None
        for m in ms:
            kinds = {k for _, _, k in highlights.get((m.article_id, m.start, m.end), [])}
            rank = ("date" in kinds) + ("trigger" in kinds)
            if best is None or rank > best[0]:
                best = (rank, m)
        m = best[1] if best else None
        score, reasons = confidence(
            e["partner_basis"] == "sentence",
            e["date_basis"],
            len(ms),
            len(e["articles"]),
            bool(e["people_names"]),
            e["date_warning"],
        )
        rows.append(
            {
                "event_id": e["event_id"],
                "confidence": score,
                "event_type": e["event_type"],
                "partners": e["partners"],
                "date_start": e["date_start"],
                "date_end": e["date_end"],
                "date_precision": e["date_precision"],
                "date_basis": e["date_basis"],
                "date_text": e["date_text"],
                "factuality": e["factuality"],
                "people": "; ".join(e["people_names"]),
                "article_id": m.article_id if m else "",
                "evidence": m.evidence if m else "",
                "start": m.start if m else "",
                "end": m.end if m else "",
                "mentions": len(ms),
                "articles": len(e["articles"]),
                "reasons": reasons,
                "notes": e["notes"],
            }
        )
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS).sort_values("event_id").reset_index(drop=True)

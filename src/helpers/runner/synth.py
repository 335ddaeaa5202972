"""Synthetic data folders for scale measurements only: ``python -m helpers synth --events N``.

The folder has the shapes of a national press archive (dozens of partners with skewed activity,
thousands of actors, imprecise and missing dates, events reported by several articles) and passes
validation, but every text is generated: its ``datapackage.json`` and every article's metadata say
SYNTHETIC, and it is never written into the project's ``data/``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data.errors import DataError, OutputError
from helpers.data.options import natural_int, positive_int
from helpers.data.outputs import check_output
from helpers.data.paths import HOME, project_root
from helpers.extraction.date_values import MONTH_NAMES

MARK = "SYNTHETIC"
_TYPES = np.array(
    [
        "meeting",
        "visit",
        "joint_commission",
        "agreement_signature",
        "agreement_ratification",
        "summit",
        "institution_creation",
        "delivery",
        "training",
        "statement",
        "joint_operation",
        "agreement_termination",
        "withdrawal",
        "relations_break",
        "suspension",
    ]
)
_TYPE_P = np.array(
    [0.19, 0.2, 0.12, 0.08, 0.04, 0.04, 0.03, 0.1, 0.1, 0.05, 0.02, 0.01, 0.01, 0.005, 0.005]
)
_CAMEO = {
    "meeting": "043",
    "visit": "042",
    "joint_commission": "062",
    "agreement_signature": "057",
    "agreement_ratification": "",
    "summit": "044",
    "institution_creation": "062",
    "delivery": "072",
    "training": "062",
    "statement": "010",
    "joint_operation": "062",
    "agreement_termination": "160",
    "withdrawal": "166",
    "relations_break": "161",
    "suspension": "162",
}
_VERB = {
    "meeting": "a rencontré son homologue de",
    "visit": "a effectué une visite officielle avec",
    "joint_commission": "a tenu la session du comité mixte avec",
    "agreement_signature": "a signé un accord de coopération militaire avec",
    "agreement_ratification": "a ratifié l'accord de défense conclu avec",
    "summit": "a participé au sommet avec",
    "institution_creation": "a créé une commission mixte avec",
    "delivery": "a reçu des équipements militaires de",
    "training": "a lancé une formation conjointe avec",
    "statement": "a fait une déclaration commune avec",
    "joint_operation": "a mené des patrouilles conjointes avec",
    "agreement_termination": "a dénoncé l'accord de défense conclu avec",
    "withdrawal": "a demandé le retrait des forces de",
    "relations_break": "a rompu ses relations diplomatiques avec",
    "suspension": "a suspendu sa coopération militaire avec",
}
_PARTNERS = [
    "DZA",
    "SEN",
    "RUS",
    "MAR",
    "NER",
    "BFA",
    "CIV",
    "GIN",
    "MRT",
    "TCD",
    "TUR",
    "CHN",
    "FRA",
    "USA",
    "IRN",
    "EGY",
    "NGA",
    "GHA",
    "TGO",
    "BEN",
    "CMR",
    "GAB",
    "COG",
    "COD",
    "RWA",
    "ETH",
    "KEN",
    "ZAF",
    "ARE",
    "SAU",
    "QAT",
    "IND",
    "PAK",
    "BRA",
    "ITA",
    "ESP",
    "DEU",
    "GBR",
    "BEL",
    "CAN",
    "JPN",
    "KOR",
]
_FIRST = [
    "Amadou",
    "Moussa",
    "Ibrahim",
    "Fatoumata",
    "Aminata",
    "Oumar",
    "Seydou",
    "Mariam",
    "Abdoulaye",
    "Boubacar",
    "Issa",
    "Awa",
    "Modibo",
    "Salif",
    "Hawa",
    "Youssouf",
    "Adama",
    "Kadiatou",
    "Lassana",
    "Djénéba",
]
_LAST = [
    "Traoré",
    "Keïta",
    "Coulibaly",
    "Diarra",
    "Cissé",
    "Touré",
    "Sangaré",
    "Konaté",
    "Maïga",
    "Sidibé",
    "Doumbia",
    "Diallo",
    "Camara",
    "Kanté",
    "Dembélé",
    "Sissoko",
    "Haïdara",
    "Ouattara",
    "Bagayoko",
    "Samaké",
]
_TITLES = [
    "général de brigade",
    "colonel",
    "ministre de la Défense",
    "chef d'état-major",
    "ambassadeur",
    "général de division",
]


def synthesize(n_events: int, out: str | Path, seed: int = 0, force: bool = False) -> Path:
    """Write a synthetic, valid data folder of ``n_events`` events to ``out``: built in a
    temporary folder beside it, then moved into place, so an earlier synthetic folder is
    replaced (``force``) only once the new one is complete. Any other non-empty folder, and
    any folder inside a data folder, is refused."""
    if n_events < 1 or seed < 0:
        raise DataError(
            f"synthetic data need at least 1 event and a seed of at least 0 (got {n_events} events, seed {seed})"
        )
    final = Path(out).resolve()
    if (
        final == (project_root() / "data").resolve()
        or (project_root() / "data").resolve() in final.parents
    ):
        raise DataError(
            f"refusing to write synthetic data into the project's data/ ({final}); choose another --out"
        )
    final = check_output(
        final,
        "--out",
        "folder",
        lambda p: (p / f"{MARK}.txt").is_file(),
        f"a {MARK} data folder written by synth",
    )
    if final.exists() and any(final.iterdir()) and not force:
        raise DataError(f"{final} is not empty; pass --force to replace it")
    final.parent.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    umask = os.umask(0)
    os.umask(umask)
    out.chmod(0o777 & ~umask)
    try:
        _write_folder(n_events, out, seed)
        if final.exists():
            old = final.with_name(f"{out.name}.old")
            final.rename(old)
            out.rename(final)
            shutil.rmtree(old)
        else:
            out.rename(final)
    except OSError as exc:
        raise OutputError(
            f"could not write the synthetic folder {final}: {exc.strerror or exc}"
            f"{f' ({exc.filename})' if exc.filename else ''}; an earlier one is left in place"
        ) from exc
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return final


def _write_folder(n_events: int, out: Path, seed: int) -> None:
    """The synthetic tables, articles and descriptor, written into the empty folder ``out``."""
    rng = np.random.default_rng(seed)
    (out / "raw" / "articles").mkdir(parents=True)
    n_partners = min(len(_PARTNERS), max(4, int(np.sqrt(n_events) / 2)))
    partners = np.array(_PARTNERS[:n_partners])
    weights = 1 / np.arange(1, n_partners + 1) ** 1.1  # skewed: a few partners dominate
    weights /= weights.sum()

    n_people = max(20, n_events // 25)
    people = pd.DataFrame(
        {
            "actor_id": [f"p{i:06d}" for i in range(n_people)],
            "name": [
                f"{_FIRST[i % len(_FIRST)]} {_LAST[(i // len(_FIRST)) % len(_LAST)]} {i}"
                for i in range(n_people)
            ],
            "kind": "person",
            "country": np.where(
                rng.random(n_people) < 0.5, HOME, rng.choice(partners, n_people, p=weights)
            ),
        }
    )
    people["aliases"] = people["name"] + "|" + people["name"].str.upper()
    countries = pd.DataFrame(
        {
            "actor_id": [HOME, *partners],
            "name": [HOME, *partners],
            "kind": "country",
            "country": ["MLI", *partners],
            "aliases": "",
        }
    )
    actors = pd.concat([countries, people], ignore_index=True)

    ev = pd.DataFrame({"event_id": [f"e{i:07d}" for i in range(n_events)]})
    ev["event_type"] = rng.choice(_TYPES, n_events, p=_TYPE_P)
    ev["cameo_code"] = ev["event_type"].map(_CAMEO)
    main = rng.choice(partners, n_events, p=weights)
    multi = rng.random(n_events) < 0.04
    second = rng.choice(partners, n_events)
    ev["partners"] = np.where(
        multi & (second != main),
        np.char.add(np.char.add(main.astype(str), ";"), second.astype(str)),
        main,
    )
    days = rng.integers(0, 365 * 25, n_events)
    start = pd.Timestamp("2000-01-01") + pd.to_timedelta(days, unit="D")
    length = np.where(
        ev["event_type"].isin(["joint_commission", "summit", "visit"]),
        rng.integers(0, 4, n_events),
        0,
    )
    end = start + pd.to_timedelta(length, unit="D")
    precision = rng.choice(
        np.array(["day", "month", "year", "unknown"]), n_events, p=[0.72, 0.14, 0.09, 0.05]
    )
    fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    ev["date_precision"] = precision
    ev["date_start"] = ""
    ev["date_end"] = ""
    for p, f in fmt.items():
        m = precision == p
        ev.loc[m, "date_start"] = start[m].strftime(f)
        ev.loc[m, "date_end"] = (end if p == "day" else start)[m].strftime(f)
    ev["date_basis"] = np.where(
        precision == "unknown", "", np.where(rng.random(n_events) < 0.1, "inferred", "stated")
    )
    month_names = np.array(MONTH_NAMES)[start.month - 1]
    ev["date_text"] = np.select(
        [precision == "day", precision == "month", precision == "year"],
        [
            np.char.add(
                np.char.add(start.day.astype(str).to_numpy(), " "),
                np.char.add(np.char.add(month_names, " "), start.year.astype(str).to_numpy()),
            ),
            np.char.add(np.char.add(month_names, " "), start.year.astype(str).to_numpy()),
            start.year.astype(str).to_numpy(),
        ],
        "",
    )
    ev["location_city"] = ""
    ev["location_country"] = np.where(rng.random(n_events) < 0.5, HOME, main)
    ev["session_number"] = ""
    jc = ev["event_type"] == "joint_commission"
    ordered = ev[jc].sort_values(["date_start", "event_id"])
    ev.loc[ordered.index, "session_number"] = (ordered.groupby("partners").cumcount() + 1).astype(
        str
    )
    ev["factuality"] = rng.choice(
        np.array(["occurred", "announced", "planned"]), n_events, p=[0.9, 0.07, 0.03]
    )
    ev["agreement_id"] = ""
    ev["title"] = MARK + " " + ev["event_type"] + " with " + ev["partners"]
    ev["notes"] = MARK

    # Participants: 2–5 people each, drawn with a skew so that some officials are central.
    k = rng.integers(2, 6, n_events)
    pw = 1 / np.arange(1, n_people + 1) ** 0.8
    pw /= pw.sum()
    part = pd.DataFrame(
        {
            "event_id": np.repeat(ev["event_id"].to_numpy(), k),
            "actor_id": people["actor_id"].to_numpy()[rng.choice(n_people, k.sum(), p=pw)],
        }
    )
    part = part.drop_duplicates(["event_id", "actor_id"])
    part["role"] = rng.choice(
        np.array(["host", "guest", "head_of_delegation", "participant", "speaker", "signatory"]),
        len(part),
    )
    part["title"] = rng.choice(np.array(_TITLES), len(part))
    countries_part = pd.DataFrame(
        {"event_id": ev["event_id"], "actor_id": main, "role": "guest", "title": ""}
    )
    participants = pd.concat([part, countries_part], ignore_index=True)

    # Articles: each reports 1–4 events; ~15% of events are reported by a second article.
    reports = pd.DataFrame({"event_id": ev["event_id"]})
    extra = reports.sample(frac=0.15, random_state=seed)
    reports = (
        pd.concat([reports, extra], ignore_index=True)
        .sample(frac=1, random_state=seed + 1)
        .reset_index(drop=True)
    )
    per_article = 3
    reports["article"] = reports.index // per_article
    names = people.set_index("actor_id")["name"]
    first_person = part.drop_duplicates("event_id").set_index("event_id")["actor_id"].map(names)
    ev_idx = ev.set_index("event_id")
    sentence = (
        ev_idx["date_precision"].map(
            {"day": "Le ", "month": "En ", "year": "En ", "unknown": "À une date non précisée"}
        )
        + ev_idx["date_text"]
        + ", "
        + first_person.reindex(ev_idx.index).fillna("le ministre")
        + " "
        + ev_idx["event_type"].map(_VERB)
        + " "
        + ev_idx["partners"].str.replace(";", " et ")
        + "."
    )
    reports["evidence"] = reports["event_id"].map(sentence)
    mentions, article_rows = [], []
    for art, g in reports.groupby("article", sort=True):
        aid = f"synth{art:07d}"
        parts, pos = [], 0
        head = f"{MARK} — article généré pour les mesures de performance.\n\n"
        parts.append(head)
        pos += len(head)
        starts = []
        for evid in g["evidence"]:
            starts.append(pos)
            parts.append(evid + "\n\n")
            pos += len(evid) + 2
        text = "".join(parts)
        data = text.encode("utf-8")
        (out / "raw" / "articles" / f"{aid}.txt").write_bytes(data)
        article_rows.append(
            {
                "article_id": aid,
                "file": f"articles/{aid}.txt",
                "title": f"{MARK} article {art}",
                "publisher": MARK,
                "author": "",
                "published": "",
                "url": "",
                "language": "fr",
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
        mentions.append(
            pd.DataFrame(
                {
                    "event_id": g["event_id"].to_numpy(),
                    "article_id": aid,
                    "evidence": g["evidence"].to_numpy(),
                    "start": starts,
                    "end": [s + len(e) for s, e in zip(starts, g["evidence"], strict=True)],
                }
            )
        )
    mentions_df = pd.concat(mentions, ignore_index=True).drop_duplicates(["event_id", "article_id"])

    def write(df: pd.DataFrame, path: Path) -> None:
        df.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)

    write(pd.DataFrame(article_rows), out / "raw" / "articles.csv")
    write(ev, out / "events.csv")
    write(mentions_df, out / "mentions.csv")
    write(actors, out / "actors.csv")
    write(participants, out / "participants.csv")
    descriptor = json.loads(
        (project_root() / "data" / "datapackage.json").read_text(encoding="utf-8")
    )
    descriptor["name"] = "synthetic-scale-corpus"
    descriptor["title"] = (
        f"{MARK}: generated corpus of {n_events} events for scale measurements (seed {seed})"
    )
    descriptor["description"] = (
        f"{MARK} DATA. Generated by `python -m helpers synth`; no real event, person or article. Never mix into data/."
    )
    descriptor["synthetic"] = {"events": n_events, "seed": seed}
    (out / "datapackage.json").write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    (out / f"{MARK}.txt").write_text(
        f"{MARK} data folder: {n_events} generated events, seed {seed}. For scale measurements only.\n",
        encoding="utf-8",
    )


def cli(argv: list[str], prog: str = "synth") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Write a synthetic, valid data folder for scale measurements (never into data/).",
    )
    parser.add_argument(
        "--events", type=positive_int, required=True, help="number of events (at least 1)"
    )
    parser.add_argument(
        "--out",
        required=True,
        help="output folder (new, empty, or a synthetic folder with --force)",
    )
    parser.add_argument(
        "--seed", type=natural_int, default=0, help="random seed (at least 0; default 0)"
    )
    parser.add_argument("--force", action="store_true", help="replace an earlier synthetic folder")
    args = parser.parse_args(argv)
    path = synthesize(args.events, args.out, args.seed, args.force)
    print(f"{MARK} data folder with {args.events} events written to {path}")
    return 0

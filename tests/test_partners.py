"""Partners that are not states (the organisation registry) and partnerships that end: the
registry's validation, display names and kinds, and what each analysis makes of them, on the
six-article fixture folder ``tests/fixtures/partners``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.analyses import network, overview, rhythm
from helpers.analyses.profile import frames_beside_others
from helpers.data.countries import Registry, partner_kind, partner_name, read_registry
from helpers.data.events import ENDING_TYPES, EVENT_TYPES, events_by_type, load
from helpers.data.validate import validate
from helpers.runner import jobs, pipeline

FIXTURE = Path(__file__).parent / "fixtures" / "partners"
NEW_TYPES = (
    "agreement_termination",
    "withdrawal",
    "relations_break",
    "suspension",
    "joint_operation",
    "statement",
)


@pytest.fixture
def partners_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "partners"
    shutil.copytree(FIXTURE, dest)
    return dest


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def write(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n")


def where(problems) -> set[tuple[str, int | None, str | None]]:
    return {(p.file, p.row, p.column) for p in problems}


def test_fixture_validates_and_holds_every_new_type_and_organisations():
    assert validate(FIXTURE) == []
    tables = load(FIXTURE, validate=False)
    assert set(NEW_TYPES) <= set(tables.events["event_type"].astype(str))
    assert {"AES", "ECOWAS", "MINUSMA", "EUTM", "UN", "EU"} <= set(tables.partners)


def test_display_names_and_kinds_come_from_pycountry_and_the_registry():
    reg = read_registry(FIXTURE)
    assert partner_name("FRA", reg) == "France"
    assert partner_name("AES", reg) == "Alliance des États du Sahel"
    assert partner_name("ECOWAS", reg) == "Communauté économique des États de l'Afrique de l'Ouest"
    assert [partner_kind(c, reg) for c in ("FRA", "ECOWAS", "AES", "MINUSMA")] == [
        "state",
        "organisation",
        "alliance",
        "mission",
    ]
    assert partner_name("AES", Registry()) == "AES"
    tables = load(FIXTURE, validate=False)
    assert (
        tables.partner_label("EUTM") == "Mission de formation de l'Union européenne au Mali (EUTM)"
    )
    row = tables.events.set_index("event_id").loc["eutm-mandate-end-2024"]
    assert (
        row["partner_names"]
        == "Union européenne; Mission de formation de l'Union européenne au Mali"
    )
    assert row["partner_kind_list"] == ["organisation", "mission"]


def test_registry_is_read_from_the_data_folder_used(partners_copy):
    orgs = read(partners_copy / "organisations.csv")
    orgs.loc[orgs["org_id"] == "AES", "name"] = "Confédération des États du Sahel"
    write(orgs, partners_copy / "organisations.csv")
    assert load(partners_copy).partner_name("AES") == "Confédération des États du Sahel"


def test_event_types_include_endings_with_their_cameo_codes():
    assert set(NEW_TYPES) <= set(EVENT_TYPES)
    assert EVENT_TYPES[-1] == "other"
    ev = read(FIXTURE / "events.csv")
    codes = dict(zip(ev["event_type"], ev["cameo_code"], strict=False))
    assert {t: codes[t] for t in NEW_TYPES} == {
        "agreement_termination": "160",
        "withdrawal": "166",
        "relations_break": "161",
        "suspension": "162",
        "joint_operation": "062",
        "statement": "010",
    }


def test_unknown_organisation_in_partners_is_rejected_with_row_and_column(partners_copy):
    ev = read(partners_copy / "events.csv")
    i = int(ev.index[ev["event_id"] == "g5sahel-withdrawal-2022"][0])
    ev.loc[i, "partners"] = "OTAN"
    write(ev, partners_copy / "events.csv")
    problems = validate(partners_copy)
    assert where(problems) == {("events.csv", i + 2, "partners")}
    assert (
        "'OTAN' is neither an ISO 3166-1 alpha-3 code nor an org_id of organisations.csv"
        in problems[0].message
    )


def test_mali_is_never_its_own_partner_but_an_organisation_it_belongs_to_is(partners_copy):
    ev = read(partners_copy / "events.csv")
    i = int(ev.index[ev["event_id"] == "aes-charter-2023"][0])
    assert "AES" in ev.loc[i, "partners"]
    ev.loc[i, "partners"] = "AES;BFA;MLI;NER"
    write(ev, partners_copy / "events.csv")
    problems = validate(partners_copy)
    assert where(problems) == {("events.csv", i + 2, "partners")}
    assert "Mali is never a partner of itself" in problems[0].message


def test_registry_rules_are_all_reported_at_once_with_file_row_and_column(partners_copy):
    orgs = read(partners_copy / "organisations.csv")
    row = {c: int(orgs.index[orgs["org_id"] == c][0]) for c in ("EUTM", "BARKHANE", "AES")}
    orgs.loc[row["EUTM"], "parent"] = ""
    orgs.loc[row["BARKHANE"], "parent"] = "NOWHERE"
    orgs.loc[row["AES"], "members"] = "BFA;MLI;XXX"
    write(orgs, partners_copy / "organisations.csv")
    problems = validate(partners_copy)
    assert where(problems) == {
        ("organisations.csv", row["EUTM"] + 2, "parent"),
        ("organisations.csv", row["BARKHANE"] + 2, "parent"),
        ("organisations.csv", row["AES"] + 2, "members"),
    }
    text = "\n".join(str(p) for p in problems)
    assert "mission 'EUTM' has no parent" in text
    assert "'NOWHERE' is neither an org_id of this file nor an ISO 3166-1 alpha-3 code" in text
    assert "'XXX' is not an ISO 3166-1 alpha-3 code" in text


def test_registry_kind_is_a_vocabulary(partners_copy):
    orgs = read(partners_copy / "organisations.csv")
    orgs.loc[0, "kind"] = "club"
    write(orgs, partners_copy / "organisations.csv")
    assert where(validate(partners_copy)) == {("organisations.csv", 2, "kind")}


def test_a_folder_without_a_registry_uses_the_projects(partners_copy):
    (partners_copy / "organisations.csv").unlink()
    assert validate(partners_copy) == []
    assert load(partners_copy).partner_kind("MINUSMA") == "mission"


def test_termination_must_share_a_partner_with_the_signature_of_its_agreement(partners_copy):
    ev = read(partners_copy / "events.csv")
    i = int(ev.index[ev["event_id"] == "g5sahel-withdrawal-2022"][0])
    sig = ev.loc[ev["event_type"] == "agreement_signature"].iloc[0]
    ev.loc[i, "agreement_id"] = sig["agreement_id"]
    write(ev, partners_copy / "events.csv")
    problems = validate(partners_copy)
    assert where(problems) == {("events.csv", i + 2, "agreement_id")}


def test_overview_counts_partner_kinds_and_lists_endings():
    tables = load(FIXTURE, validate=False)
    kinds = overview.events_by_partner_kind(tables.events).set_index("partner_kind")
    assert list(kinds.index) == ["state", "organisation", "alliance", "mission"]
    assert kinds.loc["alliance", "partners"] == 1
    aes = tables.events["partner_list"].map(lambda cs: "AES" in cs).sum()
    assert kinds.loc["alliance", "events"] == aes
    ended = overview.endings(tables.events)
    assert set(ended["event_type"]) == set(ENDING_TYPES)
    assert list(ended.columns) == overview.ENDING_COLUMNS
    g5 = ended.set_index("event_id").loc["g5sahel-withdrawal-2022"]
    assert (g5["partners"], g5["partner_names"], g5["date_start"]) == (
        "G5SAHEL",
        "G5 Sahel",
        "2022-05-15",
    )
    assert set(NEW_TYPES) <= set(events_by_type(tables.events).columns)


def test_partner_graph_has_organisation_nodes_tied_to_members_and_parents():
    tables = load(FIXTURE, validate=False)
    g = network.partner_graph(tables.events, registry=tables.registry)
    assert g.nodes["AES"]["kind"] == "alliance"
    assert g.nodes["MINUSMA"]["kind"] == "mission"
    assert g.nodes["FRA"]["kind"] == "partner"
    assert g.has_edge("AES", "BFA", key="member") and g.has_edge("AES", "NER", key="member")
    assert g.has_edge("EUTM", "EU", key="parent") and g.has_edge("BARKHANE", "FRA", key="parent")
    assert not g.has_edge("AES", "MLI", key="member")
    ties = network.structure_edges(tables.partners, tables.registry)
    # members absent from the data are left out: ECOWAS lists 15 states, two are partners here
    assert sorted(ties.loc[ties["source"] == "ECOWAS", "target"]) == ["BFA", "NER"]
    edges = network.partner_edges(tables.events, registry=tables.registry)
    assert edges.set_index("target").loc["G5SAHEL", "target_name"] == "G5 Sahel"


def test_partnership_spans_mark_where_a_partnership_ended():
    tables = load(FIXTURE, validate=False)
    iv = rhythm.event_intervals(tables.events)
    spans = rhythm.partnership_spans(iv, tables).set_index("partner")
    assert list(spans.columns) == rhythm.SPAN_COLUMNS[1:]
    fra = spans.loc["FRA"]
    assert (fra["first_date"], fra["ended"], fra["ending_type"]) == (
        "2014-07-16",
        True,
        "agreement_termination",
    )
    assert bool(spans.loc["AES", "ended"]) is False
    assert spans.loc["EUTM", ["kind", "ending_event_id"]].tolist() == [
        "mission",
        "eutm-mandate-end-2024",
    ]


def test_frames_beside_others_names_organisations():
    frames = pd.DataFrame(
        {
            "partner": ["AES", "FRA"],
            "partner_name": ["Alliance des États du Sahel", "France"],
            "frame": ["sovereignty", "sovereignty"],
            "sentences": ["3", "1"],
            "share": ["", ""],
            "insufficient": ["True", "True"],
        }
    )
    table = frames_beside_others(frames, "AES")
    assert list(table.columns) == ["Alliance des États du Sahel (AES)", "France (FRA)"]


def test_profiles_fan_out_over_organisation_partners():
    codes = jobs.partners_in(FIXTURE)
    assert {"AES", "EUTM", "MINUSMA", "FRA"} <= set(codes)


@pytest.mark.notebook
def test_every_notebook_runs_on_the_partners_fixture_with_an_organisation_profile(tmp_path):
    out = tmp_path / "out"
    outcomes = pipeline.run(
        only=["01_event_table", "02_network", "03_rhythm", "04_framing", "05_partner_profile"],
        partner="AES",
        data_dir=str(FIXTURE),
        out=str(out),
        jobs=2,
        echo=lambda s: None,
    )
    assert {o.status for o in outcomes} == {"ran"}
    t = out / "tables"
    kinds = read(t / "events_by_partner_kind.csv")
    assert set(kinds["partner_kind"]) == {"state", "organisation", "alliance", "mission"}
    assert set(read(t / "endings.csv")["event_type"]) == set(ENDING_TYPES)
    assert set(NEW_TYPES) <= set(read(t / "events_by_type.csv").columns)
    assert set(NEW_TYPES) <= set(read(t / "event_intervals.csv")["event_type"])
    assert "AES" in set(read(t / "network_partner_edges.csv")["target"])
    assert "member" in set(read(t / "network_partner_ties.csv")["relation"])
    assert read(t / "partnership_spans.csv").set_index("partner").loc["G5SAHEL", "ended"] == "True"
    assert "AES" in set(read(t / "frames_by_partner.csv")["partner"])
    assert (t / "profile_aes_officials.csv").is_file()
    assert (out / "figures" / "05_profile_aes_timeline.svg").is_file()
    assert (out / "figures" / "03_partnership_spans.svg").is_file()
    report = (out / "reports" / "05_partner_profile-aes.html").read_text(encoding="utf-8")
    assert "Alliance des États du Sahel (AES)" in report

"""The notebooks' set-up call on a hand-made data folder of two articles and five events:
folders, validated tables, selection by period and partners, caption context."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

from helpers.analyses import notebook
from helpers.data.errors import DataError
from helpers.data.paths import resolve_dir
from helpers.data.validate import validate
from helpers.figures import plotting

from conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "notebook" / "data"
NER = ["ner-joint-commission-planned", "ner-training-protocol-2024", "ner-visit-2024"]
TUR = ["tur-delivery-2022", "tur-framework-2019"]


def ids(tables) -> list[str]:
    return sorted(tables.events["event_id"])


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, str]:
    return {
        "figures_dir": str(tmp_path / "figures"),
        "tables_dir": str(tmp_path / "out" / "tables"),
    }


def test_the_fixture_folder_is_valid():
    assert validate(FIXTURE) == []
    res = subprocess.run(
        [sys.executable, "-m", "helpers", "validate", "--data-dir", str(FIXTURE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr


def test_defaults_select_everything_with_the_caption_of_all_dates(folders, tmp_path):
    ctx = notebook.setup(data_dir=FIXTURE, **folders)
    assert ctx.data_dir == FIXTURE
    assert ctx.figures_dir == tmp_path / "figures" and not ctx.figures_dir.exists()
    assert ctx.tables_dir == tmp_path / "out" / "tables" and ctx.tables_dir.is_dir()
    assert ids(ctx.tables) == ids(ctx.selected) == NER + TUR
    assert ctx.filters == {"start": None, "end": None, "partners": [], "undated_left_out": 0}
    assert ctx.period == "all dates"
    assert ctx.source == (
        "Source: 2 French-language press article(s) (Le Courrier de Bamako and unattributed); "
        "curated event table; period: all dates."
    )
    assert ctx.scope == "5 of 5 events selected (all dates); partners: Niger (NER), Turquie (TUR)."


def test_the_figure_style_is_applied(folders):
    matplotlib.rcParams["svg.hashsalt"] = None
    notebook.setup(data_dir=FIXTURE, **folders)
    assert matplotlib.rcParams["svg.hashsalt"] == plotting.HASH_SALT


def test_a_period_leaves_out_undated_events_and_says_so(folders):
    ctx = notebook.setup(data_dir=FIXTURE, start="2022", end="2023", **folders)
    assert ids(ctx.selected) == ["tur-delivery-2022"]
    assert ids(ctx.tables) == NER + TUR
    assert ctx.filters == {"start": "2022", "end": "2023", "partners": [], "undated_left_out": 1}
    assert ctx.period == "2022 – 2023"
    assert ctx.source == (
        "Source: 1 French-language press article(s) (Le Courrier de Bamako); "
        "curated event table; period: 2022 – 2023."
    )
    assert ctx.scope == (
        "1 of 5 events selected (2022 – 2023); partners: Turquie (TUR). "
        "1 undated event cannot be placed in the period and is left out."
    )


def test_partners_select_events_and_the_rows_that_follow_them(folders):
    ctx = notebook.setup(data_dir=FIXTURE, partners=["NER"], **folders)
    assert ids(ctx.selected) == NER
    assert set(ctx.selected.mentions["article_id"]) == {"a01"}
    assert sorted(set(ctx.selected.participants["actor_id"])) == [
        "MLI",
        "NER",
        "amadou-sani",
        "issa-konate",
    ]
    assert len(ctx.selected.actors) == len(ctx.tables.actors) == 5
    assert notebook.setup(data_dir=FIXTURE, partners="TUR", **folders).filters["partners"] == [
        "TUR"
    ]


def test_select_replaces_the_filters_it_is_given_and_keeps_the_others(folders):
    ctx = notebook.setup(data_dir=FIXTURE, start="2020", **folders)
    assert ids(ctx.selected) == [
        "ner-training-protocol-2024",
        "ner-visit-2024",
        "tur-delivery-2022",
    ]
    tur = ctx.select(partners=["TUR"])
    assert ids(tur.selected) == ["tur-delivery-2022"]
    assert tur.filters["start"] == "2020" and tur.period == "from 2020"
    assert (tur.data_dir, tur.figures_dir, tur.tables_dir, tur.tables) == (
        ctx.data_dir,
        ctx.figures_dir,
        ctx.tables_dir,
        ctx.tables,
    )
    assert ids(tur.select(start=None).selected) == TUR
    with pytest.raises(TypeError, match="partner"):
        ctx.select(partner="TUR")


def test_invalid_data_stop_the_setup_with_every_problem(folders, tmp_path):
    broken = tmp_path / "data"
    shutil.copytree(FIXTURE, broken)
    path = broken / "mentions.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][3] = str(int(rows[1][3]) + 1)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    with pytest.raises(DataError) as err:
        notebook.setup(data_dir=broken, **folders)
    assert (
        "mentions.csv, row 2, column evidence: does not equal the article text at 122:214"
        in str(err.value)
    )
    assert "the quote is found at 121:214" in str(err.value)


def test_folders_default_to_the_project_and_relative_paths_start_at_its_root(monkeypatch, tmp_path):
    monkeypatch.setenv(
        "MALI_FIGURES_DIR", str(tmp_path)
    )  # not read: only the data folder has a variable
    monkeypatch.delenv("MALI_DATA_DIR", raising=False)
    assert resolve_dir(None, "figures") == ROOT / "build" / "figures"
    assert resolve_dir("", "tables") == ROOT / "build" / "tables"
    assert resolve_dir(None, "data") == ROOT / "data"
    monkeypatch.setenv("MALI_DATA_DIR", str(tmp_path))
    assert resolve_dir(None, "data") == tmp_path
    assert resolve_dir(None, "figures") == ROOT / "build" / "figures"
    assert resolve_dir("build/nbval/figures", "figures") == ROOT / "build" / "nbval" / "figures"
    assert resolve_dir(tmp_path, "data") == tmp_path

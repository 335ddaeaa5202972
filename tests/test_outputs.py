"""Where the commands may write: never into a data folder, never over a file they did not
write, with a clear message and exit status 1; bad numbers are argparse errors; a write that
fails names its file and leaves the previous one in place."""

from __future__ import annotations

import json

import pytest

from helpers.data import outputs
from helpers.data.errors import OutputError
from helpers.data.outputs import check_output, csv_with_header, write_atomic

from conftest import FIXTURES_CORPUS, helpers_cli, tree_digest


def assert_refused(res, *phrases: str) -> None:
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Traceback" not in res.stderr, res.stderr
    for phrase in phrases:
        assert phrase in res.stderr, res.stderr
    assert not res.leftovers()


def test_evaluate_out_refuses_a_curated_table_of_the_project(project):
    before = tree_digest(project / "data")
    res = helpers_cli("evaluate", "--gold", "data", "--pred", "data", "--out", "data/events.csv")
    assert_refused(res, "--out data/events.csv: refusing to write inside the data folder data")
    assert tree_digest(project / "data") == before


def test_evaluate_out_refuses_any_data_folder_and_files_it_did_not_write(
    project, data_copy, tmp_path
):
    before = tree_digest(data_copy)
    res = helpers_cli(
        "evaluate", "--gold", "data", "--pred", "data", "--out", data_copy / "raw" / "articles.csv"
    )
    assert_refused(res, "refusing to write inside the data folder")
    res = helpers_cli(
        "evaluate", "--gold", "data", "--pred", "data", "--pairs", data_copy / "pairs.csv"
    )
    assert_refused(res, "--pairs")
    assert tree_digest(data_copy) == before
    mine = tmp_path / "notes.csv"
    mine.write_text("my,own\n1,2\n", encoding="utf-8")
    res = helpers_cli("evaluate", "--gold", "data", "--pred", "data", "--out", mine)
    assert_refused(res, "exists and is not a metrics table of evaluate; refusing to replace it")
    assert mine.read_text(encoding="utf-8") == "my,own\n1,2\n"


def test_evaluate_replaces_its_own_metrics_file(project, tmp_path):
    out = tmp_path / "metrics.csv"
    for _ in range(2):
        res = helpers_cli("evaluate", "--gold", "data", "--pred", "data", "--out", out)
        assert res.returncode == 0, res.stderr
    assert out.read_text(encoding="utf-8").startswith("metric,value,numerator,denominator\n")


def test_extract_out_refuses_a_data_folder_that_is_not_the_project_s(project, data_copy):
    before = tree_digest(data_copy)
    res = helpers_cli(
        "extract", "--corpus", FIXTURES_CORPUS, "--out", data_copy / "drafts", "--no-progress"
    )
    assert_refused(res, "refusing to write inside the data folder")
    assert tree_digest(data_copy) == before


def test_synth_refuses_data_folders_and_folders_it_did_not_write(project, data_copy, tmp_path):
    before = tree_digest(data_copy)
    res = helpers_cli("synth", "--events", "10", "--out", data_copy, "--force")
    assert_refused(res, "refusing to write inside the data folder")
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.md").write_text("keep\n", encoding="utf-8")
    res = helpers_cli("synth", "--events", "10", "--out", foreign, "--force")
    assert_refused(res, "is not a SYNTHETIC data folder written by synth")
    assert (foreign / "thesis.md").read_text(encoding="utf-8") == "keep\n"
    assert tree_digest(data_copy) == before
    made = tmp_path / "synthetic"
    assert helpers_cli("synth", "--events", "10", "--out", made).returncode == 0
    assert helpers_cli("synth", "--events", "12", "--out", made, "--force").returncode == 0
    assert "12 generated events" in (made / "SYNTHETIC.txt").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".synthetic")] == []


def test_bench_refuses_data_folders_and_files_it_did_not_write(project, data_copy, tmp_path):
    before = tree_digest(data_copy)
    assert_refused(
        helpers_cli("bench", "--out", data_copy / "bench.json"),
        "refusing to write inside the data folder",
    )
    assert_refused(
        helpers_cli("bench", "--work", data_copy / "raw"),
        "refusing to write inside the data folder",
    )
    mine = tmp_path / "results.json"
    mine.write_text('{"mine": true}\n', encoding="utf-8")
    assert_refused(helpers_cli("bench", "--out", mine), "exists and is not a result file of bench")
    assert mine.read_text(encoding="utf-8") == '{"mine": true}\n'
    assert tree_digest(data_copy) == before


@pytest.mark.parametrize("events", ["0", "-5", "many"])
def test_synth_rejects_a_bad_number_of_events_as_a_usage_error(tmp_path, events):
    res = helpers_cli("synth", "--events", events, "--out", tmp_path / "s")
    assert res.returncode == 2
    assert "argument --events:" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "s").exists()


def test_interim_of_a_data_folder_may_receive_outputs(project):
    target = check_output(
        project / "data" / "interim" / "metrics.csv", "--out", "file", csv_with_header(["a"]), "x"
    )
    assert target == (project / "data" / "interim" / "metrics.csv").resolve()
    with pytest.raises(OutputError, match="refusing to write inside the data folder"):
        check_output(project / "data" / "interim.csv", "--out", "file", csv_with_header(["a"]), "x")


def test_a_failed_write_names_the_file_and_keeps_the_previous_one(tmp_path, full_disk):
    dest = tmp_path / "index.html"
    dest.write_text("previous\n", encoding="utf-8")
    full_disk()
    with pytest.raises(
        OutputError, match=r"could not write .*index\.html: No space left on device"
    ):
        write_atomic(dest, "new\n")
    assert dest.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]


def test_bench_recognises_its_own_result_file(tmp_path):
    own = tmp_path / "bench.json"
    own.write_text(
        json.dumps({"command": "make bench  (python -m helpers bench )"}), encoding="utf-8"
    )
    assert outputs.json_with("command", "make bench")(own)
    assert not outputs.json_with("command", "make bench")(tmp_path / "missing.json")

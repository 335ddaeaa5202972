"""The runner under faults: refused output folders, one run at a time on an output folder,
cache records that never hide a missing output, a time limit per notebook, Ctrl-C (SIGINT)
and SIGTERM that stop every kernel and worker and leave the previous outputs in place, write
errors that name their file, and nothing written outside --out."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import psutil
import pytest

from helpers.__main__ import main
from helpers.data.errors import OutputError
from helpers.runner import cache, index, jobs
from helpers.runner.control import RunLock

from conftest import WRITE_TABLE, Command, helpers_cli, tiny_notebook, tree_digest


def assert_refused(res, *phrases: str) -> None:
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Traceback" not in res.stderr, res.stderr
    for phrase in phrases:
        assert phrase in res.stderr, res.stderr
    assert not res.leftovers()


def no_kernel_under(pids: set[int]) -> list[str]:
    """ipykernel processes whose parent is one of ``pids`` (a run and the processes it started)."""
    found = []
    for p in psutil.process_iter(["pid", "ppid", "cmdline"]):
        cmd = " ".join(p.info["cmdline"] or [])
        if "ipykernel" in cmd and p.info["ppid"] in pids:
            found.append(f"{p.info['pid']} {cmd[:120]}")
    return found


def alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def settled(res) -> list[str]:
    """What the command left alive, allowing the operating system a moment to reap it."""
    for _ in range(20):
        if not res.leftovers():
            return []
        time.sleep(0.25)
    return res.leftovers()


@pytest.fixture
def notebooks(tmp_path: Path) -> Path:
    """Two small notebooks: one writes a table, the other a table and then sleeps ``SLEEP``."""
    folder = tmp_path / "notebooks"
    tiny_notebook(folder / "01_quick.ipynb", WRITE_TABLE.format(name="quick", value=1))
    tiny_notebook(
        folder / "02_slow.ipynb",
        WRITE_TABLE.format(name="slow", value=1),
        "import os, time\ntime.sleep(float(os.environ.get('SLEEP', '0')))",
    )
    return folder


def outputs_of(out: Path) -> dict[str, str]:
    """Every output of a run folder except the index (rewritten by every run) and the state."""
    return {
        k: v
        for k, v in tree_digest(out).items()
        if not k.startswith(".state/") and k != "reports/index.html"
    }


def test_run_out_refuses_data_folders_files_and_foreign_folders(project, notebooks, tmp_path):
    before = tree_digest(project / "data")
    for out, phrase in (
        ("data/raw/out", "--out data/raw/out: refusing to write inside the data folder data"),
        ("data", "refusing to write inside the data folder data"),
        (".", "--out . exists and is not empty and is not an output folder of run"),
    ):
        res = helpers_cli("run", "--notebooks", notebooks, "--out", out, cwd=project)
        assert_refused(res, phrase)
    a_file = tmp_path / "report.txt"
    a_file.write_text("mine\n", encoding="utf-8")
    res = helpers_cli("run", "--notebooks", notebooks, "--out", a_file)
    assert_refused(res, "is a file; expected a folder")
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.md").write_text("keep\n", encoding="utf-8")
    res = helpers_cli("run", "--notebooks", notebooks, "--out", foreign)
    assert_refused(res, "exists and is not empty and is not an output folder of run")
    assert a_file.read_text(encoding="utf-8") == "mine\n"
    assert [p.name for p in foreign.iterdir()] == ["thesis.md"]
    assert tree_digest(project / "data") == before
    assert not (project / "data" / "raw" / "out").exists()


def test_run_rejects_a_bad_time_limit_as_a_usage_error(notebooks, tmp_path):
    for option, value in (
        ("--timeout", "0"),
        ("--timeout", "-3"),
        ("--lock-wait", "-1"),
        ("--jobs", "0"),
    ):
        res = helpers_cli("run", "--notebooks", notebooks, "--out", tmp_path / "out", option, value)
        assert (
            res.returncode == 2
            and f"argument {option}:" in res.stderr
            and "Traceback" not in res.stderr
        )
    assert not (tmp_path / "out").exists()


def test_a_second_run_waits_then_names_the_run_holding_the_folder(notebooks, tmp_path):
    out = tmp_path / "out"
    with RunLock(out / ".state" / "run.lock", out, 0):
        before = tree_digest(out)
        res = helpers_cli("run", "--notebooks", notebooks, "--out", out, "--lock-wait", "1")
        after = tree_digest(out)
    assert_refused(
        res,
        f"another run holds the lock on {out}",
        f"(pid {os.getpid()}, started ",
        "waited 1 s for it to finish",
    )
    assert res.seconds >= 1
    assert after == before


def test_a_record_whose_outputs_are_missing_or_changed_does_not_count(tmp_path):
    layout = jobs.Layout.make(out=str(tmp_path / "out"))
    table = layout.tables / "t.csv"
    table.parent.mkdir(parents=True)
    table.write_text("a\n1\n", encoding="utf-8")
    record = {"files": {"tables/t.csv": cache.file_stamp(table)}}
    assert cache.outputs_exist(layout, record)
    table.write_text("a\n12\n", encoding="utf-8")
    assert not cache.outputs_exist(layout, record)
    table.unlink()
    assert not cache.outputs_exist(layout, record)
    assert not cache.outputs_exist(
        layout, {"tables": ["t.csv"], "reports": []}
    )  # a record of an older run
    assert not cache.outputs_exist(layout, {"files": {"tables/t.csv": "garbled"}})


def test_index_write_on_a_full_disk_keeps_the_previous_index(tmp_path, full_disk):
    layout = jobs.Layout.make(out=str(tmp_path / "out"))
    layout.state.mkdir(parents=True)
    previous = index.write_index(layout, "0" * 64).read_bytes()
    full_disk("index.html")
    with pytest.raises(
        OutputError, match=r"could not write .*reports/index\.html: No space left on device"
    ):
        index.write_index(layout, "1" * 64)
    assert (layout.reports / "index.html").read_bytes() == previous and b"000000000000" in previous
    assert sorted(p.name for p in layout.reports.iterdir()) == ["index.html"]


@pytest.mark.notebook
def test_a_full_disk_during_a_run_names_the_file_and_keeps_the_previous_index(
    notebooks, tmp_path, full_disk, capsys
):
    out = tmp_path / "out"
    assert (
        main(["run", "--notebooks", str(notebooks), "--out", str(out), "--only", "01_quick"]) == 0
    )
    index = (out / "reports" / "index.html").read_bytes()
    full_disk("index.html")
    capsys.readouterr()
    assert (
        main(
            [
                "run",
                "--notebooks",
                str(notebooks),
                "--out",
                str(out),
                "--only",
                "01_quick",
                "--force",
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "could not write" in err and "reports/index.html: No space left on device" in err
    assert (out / "reports" / "index.html").read_bytes() == index
    full_disk("01_quick.json")
    assert (
        main(
            [
                "run",
                "--notebooks",
                str(notebooks),
                "--out",
                str(out),
                "--only",
                "01_quick",
                "--force",
            ]
        )
        == 1
    )
    assert (
        "could not write .state/01_quick.json: No space left on device"
        in capsys.readouterr().out.replace(str(out) + "/", "")
    )
    assert (out / "reports" / "index.html").read_bytes() != b""


@pytest.mark.notebook
def test_a_missing_output_makes_the_notebook_run_again(notebooks, tmp_path):
    out = tmp_path / "out"
    first = helpers_cli("run", "--notebooks", notebooks, "--out", out, "--only", "01_quick")
    assert first.returncode == 0, first.stderr
    record = json.loads((out / ".state" / "01_quick.json").read_text(encoding="utf-8"))
    assert set(record["files"]) == {
        "tables/quick.csv",
        "reports/01_quick.html",
        "reports/01_quick.reader.html",
        "notebooks/01_quick.ipynb",
    }
    (out / "tables" / "quick.csv").unlink()
    again = helpers_cli("run", "--notebooks", notebooks, "--out", out, "--only", "01_quick")
    assert "[start]   01_quick" in again.stdout and "[skipped]" not in again.stdout
    assert (out / "tables" / "quick.csv").read_text(encoding="utf-8") == "a\n1\n"
    third = helpers_cli("run", "--notebooks", notebooks, "--out", out, "--only", "01_quick")
    assert "[skipped] 01_quick: unchanged since its last successful run" in third.stdout


@pytest.mark.notebook
def test_run_with_data_dir_and_out_writes_nothing_outside_out(project, tmp_path):
    books = tmp_path / "notebooks"
    tiny_notebook(
        books / "01_load.ipynb",
        "from helpers.data.events import load\nprint(len(load(data_dir).events))",
        parameters="data_dir = None",
    )
    data = tmp_path / "elsewhere" / "data"
    data.parent.mkdir()
    os.rename(project / "data", data)
    (project / "data").mkdir()
    res = helpers_cli("run", "--notebooks", books, "--data-dir", data, "--out", tmp_path / "out")
    assert res.returncode == 0, res.stdout + res.stderr
    assert sorted(p.name for p in project.iterdir()) == ["data", "pyproject.toml"]
    assert list((project / "data").iterdir()) == []
    assert list((tmp_path / "out" / ".state" / "validated").iterdir())


@pytest.mark.notebook
def test_a_runaway_notebook_is_stopped_at_the_time_limit_naming_its_cell(notebooks, tmp_path):
    out = tmp_path / "out"
    first = helpers_cli("run", "--notebooks", notebooks, "--out", out)
    assert first.returncode == 0, first.stdout + first.stderr
    before = outputs_of(out)
    (notebooks / "01_quick.ipynb").unlink()
    tiny_notebook(
        notebooks / "02_slow.ipynb",
        WRITE_TABLE.format(name="slow", value=2),
        "import time\ntime.sleep(600)",
    )
    res = helpers_cli("run", "--notebooks", notebooks, "--out", out, "--timeout", "20")
    assert res.returncode == 1
    assert (
        "02_slow stopped: still running after 20 s, the time limit (--timeout), in cell 3:\n"
        "      import time\n      time.sleep(600)"
    ) in res.stdout
    assert res.seconds < 90
    assert outputs_of(out) == before
    assert not (out / ".state" / "tmp").exists()
    assert not settled(res)


@pytest.mark.notebook
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_kernels_and_workers_and_keeps_the_previous_outputs(
    notebooks, tmp_path, sig
):
    out = tmp_path / "out"
    assert helpers_cli("run", "--notebooks", notebooks, "--out", out).returncode == 0
    before = outputs_of(out)
    cmd = Command("run", "--notebooks", notebooks, "--out", out, "--force", env={"SLEEP": "600"})
    cmd.wait_for(lambda c: "[done]    01_quick" in c.stdout and len(c.kernels()) == 1)
    kernels = cmd.kernels()
    cmd.proc.send_signal(sig)
    t = time.monotonic()
    res = cmd.finish(timeout=60)
    assert res.returncode == 130, res.stdout + res.stderr
    assert time.monotonic() - t < 15
    name = signal.Signals(sig).name
    assert f"cancelled by {name}: stopped 02_slow (running), not started none;" in res.stdout
    assert not settled(res), res.leftovers()
    assert not any(alive(k) for k in kernels)
    assert not no_kernel_under({cmd.proc.pid, *res.seen})
    slow = {k: v for k, v in outputs_of(out).items() if "slow" in k}
    assert (
        slow == {k: v for k, v in before.items() if "slow" in k} and len(slow) == 5
    )  # notebook, two reports, its table and its copy under reports/; 01_quick ran again
    assert not (out / ".state" / "tmp").exists()
    again = helpers_cli("run", "--notebooks", notebooks, "--out", out)
    assert again.returncode == 0, again.stdout + again.stderr


@pytest.mark.notebook
def test_a_killed_run_leaves_no_kernel_behind(notebooks, tmp_path):
    cmd = Command(
        "run",
        "--notebooks",
        notebooks,
        "--out",
        tmp_path / "out",
        "--only",
        "02_slow",
        env={"SLEEP": "600"},
    )
    cmd.wait_for(lambda c: len(c.kernels()) == 1)
    cmd.proc.kill()
    res = cmd.finish(timeout=30)
    deadline = time.monotonic() + 15
    while res.leftovers() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not res.leftovers()


@pytest.mark.notebook
def test_interrupting_a_real_run_with_several_notebooks_in_flight(data_copy, tmp_path):
    out = tmp_path / "out"
    cmd = Command("run", "--data-dir", data_copy, "--out", out, "--force", "--jobs", "3")
    cmd.wait_for(lambda c: c.stdout.count("[start]") >= 3 and len(c.kernels()) >= 2, timeout=900)
    in_flight = cmd.kernels()
    cmd.proc.send_signal(signal.SIGINT)
    t = time.monotonic()
    res = cmd.finish(timeout=60)
    assert res.returncode == 130, res.stdout + res.stderr
    assert time.monotonic() - t < 15
    assert "cancelled by SIGINT: stopped " in res.stdout
    assert not settled(res), res.leftovers()
    assert not any(alive(k) for k in in_flight)
    assert not no_kernel_under({cmd.proc.pid, *res.seen})
    assert not (out / ".state" / "tmp").exists()
    assert (out / "reports" / "01_event_table.html").is_file()
    again = helpers_cli("run", "--data-dir", data_copy, "--out", out, "--jobs", "2")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "[skipped] 01_event_table" in again.stdout and "0 failed, 0 blocked" in again.stdout
    assert not settled(again)


@pytest.mark.notebook
def test_two_runs_into_one_folder_one_refuses_and_nothing_goes_missing(data_copy, tmp_path):
    out = tmp_path / "out"
    first = Command("run", "--data-dir", data_copy, "--out", out, "--only", "01_event_table")
    time.sleep(3)
    second = helpers_cli(
        "run", "--data-dir", data_copy, "--out", out, "--only", "01_event_table", "--lock-wait", "2"
    )
    done = first.finish()
    assert done.returncode == 0, done.stdout + done.stderr
    assert_refused(second, f"another run holds the lock on {out}", f"(pid {first.proc.pid}, ")
    record = json.loads((out / ".state" / "01_event_table.json").read_text(encoding="utf-8"))
    assert len(record["tables"]) == 9 and len(record["figures"]) == 4
    for name, (size, _) in record["files"].items():
        assert (out / name).stat().st_size == size, name
    later = helpers_cli("run", "--data-dir", data_copy, "--out", out, "--only", "01_event_table")
    assert "[skipped] 01_event_table" in later.stdout
    assert not settled(done) and not settled(later)

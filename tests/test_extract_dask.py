"""Distributed extraction: a local Dask cluster of two workers gives the single-process output."""

from __future__ import annotations

import pytest
from dask.distributed import LocalCluster

from helpers.extraction.cli import cli

from conftest import SEED

TABLES = ("events.csv", "mentions.csv", "actors.csv", "participants.csv")


@pytest.mark.notebook
def test_dask_cluster_output_equals_single_process_output(tmp_path):
    local = tmp_path / "local"
    assert cli(["--corpus", str(SEED / "raw"), "--out", str(local), "--no-progress"]) == 0
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        dist = tmp_path / "dask"
        assert (
            cli(
                [
                    "--corpus",
                    str(SEED / "raw"),
                    "--out",
                    str(dist),
                    "--no-progress",
                    "--scheduler",
                    cluster.scheduler_address,
                ]
            )
            == 0
        )
        assert len(cluster.workers) == 2
    for name in TABLES:
        assert (dist / name).read_bytes() == (local / name).read_bytes(), name

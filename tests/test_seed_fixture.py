"""Tests read the frozen seed copy, never the live data folder, so a growing corpus breaks none."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.data import events as ev
from helpers.data.paths import resolve_dir

from conftest import SEED

TESTS = Path(__file__).resolve().parent

# Modules allowed to name the live data folder, and why.
ALLOWED = {
    "conftest.py": "defines LIVE_DATA and runs every notebook on it for the committed figures",
    "test_pipeline.py": "committed figures and the index are by definition the live data's",
    "test_synth.py": "checks that synthetic data are refused inside the live data folder",
    "test_validate.py": "validates the project's schema descriptor, not the corpus",
    "test_framing.py": "checks the fallback to the project's codebook path",
    "test_notebook_setup.py": "checks that the default data folder is the project's data/ (a path, nothing read)",
}
LIVE = re.compile(r"LIVE_DATA|(\bROOT|project_root\(\)|parents\[\d\])\s*/\s*\"data\"")


def test_no_test_module_reads_the_live_data_folder_except_the_allowed_ones():
    offenders = {
        p.name: [
            n
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if LIVE.search(line)
        ]
        for p in sorted(TESTS.glob("*.py"))
        if p.name not in ALLOWED and p.name != Path(__file__).name
    }
    assert {name: lines for name, lines in offenders.items() if lines} == {}


def test_the_default_data_folder_of_every_test_is_the_seed_copy():
    assert resolve_dir(None, "data") == SEED
    assert ev.load().data_dir == SEED

"""``python -m helpers validate [--data-dir DIR]``."""

from __future__ import annotations

import argparse

from helpers.data.paths import display_path, resolve_dir
from helpers.data.validate import validate


def cli(argv: list[str], prog: str = "validate") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Check a data folder against the data contract: schemas, vocabularies, partial dates, keys, evidence offsets, source hashes, field sizes and control characters. Exits 1 listing every problem; warnings are listed too but do not fail.",
    )
    parser.add_argument(
        "--data-dir", default=None, help="data folder (default: the project's data/)"
    )
    args = parser.parse_args(argv)
    data_dir = resolve_dir(args.data_dir, "data")
    found = validate(data_dir, notes=True)
    problems = [p for p in found if p.severity != "warning"]
    notes = [p for p in found if p.severity == "warning"]
    if problems:
        print(f"{display_path(data_dir)}: {len(problems)} problem(s)")
        for p in problems:
            print(f"  {p}")
    if notes:
        print(f"{display_path(data_dir)}: {len(notes)} warning(s) (the data stay valid)")
        for p in notes:
            print(f"  {p}")
    if problems:
        return 1
    print(
        f"{display_path(data_dir)}: valid (every table, evidence quote and source hash checks out)"
    )
    return 0

"""Folder fingerprints: the same files, in the same order, as a pathlib walk of the folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from helpers.data.fingerprint import data_version, files_digest

from conftest import SEED


def pathlib_digest(root: Path, patterns: tuple[str, ...], skip: tuple[str, ...] = ()) -> str:
    """The digest as first written, with ``pathlib`` (the reference)."""
    h = hashlib.sha256()
    for pattern in patterns:
        for p in sorted(root.rglob(pattern)):
            rel = p.relative_to(root).as_posix()
            if not p.is_file() or any(rel.startswith(s) for s in skip) or "__pycache__" in rel:
                continue
            h.update(rel.encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


@pytest.fixture
def tree(tmp_path):
    files = [
        "a/x.csv",
        "a-b/x.csv",
        "a.b",
        "A/z.py",
        "ab/y.py",
        ".hidden/k.yaml",
        "raw/articles/001.txt",
        "raw/articles/010.txt",
        "raw/articles/1.txt",
        "interim/draft/events.csv",
        "pkg/__pycache__/m.pyc",
        "deep/er/still/f.json",
        "é/ü.txt",
        "sp ace/f g.csv",
    ]
    for i, rel in enumerate(files):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"content {i}", encoding="utf-8")
    (tmp_path / "empty_dir").mkdir()
    os.symlink(tmp_path / "a" / "x.csv", tmp_path / "link.csv")
    os.symlink(tmp_path / "deep", tmp_path / "linked_dir")
    os.symlink(tmp_path / "missing", tmp_path / "broken.csv")
    return tmp_path


@pytest.mark.parametrize(
    ("patterns", "skip"),
    [(("*",), ("interim/",)), (("*.py", "*.csv", "*.json"), ()), (("*.txt",), ("raw/",))],
)
def test_digest_is_the_pathlib_walk_of_the_same_files_in_the_same_order(tree, patterns, skip):
    assert files_digest(tree, patterns, skip) == pathlib_digest(tree, patterns, skip)


def test_a_changed_byte_or_name_changes_the_data_version_and_interim_does_not(tree):
    before = data_version(tree)
    (tree / "interim" / "draft" / "events.csv").write_text("other", encoding="utf-8")
    assert data_version(tree) == before
    (tree / "raw" / "articles" / "1.txt").write_text("content 9!", encoding="utf-8")
    assert data_version(tree) != before
    changed = data_version(tree)
    (tree / "raw" / "articles" / "1.txt").rename(tree / "raw" / "articles" / "2.txt")
    assert data_version(tree) != changed


def test_the_seed_data_folder_has_the_same_version_as_by_pathlib():
    data = SEED
    assert data_version(data) == pathlib_digest(data, ("*",), ("interim/",))

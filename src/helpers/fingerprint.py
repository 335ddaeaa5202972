"""Content fingerprints of folders: what decides whether a result is still current."""

from __future__ import annotations

import hashlib
from pathlib import Path


def files_digest(root: Path, patterns: tuple[str, ...], skip: tuple[str, ...] = ()) -> str:
    """sha256 over the relative paths and contents of the files under ``root``."""
    h = hashlib.sha256()
    if not root.exists():
        return h.hexdigest()
    for pattern in patterns:
        for p in sorted(root.rglob(pattern)):
            rel = p.relative_to(root).as_posix()
            if not p.is_file() or any(rel.startswith(s) for s in skip) or "__pycache__" in rel:
                continue
            h.update(rel.encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def data_version(data_dir: Path) -> str:
    """sha256 over every file of a data folder (generated drafts in ``interim/`` excluded)."""
    return files_digest(Path(data_dir), ("*",), skip=("interim/",))

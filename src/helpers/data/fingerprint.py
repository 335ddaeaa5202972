"""Content fingerprints of folders: what decides whether a result is still current."""

from __future__ import annotations

import hashlib
import os
from fnmatch import fnmatchcase
from pathlib import Path

from helpers.data.paths import outside


def _files(root: Path, pattern: str) -> list[str]:
    """Relative POSIX paths of the files under ``root`` whose name matches ``pattern`` (what
    ``root.rglob(pattern)`` finds that is a file), in ``Path`` order (by path components).
    ``os.walk`` on strings: a data folder of tens of thousands of articles is listed in a
    fraction of the time ``pathlib`` takes."""
    out = []
    for folder, _, names in os.walk(root):
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        out += [
            prefix + n
            for n in names
            if fnmatchcase(n, pattern) and os.path.isfile(os.path.join(folder, n))
        ]
    return sorted(out, key=lambda r: r.split("/"))


def files_digest(root: Path, patterns: tuple[str, ...], skip: tuple[str, ...] = ()) -> str:
    """sha256 over the relative paths and contents of the files under ``root``.

    A symbolic link that leads outside ``root`` counts by where it points; its target is never
    opened."""
    h = hashlib.sha256()
    if not root.exists():
        return h.hexdigest()
    for pattern in patterns:
        for rel in _files(root, pattern):
            if any(rel.startswith(s) for s in skip) or "__pycache__" in rel:
                continue
            full = os.path.join(root, rel)
            if os.path.islink(full) and outside(root, rel):
                h.update(rel.encode() + b"\0link\0" + os.readlink(full).encode())
                continue
            with open(full, "rb") as f:
                h.update(rel.encode() + b"\0" + hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def data_version(data_dir: Path) -> str:
    """sha256 over every file of a data folder (generated drafts in ``interim/`` excluded)."""
    return files_digest(Path(data_dir), ("*",), skip=("interim/",))

"""Where the project's folders are, independent of the current directory, and the project's
constants (the home country)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # src/helpers
HOME = "MLI"  # the country whose partnerships the project studies: never a partner of itself


def project_root() -> Path:
    """The checkout holding ``pyproject.toml`` and ``data/`` (the package lives in ``src/helpers``)."""
    env = os.environ.get("MALI_PROJECT_ROOT")
    if env:
        return Path(env).resolve()
    for parent in PACKAGE_DIR.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "data").is_dir():
            return parent
    return Path.cwd().resolve()


# A notebook run by hand writes its figures under build/; only the runner, which passes
# ``figures_dir`` explicitly, writes the committed figures/.
_DEFAULT = {"data": "data", "figures": "build/figures", "tables": "build/tables"}


DATA_DIR_VARIABLE = "MALI_DATA_DIR"


def resolve_dir(value: str | os.PathLike | None, kind: str) -> Path:
    """A folder parameter as an absolute path: the value if given, else the project default
    for ``kind`` (``data`` → ``data/``, ``figures`` → ``build/figures/``, ``tables`` →
    ``build/tables/``); a relative path is taken from the project root. ``MALI_DATA_DIR``, when
    set, replaces the default data folder (the test suite points every command at its frozen
    seed copy so); notebooks get their folders as papermill parameters, never through it."""
    if value not in (None, ""):
        path = Path(value)
    elif kind == "data" and os.environ.get(DATA_DIR_VARIABLE):
        path = Path(os.environ[DATA_DIR_VARIABLE])
    else:
        path = Path(_DEFAULT[kind])
    if not path.is_absolute():
        path = project_root() / path
    return path


def display_path(path: str | os.PathLike) -> str:
    """A path relative to the project root when it is inside it, for stable printed output."""
    p = Path(path).resolve()
    try:
        return p.relative_to(project_root()).as_posix()
    except ValueError:
        return p.as_posix()


def outside(root: str | os.PathLike, rel: str) -> str | None:
    """Why the file ``rel`` of ``root`` may not be opened, or ``None`` when it may: an absolute
    path, or a path that leaves ``root`` once its ``..`` and symbolic links are followed. Only
    the links themselves are read (``os.path.realpath``); the file they point to is not opened."""
    if os.path.isabs(rel):
        return f"{rel!r} is an absolute path; expected a path inside {Path(root).name}/"
    base = os.path.realpath(root)
    real = os.path.realpath(os.path.join(base, rel))
    if os.path.commonpath([real, base]) != base:
        return (
            f"{rel!r} leads outside {Path(root).name}/ (to {real}) through '..' or a symbolic link"
        )
    return None


def outside_many(root: str | os.PathLike, rels: list[str]) -> dict[int, str]:
    """:func:`outside` for many files of ``root`` at once, by position in ``rels``: each folder
    they name is resolved once and listed once for symbolic links, so a corpus of a hundred
    thousand articles is checked in a fraction of a second."""
    found: dict[int, str] = {}
    folders: dict[str, set[str] | None] = {}
    for i, rel in enumerate(rels):
        parent, _, name = rel.rpartition("/")
        if os.path.isabs(rel) or ".." in rel.split("/"):
            reason = outside(root, rel)
        else:
            if parent not in folders:
                folder = os.path.join(root, parent)
                links: set[str] | None = None
                if outside(root, parent or ".") is None:
                    links = set()
                    if os.path.isdir(folder):
                        with os.scandir(folder) as entries:
                            links = {e.name for e in entries if e.is_symlink()}
                folders[parent] = links
            links = folders[parent]
            reason = outside(root, rel) if links is None or name in links else None
        if reason:
            found[i] = reason
    return found

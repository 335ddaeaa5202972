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


_DEFAULT = {"data": "data", "figures": "figures", "tables": "build/tables"}


DATA_DIR_VARIABLE = "MALI_DATA_DIR"


def resolve_dir(value: str | os.PathLike | None, kind: str) -> Path:
    """A folder parameter as an absolute path: the value if given, else the project default
    for ``kind`` (``data`` → ``data/``, ``figures`` → ``figures/``, ``tables`` →
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

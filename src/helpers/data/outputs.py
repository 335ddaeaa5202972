"""Where commands may write, and writing so that a failure leaves the previous file in place.

A command never writes into a data folder (a folder holding ``raw/articles.csv`` or
``datapackage.json``, the project's ``data/``, or the configured ``MALI_DATA_DIR``), except
under its ``interim/`` folder (generated drafts, outside the data's fingerprint), and never
over an existing file or into a non-empty folder it did not write itself: each command says
how it recognises its own outputs. Files are written to a temporary file in the same folder
and moved into place with ``os.replace``, so a full disk or a killed process never leaves a
truncated file where a good one was.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from helpers.data.errors import OutputError
from helpers.data.paths import display_path, project_root, resolve_dir

INTERIM = "interim"


def is_data_folder(folder: Path) -> bool:
    """A folder of curated or source data: ``raw/articles.csv`` or ``datapackage.json`` in it,
    or the project's (or the configured) data folder."""
    known = {(project_root() / "data").resolve(), resolve_dir(None, "data").resolve()}
    return (
        folder in known
        or (folder / "raw" / "articles.csv").is_file()
        or (folder / "datapackage.json").is_file()
    )


def data_folder_of(path: Path) -> Path | None:
    """The nearest data folder that is ``path`` or holds it, or ``None``."""
    path = Path(path).resolve()
    return next((f for f in (path, *path.parents) if is_data_folder(f)), None)


def check_output(
    path: str | os.PathLike, option: str, kind: str, owned: Callable[[Path], bool], what: str
) -> Path:
    """``path`` resolved, or :class:`OutputError` when the command may not write there.

    ``kind`` is ``file`` or ``folder``; ``owned(path)`` says whether an existing file or
    non-empty folder is one this command wrote (and may replace); ``what`` names that output
    in the message (``a metrics table of evaluate``)."""
    target = Path(path).resolve()
    shown = display_path(target)
    if kind == "folder" and target.exists() and not target.is_dir():
        raise OutputError(f"{option} {shown} is a file; expected a folder (new, empty, or {what})")
    if kind == "file" and target.is_dir():
        raise OutputError(f"{option} {shown} is a folder; expected a file name")
    existing = target.exists() and (kind == "file" or any(target.iterdir()))
    home = data_folder_of(target if kind == "folder" else target.parent)
    if home is not None and not (home == target and existing and owned(target)):
        rel = target.relative_to(home).parts
        in_interim = len(rel) >= (1 if kind == "folder" else 2) and rel[0] == INTERIM
        if not in_interim:
            raise OutputError(
                f"{option} {shown}: refusing to write inside the data folder {display_path(home)} (it holds "
                "raw/articles.csv or datapackage.json, or is the project's data/); write outputs elsewhere, "
                f"or under {display_path(home / INTERIM)}/"
            )
    if existing and not owned(target):
        held = "exists" if kind == "file" else "exists and is not empty"
        raise OutputError(
            f"{option} {shown} {held} and is not {what}; refusing to replace it: choose a new "
            "file or folder, or remove it yourself"
        )
    return target


def first_line(path: Path, limit: int = 65536) -> str:
    """The first line of a file (at most ``limit`` bytes read), or ``''`` when unreadable."""
    try:
        with open(path, "rb") as f:
            head = f.read(limit)
    except OSError:
        return ""
    return head.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8", "replace").lstrip("\ufeff")


def csv_with_header(columns: list[str]) -> Callable[[Path], bool]:
    """Recognises a CSV file whose header is exactly ``columns``."""
    return lambda path: first_line(path) == ",".join(columns)


def json_with(key: str, prefix: str) -> Callable[[Path], bool]:
    """Recognises a JSON object whose ``key`` is a string starting with ``prefix``."""

    def owned(path: Path) -> bool:
        try:
            value = json.loads(path.read_text(encoding="utf-8")).get(key)
        except (OSError, ValueError, AttributeError):
            return False
        return isinstance(value, str) and value.startswith(prefix)

    return owned


def write_atomic(path: str | os.PathLike, data: bytes | str, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` through a temporary file of the same folder and ``os.replace``;
    on failure the temporary file is removed, ``path`` is left as it was and
    :class:`OutputError` names it."""
    path = Path(path)
    raw = data.encode(encoding) if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "xb") as f:
            f.write(raw)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(
            f"could not write {display_path(path)}: {exc.strerror or exc}; "
            "the previous file (if any) is left in place"
        ) from exc
    return path


def write_csv(frame, path: str | os.PathLike, **to_csv) -> Path:
    """A pandas frame as UTF-8 CSV, written with :func:`write_atomic`."""
    return write_atomic(path, frame.to_csv(None, **{"index": False, **to_csv}))

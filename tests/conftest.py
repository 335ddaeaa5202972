"""Shared fixtures: the frozen seed data folder, broken copies of it, and a notebook runner.

Tests read ``SEED`` (``tests/fixtures/seed/``, a frozen copy of the five seed articles and their
curated tables), never the live ``data/`` folder, so that adding an article to ``data/`` leaves
every count and finding asserted here unchanged. ``LIVE_DATA`` is only for checks of what is
committed from the live data (the committed figures, the refusal to write into ``data/``).

Also: commands run as the user runs them, watched for the processes they leave behind.
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill
import psutil
import pytest
from hypothesis import settings

from helpers.analyses import framing
from helpers.data.paths import project_root
from helpers.runner import pipeline
from helpers.text import nlp as text_nlp

ROOT = project_root()
SEED = ROOT / "tests" / "fixtures" / "seed"
LIVE_DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
FIXTURES_CORPUS = ROOT / "tests" / "fixtures" / "extract" / "corpus"

# Property tests check results, not speed: no per-example deadline (a loaded machine runs them slower).
settings.register_profile("project", deadline=None)
settings.load_profile("project")


@pytest.fixture(scope="session", autouse=True)
def _seed_is_the_default_data_folder():
    """``load()``, notebooks and the runner called without a data folder read the seed copy."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MALI_DATA_DIR", str(SEED))
        yield


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed data folder to break on purpose."""
    dest = tmp_path / "data"
    shutil.copytree(SEED, dest)
    return dest


@pytest.fixture
def run_notebook(tmp_path: Path):
    """Execute ``notebooks/<name>.ipynb`` with papermill and the given parameters.

    Figures and tables go under ``tmp_path`` (never into the project), and the executed
    notebook is returned as a ``nbformat`` node with ``.figures_dir`` and ``.tables_dir``.
    """

    def run(name: str, **parameters):
        figures = tmp_path / "figures"
        tables = tmp_path / "tables"
        parameters.setdefault("data_dir", str(SEED))
        out = tmp_path / f"{name}.executed.ipynb"
        papermill.execute_notebook(
            str(NOTEBOOKS / f"{name}.ipynb"),
            str(out),
            parameters={"figures_dir": str(figures), "tables_dir": str(tables), **parameters},
            kernel_name="mali-defence",
            cwd=str(NOTEBOOKS),
            progress_bar=False,
        )
        nb = nbformat.read(out, as_version=4)
        nb.figures_dir = figures
        nb.tables_dir = tables
        return nb

    return run


def notebook_text(nb) -> str:
    """All text outputs (and Markdown, unescaped) of an executed notebook, joined, for assertions on what it says."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "text" in out:
                parts.append(out["text"])
            data = out.get("data", {})
            if "text/plain" in data:
                parts.append(data["text/plain"])
            if "text/markdown" in data:
                parts.append(html.unescape(data["text/markdown"]))
    return "\n".join(parts)


@pytest.fixture(scope="session")
def full_run(tmp_path_factory) -> Path:
    """Every notebook run once, cold, on the live data folder into a temporary folder.

    The live folder, not the seed copy: this run is compared with the committed figures, which
    are by definition drawn from the live data."""
    out = tmp_path_factory.mktemp("full") / "out"
    outcomes = pipeline.run(data_dir=str(LIVE_DATA), out=str(out), jobs=2, force=True, echo=print)
    failed = [o.message for o in outcomes if o.status != "ran"]
    assert not failed, "\n".join(failed)
    return out


@pytest.fixture(scope="session")
def nlp():
    """spaCy's French pipeline as the framing analysis loads it (loaded once per session)."""
    return text_nlp.french_pipeline()


@pytest.fixture(scope="session")
def codebook():
    """The project's frame codebook."""
    return framing.load_codebook()


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path -> sha256), to show that nothing changed."""
    folder = Path(folder)
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throw-away copy of the project (``pyproject.toml`` and ``data/``) that the commands
    take for the project (``MALI_PROJECT_ROOT``): refusals are tested without risking data/."""
    root = tmp_path / "project"
    shutil.copytree(SEED, root / "data", ignore=shutil.ignore_patterns("interim"))
    shutil.copyfile(ROOT / "pyproject.toml", root / "pyproject.toml")
    monkeypatch.setenv("MALI_PROJECT_ROOT", str(root))
    monkeypatch.delenv("MALI_DATA_DIR", raising=False)
    return root


@dataclass
class Finished:
    """A command that ran: exit status, output, and every process it started on the way."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    seen: dict[int, str] = field(default_factory=dict)

    def leftovers(self) -> list[str]:
        """The processes it started that are still alive (zombies count as gone)."""
        alive = []
        for pid, name in self.seen.items():
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    alive.append(f"{pid} {name}")
            except psutil.NoSuchProcess:
                pass
        return alive


def descendants(pid: int) -> dict[int, str]:
    """pid -> command line of every process below ``pid``."""
    try:
        kids = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return {}
    out = {}
    for k in kids:
        try:
            out[k.pid] = " ".join(k.cmdline())[:200]
        except psutil.Error:
            continue
    return out


class Command:
    """``python -m helpers ARGS`` started in the background, its output read as it comes and
    its process tree sampled while it runs."""

    def __init__(self, *args: str, cwd: Path | None = None, env: dict | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "helpers", *map(str, args)],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.started = time.monotonic()
        self.seen: dict[int, str] = {}
        self.out: list[str] = []
        self.err: list[str] = []
        self._readers = [
            threading.Thread(target=self._read, args=(stream, into), daemon=True)
            for stream, into in ((self.proc.stdout, self.out), (self.proc.stderr, self.err))
        ]
        for t in self._readers:
            t.start()

    @staticmethod
    def _read(stream, into: list[str]) -> None:
        for line in stream:
            into.append(line)

    @property
    def stdout(self) -> str:
        return "".join(self.out)

    def sample(self) -> dict[int, str]:
        now = descendants(self.proc.pid)
        self.seen.update(now)
        return now

    def wait_for(self, predicate, timeout: float = 600.0) -> None:
        """Sample the process tree until ``predicate(self)`` holds (fails after ``timeout`` s)."""
        deadline = time.monotonic() + timeout
        while not predicate(self):
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"the command ended early ({self.proc.returncode}):\n{self.stdout}\n{''.join(self.err)}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for the command:\n{self.stdout}")
            self.sample()
            time.sleep(0.2)

    def kernels(self) -> dict[int, str]:
        """The kernels running under the command now."""
        return {pid: cmd for pid, cmd in self.sample().items() if "ipykernel" in cmd}

    def finish(self, timeout: float = 900.0) -> Finished:
        """Wait for the command to end (killing it after ``timeout`` s) and return what it did."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self.sample()
            time.sleep(0.1)
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        seconds = time.monotonic() - self.started
        for t in self._readers:
            t.join(timeout=10)
        return Finished(
            self.proc.returncode, self.stdout, "".join(self.err), seconds, dict(self.seen)
        )


def helpers_cli(*args: str, timeout: float = 900.0, **kw) -> Finished:
    """Run ``python -m helpers ARGS`` to the end, watching the processes it starts."""
    return Command(*args, **kw).finish(timeout)


def tiny_notebook(
    path: Path, *sources: str, title: str = "Tiny", parameters: str | None = None
) -> Path:
    """A notebook of a title and code cells (the first tagged ``parameters`` when given)."""
    cells = [nbformat.v4.new_markdown_cell(f"# {title}")]
    if parameters is not None:
        cells.append(nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    cells += [nbformat.v4.new_code_cell(s) for s in sources]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


# tables_dir is a papermill parameter the runner gives every notebook
WRITE_TABLE = "import pathlib\npathlib.Path(tables_dir, '{name}.csv').write_text('a\\n{value}\\n')"


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch):
    """``full_disk(name)``: from now on, a write through :func:`helpers.data.outputs.write_atomic`
    to a file whose name contains ``name`` (any file when empty) fails as on a full disk."""
    import errno

    from helpers.data import outputs

    real_open = open

    def fill(name: str = "") -> None:
        class Full:
            def __init__(self, path, *args, **kw):
                self.full = name in Path(path).name
                self.f = real_open(path, *args, **kw)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.f.close()

            def write(self, data):
                if self.full:
                    raise OSError(errno.ENOSPC, "No space left on device")
                return self.f.write(data)

        monkeypatch.setattr(outputs, "open", Full, raising=False)

    return fill

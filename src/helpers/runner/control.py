"""Control of a run's processes: the lock on its output folder, one process per notebook job
(with the kernel it starts), time limits, and what SIGINT (Ctrl-C) or SIGTERM does.

Each job runs in its own process (:mod:`helpers.runner.worker`), in a session of its own so
that a Ctrl-C in the terminal reaches only the run, which then stops every job process and
kernel itself. A job process reports, on a pipe, each cell as it starts and finally its result;
when its parent disappears it stops its kernel and exits, so a killed run leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import psutil
from filelock import FileLock, Timeout

from helpers.data.errors import OutputError
from helpers.data.outputs import write_atomic
from helpers.data.paths import display_path


class Cancelled(Exception):
    """Raised in the main thread when the run receives SIGINT or SIGTERM."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.name = signal.Signals(signum).name
        super().__init__(self.name)


class Interrupts:
    """SIGINT and SIGTERM raise :class:`Cancelled` once, in the main thread; inside
    :meth:`protect` they wait until the block has finished (outputs being moved into place are
    never left half moved). Later signals are ignored while the run stops."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._depth = 0
        self._raised = False
        self._old: dict[int, object] = {}

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)

    def _handle(self, signum: int, frame: object) -> None:
        if self.signum is None:
            self.signum = signum
        if self._depth == 0:
            self._raise()

    def _raise(self) -> None:
        if self.signum is not None and not self._raised:
            self._raised = True
            raise Cancelled(self.signum)

    @contextmanager
    def protect(self) -> Iterator[None]:
        """A block that a signal does not cut short; the signal takes effect when it ends."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if self._depth == 0:
            self._raise()

    def hold(self) -> None:
        """Ignore any further signal (the run is stopping)."""
        self._raised = True
        self._depth += 1


class RunLock:
    """An exclusive lock (``filelock``) on an output folder, with who holds it written beside
    it. A second run waits up to ``wait`` seconds, then :class:`OutputError` names the holder."""

    def __init__(self, path: Path, folder: Path, wait: float) -> None:
        self.path, self.folder, self.wait = Path(path), Path(folder), wait
        self.owner = self.path.with_name(self.path.name + ".owner.json")
        self._lock: FileLock | None = None

    def __enter__(self) -> RunLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"could not create {display_path(self.path.parent)}: {exc.strerror or exc}"
            ) from exc
        lock = FileLock(str(self.path))
        try:
            lock.acquire(timeout=max(self.wait, 0.01))
        except Timeout:
            raise OutputError(self._busy()) from None
        command = (
            ["python -m helpers", *sys.argv[1:]]
            if sys.argv[0].endswith("__main__.py")
            else sys.argv
        )
        try:
            write_atomic(
                self.owner,
                json.dumps(
                    {
                        "pid": os.getpid(),
                        "folder": str(self.folder),
                        "cwd": os.getcwd(),
                        "command": " ".join(command),
                        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
                    },
                    indent=1,
                ),
            )
        except OutputError:
            lock.release()
            raise
        self._lock = lock
        return self

    def _busy(self) -> str:
        try:
            owner = json.loads(self.owner.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            owner = {}
        who = (
            (
                f" (pid {owner.get('pid', '?')}, started {owner.get('started', '?')} in {owner.get('cwd', '?')}: "
                f"{owner.get('command', '?')})"
            )
            if owner
            else ""
        )
        return (
            f"another run holds the lock on {display_path(self.folder)}{who}; waited {self.wait:g} s for it to "
            f"finish. Run again once it is done (or give --lock-wait SECONDS to wait longer); the lock is "
            f"{display_path(self.path)}"
        )

    def __exit__(self, *exc: object) -> None:
        if self._lock is not None:
            self.owner.unlink(missing_ok=True)
            self._lock.release()
            self._lock = None


def stop_trees(pids: list[int], grace: float = 3.0) -> None:
    """Stop processes and everything they started (kernels, the kernels' children), all at
    once: each process is suspended first so that it starts nothing more, its descendants get
    SIGTERM, then SIGKILL after ``grace`` seconds; the processes themselves are killed."""
    roots, procs = [], []
    for pid in pids:
        try:
            root = psutil.Process(pid)
            root.suspend()
            procs += root.children(recursive=True)
            roots.append(root)
        except psutil.Error:
            continue
    for p in procs:
        try:
            p.terminate()
        except psutil.Error:
            pass
    for root in roots:
        try:
            root.kill()
        except psutil.Error:
            pass
    _, alive = psutil.wait_procs([*procs, *roots], timeout=grace)
    for p in alive:
        try:
            p.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(alive, timeout=grace)


def stop_all(jobs: list[JobProcess]) -> None:
    """Stop every job process with its kernel, in parallel."""
    stop_trees([j.proc.pid for j in jobs if j.proc.poll() is None])
    for j in jobs:
        j.proc.poll()
        j.close()


class JobProcess:
    """One job in a process of its own: ``python -m helpers.runner.worker``, given
    ``(job, layout, tmp)`` on stdin, answering on a pipe with one JSON object a line."""

    def __init__(self, payload: tuple) -> None:
        read_end, write_end = os.pipe()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "helpers.runner.worker", str(write_end)],
                stdin=subprocess.PIPE,
                pass_fds=(write_end,),
                start_new_session=True,
            )
        finally:
            os.close(write_end)
        self.fd = read_end
        self.started = time.monotonic()
        self.cell: dict | None = None
        self.result: dict | None = None
        self._buffer = b""
        self.closed = False
        try:
            self.proc.stdin.write(pickle.dumps(payload))
            self.proc.stdin.close()
        except OSError:
            pass

    def fileno(self) -> int:
        """The pipe's read end, for ``select``."""
        return self.fd

    def read(self) -> None:
        """Take in what the job process has written (cells started, the result)."""
        chunk = os.read(self.fd, 65536)
        if not chunk:
            self.close()
            return
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            message = json.loads(line)
            if "cell" in message:
                self.cell = message
            elif "result" in message:
                self.result = message["result"]

    def finished(self) -> bool:
        """True once the process has exited and its pipe is drained."""
        return self.closed and self.proc.poll() is not None

    def stop(self) -> None:
        """Stop the process, its kernel and whatever they started."""
        stop_all([self])

    def close(self) -> None:
        """Close the pipe's read end (once)."""
        if not self.closed:
            os.close(self.fd)
            self.closed = True


def ready(jobs: list[JobProcess], timeout: float) -> list[JobProcess]:
    """The job processes with something to read, waiting up to ``timeout`` seconds."""
    open_jobs = [j for j in jobs if not j.closed]
    if not open_jobs:
        time.sleep(min(timeout, 0.05))
        return []
    readable, _, _ = select.select(open_jobs, [], [], timeout)
    return readable


def describe_cell(cell: dict | None) -> str:
    """Which cell was running, for a message: its number and its first lines."""
    if not cell:
        return "before its first cell (while the kernel started)"
    lines = (cell.get("source") or "").strip().splitlines()
    shown = "\n".join("      " + s for s in lines[:3]) + ("\n      ..." if len(lines) > 3 else "")
    return f"in cell {cell['cell'] + 1}:\n{shown}"

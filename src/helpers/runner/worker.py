"""One notebook job in a process of its own: ``python -m helpers.runner.worker FD``.

Reads ``(job, layout, tmp)`` (pickled) on stdin, runs the job into ``tmp`` and writes to file
descriptor ``FD`` one JSON object a line: ``{"cell": i, "source": ...}`` as each cell starts,
then ``{"result": ...}``. SIGINT is left to the run, which stops this process and its kernel
itself; if the run disappears, this process stops its kernel and exits.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import sys
import threading
import time

import psutil


def _watch_parent(parent: int) -> None:
    """Stop the kernel and exit as soon as the process that started this one is gone."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            for child in psutil.Process().children(recursive=True):
                try:
                    child.kill()
                except psutil.Error:
                    pass
            os._exit(1)


def main(fd: int) -> int:
    """Run the job read on stdin, reporting on ``fd``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    job, layout, tmp = pickle.loads(sys.stdin.buffer.read())
    out = os.fdopen(fd, "w", encoding="utf-8", buffering=1)

    def send(message: dict) -> None:
        out.write(json.dumps(message, ensure_ascii=False) + "\n")

    os.environ["MALI_STATE_DIR"] = str(layout.lock.parent if layout.lock else layout.state)
    os.environ["JUPYTER_RUNTIME_DIR"] = str(tmp / ".runtime")
    from helpers.runner.execute import run_job, source_cell_number

    written = layout.notebooks_src / f"{job.notebook}.ipynb"

    def on_cell(cell, cell_index: int, **_) -> None:
        # numbered as in the notebook written, not counting papermill's injected parameters cell
        send({"cell": source_cell_number(written, cell_index) - 1, "source": cell.source[:400]})

    send({"result": run_job(job, layout, tmp, on_cell)})
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))

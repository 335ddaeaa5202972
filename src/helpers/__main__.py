"""Command line: ``python -m helpers {run,validate,add,quote,extract,merge,evaluate,...} ...``."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from helpers.data.errors import DataError
from helpers.text.nlp import ModelNotInstalled

COMMANDS = {
    "run": (
        "helpers.runner.pipeline",
        "execute the notebooks with papermill and export HTML reports",
    ),
    "validate": ("helpers.data.validate_cli", "check a data folder against the data contract"),
    "add": ("helpers.data.corpus:add_cli", "add an article's text, verbatim, to the corpus"),
    "quote": (
        "helpers.data.corpus:quote_cli",
        "find a quote in an article: exact evidence and offsets",
    ),
    "extract": (
        "helpers.extraction.cli",
        "propose draft event tables from a folder of French articles",
    ),
    "merge": (
        "helpers.extraction.merge_cli",
        "merge a reviewed draft's accepted proposals into the curated tables",
    ),
    "evaluate": ("helpers.extraction.evaluate", "score draft tables against curated (gold) tables"),
    "synth": ("helpers.runner.synth", "write a synthetic data folder for scale measurements"),
    "bench": (
        "helpers.runner.bench",
        "measure throughput, notebook time and memory, and report caching",
    ),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(
        prog="python -m helpers",
        description="Mali defence-cooperation press analysis.",
        epilog="Run 'python -m helpers COMMAND --help' for a command's options.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, summary) in COMMANDS.items():
        sub.add_parser(name, help=summary, add_help=False)
    if not argv or argv[0] in ("-h", "--help"):
        parser.print_help()
        return 0
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        parser.print_usage(sys.stderr)
        print(
            f"python -m helpers: unknown command {command!r}; expected one of: {', '.join(COMMANDS)}",
            file=sys.stderr,
        )
        return 2
    module_name, _, function = COMMANDS[command][0].partition(":")
    prog = f"python -m helpers {command}"
    try:
        entry = getattr(import_module(module_name), function or "cli")
        return int(entry(rest, prog=prog) or 0)
    except (DataError, ModelNotInstalled) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"{prog}: could not use{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

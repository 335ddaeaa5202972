"""Compiled regular expressions kept in a file between runs, so a process does not compile them again.

Python compiles a regular expression in two deterministic steps: it parses the text, then
translates the tree into the instruction list its matching engine (``_sre``) runs. spaCy's French
tokenizer holds a 1.4-million-character expression (hyphenated and elided words, matched without
regard to case over every Unicode letter) that takes Python 3 to 5 seconds to compile, in every
process that loads the model.

:class:`CompiledStore` writes the instruction list of given patterns to a JSON file, with the
Python version and the engine's ``MAGIC`` number. :meth:`CompiledStore.preload` rebuilds each
pattern from its instructions and puts it into the cache that ``re.compile`` consults first, so
that the next ``re.compile`` of the same text and flags returns it at once. The rebuilt pattern
is made of the very instructions compiling produces (the tests compare them with
``re._compiler``), so it matches exactly as a freshly compiled one. A file written by another
Python, or unreadable, is ignored and the patterns are compiled as usual.

This reaches into CPython's private ``re._parser``, ``re._compiler`` and ``re._cache``; when
they are not as expected, nothing is preloaded and nothing changes but the time taken.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

FORMAT = 1


def _stamp() -> dict:
    import _sre

    return {"format": FORMAT, "python": sys.version, "magic": _sre.MAGIC, "codesize": _sre.CODESIZE}


def compile_parts(pattern: str, flags: int = 0) -> dict:
    """What ``re.compile(pattern, flags)`` hands to the matching engine, as JSON-ready values."""
    from re import _compiler, _parser

    tree = _parser.parse(pattern, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return {
        "pattern": pattern,
        "flags": flags,
        "final_flags": flags | tree.state.flags,
        "code": list(code),
        "groups": tree.state.groups - 1,
        "groupindex": groupindex,
        "indexgroup": indexgroup,
    }


def build(parts: dict) -> re.Pattern:
    """The pattern object made from :func:`compile_parts`' values, without compiling."""
    import _sre

    return _sre.compile(
        parts["pattern"],
        parts["final_flags"],
        parts["code"],
        parts["groups"],
        parts["groupindex"],
        tuple(parts["indexgroup"]),
    )


class CompiledStore:
    """A JSON file of compiled patterns for this Python (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _entries(self) -> list[dict]:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        if not isinstance(stored, dict) or stored.get("stamp") != _stamp():
            return []
        entries = stored.get("patterns")
        return entries if isinstance(entries, list) else []

    def preload(self) -> int:
        """Put every stored pattern into ``re``'s cache; return how many were put there."""
        cache = getattr(re, "_cache", None)
        if not isinstance(cache, dict):
            return 0
        n = 0
        for parts in self._entries():
            try:
                compiled = build(parts)
            except (KeyError, TypeError, ValueError, RuntimeError):
                continue
            cache[(str, parts["pattern"], parts["flags"])] = compiled
            n += 1
        return n

    def save(self, patterns: Iterable[tuple[str, int]]) -> int:
        """Store the (text, flags) patterns the file lacks; return how many were added. The file
        is replaced in one step, so a process reading it meanwhile sees the old or the new one."""
        entries = self._entries()
        known = {(p.get("pattern"), p.get("flags")) for p in entries}
        added = []
        for text, flags in patterns:
            if (text, flags) in known:
                continue
            added.append(compile_parts(text, flags))
            known.add((text, flags))
        if not added:
            return 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"stamp": _stamp(), "patterns": entries + added}, fh, ensure_ascii=False)
            os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return len(added)

"""Many texts searched as one: Python's ``re`` over NUL-joined texts, and RE2 with Python's meaning.

:class:`TextSet` holds the texts. :func:`find_all` runs a compiled Python pattern over the texts
joined by NUL, in one pass, and gives what a search text by text gives. :meth:`TextSet.search` runs a :class:`Pattern` on RE2 (google-re2), whose time is
linear in the text: no pattern can make it backtrack for ever (``(a+)+$`` on a long run of ``a``
answers at once).

A :class:`Pattern` (:func:`compile_pattern`) is a Python regular expression, searched with
``re.IGNORECASE``, translated to RE2 so that it finds the spans Python's ``re.finditer`` finds.
RE2's ``\\b``, ``\\w``, ``\\d`` and ``\\s`` know ASCII only and it has no lookaround, so:

- ``\\w`` is ``[\\pL\\pN_]`` and ``\\W`` its complement, ``\\d`` is ``\\p{Nd}``, ``\\s`` the
  characters of :data:`WHITESPACE` (those ``str.isspace`` holds), ``.`` anything but a newline.
- Letters and character classes written in the pattern match case-insensitively (RE2's Unicode
  case folding); the classes above do not fold, as Python's do not.
- ``\\b``, ``^``/``\\A`` and ``$``/``\\Z`` are taken only at the very start or end of the
  pattern or of a top-level alternative. The texts are searched in one string where each is
  wrapped in a separator that no translated class matches, so the start and the end of a text are
  characters too. At the end, the assertion becomes one character consumed after the match,
  outside the reported span: for ``\\b`` after a letter, one that is not a letter, digit or
  ``_`` (or the separator); for ``$``, an optional newline and the separator. At the start, a
  ``\\b`` of a pattern with one alternative is checked in Python on the character before each
  match found, and where it fails the search goes on from the next character (RE2 can then skip
  ahead on the pattern's first letters); otherwise each alternative consumes the character before
  its match (the separator for ``^``), so that where one alternative's ``\\b`` fails the next
  is tried at the same place, as Python does. A ``\\b`` elsewhere is taken only where the
  pattern settles it anyway (between a part that always ends with a letter and one that always
  starts with ``\\W``, as in ``échec\\b(?:\\W+\\w+){0,4}``) and is then dropped.
- Refused, with the reason, in a :class:`PatternError`: lookarounds, backreferences, atomic groups
  and possessive repeats, conditionals, inline flags, ``\\B``, an assertion elsewhere (or next to
  a part that may start, or end, with a letter or not), a negated class mixing ``\\w``, ``\\d`` or
  ``\\s`` with characters, a pattern that may match an empty span, and whatever RE2 cannot compile.

Two differences from Python remain. Python's ``re.IGNORECASE`` takes the Turkish dotted and
dotless i (``İ``, ``ı``) as cases of ``i``, RE2's folding does not. And RE2's Unicode tables are
newer than Python's: a character that Python's Unicode version does not assign yet may be a
letter to RE2. Texts are searched as UTF-8, encoded once; byte offsets are mapped back to
character offsets with numpy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
import re2

from helpers.text.pyregex import Node, PatternError, parse

# ---------------------------------------------------------------------------------------------
# Python's re over NUL-joined texts

_SEP = "\x00"
_SAFE_LOOKAROUNDS = ("(?<!\\w)", "(?!\\w)")
_UNSAFE = re.compile(r"\^|\$|\\[AZBz]|\(\?<?[=!]|\\x00|\\0")


def joinable(pattern: str) -> bool:
    """Whether a pattern finds the same spans in texts joined by NUL as in each text alone: no
    anchors and no lookaround other than ``(?<!\\w)``/``(?!\\w)``, which NUL cannot satisfy."""
    rest = pattern.replace("[^", "[")
    for ok in _SAFE_LOOKAROUNDS:
        rest = rest.replace(ok, "")
    return not _UNSAFE.search(rest)


_Found = tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]


def _empty() -> _Found:
    return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64), []


class TextSet:
    """Texts searched as one string: joined by NUL for Python's ``re``, wrapped in a separator
    and encoded as UTF-8 once for RE2."""

    def __init__(self, texts: Sequence[str]):
        self.texts = list(texts)
        self.lengths = np.fromiter(
            (len(t) for t in self.texts), dtype=np.int64, count=len(self.texts)
        )
        self.begin = np.concatenate([[0], np.cumsum(self.lengths + 1)[:-1]]).astype(np.int64)

    @cached_property
    def joined(self) -> str:
        return _SEP.join(self.texts)

    @cached_property
    def separator(self) -> str:
        """The character around every text in :attr:`haystack`: NUL, or where a text holds NUL,
        the first character of the private use area that none holds."""
        for ch in ("\x00", *map(chr, range(0xE000, 0xF900))):
            if not any(ch in t for t in self.texts):
                return ch
        raise ValueError(
            "every character of the private use area is in the texts: no separator is left"
        )

    @cached_property
    def haystack(self) -> bytes:
        """The texts, each wrapped in :attr:`separator`, as UTF-8."""
        s = self.separator
        return (s + s.join(self.texts) + s).encode("utf-8")

    @cached_property
    def _continuation(self) -> np.ndarray:
        """Byte offsets of the UTF-8 continuation bytes of :attr:`haystack`."""
        return np.flatnonzero((np.frombuffer(self.haystack, dtype=np.uint8) & 0xC0) == 0x80)

    def search(self, pattern: Pattern) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every match of ``pattern`` on RE2, as ``re.finditer`` gives them text by text:
        ``(text index, start, end)`` with character offsets within the text."""
        if not self.texts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
        plan = pattern.plan(self.separator)
        rx = _re2_of(plan.regex)
        data = self.haystack
        groups = range(1, pattern.alternatives + 1)
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        while (m := rx.search(data, pos)) is not None:
            if plan.consumes_before:
                s, e = next(sp for sp in map(m.span, groups) if sp[0] >= 0)
                pos = _char_start(
                    data, e - 1
                )  # the next match may look at the last character of this one
            else:
                s, e = m.span(1)
                if plan.before is not None and self._kind_before(s) not in plan.before:
                    pos = _char_start(data, s + 1, forward=True)
                    continue
                pos = e
            starts.append(s)
            ends.append(e)
        b = np.asarray(starts, dtype=np.int64)
        e = np.asarray(ends, dtype=np.int64)
        cont = self._continuation
        b -= np.searchsorted(cont, b)
        e -= np.searchsorted(cont, e)
        first = self.begin + 1
        idx = np.searchsorted(first, b, side="right") - 1
        return idx, b - first[idx], e - first[idx]

    def _kind_before(self, pos: int) -> str:
        """S (the separator), W (a character of ``\\w``) or N: the character before byte ``pos``."""
        data = self.haystack
        ch = data[_char_start(data, pos - 1) : pos].decode("utf-8")
        return "S" if ch == self.separator else W if ch.isalnum() or ch == "_" else N


def _char_start(data: bytes, pos: int, forward: bool = False) -> int:
    """The first byte offset at or before (or at or after) ``pos`` that starts a character."""
    step = 1 if forward else -1
    while pos < len(data) and data[pos] & 0xC0 == 0x80:
        pos += step
    return pos


def find_all(rx: re.Pattern[str], texts: Sequence[str]) -> _Found:
    """Non-empty matches of ``rx`` in each text, as found text by text: ``(text index, start, end,
    matched)`` with offsets within the text. Texts are searched joined by NUL in one pass; texts a
    match crosses into are searched again alone, so the result is that of a per-text search."""
    return _find_joined(rx, TextSet(texts))


def _find_joined(rx: re.Pattern[str], ts: TextSet) -> _Found:
    texts = ts.texts
    if not texts:
        return _empty()
    if not joinable(rx.pattern) or any(_SEP in t for t in texts):
        found = [
            (i, m.start(), m.end(), m.group(0))
            for i, t in enumerate(texts)
            for m in rx.finditer(t)
            if m.end() > m.start()
        ]
    else:
        lengths, begin = ts.lengths, ts.begin
        spans = [
            (m.start(), m.end(), m.group(0)) for m in rx.finditer(ts.joined) if m.end() > m.start()
        ]
        b = np.fromiter((x[0] for x in spans), dtype=np.int64, count=len(spans))
        e = np.fromiter((x[1] for x in spans), dtype=np.int64, count=len(spans))
        first = np.searchsorted(begin, b, side="right") - 1
        last = np.searchsorted(begin, np.maximum(e - 1, b), side="right") - 1
        cross = (first != last) | (e > begin[first] + lengths[first])
        redo = set()
        for f, la in zip(first[cross].tolist(), last[cross].tolist(), strict=True):
            redo.update(range(f, la + 1))
        keep = ~np.isin(first, list(redo)) if redo else np.ones(len(spans), dtype=bool)
        found = [
            (int(i), int(x - begin[i]), int(y - begin[i]), spans[j][2])
            for j, (i, x, y) in enumerate(zip(first, b, e, strict=True))
            if keep[j]
        ]
        found += [
            (i, m.start(), m.end(), m.group(0))
            for i in sorted(redo)
            for m in rx.finditer(texts[i])
            if m.end() > m.start()
        ]
        found.sort(key=lambda r: (r[0], r[1]))
    if not found:
        return _empty()
    i, b, e, g = zip(*found, strict=True)
    return np.asarray(i, np.int64), np.asarray(b, np.int64), np.asarray(e, np.int64), list(g)


# ---------------------------------------------------------------------------------------------
# Python patterns on RE2

# The characters str.isspace holds, which Python's \s matches.
WHITESPACE = (
    (0x09, 0x0D),
    (0x1C, 0x20),
    (0x85, 0x85),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
)
_WORD_ITEMS = r"\pL\pN_"
_DIGIT_ITEMS = r"\p{Nd}"
# COMBINING GREEK YPOGEGRAMMENI is no letter, yet case-insensitive matching takes it for an iota.
_MIXED_CASE = frozenset("\u0345\u0399\u03b9\u1fbe")
_MAX_SCANNED = 0x3000  # characters of a class looked at one by one to tell whether all are letters
_NEVER = r"[^\x00-\x{10FFFF}]"
W, N = "W", "N"  # a character of \w, a character of \W
_OPTIONS = re2.Options()
_OPTIONS.max_mem = 64 << 20


def _range_items(ranges: Sequence[tuple[int, int]], without: str = "") -> str:
    cut = ord(without) if without else -1
    out = []
    for lo, hi in ranges:
        pieces = [(lo, cut - 1), (cut + 1, hi)] if lo <= cut <= hi else [(lo, hi)]
        out.extend(
            f"\\x{{{a:x}}}" if a == b else f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in pieces if a <= b
        )
    return "".join(out)


_SPACE_ITEMS = _range_items(WHITESPACE)


def _category(name: str, sep: str) -> str:
    """``\\w \\W \\d \\D \\s \\S`` or ``.`` (``any``) as an RE2 class that does not fold case."""
    items = {"w": _WORD_ITEMS, "d": _DIGIT_ITEMS, "s": _SPACE_ITEMS}
    if name in items:
        return f"[{items[name]}]"
    if name == "any":
        return f"[^\\n{_range_items([(ord(sep), ord(sep))])}]"
    return f"[^{items[name.lower()]}{_range_items([(ord(sep), ord(sep))])}]"


def _literal(ch: str) -> str:
    if ch.isascii() and (ch.isalnum() or ch == "_"):
        return ch
    if ch.isascii() and ch.isprintable() and ch != " ":
        return "\\" + ch
    return f"\\x{{{ord(ch):x}}}"


def _char_kinds(ch: str, ignorecase: bool) -> frozenset[str]:
    if ignorecase and ch in _MIXED_CASE:
        return frozenset((W, N))
    return frozenset((W,)) if ch.isalnum() or ch == "_" else frozenset((N,))


_CATEGORY_KINDS = {"w": {W}, "d": {W}, "s": {N}, "W": {N}, "D": {W, N}, "S": {W, N}, "any": {W, N}}


# First and last characters a part may match: W (a letter, digit or _), N (any other), both.


def _kinds(node: Node, ignorecase: bool) -> tuple[frozenset[str], frozenset[str], bool]:
    """``(kinds of a first character, kinds of a last character, may match empty)``."""
    if node.kind == "char":
        k = _char_kinds(node.text, ignorecase)
        return k, k, False
    if node.kind == "cat":
        k = frozenset(_CATEGORY_KINDS[node.text])
        return k, k, False
    if node.kind == "set":
        if node.negated or sum(hi - lo + 1 for lo, hi in node.ranges) > _MAX_SCANNED:
            k = frozenset((W, N))
        else:
            k = frozenset().union(
                *(_CATEGORY_KINDS[c] for c in node.cats),
                *(
                    _char_kinds(chr(x), ignorecase)
                    for lo, hi in node.ranges
                    for x in range(lo, hi + 1)
                ),
            )
        return k, k, False
    if node.kind == "assert":
        return frozenset(), frozenset(), True
    if node.kind == "group":
        parts = [_seq_kinds(a, ignorecase) for a in node.alts]
        return (
            frozenset().union(*(p[0] for p in parts)),
            frozenset().union(*(p[1] for p in parts)),
            any(p[2] for p in parts),
        )
    first, last, empty = _kinds(node.node, ignorecase)
    return first, last, empty or node.lo == 0


def _seq_kinds(
    items: Sequence[Node], ignorecase: bool
) -> tuple[frozenset[str], frozenset[str], bool]:
    parts = [_kinds(n, ignorecase) for n in items]
    first: frozenset[str] = frozenset()
    for f, _, empty in parts:
        first |= f
        if not empty:
            break
    last: frozenset[str] = frozenset()
    for _, la, empty in reversed(parts):
        last |= la
        if not empty:
            break
    return first, last, all(p[2] for p in parts)


def _settled(kind: frozenset[str], empty: bool) -> str | None:
    """W or N when a part always begins (or ends) with a character of that kind."""
    return next(iter(kind)) if len(kind) == 1 and not empty else None


# Translation


def _emit_set(node: Node, sep: str, ignorecase: bool) -> str:
    fold = "(?i:{})" if ignorecase else "{}"
    if node.negated:
        if node.cats:
            return f"[^{''.join({'w': _WORD_ITEMS, 'd': _DIGIT_ITEMS, 's': _SPACE_ITEMS}[c] for c in node.cats)}{_range_items([(ord(sep), ord(sep))])}]"
        return fold.format(f"[^{_range_items(node.ranges)}{_range_items([(ord(sep), ord(sep))])}]")
    pieces = []
    if node.ranges:
        items = _range_items(node.ranges, without=sep)
        pieces.append(fold.format(f"[{items}]") if items else _NEVER)
    pieces += [_category(c, sep) for c in dict.fromkeys(node.cats)]
    return pieces[0] if len(pieces) == 1 else "(?:" + "|".join(pieces) + ")"


def _emit(node: Node, sep: str, ignorecase: bool) -> str:
    if node.kind == "char":
        if node.text == sep:
            return _NEVER
        return f"(?i:{_literal(node.text)})" if ignorecase else _literal(node.text)
    if node.kind == "cat":
        return _category(node.text, sep)
    if node.kind == "set":
        return _emit_set(node, sep, ignorecase)
    if node.kind == "group":
        return "(?:" + "|".join(_emit_seq(a, sep, ignorecase) for a in node.alts) + ")"
    if node.kind == "repeat":
        count = {(0, None): "*", (1, None): "+", (0, 1): "?"}.get((node.lo, node.hi))
        if count is None:
            count = (
                f"{{{node.lo}}}"
                if node.hi == node.lo
                else f"{{{node.lo},{'' if node.hi is None else node.hi}}}"
            )
        return f"(?:{_emit(node.node, sep, ignorecase)}){count}{'?' if node.lazy else ''}"
    raise PatternError(_ASSERT_ELSEWHERE)


_ASSERT_ELSEWHERE = (
    "has an assertion (\\b, ^, $, \\A, \\Z) elsewhere than at the start or end of the pattern or of a "
    "top-level alternative, where the parts around it do not settle it"
)


def _emit_seq(items: Sequence[Node], sep: str, ignorecase: bool) -> str:
    """A sequence, its \\b dropped where the parts around it settle it."""
    out, run = [], []
    for i, node in enumerate(items):
        if node.kind == "char" and node.text != sep:
            run.append(_literal(node.text))
            continue
        if run:
            out.append(f"(?i:{''.join(run)})" if ignorecase else "".join(run))
            run = []
        if node.kind != "assert":
            out.append(_emit(node, sep, ignorecase))
            continue
        _, last, left_empty = _seq_kinds(items[:i], ignorecase)
        first, _, right_empty = _seq_kinds(items[i + 1 :], ignorecase)
        before, after = _settled(last, left_empty), _settled(first, right_empty)
        if node.text != "b" or before is None or after is None or before == after:
            raise PatternError(_ASSERT_ELSEWHERE)
    if run:
        out.append(f"(?i:{''.join(run)})" if ignorecase else "".join(run))
    return "".join(out)


def _edge(node: Node, kind: str | None, sep: str, start: bool) -> str:
    """The character consumed for an assertion at the start (before the match) or the end."""
    if (node.text in ("^", "A") and start) or (node.text == "Z" and not start):
        return _literal(sep)
    if node.text == "$" and not start:
        return f"\\n?{_literal(sep)}"
    if node.text != "b":
        raise PatternError(_ASSERT_ELSEWHERE)
    if kind is None:
        where = "before a part that may begin" if start else "after a part that may end"
        raise PatternError(f"has a \\b {where} with a letter or digit or with another character")
    return f"[^{_WORD_ITEMS}]" if kind == W else f"[{_WORD_ITEMS}]"


@dataclass(frozen=True)
class _Plan:
    """How a pattern runs: the RE2 regexp; with one top-level alternative and no ``^``, the kinds
    of character (S the separator, W, N) a ``\\b`` allows before a match, checked on each match
    found (None: any); else each alternative consumes the character before its match."""

    regex: str
    before: frozenset[str] | None
    consumes_before: bool


@dataclass(frozen=True)
class Pattern:
    """A Python regular expression ready to run on RE2 (see the module's docstring)."""

    source: str
    parsed: tuple[tuple[Node, ...], ...]
    ignorecase: bool = True

    @property
    def alternatives(self) -> int:
        return len(self.parsed)

    def _split(
        self, items: tuple[Node, ...]
    ) -> tuple[Node | None, tuple[Node, ...], Node | None, str | None, str | None]:
        """``(assertion at the start, body, assertion at the end, settled first kind, last kind)``."""
        lead = 0
        while lead < len(items) and items[lead].kind == "assert":
            lead += 1
        trail = len(items)
        while trail > lead and items[trail - 1].kind == "assert":
            trail -= 1
        if lead > 1 or len(items) - trail > 1:
            raise PatternError("has two assertions side by side")
        body = items[lead:trail]
        first, last, empty = _seq_kinds(body, self.ignorecase)
        if empty:
            raise PatternError("may match an empty span")
        return (
            items[0] if lead else None,
            body,
            items[-1] if trail < len(items) else None,
            _settled(first, empty),
            _settled(last, empty),
        )

    def plan(self, sep: str = "\x00") -> _Plan:
        """The RE2 regexp (the match in a group, the character an assertion at its end asks for
        after it) and how the start of a match is checked."""
        alts = [self._split(items) for items in self.parsed]
        check = len(alts) == 1 and (alts[0][0] is None or alts[0][0].text == "b")
        out = []
        for lead, body, trail, first, last in alts:
            before = _edge(lead, first, sep, start=True) if lead else "(?s:.)"
            after = _edge(trail, last, sep, start=False) if trail else ""
            out.append(
                ("" if check else before) + f"({_emit_seq(body, sep, self.ignorecase)}){after}"
            )
        need = None
        if check and alts[0][0] is not None:
            need = frozenset(("S", N)) if alts[0][3] == W else frozenset((W,))
        return _Plan("|".join(out), need, not check)

    def translate(self, sep: str = "\x00") -> str:
        """The RE2 regexp of :meth:`plan`."""
        return self.plan(sep).regex

    def compiled(self, sep: str = "\x00"):
        """The RE2 regexp of :meth:`plan`, compiled once."""
        return _re2_of(self.plan(sep).regex)


@cache
def _re2_of(translated: str):
    try:
        return re2.compile(translated.encode("utf-8"), _OPTIONS)
    except re2.error as exc:
        raise PatternError(f"cannot be compiled by RE2 ({exc})") from None


@cache
def compile_pattern(pattern: str, ignorecase: bool = True) -> Pattern:
    """A Python regular expression (``re.IGNORECASE`` unless ``ignorecase`` is False) checked
    and translated for RE2; :class:`PatternError` says why one cannot be."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise PatternError(f"is not a valid regular expression ({exc})") from None
    out = Pattern(pattern, parse(pattern), ignorecase)
    out.compiled()
    return out

"""Python's regular-expression syntax read into a small tree, for :mod:`helpers.text.search`.

The parser reads a pattern that ``re.compile`` has accepted. It keeps what RE2 can run with
Python's meaning (characters, classes, ``\\w \\W \\d \\D \\s \\S .``, groups,
alternatives, repeats greedy or lazy, ``\\b ^ $ \\A \\Z``) and refuses the rest with a
:class:`PatternError` saying what it is: lookarounds, backreferences, atomic groups, possessive
repeats, conditionals, inline flags, ``\\B``, and negated classes that mix ``\\w``, ``\\d``
or ``\\s`` with characters (their case folding cannot be split).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


class PatternError(ValueError):
    """A regular expression outside the part of Python's syntax that RE2 runs with its meaning."""


@dataclass(frozen=True)
class Node:
    """One parsed element: ``char`` (text), ``set`` (ranges, categories, negated), ``cat``
    (text: w W d D s S any), ``assert`` (text: b ^ $ A Z), ``group`` (alts), ``repeat`` (node,
    lo, hi, lazy)."""

    kind: str
    text: str = ""
    ranges: tuple[tuple[int, int], ...] = ()
    cats: tuple[str, ...] = ()
    negated: bool = False
    alts: tuple[tuple[Node, ...], ...] = ()
    node: Node | None = None
    lo: int = 0
    hi: int | None = None
    lazy: bool = False


_COUNT = re.compile(r"\{([0-9]*)(?:(,)([0-9]*))?\}")
_OCTAL_ESCAPE = re.compile(r"0[0-7]{0,2}|[0-7]{3}")
_OCTAL_CLASS_ESCAPE = re.compile(r"[0-7]{1,3}")


class Parser:
    """Python's regular-expression syntax, read after ``re.compile`` accepted the pattern."""

    def __init__(self, pattern: str):
        self.p = pattern
        self.i = 0

    def peek(self, k: int = 1) -> str:
        return self.p[self.i : self.i + k]

    def get(self) -> str:
        ch = self.p[self.i]
        self.i += 1
        return ch

    def parse(self) -> tuple[tuple[Node, ...], ...]:
        alts = self.alternation()
        if self.i != len(self.p):
            raise PatternError("has an unbalanced parenthesis")
        return alts

    def alternation(self) -> tuple[tuple[Node, ...], ...]:
        alts = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            alts.append(self.sequence())
        return tuple(alts)

    def sequence(self) -> tuple[Node, ...]:
        items = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.repeated(self.atom()))
        return tuple(items)

    def repeated(self, atom: Node) -> Node:
        ch = self.peek()
        if ch in ("*", "+", "?"):
            self.i += 1
            lo, hi = {"*": (0, None), "+": (1, None), "?": (0, 1)}[ch]
        elif ch == "{" and (m := _COUNT.match(self.p, self.i)) and m.group(0) != "{}":
            self.i = m.end()
            lo = int(m.group(1) or 0)
            hi = (int(m.group(3)) if m.group(3) else None) if m.group(2) else lo
        else:
            return atom
        lazy = self.peek() == "?"
        if self.peek() == "+":
            raise PatternError("uses a possessive repeat (*+, ++, ?+, {m,n}+)")
        self.i += lazy
        return Node("repeat", node=atom, lo=lo, hi=hi, lazy=lazy)

    def atom(self) -> Node:
        ch = self.get()
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.charset()
        if ch == "\\":
            return self.escape()
        if ch == ".":
            return Node("cat", "any")
        if ch in "^$":
            return Node("assert", ch)
        return Node("char", ch)

    def group(self) -> Node:
        if self.peek() == "?":
            head = self.p[self.i : self.i + 3]
            if head.startswith("?:"):
                self.i += 2
            elif head == "?P<":
                self.i = self.p.index(">", self.i) + 1
            else:
                refused = {
                    "?=": "a lookahead (?=...)",
                    "?!": "a lookahead (?!...)",
                    "?<=": "a lookbehind (?<=...)",
                    "?<!": "a lookbehind (?<!...)",
                    "?P=": "a backreference (?P=name)",
                    "?>": "an atomic group (?>...)",
                    "?(": "a conditional group (?(...)...)",
                    "?#": "a comment group (?#...)",
                }
                what = next(
                    (v for k, v in refused.items() if head.startswith(k)), "an inline flag (?...)"
                )
                raise PatternError(f"uses {what}")
        alts = self.alternation()
        self.get()  # ")"
        return Node("group", alts=alts)

    def number(self, digits: int, base: int = 16) -> int:
        text = self.p[self.i : self.i + digits]
        self.i += digits
        return int(text, base)

    def code(self, c: str) -> int | None:
        """The character of an escape that stands for one, or None."""
        if c in "xuU":
            return self.number({"x": 2, "u": 4, "U": 8}[c])
        if c == "N":
            end = self.p.index("}", self.i)
            name = self.p[self.i + 1 : end]
            self.i = end + 1
            return ord(unicodedata.lookup(name))
        simple = {"a": 7, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11}
        if c in simple:
            return simple[c]
        return None if c.isascii() and c.isalnum() else ord(c)

    def escape(self) -> Node:
        c = self.get()
        if c in "wWdDsS":
            return Node("cat", c)
        if c in "bAZ":
            return Node("assert", c)
        if c == "B":
            raise PatternError("uses \\B (not a word boundary)")
        if c in "0123456789":
            octal = _OCTAL_ESCAPE.match(self.p, self.i - 1)
            if octal is None:
                raise PatternError(
                    f"uses a backreference (\\{re.match(r'[0-9]+', self.p[self.i - 1 :]).group()})"
                )
            self.i = octal.end()
            return Node("char", chr(int(octal.group(), 8)))
        code = self.code(c)
        if code is None:
            raise PatternError(f"uses the escape \\{c}")
        return Node("char", chr(code))

    def class_item(self) -> int | str:
        """One member of a class: a code point, or a category (w W d D s S)."""
        ch = self.get()
        if ch != "\\":
            return ord(ch)
        c = self.get()
        if c in "wWdDsS":
            return c
        if c == "b":
            return 8
        if c in "01234567":
            octal = _OCTAL_CLASS_ESCAPE.match(self.p, self.i - 1)
            self.i = octal.end()
            return int(octal.group(), 8)
        code = self.code(c)
        if code is None:
            raise PatternError(f"uses the escape \\{c} in a class")
        return code

    def charset(self) -> Node:
        negated = self.peek() == "^"
        self.i += negated
        ranges: list[tuple[int, int]] = []
        cats: list[str] = []
        first = True
        while first or self.peek() != "]":
            first = False
            item = self.class_item()
            if isinstance(item, str):
                cats.append(item)
            elif self.peek() == "-" and self.peek(2) not in ("-]", "-"):
                self.i += 1
                hi = self.class_item()
                ranges.append((item, hi if isinstance(hi, int) else item))
            else:
                ranges.append((item, item))
        self.i += 1
        if negated and any(c in "WDS" for c in cats):
            raise PatternError("uses a negated class holding \\W, \\D or \\S")
        if negated and cats and ranges:
            raise PatternError("uses a negated class mixing \\w, \\d or \\s with characters")
        return Node("set", ranges=tuple(ranges), cats=tuple(cats), negated=negated)


def parse(pattern: str) -> tuple[tuple[Node, ...], ...]:
    """The top-level alternatives of a pattern ``re.compile`` accepts, each a sequence of nodes."""
    return Parser(pattern).parse()

"""Actors named in the texts: one case- and accent-insensitive pattern for every name and alias.

The pattern is prefix-factored (:func:`trie_pattern`), so its cost does not grow with the number
of actors; it finds what the longest-first alternation of the aliases
(:func:`alternation_pattern`) finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

import pandas as pd

from helpers.text.normalize import ArticleText, normalise, raw_spans, strip_accents
from helpers.text.search import find_all


def alternation_pattern(keys: Iterable[str]) -> str:
    """The alternation of ``keys`` (lower-case words separated by single spaces, which match any
    run of white space), longest first."""
    return "|".join(
        r"\s+".join(re.escape(w) for w in k.split(" "))
        for k in sorted(keys, key=lambda k: (-len(k), k))
    )


_END = ""


def trie_pattern(keys: Iterable[str]) -> str:
    """The same language as :func:`alternation_pattern`, factored by common prefixes.

    At each point a longer continuation is tried before the end of a key, so at a given start the
    regex engine takes the longest key that matches (the one the longest-first alternation takes):
    two keys that match at one start match prefixes of the same text, and the longer key matches
    the longer text. Python's ``re`` tries the alternatives of a branch one after another, so a
    flat alternation of thousands of keys costs thousands of tries at every word start; the
    factored pattern costs one try per character of the text's word."""
    root: dict = {}
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[_END] = {}

    def emit(node: dict) -> str:
        alts = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(node[ch])
            for ch in sorted(c for c in node if c != _END)
        ]
        if _END in node:
            alts.append("")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(root) if root else r"(?!x)x"


@cache
def _actor_regex(aliases: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One case- and accent-insensitive regex for every alias, longest first, word-bounded
    (prefix-factored: see :func:`trie_pattern`)."""
    owner: dict[str, set[str]] = {}
    for actor_id, alias in aliases:
        key = " ".join(strip_accents(normalise(alias)[0]).lower().split())
        if key:
            owner.setdefault(key, set()).add(actor_id)
    unique = {
        k: next(iter(v)) for k, v in owner.items() if len(v) == 1
    }  # ambiguous aliases resolve to no one
    if not unique:
        return re.compile(r"(?!x)x"), {}
    body = trie_pattern(unique)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), unique


def actor_mentions(texts: Mapping[str, ArticleText | str], actors: pd.DataFrame) -> pd.DataFrame:
    """Where each actor is named (its name or an alias, case and accents ignored): ``article_id,
    start, end, actor_id, kind, country`` with verbatim offsets."""
    cols = ["article_id", "start", "end", "actor_id", "kind", "country"]
    pairs = tuple(
        (a, alias)
        for a, name, aliases in zip(
            actors["actor_id"], actors["name"], actors["aliases"], strict=True
        )
        for alias in {name, *[x for x in str(aliases).split("|") if x]}
    )
    rx, owner = _actor_regex(tuple(sorted(pairs)))
    ids = sorted(texts)
    arts = [t if isinstance(t, ArticleText) else ArticleText.of(t) for t in (texts[a] for a in ids)]
    idx, b, e, got = find_all(rx, [at.folded for at in arts])
    if not len(idx):
        return pd.DataFrame(columns=cols)
    b, e = raw_spans(arts, idx, b, e)
    out = pd.DataFrame(
        {
            "article_id": [ids[i] for i in idx.tolist()],
            "start": b,
            "end": e,
            "actor_id": [owner[" ".join(x.lower().split())] for x in got],
        }
    )
    info = actors.set_index("actor_id")[["kind", "country"]]
    out = out.join(info, on="actor_id")
    return out[cols].sort_values(["article_id", "start"]).reset_index(drop=True)

"""Checks of the text the tables and articles hold, beyond what a Table Schema can say.

- A field holds at most :data:`~helpers.data.tables.FIELD_LIMIT` characters (Python's ``csv``
  default, so that any CSV tool reads the tables).
- Text fields hold no control character (NUL, escape, DEL, C1 controls ...); ``evidence`` and
  ``notes`` may hold tabs and line breaks, since an article's text may.
- One person is one actor: two ``person`` actors may not share a name or alias, compared
  case- and accent-folded (:func:`~helpers.text.normalize.fold_key`).
- An article's ``article_id`` is its file's stem (``articles/<article_id>.txt``), and its text
  is text: no control character besides tab and line breaks (a NUL or escape byte means
  binary data).
- An article labelled ``fr`` reads as French: at least :data:`FRENCH_MIN_SHARE` of its words
  (when it has :data:`FRENCH_MIN_WORDS` or more) are among :data:`FRENCH_STOP_WORDS`, common
  French function words that English, Spanish or Italian prose rarely uses (accents folded).
  The seed articles give 26-29 %, the shortest test article 12 %; English and Spanish prose
  about 0 %, Italian about 7 %. This is a warning: the data stay valid.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import pandas as pd

from helpers.data.errors import Problem
from helpers.data.tables import FIELD_LIMIT
from helpers.text.normalize import fold, fold_key

MULTILINE_FIELDS = frozenset({"evidence", "notes"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NAMES = {
    0x00: "NUL",
    0x09: "tab",
    0x0A: "line feed",
    0x0D: "carriage return",
    0x1B: "ESC",
    0x7F: "DEL",
}

FRENCH_STOP_WORDS = frozenset(
    "le les l des du d et au aux dans pour par sur avec sans sous est sont ont ete etre qui qu ne n pas "
    "ce cette ces c il ils elle elles nous vous mais ou dont leur leurs selon apres tres aussi ainsi "
    "depuis lors comme tous tout".split()
)
FRENCH_MIN_SHARE = 0.08
FRENCH_MIN_WORDS = 30
_WORD = re.compile(r"[^\W\d_]+")


def describe(ch: str) -> str:
    """``U+0000 (NUL)``: a character by code point, with its name when it has a short one."""
    code = ord(ch)
    name = _NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def field_problems(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Oversized fields and control characters in every text column of every table. A column
    is first looked at as one string (a million rows in a fraction of a second); its rows are
    looked at one by one only when something is found."""
    problems: list[Problem] = []
    for df in frames.values():
        file = df.attrs.get("file", "")
        for column in df.columns:
            values = [v if isinstance(v, str) else str(v) for v in df[column].tolist()]
            multiline = column in MULTILINE_FIELDS
            pattern = _CONTROL_MULTILINE if multiline else _CONTROL
            allowed = (
                "tab and line breaks allowed"
                if multiline
                else "tab and line breaks only in evidence and notes"
            )
            if values and max(map(len, values)) > FIELD_LIMIT:
                for i, v in zip(df.index, values, strict=True):
                    if len(v) > FIELD_LIMIT:
                        problems.append(
                            Problem(
                                file,
                                int(i) + 2,
                                str(column),
                                f"{len(v):,} characters, more than the {FIELD_LIMIT:,} a field may hold; "
                                "shorten it (an article's text belongs in raw/articles/)",
                            )
                        )
            joined = " ".join(values)
            if (
                joined.isprintable() or pattern.search(joined) is None
            ):  # no control character is printable
                continue
            for i, v in zip(df.index, values, strict=True):
                m = pattern.search(v)
                if m:
                    problems.append(
                        Problem(
                            file,
                            int(i) + 2,
                            str(column),
                            f"holds the control character {describe(m.group())} at character {m.start()}; "
                            f"expected printable text ({allowed})",
                        )
                    )
    return problems


def person_problems(actors: pd.DataFrame) -> list[Problem]:
    """Two ``person`` actors that share a name or alias (folded): one person under two ids."""
    if not {"actor_id", "name", "kind", "aliases"} <= set(actors):
        return []
    file = actors.attrs.get("file", "actors.csv")
    seen: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    rows = zip(
        actors.index,
        actors["actor_id"],
        actors["name"],
        actors["kind"],
        actors["aliases"],
        strict=True,
    )
    for i, actor_id, name, kind, aliases in rows:
        if kind != "person":
            continue
        spellings = [("name", name), *(("aliases", a) for a in aliases.split("|"))]
        keys = {fold_key(s): (col, s) for col, s in reversed(spellings) if fold_key(s)}
        reported: set[str] = set()
        for key, (column, spelling) in keys.items():
            other = seen.get(key)
            if other and other[0] != actor_id and other[0] not in reported:
                reported.add(other[0])
                problems.append(
                    Problem(
                        file,
                        int(i) + 2,
                        column,
                        f"{spelling!r} is also a name or alias of the person {other[0]!r} (row {other[1]}), "
                        "compared without case and accents; one person is one actor: merge the two, "
                        "or drop the shared spelling",
                    )
                )
        for key in keys:
            seen.setdefault(key, (actor_id, int(i) + 2))
    return problems


def stem_problem(article_id: str, file: str) -> str | None:
    """Why ``article_id`` does not fit its file, or ``None``."""
    stem = PurePosixPath(file).stem
    if article_id and file and stem != article_id:
        return (
            f"{article_id!r} differs from the stem {stem!r} of its file {file!r}; expected "
            f"file articles/{article_id}.txt"
        )
    return None


def text_problem(text: str, file: str) -> str | None:
    """Why an article's text is not plain text (control characters: binary data), or ``None``."""
    first = _CONTROL_MULTILINE.search(text)
    if first is None:
        return None
    count = len(_CONTROL_MULTILINE.findall(text))
    return (
        f"{file} holds {count:,} control character(s), the first {describe(first.group())} at character "
        f"{first.start()}: binary data, not article text; expected plain UTF-8 text"
    )


def french_share(text: str) -> tuple[float, int]:
    """(share of the words that are common French function words, number of words)."""
    words = _WORD.findall(fold(text))
    if not words:
        return 0.0, 0
    return sum(w in FRENCH_STOP_WORDS for w in words) / len(words), len(words)


def french_warning(text: str, file: str) -> str | None:
    """A note when a text labelled ``fr`` does not read as French (see the module doc)."""
    share, n = french_share(text)
    if n < FRENCH_MIN_WORDS or share >= FRENCH_MIN_SHARE:
        return None
    return (
        f"labelled 'fr' but only {share:.0%} of the {n:,} words of {file} are common French function words "
        f"(French press prose gives 12-30 %, the check asks {FRENCH_MIN_SHARE:.0%}); is it in another language?"
    )

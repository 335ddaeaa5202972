"""Normalisation and folding of French text: one table of look-alike characters, three uses.

:data:`SAME_AS` says which apostrophes, spaces and dashes stand for ``'``, a space and ``-``.

- :func:`normalise` (the framing's reading copy): Unicode NFC, the table's apostrophes and spaces
  made plain; dashes and case kept as printed (spaCy's tokenizer reads ``–`` and ``-``
  differently). It returns a map of offsets back to the input when composing accents moved them.
- :func:`strip_accents` (the framing's accent-folded copy): diacritics removed, case kept.
- :func:`fold` (the extraction's matching key): lower case, no diacritics, every character of the
  table made plain; :func:`fold_key`, :func:`slug` and :func:`title_name` build on it.

:func:`strip_accents` and :func:`fold` give one character for one, so an offset found in their
result is an offset in their input. :class:`ArticleText` keeps a verbatim text with its
normalised copy and maps offsets back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np

APOSTROPHES = "\u2019\u2018\u02bc\u2032\u00b4\u0060"  # ’ ‘ ʼ ′ ´ `
SPACES = "\u00a0\u202f\u2009\u2007\u2002\u2003"  # no-break, narrow no-break, thin, figure, en, em
DASHES = (
    "\u2010\u2011\u2012\u2013\u2014"  # hyphen, non-breaking hyphen, figure dash, en dash, em dash
)
SAME_AS: dict[str, str] = {
    **dict.fromkeys(APOSTROPHES, "'"),
    **dict.fromkeys(SPACES, " "),
    **dict.fromkeys(DASHES, "-"),
}

_NORMALISE = str.maketrans({ch: plain for ch, plain in SAME_AS.items() if ch not in DASHES})


class CharMap(dict):
    """A ``str.translate`` table filled on first sight of each character by ``one(ch) -> str``:
    one pass in C over the text, the function called once per distinct character."""

    def __init__(self, one):
        super().__init__()
        self.one = one

    def __missing__(self, code: int) -> str:
        value = self[code] = self.one(chr(code))
        return value


def normalise(text: str) -> tuple[str, np.ndarray | None]:
    """NFC text with apostrophes as ``'`` and non-breaking spaces as spaces, and a map from each
    position of the result (plus its end) to the input; ``None`` when positions are unchanged."""
    if unicodedata.is_normalized("NFC", text):
        return text.translate(_NORMALISE), None
    starts = [i for i, c in enumerate(text) if i == 0 or not unicodedata.combining(c)]
    bounds = [*starts, len(text)]
    pieces: list[str] = []
    to_raw: list[int] = []
    for a, b in pairwise(bounds):
        piece = unicodedata.normalize("NFC", text[a:b])
        pieces.append(piece)
        to_raw.extend([a] * len(piece))
    to_raw.append(len(text))
    return "".join(pieces).translate(_NORMALISE), np.asarray(to_raw, dtype=np.int64)


def _strip_accent(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    return (
        decomposed[0]
        if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:])
        else ch
    )


_STRIP = CharMap(_strip_accent)


def strip_accents(text: str) -> str:
    """Accents removed (``É`` -> ``E``, ``é`` -> ``e``), case and everything else kept, one
    character for one."""
    return text.translate(_STRIP)


def _fold_char(ch: str) -> str:
    if ch in SAME_AS:
        return SAME_AS[ch]
    low = ch.lower()
    if len(low) != 1:
        return ch
    base = unicodedata.normalize("NFD", low)[0]
    return base if len(base) == 1 else low


_FOLD = CharMap(_fold_char)


def fold(text: str) -> str:
    """Lower case without accents, typographic apostrophes, spaces and dashes made plain; the
    result has the same length as ``text``, so offsets found in it are offsets in ``text``."""
    return text.translate(_FOLD)


def fold_key(text: str) -> str:
    """A comparison key for names: folded, punctuation and runs of spaces reduced to one space."""
    return re.sub(r"[\s.,;:]+", " ", fold(text)).strip()


def slug(text: str) -> str:
    """An identifier and file-name part from a name or code, made of ``[a-z0-9-]`` only:
    ``Ousmane Wélé Diallo`` → ``ousmane-wele-diallo``, ``DZA`` → ``dza``, ``../<b>x`` → ``b-x``
    (``x`` when nothing is left)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def title_name(name: str) -> str:
    """A person's name with words written in capitals turned to title case (``Sadio CAMARA`` →
    ``Sadio Camara``); mixed-case words are kept as written."""

    def fix(word: str) -> str:
        letters = [c for c in word if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
        return word

    return " ".join(fix(w) for w in name.split())


@dataclass(frozen=True)
class ArticleText:
    """An article's verbatim text and its normalised copy (same offsets unless ``to_raw``)."""

    raw: str
    norm: str
    to_raw: np.ndarray | None = None

    @classmethod
    def of(cls, raw: str) -> ArticleText:
        norm, to_raw = normalise(raw)
        return cls(raw, norm, to_raw)

    @cached_property
    def folded(self) -> str:
        """The normalised copy without accents (:func:`strip_accents`)."""
        return strip_accents(self.norm)

    def raw_offsets(self, positions: Sequence[int] | np.ndarray) -> np.ndarray:
        """Offsets in the normalised text -> offsets in the verbatim text."""
        pos = np.asarray(positions, dtype=np.int64)
        return pos if self.to_raw is None else self.to_raw[pos]


def raw_spans(
    arts: Sequence[ArticleText], idx: np.ndarray, b: np.ndarray, e: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Normalised offsets ``b, e`` of matches in ``arts[idx]`` -> verbatim offsets."""
    b, e = b.copy(), e.copy()
    for i in np.unique(idx).tolist():
        if arts[i].to_raw is not None:
            sel = idx == i
            b[sel] = arts[i].raw_offsets(b[sel])
            e[sel] = arts[i].raw_offsets(e[sel])
    return b, e

"""Text folding for matching: lower case, no accents, one character for one character."""

from __future__ import annotations

import re
import unicodedata

from helpers.text.articles import CharMap

_SAME_AS = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
}


def _fold_char(ch: str) -> str:
    if ch in _SAME_AS:
        return _SAME_AS[ch]
    low = ch.lower()
    if len(low) != 1:
        return ch
    base = unicodedata.normalize("NFD", low)[0]
    return base if len(base) == 1 else low


_FOLD_TABLE = CharMap(_fold_char)


def fold(text: str) -> str:
    """Lower case without accents, typographic apostrophes and dashes made plain; the result
    has the same length as ``text``, so offsets found in it are offsets in ``text``."""
    return text.translate(_FOLD_TABLE)


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

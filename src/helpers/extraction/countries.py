"""Countries named in French text: names, demonyms, compounds and capitals, as ISO3 codes.

Names come from pycountry's French translations (through :mod:`helpers.data.countries`) plus a few
press spellings; demonyms, compound prefixes (``algéro-``) and capitals are the small tables of
:mod:`.lexicon`. ``Afrique`` is a continent, never a country, so ``Russie-Afrique`` gives RUS.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from helpers.data.countries import (
    CAPITALS,
    COMPOUND_PREFIXES,
    DEMONYM_FORMS,
    DEMONYMS,
    inflections,
    pycountry_names,
)
from helpers.data.paths import HOME
from helpers.text.normalize import fold


@dataclass(frozen=True)
class CountryMention:
    """A country named at ``text[start:end]``; ``form`` is name, demonym, compound, capital or alias."""

    start: int
    end: int
    code: str
    form: str


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


class CountryFinder:
    """Finds countries in text; ``extra_names`` (folded name → ISO3) adds e.g. the aliases of
    the country actors of a registry."""

    def __init__(self, extra_names: Mapping[str, str] | None = None) -> None:
        self.names = dict(pycountry_names())
        self.names.update({fold(k): v for k, v in (extra_names or {}).items()})
        self.capitals = {k: v for k, v in CAPITALS.items() if k not in self.names}
        demonyms: dict[str, str] = {}
        for masc, code in DEMONYMS.items():
            for form in inflections(masc):
                demonyms[form] = code
        demonyms.update(DEMONYM_FORMS)
        self.demonyms = demonyms
        self._proper = re.compile(
            rf"(?<![\w])(?P<w>{_alternation(list(self.names) + list(self.capitals))})(?![\w])"
        )
        self._demonym = re.compile(rf"(?<![\w])(?P<w>{_alternation(demonyms)})(?![\w])")
        self._prefix = re.compile(rf"(?<![\w])(?P<w>{_alternation(COMPOUND_PREFIXES)})(?=-[a-z])")

    def find(self, text: str) -> list[CountryMention]:
        """Every country mention in ``text``, by position; proper names must be capitalised."""
        folded = fold(text)
        found: list[CountryMention] = []
        for m in self._proper.finditer(folded):
            if not text[m.start()].isupper():
                continue
            word = re.sub(r"\s+", " ", m.group("w"))
            if word in self.names:
                found.append(CountryMention(m.start(), m.end(), self.names[word], "name"))
            else:
                found.append(CountryMention(m.start(), m.end(), self.capitals[word], "capital"))
        for m in self._prefix.finditer(folded):
            if any(f.start <= m.start() < f.end for f in found):
                continue
            found.append(CountryMention(m.start(), m.end(), COMPOUND_PREFIXES[m.group("w")], "compound"))
        for m in self._demonym.finditer(folded):
            if any(f.start <= m.start() < f.end for f in found) or folded[: m.start()].endswith("en "):
                continue  # ``en russe`` names a language
            form = "compound" if m.start() > 0 and folded[m.start() - 1] == "-" else "demonym"
            found.append(CountryMention(m.start(), m.end(), self.demonyms[m.group("w")], form))
        return sorted(found, key=lambda f: (f.start, f.end))


def partners(mentions: Iterable[CountryMention]) -> tuple[str, ...]:
    """The partner codes among country mentions: sorted, unique, Mali left out."""
    return tuple(sorted({m.code for m in mentions if m.code != HOME}))


@cache
def default_finder() -> CountryFinder:
    """A finder with pycountry's names and the lexicon only (no registry aliases)."""
    return CountryFinder()

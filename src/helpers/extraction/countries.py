"""Countries named in French text: names, demonyms, compounds and capitals, as ISO3 codes.

Names come from pycountry's French translations (through :mod:`helpers.data.countries`) plus a few
press spellings; demonyms, compound prefixes (``algéro-``) and capitals are the small tables of
:mod:`.lexicon`. ``Afrique`` is a continent, never a country, so ``Russie-Afrique`` gives RUS.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import pycountry

from helpers.extraction.lexicon import (
    CAPITALS,
    COMPOUND_PREFIXES,
    COUNTRY_NAME_STOPLIST,
    DEMONYM_FORMS,
    DEMONYMS,
    EXTRA_COUNTRY_NAMES,
)
from helpers.text.normalize import fold

HOME = "MLI"


@dataclass(frozen=True)
class CountryMention:
    """A country named at ``text[start:end]``; ``form`` is name, demonym, compound, capital or alias."""

    start: int
    end: int
    code: str
    form: str


def _inflections(masculine: str) -> set[str]:
    if masculine.endswith("en"):
        return {masculine, masculine + "ne", masculine + "s", masculine + "nes"}
    if masculine.endswith("s"):
        return {masculine, masculine + "e", masculine + "es"}
    if masculine.endswith("e"):
        return {masculine, masculine + "s"}
    return {masculine, masculine + "e", masculine + "s", masculine + "es"}


@cache
def pycountry_names() -> dict[str, str]:
    """Folded French country names → ISO3: pycountry's names, official names and the
    unambiguous heads of inverted forms (``Russie, Fédération de`` → ``russie``)."""
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    names: dict[str, set[str]] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if not value:
                continue
            local = re.sub(r"\s*\(.*?\)", "", fr.gettext(value)).strip()
            forms = {local}
            if ", " in local:
                head, tail = local.split(", ", 1)
                forms = {head, f"{tail} {head}"}
            for f in forms:
                names.setdefault(fold(f), set()).add(c.alpha_3)
    out = {k: next(iter(v)) for k, v in names.items() if len(v) == 1 and len(k) > 2}
    for k in COUNTRY_NAME_STOPLIST:
        out.pop(k, None)
    out.update(EXTRA_COUNTRY_NAMES)
    return out


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
            for form in _inflections(masc):
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

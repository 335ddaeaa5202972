"""Partners named in French text: states (names, demonyms, compounds, capitals) as ISO3 codes and
organisations (``CEDEAO``, ``MINUSMA``, ``opération Barkhane``) as their partner ids.

State names come from pycountry's French translations and the reference table of French names,
demonyms and prefixes (through :mod:`helpers.data.countries`); organisations, their names and
aliases from the registry (``data/organisations.csv``, the one the validator reads), and from
``patterns/organisations.csv`` only what is particular to drafting: the ``with`` column, the
partners an organisation always brings along (the MINUSMA is a UN mission, the AES's other
members are Burkina Faso and Niger), each the registry's parent or a member of that row.
Organisations are found first and their spans masked, so ``la Mission ... au Mali`` names no
state. Forms written in capitals (``EAU``, ``UA``, ``RDC``) match only as written. ``Afrique``
is a continent, never a country, so ``Russie-Afrique`` gives RUS. A state's forces or seat of
power named instead of it (``Africa Corps``, ``Bundeswehr``, ``Kremlin``) is that state. In an
article that names the European Union or one of its missions and not Belgium, ``Bruxelles`` is
the Union (:func:`with_metonyms`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from helpers.data.countries import (
    CAPITALS,
    COMPOUND_PREFIXES,
    DEMONYM_FORMS,
    DEMONYMS,
    STATE_BODIES,
    french_forms,
    inflections,
    pycountry_names,
    read_registry,
)
from helpers.data.paths import HOME
from helpers.data.tables import read_table
from helpers.text.normalize import fold


@dataclass(frozen=True)
class CountryMention:
    """A country named at ``text[start:end]``; ``form`` is name, demonym, compound, capital or alias."""

    start: int
    end: int
    code: str
    form: str


ORGANISATIONS = Path(__file__).with_name("patterns") / "organisations.csv"
"""What drafting adds to the registry's organisations: ``org_id`` and ``with``."""
_BARE_STOP = frozenset({"maurice"})  # a first name far more often than the island state


@dataclass(frozen=True)
class Organisation:
    """A partner that is not a state, with the partners it always brings along and its
    registry members (the states that may act with Mali inside it)."""

    code: str
    name: str
    aliases: tuple[str, ...]
    with_: tuple[str, ...]
    members: tuple[str, ...] = ()
    parent: str = ""


def drafting_columns() -> dict[str, tuple[str, ...]]:
    """``patterns/organisations.csv``: the partners each organisation brings along, by id."""
    rows = read_table(ORGANISATIONS, dtype=str).fillna("").to_dict("records")
    return {r["org_id"]: tuple(filter(None, r["with"].split(";"))) for r in rows}


@cache
def organisations() -> dict[str, Organisation]:
    """The organisations the extractor knows, by partner id: the registry's, with what
    ``patterns/organisations.csv`` says each brings along."""
    brings = drafting_columns()
    return {
        o.org_id: Organisation(
            o.org_id, o.name, o.aliases, brings.get(o.org_id, ()), o.members, o.parent
        )
        for o in read_registry().organisations.values()
    }


def _alternation(words: Iterable[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w))
    )


class CountryFinder:
    """Finds countries in text; ``extra_names`` (folded name → ISO3) adds e.g. the aliases of
    the country actors of a registry."""

    def __init__(self, extra_names: Mapping[str, str] | None = None) -> None:
        forms = french_forms()
        self.names = dict(pycountry_names())
        self.names.update(forms.names)
        self.names.update(STATE_BODIES)
        for word in _BARE_STOP:
            self.names.pop(word, None)
        self.names.update({fold(k): v for k, v in (extra_names or {}).items() if not k.isupper()})
        self.acronyms = dict(forms.acronyms)
        self.acronyms.update({k: v for k, v in (extra_names or {}).items() if k.isupper()})
        for k in list(self.names):
            if k.upper() in self.acronyms and len(k) <= 4:
                del self.names[k]
        self.capitals = {k: v for k, v in CAPITALS.items() if k not in self.names}
        demonyms: dict[str, str] = {}
        for masc, code in DEMONYMS.items():
            for form in inflections(masc):
                demonyms[form] = code
        demonyms.update(DEMONYM_FORMS)
        demonyms.update(forms.demonyms)
        self.demonyms = demonyms
        self.prefixes = {**COMPOUND_PREFIXES, **forms.prefixes}
        self._proper = re.compile(
            rf"(?<![\w])(?P<w>{_alternation(list(self.names) + list(self.capitals))})(?![\w])"
        )
        self._acronym = re.compile(rf"(?<![\w])(?P<w>{_alternation(self.acronyms)})(?![\w])")
        self._demonym = re.compile(rf"(?<![\w])(?P<w>{_alternation(demonyms)})(?![\w])")
        self._prefix = re.compile(rf"(?<![\w])(?P<w>{_alternation(self.prefixes)})(?=-[a-z])")
        orgs = organisations()
        self.org_acronyms = {
            a: o.code
            for o in orgs.values()
            for a in o.aliases
            if a.isupper() or re.fullmatch(r"[A-Z0-9-]+[a-z]?", a)
        }
        self.org_names = {
            fold(a): o.code for o in orgs.values() for a in o.aliases if a not in self.org_acronyms
        }
        self._org_acronym = re.compile(
            rf"(?<![\w])(?P<w>{_alternation(self.org_acronyms)})(?![\w])"
        )
        self._org_name = re.compile(rf"(?<![\w])(?P<w>{_alternation(self.org_names)})(?![\w])")

    def _organisations(self, text: str, folded: str) -> list[CountryMention]:
        found: list[CountryMention] = []
        for m in self._org_name.finditer(folded):
            if any(ch.isupper() for ch in text[m.start() : m.end()]):
                found.append(
                    CountryMention(
                        m.start(),
                        m.end(),
                        self.org_names[re.sub(r"\s+", " ", m.group("w"))],
                        "organisation",
                    )
                )
        for m in self._org_acronym.finditer(text):
            if not any(f.start < m.end() and m.start() < f.end for f in found):
                found.append(
                    CountryMention(
                        m.start(),
                        m.end(),
                        self.org_acronyms[re.sub(r"\s+", " ", m.group("w"))],
                        "organisation",
                    )
                )
        return found

    def find(self, text: str) -> list[CountryMention]:
        """Every country mention in ``text``, by position; proper names must be capitalised."""
        folded = fold(text)
        found = self._organisations(text, folded)
        for m in self._acronym.finditer(text):
            if not any(f.start < m.end() and m.start() < f.end for f in found):
                found.append(
                    CountryMention(m.start(), m.end(), self.acronyms[m.group("w")], "name")
                )
        for m in self._proper.finditer(folded):
            if not any(ch.isupper() for ch in text[m.start() : m.end()]) or any(
                f.start < m.end() and m.start() < f.end for f in found
            ):
                continue
            word = re.sub(r"\s+", " ", m.group("w"))
            if word in self.names:
                found.append(CountryMention(m.start(), m.end(), self.names[word], "name"))
            else:
                found.append(CountryMention(m.start(), m.end(), self.capitals[word], "capital"))
        for m in self._prefix.finditer(folded):
            if any(f.start <= m.start() < f.end for f in found):
                continue
            found.append(
                CountryMention(m.start(), m.end(), self.prefixes[m.group("w")], "compound")
            )
        for m in self._demonym.finditer(folded):
            if any(f.start <= m.start() < f.end for f in found) or folded[: m.start()].endswith(
                "en "
            ):
                continue  # ``en russe`` names a language
            form = "compound" if m.start() > 0 and folded[m.start() - 1] == "-" else "demonym"
            found.append(CountryMention(m.start(), m.end(), self.demonyms[m.group("w")], form))
        return sorted(found, key=lambda f: (f.start, f.end))


def partners(mentions: Iterable[CountryMention]) -> tuple[str, ...]:
    """The partner codes among the mentions (with the partners each organisation brings along,
    or only those of its members the mentions name when they name some but not all): sorted,
    unique, Mali left out."""
    orgs = organisations()
    codes = {m.code for m in mentions}
    for code in list(codes):
        # ``les aviations malienne et burkinabè … de l'AES``: the members named, not all
        if code in orgs and not set(orgs[code].with_) & codes:
            codes |= set(orgs[code].with_)
    return tuple(sorted(codes - {HOME}))


@cache
def default_finder() -> CountryFinder:
    """A finder with pycountry's names and the lexicon only (no registry aliases)."""
    return CountryFinder()


EU_FAMILY = frozenset({"EU", "EUTM", "EUCAP"})
# a capital that stands for an organisation seated there when the article names that organisation
SEATS: dict[str, tuple[str, frozenset[str]]] = {"bruxelles": ("EU", EU_FAMILY)}


# a mission or force described rather than named, read as it when the article names it (and
# none of the organisations that could be meant as well)
DESCRIBED: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...] = (
    (
        re.compile(
            r"\b(?:mission|force)\s+(?:onusienne|de\s+l'onu|des\s+nations\s+unies)\b|\bcasques\s+bleus\b"
        ),
        "MINUSMA",
        frozenset(),
    ),
    (
        re.compile(r"\bmission\s+(?:europeenne\s+de\s+formation|de\s+formation\s+europeenne)\b"),
        "EUTM",
        frozenset(),
    ),
    (re.compile(r"\bforce\s+conjointe\b"), "G5SAHEL", frozenset({"AES"})),
)
# the alliance named once and then by its common noun, capitalised (``les ministres de
# l'Alliance``, ``la Force unifiée de la Confédération``), read in the text as written
CAPITALISED: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...] = (
    (
        re.compile(r"(?<=[’' ])(?:Alliance|Confédération)\b(?!\s+(?:des|du|de|atlantique)\b)"),
        "AES",
        frozenset({"NATO"}),
    ),
)


def _described(text: str, row: list[CountryMention], named: set[str]) -> list[CountryMention]:
    """``row`` with the missions ``text`` describes (``la mission onusienne``, ``les Casques
    bleus``, ``la force conjointe`` of the G5 Sahel, ``l'Alliance`` for the AES) when the article
    names them and the sentence does not, in place of what the description holds (``Nations
    unies``)."""
    folded = fold(text)
    for (pattern, code, unless), where in [
        *((d, folded) for d in DESCRIBED),
        *((d, text) for d in CAPITALISED),
    ]:
        if code not in named or named & unless or any(m.code == code for m in row):
            continue
        for d in pattern.finditer(where):
            row = [m for m in row if m.end <= d.start() or m.start >= d.end()]
            row.append(CountryMention(d.start(), d.end(), code, "organisation"))
    return sorted(row, key=lambda m: (m.start, m.end))


def with_metonyms(
    texts: list[str], mentions: list[list[CountryMention]]
) -> list[list[CountryMention]]:
    """The mentions of an article's sentences, a seat capital (``Bruxelles avait gelé les
    formations``) read as the organisation seated there when the article names that organisation
    (the EU or one of its missions) anywhere and does not name the capital's state otherwise
    (``l'attaché de défense belge``), where it stays the state; a mission the article names,
    where a sentence describes it instead (``la mission onusienne``, ``les Casques bleus``,
    ``la force conjointe``)."""
    named = {m.code for ms in mentions for m in ms if m.form != "capital"}
    out = []
    for text, ms in zip(texts, mentions, strict=True):
        row = []
        for m in ms:
            seat = SEATS.get(fold(text[m.start : m.end])) if m.form == "capital" else None
            if seat and named & seat[1] and m.code not in named:
                m = CountryMention(m.start, m.end, seat[0], "capital")
            row.append(m)
        out.append(_described(text, row, named))
    return out


@cache
def mission_codes() -> frozenset[str]:
    """The ids of the registry's missions (``MINUSMA``, ``EUTM``, ``BARKHANE`` …)."""
    return frozenset(c for c, o in read_registry().organisations.items() if o.kind == "mission")


@cache
def membership_codes() -> frozenset[str]:
    """The ids of the organisations and alliances a state belongs to as a member (ECOWAS, the
    G5 Sahel, the AES …): those of the registry that are not missions and run none of its
    missions. The UN, the EU and the AU run missions, and what an article says a state leaves
    there is their mission."""
    reg = read_registry().organisations
    parents = {o.parent for o in reg.values() if o.kind == "mission"}
    return frozenset(c for c, o in reg.items() if o.kind != "mission" and c not in parents)

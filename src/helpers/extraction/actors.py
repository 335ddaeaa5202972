"""People and institutions in a sentence, resolved against an actor registry.

People are found from capitalised name sequences that a rank, a function or an honorific
introduces (``le Général de brigade …``, ``le colonel …``, ``son homologue sénégalais …``,
``…, Ministre des Forces Armées``) or that spaCy tags as a person; institutions from the
registry's aliases and from spaCy organisations headed by an institution noun.

Resolution folds case and accents for matching only: an exact alias of the registry first,
then a fuzzy match (rapidfuzz ``token_sort_ratio`` at least :data:`FUZZY_THRESHOLD`, which
accepts a dropped or doubled letter in a name but not another first name), then a surname alone
when a full name with that surname appears in the same article. Anyone else becomes a new actor,
with a country when the text gives one (a demonym next to the name, or ``… du Sénégal`` in the
function that follows it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from helpers.data.paths import HOME
from helpers.data.tables import read_table
from helpers.extraction.countries import CountryFinder
from helpers.extraction.lexicon import (
    FUNCTION_PATTERN,
    HONORIFIC_PATTERN,
    NOT_NAME_WORDS,
    RANK_PATTERN,
)
from helpers.text.normalize import fold, fold_key, slug, title_name

FUZZY_THRESHOLD = 90
ACTOR_COLUMNS = ["actor_id", "name", "kind", "country", "aliases"]
INSTITUTION_HEADS = frozenset(
    {
        "ministere",
        "comite",
        "commission",
        "conseil",
        "assemblee",
        "etat-major",
        "armee",
        "armees",
        "forces",
        "direction",
        "agence",
        "parlement",
        "gouvernement",
        "alliance",
        "union",
        "organisation",
        "academie",
        "ecole",
        "institut",
        "office",
        "garde",
    }
)

_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Ý]?[a-zà-öø-ÿ'’]+)*|[A-ZÀ-ÖØ-Ý]{2,}(?:-[A-ZÀ-ÖØ-Ý]+)*)"
_PARTICLES = frozenset(
    {"le", "la", "de", "du", "ould", "ag", "ben", "ibn", "el", "al", "dit", "van", "von"}
)
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:[ \u00a0]+{_NAME_WORD})*")
_TITLE = re.compile(
    rf"(?<![\w-])(?:{RANK_PATTERN}|{FUNCTION_PATTERN}|{HONORIFIC_PATTERN})(?![\w-])"
)
_RANK = re.compile(rf"(?<![\w-])(?:{RANK_PATTERN})(?![\w-])")
_FUNCTION_AFTER = re.compile(
    rf"^\s*,\s*(?:le\s+|la\s+)?(?P<f>(?:{FUNCTION_PATTERN}|{RANK_PATTERN})(?:\s+[^,.;:«»()]*)?)"
)


@dataclass(frozen=True)
class ActorMention:
    """A person or institution named at ``text[start:end]`` of the article."""

    start: int
    end: int
    surface: str
    kind: str
    title: str = ""
    country: str = ""
    role_hint: str = ""


@dataclass
class Registry:
    """An actor table (``actors.csv`` columns) with the lookups resolution needs."""

    actors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ACTOR_COLUMNS))

    def __post_init__(self) -> None:
        a = self.actors.reindex(columns=ACTOR_COLUMNS).fillna("").astype(str)
        self.actors = a.reset_index(drop=True)
        self.person_keys: dict[str, str] = {}
        self.institution_keys: dict[str, str] = {}
        self.country_aliases: dict[str, str] = {}
        self.acronyms: dict[str, str] = {}
        for r in a.itertuples(index=False):
            names = [r.name, *[s for s in r.aliases.split("|") if s]]
            for n in names:
                key = fold_key(n)
                if r.kind == "person" and len(key.split()) >= 2:
                    self.person_keys.setdefault(key, r.actor_id)
                elif r.kind == "institution":
                    if n.isupper() and len(n) <= 8:
                        self.acronyms.setdefault(n, r.actor_id)
                    elif len(key) > 3:
                        self.institution_keys.setdefault(key, r.actor_id)
                elif r.kind == "country" and r.country:
                    self.country_aliases.setdefault(key, r.country)
        self._by_id: dict[str, dict[str, str]] = {r["actor_id"]: r for r in a.to_dict("records")}
        words = sorted(self.institution_keys, key=len, reverse=True)
        self._institution_re = (
            re.compile(
                r"(?<![\w])(?:"
                + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
                + r")(?![\w])"
            )
            if words
            else None
        )

    @classmethod
    def from_csv(cls, path: str | Path | None) -> Registry:
        """The registry in ``path`` (an ``actors.csv``); empty when ``path`` is None."""
        if path is None:
            return cls()
        return cls(read_table(Path(path), dtype=str))

    def get(self, actor_id: str) -> dict[str, str] | None:
        """The registry row of ``actor_id`` (a dict of the ``actors.csv`` columns) or None."""
        return self._by_id.get(actor_id)

    def ids(self) -> set[str]:
        """Every actor id of the registry."""
        return set(self._by_id)

    def resolve_person(self, surface: str) -> str | None:
        """The registry id of a full name: exact folded alias, else fuzzy above the threshold."""
        key = fold_key(surface)
        if key in self.person_keys:
            return self.person_keys[key]
        if not self.person_keys or len(key.split()) < 2:
            return None
        best = process.extractOne(
            key, list(self.person_keys), scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_THRESHOLD
        )
        return self.person_keys[best[0]] if best else None

    def resolve_institution(
        self,
        surface: str,
        partners: Iterable[str] | None = None,
        countries: CountryFinder | None = None,
    ) -> str | None:
        """The registry id of an institution: acronym, exact folded alias, else fuzzy (``ratio``).
        With ``partners`` (those of the sentence or event), an institution of other partners
        (``commission militaire mixte`` of the Mali-Maroc commission, told of Guinea) is no match."""
        rid = self._resolve_institution(surface)
        if rid is None or partners is None:
            return rid
        own = self.institution_partners(rid, countries)
        return rid if not own or own & set(partners) else None

    def institution_partners(
        self, actor_id: str, countries: CountryFinder | None = None
    ) -> frozenset[str]:
        """The partners an institution of the registry belongs to: its country, else the
        countries its name gives (``Commission militaire mixte Mali-Maroc`` → MAR), Mali left out."""
        row = self.get(actor_id)
        if row is None:
            return frozenset()
        codes = (
            {row["country"]}
            if row["country"]
            else {m.code for m in (countries or CountryFinder()).find(row["name"])}
        )
        return frozenset(codes - {HOME})

    def _resolve_institution(self, surface: str) -> str | None:
        if surface in self.acronyms:
            return self.acronyms[surface]
        key = fold_key(surface)
        if key in self.institution_keys:
            return self.institution_keys[key]
        if not self.institution_keys:
            return None
        best = process.extractOne(
            key, list(self.institution_keys), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
        )
        return self.institution_keys[best[0]] if best else None

    def find_institutions(self, text: str) -> list[tuple[int, int, str]]:
        """Registry institutions named in ``text``: (start, end, actor_id)."""
        found = []
        if self._institution_re is not None:
            folded = fold(text)
            for m in self._institution_re.finditer(folded):
                key = re.sub(r"\s+", " ", m.group(0))
                found.append((m.start(), m.end(), self.institution_keys[key]))
        for acronym, actor_id in self.acronyms.items():
            for m in re.finditer(rf"(?<![\w]){re.escape(acronym)}(?![\w])", text):
                found.append((m.start(), m.end(), actor_id))
        return sorted(found)


def _split_run(text: str, start: int, end: int, countries: CountryFinder) -> list[tuple[int, int]]:
    """Cut a capitalised run at words that are never names (ranks, functions, demonyms, ...)."""
    pieces: list[tuple[int, int]] = []
    current: list[tuple[int, int]] = []
    words = list(re.finditer(r"\S+", text[start:end]))
    for i, m in enumerate(words):
        s, e = start + m.start(), start + m.end()
        word = fold(text[s:e]).strip("'’-")
        if word in _PARTICLES and current and i + 1 < len(words):
            current.append((s, e))
            continue
        bad = (
            word in NOT_NAME_WORDS
            or _TITLE.fullmatch(word) is not None
            or bool(countries.find(text[s:e]))
        )
        if bad:
            if current:
                pieces.append((current[0][0], current[-1][1]))
            current = []
        else:
            current.append((s, e))
    if current:
        pieces.append((current[0][0], current[-1][1]))
    return [_drop_trailing_particle(text, s, e) for s, e in pieces]


def _drop_trailing_particle(text: str, s: int, e: int) -> tuple[int, int]:
    words = list(re.finditer(r"\S+", text[s:e]))
    while len(words) > 1 and fold(words[-1].group(0)) in _PARTICLES:
        words.pop()
    return s, s + words[-1].end()


def _title_before(
    text: str, folded: str, start: int, countries: CountryFinder
) -> tuple[str, str, str, bool] | None:
    """The rank or function that introduces a name at ``start``: (title as written, the
    country of a demonym between them, kind of title, whether the title is next to the name
    rather than separated by its complement), or None."""
    window_start = max(0, start - 90)
    titles = list(_TITLE.finditer(folded, window_start, start))
    if not titles:
        return None
    t = titles[-1]
    gap = text[t.end() : start]
    if re.search(r"[.;:!?«»()]", gap):
        return None
    gap_countries = [
        c for c in countries.find(gap) if c.form in ("demonym", "name") and not gap[c.end :].strip()
    ]
    stripped = gap
    for c in reversed(countries.find(gap)):
        stripped = stripped[: c.start] + stripped[c.end :]
    complement = re.match(r"\s*(?:de|des|du|d')\b", fold(gap))
    if re.search(r"[A-ZÀ-ÖØ-Ý]", stripped) and not complement:
        return None
    word = fold(text[t.start() : t.end()])
    is_title = not re.fullmatch(HONORIFIC_PATTERN, word)
    title = text[t.start() : t.end()] if is_title else ""
    adjacent = complement is None
    if not is_title and not gap_countries and "homologue" in word:
        return title, "", "honorific", adjacent
    country = gap_countries[0].code if len(gap_countries) == 1 else ""
    if not country and len(titles) > 1:
        chain = text[titles[-2].end() : t.start()]
        found = countries.find(chain)
        if (
            len(found) == 1
            and found[0].form == "demonym"
            and re.fullmatch(r"\s*\S+\s*,?\s*(?:le|la|l')?\s*", fold(chain))
        ):
            country = found[0].code
    return (
        title,
        country,
        "rank" if _RANK.fullmatch(word) else "function" if is_title else "honorific",
        adjacent,
    )


def _function_after(text: str, end: int, countries: CountryFinder) -> tuple[str, str]:
    """A function written after a name (``X, Ministre des Forces Armées du Sénégal``):
    (function without its country, the country)."""
    m = _FUNCTION_AFTER.match(fold(text[end : end + 120]))
    if not m:
        return "", ""
    s, e = end + m.start("f"), end + m.end("f")
    phrase = text[s:e].rstrip()
    found = countries.find(phrase)
    country = ""
    if found:
        held = [
            c
            for c in found
            if re.search(
                r"(?:\b(?:au|aux|en|a)|aupres\s+d[ue']\s*(?:la\s+|l')?)\s*$",
                fold(phrase[: c.start]),
            )
        ]
        own = [c for c in found if c not in held]
        last = (own or found)[-1]
        country = own[-1].code if own else ""
        if not held:
            head = re.sub(
                r"\s+(?:du|de\s+la|de\s+l['’]|des|de|d['’])\s*$",
                "",
                phrase[: last.start],
                flags=re.IGNORECASE,
            )
            phrase = head
    phrase = re.split(r"\s+(?:a|ont|qui|est|sont)\s+", phrase)[0]
    return phrase.strip(" ,"), country


def find_people(
    text: str,
    persons: Iterable[tuple[int, int]] = (),
    countries: CountryFinder | None = None,
    registry: Registry | None = None,
) -> list[ActorMention]:
    """People named in ``text`` (a sentence): capitalised names introduced by a title, tagged
    as persons by the NER (``persons``: spans), or known to the registry. Single words are kept
    (kind ``surname``) for resolution against the article's full names."""
    countries = countries or CountryFinder()
    folded = fold(text)
    ner = list(persons)
    out: list[ActorMention] = []
    for run in _NAME_RUN.finditer(text):
        for s, e in _split_run(text, run.start(), run.end(), countries):
            surface = text[s:e]
            words = surface.split()
            before = _title_before(text, folded, s, countries)
            after_title, after_country = _function_after(text, e, countries)
            tagged = any(ps < e and s < pe for ps, pe in ner)
            known = registry is not None and registry.resolve_person(surface) is not None
            introduced = before is not None and before[3]
            if len(words) >= 2 and not (introduced or after_title or tagged or known):
                continue
            if len(words) == 1 and not (introduced or tagged):
                continue
            if len(words) > 5 or any(len(w.strip("'’-")) < 2 for w in words):
                continue
            title = (before[0] if before and before[2] != "honorific" else "") or after_title
            country = after_country or (before[1] if before else "")
            out.append(
                ActorMention(
                    s, e, surface, "person" if len(words) >= 2 else "surname", title, country
                )
            )
    return out


def find_institutions(
    text: str,
    organisations: Iterable[tuple[int, int]] = (),
    registry: Registry | None = None,
    countries: CountryFinder | None = None,
) -> list[ActorMention]:
    """Institutions in ``text``: the registry's aliases, and NER organisations (``organisations``:
    spans) whose first word is an institution noun (ministère, comité, conseil, ...)."""
    countries = countries or CountryFinder()
    out: list[ActorMention] = []
    if registry is not None:
        for s, e, _ in registry.find_institutions(text):
            out.append(ActorMention(s, e, text[s:e], "institution"))
    for s, e in organisations:
        surface = text[s:e].strip()
        words = surface.split()
        if len(words) < 2 or fold(words[0]) not in INSTITUTION_HEADS:
            continue
        if any(o.start < e and s < o.end for o in out):
            continue
        found = {c.code for c in countries.find(surface)}
        out.append(
            ActorMention(
                s, e, surface, "institution", country=found.pop() if len(found) == 1 else ""
            )
        )
    return sorted(out, key=lambda a: a.start)


def person_key(surface: str) -> str:
    """The key that makes two spellings of a new person one actor (folded, capitals ignored)."""
    return fold_key(surface)


def new_person_id(surface: str, taken: set[str]) -> str:
    """A fresh actor id from a name, unique among ``taken``."""
    base = slug(surface)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def display_name(surface: str) -> str:
    """The name a new actor is listed under (capitalised words made title case)."""
    return title_name(surface)


class ArticlePeople:
    """The article's people: full names resolved once, surnames matched to them."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.full: dict[str, str] = {}
        self.info: dict[str, dict] = {}

    def add_full(self, m: ActorMention) -> str:
        """The actor key of a full name: registry id, an earlier new person, or a new one."""
        key = self.key_of(m.surface)
        if key is None:
            rid = self.registry.resolve_person(m.surface)
            if rid:
                key = rid
            else:
                folded = person_key(m.surface)
                key = (
                    next(
                        (
                            k
                            for k, v in self.info.items()
                            if v.get("new") and same_person(v["key"], folded)
                        ),
                        None,
                    )
                    or f"new:person:{folded}"
                )
            self.full[fold_key(m.surface)] = key
        info = self.info.setdefault(
            key,
            {
                "kind": "person",
                "surfaces": [],
                "country": "",
                "new": key.startswith("new:"),
                "key": person_key(m.surface),
            },
        )
        if m.surface not in info["surfaces"]:
            info["surfaces"].append(m.surface)
        if m.country and not info["country"]:
            info["country"] = m.country
        return key

    def key_of(self, surface: str) -> str | None:
        """The actor key of a full name already seen in the article."""
        return self.full.get(fold_key(surface))

    def surname(self, surface: str) -> str | None:
        """The actor key of the only full name of the article ending with this surname."""
        target = fold_key(surface)
        keys = {k for name, k in self.full.items() if name.split()[-1] == target}
        return keys.pop() if len(keys) == 1 else None


def same_person(a: str, b: str) -> bool:
    """Whether two folded names are close enough to be one person's (spelling variants)."""
    return fuzz.token_sort_ratio(a, b) >= FUZZY_THRESHOLD

"""What one article gives and its records: sentences, candidates and events as the extraction
builds them, then the events, mentions with their highlights, participants
with the role the text gives each (chair, head of delegation, signatory, host, guest, speaker,
participant) and the actors they name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from helpers.data.paths import HOME
from helpers.extraction.actors import ActorMention, Registry
from helpers.extraction.countries import CountryFinder, CountryMention
from helpers.extraction.dates import DateMention, DateValue
from helpers.extraction.triggers import CAMEO, JOINT_BODY_RE, Token, Trigger
from helpers.text.normalize import fold, fold_key


class PeopleIndex(Protocol):
    """The article's people: full names resolved to actor keys, and what is known of each."""

    info: dict[str, dict]

    def key_of(self, surface: str) -> str | None: ...

    def surname(self, surface: str) -> str | None: ...


@dataclass
class Sentence:
    """A sentence of the body: absolute offsets, text, and what spaCy says about it."""

    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    matches: list[tuple[str, int, int]] = field(default_factory=list)
    persons: list[tuple[int, int]] = field(default_factory=list)
    orgs: list[tuple[int, int]] = field(default_factory=list)
    locs: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Candidate:
    """A trigger with what its sentence attaches to it."""

    sentence: int
    trigger: Trigger
    partners: tuple[str, ...]
    partner_basis: str
    dates: list[tuple[DateMention, DateValue]] = field(default_factory=list)
    duration: int | None = None
    city: str = ""
    country: str = ""
    partner_note: str = ""

    @property
    def event_type(self) -> str:
        """The type of the candidate's trigger (empty for an anaphor)."""
        return self.trigger.event_type


@dataclass
class _Event:
    event_type: str
    partners: tuple[str, ...]
    cands: list[Candidate] = field(default_factory=list)
    last: int = 0
    last_sentence: int = 0
    date: DateValue | None = None
    notes: list[str] = field(default_factory=list)
    city: str = ""
    country: str = ""

    @property
    def session(self) -> int | None:
        """The session number of the first trigger that gives one."""
        return next((c.trigger.session for c in self.cands if c.trigger.session), None)


@dataclass
class ArticleResult:
    """What one article gives: records keyed by article-local event ids (``<article>#<n>``)."""

    article_id: str
    events: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    participants: list[dict] = field(default_factory=list)
    actors: dict[str, dict] = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)
    sentences: int = 0


_ROLE_RANK = ("chair", "head_of_delegation", "signatory", "host", "guest", "speaker", "participant")


def _role_cue(folded: str, s: int, e: int, event_type: str) -> str:
    before, after = folded[max(0, s - 160) : s], folded[e : e + 100]
    if re.search(
        r"presidee?s?\s+par\s+(?:\S+\s+){0,6}$|sous\s+la\s+presidence\s+d[eu']?\s*(?:\S+\s+){0,6}$",
        before,
    ):
        return "chair"
    if re.search(
        r"(?:chef|tete)\s+de\s+(?:la\s+)?delegation[^.;]*$|sous\s+la\s+(?:direction|conduite)\s+d[eu']?\s*(?:\S+\s+){0,6}$",
        before,
    ) or re.match(
        r"\s*,?\s*(?:et|,)\s+(?:sa|son)\s+delegation|\s*,?\s*(?:a|qui\s+est\s+a)\s+la\s+tete\s+d",
        after,
    ):
        return "head_of_delegation"
    if event_type == "agreement_signature" and (
        re.search(r"signee?s?\s+par\s+(?:\S+\s+){0,6}$", before)
        or re.match(r"[^.;]{0,40}\b(?:a|ont)\s+signe", after)
    ):
        return "signatory"
    if re.search(r"\bselon\s+(?:\S+\s+){0,12}$", before) or re.match(
        r"[^.;«]{0,80}?\b(?:a|ont)\s+(?:souligne|declare|indique|affirme|explique|precise|assure|remercie|salue|rappele|annonce|estime|justifie|conclu|releve|ajoute|note|insiste)\b",
        after,
    ):
        return "speaker"
    return ""


def records(
    result: ArticleResult,
    text: str,
    events: list[_Event],
    sentences: list[Sentence],
    sent_countries: list[list[CountryMention]],
    sent_people: list[list[ActorMention]],
    sent_insts: list[list[ActorMention]],
    people: PeopleIndex,
    registry: Registry,
    pub_note: str,
    context_source: str,
    countries: CountryFinder,
) -> None:
    """Fill ``result`` with the records of the article's events: events, mentions with their
    highlights, participants with roles, and the actors they name."""
    article_id = result.article_id
    joint_surfaces = [
        m for insts in sent_insts for m in insts if JOINT_BODY_RE.search(fold(m.surface))
    ]
    for n, ev in enumerate(events, start=1):
        joint_bodies = {
            _institution_key(m, registry, result, ev.partners, countries) for m in joint_surfaces
        }
        local_id = f"{article_id}#{n}"
        date = ev.date or DateValue("", "", "unknown", "", "")
        location_city, location_country = ev.city, ev.country
        basis = (
            "sentence"
            if any(c.partner_basis == "sentence" for c in ev.cands if not c.trigger.anaphoric)
            else "article"
        )
        facts = [c.trigger.factuality for c in ev.cands if not c.trigger.anaphoric]
        factuality = "occurred" if "occurred" in facts else (facts[0] if facts else "occurred")
        notes = list(dict.fromkeys(ev.notes))
        own_note = next((c.partner_note for c in ev.cands if c.partner_note), "")
        if own_note:
            notes.append(own_note)
        elif basis == "article":
            notes.append(
                f"The evidence names no partner country; partner from the {context_source}"
                + ("." if context_source.startswith("article") else f" ({', '.join(ev.partners)}).")
            )
        if date.dated and date.basis == "relative" and pub_note:
            notes.append(f"Relative to the {pub_note}.")
        cameo = CAMEO.get(ev.event_type, "")
        if ev.event_type == "meeting":
            cameo = (
                ""
                if not location_country
                else "043"
                if location_country == HOME
                else "042"
                if location_country in ev.partners
                else "044"
            )
        by_sentence: dict[int, list[Candidate]] = {}
        for c in ev.cands:
            by_sentence.setdefault(c.sentence, []).append(c)
        roles: dict[str, tuple[str, str]] = {}
        for si, group in sorted(by_sentence.items()):
            s = sentences[si]
            highlights = [(c.trigger.start, c.trigger.end, "trigger") for c in group]
            highlights += [
                (m.start, m.end, "date") for c in group for m, _ in c.dates if m.start >= 0
            ]
            highlights += [
                (m.start, m.end, "partner") for m in sent_countries[si] if m.code in ev.partners
            ]
            folded = fold(s.text)
            for m in sent_people[si]:
                key = people.key_of(m.surface) if m.kind == "person" else people.surname(m.surface)
                if key is None:
                    continue
                highlights.append((m.start, m.end, "person"))
                info = people.info[key]
                if m.surface not in info["surfaces"]:
                    info["surfaces"].append(m.surface)
                cue = _role_cue(folded, m.start, m.end, ev.event_type)
                country = info["country"] or _registry_country(registry, key)
                if (
                    not cue
                    and ev.event_type in ("meeting", "visit", "joint_commission")
                    and location_country
                    and country
                ):
                    cue = "host" if country == location_country else "guest"
                _keep_role(roles, key, cue or "participant", m.title)
                result.actors.setdefault(key, info)
            for m in sent_insts[si]:
                key = _institution_key(m, registry, result, ev.partners, countries)
                if key:
                    highlights.append((m.start, m.end, "institution"))
                    _keep_role(roles, key, "participant", "")
            result.mentions.append(
                {
                    "event": local_id,
                    "article_id": article_id,
                    "evidence": text[s.start : s.end],
                    "start": s.start,
                    "end": s.end,
                    "highlights": sorted(set(highlights)),
                }
            )
        if (
            ev.event_type == "joint_commission"
            and not any(k in joint_bodies for k in roles)
            and len(joint_bodies) == 1
        ):
            _keep_role(roles, next(iter(joint_bodies)), "participant", "")
        for code in (HOME, *ev.partners):
            if ev.event_type == "agreement_signature":
                role = "signatory"
            elif ev.event_type in ("meeting", "visit", "joint_commission") and location_country in (
                HOME,
                *ev.partners,
            ):
                role = "host" if code == location_country else "guest"
            else:
                role = "participant"
            _keep_role(roles, code, role, "")
            result.actors.setdefault(
                code,
                {"kind": "country", "surfaces": [], "country": code, "new": False, "key": code},
            )
        for key, (role, title) in sorted(roles.items()):
            result.participants.append(
                {"event": local_id, "actor": key, "role": role, "title": title}
            )
        people_names = [k for k in roles if result.actors.get(k, {}).get("kind") == "person"]
        result.events.append(
            {
                "event": local_id,
                "article_id": article_id,
                "event_type": ev.event_type,
                "cameo_code": cameo,
                "partners": ";".join(ev.partners),
                "date_start": date.start,
                "date_end": date.end,
                "date_precision": date.precision if date.dated else "unknown",
                "date_basis": date.basis if date.dated else "",
                "date_text": date.text,
                "location_city": location_city,
                "location_country": location_country,
                "session_number": str(ev.session or ""),
                "factuality": factuality,
                "agreement_id": "",
                "notes": " ".join(notes),
                "partner_basis": basis,
                "people": people_names,
                "first": min(sentences[c.sentence].start + c.trigger.start for c in ev.cands),
                "date_warning": any(
                    "check the date" in v.note for c in ev.cands for _, v in c.dates
                ),
            }
        )


def _registry_country(registry: Registry, key: str) -> str:
    row = registry.get(key)
    return row["country"] if row is not None else ""


def _institution_key(
    m: ActorMention,
    registry: Registry,
    result: ArticleResult,
    partners: tuple[str, ...],
    countries: CountryFinder,
) -> str:
    rid = registry.resolve_institution(m.surface, partners, countries)
    key = rid or f"new:institution:{fold_key(m.surface)}"
    info = result.actors.setdefault(
        key,
        {
            "kind": "institution",
            "surfaces": [],
            "country": m.country,
            "new": rid is None,
            "key": fold_key(m.surface),
        },
    )
    if m.surface not in info["surfaces"]:
        info["surfaces"].append(m.surface)
    return key


def _keep_role(roles: dict[str, tuple[str, str]], key: str, role: str, title: str) -> None:
    """Keep one role per actor and event: the most specific (chair before participant)."""
    old = roles.get(key)
    if old is None:
        roles[key] = (role, title)
        return
    best = role if _ROLE_RANK.index(role) < _ROLE_RANK.index(old[0]) else old[0]
    roles[key] = (best, old[1] or title)

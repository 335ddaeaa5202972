"""The triggers of one article merged into its events: an anaphor (``cette rencontre``, ``ces
engins``) joins the latest event of its family (an encounter's, ``en marge de cette visite`` told
of a session, the one the article reports first); a trigger joins an earlier event of the same
type, partners and compatible dates (or of the same numbered session), unless a word says it is
another (``une seconde tranche``, ``d'autres livraisons``, ``une nouvelle phase``); an announced
event told undated does not join an occurred dated one; a date only borrowed from another
sentence gives way to the event the sentence continues."""

from __future__ import annotations

import re
from dataclasses import replace

from helpers.extraction.event_dates import best_date, compatible
from helpers.extraction.records import Candidate, Sentence, _Event
from helpers.extraction.triggers import ENCOUNTERS
from helpers.text.normalize import fold

# ``une seconde tranche``, ``d'autres livraisons``, ``une nouvelle phase``: another event
_ANOTHER = re.compile(
    r"(?:^|\W)(?:autres?|second(?:e|es|s)?|deuxiemes?|troisiemes?|nouvel(?:les?)?|nouveaux)\s+"
    r"(?:(?:session|phase|tranche|edition|vague|serie)s?\s+(?:du|de\s+la|de\s+l'|des|d')\s*)?$"
)


_NEXT = re.compile(r"(?:^|\W)prochaine?s?\s+$")


def partners_of_another(
    sentence: str, start: int, event_type: str, earlier: list[Candidate]
) -> tuple[tuple[str, ...], str] | None:
    """The partners of an event told as another of a kind told before (``une nouvelle
    rencontre``, ``une prochaine réunion``, ``une seconde phase de l'opération``) whose sentence
    names none: those of the latest earlier event of its family, with the note that says so
    (the caller keeps them only where they are some of the article's partners). None when the
    trigger is not so qualified or no such event was told."""
    before = fold(sentence[max(0, start - 30) : start])
    if _ANOTHER.search(before) is None and _NEXT.search(before) is None:
        return None
    for c in reversed(earlier):
        kin = c.event_type == event_type or {c.event_type, event_type} <= set(ENCOUNTERS)
        if kin and c.partners:
            return (
                c.partners,
                f"The evidence names no partner and tells another {event_type.replace('_', ' ')}; "
                f"partners of the one told in sentence {c.sentence + 1} ({', '.join(c.partners)}).",
            )
    return None


def another(sentence: str, start: int) -> bool:
    """Whether the trigger at ``start`` is qualified as another event than one told before."""
    return _ANOTHER.search(fold(sentence[max(0, start - 30) : start])) is not None


def merge_in_article(
    cands: list[Candidate], sentences: list[Sentence]
) -> tuple[list[_Event], dict[int, int]]:
    """The article's events, and for each candidate index the index of the event it joined."""
    events: list[_Event] = []
    owner: dict[int, int] = {}
    for ci, c in enumerate(cands):
        pos = sentences[c.sentence].start + c.trigger.start
        t = c.trigger
        if t.anaphoric:
            pool = [
                k for k, ev in enumerate(events) if ev.event_type in t.families and ev.last <= pos
            ]
            told = [
                k for k, ev in enumerate(events) if ev.event_type in ENCOUNTERS and ev.last <= pos
            ]
            if not pool and told and set(t.families) & set(ENCOUNTERS):
                # ``en marge de cette visite`` told of a session: the encounter the article reports first
                pool = [min(told, key=lambda k: events[k].cands[0].sentence)]
            if pool:
                k = max(
                    pool,
                    key=lambda k: (
                        events[k].last_sentence,
                        -(*t.families, events[k].event_type).index(events[k].event_type),
                        events[k].last,
                    ),
                )
                events[k].cands.append(c)
                events[k].last = pos
                events[k].last_sentence = c.sentence
                owner[ci] = k
                continue
            if t.rule != "definite":
                continue
            t = c.trigger = replace(
                t, event_type=t.families[0], anaphoric=False
            )  # ``La rencontre a eu lieu …`` told first
        date = best_date(c)
        if t.occasion and date is None:
            told = [k for k, ev in enumerate(events) if ev.event_type == c.event_type]
            if told:
                k = max(told, key=lambda k: events[k].last)
                events[k].cands.append(c)
                events[k].last, events[k].last_sentence = pos, c.sentence
                owner[ci] = k
                continue
        match = None
        fresh = another(sentences[c.sentence].text, t.start)
        for k in [] if fresh else sorted(range(len(events)), key=lambda k: -events[k].last):
            ev = events[k]
            if ev.event_type != c.event_type or ev.partners != c.partners:
                continue
            if t.session and ev.session and t.session != ev.session:
                continue
            if (
                date is None
                and t.factuality != "occurred"
                and any(o.trigger.factuality == "occurred" and best_date(o) for o in ev.cands)
            ):
                continue  # ``deux autres … doivent être livrés`` after a dated delivery
            if not all(compatible(date, best_date(o)) for o in ev.cands):
                continue
            match = k
            break
        borrowed = bool(c.dates) and all(m.start < 0 for m, _ in c.dates)
        if match is None and borrowed and not fresh:
            # a date only borrowed from another sentence gives way to the event this one continues
            same = [
                k
                for k, ev in enumerate(events)
                if ev.event_type == c.event_type and ev.partners == c.partners
            ]
            if same and not (
                t.session and any(events[k].session not in (None, t.session) for k in same)
            ):
                match = max(same, key=lambda k: events[k].last)
                c.dates = []
        if match is None:
            events.append(_Event(c.event_type, c.partners, [c], pos, c.sentence))
            owner[ci] = len(events) - 1
        else:
            events[match].cands.append(c)
            events[match].last = pos
            events[match].last_sentence = c.sentence
            owner[ci] = match
    return events, owner

"""The triggers of one article merged into its events: an anaphor (``cette rencontre``, ``ces
engins``) joins the latest event of its family (an encounter's, ``en marge de cette visite`` told
of a session, the one the article reports first); a trigger joins an earlier event of the same
type, partners and compatible dates (or of the same numbered session); an announced event told
undated does not join an occurred dated one; a date only borrowed from another sentence gives
way to the event the sentence continues."""

from __future__ import annotations

from dataclasses import replace

from helpers.extraction.event_dates import best_date, compatible
from helpers.extraction.records import Candidate, Sentence, _Event
from helpers.extraction.triggers import ENCOUNTERS


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
        for k in sorted(range(len(events)), key=lambda k: -events[k].last):
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
        if match is None and borrowed:
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

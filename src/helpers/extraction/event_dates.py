"""The dates of an event from what its sentences attach to its triggers.

The most precise resolved date of its triggers wins (stated before relative before inferred,
then the one nearest its trigger: ``déployé en août 2018 … avant son départ, en août 2019``);
an end day (``ont pris fin le …``) or start day (``a débuté le …``) with a duration gives the
other bound (``inferred``); a sentence that gives no date may take the previous sentence's
(``inferred``, naming it); a meeting held ``au sommet`` takes the summit's dates, and a visit of
known length told together with a dated meeting is dated by the window around that meeting,
when the window stays within one month (``inferred``, explained in ``notes``); a day counted
from another (``deux jours après le 18 août``, ``au lendemain de la levée, mardi, …``,
:func:`offset_day`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from helpers.extraction.dates import DateMention, DateValue, bounds_of, resolve, window_label
from helpers.extraction.lexicon import NUMBER_WORDS
from helpers.extraction.records import Candidate, _Event
from helpers.extraction.triggers import ENCOUNTERS
from helpers.text.normalize import fold

_NUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_DURATION = re.compile(
    rf"\b(?:de|d'une\s+duree\s+de|pendant|durant)\s+(?P<n>\d+|{_NUM})\s+(?P<unit>jours?|heures?)\b"
)
_BASIS_RANK = {"stated": 3, "relative": 2, "inferred": 1, "": 0}
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}


def same_story(told: str, event_type: str) -> bool:
    """Whether a date told of an event of type ``told`` (empty: of none) may date one of ``event_type``."""
    return told in ("", event_type) or (told in ENCOUNTERS and event_type in ENCOUNTERS)


def sentence_date(
    index: int, dates: list[DateMention], published: str
) -> tuple[DateMention, DateValue, str, int] | None:
    """The date a sentence gives (its first stated day or month), as the next sentence may
    inherit it when it gives none (marked inferred, with a note naming the sentence), with the
    type of the event it dates (filled in once known) and its offset."""
    for d in dates:
        v = resolve(d, published)
        if v.dated and v.precision in ("day", "month") and v.basis in ("stated", "relative"):
            note = f"The sentence gives no date; {v.start if v.start == v.end else v.start + '/' + v.end} taken from the previous sentence (sentence {index + 1}, {d.text!r})."
            return (
                DateMention(-1, -1, d.text, d.kind, d.parts),
                DateValue(v.start, v.end, v.precision, "inferred", d.text, note),
                "",
                d.start,
            )
    return None


def durations(folded: str) -> list[tuple[int, int]]:
    out = []
    for m in _DURATION.finditer(folded):
        n = int(m.group("n")) if m.group("n").isdigit() else NUMBER_WORDS[m.group("n")]
        days = -(-n // 24) if m.group("unit").startswith("heure") else n
        if 0 < days <= 60:
            out.append((m.start(), days))
    return out


def compatible(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None or not a.dated or not b.dated:
        return True
    ba, bb = bounds_of(a), bounds_of(b)
    assert ba and bb
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def consistent(pairs: list[tuple[DateMention, DateValue]]) -> list[tuple[DateMention, DateValue]]:
    """The dated pairs, a relative date left out when it conflicts with a stated one
    (``signé en 2019, qui en constitue aujourd'hui le socle``), unless it is the end or start
    day of what the stated one opens or closes (``ouverts lundi 9 juin … prendront fin mercredi``)."""
    dated = [(m, v) for m, v in pairs if v.dated]
    stated = [v for _, v in dated if v.basis == "stated"]
    return [
        (m, v)
        for m, v in dated
        if v.basis != "relative" or m.marker or not stated or any(compatible(v, o) for o in stated)
    ]


def best_date(cand: Candidate) -> DateValue | None:
    dated = [v for _, v in consistent(cand.dates)]
    if dated:
        return max(dated, key=lambda v: (_PRECISION_RANK[v.precision], _BASIS_RANK[v.basis]))
    return None


def event_date(ev: _Event) -> tuple[DateValue, list[str]]:
    """The event's date from its triggers' dates, start/end markers and duration."""
    pairs = [(m, v) for c in ev.cands for m, v in c.dates]
    dated = consistent(pairs)
    duration = next((c.duration for c in ev.cands if c.duration), None)
    notes: list[str] = []
    if not dated:
        texts = [m.text for m, _ in pairs]
        why = [v.note for _, v in pairs if v.note]
        if texts:
            notes.extend(why[:1])
        return DateValue("", "", "unknown", "", texts[0] if texts else ""), notes
    starts = [(m, v) for m, v in dated if m.marker == "start" and v.precision == "day"]
    ends = [(m, v) for m, v in dated if m.marker == "end" and v.precision == "day"]
    if starts and ends:
        s, e = starts[0][1], ends[0][1]
        if s.start <= e.end:
            basis = next((b for b in ("inferred", "relative") if b in (s.basis, e.basis)), "stated")
            return DateValue(s.start, e.end, "day", basis, f"{s.text} … {e.text}"), [
                n for n in (s.note, e.note) if n
            ]
    near = {
        id(m): abs(m.start - c.trigger.start) if m.start >= 0 else 10**6
        for c in ev.cands
        for m, _ in c.dates
    }
    m, best = max(
        dated,
        key=lambda p: (
            _PRECISION_RANK[p[1].precision],
            _BASIS_RANK[p[1].basis],
            -near.get(id(p[0]), 10**6),
            -p[0].start,
        ),
    )
    notes.extend([best.note] if best.note else [])
    if m.marker in ("start", "end") and best.precision == "day" and best.start == best.end:
        day = dt.date.fromisoformat(best.start)
        if duration:
            if m.marker == "end":
                lo, hi = day - dt.timedelta(days=duration - 1), day
                notes.append(
                    f"End day stated ({m.text!r}); start inferred from the stated length of {duration} day(s)."
                )
            else:
                lo, hi = day, day + dt.timedelta(days=duration - 1)
                notes.append(
                    f"Start day stated ({m.text!r}); end inferred from the stated length of {duration} day(s)."
                )
            return DateValue(lo.isoformat(), hi.isoformat(), "day", "inferred", m.text), notes
        notes.append(
            f"The text gives the day it {'ended' if m.marker == 'end' else 'began'} ({m.text!r}), not its length."
        )
    return best, notes


def propagate(
    events: list[_Event], links: set[tuple[int, int]], occasions: set[tuple[int, int]] = frozenset()
) -> None:
    """Dates across containment: a meeting within a dated summit takes its dates, as does an
    event told on the occasion of a dated encounter (:mod:`helpers.extraction.occasions`); an
    undated encounter takes the date of the event it was the occasion of when the link is one of
    ``occasions`` (the encounter named there, not referred back to); a visit of known length
    around a dated meeting is dated by that window."""
    for inner, outer in sorted(links):
        a, b = events[inner], events[outer]
        if not (a.city or a.country) and (b.city or b.country):
            a.city, a.country = b.city, b.country
        if b.date and b.date.dated and a.date is not None and not a.date.dated:
            a.date = DateValue(b.date.start, b.date.end, b.date.precision, "inferred", a.date.text)
            a.notes.append(
                f"Held during the {b.event_type.replace('_', ' ')} ({b.date.text or b.date.start}); dates taken from it."
            )
        elif (
            (inner, outer) in occasions
            and a.event_type not in ENCOUNTERS
            and a.date
            and a.date.dated
            and b.date is not None
            and not b.date.dated
        ):
            b.date = DateValue(a.date.start, a.date.end, a.date.precision, "inferred", b.date.text)
            b.notes.append(
                f"The {a.event_type.replace('_', ' ')} it was the occasion of is dated ({a.date.text or a.date.start}); dates taken from it."
            )
    for inner, outer in sorted(links):
        a, b = events[inner], events[outer]
        length = next((c.duration for c in b.cands if c.duration), None)
        if (
            a.date
            and a.date.dated
            and a.date.precision == "day"
            and b.date is not None
            and not b.date.dated
            and length
        ):
            lo, hi = bounds_of(a.date) or (None, None)
            assert lo and hi
            start, end, precision = window_label(
                lo - dt.timedelta(days=length - 1), hi + dt.timedelta(days=length - 1)
            )
            if start:
                b.date = DateValue(start, end, precision, "inferred", b.date.text)
                b.notes.append(
                    f"The text gives the {b.event_type.replace('_', ' ')}'s length ({length} day(s)) but not its days; "
                    f"it includes the {a.event_type.replace('_', ' ')} of {a.date.start}, so it falls within {start}."
                )


_OFFSET = re.compile(
    r"\b(?P<n>\d{1,2}|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")\s+(?P<unit>jours?|semaines?)\s+"
    r"(?:(?P<later>plus\s+tard)|(?P<after>apres))\b"
    r"|\b(?:(?P<morrow>au\s+lendemain)|(?P<eve>(?:a\s+)?la\s+veille))\s+(?=de\b|du\b|des\b|d')"
)
_NEXT_TO = 60  # ``au lendemain de la levée, mardi, …``: the day named within this many characters


def offset_day(
    text: str, days: Sequence[tuple[DateMention, DateValue]], last_told: DateValue | None
) -> tuple[tuple[DateMention, ...], tuple[DateMention, DateValue], tuple[int, int]] | None:
    """``Deux jours après le coup d'État du 18 août 2020, …``: the day the sentence's single day
    after the cue plus the days it says, which is then no date of the event itself (``au
    lendemain de`` / ``à la veille de`` the day named next: one day after / before it); ``Huit jours
    plus tard, …`` in a sentence giving no day: the last day told before (``last_told``) plus
    them. The date given (marked inferred, with a note) and the dates of the sentence that are
    not the event's (the day counted from, and after ``au lendemain de`` the other dates of the
    event it names), and the span of the text naming the event counted from (a trigger there is
    that event); None when the sentence says no such thing or gives no day to count from."""
    m = _OFFSET.search(fold(text))
    if m is None:
        return None
    after = [
        (d, v) for d, v in days if d.start >= m.end() and v.precision == "day" and v.start == v.end
    ]
    also: tuple[DateMention, ...] = ()
    if m.group("morrow") or m.group("eve"):
        # ``au lendemain de la levée, mardi, des sanctions décrétées le 20 août``: the day after
        # the one named next; what follows describes that other event, whose dates they are
        count = 1 if m.group("morrow") else -1
        after = [(d, v) for d, v in after if d.start - m.end() <= _NEXT_TO][:1]
        also = tuple(d for d, _ in days if d.start >= m.end())
    else:
        n = m.group("n")
        count = int(n) if n.isdigit() else NUMBER_WORDS.get(n)
        if not count:
            return None
        count *= 7 if m.group("unit").startswith("semaine") else 1
    if (m.group("after") or m.group("morrow") or m.group("eve")) and len(after) == 1:
        refs, base = (after[0][0], *also), after[0][1]
    elif m.group("later") and not days and last_told is not None:
        refs, base = (), last_told
    else:
        return None
    named = (m.end(), max(r.end for r in refs)) if refs else (0, 0)
    day = dt.date.fromisoformat(base.start) + dt.timedelta(days=count)
    said = text[m.start() : m.end()].rstrip()
    when = f"{count} day(s) after" if count > 0 else f"{-count} day(s) before"
    note = f"{said!r}: {when} {base.start} ({base.text!r}), so {day.isoformat()}."
    value = DateValue(day.isoformat(), day.isoformat(), "day", "inferred", said, note)
    return refs, (DateMention(-1, -1, said, "day", ()), value), named

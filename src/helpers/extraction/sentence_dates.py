"""Which trigger of a sentence each of its dates belongs to, and what the way a sentence is told
says of its date (a date after ``puis,`` is the next event's; one past a relative clause in
another tense is the relative's; a statement told in the present tense; a yearless day ``plus
tard``; a deadline of what is to come)."""

from __future__ import annotations

import re

from helpers.extraction.dates import DateMention, DateValue, is_deadline, resolve
from helpers.extraction.records import Sentence
from helpers.extraction.scope import clause_bounds
from helpers.extraction.triggers import Trigger
from helpers.text.normalize import fold

# A sentence telling what came some time after the date told before (``Deux semaines plus tard``)
LATER = re.compile(
    r"\bplus\s+tard\b(?!\s+dans\s+la\s+journee)|\ble\s+mois\s+suivant\b|\b(?:\d{1,2}(?:er)?|1er)\s+[a-z]+\s+suivant\b"
)
# A date opening the next step of a sequence (``puis, le 17 février, …``).
_NEXT_IN_SEQUENCE = re.compile(r"\b(?:puis|ensuite|enfin)\s*,?\s*$")
# A relative clause in another tense (``…, qui avait laissé entendre …``) between a trigger and a
# date told after it: the date is the relative's.
_RELATIVE = re.compile(
    r",\s*(?:qui|dont|lequel|laquelle|lesquels|lesquelles)\s+(?:\w+\s+){0,2}?(?:avai(?:t|ent)|aur(?:a|ont|ait|aient))\s+(?!eu\s+lieu|ete\s+)"
)


def day_of(mention: DateMention) -> int:
    """The day of the month a date expression writes (``1er`` → 1), else 1."""
    m = re.match(r"\d+", mention.part("d"))
    return int(m.group()) if m else 1


def told_in_present(sentence: Sentence, trigger: Trigger) -> bool:
    """Whether the trigger's verb is in the present tense (``condamne``, ``rejette``; not ``a
    condamné``)."""
    verbs = [
        t
        for t in sentence.tokens
        if trigger.start <= t.start < trigger.end and t.pos in ("VERB", "AUX")
    ]
    if not verbs:
        return False
    v, said = verbs[-1], sentence.text[verbs[-1].start :].split(maxsplit=1)[0].lower()
    # the tagger reads some a present (``condamne``) as a participle: an -er verb's -e/-ent is
    # present, its -ée a participle
    return (v.tense == "Pres" and v.verb_form == "Fin") or (
        v.lemma.endswith("er") and said.endswith(("e", "ent")) and not said.endswith("ée")
    )


def attach(points: list[int], items: list[Trigger], text: str = "") -> list[int | None]:
    """For each offset, the index of the nearest item starting before it, else the nearest after;
    among the items of its clause when the clause holds one."""
    out: list[int | None] = []
    clauses = [clause_bounds(text, p) for p in points]
    for p, (lo, hi) in zip(points, clauses, strict=True):
        pool = [i for i, t in enumerate(items) if lo <= t.start < hi]
        if not pool:  # a clause with no trigger dates one whose own clause gives no date
            pool = [
                i
                for i, t in enumerate(items)
                if not any(a <= t.start < b for a, b in clauses if (a, b) != (lo, hi))
            ]
        pool = [
            i for i in pool if not items[i].anaphoric
        ] or pool  # a date goes to the event told, not to a reference back
        before = [i for i in pool if items[i].start < p]
        after = [i for i in pool if items[i].start >= p]
        if text and before and _RELATIVE.search(fold(text[items[before[-1]].end : p])):
            out.append(None)  # ``…, qui avait laissé entendre …, fin juillet``: the relative's date
            continue
        if after and _NEXT_IN_SEQUENCE.search(fold(text[max(0, p - 20) : p])):
            out.append(after[0])  # ``…, puis, le 17 février, annonce …``: the next event's date
            continue
        out.append(before[-1] if before else after[0] if after else None)
    return out


def deadlines_ahead(
    text: str, dates: list[DateMention], triggers: list[Trigger]
) -> list[tuple[DateMention, int]]:
    """The deadlines of a sentence (``avant la fin du mois de juin``, ``d'ici à mai 2024``) each
    with the index of the trigger to come it dates, the nearest among those not told as done
    (``À l'issue de l'audience, les deux parties ont annoncé la tenue, avant la fin du mois de
    juin, de la session``: the session's, not the audience's)."""
    ahead = [j for j, t in enumerate(triggers) if t.factuality != "occurred"]
    found = [d for d in dates if is_deadline(text, d)]
    if not ahead or not found:
        return []
    idx = attach([d.start for d in found], [triggers[j] for j in ahead], text)
    return [(d, ahead[k]) for d, k in zip(found, idx, strict=True) if k is not None]


# ``d'ici là`` (until then), read with its accent: folded it would be ``d'ici la fin …``, a deadline
_UNTIL_THEN = re.compile(r"\bd['\u2019]ici\s+là(?!\w)", re.IGNORECASE)


def until_then(
    text: str,
    dates: list[DateMention],
    before: list[tuple[DateMention, DateValue]],
    published: str,
) -> tuple[int, tuple[DateMention, DateValue]] | None:
    """``…, d'ici là, la partie algérienne procédera à la remise …``: what is to come before the
    date told just before (in the sentence, else in the one before it, ``before``), dated from the
    publication month to that date's (inferred); with the offset after which the cue speaks. None
    without the cue, a publication month or a date to come before it."""
    m = _UNTIL_THEN.search(text)
    if m is None or len(published) < 7:
        return None
    here = [(d, resolve(d, published, "future")) for d in dates if d.end <= m.start()]
    told = [(d, v) for d, v in here or before if v.dated and v.precision in ("day", "month")]
    if not told:
        return None
    d, v = told[-1]
    end, start = v.end[:7], published[:7]
    if end < start:
        return None
    note = (
        f"'{text[m.start() : m.end()]}': to come before {d.text!r} ({v.end}), so from the "
        f"publication month {start} to {end}."
    )
    value = DateValue(start, end, "month", "inferred", text[m.start() : m.end()], note)
    return m.end(), (DateMention(-1, -1, value.text, "month", ()), value)

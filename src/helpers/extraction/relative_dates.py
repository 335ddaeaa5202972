"""Weekdays (``jeudi dernier``, ``ce lundi``) and relative expressions (``la semaine dernière``,
``hier``, ``il y a trois jours``, ``avant la fin de l'année``) resolved against the publication date (``relative``), and only
when the publication date is precise enough (a day for ``jeudi dernier``, a month for ``le mois
dernier``). Weeks run Monday to Sunday; ``jeudi dernier`` is the last Thursday strictly before
publication, ``ce jeudi`` the nearest Thursday on or before it (on or after it for announced
events); ``ce week-end`` is its Saturday and Sunday, ``ce mardi 14`` the 14th that is a Tuesday
nearest publication. Seasons without a year (``à l'automne``, ``cet été``, ``l'été dernier``) take theirs
from the publication date (:func:`resolve_season`)."""

from __future__ import annotations

import datetime as dt
import re

from dateparser.date import DateDataParser

from helpers.extraction.date_values import (
    SEASONS,
    WEEKDAY_NAMES_EN,
    WEEKDAYS,
    DateMention,
    DateValue,
    empty,
    iso,
    months_around,
    no_year,
    pick_year,
    pub_text,
    weekday_text,
)
from helpers.extraction.lexicon import NUMBER_WORDS


def _relative_days(text: str, start: dt.date, end: dt.date, note: str) -> DateValue:
    """Days resolved against the publication date (``relative``), with the note saying how."""
    return DateValue(iso(start), iso(end), "day", "relative", text, note)


def needs(
    mention: DateMention, pub: dt.date | None, pub_precision: str, level: str
) -> DateValue | None:
    order = {"day": 3, "month": 2, "year": 1, "unknown": 0}
    if pub is None:
        return empty(
            mention,
            f"{mention.text!r} is relative to the publication date, which is unknown, so no date is recorded.",
        )
    if order[pub_precision] < order[level]:
        return empty(
            mention,
            f"{mention.text!r} needs the publication date to the {level}; it is known only as {pub_text(pub, pub_precision)}, so no date is recorded.",
        )
    return None


def resolve_weekday(
    mention: DateMention, pub: dt.date | None, pub_precision: str, prefer: str
) -> DateValue:
    missing = needs(mention, pub, pub_precision, "day")
    if missing:
        return missing
    assert pub is not None
    if mention.part("we"):
        return _weekend(mention, pub, prefer)
    if mention.part("d"):
        return _weekday_and_day(mention, pub, prefer)
    target = WEEKDAYS[mention.part("wd")]
    rel = mention.part("rel")
    if rel in ("dernier", "passe"):
        delta = (pub.weekday() - target) % 7 or 7
        d = pub - dt.timedelta(days=delta)
        rule = f"the last {WEEKDAY_NAMES_EN[target]} before it"
    elif rel == "prochain" or prefer == "future":
        delta = (target - pub.weekday()) % 7
        if rel == "prochain":
            delta = delta or 7
        d = pub + dt.timedelta(days=delta)
        rule = f"the {'next' if rel else 'nearest'} {WEEKDAY_NAMES_EN[target]} {'after' if rel else 'on or after'} it"
    else:
        d = pub - dt.timedelta(days=(pub.weekday() - target) % 7)
        rule = f"the nearest {WEEKDAY_NAMES_EN[target]} on or before it"
    return _relative_days(
        mention.text,
        d,
        d,
        f"{mention.text!r} resolved against the publication date ({weekday_text(pub)}): {rule}, {d.isoformat()}.",
    )


def _weekend(mention: DateMention, pub: dt.date, prefer: str) -> DateValue:
    """``le week-end dernier``: the Saturday and Sunday before publication; ``le week-end
    prochain``: the next ones after it; ``ce week-end``: the nearest, before it for past events
    (the one it falls in, if any), after it for announced ones."""
    rel = mention.part("rel")
    ahead = rel == "prochain" or (not rel and prefer == "future")
    if ahead:
        saturday = pub + dt.timedelta(days=(5 - pub.weekday()) % 7 or (7 if rel else 0))
        if not rel and pub.weekday() == 6:
            saturday = pub - dt.timedelta(days=1)
    else:
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        if rel and saturday + dt.timedelta(days=1) >= pub:
            saturday -= dt.timedelta(days=7)  # ``dernier`` said on that weekend: the one before
    sunday = saturday + dt.timedelta(days=1)
    return _relative_days(
        mention.text,
        saturday,
        sunday,
        f"{mention.text!r} resolved against the publication date ({weekday_text(pub)}) to the "
        f"weekend of Saturday {saturday.isoformat()} and Sunday {sunday.isoformat()}.",
    )


def _weekday_and_day(mention: DateMention, pub: dt.date, prefer: str) -> DateValue:
    """``ce mardi 14``: the 14th that is a Tuesday in the publication's month or the one before
    or after it, the latest on or before publication for past events, the first on or after it
    for announced ones; none when no such day is that weekday."""
    target = WEEKDAYS[mention.part("wd")]
    m = re.match(r"\d+", mention.part("d"))
    day = int(m.group()) if m else 1
    found = []
    for shift in (-1, 0, 1):
        index = pub.year * 12 + pub.month - 1 + shift
        try:
            d = dt.date(index // 12, index % 12 + 1, day)
        except ValueError:
            continue
        if d.weekday() == target:
            found.append(d)
    past, ahead = [d for d in found if d <= pub], [d for d in found if d >= pub]
    pool = (ahead or past) if prefer == "future" else (past or ahead)
    if not pool:
        return empty(
            mention,
            f"{mention.text!r}: no {WEEKDAY_NAMES_EN[target]} the {day} within a month of the "
            f"publication date ({weekday_text(pub)}), so no date is recorded.",
        )
    d = min(pool) if prefer == "future" and ahead else max(pool)
    return _relative_days(
        mention.text,
        d,
        d,
        f"{mention.text!r} resolved against the publication date ({weekday_text(pub)}): the "
        f"{WEEKDAY_NAMES_EN[target]} the {day} nearest it, {d.isoformat()}.",
    )


def resolve_relative(mention: DateMention, pub: dt.date | None, pub_precision: str) -> DateValue:
    text = mention.text
    if mention.part("rel_week"):
        missing = needs(mention, pub, pub_precision, "day")
        if missing:
            return missing
        assert pub is not None
        shift = {"derniere": -1, "passee": -1, "prochaine": 1}.get(
            mention.part("rel_week").split()[-1], 0
        )
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=shift)
        sunday = monday + dt.timedelta(days=6)
        return _relative_days(
            text,
            monday,
            sunday,
            f"{text!r} resolved against the publication date ({weekday_text(pub)}) to the calendar week "
            f"Monday {monday.isoformat()} to Sunday {sunday.isoformat()}; the text does not give the days.",
        )
    if mention.part("rel_month"):
        missing = needs(mention, pub, pub_precision, "month")
        if missing:
            return missing
        assert pub is not None
        word = mention.part("rel_month").split()[-1]
        shift = {"dernier": -1, "passe": -1, "prochain": 1}.get(word, 0)
        index = pub.year * 12 + pub.month - 1 + shift
        return _one_month(text, pub, pub_precision, index // 12, index % 12 + 1, ".")
    if mention.part("rel_eoy"):
        # ``avant la fin de l'année``: from the publication month to December of its year.
        missing = needs(mention, pub, pub_precision, "month")
        if missing:
            return missing
        assert pub is not None
        first, last = f"{pub.year}-{pub.month:02d}", f"{pub.year}-12"
        return DateValue(
            first,
            last,
            "month",
            "relative",
            text,
            f"{text!r} resolved against the publication date {pub_text(pub, pub_precision)} to "
            f"the months from publication to the end of that year, {first} to {last}.",
        )
    if mention.part("rel_yearend"):
        # ``à la fin de l'année``: December of the publication year.
        missing = needs(mention, pub, pub_precision, "month")
        if missing:
            return missing
        assert pub is not None
        return _one_month(text, pub, pub_precision, pub.year, 12, " to December of that year.")
    if mention.part("rel_year"):
        missing = needs(mention, pub, pub_precision, "year")
        if missing:
            return missing
        assert pub is not None
        word = mention.part("rel_year").split()[-1]
        shift = {
            "derniere": -1,
            "passee": -1,
            "dernier": -1,
            "passe": -1,
            "prochaine": 1,
            "prochain": 1,
        }.get(word, 0)
        value = str(pub.year + shift)
        return DateValue(
            value,
            value,
            "year",
            "relative",
            text,
            f"{text!r} resolved against the publication date {pub_text(pub, pub_precision)}.",
        )
    missing = needs(mention, pub, pub_precision, "day")
    if missing:
        return missing
    assert pub is not None
    if mention.part("rel_day"):
        said = re.sub(r"\s+", " ", mention.part("rel_day"))
        shift = {
            "avant-hier": -2,
            "hier": -1,
            "aujourd'hui": 0,
            "ce jour": 0,
            "demain": 1,
            "apres-demain": 2,
        }[said]
        d = pub + dt.timedelta(days=shift)
        return _relative_days(
            text,
            d,
            d,
            f"{text!r} resolved against the publication date ({weekday_text(pub)}) to {d.isoformat()}.",
        )
    return _resolve_ago(mention, pub)


def _one_month(
    text: str, pub: dt.date, pub_precision: str, year: int, month: int, how: str
) -> DateValue:
    """One month read against the publication date, with the note saying so."""
    value = f"{year}-{month:02d}"
    note = f"{text!r} resolved against the publication date {pub_text(pub, pub_precision)}{how}"
    return DateValue(value, value, "month", "relative", text, note)


def _resolve_ago(mention: DateMention, pub: dt.date) -> DateValue:
    """``il y a N jours|semaines|mois|ans``, read by dateparser relative to publication."""
    n = mention.part("n")
    count = int(n) if n.isdigit() else NUMBER_WORDS[n]
    unit = mention.part("unit").rstrip("s") if mention.part("unit") != "mois" else "mois"
    base = dt.datetime(pub.year, pub.month, pub.day)
    parser = DateDataParser(
        languages=["fr"], settings={"RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False}
    )
    data = parser.get_date_data(
        f"il y a {count} {unit}{'s' if count > 1 and unit not in ('mois',) else ''}"
    )
    if data.date_obj is None:
        return empty(mention, f"{mention.text!r} could not be read")
    d = data.date_obj.date()
    if unit == "an":
        return DateValue(
            str(d.year),
            str(d.year),
            "year",
            "relative",
            mention.text,
            f"{mention.text!r} resolved against the publication date {pub.isoformat()}.",
        )
    if unit == "mois":
        value = d.isoformat()[:7]
        return DateValue(
            value,
            value,
            "month",
            "relative",
            mention.text,
            f"{mention.text!r} resolved against the publication date {pub.isoformat()}.",
        )
    if unit == "semaine":
        monday = d - dt.timedelta(days=d.weekday())
        sunday = monday + dt.timedelta(days=6)
        return _relative_days(
            mention.text,
            monday,
            sunday,
            f"{mention.text!r} resolved against the publication date ({weekday_text(pub)}) to the calendar week Monday {monday.isoformat()} to Sunday {sunday.isoformat()}.",
        )
    return _relative_days(
        mention.text,
        d,
        d,
        f"{mention.text!r} resolved against the publication date ({weekday_text(pub)}) to {d.isoformat()}.",
    )


def resolve_season(
    mention: DateMention, pub: dt.date | None, pub_precision: str, prefer: str
) -> DateValue:
    """``cet été``: the publication year's; ``l'été dernier`` / ``prochain``: the last / next
    one; ``à l'automne``: the nearest, before publication for past events, after for announced
    ones. Its months (:data:`SEASONS`), marked relative."""
    first, last = SEASONS[mention.part("season")]
    if pub is None:
        return no_year(mention, "a season")
    if mention.part("this"):
        y = pub.year
    elif mention.part("rel") == "dernier":  # the last one over by publication
        y = pub.year if pub.month > last else pub.year - 1
    elif mention.part("rel") == "prochain":  # the next one to begin after it
        y = pub.year if pub.month < first else pub.year + 1
    else:
        chosen = pick_year(months_around(pub, first, last), pub, pub_precision, prefer)
        if chosen is None:
            return no_year(mention, "a season")
        y = chosen[0].year
    return DateValue(
        f"{y}-{first:02d}",
        f"{y}-{last:02d}",
        "month",
        "relative",
        mention.text,
        f"{mention.text!r} gives no year; {y} taken from the publication date {pub_text(pub, pub_precision)}, "
        f"and the months {first:02d} to {last:02d} of a season (the text gives no month).",
    )

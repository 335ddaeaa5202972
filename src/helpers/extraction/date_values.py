"""Resolved and unresolved French dates as values: a date expression found in text, the partial
ISO date it stands for, and the interval arithmetic on them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from helpers.text.normalize import fold

MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS = {fold(name): number for number, name in enumerate(MONTH_NAMES, start=1)}
WEEKDAYS = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``text[start:end]`` with its parts as written (folded)."""

    start: int
    end: int
    text: str
    kind: str
    parts: tuple[tuple[str, str], ...]
    context: bool = False
    marker: str = ""

    def part(self, name: str) -> str:
        """The part ``name`` (d1, m1, y, wd, rel, ...) or ``''``."""
        return dict(self.parts).get(name, "") or ""


@dataclass(frozen=True)
class DateValue:
    """A resolved date: partial ISO bounds, precision, basis and a note saying how."""

    start: str
    end: str
    precision: str
    basis: str
    text: str
    note: str = ""

    @property
    def dated(self) -> bool:
        """True when the expression resolved to a date."""
        return bool(self.start)


def parse_published(value: str | None) -> tuple[dt.date | None, str]:
    """A publication date (partial ISO) as its first day and its precision."""
    if not value:
        return None, "unknown"
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts), "day"
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), "month"
    return dt.date(parts[0], 1, 1), "year"


def iso(d: dt.date) -> str:
    return d.isoformat()


def weekday_text(d: dt.date) -> str:
    return f"{WEEKDAY_NAMES_EN[d.weekday()]} {d.isoformat()}"


def pub_text(pub: dt.date, precision: str) -> str:
    """The publication date written at its precision."""
    return (
        pub.isoformat()
        if precision == "day"
        else pub.isoformat()[:7]
        if precision == "month"
        else str(pub.year)
    )


def empty(mention: DateMention, note: str) -> DateValue:
    return DateValue("", "", "unknown", "", mention.text, note)


def month_end(d: dt.date) -> dt.date:
    nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def bounds_of(value: DateValue) -> tuple[dt.date, dt.date] | None:
    """First and last day a resolved date allows; None when undated."""
    if not value.dated:
        return None
    lo = parse_published(value.start)[0]
    end_d, end_p = parse_published(value.end or value.start)
    assert lo is not None and end_d is not None
    hi = (
        end_d
        if end_p == "day"
        else month_end(end_d)
        if end_p == "month"
        else dt.date(end_d.year, 12, 31)
    )
    return lo, hi


def from_bounds(lo: dt.date, hi: dt.date) -> tuple[str, str, str]:
    """The partial ISO (start, end, precision) that states an interval of days at the coarsest
    precision that is still exact: a whole month as ``YYYY-MM``, else days."""
    if lo.day == 1 and hi == month_end(lo) and lo.month == hi.month and lo.year == hi.year:
        return lo.isoformat()[:7], lo.isoformat()[:7], "month"
    return lo.isoformat(), hi.isoformat(), "day"


def window_label(lo: dt.date, hi: dt.date) -> tuple[str, str, str]:
    """The partial ISO date containing a window of days: its month when it stays in one month,
    its year when it stays in one year, else nothing."""
    if (lo.year, lo.month) == (hi.year, hi.month):
        value = lo.isoformat()[:7]
        return value, value, "month"
    if lo.year == hi.year:
        return str(lo.year), str(lo.year), "year"
    return "", "", "unknown"


# A year as the texts write it (1800-2099)
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def unwritten_years(
    start: str, end: str, basis: str, written: set[str], published: Iterable[str]
) -> list[str]:
    """The years of a date (``start``, ``end``, ``basis``) its sources give in no way: not
    written (``written``: the years their titles and texts write), not a publication year (of
    ``published``), nor the year either side of one for a relative or inferred date. Evaluation
    counts such years as invented, and the extractor records no such date."""
    years = {d[:4] for d in (start, end) if d}
    given = set(written)
    for date in published:
        if date[:4].isdigit():
            pub = int(date[:4])
            given.add(str(pub))
            if basis in ("relative", "inferred"):
                given |= {str(pub - 1), str(pub + 1)}
    return sorted(years - given)


# The months a season of the press covers (``l'été 2022``: June to September).
SEASONS = {"printemps": (3, 6), "ete": (6, 9), "automne": (9, 12)}


def no_year(mention: DateMention, what: str) -> DateValue:
    """The empty date of a yearless expression when the publication date is unknown."""
    return empty(
        mention,
        f"{mention.text!r} gives {what} without a year and the publication date is unknown, so no date is recorded.",
    )


def pick_year(
    candidates: list[tuple[dt.date, dt.date]], pub: dt.date, pub_precision: str, prefer: str
) -> tuple[dt.date, dt.date] | None:
    """Of intervals a day or month could mean in neighbouring years, the one publication
    points to: the latest ending on or before it (past), or the first starting on or after it."""
    if pub_precision == "year":
        same = [c for c in candidates if c[0].year == pub.year]
        return same[0] if same else None
    pub_hi = pub if pub_precision == "day" else month_end(pub)
    pub_lo = pub
    if prefer == "future":
        later = [c for c in candidates if c[1] >= pub_lo]
        return min(later) if later else None
    earlier = [c for c in candidates if c[0] <= pub_hi]
    return max(earlier) if earlier else None


def months_around(pub: dt.date, first: int, last: int) -> list[tuple[dt.date, dt.date]]:
    """Months ``first`` to ``last`` in the publication's year and either side of it: what a
    month or season without its year could mean, for :func:`pick_year`."""
    return [
        (dt.date(y, first, 1), month_end(dt.date(y, last, 1)))
        for y in (pub.year - 1, pub.year, pub.year + 1)
    ]

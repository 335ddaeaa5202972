"""French date expressions: found in text, then resolved to partial ISO dates.

:func:`find_dates` finds absolute dates (``le vendredi 13 janvier 2023``), day ranges
(``du 15 au 17 février 2022``), months (``en octobre 2005``), quarters and halves (``au premier
trimestre 2025``: stated months), seasons (``dès l'été 2022``: the months of :data:`SEASONS`,
inferred; ``à l'automne``, ``cet été``, ``l'été dernier``: their year from the publication date,
relative), years (``en 2006``), weekdays
(``ce jeudi``, ``jeudi dernier``) and relative expressions (``la semaine dernière``, ``hier``,
``il y a trois jours``). dateparser turns the calendar pieces into dates; the rules around it are
:func:`resolve`'s:

- a date with its year is ``stated``;
- a relative expression or a weekday is resolved against the publication date (``relative``),
  and only when the publication date is precise enough (a day for ``jeudi dernier``, a month for
  ``le mois dernier``);
- a day or month without a year takes its year from the publication date, so it too is resolved
  against it (``relative``, the note saying so): the latest such day on or before publication for
  past events, the first on or after for announced ones; without a publication date it stays
  empty, with its text kept;
- weeks run Monday to Sunday; ``jeudi dernier`` is the last Thursday strictly before publication,
  ``ce jeudi`` the nearest Thursday on or before it (on or after it for announced events).

Dates after ``depuis``, ``d'ici``, ``jusqu'à``, ``avant``, ``après``, ``pour l'année`` or a
``Publié le`` dateline frame something else and are marked ``context`` (not an event's date)
unless the text says what happened then (``depuis le 30 septembre 2021, date à laquelle …``), as
is the date of an agency dispatch's dateline (``NIAMEY, 18 mars (AOI) –``). A date right after
the event noun that ``depuis`` governs (``depuis la signature en 1994 de l'accord``) is that
event's, and one after troops ``déployés à Gao depuis`` is when they came, as one after an
activity told in the present (``assure depuis le 10 juillet la formation``) is when it began.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from dateparser.date import DateDataParser

from helpers.extraction.date_values import (
    MONTHS,
    SEASONS,
    WEEKDAY_NAMES_EN,
    WEEKDAYS,
    DateMention,
    DateValue,
    bounds_of,
    empty,
    from_bounds,
    iso,
    months_around,
    no_year,
    parse_published,
    pick_year,
    pub_text,
    window_label,
)
from helpers.extraction.lexicon import NUMBER_WORDS
from helpers.extraction.relative_dates import resolve_relative, resolve_season, resolve_weekday
from helpers.text.normalize import fold

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "WEEKDAY_NAMES_EN",
    "DateMention",
    "DateValue",
    "bounds_of",
    "calendar_date",
    "find_dates",
    "from_bounds",
    "parse_published",
    "pub_text",
    "resolve",
    "stated_year",
    "warm_up",
    "window_label",
    "with_year",
]

_M = "|".join(MONTHS)
_WD = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_D = r"(?:1er|1re|premier|[0-3]?\d)(?!\d)"
_Y = r"(?:1[89]\d\d|20\d\d)(?![\d])(?!-\d)"
_NUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NTH = "premier|1er|deuxieme|2e|second|troisieme|3e|quatrieme|4e|dernier"
_ORDINALS = {
    "premier": 1,
    "1er": 1,
    "deuxieme": 2,
    "2e": 2,
    "second": 2,
    "troisieme": 3,
    "3e": 3,
    "quatrieme": 4,
    "4e": 4,
}

# (kind, pattern) in order of priority: a longer, more specific expression wins an overlap.
# ``à la fin du mois de janvier``, ``dans le courant du mois de mai``: a part of a named month
_PART_OF_MONTH = (
    r"(?:(?:a\s+la|au|en|dans\s+le|vers\s+la)\s+)?(?:fin|debut|courant|milieu)\s+du\s+mois\s+d[e']"
)
# ``de la même année``, ``de cette année-là``: the year of the date told before
_SAME_YEAR = r"(?:de\s+la\s+meme\s+annee|de\s+cette\s+annee-la)(?![\w-])"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(p))
    for kind, p in (
        (
            "range",
            rf"(?<!\w)(?:(?:du|entre\s+le|les)\s+(?:(?:{_WD})\s+)?|(?:{_WD})\s+(?=\d))(?P<d1>{_D})(?:\s+(?P<m1>{_M})(?:\s+(?P<y1>{_Y}))?)?"
            rf"\s+(?:au|et(?:\s+le)?)\s+(?:(?:{_WD})\s+)?(?P<d2>{_D})\s+(?P<m2>{_M})(?:,?\s+(?P<y2>{_Y})|\s+(?:(?P<ahead>prochain)|(?P<behind>dernier)))?",
        ),
        (
            "range",
            rf"(?<![\w-])(?P<d1>{_D})\s*-\s*(?P<d2>{_D})\s+(?P<m2>{_M})(?:,?\s+(?P<y2>{_Y}))?",
        ),
        (
            "month_range",
            rf"(?<!\w)(?:de|d'|entre)\s*(?P<m1>{_M})(?:\s+(?P<y1>{_Y}))?\s+(?:a|au|et)\s+(?P<m2>{_M})\s+(?P<y2>{_Y})",
        ),
        (
            "day",
            rf"(?<!\w)(?:(?:le|du|au)\s+)?(?:(?P<wd>{_WD}),?\s+)?(?P<d>{_D})\s+(?P<m>{_M})\s+(?P<same>{_SAME_YEAR})",
        ),
        (
            "day",
            rf"(?<!\w)(?:(?:le|ce|du|au|des|ce\s+jour|depuis\s+le)\s+)?(?:(?P<wd>{_WD}),?\s+)?(?P<d>{_D})\s+(?P<m>{_M})(?:,?\s+(?P<y>{_Y})|\s+(?:(?P<ahead>prochain)|(?P<behind>dernier)))?(?!\w)",
        ),
        (
            "month",
            rf"(?<!\w)(?:(?:en|au\s+cours\s+du\s+mois\s+d[e']|au\s+mois\s+d[e']|mois\s+d[e']|{_PART_OF_MONTH}|courant|debut|fin|mi-|depuis)\s*)?(?P<m>{_M})\s+(?:de\s+l'annee\s+)?(?P<y>{_Y})",
        ),
        ("month", rf"(?<!\w)(?:en\s+)?(?P<m>{_M})\s+(?P<same>{_SAME_YEAR})"),
        (
            "month",
            rf"(?<!\w)(?:en|des|depuis|au\s+cours\s+du\s+mois\s+d[e']|au\s+mois\s+d[e']|(?:pour\s+|depuis\s+|durant\s+|pendant\s+)?le\s+mois\s+d[e']|du\s+mois\s+d[e']|(?:a\s+compter|a\s+partir)\s+d[e']|{_PART_OF_MONTH}|courant|(?:a\s+la\s+|au\s+)?(?:fin|debut|mi-)|(?:(?:a|des|pour)\s+la\s+)?rentree\s+d[e'])\s*(?P<m>{_M})(?:\s+(?:(?P<ahead>prochain)|(?P<behind>dernier)))?(?!\w)",
        ),
        (
            "month_range",
            rf"(?<!\w)(?:de|d'|entre)\s*(?P<m1>{_M})\s+(?:a|au|et)\s+(?P<m2>{_M})(?:\s+(?P<last>derniers|dernier))?(?!\s*\d)(?![\w-])",
        ),
        (
            "year_range",
            rf"(?<![\w°#-])(?<!n°\s)(?:(?:de|entre)\s+)?(?P<y1>1[89]\d\d|20\d\d)\s*(?:-|/|a|au|et)\s*(?P<y2>{_Y})",
        ),
        (
            "part_of_year",
            rf"(?<!\w)(?:(?:au\s+cours\s+du|durant\s+le|pendant\s+le|au|du|le|des\s+le)\s+)?(?P<nth>{_NTH})\s+(?P<part>trimestre|semestre)"
            rf"\s+(?:de\s+l'annee\s+)?(?P<y>{_Y})",
        ),
        (
            "season",
            rf"(?<!\w)(?:(?:a\s+l'|de\s+l'|des\s+l'|l'|au|en|du|cet|ce)\s*)?(?P<season>printemps|ete|automne)\s+(?:de\s+l'annee\s+)?(?P<y>{_Y})",
        ),
        (  # ``à l'automne``, ``cet été``, ``l'été prochain``: a season without a year
            "season",
            r"(?<![\w-])(?:(?P<this>cet|ce)\s+|(?:a\s+l'|de\s+l'|des\s+l'|depuis\s+l'|l'|au|en|le|du)\s*)"
            r"(?P<season>printemps|ete|automne)(?:\s+(?P<rel>dernier|prochain))?(?![\w-])",
        ),
        ("year", rf"(?<![\w-])(?:(?:en|de|d'|l'an|l'annee|depuis|des|courant)\s*)?(?P<y>{_Y})"),
        (
            "year",
            r"(?<![\w-])(?:(?:en|de|dans)\s+)?(?P<same>cette\s+annee-la|la\s+meme\s+annee)(?![\w-])",
        ),
        (
            "year",
            r"(?<![\w-])(?P<same>l'annee\s+(?:(?P<next>suivante|d'apres)|(?P<before>precedente|d'avant)))(?![\w-])",
        ),
        (
            "weekday",
            rf"(?<!\w)(?:(?:le|ce)\s+)?(?P<wd>{_WD})\s+(?P<rel>dernier|passe|prochain)(?!\w)",
        ),
        (  # ``ce mardi 14``: a weekday and its day of the month, the month left unsaid
            "weekday",
            rf"(?<!\w)(?:(?:le|ce)\s+)?(?P<wd>{_WD})\s+(?P<d>{_D})(?![\w-])(?!\s*(?:{_M}|h\b|heures?\b|,?\s*\d))",
        ),
        (  # ``ce week-end``, ``le week-end dernier``
            "weekday",
            r"(?<!\w)(?:(?P<this>ce)|le(?=\s+\S+(?:\s+end)?\s+(?:dernier|passe|prochain)\b))\s+"
            r"(?P<we>week-?end|week\s+end)(?:\s+(?P<rel>dernier|passe|prochain))?(?![\w-])",
        ),
        ("weekday", rf"(?<!\w)(?:ce|le)\s+(?P<wd>{_WD})(?!\w)(?!\s*,?\s*\d)"),
        (
            "weekday",
            rf"(?<![\w-])(?P<wd>{_WD})(?:\s+(?:soir|matin|apres-midi))?(?![\w-])(?!\s*,?\s*\d)(?!\s+(?:au|et)\s+(?:le\s+)?(?:{_WD}|\d))",
        ),
        (
            "relative",
            rf"(?<!\w)(?:(?P<rel_week>la\s+semaine\s+(?:derniere|passee|prochaine)|cette\s+semaine|en\s+(?:debut|fin)\s+de\s+semaine(?:\s+(?:derniere|passee|prochaine))?)"
            rf"|(?P<rel_month>le\s+mois\s+(?:dernier|passe|prochain)|ce\s+mois(?:-ci)?"
            rf"|(?:(?:a\s+la|au|en|vers\s+la)\s+)?(?:fin|debut)\s+(?:du\s+|de\s+)?mois(?:\s+(?:dernier|passe|prochain|en\s+cours))?(?!\s+d[e']))"
            rf"|(?P<rel_year>l'annee\s+(?:derniere|passee|prochaine)|l'an\s+(?:dernier|passe|prochain)|cette\s+annee(?!-))"
            rf"|(?P<rel_eoy>(?:avant|d'ici)\s+(?:la\s+)?fin\s+(?:de\s+l'annee|de\s+cette\s+annee|d'annee)(?:\s+en\s+cours)?)"
            rf"|(?P<rel_yearend>(?:a\s+la|en|vers\s+la)\s+fin\s+(?:de\s+l'annee|de\s+cette\s+annee|d'annee)(?:\s+en\s+cours)?)"
            rf"|(?P<rel_day>avant-hier|apres-demain|hier|aujourd'hui|demain|(?<!a\s)(?<!jusqu'a\s)ce\s+jour(?![\w-])(?!\s+(?:la|de|du|des|d')\b))"
            rf"|(?P<ago>il\s+y\s+a\s+(?P<n>\d+|{_NUM})\s+(?P<unit>jours?|semaines?|mois|ans?)))(?!\w)",
        ),
    )
)
_CONTEXT_BEFORE = re.compile(
    r"(?:(?:depuis|d'ici)\s+(?!(?:la|le|l'|sa|son|leur)\s*(?:signature|creation|ratification|conclusion|arrivee|installation|deploiement|lancement|livraison)\s+$)(?:[\w'-]+\s+){0,2}|(?:jusqu'(?:a|au|en)|avant(?:\s+la)?|apres|pour|(?<!communique\s)(?<!declaration\s)publiee?(?:\s+le)?|mis\s+a\s+jour(?:\s+le)?)\s+(?:l'annee\s+)?)$"
)
_CONTEXT_INSIDE = re.compile(r"^(?:depuis|d'ici)\b(?!\s+(?:la\s+)?fin\s+d)")
_SINCE_DEPLOYED = re.compile(
    # ``stages interrompus depuis août 2020``: the suspension began then
    r"(?:\b(?:deploye|stationne|installe|interrompu|suspendu|gele|sejourne(?:nt)?)e?s?\s+(?:(?:a|au|aux|en|dans)\s+[\w'-]+(?:\s+[\w'-]+){0,3}\s+)?"
    # ``une équipe assure depuis le lundi 10 juillet la formation``: the activity began then
    r"|\b(?:assurent|assure|menent|mene|forment|forme|encadrent|encadre|"
    r"dispensent|dispense|suivent)\s+)"
    r"depuis\s+(?:(?:le|la|l')\s*)?(?:\w+\s+)?\S*$"
)
# ``Depuis décembre 2021, des instructeurs russes sont déployés …``: when they came
_OPENING_SINCE = re.compile(r"\W*depuis\s+[^,;]{0,30}")
_DEPLOYED_AFTER = re.compile(
    r"[^.;:]{0,80}?\b(?:sont|est|etaient|etait)\s+(?:\w+\s+)?(?:deploye|stationne|installe|presents?|interrompu|suspendu|gele)e?s?\b"
)
_APPOSED = re.compile(r"^\s*,\s*(?:date|jour)\s+(?:a\s+laquelle|ou|auquel)\b")
_DATELINE_BEFORE = re.compile(r"^\s*[A-ZÀ-ÖØ-Ý][\w'’.]*(?:[ -][A-ZÀ-ÖØ-Ý][\w'’.]*){0,3},\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^()]{1,60}\)\s*)?[–—-]\s")
_END_BEFORE = re.compile(
    r"(?:pris\s+fin|pren(?:d|nent|dra|dront)\s+fin|(?:acheve|termine|cloture|boucle)e?s?|"
    r"cloture\s+(?:ses|les)\s+travaux|jusqu'au|jusqu'a)\s*,?\s*$"
)
_START_BEFORE = re.compile(
    r"(?:(?:debute|commence|demarre|ouvert)e?s?|a\s+partir|s'ouvr\w+|ouverture)\s*,?\s*$"
)


_DECADE_BEFORE = re.compile(r"\bannees\s+$")


def find_dates(text: str) -> list[DateMention]:
    """Date expressions in ``text`` (one sentence or paragraph), by position, not overlapping."""
    folded = fold(text)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            parts = tuple((k, v) for k, v in m.groupdict().items() if v)
            if kind == "day" and not 1 <= _day_number(m.group("d")) <= 31:
                continue
            before = folded[max(0, s - 40) : s]
            if kind == "year" and folded[s:e].endswith("0") and _DECADE_BEFORE.search(before):
                continue  # ``au début des années 2000``: a decade, not the year 2000
            context = bool(
                _CONTEXT_BEFORE.search(before)
                or _CONTEXT_INSIDE.match(folded[s:e])
                or is_dateline(text, s, e)
            ) and not _APPOSED.match(folded[e:])
            if context and (
                _SINCE_DEPLOYED.search(folded[max(0, s - 60) : s + 7])
                or (_OPENING_SINCE.fullmatch(folded[:e]) and _DEPLOYED_AFTER.match(folded, e))
            ):
                context = False  # ``déployés à Gao depuis décembre 2013``: when they came
            marker = (
                "end"
                if _END_BEFORE.search(before)
                else "start"
                if _START_BEFORE.search(before)
                else ""
            )
            taken.append((s, e))
            found.append(DateMention(s, e, text[s:e], kind, parts, context, marker))
    return sorted(found, key=lambda d: d.start)


_DEADLINE_BEFORE = re.compile(
    r"(?:\bpour|\bavant(?:\s+la)?|\bd'ici(?:\s+a)?(?:\s+la)?|\bjusqu'(?:a|au|en)|\bau\s+plus\s+tard)\s+(?:l'annee\s+)?$"
)


def is_deadline(text: str, mention: DateMention) -> bool:
    """Whether a date told as context is the deadline of what is to come (``est annoncée pour le
    premier semestre 2020``, ``d'ici mai 2024``): the date of an announced or planned event."""
    return mention.context and bool(
        _DEADLINE_BEFORE.search(fold(text)[max(0, mention.start - 40) : mention.start])
    )


def is_dateline(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is the date of a dispatch's dateline (``BAMAKO, 1er
    octobre (ASP) –`` opening the text): the date the text was filed, not an event's."""
    return bool(_DATELINE_BEFORE.match(text[:start]) and _DATELINE_AFTER.match(text[end:]))


def _day_number(token: str) -> int:
    return 1 if token in ("1er", "1re", "premier") else int(token)


@cache
def _parser() -> DateDataParser:
    return DateDataParser(
        languages=["fr"],
        settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False},
    )


def warm_up() -> None:
    """Have dateparser load its French data now, so that processes forked afterwards share it
    instead of each loading it on its first date."""
    _parser().get_date_data("1 janvier 2000")


@cache
def calendar_date(day: int, month: int, year: int) -> dt.date | None:
    """The day as dateparser reads ``"<day> <mois> <year>"``; None when it does not exist."""
    name = next(k for k, v in MONTHS.items() if v == month)
    data = _parser().get_date_data(f"{day} {name} {year}")
    if data.date_obj is None or data.period != "day":
        return None
    d = data.date_obj.date()
    return d if (d.day, d.month, d.year) == (day, month, year) else None


def resolve(mention: DateMention, published: str | None = None, prefer: str = "past") -> DateValue:
    """The date ``mention`` stands for; ``prefer='future'`` for announced or planned events.

    An expression that cannot be resolved gives an empty :class:`DateValue` whose note says why.
    """
    kind = mention.kind
    if mention.part("ahead"):  # ``en mai prochain``: to come, however the event is told
        prefer = "future"
    elif mention.part("behind"):  # ``en janvier dernier``: past, however the event is told
        prefer = "past"
    pub, pub_precision = parse_published(published)
    try:
        if kind == "range":
            return _resolve_range(mention, pub, pub_precision, prefer)
        if kind == "month_range":
            return _resolve_month_range(mention, pub, pub_precision, prefer)
        if kind == "day":
            return _resolve_day(mention, pub, pub_precision, prefer)
        if kind == "month":
            return _resolve_month(mention, pub, pub_precision, prefer)
        if kind == "year_range":
            y1, y2 = int(mention.part("y1")), int(mention.part("y2"))
            if y2 < y1:
                return empty(mention, f"{mention.text!r} ends before it starts")
            return DateValue(str(y1), str(y2), "year", "stated", mention.text)
        if kind == "year":
            y = mention.part("y")
            if mention.part("same_from"):
                which = (
                    "after" if mention.part("next") else "before" if mention.part("before") else ""
                )
                note = (
                    f"{mention.text!r}: the year {which} that of the date told before it, {y}."
                    if which
                    else f"{mention.text!r}: the year {y} of the date told before it."
                )
                return DateValue(y, y, "year", "inferred", mention.text, note)
            if mention.part("same"):
                return _untold_year(mention)
            return DateValue(y, y, "year", "stated", mention.text)
        if kind == "part_of_year":
            return _resolve_part_of_year(mention)
        if kind == "season" and not mention.part("y"):
            return resolve_season(mention, pub, pub_precision, prefer)
        if kind == "season":
            first, last = SEASONS[mention.part("season")]
            y = mention.part("y")
            note = f"{mention.text!r} taken as the months {first:02d} to {last:02d} of {y}; the text gives no month."
            return DateValue(
                f"{y}-{first:02d}", f"{y}-{last:02d}", "month", "inferred", mention.text, note
            )
        if kind == "weekday":
            return resolve_weekday(mention, pub, pub_precision, prefer)
        return resolve_relative(mention, pub, pub_precision)
    except ValueError as exc:
        return empty(mention, f"{mention.text!r} is not a calendar date ({exc})")


def _resolve_part_of_year(mention: DateMention) -> DateValue:
    """``le premier trimestre 2025`` → 2025-01/2025-03; ``le second semestre 2024`` → 2024-07/2024-12."""
    size = 3 if mention.part("part") == "trimestre" else 6
    count = 12 // size
    nth = mention.part("nth")
    n = count if nth == "dernier" else _ORDINALS[nth]
    if n > count:
        return empty(mention, f"{mention.text!r}: a year has {count} {mention.part('part')}s")
    y = mention.part("y")
    first, last = (n - 1) * size + 1, n * size
    return DateValue(f"{y}-{first:02d}", f"{y}-{last:02d}", "month", "stated", mention.text)


def _untold_year(mention: DateMention) -> DateValue:
    return empty(
        mention,
        f"{mention.text!r} refers to the year of a date the text does not give before it, so no date is recorded.",
    )


def _resolve_day(
    mention: DateMention, pub: dt.date | None, pub_precision: str, prefer: str
) -> DateValue:
    day, month = _day_number(mention.part("d")), MONTHS[mention.part("m")]
    if mention.part("same_from"):
        d = calendar_date(day, month, int(mention.part("y")))
        if d is None:
            return empty(mention, f"{mention.text!r} is not a calendar date")
        note = f"{mention.text!r}: the year {mention.part('y')} of the date told before it."
        return DateValue(iso(d), iso(d), "day", "inferred", mention.text, note)
    if mention.part("same"):
        return _untold_year(mention)
    if mention.part("y"):
        d = calendar_date(day, month, int(mention.part("y")))
        if d is None:
            return empty(mention, f"{mention.text!r} is not a calendar date")
        note = ""
        wd = mention.part("wd")
        if wd and WEEKDAYS[wd] != d.weekday():
            note = f"{mention.text!r}: {d.isoformat()} is a {WEEKDAY_NAMES_EN[d.weekday()]}, not a {WEEKDAY_NAMES_EN[WEEKDAYS[wd]]}; check the date."
        return DateValue(iso(d), iso(d), "day", "stated", mention.text, note)
    if pub is None:
        return no_year(mention, "a day")
    options = [
        (d, d)
        for y in (pub.year - 1, pub.year, pub.year + 1)
        if (d := calendar_date(day, month, y))
    ]
    chosen = pick_year(options, pub, pub_precision, prefer)
    if chosen is None:
        return no_year(mention, "a day")
    d = chosen[0]
    rule = (
        "the first such day on or after it"
        if prefer == "future"
        else "the latest such day on or before it"
    )
    return DateValue(
        iso(d),
        iso(d),
        "day",
        "relative",
        mention.text,
        f"{mention.text!r} gives no year; {d.year} taken from the publication date {pub_text(pub, pub_precision)} ({rule}).",
    )


def _resolve_range(
    mention: DateMention, pub: dt.date | None, pub_precision: str, prefer: str
) -> DateValue:
    d1, d2 = _day_number(mention.part("d1")), _day_number(mention.part("d2"))
    m2 = MONTHS[mention.part("m2")]
    m1 = MONTHS[mention.part("m1")] if mention.part("m1") else m2
    y2 = mention.part("y2")
    y1 = mention.part("y1")

    def span(year2: int) -> tuple[dt.date, dt.date] | None:
        year1 = int(y1) if y1 else (year2 - 1 if m1 > m2 else year2)
        a, b = calendar_date(d1, m1, year1), calendar_date(d2, m2, year2)
        return (a, b) if a and b and a <= b else None

    if y2:
        found = span(int(y2))
        if found is None:
            return empty(mention, f"{mention.text!r} is not a valid range of days")
        return DateValue(iso(found[0]), iso(found[1]), "day", "stated", mention.text)
    if pub is None:
        return no_year(mention, "days")
    options = [s for y in (pub.year - 1, pub.year, pub.year + 1) if (s := span(y))]
    chosen = pick_year(options, pub, pub_precision, prefer)
    if chosen is None:
        return no_year(mention, "days")
    return DateValue(
        iso(chosen[0]),
        iso(chosen[1]),
        "day",
        "relative",
        mention.text,
        f"{mention.text!r} gives no year; {chosen[1].year} taken from the publication date {pub_text(pub, pub_precision)}.",
    )


def _resolve_month_range(
    mention: DateMention, pub: dt.date | None = None, pub_precision: str = "", prefer: str = "past"
) -> DateValue:
    if not mention.part("y2"):
        return _yearless_month_range(mention, pub, pub_precision, prefer)
    y2 = int(mention.part("y2"))
    m1, m2 = MONTHS[mention.part("m1")], MONTHS[mention.part("m2")]
    y1 = int(mention.part("y1")) if mention.part("y1") else (y2 - 1 if m1 > m2 else y2)
    if (y1, m1) > (y2, m2):
        return empty(mention, f"{mention.text!r} ends before it starts")
    return DateValue(f"{y1}-{m1:02d}", f"{y2}-{m2:02d}", "month", "stated", mention.text)


def _yearless_month_range(
    mention: DateMention, pub: dt.date | None, pub_precision: str, prefer: str
) -> DateValue:
    """``entre octobre et décembre derniers``: the months of the publication year, or of the
    year before when they end after the publication month; an announced event's, or the next
    year's when they end before it, unless ``derniers`` says they are past."""
    if pub is None:
        return no_year(mention, "a month range")
    m1, m2 = MONTHS[mention.part("m1")], MONTHS[mention.part("m2")]
    y2 = pub.year
    past = prefer != "future" or bool(mention.part("last"))
    if past and m2 > pub.month:
        y2 -= 1
    elif not past and m2 < pub.month:
        y2 += 1
    y1 = y2 - 1 if m1 > m2 else y2
    first, last = f"{y1}-{m1:02d}", f"{y2}-{m2:02d}"
    return DateValue(
        first,
        last,
        "month",
        "relative",
        mention.text,
        f"{mention.text!r} gives no year; {first} to {last} taken from the publication date {pub_text(pub, pub_precision)}.",
    )


def stated_year(mention: DateMention) -> str:
    """The last year an expression writes out (``2022`` of ``du 3 mai au 2 juin 2022``), or ``''``."""
    return mention.part("y") or mention.part("y2") or mention.part("y1")


def with_year(mention: DateMention, year: str) -> DateMention:
    """A ``… de la même année`` expression given the year of the date it refers back to
    (``l'année suivante``: the year after it, ``l'année précédente``: the year before)."""
    if year.isdigit() and mention.kind == "year":
        year = str(int(year) + (1 if mention.part("next") else -1 if mention.part("before") else 0))
    return DateMention(
        mention.start,
        mention.end,
        mention.text,
        mention.kind,
        (*mention.parts, ("y", year), ("same_from", year)),
        mention.context,
        mention.marker,
    )


def _resolve_month(
    mention: DateMention, pub: dt.date | None, pub_precision: str, prefer: str
) -> DateValue:
    month = MONTHS[mention.part("m")]
    if mention.part("same_from"):
        value = f"{int(mention.part('y'))}-{month:02d}"
        return DateValue(
            value,
            value,
            "month",
            "inferred",
            mention.text,
            f"{mention.text!r}: the year {mention.part('y')} of the date told before it.",
        )
    if mention.part("same"):
        return _untold_year(mention)
    if mention.part("y"):
        value = f"{int(mention.part('y'))}-{month:02d}"
        return DateValue(value, value, "month", "stated", mention.text)
    if pub is None:
        return no_year(mention, "a month")
    chosen = pick_year(months_around(pub, month, month), pub, pub_precision, prefer)
    if chosen is None:
        return no_year(mention, "a month")
    value = chosen[0].isoformat()[:7]
    return DateValue(
        value,
        value,
        "month",
        "relative",
        mention.text,
        f"{mention.text!r} gives no year; {chosen[0].year} taken from the publication date {pub_text(pub, pub_precision)}.",
    )

"""What an event sentence takes from the article around it, and who acts with Mali.

- **Same-day references.** ``Dans l'après-midi``, ``le même jour``, ``plus tard dans la
  journée``, ``lors de la cérémonie``, ``à cette occasion``, ``le lendemain`` and ``la veille``
  in a sentence that gives no date of its own date its events by the last single day an earlier
  sentence gave (shifted by one day for ``lendemain`` and ``veille``), marked ``inferred`` with a
  note naming that day. ``au lendemain de …`` and ``la veille de …`` refer to something else and
  are left out. The close or margin of a meeting told (``au terme des travaux``, ``à l'issue de
  l'audience``, ``au cours de ce séjour``) dates them by the last day of the latest dated event
  of the type it names (:func:`closed_event_anchor`), else as a same-day reference.
- **Dates told elsewhere** are not taken by an announced or planned event when they end before
  the publication date (``la semaine dernière`` said before ``doivent être livrés``).
  ``dans la foulée`` of a day dates an event from that day to the publication date.
  A sentence telling of what came before (``avaient été précédés``, ``à l'époque``) takes no
  date from the sentence before it.
  A sentence saying its fact is to come in a present tense (``doivent être livrés``, ``sont
  attendues``) tells of an announced event, which does not join an occurred one told undated.
- **Communiqués and counted days.** A sentence opening on the communiqué that told it (``Dans un
  communiqué …``) takes the latest date of the events told before it (:func:`told_in_event`);
  a statement told in the present tense with no date takes the publication day
  (:func:`publication_day`); ``Deux jours après … du 18 août`` and ``Huit jours plus tard``
  count the days from the day told (:func:`helpers.extraction.event_dates.offset_day`). All are marked inferred, with a note.
- **An organisation the title names** is a partner of a sentence naming exactly its other
  members (``Patrouilles conjointes de l'AES``: ``armées malienne, burkinabè et nigérienne``).
- **A sentence opening on the encounter told before** (``Les travaux prendront fin mercredi``)
  with no event word of its own gives that encounter its start or end day.
- **``Les trois pays``** in an article naming the AES are the AES and its two other members
  (:func:`the_three`).
- **The partner of a sentence naming none** is the article's (title, else lead); when the
  nearest earlier sentence naming a partner names only some of the article's partners (a title
  about the MINUSMA and the EUTM, a sentence about the MINUSMA), the sentence continues that one
  and takes those; a sentence speaking of ``les deux pays`` takes the one partner the nearest
  earlier sentence names.
- **What a signature founds** (``la Charte du Liptako-Gourma, acte fondateur de l'AES``) is no
  party to it.
- **Co-agents of an ending.** States named in one enumeration with Mali (``Bamako,
  Ouagadougou et Niamey ont annoncé leur retrait de la CEDEAO``) or as the member states of an
  organisation Mali belongs to (``les trois États de l'AES ont rappelé leurs ambassadeurs à
  Alger``) act with Mali: an ending's partner is the party it ends with, so they are left out
  when another party remains.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from helpers.data.paths import HOME
from helpers.extraction.countries import CountryMention, Organisation, organisations
from helpers.extraction.date_values import DateMention, DateValue
from helpers.extraction.lexicon import DELIBERATING_BODY
from helpers.extraction.scope import ENDINGS
from helpers.text.normalize import fold

if TYPE_CHECKING:
    from helpers.extraction.records import Candidate

_SAME_DAY = re.compile(
    r"(?<![\w-])(?:(?P<same>dans\s+l'apres-midi|dans\s+la\s+(?:matinee|soiree|journee)|en\s+fin\s+de\s+(?:journee|matinee)"
    r"|plus\s+tard\s+dans\s+la\s+journee|le\s+meme\s+jour|ce\s+meme\s+jour"
    r"|(?:lors|au\s+cours)\s+de\s+(?:la|cette)\s+ceremonie|a\s+cette\s+occasion|pour\s+l'occasion"
    # ``le Ministre a d'abord reçu …`` / ``a ensuite accueilli …``: audiences of one sitting
    r"|a\s+(?:d'abord|ensuite|egalement|aussi|enfin|successivement)\s+(?:recu|accueilli|accorde))"
    r"|(?<!au\s)(?P<next>le\s+lendemain)|(?P<prev>la\s+veille)|(?P<after>dans\s+la\s+foulee))(?![\w-])(?!\s+(?:de|du|des|d'))"
)
# ``Dans un communiqué …`` / ``Dans une déclaration conjointe, …`` opening a sentence.
_TOLD_IN = re.compile(
    r"^\W*(?:(?:mais|et|or|toutefois|cependant)\s*,?\s*)?((?:dans|par)\s+(?:un|une|le|la|son|sa|leur|ce|cette)\s+"
    r"(?:communique|declaration|message|note\s+verbale)(?![\w-]))"
)
# The end or the margin of a meeting the article has told (``au terme des travaux``, ``à
# l'issue de l'audience``, ``au cours de ce séjour``): the last day of that meeting
# (:func:`closed_event_anchor`), else the day last told.
_CLOSE_OF = re.compile(
    r"(?<![\w-])(?:au\s+terme|a\s+l'issue|au\s+cours|en\s+marge|a\s+la\s+fin)\s+"
    r"(?:des\s+(?:travaux|entretiens|echanges|discussions)|de\s+(?:ces|leurs)\s+(?:travaux|entretiens|echanges)"
    r"|de\s+(?:la|cette)\s+(?:reunion|rencontre|seance|session|audience|entrevue)"
    r"|de\s+l'(?:audience|entretien|entrevue)|de\s+cet\s+(?:entretien|echange)|de\s+ce\s+(?:sejour|tete-a-tete)"
    # an operation, an exercise or a course told: ``À l'issue de l'opération``
    r"|de\s+(?:l'|cet\s+|cette\s+)(?:operation|exercice|offensive)|de\s+(?:la|cette)\s+(?:formation|man(?:oe|œ)uvre|visite)"
    r"|de\s+(?:ces|leurs)\s+(?:patrouilles|man(?:oe|œ)uvres|operations)|des\s+(?:patrouilles|man(?:oe|œ)uvres|operations))(?![\w-])"
)
_TO_COME = re.compile(
    r"\b(?:doi(?:t|vent)|devr(?:ait|aient|a|ont))\s+(?:(?:encore|bientot|aussi|prochainement)\s+)?etre\s+\w+"
    r"|\b(?:sont|est)\s+(?:attendue?s?|prevue?s?)\b"
)
_AHEAD = re.compile(r"\bprochaine?s?\b|\bprochainement\b")
_FOUNDS = re.compile(
    r"\b(?:acte\s+fondateur|texte\s+fondateur|charte\s+fondatrice|portant\s+creation|instituant|creant|qui\s+(?:a\s+)?(?:cree|fonde|institue))"
    r"\s+(?:de\s+|d')?(?:la\s+|le\s+|l')?$"
)
_EARLIER = re.compile(
    r"\b(?:avai(?:t|ent)|precede(?:e|s|es)?|auparavant|plus\s+tot|jadis|naguere|a\s+l'epoque)\b"
)
_BOTH = re.compile(r"\bles\s+deux\s+(?:pays|etats|capitales)\b")
# Words by which a sentence speaks of a party named in the sentence before it: one of its
# bodies or members (``son Conseil de paix et de sécurité``, ``les chefs d'État de la
# communauté``) or the party itself (``l'organisation``).
_REFERS_BACK = re.compile(
    r"\b(?:son|sa|ses|leur|leurs)\s+(?:conseil|commission|instances?|organes?|secretariat|"
    r"president(?:e|ce)?|parlement|sommet|conference|assemblee|mission|contingent|etat-major|"
    r"porte-parole|chefs?|membres?|dirigeants?)\b"
    r"|\b(?:l'organisation|la\s+communaute|l'institution|l'alliance|la\s+confederation|la\s+mission)\b"
)
_SESSION_SUBJECT = re.compile(
    r"^\s*(?:les\s+travaux|la\s+session|la\s+visite|la\s+rencontre|la\s+reunion|le\s+sommet|les\s+assises|la\s+commission)\b"
)
# a comma or a conjunction is needed: ``du Niger de la CEDEAO`` is no list
_LINK = re.compile(
    r"^\s*(?:,\s*(?:et\s+)?|et\s+|ainsi\s+que\s+)(?:(?:le|la|les|l'|du|de|des|d')\s*)*$"
)
_AT_PLACE = re.compile(r"(?<![\w-])au\s+$")
_MEMBER_STATES = re.compile(
    r"\b(?:etats|pays|capitales|membres)\s+(?:membres\s+)?(?:de\s+l'|de\s+la\s+|du\s+|de\s+)$"
)


@dataclass(frozen=True)
class DayAnchor:
    """The last single day a sentence of the article gave: its value, sentence and text; and
    ``story``, the latest day told before it when it goes back before that one (a day recalled:
    ``l'accord … du 6 mai 1985``, ``Serval, lancée le 11 janvier 2013``)."""

    value: DateValue
    sentence: int
    story: DayAnchor | None = None


def same_day_reference(text: str) -> tuple[str, int | None] | None:
    """The first same-day reference of a sentence (``dans l'après-midi``: 0, ``le lendemain``:
    +1, ``la veille``: -1, ``dans la foulée``: None, some day from then on), as written, with
    its shift in days; None when there is none."""
    folded = fold(text)
    m = _SAME_DAY.search(folded)
    close = _CLOSE_OF.search(folded)
    if close is not None and (m is None or close.start() < m.start()):
        return text[close.start() : close.end()], 0
    if m is None:
        return None
    shift = 1 if m.group("next") else -1 if m.group("prev") else None if m.group("after") else 0
    return text[m.start() : m.end()], shift


# What a close-of reference names, and the types of the event it is the close of, most likely first.
_CLOSED = (
    (("travaux", "session", "seance"), ("joint_commission", "summit", "meeting")),
    (
        ("reunion", "rencontre", "discussions", "echanges"),
        ("meeting", "joint_commission", "summit"),
    ),
    (("audience", "entretien", "entrevue", "tete-a-tete"), ("meeting", "visit")),
    (("sejour", "visite"), ("visit",)),
    (
        ("operation", "offensive", "patrouilles", "manoeuvre", "manœuvre"),
        ("joint_operation", "training"),
    ),
    (("exercice",), ("training", "joint_operation")),
    (("formation",), ("training",)),
)


def closed_event_types(text: str) -> tuple[str, ...]:
    """For a sentence opening on the close of a meeting told (``au terme des travaux``), the
    types of the event it names, most likely first; empty otherwise."""
    m = _CLOSE_OF.search(fold(text))
    if m is None:
        return ()
    said = m.group(0)
    for nouns, types in _CLOSED:
        if any(n in said for n in nouns):
            return types
    return ()


def closed_event_anchor(
    text: str, told: Sequence[tuple[int, str, DateValue | None]]
) -> DayAnchor | None:
    """The day a close-of reference (``au terme des travaux``) speaks of: the last day of the
    latest dated event told before of the type it names (``told``: sentence, type and date of
    the events told so far, in order), else None. ``Au terme des travaux`` of a session told as
    ``du 17 au 20 novembre`` is the 20th, not a day told in between."""
    for wanted in closed_event_types(text):
        for sentence, event_type, value in reversed(told):
            if event_type == wanted and value is not None and value.precision == "day":
                day = DateValue(value.end, value.end, "day", value.basis, value.text, value.note)
                return DayAnchor(day, sentence)
    return None


def day_anchor(
    index: int, values: Sequence[DateValue], previous: DayAnchor | None
) -> DayAnchor | None:
    """The anchor after sentence ``index``: its last single stated or relative day, else the
    previous anchor; a day before the latest one told keeps that one as the story's day."""
    days = [
        v
        for v in values
        if v.dated
        and v.precision == "day"
        and v.start == v.end
        and v.basis in ("stated", "relative")
    ]
    if not days:
        return previous
    latest = previous.story or previous if previous is not None else None
    recalled = latest is not None and days[-1].start < latest.value.start
    return DayAnchor(days[-1], index, latest if recalled else None)


def inherited_day(
    text: str, anchor: DayAnchor | None, published: str = ""
) -> tuple[DateMention, DateValue] | None:
    """The date a sentence's same-day reference gives from the anchor, marked inferred (the
    same day as the story's, not as a day recalled since; ``le lendemain`` follows the anchor);
    ``dans la foulée`` gives the days from the anchor to the publication date, when known."""
    found = same_day_reference(text)
    if found is None or anchor is None:
        return None
    said, shift = found
    if shift == 0 and anchor.story is not None:
        anchor = anchor.story  # ``dans l'après-midi``, ``à cette occasion``: the story's day
    first = dt.date.fromisoformat(anchor.value.start)
    told = f"{anchor.value.start} ({anchor.value.text!r}, sentence {anchor.sentence + 1})"
    if shift is None:
        if len(published) != 10 or published < anchor.value.start:
            return None
        note = f"{said!r}: on or after {told} and by the publication date {published}."
        value = DateValue(first.isoformat(), published, "day", "inferred", anchor.value.text, note)
    else:
        day = first + dt.timedelta(days=shift)
        relation = {0: "the same day as", 1: "the day after", -1: "the day before"}[shift]
        note = f"{said!r}: {relation} {told}, so {day.isoformat()}."
        value = DateValue(
            day.isoformat(), day.isoformat(), "day", "inferred", anchor.value.text, note
        )
    return DateMention(-1, -1, anchor.value.text, "day", ()), value


def told_in_event(
    text: str, told: Sequence[tuple[int, str, DateValue | None]]
) -> tuple[DateMention, DateValue] | None:
    """A sentence opening on the communiqué or the declaration that told it (``Dans un communiqué
    lu à la télévision, le gouvernement a condamné …``) speaks of the story's present: the latest
    date of the events told before it (``told``: sentence, type and date of the events told so
    far, in order), not one recalled from earlier; that date, marked inferred, with a note; None
    otherwise."""
    m = _TOLD_IN.match(fold(text))
    if m is None:
        return None
    dated = [
        (value.end or value.start, sentence, value)
        for sentence, _, value in told
        if value is not None and value.dated and value.precision in ("day", "month")
    ]
    if dated:  # the story's present: the latest date told, not a year recalled after it
        _, sentence, value = max(dated, key=lambda d: (d[0], d[1]))
        said = text[m.start(1) : m.end(1)]
        span = value.start if value.start == value.end else f"{value.start}/{value.end}"
        note = f"{said!r}: the communiqué of the event told in sentence {sentence + 1}, {span}."
        copy = DateValue(value.start, value.end, value.precision, "inferred", value.text, note)
        return DateMention(-1, -1, value.text, value.precision, ()), copy
    return None


def publication_day(said: str, published: str) -> tuple[DateMention, DateValue] | None:
    """The date of a statement told in the present tense (``Le Gouvernement condamne …``) with
    no date of its own: the publication day, marked inferred; None without one."""
    if len(published) != 10:
        return None
    note = f"{said!r} is told in the present tense and the text gives no date: the publication date {published}."
    value = DateValue(published, published, "day", "inferred", "", note)
    return DateMention(-1, -1, "", "day", ()), value


def to_come(text: str) -> bool:
    """True when a sentence says its fact is still to come in a present tense (``doivent être
    livrés``, ``sont attendues``): announced, not occurred."""
    return _TO_COME.search(fold(text)) is not None


def looks_ahead(text: str) -> bool:
    """True when a sentence tells of something to come (``to_come``, or ``prochaines``)."""
    return to_come(text) or _AHEAD.search(fold(text)) is not None


def tells_earlier(text: str) -> bool:
    """True when a sentence tells of what came before the story (``avaient été précédés``,
    ``auparavant``, ``à l'époque``): it takes no date from the sentence before it."""
    return _EARLIER.search(fold(text)) is not None


def continues_session(text: str) -> bool:
    """True when a sentence opens on the encounter told before (``Les travaux prendront fin
    mercredi``): its start or end day belongs to that encounter."""
    return _SESSION_SUBJECT.match(fold(text)) is not None


def may_inherit(value: DateValue, factuality: str, published: str) -> bool:
    """Whether an event may take a date from another sentence: an announced or planned event
    not one that ended before the publication date."""
    if factuality == "occurred" or not published or not value.dated:
        return True
    return (value.end or value.start) >= published[: len(value.end or value.start)]


def framed_by(
    named: tuple[str, ...], frame: tuple[str, ...], organisations: Mapping[str, Organisation]
) -> tuple[str, ...]:
    """``named`` with the organisation of the title (``Patrouilles conjointes de l'AES``) whose
    other members are exactly the states the sentence names."""
    for code in frame:
        org = organisations.get(code)
        if org is not None and org.with_ and set(named) == set(org.with_):
            return tuple(sorted({*named, code}))
    return named


_REGION_OF = re.compile(
    r"\b(?:nord|sud|est|ouest|centre|nord-est|nord-ouest|sud-est|sud-ouest|frontiere)\s+(?:du|de\s+la|de\s+l'|des)\s*$"
)


def venue_frame(
    text: str,
    mentions: Sequence[CountryMention],
    context: tuple[str, ...],
    organisations: Mapping[str, Organisation],
) -> tuple[str, ...] | None:
    """The partners of a sentence naming a member only as a place, its capital or a region of it
    (``La prochaine réunion des ministres se tiendra à Ouagadougou``, ``Une deuxième phase,
    étendue au nord du Burkina``), in an article framed by an organisation: the organisation and
    its members, the place being where they meet or act. None otherwise."""
    folded = fold(text)
    if not mentions or any(
        m.form != "capital" and not _REGION_OF.search(folded[max(0, m.start - 30) : m.start])
        for m in mentions
    ):
        return None
    for code in context:
        org = organisations.get(code)
        if org is not None and org.with_ and {m.code for m in mentions} <= set(org.with_):
            return tuple(sorted({code, *org.with_}))
    return None


# a deliberating body of Mali sitting (``Le Conseil des Ministres s'est réuni … le mercredi 20
# juillet 2016``): the decisions told after it are of that day
_SITTING = re.compile(
    rf"\b{DELIBERATING_BODY}\b[^.;]*?\b(?:s'est\s+reuni|en\s+seance\s+pleniere|a\s+(?:adopte|vote)\s+"
    r"(?:ce|le|hier|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b)"
)


def sits(text: str) -> bool:
    """Whether the sentence tells a sitting of the cabinet or of the legislature."""
    return _SITTING.search(fold(text)) is not None


def date_by_sitting(cands: Sequence[Candidate], sitting: tuple | None) -> None:
    """A ratification told with no date of its own after a sitting was told (``le Conseil des
    Ministres a adopté … la ratification du Mémorandum``) takes the sitting's day (``inferred``);
    ``sitting`` is (mention, value, index of its sentence)."""
    if sitting is None:
        return
    mention, value, index = sitting
    note = (
        f"The sentence gives no date; {value.start} is the day of the sitting told in sentence "
        f"{index + 1} ({value.text!r}), at which the text was adopted."
    )
    for c in cands:
        if c.event_type == "agreement_ratification" and not c.dates and not c.trigger.anaphoric:
            c.dates.append((mention, replace(value, note=note)))


_THREE = re.compile(
    r"\b(?:les|des|aux|ses|leurs)\s+trois\s+(?:pays|etats|capitales|armees|ministres|chefs|delegations|"
    r"regimes|allies|membres|juntes|gouvernements|presidents|forces|aviations)\b"
)


def the_three(
    text: str,
    named: tuple[str, ...],
    article: set[str],
    organisations: Mapping[str, Organisation],
    named_here: frozenset[str] = frozenset(),
) -> tuple[tuple[str, ...], str] | None:
    """The partners of a sentence speaking of ``les trois pays`` (``les chefs d'état-major des
    trois armées se sont réunis à Niamey``) in an article about an organisation of Mali and two
    other states (the AES): the organisation and those two, when the sentence names no other
    partner and does not name the organisation itself (``named_here``: the codes it names; one
    it names is a party, or none when the event founds it); with a note. None otherwise."""
    said = _THREE.search(fold(text))
    if said is None:
        return None
    for code, org in organisations.items():
        trio = {code, *org.with_}
        if (
            len(org.with_) == 2
            and code not in named_here
            and (code in article or set(org.with_) <= article)
            and set(named) < trio
        ):
            note = f"The evidence speaks of {text[said.start() : said.end()]!r}: {code} and its members {', '.join(org.with_)}, which the article names."
            return tuple(sorted(trio)), note
    return None


def narrowed_partners(
    context: tuple[str, ...],
    earlier: Sequence[tuple[int, tuple[str, ...]]],
    text: str = "",
    current: int | None = None,
) -> tuple[tuple[str, ...], str]:
    """The partners a sentence naming none takes, and a note when they are not the article's:
    those of the nearest earlier sentence naming any (``earlier``: (index, partners), in order),
    when they are some of the article's ``context`` but not all (unless they are only members of
    an organisation of the context: the AES's meeting told after a sentence about Niger is the
    AES's), when the sentence speaks of
    ``les deux pays`` and that sentence names one partner, or when that sentence is the one
    right before (``current`` - 1), names only partners the article's context does not, and the
    sentence speaks of one of its bodies or of it (:data:`_REFERS_BACK`: ``L'Union africaine n'a
    pas attendu. Dès le 19 août, son Conseil … a suspendu le Mali`` in an article about the
    United States)."""
    if not earlier:
        return context, ""
    index, last = earlier[-1]
    if context and last and current is not None and index == current - 1:
        if not set(last) & set(context) and _REFERS_BACK.search(fold(text)):
            return (
                last,
                f"The evidence names no partner; partner from the sentence before it (sentence {index + 1}), which names {', '.join(last)}, not the article's {', '.join(context)}.",
            )
    if len(last) == 1 and last != context and _BOTH.search(fold(text)):
        return (
            last,
            f"The evidence names no partner but 'les deux pays'; partner from sentence {index + 1}, which names {last[0]}.",
        )
    orgs = organisations()
    frame = [c for c in context if c in orgs and set(last) <= set(orgs[c].with_) and c not in last]
    # of the article's partners, the ones that sentence names (``le contingent allemand de la
    # MINUSMA`` in an article on Germany and Canada: Germany)
    some = tuple(c for c in last if c in context)
    if set(some) != set(last) and any(c in orgs for c in some):
        some = ()  # only states are picked out of what a sentence names with others
    if context and some and set(some) < set(context) and not frame:
        return (
            some,
            f"The evidence names no partner; partner from sentence {index + 1}, which names only {', '.join(some)} of the article's {', '.join(context)}.",
        )
    return context, ""


def _enumerations(text: str, mentions: Sequence[CountryMention]) -> list[list[CountryMention]]:
    """Runs of mentions joined only by commas, ``et`` and articles (``le Mali, le Burkina Faso et le Niger``)."""
    runs: list[list[CountryMention]] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if runs and _LINK.match(fold(text[runs[-1][-1].end : m.start])):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def co_agents(
    text: str,
    mentions: Sequence[CountryMention],
    start: int,
    event_type: str,
    organisations: Mapping[str, Organisation],
) -> set[tuple[int, int]]:
    """The spans of the parties that act with Mali in an ending at ``text[start:]``: states of
    an enumeration holding Mali, and an organisation Mali belongs to named by its member states
    before the trigger."""
    if event_type not in ENDINGS:
        return set()
    out: set[tuple[int, int]] = set()
    folded = fold(text)
    for run in _enumerations(text, mentions):
        # ``sa mission de formation au Mali, EUTM Mali``: Mali as the place, no list of agents
        home_as_place = any(
            m.code == HOME and _AT_PLACE.search(folded[max(0, m.start - 4) : m.start]) for m in run
        )
        if len(run) > 1 and any(m.code == HOME for m in run) and not home_as_place:
            out |= {(m.start, m.end) for m in run if m.code != HOME}
    for m in mentions:
        org = organisations.get(m.code)
        if (
            org is not None
            and HOME in org.members
            and m.end <= start
            and _MEMBER_STATES.search(folded[max(0, m.start - 40) : m.start])
        ):
            out.add((m.start, m.end))
    return out


def without_founded(
    text: str, chosen: Sequence[CountryMention], event_type: str
) -> list[CountryMention]:
    """``chosen`` without the organisation a signature founds (``la Charte du Liptako-Gourma,
    acte fondateur de l'AES``): what an agreement creates is not a party to it."""
    if event_type != "agreement_signature":
        return list(chosen)
    folded = fold(text)
    return [
        m
        for m in chosen
        if not (m.form == "organisation" and _FOUNDS.search(folded[max(0, m.start - 40) : m.start]))
    ]


def without_co_agents(
    text: str,
    mentions: Sequence[CountryMention],
    chosen: Sequence[CountryMention],
    start: int,
    event_type: str,
    organisations: Mapping[str, Organisation],
) -> list[CountryMention]:
    """``chosen`` (the parties a trigger governs) without those acting with Mali; when none
    remains, the other parties named after the trigger (``à Alger``), else ``chosen``."""
    agents = co_agents(text, mentions, start, event_type, organisations)
    if not agents:
        return list(chosen)
    kept = [m for m in chosen if (m.start, m.end) not in agents]
    after = [
        m
        for m in mentions
        if m.start >= start and m.code != HOME and (m.start, m.end) not in agents
    ]
    return kept or after or list(chosen)


_CONTINGENT = re.compile(
    r"\b(?:contingents?|detachements?|instructeurs|formateurs|soldats|casques\s+bleus|"
    r"militaires|forces\s+speciales|bataillons?|helicopteres|troupes|elements|unites)\b"
)
_IN_MISSION = ("joint_operation", "withdrawal", "training", "suspension")
_CONTRIBUTED = ("joint_operation", "withdrawal")


def the_mission(
    text: str,
    named: tuple[str, ...],
    event_type: str,
    missions: Sequence[str],
    orgs: Mapping[str, Organisation],
) -> tuple[str, ...] | None:
    """A state's troops in the one mission the article names (``le contingent allemand``,
    ``les instructeurs espagnols`` in an article on the MINUSMA or the EUTM): the state with that
    mission and what it brings along. When the article names several missions, the one the state
    can serve in (its own operation first: French soldiers in Serval, Nigerien ones in the
    Misma rather than in Serval), and for a training or a suspension, one it can serve in even
    when it is the only one (British instructors are not Serval's). None when the sentence names
    another organisation, more than one state, no troops, or no mission or several fit."""
    if event_type not in _IN_MISSION or len(named) != 1 or named[0] in orgs:
        return None
    if not _CONTINGENT.search(fold(text)):
        return None
    fitting = sorted(set(missions))
    if len(fitting) > 1 or event_type not in _CONTRIBUTED:
        # one mission named: states contribute troops to an operation of another state's
        # (Estonians in Barkhane), but train or suspend only within one they can serve in
        fitting = [m for m in fitting if _serves_in(named[0], m, orgs)]
        own = [m for m in fitting if named[0] in orgs[m].with_]
        fitting = own or fitting
    if len(fitting) != 1:
        return None
    mission = fitting[0]
    return tuple(sorted({*named, mission, *orgs[mission].with_}))


def _serves_in(state: str, mission: str, orgs: Mapping[str, Organisation]) -> bool:
    """Whether ``state``'s troops may be those of ``mission``: a state's own operation (Serval,
    Barkhane) takes only that state's, an organisation's mission whose members are known (the
    EUTM) only its members', a force led by a state and bringing no one along (Takuba, under
    French command) only that state's and its allies' (a state sharing with it an organisation
    whose members are known: Estonians, not Russians)."""
    brings = orgs[mission].with_
    states = [c for c in brings if c not in orgs]
    if states:
        return state in states
    lead = orgs[mission].parent
    if not brings and lead and lead not in orgs:
        return state == lead or any(state in o.members and lead in o.members for o in orgs.values())
    return all(state in orgs[c].members for c in brings if orgs[c].members)

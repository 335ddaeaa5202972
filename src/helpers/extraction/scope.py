"""What a trigger governs within its sentence: its clause, the partners named there, whether it
is told as background.

A sentence often strings several facts together (``L'ambassadeur a été expulsé en janvier ; le
G5 Sahel, quitté le 15 mai``): each trigger takes the partners and dates of its own clause
(cut at ``;``, ``:``, dashes, and a comma before ``tandis que``, ``alors que`` or ``et``
opening a new subject, ``…, et Berlin s'était retiré``), and the sentence's only when its clause names none.

A country named as a place rather than as a party (``la frontière nigérienne``, ``le Niger
voisin``, ``pour rejoindre le Niger``, ``avec résidence à Dakar``) or inside another proper
name (``le chemin de fer Dakar-Niger``) is no partner, unless every name hyphenated to it is a
state's (``Mali-Burkina-Niger``); a capital after ``à`` (``à Alger``)
is one only when the clause names no state otherwise.

An ending told as the background of another fact (``après la fin de Barkhane``, ``depuis le
départ de la Minusma``, ``avant le retrait``) proposes no event unless its clause dates it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from helpers.data.paths import HOME
from helpers.extraction.countries import CountryFinder, CountryMention, default_finder, partners
from helpers.extraction.dates import find_dates
from helpers.text.normalize import fold

ENDINGS = ("agreement_termination", "withdrawal", "relations_break", "suspension")
_CLAUSE_CUT = re.compile(
    r"\s[;:–—]\s|;|:(?!\d)|,\s+(?:tandis\s+qu|alors\s+qu"
    # the reason given for what the clause tells (``…, invoquant la présence de paramilitaires russes``)
    r"|(?:invoquant|évoquant|arguant|en\s+raison\s+d|au\s+motif\s+d|à\s+cause\s+d)"
    r"|et\s+(?=(?:la|le|les|l['’])\s*[a-zà-ÿ]+\s+[a-zà-ÿ])"
    r"|et\s+(?=[A-ZÀ-Ý][\wà-ÿ-]+\s+(?:(?:a|ont|avait|avaient|se|est|sont|était|étaient)\s|s['’])))"
)
_PLACE_BEFORE = re.compile(
    r"(?:\bfrontieres?\s+(?:avec\s+)?(?:le\s+|la\s+|l'|les\s+)?(?:\w+\s+)?|"
    r"\b(?:rejoindre|regagner|gagner)\s+(?:le\s+|la\s+|l'|les\s+)?|"
    r"\bresidence\s+a\s+)$"
)
_PLACE_AFTER = re.compile(r"^\s+voisine?s?\b")
_CAPITAL_PREP = re.compile(r"\b(?:a|de|depuis)\s+$")


def _capital_as_place(folded: str, mention: CountryMention) -> bool:
    """A capital after ``à``, ``de`` or ``depuis`` (``reçu à Alger``): a place more than a party."""
    return mention.form == "capital" and bool(
        _CAPITAL_PREP.search(folded[max(0, mention.start - 10) : mention.start])
    )


_OBJECT_START = re.compile(
    r"\s*(?:(?:le|la|les|un|une|des|du|de|ses|leurs|leur|son|sa)(?![\wà-ÿ])|[ld][’'])",
    re.IGNORECASE,
)
_NP_END = re.compile(
    r"[,;:.]|(?<!ainsi)\s(?:qui|dont|que|qu'|qu’|afin|pour|mais|car|lorsque|alors)\s"
    r"|\s(?:avant\s+(?:de|d'|d’)|après\s+(?:avoir|être))\s*"  # an infinitive clause
)
_INSERT = re.compile(r"\s*,\s*[^,;:]{1,30},")
# what may open a date between a verb and its object (``a quitté dès mai 2022 le G5 Sahel``)
_DATE_LEAD = frozenset({"des", "fin", "debut", "depuis", "courant"})
_NEW_SUBJECT = re.compile(
    r"\s*(?:(?:le|la|les|un|une|des|il|elle|ils|elles|on|ce|cette|ces|son|sa|ses|leur|leurs)"
    r"(?![\wà-ÿ])|[ld][’']|[A-ZÀ-Ý])"
)
# a person's title in apposition (``…, Ambassadeur de l'Égypte au Mali``) is no new subject
_TITLE_APPOSED = re.compile(
    r"\s*(?:(?:le|la)\s+|l['’])?(?:ambassad|ministre|chef\b|g[ée]n[ée]ral|pr[ée]sident|directeur|"
    r"directrice|charg[ée]e?\b|attach[ée]|commandant|secr[ée]taire|repr[ée]sentant|envoy[ée]|"
    r"conseill|colonel|lieutenant|capitaine|vice-|haut\s+repr|chef\s+d|homologue)",
    re.IGNORECASE,
)
_SUBJECT_AFTER = re.compile(r",\s+(?:la |le |les |l'|l’)")
_RELATIVE = re.compile(r",\s*(?:dont|qui|lequel|laquelle|lesquels|lesquelles)\b")
_BACKGROUND = re.compile(
    r"\b(?:apres|depuis|avant|suite\s+a|a\s+la\s+suite\s+d[eu'])\s*(?:la|le|l'|les|leur|son|sa|ses|du|des)\s+"
    r"(?:\w+\s+){0,2}?(?:fin|depart|departs|retrait|denonciation|rupture|suspension|expulsion|sortie)\b"
)


def clause_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The clause of ``text`` holding ``text[start:end]``: cut at semicolons, colons, dashes and a new subject after a comma."""
    end = start if end is None else end
    lo, hi = 0, len(text)
    for m in _CLAUSE_CUT.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def is_place_use(text: str, mention: CountryMention) -> bool:
    """True when the country is named as a place or inside another proper name, not as a party."""
    folded = fold(text)
    before, after = folded[max(0, mention.start - 40) : mention.start], folded[mention.end :]
    if _PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after):
        return True
    joined_before = (
        mention.start > 1 and text[mention.start - 1] == "-" and text[mention.start - 2].isalpha()
    )
    joined_after = (
        text[mention.end : mention.end + 1] == "-"
        and text[mention.end + 1 : mention.end + 2].isupper()
    )
    if mention.form not in ("name", "capital") or not (joined_before or joined_after):
        return False
    return not (mention.form == "name" and _joined_to_states(text, mention))


def _joined_to_states(text: str, mention: CountryMention) -> bool:
    """True when the names hyphenated to a state's are states too (``Mali-Burkina-Niger``, a
    partnership), not a place (``Dakar-Niger``)."""
    m = re.search(r"[\w'’-]*$", text[: mention.start])
    n = re.match(r"[\w'’-]*", text[mention.end :])
    words = [w for w in re.split(r"-", (m.group(0) if m else "") + (n.group(0) if n else "")) if w]
    finder = default_finder()
    return bool(words) and all(any(f.form == "name" for f in finder.find(w)) for w in words)


_APPOSED_NAME = re.compile(r",\s*(?:la |le |l'|l’)?")
_APPOSED_END = re.compile(r"\s*(?:[,.;:)»]|$)")


def _date_after(text: str, end: int, hi: int) -> int | None:
    """The end of a date told right after ``end``, before the object (``a quitté dès mai 2022
    le G5 Sahel``, ``le 15 mai 2022 le``), None when none is."""
    if not any(c.isdigit() for c in text[end : end + 30]):
        return None
    found = find_dates(text[end:hi])
    if not found:
        return None
    gap = fold(text[end : end + found[0].start]).split()
    return end + found[0].end if all(w in _DATE_LEAD for w in gap) and len(gap) <= 1 else None


def _object_span(text: str, end: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase a trigger ending at ``end`` governs (``dénonçant le traité …``, ``le
    retrait de la mission``), up to the next comma or relative pronoun, if one follows it."""
    insert = _INSERT.match(text, end, hi)
    after = insert.end() if insert else _date_after(text, end, hi)
    if after is not None and _OBJECT_START.match(text[after:hi]):
        end = after  # ``la dénonciation, en mai 2022, des accords …``, ``dès mai 2022 le``
    elif not _OBJECT_START.match(text[end:hi]):
        return None
    stop = _NP_END.search(text, end, hi)
    return end, stop.start() if stop else hi


def _antecedent(
    text: str, mentions: Sequence[CountryMention], start: int, lo: int
) -> list[CountryMention]:
    """The party a relative clause holding the trigger refers to (``la task force Takuba,
    dont les derniers éléments ont plié bagage``): the one named just before ``, dont``/``, qui``."""
    rel = None
    for m in _RELATIVE.finditer(text, lo, start):
        rel = m
    if (
        rel is None
        or "," in text[rel.end() : start]
        or any(rel.end() <= m.start < start for m in mentions)
    ):
        return []
    before = [
        m
        for m in mentions
        if rel.start() - 30 <= m.end <= rel.start() and "," not in text[m.end : rel.start()]
    ]
    return before[-1:]


def governed(
    text: str, mentions: Sequence[CountryMention], start: int, end: int
) -> list[CountryMention]:
    """The parties among ``mentions`` that the trigger at ``text[start:end]`` governs: those of
    the noun phrase it governs, else the antecedent of the relative clause it stands in, else
    those of its clause, else those of the sentence (not those after the comma ending a phrase it
    governs that names none, when a new subject, not a title in apposition, follows that comma);
    places left out, a capital
    after ``à`` kept only when no state is named otherwise."""
    parties = [m for m in mentions if m.code != HOME and not is_place_use(text, m)]
    lo, hi = clause_bounds(text, start, end)
    span = _object_span(text, end, hi)
    governed_np = [m for m in parties if span and span[0] <= m.start and m.end <= span[1]]
    comma = text.find(",", span[1], hi) if span and not governed_np else -1
    apposed = comma >= 0 and any(
        m.form == "organisation"
        and _APPOSED_NAME.fullmatch(text, comma, m.start)
        and _APPOSED_END.match(text, m.end)
        for m in parties
    )  # ``… à sa mission de formation au Mali, EUTM Mali.``: the phrase's name
    if (
        comma >= 0
        and _NEW_SUBJECT.match(text, comma + 1)
        and not _TITLE_APPOSED.match(text, comma + 1)
        and not apposed
    ):
        # the phrase it governs names no party and a new subject follows its comma: what
        # follows is another clause's (an apposition, ``…, annoncé en juin et compensé par …``,
        # still speaks of the phrase)
        parties = [m for m in parties if m.end <= comma or m.start < start]
    if governed_np and span:
        # a name in apposition to the phrase (``de la mission de formation de l'Union
        # européenne, EUTM Mali``) is still the phrase's
        governed_np += [
            m
            for m in parties
            if m.form == "organisation"
            and _APPOSED_NAME.fullmatch(text, span[1], m.start)
            and _APPOSED_END.match(text, m.end)  # not the subject of what follows
        ]
    if start <= 2 and not governed_np:
        # a sentence-initial participle qualifies the subject after its comma (``Créé en février
        # 2014 à Nouakchott, le G5 n'a pas survécu …``): the party that subject names
        comma = text.find(",", end)
        subject = _SUBJECT_AFTER.match(text, comma) if comma >= 0 else None
        governed_np = [m for m in parties if subject and m.start == subject.end()]
    local = [m for m in parties if lo <= m.start and m.end <= hi]
    chosen = governed_np or _antecedent(text, parties, start, lo) or local or parties
    folded = fold(text)
    strong = [m for m in chosen if not _capital_as_place(folded, m)]
    return strong or chosen


def with_leaver(
    text: str,
    mentions: Sequence[CountryMention],
    chosen: Sequence[CountryMention],
    start: int,
    event_type: str,
    missions: frozenset[str],
) -> list[CountryMention]:
    """``chosen``, with the state that leaves or joins when a withdrawal or an operation governs
    only a mission and the organisations it belongs to (``Abidjan avait retiré de la MINUSMA son
    contingent``, ``Dhaka a déployé un bataillon au sein de la MINUSMA``): the states named in
    its clause before the trigger, its subject."""
    if (
        event_type not in ("withdrawal", "joint_operation")
        or not any(m.code in missions for m in chosen)
        or any(m.form != "organisation" for m in chosen)
    ):
        return list(chosen)
    lo, _ = clause_bounds(text, start, start)
    folded = fold(text)
    leavers = [
        m
        for m in mentions
        if lo <= m.start
        and m.end <= start
        and m.code != HOME
        and m.form != "organisation"
        and not is_place_use(text, m)
        and not _capital_as_place(folded, m)
    ]
    return [*leavers, *chosen]


def membership_left(
    event_type: str, chosen: Sequence[str], memberships: frozenset[str], registry: frozenset[str]
) -> tuple[str, ...] | None:
    """The organisations a withdrawal leaves when it governs a membership (``leur retrait « sans
    délai » de la CEDEAO``, ``a quitté le G5 Sahel``): leaving an organisation one is a member
    of ends that membership, an ``agreement_termination`` with the organisation, and the states
    named with it are the members leaving alongside (``avec Ouagadougou et Niamey``). None when
    the withdrawal names no such organisation, or a mission or another organisation as well
    (``registry``: the ids of every partner that is not a state)."""
    if event_type != "withdrawal":
        return None
    left = tuple(c for c in chosen if c in memberships)
    if not left or any(c in registry and c not in memberships for c in chosen):
        return None
    return left


# what an agreement provides for (``l'accord couvre la formation des officiers``, ``le
# mémorandum prévoit l'accueil de stagiaires``): its content, not an event of its own
_PROVIDES = re.compile(
    r"\b(?:accords?|memorandums?|conventions?|protocoles?|textes?|traites?)\b[^.;:]{0,80}?"
    r"\b(?:prevoi(?:t|ent|ra|ront)|couvr(?:e|ent|ira)|port(?:e|ent|era)\s+(?:notamment\s+)?sur|"
    r"vis(?:e|ent|era)\s+a|compren(?:d|nent)|inclu(?:t|ent))\b"
)


def provided_for(text: str, start: int) -> bool:
    """True when the trigger at ``text[start:]`` names what an agreement of its clause provides
    for (``Le mémorandum passé avec Séoul prévoit l'accueil de stagiaires``): the agreement's
    content, which is no event; a clause of its own after it (``, dont la première session se
    tiendra en octobre``) is one again."""
    folded = fold(text)
    lo = max(folded.rfind(c, 0, start) for c in ".;:") + 1
    return any(
        _RELATIVE.search(folded, m.end(), start) is None
        for m in _PROVIDES.finditer(folded, lo, start)
    )


def is_background(text: str, start: int, event_type: str) -> bool:
    """True when an ending at ``text[start:]`` is told as the background of its clause
    (``après la fin de …``, ``depuis le départ de …``), possibly in a list that follows it."""
    if event_type not in ENDINGS:
        return False
    lo, _ = clause_bounds(text, start)
    folded = fold(text)
    return any(
        m.start() <= start for m in _BACKGROUND.finditer(folded, lo, min(len(folded), start + 40))
    )


def parties_of(text: str, mentions: Sequence[CountryMention]) -> tuple[str, ...]:
    """The partners a text names as parties: places left out, a capital after ``à`` only when
    no state is named otherwise."""
    kept = [m for m in mentions if m.code != HOME and not is_place_use(text, m)]
    folded = fold(text)
    strong = [m for m in kept if not _capital_as_place(folded, m)]
    return partners(strong or kept)


def document_context(
    title: str,
    sentences: Sequence[tuple[str, Sequence[CountryMention]]],
    countries: CountryFinder,
    lead: int = 2,
) -> tuple[tuple[str, ...], str]:
    """The partners a sentence naming none inherits, and where they come from: the title's,
    else those of the lead (the first of the first ``lead`` sentences that names one)."""
    found = parties_of(title, countries.find(title)) if title else ()
    if found:
        return found, "title"
    for text, mentions in sentences[:lead]:
        found = parties_of(text, mentions)
        if found:
            return found, "lead"
    return (), ""

"""One article → its events, evidence, participants and actors (a pure function of its inputs).

The steps, per sentence of the article body (``helpers.text.articles.body_spans`` leaves scraper junk
out; HTML tags are blanked, keeping offsets): countries, people, institutions, date expressions
and triggers are found; each date and each duration (``de 3 jours``) goes to the nearest trigger
before it in the sentence (after it when none precedes). Then, within the article, a trigger
joins an earlier event of the same type, partners and compatible dates (or of the same numbered
session), and an anaphor (``cette rencontre``) joins the latest event of its family. Partners are
the countries the sentence names, Mali left out; when it names none, the countries the article
names most (noted in the event).

Dates of an event: the most precise resolved date of its triggers; an end day (``ont pris fin
le …``) or start day (``a débuté le …``) with a duration gives the other bound (``inferred``);
a meeting held ``au sommet`` takes the summit's dates, and a visit of known length told together
with a dated meeting is dated by the window around that meeting, when the window stays within
one month (``inferred``, explained in ``notes``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from functools import cache

from helpers.data.paths import HOME
from helpers.extraction.actors import (
    ActorMention,
    ArticlePeople,
    Registry,
    find_institutions,
    find_people,
)
from helpers.extraction.context import (
    DayAnchor,
    closed_event_anchor,
    continues_session,
    date_by_sitting,
    day_anchor,
    framed_by,
    inherited_day,
    looks_ahead,
    may_inherit,
    narrowed_partners,
    publication_day,
    sits,
    tells_earlier,
    the_mission,
    the_three,
    to_come,
    told_in_event,
    venue_frame,
    without_co_agents,
    without_founded,
)
from helpers.extraction.countries import (
    CountryFinder,
    membership_codes,
    mission_codes,
    organisations,
    partners,
    with_metonyms,
)
from helpers.extraction.date_values import YEAR, unwritten_years
from helpers.extraction.dates import (
    MONTHS,
    DateMention,
    DateValue,
    find_dates,
    is_deadline,
    resolve,
    stated_year,
    with_year,
)
from helpers.extraction.event_dates import (
    best_date,
    durations,
    event_date,
    offset_day,
    propagate,
    same_story,
)
from helpers.extraction.event_dates import sentence_date as date_of_sentence
from helpers.extraction.in_article import merge_in_article, partners_of_another
from helpers.extraction.occasions import on_occasion
from helpers.extraction.records import ArticleResult, Candidate, Sentence, records
from helpers.extraction.scope import (
    document_context,
    governed,
    is_background,
    membership_left,
    parties_of,
    provided_for,
    with_leaver,
)
from helpers.extraction.sentence_dates import (
    LATER,
    attach,
    day_of,
    deadlines_ahead,
    told_in_present,
    until_then,
)
from helpers.extraction.trigger_rules import sentence_matches, trigger_pipeline
from helpers.extraction.triggers import (
    ENCOUNTERS,
    JOINT_BODY_RE,
    Trigger,
    find_triggers,
    is_contained,
    tokens_of,
)
from helpers.text.articles import body_spans
from helpers.text.nlp import MODEL
from helpers.text.normalize import fold

_HTML = re.compile(r"<[^<>\n]{1,200}>|&(?:[a-zA-Z]{2,8}|#\d{2,5});")
_DATELINE = re.compile(r"publie\s+le\s+", re.IGNORECASE)
# A communiqué's closing line: ``Fait à Bamako, le 14 juillet 2022`` / ``Bamako, le 14 juillet 2022``
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:Fait\s+à\s+)?[A-ZÀ-ÖØ-Ý][\w'’-]+(?:[ -][A-ZÀ-ÖØ-Ý][\w'’-]+)?,\s+(?P<date>le\s+\d{1,2}(?:er)?\s+\w+\s+\d{4})\.?[ \t]*$",
    re.MULTILINE,
)
_PLACE = re.compile(
    r"(?<!\w)(?P<prep>à|au|aux|en)\s+(?P<place>[A-ZÀ-ÖØ-Ý][\w’'-]+(?:[ -][A-ZÀ-ÖØ-Ý][\w’'-]+)*)"
)


# Components whose output nothing here reads: not loaded, not run (the trigger patterns read lemmas).
UNUSED_COMPONENTS: tuple[str, ...] = ()


def mask_html(text: str) -> tuple[str, list[str]]:
    """The text with HTML tags and entities blanked (same length), and the distinct ones found."""
    found = sorted({m.group(0) for m in _HTML.finditer(text)})
    return _HTML.sub(lambda m: " " * len(m.group(0)), text), found


def reference_date(meta: Mapping[str, str], text: str) -> tuple[str, str]:
    """The publication date relative expressions are resolved against: the metadata's, else a
    ``Publié le …`` dateline in the text; with a note saying which."""
    if meta.get("published"):
        return meta["published"], ""
    folded = fold(text[:2000])
    for m in _DATELINE.finditer(folded):
        for d in find_dates(text[m.end() : m.end() + 60]):
            if d.start <= 12 and d.kind == "day" and d.part("y"):
                value = resolve(d)
                if value.dated:
                    return (
                        value.start,
                        f"publication date {value.start} read from the dateline {text[m.start() : m.end() + d.end].strip()!r}",
                    )
    tail = text[-600:]
    for m in _SIGN_OFF.finditer(tail):
        d = next(iter(find_dates(m.group("date"))), None)
        if d is not None and d.kind == "day" and d.part("y") and resolve(d).dated:
            value = resolve(d)
            return (
                value.start,
                f"publication date {value.start} read from the sign-off {m.group(0).strip()!r}",
            )
    return "", ""


def _sentence_bounds(doc) -> list[tuple[int, int]]:
    """spaCy's sentences, joined again where it cut inside one (``l'état`` | ``-major``): a
    sentence ends only at final punctuation or before a capital letter."""
    bounds: list[list[int]] = []
    text = doc.text  # rebuilt from the tokens on every access: read once
    for sent in doc.sents:
        nxt = text[sent.start_char : sent.end_char].lstrip()
        if bounds:
            prev = text[bounds[-1][0] : bounds[-1][1]].rstrip()
            if prev and (prev[-1] not in '.!?…»"”:' or (nxt[:1].islower() or nxt[:1] in "-–,;)")):
                bounds[-1][1] = sent.end_char
                continue
        bounds.append([sent.start_char, sent.end_char])
    return [(a, b) for a, b in bounds]


def sentences_of(text: str, nlp) -> list[Sentence]:
    """The body's sentences with spaCy's tokens, trigger matches and entities (offsets relative
    to each sentence)."""
    spans = body_spans(text)
    out: list[Sentence] = []
    for span, doc in zip(spans, nlp.pipe([s.text for s in spans]), strict=True):
        starts = [t.idx for t in doc]  # ascending: the tokens of a sentence are a slice
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        doc_text = doc.text
        for a, b in _sentence_bounds(doc):
            raw = doc_text[a:b]
            lead = len(raw) - len(raw.lstrip())
            body = raw.strip()
            if len(body) < 3:
                continue
            base = a + lead
            s = Sentence(span.start + base, span.start + base + len(body), body)
            first, last = bisect_left(starts, base), bisect_left(starts, base + len(body))
            s.tokens = tokens_of(doc[first:last], base, base + len(body))
            s.matches = sentence_matches(doc, base, base + len(body))
            for start_char, end_char, label in ents:
                if base <= start_char and end_char <= base + len(body):
                    rel = (start_char - base, end_char - base)
                    {"PER": s.persons, "ORG": s.orgs, "LOC": s.locs}.get(label, []).append(rel)
            out.append(s)
    return out


def _place(
    sentence: Sentence, s: int, e: int, countries: CountryFinder, cities: bool = True
) -> tuple[str, str]:
    """Where the text between ``s`` and ``e`` places an event: a country (``au Mali``), a capital
    (``à Alger``) or, with ``cities``, a place spaCy tags as a location after ``à``."""
    for m in _PLACE.finditer(sentence.text, s, e):
        place = m.group("place")
        found = countries.find(place)
        if found and found[0].start == 0 and found[0].code in organisations():
            continue  # ``céder la place à Barkhane``: an organisation is no place
        if found and found[0].start == 0:
            c = found[0]
            city = place[c.start : c.end] if c.form == "capital" else ""
            return city, c.code
        ps = m.start("place")
        if (
            cities
            and m.group("prep") == "à"
            and any(ls <= ps < le for ls, le in sentence.locs)
            and not re.search(r"[A-Z]{2}", place)
        ):
            return place, ""
    return "", ""


_REPORTED_PAST = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+(?:(?:deja|egalement|officiellement)\s+)?(?:annonce|decide|demande|reclame|exige)\b"
)


@cache
def _country_finder(aliases: tuple[tuple[str, str], ...]) -> CountryFinder:
    """The finder of a registry's country aliases, built once per process (it holds no state)."""
    return CountryFinder(dict(aliases))


def extract_article(
    article_meta: Mapping[str, str], text: str, registry: Registry, model: str = MODEL, nlp=None
) -> ArticleResult:
    """Propose the events of one article, with evidence, participants and actors.

    ``article_meta`` is the article's row of ``articles.csv`` (``article_id``, ``published``,
    ``title``, ...); ``text`` its verbatim text; ``registry`` the known actors. Pure apart from
    the spaCy model, which is loaded once per process (or ``nlp``, whose ``pipe`` is given the
    body's paragraphs).
    """
    article_id = article_meta["article_id"]
    result = ArticleResult(article_id)
    clean, tags = mask_html(text)
    if tags:
        shown = ", ".join(repr(t) for t in tags[:3])
        result.problems.append(
            {
                "severity": "warning",
                "message": f"HTML remnants ({len(tags)} kind(s), e.g. {shown}) were ignored; the text is otherwise read as it is",
            }
        )
    published, pub_note = reference_date(article_meta, clean)
    nlp = nlp if nlp is not None else trigger_pipeline(model, UNUSED_COMPONENTS)
    sentences = sentences_of(clean, nlp)
    result.sentences = len(sentences)
    countries = _country_finder(tuple(registry.country_aliases.items()))
    sent_countries = with_metonyms(
        [s.text for s in sentences], [countries.find(s.text) for s in sentences]
    )
    tally: Counter[str] = Counter(m.code for ms in sent_countries for m in ms if m.code != HOME)
    tally.update(
        m.code for m in countries.find(article_meta.get("title", "") or "") if m.code != HOME
    )
    article_codes = set(tally)
    article_partners: tuple[str, ...] = ()
    if tally:
        top = max(tally.values())
        article_partners = tuple(sorted(c for c, n in tally.items() if n == top))
    context, context_source = document_context(
        article_meta.get("title", "") or "",
        [(s.text, ms) for s, ms in zip(sentences, sent_countries, strict=True)],
        countries,
    )
    context_source = (
        context_source if context else f"article, which names {', '.join(article_partners)} most"
    )
    context = context or article_partners
    article_joint = JOINT_BODY_RE.search(fold(clean)) is not None

    people = ArticlePeople(registry)
    sent_people: list[list[ActorMention]] = []
    for s in sentences:
        found = find_people(s.text, s.persons, countries, registry)
        sent_people.append(found)
        for m in found:
            if m.kind == "person":
                people.add_full(m)
    sent_insts = [find_institutions(s.text, s.orgs, registry, countries) for s in sentences]

    cands: list[Candidate] = []
    links: list[tuple[int, int]] = []
    told_here: list[tuple[DateMention, DateValue]] = []
    last_year = ""
    last_told: tuple[int, int, int] | None = None  # (year, month, day) of the last full date
    sentence_date: tuple[DateMention, DateValue, str, int] | None = None
    anchor: DayAnchor | None = None
    sitting = None  # the day of the sitting of the cabinet or the legislature told
    earlier: list[tuple[int, tuple[str, ...]]] = []
    orgs = organisations()
    title_frame = context if context_source == "title" else ()
    mission_ids = mission_codes()
    memberships, non_states = membership_codes(), frozenset(orgs)
    missions = sorted({m.code for ms in sent_countries for m in ms if m.code in mission_ids})
    for i, s in enumerate(sentences):
        folded = fold(s.text)
        dates = []
        later = LATER.search(folded) is not None
        for d in find_dates(s.text):
            if d.part("same") and last_year:
                d = with_year(d, last_year)
            elif later and last_told and d.kind in ("day", "month") and not d.part("y"):
                # ``Deux semaines plus tard, le 1er août``: the year of the date told before
                after = (MONTHS[d.part("m")], day_of(d)) >= last_told[1:]
                d = with_year(d, str(last_told[0] + (0 if after else 1)))
            last_year = stated_year(d) or last_year
            if stated_year(d) and d.kind in ("day", "month"):
                last_told = (int(stated_year(d)), MONTHS[d.part("m")], day_of(d))
            dates.append(d)
        starts = [(d.start, d.text.split()[0].lower() if d.text.split() else "") for d in dates]
        starts = [(p, fold(w)) for p, w in starts]
        triggers = find_triggers(s.text, s.tokens, article_joint, starts, s.matches)
        triggers = [t for t in triggers if not provided_for(s.text, t.start)]
        told_last, told_here = (
            told_here,
            [  # for ``d'ici là`` in the next sentence
                (d, resolve(d, published, "future" if is_deadline(s.text, d) else "past"))
                for d in dates
            ],
        )
        prev_date, sentence_date = (
            sentence_date,
            date_of_sentence(i, [d for d in dates if not d.context], published),
        )
        sitting = (*sentence_date[:2], i) if sits(s.text) and sentence_date else sitting
        prev_anchor = anchor
        last_day = anchor
        anchor = day_anchor(i, [resolve(d, published) for d in dates if not d.context], anchor)
        sentence_context, context_note = narrowed_partners(context, earlier, s.text, i)
        own = parties_of(s.text, sent_countries[i])
        if own:
            earlier.append((i, own))
        if not triggers:
            _session_bounds(s, dates, cands, published)
            continue
        told: dict[int, str] = {}
        local = []
        if to_come(s.text):
            triggers = [
                replace(t, factuality="announced")
                if t.factuality == "occurred" and not t.done
                else t
                for t in triggers
            ]
        for t in triggers:
            chosen = governed(s.text, sent_countries[i], t.start, t.end)
            chosen = with_leaver(
                s.text, sent_countries[i], chosen, t.start, t.event_type, mission_ids
            )
            chosen = without_co_agents(
                s.text, sent_countries[i], chosen, t.start, t.event_type, orgs
            )
            kept = without_founded(s.text, chosen, t.event_type)
            named = partners(kept)
            framed = framed_by(named, title_frame, orgs)
            note = context_note if not named else ""
            if framed != named:
                note = f"The evidence names {', '.join(named)}; {', '.join(sorted(set(framed) - set(named)))} from the title, whose members they are."
            three = the_three(
                s.text, framed, article_codes, orgs, frozenset(m.code for m in sent_countries[i])
            )
            if three is not None:
                framed, note = three
            venue = venue_frame(s.text, kept, context, orgs) if t.event_type != "visit" else None
            if three is None and venue is not None and venue != named:
                framed = venue
                note = f"The evidence names {', '.join(named)} only as a place (its capital or a region), where the article's {', '.join(c for c in context if c in orgs)} meets or acts: its partners."
            within = the_mission(s.text, framed, t.event_type, missions, orgs) if named else None
            if within is not None:
                framed = within
                note = f"{named[0]}'s troops in {min(set(within) & set(missions))}, the one mission of the article they can serve in."
            left = membership_left(t.event_type, framed, memberships, non_states)
            if left is not None:
                t = replace(t, event_type="agreement_termination")
                note = f"A withdrawal from {', '.join(left)}, an organisation of member states, ends a membership (agreement_termination){': the states named with it leave alongside' if set(framed) - set(left) else ''}."
                framed = left
            again = partners_of_another(s.text, t.start, t.event_type, [*cands, *local])
            if not named and again is not None and set(again[0]) <= set(context):
                framed, note = again
            local.append(
                Candidate(
                    i,
                    t,
                    framed or sentence_context,
                    "sentence" if named else "article",
                    partner_note=note,
                )
            )
        usable = [d for d in dates if not d.context]
        ahead_of_all = all(t.factuality != "occurred" for t in triggers)
        deadlines = [] if ahead_of_all else deadlines_ahead(s.text, dates, triggers)
        if ahead_of_all:
            usable = sorted(
                usable + [d for d in dates if is_deadline(s.text, d)], key=lambda d: d.start
            )
        offset = offset_day(
            s.text,
            [(d, resolve(d, published)) for d in usable],
            last_day.value if last_day is not None else None,
        )
        if offset is not None:  # the day counted from, and the other event's dates
            usable = [d for d in usable if all(d is not r for r in offset[0])]
        attached = attach([d.start for d in usable], triggers, s.text)
        for d, idx in zip(usable, attached, strict=True):
            if idx is not None:
                told[d.start] = triggers[idx].event_type
                reported = _REPORTED_PAST.search(folded) is not None and not any(
                    t.tense == "Fut" for t in s.tokens
                )
                # a context date is here only as a deadline (``d'ici au 31 décembre``): to come
                ahead_of = (triggers[idx].factuality != "occurred" and not reported) or d.context
                prefer = "future" if ahead_of else "past"
                local[idx].dates.append((d, resolve(d, published, prefer)))
        for d, idx in deadlines:  # a sentence telling what is done and what is to come
            local[idx].dates.append((d, resolve(d, published, "future")))
        durs = durations(folded)
        for (_, days), idx in zip(
            durs, attach([p for p, _ in durs], triggers, s.text), strict=True
        ):
            if idx is not None and local[idx].duration is None:
                local[idx].duration = days
        for j, c in enumerate(local):
            nxt = triggers[j + 1].start if j + 1 < len(triggers) else len(s.text)
            c.city, c.country = _place(s, c.trigger.start, nxt, countries)
            if not c.country and (c.event_type == "visit" or c.trigger.families[:1] == ("visit",)):
                c.city, c.country = _place(s, 0, len(s.text), countries, cities=False)
        told_past = _REPORTED_PAST.search(folded) is not None and not any(
            t.tense == "Fut" for t in s.tokens
        )
        ahead = (
            "announced" if looks_ahead(s.text) else "occurred" if told_past else ""
        )  # ``a annoncé la fin de …``
        told_before = [(c.sentence, c.event_type, best_date(c)) for c in cands if c.sentence < i]
        closed = closed_event_anchor(s.text, told_before)
        if offset is not None:
            refs, given, (lo, hi) = offset
            for c in local:
                if c.trigger.anaphoric or c.dates:
                    continue
                # a trigger naming the event counted from (``à la veille du sommet du 6 juillet``)
                counted_from = refs and lo <= c.trigger.start < hi
                c.dates.append((refs[0], resolve(refs[0], published)) if counted_from else given)
        dated_here = offset is not None or any(idx is not None for idx in attached)
        same_day = (
            inherited_day(s.text, closed or prev_anchor, published) if not dated_here else None
        )
        if same_day is None and not dated_here:
            same_day = told_in_event(s.text, told_before)
        if same_day is not None:
            for c in local:
                if not (c.trigger.anaphoric or c.trigger.occasion or c.dates) and may_inherit(
                    same_day[1], ahead or c.trigger.factuality, published
                ):
                    c.dates.append(same_day)
        for c in local:
            if c.event_type == "statement" and not c.dates and told_in_present(s, c.trigger):
                now = publication_day(s.text[c.trigger.start : c.trigger.end], published)
                if now is not None:
                    c.dates.append(now)
        if not usable and prev_date is not None and not tells_earlier(s.text):
            for c in local:
                if (
                    not (c.trigger.anaphoric or c.trigger.occasion or c.dates)
                    and same_story(prev_date[2], c.event_type)
                    and may_inherit(prev_date[1], ahead or c.trigger.factuality, published)
                ):
                    c.dates.append(prev_date[:2])
        then = until_then(s.text, dates, told_last, published)
        for c in local if then is not None else ():
            if not c.dates and c.trigger.factuality != "occurred" and c.trigger.start >= then[0]:
                c.dates.append(then[1])
        date_by_sitting(local, sitting)
        if sentence_date is not None:
            sentence_date = (*sentence_date[:2], told.get(sentence_date[3], ""), sentence_date[3])
        kept = [
            j
            for j, c in enumerate(local)
            if c.partners
            and not (is_background(s.text, c.trigger.start, c.event_type) and best_date(c) is None)
        ]
        triggers, local = [triggers[j] for j in kept], [local[j] for j in kept]
        if not local:
            _session_bounds(s, dates, cands, published)
        base = len(cands)
        cands.extend(local)
        for a, ta in enumerate(triggers):
            for b, tb in enumerate(triggers):
                outer_type = tb.event_type or (tb.families[0] if tb.families else "")
                if (
                    a != b
                    and not ta.anaphoric
                    and (
                        is_contained(
                            s.text, ta, outer := Trigger(tb.start, tb.end, outer_type, tb.rule)
                        )
                        or on_occasion(s.text, ta, outer)
                    )
                ):
                    links.append((base + a, base + b))

    events, owner = merge_in_article(cands, sentences)
    for ev in events:
        ev.date, notes = event_date(ev)
        ev.notes.extend(notes)
        placed = next((c for c in ev.cands if c.city or c.country), None)
        if placed is not None:
            ev.city, ev.country = placed.city, placed.country
    linked = [(a, b) for a, b in links if a in owner and b in owner and owner[a] != owner[b]]
    propagate(
        events,
        {(owner[a], owner[b]) for a, b in linked},
        {(owner[a], owner[b]) for a, b in linked if not cands[b].trigger.anaphoric},
    )
    written = set(YEAR.findall(f"{article_meta.get('title', '') or ''}\n{text}"))
    for ev in events:
        unwritten = unwritten_years(ev.date.start, ev.date.end, ev.date.basis, written, [published])
        if unwritten:
            ev.notes.append(
                f"{ev.date.text!r} would give {ev.date.start}, but the text writes no year {', '.join(unwritten)}"
                " and it is not that of the publication: no date is recorded."
            )
            ev.date = DateValue("", "", "unknown", "", ev.date.text, "")
    records(
        result,
        text,
        events,
        sentences,
        sent_countries,
        sent_people,
        sent_insts,
        people,
        registry,
        pub_note,
        context_source,
        countries,
    )
    return result


def _session_bounds(
    s: Sentence, dates: list[DateMention], cands: list[Candidate], published: str
) -> None:
    """A sentence proposing no event that opens on the encounter told before (``Les travaux
    prendront fin mercredi``) gives the first encounter dated by the opposite bound its start or
    end day."""
    marked = [d for d in dates if d.marker and not d.context]
    markers = {d.marker for d in marked}
    if len(markers) != 1 or not continues_session(s.text):
        return
    opposite = "start" if markers == {"end"} else "end"
    encounters = [
        c
        for c in cands
        if c.event_type in ENCOUNTERS
        and any(m.marker == opposite and v.precision == "day" for m, v in c.dates)
    ]
    if encounters:
        prefer = "future" if any(t.tense == "Fut" for t in s.tokens) else "past"
        encounters[0].dates.extend((d, resolve(d, published, prefer)) for d in marked)

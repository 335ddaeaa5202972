"""Trigger phrases: the words that say an event happened, mapped to ``event_type``.

The rules are data: spaCy ``Matcher`` patterns on lemmas in ``patterns/triggers.jsonl`` (read by
:mod:`.trigger_rules`, whose pipeline component puts every match in ``doc._.triggers``), so
every conjugation and agreement of a word is covered. Where a word is ambiguous, a rule names a
condition: a signature needs an agreement noun nearby (a signed ``procès-verbal`` is the minutes
of a meeting, not an agreement), a creation needs an institution, a delivery needs equipment, a
``session`` needs a joint body (``comité mixte``) in the sentence, or a rank (``16ème session``)
in an article that names one. Verbs in the infinitive (``réunir``, ``signer``; spaCy's
``VerbForm=Inf``) state no event and are skipped, and so are habitual statements (``se réunit
tous les ans``).

A noun after a demonstrative (``cette rencontre``, ``ces travaux``, ``la tenue de ce comité``)
refers back to an event already told: it is an anaphor, which adds evidence to that event
instead of proposing a new one. So is a visit *to* such an event (``sa visite à ce grand
rendez-vous``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from helpers.extraction.factuality import AGREED_TO, factuality, tense, token_at, told_done
from helpers.extraction.lexicon import DELIBERATING_BODY, JOINT_BODY, ORDINAL_WORDS, WORD_SETS
from helpers.extraction.negation import negated
from helpers.extraction.trigger_rules import (
    Rule,
    active_rules,
    read_rules,
    sentence_matches,
    trigger_pipeline,
)
from helpers.text.normalize import fold

CAMEO = {
    "visit": "042",
    "summit": "044",
    "joint_commission": "062",
    "agreement_signature": "057",
    "agreement_ratification": "",
    "institution_creation": "062",
    "delivery": "072",
    "training": "062",
    "joint_operation": "062",
    "statement": "010",
    "agreement_termination": "160",
    "withdrawal": "166",
    "relations_break": "161",
    "suspension": "162",
    "other": "",
}
ENCOUNTERS = ("meeting", "visit", "joint_commission", "summit")


_r = re.compile
_FOLDED_SETS = {name: frozenset(fold(w) for w in words) for name, words in WORD_SETS.items()}
JOINT_BODY_RE = _r(JOINT_BODY)
_ENDING_VERB = _r(
    r"\b(?:denon\w+|abrog\w+|romp\w+|suspen\w+|quitt\w+|retir\w+|fin\s+(?:du|de\s+l'|des))\b[^.;:]*$"
)
_AUXILIARY_BEFORE = _r(
    r"\b(?:a|ont|avait|avaient|aura|auront|est|sont|etait|etaient|ete)\s+(?:(?:\w+ment|deja|aussi|ensuite|enfin|bien|encore)\s+)?$"
)
_VEHICLE = _r(r"\b(?:dans|par|via|selon)\s+(?:un|une|le|la|leur|son|sa)\s+$")
_HABITUAL = _r(
    r"\b(?:tous\s+les\s+(?:deux\s+)?ans|chaque\s+annee|annuellement|regulierement|periodiques?|periodiquement|chaque\s+fois|alternativement|au\s+fil\s+des\s+(?:ans|annees|decennies)|chaque\s+(?:reunion|rencontre|sommet|session|visite|edition))\b"
)
_MODAL_BEFORE = _r(
    r"\b(?:doit|doivent|devait|devaient|devrait|devraient|devra|devront)\s+(?:(?:\w+ment|d'ailleurs|par\s+ailleurs|aussi|egalement|encore|bientot|donc)\s+)?(?:se\s+|s')?$"
)
_NEGATED = _r(
    r"\bn'(?:a|ont|avait|avaient|est|sont)\s+(?:pas|jamais|toujours\s+pas)\s+(?:ete\s+)?$"
)
_NOT_MEETING = _r(
    r"\b(?:difficultes|problemes|obstacles|defis|contraintes|menaces|resistances?|situations?)\s+(?:\w+\s+)?$"
)
_ADJ = r"(?:premiere?|grande?|importante?|historique|derniere?|nouvelle|nouveau|recente?|haute|fructueuse|double|meme|precedente?)"
_ANAPHOR_NOUNS: dict[str, tuple[str, ...]] = {
    r.name.split(":", 1)[1]: r.refers_to for r in read_rules() if r.refers_to
}
# ``La rencontre a permis …`` opening a sentence refers back like ``cette rencontre``.
_DEFINITE_ANAPHOR = _r(
    r"^(?:[^,;:]{0,30},\s*)?(?:la|le|l'|les)\s*(?P<noun>rencontre|reunion|audience|entretiens?|visite|seance|ceremonie)s?\s+"
    r"(?=(?:a|ont|s'est|se\s+sont|avait|avaient|fut|etait|intervient|s'inscrit|faisait|permet)\b)"
)
_DEMONSTRATIVE_OBJECT = _r(r"\s*(?:de\s+|d')?(?:ce|cet|cette|ces)\s")
_NOUN_ALT = "|".join(sorted(_ANAPHOR_NOUNS, key=len, reverse=True))
_ANAPHOR_BODY = _r(
    r"\b(?:la|les)\s+(?:tenue|travaux)(?:\s+\w+)?\s+(?:de|du)\s+(?:ce|cet|cette|ces)\s+(?:comite|commission)s?\b"
)
_ATTENDANCE = _r(
    rf"^[^.;:]{{0,60}}?\b(?:a|au|aux)\s+(?:ce|cet|cette|ces)\s+(?:{_ADJ}\s+){{0,2}}(?P<noun>{_NOUN_ALT})s?\b"
)
_ORDINAL = _r(
    r"(?:\b(?P<num>\d{1,3})\s*(?:er|ere|re|eme|ieme|e)|\b(?P<word>"
    + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
    + r"))(?:\s+(?:et\s+)?(?:derniere?|nouvelle|grande|edition\s+de\s+la|edition\s+du))*\s*$"
)
_CONTAINER_INTRO = _r(
    r"(?:\bau|\bdu|\blors\s+du|\ben\s+marge\s+du|\ba\s+l'occasion\s+du|\bpendant\s+le|\bdurant\s+le)\s+(?:\d+\s*\w*\s+)?$"
)
# A departure announced in the past (``avait annoncé le retrait``, ``annonçait le retrait de ses
# forces``, ``annonce par Emmanuel Macron du retrait``): the event told is the announcement. A
# party announcing its own departure (``a annoncé son départ``) tells the departure.
_ANNOUNCES_END = _r(
    r"(?:\b(?:a|ont|avait|avaient)\s+(?:\w+\s+|,[^,]{1,20},\s+){0,2}?annonce|\bannoncai(?:t|ent))"
    r"\s+(?:\w+\s+){0,3}?(?:le|la)\s+$"
    r"|\bannonce\s+(?:par\s+[^,;:]{1,40}\s+)?du\s+$"
)
_CABINET = _r(rf"\b{DELIBERATING_BODY}\b[^,;.]*$")
# An object relative clause opening just before a verb (``… que Paris a toujours``)
_OBJECT_RELATIVE = _r(
    r"\b(?:que|qu')\s*(?:[\w-]+\s+){1,3}(?:(?:a|ont|avait)\s+)?(?:toujours\s+|jamais\s+)?$"
)
# ``a décidé de suspendre``: the decision told is the event
_DECIDED_BEFORE = _r(
    r"\b(?:(?:a|ont|avait|avaient)\s+(?:\w+\s+)?decide|decide(?:nt)?)(?:\s*,[^,;:]{1,40},)?\s+(?:de|d')\s*$"
)
# ``sont convenues de tenir …, et de signer``: the second thing agreed to, further on
_AGREED_ALSO = _r(AGREED_TO.pattern + r"[^.;:]*,?\s+et\s+(?:de|d')\s*$")


@dataclass(frozen=True)
class Token:
    """What the trigger rules need of a spaCy token: offset in the sentence, POS, verb form,
    tense, folded lemma and whether the parse negates it (:func:`negated`; asked of the words
    of a trigger match only)."""

    start: int
    pos: str
    verb_form: str = ""
    tense: str = ""
    lemma: str = ""
    negated: bool = False


def tokens_of(doc, start: int = 0, end: int | None = None) -> list[Token]:
    """The :class:`Token` of each spaCy token of ``doc`` (a ``Doc`` or a ``Span``) within
    ``[start, end)``, offsets from ``start``. Negation (:func:`negated`) is asked only of the
    words inside a trigger match (``doc._.triggers``), the only ones the rules ask it of."""
    end = len(doc.text) if end is None else end
    root = getattr(doc, "doc", doc)
    matched = {i for span in getattr(root._, "triggers", ()) for i in range(span.start, span.end)}
    return [
        Token(
            t.idx - start,
            t.pos_,
            ",".join(t.morph.get("VerbForm")),
            tense(t),
            fold(t.lemma_),
            t.i in matched and negated(t),
        )
        for t in doc
        if start <= t.idx < end
    ]


@dataclass(frozen=True)
class Trigger:
    """A trigger at ``sentence[start:end]``; an anaphor (``event_type`` empty) refers back to an
    event of one of ``families``; ``occasion`` marks a summit or session named as the occasion
    of something else (``en marge du sommet``), which is the one already told when there is one."""

    start: int
    end: int
    event_type: str
    rule: str
    anaphoric: bool = False
    families: tuple[str, ...] = ()
    session: int | None = None
    factuality: str = "occurred"
    occasion: bool = False
    done: bool = False  # a past participle told as done (``ont déjà été formés``)


# the subject a sentence-initial participle phrase qualifies (``Créée en 2017 …, la force``)
_APPOSED_SUBJECT = _r(r",\s+(?:la|le|les|l')\s*")


def _near(
    tokens: Sequence[Token], folded: str, start: int, end: int, words: frozenset[str]
) -> bool:
    """Whether a word of ``words`` (lemmas; a multi-word entry a run of lemmas) is within 120
    characters of ``[start, end)``; without tokens, the folded words themselves are read."""
    if tokens:
        near = " " + " ".join(t.lemma for t in tokens if start - 120 <= t.start < end + 120) + " "
    else:
        near = " " + " ".join(re.findall(r"[\w-]+", folded[max(0, start - 120) : end + 120])) + " "
    return any(f" {w} " in near for w in words)


def _condition(
    rule: Rule,
    folded: str,
    start: int,
    end: int,
    tokens: Sequence[Token],
    article_joint: bool,
    date_starts: Sequence[tuple[int, str]],
) -> bool:
    if rule.needs in WORD_SETS:
        if _near(tokens, folded, start, end, _FOLDED_SETS[rule.needs]):
            return True
        subject = _APPOSED_SUBJECT.search(folded, end) if start <= 2 else None
        if subject and _near(
            tokens, folded, subject.end(), subject.end() + 1, _FOLDED_SETS[rule.needs]
        ):
            return True  # ``Créée en février 2017 à Bamako par …, la force conjointe``
        # ``l'Accord de coopération … entre le Gouvernement du Mali et …, signé à Rabat``: a
        # participle in apposition qualifies the agreement its clause opened with
        return (
            rule.needs == "agreement"
            and folded[max(0, start - 2) : start] == ", "
            and any(
                w in _FOLDED_SETS["agreement"]
                for w in re.findall(r"[\w-]+", folded[max(0, start - 300) : start])
            )
        )
    if rule.needs == "joint":
        if JOINT_BODY_RE.search(folded):
            return True
        return article_joint and session_number(folded, start) is not None
    if rule.needs == "date_after":
        if _ENDING_VERB.search(folded[max(0, start - 80) : start]):
            return False
        for s, prefix in date_starts:
            gap = folded[end:s]
            if (
                0 <= s - end <= 80
                and prefix in ("de", "du", "d'")
                and not re.search(r"\b(?:a|ont|est|sont|fut|etait|sera)\b|[,;.]", gap)
            ):
                return True
        return False
    return True


def _context(rule: Rule, folded: str, start: int, end: int) -> bool:
    """The rule's ``after`` / ``not_after`` / ``not_before`` words around ``[start, end)``."""
    before = folded[max(0, start - 40) : start].rstrip()
    following = folded[end : end + 40].lstrip()
    if rule.after and not any(before.endswith(w) for w in rule.after):
        return False
    if any(re.search(rf"(?:^|\W){re.escape(w)}$", before) for w in rule.not_after):
        return False
    return not any(re.match(rf"{re.escape(w)}(?:\W|$)", following) for w in rule.not_before)


def session_number(folded: str, start: int) -> int | None:
    """The rank written just before a noun at ``start`` (``16ème``, ``première``), if any."""
    m = _ORDINAL.search(folded[max(0, start - 40) : start])
    if not m:
        return None
    if m.group("num"):
        n = int(m.group("num"))
        return n if n > 0 else None
    return ORDINAL_WORDS[m.group("word")]


def _habitual(folded: str, start: int, habits: Sequence[tuple[int, int]]) -> bool:
    """Whether a habit cue (``chaque année``) speaks of the trigger at ``start``: in its clause
    (no comma between them), fronted at the head of the sentence (``Au fil des ans, ...``), or
    close after it (``s'est réuni, alternativement, ...``)."""
    for lo, hi in habits:
        if "," not in folded[min(start, lo) : max(start, hi)] or (lo <= 3 and hi <= start):
            return True
        if 0 <= lo - start <= 60:
            return True
    return False


def _qualifying_participle(sentence: str, folded: str, s: int, e: int) -> bool:
    """``rencontré(e)(s)`` with no auxiliary or reflexive before it qualifies a noun."""
    return (
        re.fullmatch(r"rencontr[ée]e?s?", sentence[s:e], re.IGNORECASE) is not None
        and sentence[s:e].lower().endswith(("é", "ée", "és", "ées"))
        and not _AUXILIARY_BEFORE.search(folded[max(0, s - 40) : s])
        and not re.search(
            r"\b(?:s'|se\s+sont|s'etai\w+)\s*(?:\w+\s+)?$", folded[max(0, s - 30) : s]
        )
    )


def find_triggers(
    sentence: str,
    tokens: Sequence[Token] = (),
    article_joint: bool = False,
    date_starts: Sequence[tuple[int, str]] = (),
    matches: Sequence[tuple[str, int, int]] | None = None,
) -> list[Trigger]:
    """Triggers and anaphors in one sentence, by position.

    ``matches`` are the sentence's ``doc._.triggers`` as (rule, start, end) offsets in the
    sentence (:func:`.trigger_rules.sentence_matches`); without them the sentence is run
    through the pipeline here. ``tokens`` (from spaCy; those of that run by default) let the
    rules skip infinitives and nouns where a verb is needed; ``article_joint`` says whether the
    article names a joint body; ``date_starts`` lists the (offset, first word) of the sentence's
    date expressions, for an agreement named by its date (``l'accord cadre de 2021``).
    """
    folded = fold(sentence)
    lemmas: Sequence[Token] = tokens
    if matches is None:
        doc = trigger_pipeline()(sentence)
        matches = sentence_matches(doc, 0, len(sentence))
        lemmas = tokens_of(doc, 0, len(sentence))
        tokens = tokens or lemmas
    by_name = active_rules()
    order = {name: i for i, name in enumerate(by_name)}
    habits = [m.span() for m in _HABITUAL.finditer(folded)]
    anaphors = [
        (s, e, by_name[name].refers_to) for name, s, e in matches if by_name[name].refers_to
    ]
    anaphors += [
        (m.start(), m.end(), ("joint_commission", "meeting"))
        for m in _ANAPHOR_BODY.finditer(folded)
    ]
    definite = _DEFINITE_ANAPHOR.match(folded)
    definite_span = (-1, -1)
    if definite:
        noun = definite.group("noun").rstrip("s")
        definite_span = (definite.start("noun"), definite.end("noun"))
        anaphors.append((*definite_span, _ANAPHOR_NOUNS.get(noun, ENCOUNTERS)))
    found: list[Trigger] = []
    taken: list[tuple[int, int]] = []
    for name, s, e in sorted(
        matches, key=lambda m: (m[1] - m[2], order.get(m[0], len(order)), m[1])
    ):
        rule = by_name[name]
        if rule.refers_to:
            continue
        if any(s < te and ts < e for ts, te in taken):
            continue
        if rule.event_type == "statement" and _OBJECT_RELATIVE.search(folded[max(0, s - 40) : s]):
            continue  # ``des accusations que Bamako rejette``: a noun qualified, no statement told
        if rule.event_type == "meeting" and _CABINET.search(folded[max(0, s - 60) : s]):
            continue  # ``Le Conseil des Ministres s'est réuni``: the cabinet, not a partner
        if rule.event_type == "agreement_termination" and _quoted(sentence, s):
            continue  # ``« le Mali a quitté la CEDEAO, mais … »``: a fact recalled in a speech
        if _heading(sentence, s, e):
            continue  # ``COMMUNIQUÉ CONJOINT`` over a text names the document, tells no event
        tok = token_at(tokens, s)
        verb = next(
            (
                t
                for t in tokens
                if s <= t.start < e and folded[t.start : t.start + 3] not in ("se ", "s'")
            ),
            tok,
        )
        modal = False
        if tok is not None and verb is not None:
            before = folded[max(0, s - 40) : s]
            # an infinitive after ``doit``/``devrait``: the match's own verb, or the verb of a
            # match that opens on its subject (``Les soldats français doivent quitter le pays``)
            modal = any(
                t.verb_form == "Inf"
                and _MODAL_BEFORE.search(folded[max(0, t.start - 40) : t.start]) is not None
                for t in tokens
                if s <= t.start < e and (t is verb or t.pos == "VERB")
            )
            if (
                verb.verb_form == "Inf"
                and not _AUXILIARY_BEFORE.search(before)
                and not _MODAL_BEFORE.search(before)
                and not _DECIDED_BEFORE.search(folded[max(0, s - 80) : s])
                and not _AGREED_ALSO.search(folded[max(0, s - 300) : s])
            ):
                continue  # an infinitive, unless an auxiliary makes it a participle or a modal an announced event
            if rule.verb and tok.pos not in ("VERB", "AUX", "ADJ"):
                continue
        if not _context(rule, folded, s, e) or not _condition(
            rule, folded, s, e, lemmas, article_joint, date_starts
        ):
            continue
        if (rule.event_type in ENCOUNTERS or rule.event_type == "training") and _habitual(
            folded, s, habits
        ):
            continue
        if rule.event_type == "joint_operation" and re.search(
            r"\b(?:suspen|gel|interromp)\w*", folded[max(0, s - 60) : s]
        ):
            continue
        if rule.name == "rencontre" and _qualifying_participle(sentence, folded, s, e):
            continue  # ``un pilote rencontré sur place``: a participle qualifying a noun
        if (
            (
                (tok is not None and tok.negated)
                or (verb is not None and verb.negated)
                # ``n'avait pas réagi``: the participle after the auxiliary the match opens with,
                # unless the match holds the negation (``n'a pas renouvelé le mandat``: an ending)
                or (
                    not re.search(r"\bn(?:e\b|')", folded[s:e])
                    and any(t.negated for t in tokens if s <= t.start < e and t.pos == "VERB")
                )
                or _NEGATED.search(folded[max(0, s - 40) : s])
            )
            or (rule.name == "rencontre" and _NOT_MEETING.search(folded[max(0, s - 40) : s]))
        ):
            continue
        if _denied_clause(folded, s):
            continue  # ``Aucun des trois pays n'a pour l'heure annoncé son retrait``
        event_type = rule.event_type
        if (
            event_type == "meeting"
            and JOINT_BODY_RE.search(folded[e : e + 60])
            and re.match(r"\s+(?:de\s+la|du|des)\b", folded[e:])
        ):
            event_type = "joint_commission"
        session = (
            session_number(folded, s) if event_type in ("joint_commission", "summit") else None
        )
        inside = next((a for a in anaphors if a[0] <= s < a[1]), None)
        attend = _ATTENDANCE.match(folded[e:]) if event_type == "visit" else None
        if inside is not None:
            found.append(
                Trigger(
                    inside[0],
                    inside[1],
                    "",
                    "definite" if inside[:2] == definite_span else rule.name,
                    True,
                    inside[2],
                )
            )
        elif (
            event_type == "delivery"
            and folded[s:e].split()[0] in ("reception", "livraison", "livraisons")
            and _DEMONSTRATIVE_OBJECT.match(folded[e:])
        ):
            found.append(Trigger(s, e, "", rule.name, True, ("delivery",)))
        elif attend is not None:
            found.append(
                Trigger(
                    s, e + attend.end(), "", rule.name, True, _ANAPHOR_NOUNS[attend.group("noun")]
                )
            )
        else:
            done = not modal and told_done(folded, s, e, tokens)
            fact = (
                "occurred" if done else "announced" if modal else factuality(folded, s, e, tokens)
            )
            if rule.name == "retrait" and _ANNOUNCES_END.search(folded[max(0, s - 80) : s]):
                event_type, fact = "statement", "occurred"  # the announcement is what is told
            occasion = (
                event_type in ("summit", "joint_commission")
                and _CONTAINER_INTRO.search(folded[max(0, s - 40) : s]) is not None
            )
            found.append(
                Trigger(s, e, event_type, rule.name, False, (), session, fact, occasion, done)
            )
        taken.append((s, e))
    for s, e, fam in anaphors:
        if not any(t.start <= s < t.end or s <= t.start < e for t in found):
            found.append(Trigger(s, e, "", "anaphor", True, fam))
    found.sort(key=lambda t: t.start)
    found = [t for t in found if not _vehicle(folded, found, t)]
    return [t for i, t in enumerate(found) if not _same_delivery(folded, found[:i], t)]


def _quoted(sentence: str, s: int) -> bool:
    """Whether offset ``s`` is inside a quotation (« … ») of the sentence."""
    before = sentence[:s]
    return before.count("«") > before.count("»")


_OPEN_QUESTION = re.compile(
    r"\b(?:(?:pas|sans|ni)\s+(?:encore\s+)?(?:precise|preciser|indique|indiquer|dit|dire|confirme|"
    r"confirmer|su|savoir)|ignore|ignorent|se\s+demandent?|reste\s+a\s+savoir)\s+si\b"
)


def _denied_clause(folded: str, s: int) -> bool:
    """Whether the trigger's clause opens on ``Aucun`` (``Aucun des trois pays n'a pour l'heure
    annoncé son retrait``) or the trigger is in a question left open (``n'ont pas précisé si
    d'autres livraisons étaient attendues``): nothing is told to have happened."""
    lo = max(folded.rfind(p, 0, s) for p in (".", ";", ":")) + 1
    if _OPEN_QUESTION.search(folded[lo:s]):
        return True
    return re.match(r"\W*aucun(?:e|s|es)?\b", folded[lo:s]) is not None


def _heading(sentence: str, s: int, e: int) -> bool:
    """Whether the sentence is a heading made of the trigger (``COMMUNIQUÉ CONJOINT``, ``N°12``):
    nothing in lower case around it."""
    rest = sentence[:s] + sentence[e:]
    return sentence[s:e].isupper() and not any(c.islower() for c in rest) and len(rest.split()) <= 2


def _vehicle(folded: str, found: Sequence[Trigger], t: Trigger) -> bool:
    """A joint statement named as the means of telling another event of its clause (``ont
    annoncé, dans un communiqué conjoint, leur retrait``) is that event's evidence, not an event."""
    if t.event_type != "statement" or not _VEHICLE.search(folded[max(0, t.start - 12) : t.start]):
        return False
    lo = max([folded.rfind(p, 0, t.start) for p in ".;:"]) + 1
    hi = min([i for i in (folded.find(p, t.end) for p in ".;:") if i >= 0] + [len(folded)])
    return any(
        o is not t and not o.anaphoric and o.event_type != "statement" and lo <= o.start < hi
        for o in found
    )


def _same_delivery(folded: str, before: Sequence[Trigger], t: Trigger) -> bool:
    """A delivery word right after another in one clause (``réceptionné un lot de``) tells the same delivery."""
    return t.event_type == "delivery" and any(
        b.event_type == "delivery"
        and 0 <= t.start - b.end <= 30
        and not re.search(r"[,;.]", folded[b.end : t.start])
        for b in before
    )


def is_contained(sentence: str, inner: Trigger, outer: Trigger) -> bool:
    """True when the sentence places the ``inner`` event within the ``outer`` one: a meeting
    ``au sommet`` / ``en marge du sommet``, or a meeting told together with a visit."""
    if inner.event_type != "meeting":
        return False
    if outer.event_type in ("summit", "joint_commission"):
        return (
            _CONTAINER_INTRO.search(fold(sentence)[max(0, outer.start - 40) : outer.start])
            is not None
        )
    return outer.event_type == "visit"

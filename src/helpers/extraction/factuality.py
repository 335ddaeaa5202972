"""Whether a trigger tells what happened, what is announced or what is planned: the tense
spaCy's morphology gives a verb (:func:`tense`, with the simple futures the tagger mistakes),
a past participle told as done (:func:`told_done`) and the cues around a trigger
(:func:`factuality`). ``tokens`` are :class:`helpers.extraction.triggers.Token` (offset, POS,
verb form, tense)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from helpers.text.normalize import fold

_r = re.compile

_ANNOUNCED = _r(
    r"\b(?:a|ont|avait)\s+annonce\b|\bannonce\b|\bdoi(?:t|vent)\s+(?:\w+\s+)?(?:etre|se|s')|\bse\s+tiendra\b|\bauront?\s+lieu\b|\bdevrai(?:t|ent)\b|\bprochaine?s?\b|\bseront?\b"
)
# the trigger noun as the subject of a modal (``Une livraison de véhicules … doit également
# intervenir avant la fin du mois``): said to come
_MODAL_AFTER = _r(
    r"[^,;:.«»]{0,80}?\b(?:doi(?:t|vent)|devrai(?:t|ent))\s+(?:\w+\s+)?"
    r"(?:intervenir|avoir\s+lieu|etre|se\s|s'|debuter|commencer|suivre|arriver)"
)
AGREED_TO = _r(r"\b(?:ont|sont|se\s+sont)\s+(?:\w+\s+){0,2}?convenue?s?\s+(?:de|d')")
_PLANNED = _r(
    r"\b(?:prevue?s?|envisage\w*|projete\w*|programmee?s?)\b|\b(?:ont|sont|a|est|se\s+sont)\s+convenue?s?\s+(?:de|d')"
)


_FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont")
# the conditional's, on the same stems: ``enverrait`` after ``a fait savoir que`` is to come
_CONDITIONAL_ENDINGS = ("aient", "ais", "ait", "ions", "iez")
# stems of the simple future that are not the infinitive's (``sera``, ``devront``, ``viendra``)
_FUTURE_STEMS = frozenset(
    {
        "ser", "aur", "fer", "ir", "devr", "pourr", "viendr", "tiendr", "voudr", "enverr",
        "verr", "faudr", "saur", "recevr", "obtiendr", "maintiendr", "parviendr", "accueiller",
    }
)  # fmt: skip


def tense(t) -> str:
    """The tense of a spaCy token as its morphology gives it, or ``Fut`` for a verb in the
    simple future that the tagger mistook (``mettra`` tagged past, ``formeront`` present): the
    infinitive (less a final ``e``) or an irregular stem, then a future ending; ``Fut`` too for
    a full verb (not an auxiliary: ``aurait été conclu`` is told as done) in the present
    conditional, the future of reported speech (``a fait savoir qu'elle ouvrirait huit places``)."""
    said = ",".join(t.morph.get("Tense"))
    if said == "Fut" or t.pos_ not in ("VERB", "AUX"):
        return said
    word, lemma = fold(t.lower_), fold(t.lemma_)
    endings = _FUTURE_ENDINGS + (_CONDITIONAL_ENDINGS if t.pos_ == "VERB" else ())
    for ending in endings:
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem.endswith("r") and len(stem) > 1:
            if stem in (lemma, lemma[:-1]) or stem in _FUTURE_STEMS:
                return "Fut"
    return said


_AHEAD_OF_PARTICIPLE = _r(
    r"\b(?:sera|seront|serait|seraient|doi(?:t|vent)|devr\w+|pourr\w+|va|vont|vient|viennent)"
    r"\s+(?:(?:\w+ment|encore|bientot|aussi|deja|d'abord)\s+)?(?:etre\s+)?$"
    r"|\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:annonce|promis|prevu|envisage)\s+(?:de\s+|d')?$"
)


_EXPECTED = frozenset({"attendre", "prevoir", "programmer", "envisager", "planifier", "annoncer"})


def token_at(tokens: Sequence, start: int):
    """The token of ``tokens`` that begins at ``start``, if any."""
    return next((t for t in tokens if t.start == start), None)


def told_done(folded: str, start: int, end: int, tokens: Sequence = ()) -> bool:
    """Whether the trigger is a past participle told as done, whatever else its sentence says
    is to come (``les équipages ont déjà été formés en octobre`` beside ``doit être livrée``, ``un
    protocole conclu en février`` beside ``se tiendra``): no future or modal auxiliary before it."""
    first = token_at(tokens, start)  # a verbal trigger, not ``patrouilles coordonnées``
    if first is None or first.pos not in ("VERB", "AUX"):
        return False
    verb = next((t for t in tokens if start <= t.start < end and t.pos == "VERB"), None)
    if verb is None or verb.verb_form != "Part" or verb.tense != "Past":
        return False
    if verb.lemma in _EXPECTED:
        return False  # ``sont attendus à Bamako``, ``prévue en mai``: said to come
    if any(start <= t.start < verb.start and t.tense in ("Fut", "Cnd") for t in tokens):
        return False
    return not _AHEAD_OF_PARTICIPLE.search(folded[max(0, start - 40) : verb.start])


def factuality(folded: str, start: int, end: int, tokens: Sequence = ()) -> str:
    """``announced`` (said to come), ``planned``, else ``occurred``, from cues around a trigger:
    a verb in the future tense in its clause, ``a annoncé``, ``prochain``, ``prévu``, ..."""
    clause_start = max(folded.rfind(p, 0, start) for p in (".", ";", ":")) + 1
    clause_end = min(
        [i for i in (folded.find(p, end) for p in (".", ";", ":")) if i >= 0] + [len(folded)]
    )
    around = folded[clause_start : min(len(folded), end + 40)]
    future = any(
        clause_start <= t.start < clause_end and t.tense == "Fut" and t.pos in ("VERB", "AUX")
        for t in tokens
    )
    if AGREED_TO.search(folded[clause_start:start]):
        return "planned"  # ``sont convenues de tenir en juin prochain``: the parties' plan
    if (
        future
        or _ANNOUNCED.search(folded[clause_start:start])
        or re.search(
            r"\b(?:se\s+tiendra|aura\s+lieu|(?:sont|est)\s+(?:d'ores\s+et\s+deja\s+|deja\s+)?"
            r"(?:attendue?|annoncee?)s?)\b",
            around,
        )
        or _MODAL_AFTER.match(folded, end, clause_end)
    ):
        return "announced"
    if _PLANNED.search(around):
        return "planned"
    return "occurred"

"""Trigger phrases: the words that say an event happened, mapped to ``event_type``.

Each rule is a regular expression over folded text (lower case, no accents) with, where a word
is ambiguous, a condition: a signature needs an agreement noun nearby (a signed
``procès-verbal`` is the minutes of a meeting, not an agreement), a creation needs an
institution, a delivery needs equipment, a ``session`` needs a joint body (``comité mixte``)
in the sentence, or a rank (``16ème session``) in an article that names one. Verbs in the
infinitive (``réunir``, ``signer``) state no event and are skipped, and so are habitual
statements (``se réunit tous les ans``).

A noun after a demonstrative (``cette rencontre``, ``ces travaux``, ``la tenue de ce comité``)
refers back to an event already told: it is an anaphor, which adds evidence to that event
instead of proposing a new one. So is a visit *to* such an event (``sa visite à ce grand
rendez-vous``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from helpers.extraction.lexicon import (
    AGREEMENT_NOUNS,
    EQUIPMENT_NOUNS,
    INSTITUTION_NOUNS,
    JOINT_BODY,
    ORDINAL_WORDS,
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


@dataclass(frozen=True)
class Rule:
    """A trigger rule: ``pattern`` over folded text gives ``event_type`` when ``needs`` holds."""

    name: str
    event_type: str
    pattern: re.Pattern[str]
    verb: bool = False
    needs: str = ""


def _r(p: str) -> re.Pattern[str]:
    return re.compile(p)


_MONTHS = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
_VERB_END = r"(?:e|ee|es|ees|ent|ait|aient|era|eront|erent|a|ons|ez)"
RULES: tuple[Rule, ...] = (
    Rule("rencontre", "meeting", _r(rf"(?<!a\sla\s)\brencontr{_VERB_END}s?\b")),
    Rule("reunion", "meeting", _r(r"\breunions?\b")),
    Rule("se-reunir", "meeting", _r(r"\b(?:se\s+sont|s'est|s'etaient|s'etait)\s+(?:reuni|entretenu)e?s?\b")),
    Rule("entretien", "meeting", _r(r"\bentretiens?\s+(?:avec|entre|bilateral|bilateraux|en\s+tete)\b")),
    Rule("audience", "meeting", _r(r"\b(?:audiences?|tete-a-tete|entrevues?)\b")),
    Rule("recevoir", "meeting", _r(r"\ba\s+recu\s+(?:en\s+audience|son\s+homologue|(?:le|la)\s+(?:ministre|chef|ambassadeur|delegation))")),
    Rule("visite", "visit", _r(r"\bvisites?\b")),
    Rule("sejour", "visit", _r(r"\bsejours?\b")),
    Rule("se-rendre", "visit", _r(r"\b(?:s'est|se\s+sont)\s+rendue?s?\s+(?:a|au|aux|en)\b")),
    Rule("session", "joint_commission", _r(r"\bsessions?\b(?!\s+(?:de\s+formation|pleniere|parlementaire|ordinaire|extraordinaire|budgetaire))"), needs="joint"),
    Rule("sommet", "summit", _r(r"\bsommets?\b(?!\s+(?:de\s+l'etat|de\s+la\s+hierarchie|de\s+la\s+pyramide|de\s+la\s+chaine))")),
    Rule("signer", "agreement_signature", _r(rf"\bsign{_VERB_END}\b"), verb=True, needs="agreement"),
    Rule("signature", "agreement_signature", _r(rf"\bsignatures?\s+(?:de\s+l'|d'un|d'une|de\s+la|du|des|de)\s*(?:[\w-]+\s+){{0,2}}?(?:{AGREEMENT_NOUNS})\b")),
    Rule("accord-date", "agreement_signature", _r(rf"\b(?:{AGREEMENT_NOUNS})(?:[\s-]+cadre)?\b"), needs="date_after"),
    Rule("ratifier", "agreement_ratification", _r(rf"\bratifi(?:{_VERB_END}|cations?)\b")),
    Rule("creer", "institution_creation", _r(r"\b(?:cree|creee|crees|creees|creent|creera|creeront|crea|creerent)\b"), verb=True, needs="institution"),
    Rule("lancer", "institution_creation", _r(r"\b(?:institue|lance|installe|inaugure)e?s?\b"), verb=True, needs="institution"),
    Rule("mise-en-place", "institution_creation", _r(r"\bmise?s?\s+(?:en\s+place|sur\s+pied)\b"), needs="institution"),
    Rule("creation", "institution_creation", _r(r"\b(?:creation|lancement|installation|inauguration)\s+(?:de|d'|du|des)\b"), needs="institution"),
    Rule("livrer", "delivery", _r(rf"\b(?:livraisons?|livr{_VERB_END}|receptionn\w+)\b"), needs="equipment"),
    Rule("recevoir-materiel", "delivery", _r(r"\b(?:a|ont|avait|avaient)\s+(?:recu|obtenu|beneficie\s+d[e'u])\b"), needs="equipment"),
    Rule("remise", "delivery", _r(r"\b(?:remise|dons?|reception|cession|lots?)\s+(?:[\w-]+\s+){0,2}?(?:de|d'|du|des|aux)\b"), needs="equipment"),
    Rule("offrir", "delivery", _r(r"\b(?:offert|offerts|offertes|offre|offrent|cede|cedes|remis|remises|dote|dotee|dotes)\b"), verb=True, needs="equipment"),
    Rule("envoi-stagiaires", "training", _r(r"\benvoi\s+(?:de|d')\s*(?:[\w-]+\s+){0,2}?(?:stagiaires|eleves|officiers|militaires|cadets|soldats)\b")),
    Rule("formation", "training", _r(r"\b(?:(?:stages?|sessions?|cycles?|seminaires?)\s+de\s+formation|formation\s+(?:de|d')\s*\d+|(?:ont\s+ete|seront|sont)\s+formee?s)\b")),
    Rule("exercice", "training", _r(r"\b(?:exercices?\s+(?:militaires?\s+)?(?:conjoints?|communs?|combines?)|formations?\s+(?:conjointes?|communes?))\b")),
    Rule("denoncer", "agreement_termination", _r(rf"\b(?:denonc(?:{_VERB_END}|ant|iations?)|claque\w*\s+la\s+porte|(?:la\s+)?fin\s+(?:des|de\s+l'|du)\s+(?:{AGREEMENT_NOUNS}))\b")),
    Rule("se-retirer", "agreement_termination", _r(r"\b(?:(?:son|leur|notre|sa)\s+(?:retrait|sortie)|se\s+retir\w+|(?:a|ont)\s+quitte)\s+(?:(?!(?:en|a|au|dans|le|la)\s)\w+\s+){0,3}?(?:du|de\s+la|de\s+l'|des)\s+(?!mali\b|territoire\b|pays\b)")),
    Rule("quitte-date", "agreement_termination", _r(rf"(?<=,\s)quittee?s?(?=\s+(?:le\s+\d|en\s+(?:\d{{4}}|{_MONTHS})))")),
    Rule("retrait", "withdrawal", _r(r"\b(?:sommee?s?\s+de\s+(?:partir|quitter|se\s+retirer)|retraits?|departs?|non-renouvellement|non\s+renouvellement|plie\s+bagage|achev\w+\s+(?:son|leur)\s+retrait)\b")),
    Rule("fin-mandat", "withdrawal", _r(r"\b(?:(?:mis|mettant|mettait|met|mettre)\s+fin\s+au\s+mandat|mandat\b[^.;]{0,120}?\b(?:a|ont|avait)\s+pris\s+fin|a\s+(?:officiellement\s+)?pris\s+fin|ne\s+pas\s+(?:le\s+)?(?:prolonger|renouveler)|derniers\s+(?:soldats|elements|militaires)\b[^.;]{0,60}?\b(?:quitte|franchi|plie))")),
    Rule("rupture", "relations_break", _r(r"\b(?:ruptures?\s+(?:[^.;]{0,40}?)?\s*(?:des|de\s+ses|de\s+leurs)\s+relations|romp\w+\s+(?:ses|leurs|les)\s+relations|expulsions?\s+(?:[^.;]{0,25}?)(?:de\s+l'|d')ambassad\w+|expuls\w+\s+l'ambassad\w+|rappel\w*\s+(?:ses|leurs|son|leur)\s+ambassad\w+|persona\s+non\s+grata|ambassad\w+[^.;]{0,40}?\b(?:a|avait|ont|avaient)\s+ete\s+expulse\w*|ambassad\w+[^.;]{0,60}?\bpour\s+quitter\s+le\s+territoire)")),
    Rule("suspendre", "suspension", _r(r"\bsuspen(?:du|due|dus|dues|d|dent|dre|sion|sions|dait|daient)\b(?!\s+(?:le|la)\s+mali\b)")),
    Rule("patrouilles", "joint_operation", _r(r"\b(?:patrouilles?|operations?|offensives?|ratissages?)\s+(?:militaires?\s+)?(?:conjointes?|mixtes?|communes?|combinees?)\b")),
    Rule("declaration", "statement", _r(r"\b(?:declarations?|communiques?)\s+(?:commune?s?|conjointe?s?)\b")),
)

_NEEDS = {
    "agreement": _r(rf"\b(?:{AGREEMENT_NOUNS})\b"),
    "institution": _r(rf"\b(?:{INSTITUTION_NOUNS})\b"),
    "equipment": _r(rf"\b(?:{EQUIPMENT_NOUNS})\b"),
}
JOINT_BODY_RE = _r(JOINT_BODY)
_ENDING_VERB = _r(r"\b(?:denon\w+|abrog\w+|romp\w+|suspen\w+|quitt\w+|retir\w+|fin\s+(?:du|de\s+l'|des))\b[^.;:]*$")
_AUXILIARY_BEFORE = _r(r"\b(?:a|ont|avait|avaient|aura|auront|est|sont|etait|etaient|ete)\s+(?:(?:\w+ment|deja|aussi|ensuite|enfin|bien|encore)\s+)?$")
_VEHICLE = _r(r"\b(?:dans|par|via|selon)\s+(?:un|une|le|la|leur|son|sa)\s+$")
_HABITUAL = _r(r"\b(?:tous\s+les\s+(?:deux\s+)?ans|chaque\s+annee|annuellement|regulierement|chaque\s+fois|alternativement|au\s+fil\s+des\s+(?:ans|annees|decennies))\b")
_NEGATED = _r(r"\bn'(?:a|ont|avait|avaient|est|sont)\s+(?:pas|jamais|toujours\s+pas)\s+(?:ete\s+)?$")
_NOT_MEETING = _r(r"\b(?:difficultes|problemes|obstacles|defis|contraintes|menaces|resistances?|situations?)\s+(?:\w+\s+)?$")
_ADJ = r"(?:premiere?|grande?|importante?|historique|derniere?|nouvelle|nouveau|recente?|haute|fructueuse|double|meme|precedente?)"
_ANAPHOR_NOUNS: dict[str, tuple[str, ...]] = {
    "rencontre": ENCOUNTERS,
    "reunion": ENCOUNTERS,
    "entretien": ("meeting",),
    "rendez-vous": ENCOUNTERS,
    "assises": ENCOUNTERS,
    "visite": ("visit", "meeting"),
    "mission": ("visit", "meeting"),
    "sejour": ("visit",),
    "session": ("joint_commission", "meeting"),
    "travaux": ("joint_commission", "meeting", "summit"),
    "sommet": ("summit", "meeting"),
    "conference": ("summit", "meeting"),
    "forum": ("summit", "meeting"),
    "signature": ("agreement_signature",),
    "ratification": ("agreement_ratification",),
    "audience": ("meeting",),
    "entretiens": ("meeting",),
    "engin": ("delivery",),
    "appareil": ("delivery",),
    "aeronef": ("delivery",),
    "helicoptere": ("delivery",),
    "drone": ("delivery",),
    "avion": ("delivery",),
    "vehicule": ("delivery",),
    "blinde": ("delivery",),
    "equipement": ("delivery",),
    "materiel": ("delivery",),
}
# ``La rencontre a permis …`` opening a sentence refers back like ``cette rencontre``.
_DEFINITE_ANAPHOR = _r(
    r"^(?:[^,;:]{0,30},\s*)?(?:la|le|l'|les)\s*(?P<noun>rencontre|reunion|audience|entretiens?|visite|seance|ceremonie)s?\s+"
    r"(?=(?:a|ont|s'est|se\s+sont|avait|avaient|fut|etait|intervient|s'inscrit|faisait|permet)\b)"
)
_DEMONSTRATIVE_OBJECT = _r(r"\s*(?:de\s+|d')?(?:ce|cet|cette|ces)\s")
_NOUN_ALT = "|".join(sorted(_ANAPHOR_NOUNS, key=len, reverse=True))
_ANAPHOR = _r(rf"\b(?:ce|cet|cette|ces)\s+(?:{_ADJ}\s+){{0,2}}(?P<noun>{_NOUN_ALT})s?\b")
_ANAPHOR_BODY = _r(r"\b(?:la|les)\s+(?:tenue|travaux)(?:\s+\w+)?\s+(?:de|du)\s+(?:ce|cet|cette|ces)\s+(?:comite|commission)s?\b")
_ATTENDANCE = _r(rf"^[^.;:]{{0,60}}?\b(?:a|au|aux)\s+(?:ce|cet|cette|ces)\s+(?:{_ADJ}\s+){{0,2}}(?P<noun>{_NOUN_ALT})s?\b")
_ORDINAL = _r(
    r"(?:\b(?P<num>\d{1,3})\s*(?:er|ere|re|eme|ieme|e)|\b(?P<word>"
    + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
    + r"))(?:\s+(?:et\s+)?(?:derniere?|nouvelle|grande|edition\s+de\s+la|edition\s+du))*\s*$"
)
_CONTAINER_INTRO = _r(r"(?:\bau|\bdu|\blors\s+du|\ben\s+marge\s+du|\ba\s+l'occasion\s+du|\bpendant\s+le|\bdurant\s+le)\s+(?:\d+\s*\w*\s+)?$")
_ANNOUNCED = _r(r"\b(?:a|ont|avait)\s+annonce\b|\bannonce\b|\bse\s+tiendra\b|\bauront?\s+lieu\b|\bdevrai(?:t|ent)\b|\bprochaine?s?\b|\bseront?\b")
_PLANNED = _r(r"\b(?:prevue?s?|envisage\w*|projete\w*|programmee?s?)\b")


@dataclass(frozen=True)
class Token:
    """What the trigger rules need of a spaCy token: offset in the sentence, POS, verb form."""

    start: int
    pos: str
    verb_form: str = ""
    tense: str = ""


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


def _token_at(tokens: Sequence[Token], start: int) -> Token | None:
    for t in tokens:
        if t.start == start:
            return t
    return None


def _condition(rule: Rule, folded: str, start: int, end: int, article_joint: bool, date_starts: Sequence[tuple[int, str]]) -> bool:
    if rule.needs in _NEEDS:
        window = folded[max(0, start - 120) : end + 120]
        return _NEEDS[rule.needs].search(window) is not None
    if rule.needs == "joint":
        if JOINT_BODY_RE.search(folded):
            return True
        return article_joint and session_number(folded, start) is not None
    if rule.needs == "date_after":
        if _ENDING_VERB.search(folded[max(0, start - 80) : start]):
            return False
        for s, prefix in date_starts:
            gap = folded[end:s]
            if 0 <= s - end <= 80 and prefix in ("de", "du", "d'") and not re.search(r"\b(?:a|ont|est|sont|fut|etait|sera)\b|[,;.]", gap):
                return True
        return False
    return True


def session_number(folded: str, start: int) -> int | None:
    """The rank written just before a noun at ``start`` (``16ème``, ``première``), if any."""
    m = _ORDINAL.search(folded[max(0, start - 40) : start])
    if not m:
        return None
    if m.group("num"):
        n = int(m.group("num"))
        return n if n > 0 else None
    return ORDINAL_WORDS[m.group("word")]


def factuality(folded: str, start: int, end: int, tokens: Sequence[Token] = ()) -> str:
    """``announced`` (said to come), ``planned``, else ``occurred``, from cues around a trigger:
    a verb in the future tense in its clause, ``a annoncé``, ``prochain``, ``prévu``, ..."""
    clause_start = max(folded.rfind(p, 0, start) for p in (".", ";", ":")) + 1
    clause_end = min([i for i in (folded.find(p, end) for p in (".", ";", ":")) if i >= 0] + [len(folded)])
    around = folded[clause_start : min(len(folded), end + 40)]
    future = any(clause_start <= t.start < clause_end and t.tense == "Fut" and t.pos in ("VERB", "AUX") for t in tokens)
    if future or _ANNOUNCED.search(folded[clause_start:start]) or re.search(r"\b(?:se\s+tiendra|aura\s+lieu)\b", around):
        return "announced"
    if _PLANNED.search(around):
        return "planned"
    return "occurred"


def find_triggers(
    sentence: str,
    tokens: Sequence[Token] = (),
    article_joint: bool = False,
    date_starts: Sequence[tuple[int, str]] = (),
) -> list[Trigger]:
    """Triggers and anaphors in one sentence, by position.

    ``tokens`` (from spaCy) let the rules skip infinitives and nouns where a verb is needed;
    ``article_joint`` says whether the article names a joint body; ``date_starts`` lists the
    (offset, first word) of the sentence's date expressions, for an agreement named by its date
    (``l'accord cadre de 2021``).
    """
    folded = fold(sentence)
    if _HABITUAL.search(folded):
        habitual = True
    else:
        habitual = False
    anaphors = [(m.start(), m.end(), _ANAPHOR_NOUNS[m.group("noun")]) for m in _ANAPHOR.finditer(folded)]
    anaphors += [(m.start(), m.end(), ("joint_commission", "meeting")) for m in _ANAPHOR_BODY.finditer(folded)]
    definite = _DEFINITE_ANAPHOR.match(folded)
    definite_span = (-1, -1)
    if definite:
        noun = definite.group("noun").rstrip("s")
        definite_span = (definite.start("noun"), definite.end("noun"))
        anaphors.append((*definite_span, _ANAPHOR_NOUNS.get(noun, ENCOUNTERS)))
    found: list[Trigger] = []
    taken: list[tuple[int, int]] = []
    for rule in sorted(RULES, key=lambda r: -len(r.pattern.pattern)):
        for m in rule.pattern.finditer(folded):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            tok = _token_at(tokens, s)
            if tok is not None:
                if tok.verb_form == "Inf" and not _AUXILIARY_BEFORE.search(folded[max(0, s - 40) : s]):
                    continue  # the tagger's infinitive, unless an auxiliary makes it a participle
                if rule.verb and tok.pos not in ("VERB", "AUX", "ADJ"):
                    continue
            if not _condition(rule, folded, s, e, article_joint, date_starts):
                continue
            if (rule.event_type in ENCOUNTERS or rule.event_type == "training") and habitual:
                continue
            if rule.event_type == "joint_operation" and re.search(r"\bsuspen\w+", folded[max(0, s - 60) : s]):
                continue
            if rule.name == "rencontre" and re.fullmatch(r"rencontr[ée]e?s?", sentence[s:e], re.IGNORECASE) and sentence[s:e].lower().endswith(("é", "ée", "és", "ées")) and not _AUXILIARY_BEFORE.search(folded[max(0, s - 40) : s]) and not re.search(r"\b(?:s'|se\s+sont|s'etai\w+)\s*(?:\w+\s+)?$", folded[max(0, s - 30) : s]):
                continue  # ``un pilote rencontré sur place``: a participle qualifying a noun
            if _NEGATED.search(folded[max(0, s - 40) : s]) or (rule.name == "rencontre" and _NOT_MEETING.search(folded[max(0, s - 40) : s])):
                continue
            event_type = rule.event_type
            if event_type == "meeting" and JOINT_BODY_RE.search(folded[e : e + 60]) and re.match(r"\s+(?:de\s+la|du|des)\b", folded[e:]):
                event_type = "joint_commission"
            session = session_number(folded, s) if event_type in ("joint_commission", "summit") else None
            inside = next((a for a in anaphors if a[0] <= s and e <= a[1]), None)
            attend = _ATTENDANCE.match(folded[e:]) if event_type == "visit" else None
            if inside is not None:
                found.append(Trigger(inside[0], inside[1], "", "definite" if inside[:2] == definite_span else rule.name, True, inside[2]))
            elif event_type == "delivery" and m.group(0).split()[0] in ("reception", "livraison", "livraisons") and _DEMONSTRATIVE_OBJECT.match(folded[e:]):
                found.append(Trigger(s, e, "", rule.name, True, ("delivery",)))
            elif attend is not None:
                found.append(Trigger(s, e + attend.end(), "", rule.name, True, _ANAPHOR_NOUNS[attend.group("noun")]))
            else:
                fact = factuality(folded, s, e, tokens)
                occasion = event_type in ("summit", "joint_commission") and _CONTAINER_INTRO.search(folded[max(0, s - 40) : s]) is not None
                found.append(Trigger(s, e, event_type, rule.name, False, (), session, fact, occasion))
            taken.append((s, e))
    for s, e, fam in anaphors:
        if not any(t.start <= s < t.end or s <= t.start < e for t in found):
            found.append(Trigger(s, e, "", "anaphor", True, fam))
    found.sort(key=lambda t: t.start)
    found = [t for t in found if not _vehicle(folded, found, t)]
    return [t for i, t in enumerate(found) if not _same_delivery(folded, found[:i], t)]


def _vehicle(folded: str, found: Sequence[Trigger], t: Trigger) -> bool:
    """A joint statement named as the means of telling another event of its clause (``ont
    annoncé, dans un communiqué conjoint, leur retrait``) is that event's evidence, not an event."""
    if t.event_type != "statement" or not _VEHICLE.search(folded[max(0, t.start - 12) : t.start]):
        return False
    lo = max([folded.rfind(p, 0, t.start) for p in ".;:"]) + 1
    hi = min([i for i in (folded.find(p, t.end) for p in ".;:") if i >= 0] + [len(folded)])
    return any(o is not t and not o.anaphoric and o.event_type != "statement" and lo <= o.start < hi for o in found)


def _same_delivery(folded: str, before: Sequence[Trigger], t: Trigger) -> bool:
    """A delivery word right after another in one clause (``réceptionné un lot de``) tells the same delivery."""
    return t.event_type == "delivery" and any(
        b.event_type == "delivery" and 0 <= t.start - b.end <= 30 and not re.search(r"[,;.]", folded[b.end : t.start]) for b in before
    )


def is_contained(sentence: str, inner: Trigger, outer: Trigger) -> bool:
    """True when the sentence places the ``inner`` event within the ``outer`` one: a meeting
    ``au sommet`` / ``en marge du sommet``, or a meeting told together with a visit."""
    if inner.event_type != "meeting":
        return False
    if outer.event_type in ("summit", "joint_commission"):
        return _CONTAINER_INTRO.search(fold(sentence)[max(0, outer.start - 40) : outer.start]) is not None
    return outer.event_type == "visit"

"""Whether the parse negates an event word: ``ne`` with a negating adverb, ``aucun``, ``ne``
with ``pouvoir`` (``n'a pu se tenir``), a relative clause saying it did not take place, no date set
for it (``aucune date n'a été arrêtée pour la visite``), a possibility (``pourrait être signé``),
or a conditional hypothesis (``le départ … poserait un problème``)."""

from __future__ import annotations

from helpers.text.normalize import fold

# ``ne`` with one of these words beside a verb negates it (``n'a pas signé``, ``n'a jamais
# été livré``); ``ne`` alone does not (``n'a signé que deux accords``).
_NEGATORS = frozenset({"pas", "jamais", "plus", "guere", "point", "nullement"})
_TAKE_PLACE = frozenset({"tenir", "avoir", "derouler", "intervenir", "aboutir", "concretiser"})
_NOT_ANY = frozenset({"aucun", "aucune", "aucuns", "aucunes", "nul", "nulle"})


def _denied(t) -> bool:
    """``t`` (a spaCy token) is negated by its own dependents: ``ne`` with a negating adverb, or
    a determiner ``aucun``/``nul`` (``aucune rencontre``), or ``ne`` with ``pouvoir`` and no
    ``que`` (``n'a pu se tenir``)."""
    words = {fold(c.lower_) for c in t.children}
    if words & _NOT_ANY:
        return True
    if not words & {"ne", "n'", "n’"}:
        return False
    if words & _NEGATORS:
        return True
    could = fold(t.lemma_) == "pouvoir" or any(fold(c.lemma_) == "pouvoir" for c in t.children)
    return could and "que" not in words and "qu'" not in words


def negated(t) -> bool:
    """Whether the parse negates the event word ``t`` (a spaCy token): the word itself
    (:func:`_denied`), its subject or object with ``aucun`` (``aucun contrat n'a été signé``), a
    relative clause saying it did not take place (``la session, qui n'a pu se tenir``), the
    subject of a verb in the conditional (``le départ des hélicoptères poserait un problème``), or,
    for a noun that is the subject or object of a verb, that verb (``n'a pas reçu de
    livraison``)."""
    if _denied(t):
        return True
    if any(
        c.dep_.startswith(("nsubj", "obj")) and {fold(d.lower_) for d in c.children} & _NOT_ANY
        for c in t.children
    ):
        return True
    if t.pos_ == "NOUN" and any(
        c.dep_ == "acl:relcl" and fold(c.lemma_) in _TAKE_PLACE and _denied(c) for c in t.children
    ):
        return True  # ``la session …, qui n'a pu se tenir``
    if (
        t.pos_ == "NOUN"
        and t.dep_.startswith("nsubj")
        and "Cnd" in t.head.morph.get("Mood")
        and fold(t.head.lemma_) not in ("devoir", "pouvoir", "etre", "avoir")
    ):
        return True  # ``Le départ des hélicoptères poserait un problème``: a hypothesis
    # the word the verb governs, or its subject (``la session de la commission``: the session)
    subject = t.head if t.pos_ == "NOUN" and t.dep_ == "nmod" else t
    if (subject.dep_ == "xcomp" or subject.dep_.startswith("nsubj")) and _may_be(subject.head):
        return True  # ``un accord pourrait être signé``, ``la session pourrait se tenir``
    if t.pos_ == "NOUN" and t.dep_.startswith(("obl", "nmod")) and _no_date_for(t.head):
        return True  # ``aucune date n'a été arrêtée pour la visite``: nothing is set
    return t.pos_ == "NOUN" and t.dep_.startswith(("nsubj", "obj")) and _denied(t.head)


def _may_be(verb) -> bool:
    """``verb`` is ``pouvoir`` in the conditional: what it governs is a possibility."""
    return fold(verb.lemma_) == "pouvoir" and "Cnd" in verb.morph.get("Mood")


def _no_date_for(verb) -> bool:
    """``verb`` has ``aucune date`` (or ``nulle date``) for its subject: ``aucune date n'a
    encore été fixée``."""
    return any(
        c.dep_.startswith("nsubj")
        and fold(c.lemma_) in ("date", "calendrier", "echeance")
        and {fold(d.lower_) for d in c.children} & _NOT_ANY
        for c in verb.children
    )

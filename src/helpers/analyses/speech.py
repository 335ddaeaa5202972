"""Speech verbs, and whether a word may open a statement: the lexicon and the rule that the
statement rules of :mod:`helpers.analyses.quotes` and the lookup analysis of
:mod:`helpers.analyses.framing` share.

May import: nothing of :mod:`helpers.analyses`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Verbs that attribute a statement wherever they stand.
SPEECH_VERBS = frozenset(
    {
        "déclarer",
        "souligner",
        "relever",
        "conclure",
        "justifier",
        "expliquer",
        "affirmer",
        "indiquer",
        "préciser",
        "ajouter",
        "annoncer",
        "insister",
        "réaffirmer",
        "marteler",
        "dénoncer",
        "déplorer",
        "plaider",
        "saluer",
        "confier",
        "avertir",
        "signaler",
        "fustiger",
        "révéler",
    }
)
# Verbs that attribute only with "que" after them, or after the statement (", a assuré X").
THAT_VERBS = frozenset(
    {
        "assurer",
        "estimer",
        "espérer",
        "noter",
        "rappeler",
        "dire",
        "promettre",
        "confirmer",
        "répondre",
        "souhaiter",
        "considérer",
        "juger",
        "expliciter",
    }
)
# Verbs that attribute only after or inside the statement ("Mais, poursuit le ministre, ...").
INCISE_VERBS = frozenset({"poursuivre", "continuer", "lancer", "renchérir", "enchaîner"})
VERBS = SPEECH_VERBS | THAT_VERBS | INCISE_VERBS
PRONOUNS = frozenset({"il", "elle", "ils", "elles"})
SKIP_BACK = frozenset(
    {
        "avoir",
        "être",
        "-t",
        "t",
        "se",
        "ne",
        "ainsi",
        "également",
        "aussi",
        "encore",
        "alors",
        "pas",
        "notamment",
        "enfin",
    }
)


def skipped_back(text: str, lemma: str) -> bool:
    """A word the rules step back over from a speech verb to what stands before it: an auxiliary,
    a reflexive or a negation, an adverb such as *ainsi*, a clitic (``-t-il``)."""
    return lemma in SKIP_BACK or (lemma in PRONOUNS and text.startswith("-"))


PARTICIPLE = re.compile(r"\wée?s?$", re.IGNORECASE)  # -é, -ée, -és, -ées: never a finite verb form


def may_open_statement(word: str, lemma: str, before: Sequence[tuple[str, str]]) -> bool:
    """Whether a token, ``selon`` or a speech verb by the lemma given, may open a statement under
    :func:`helpers.analyses.quotes._speech_verb`, knowing only the words and lemmas ``before`` it in
    its sentence (no part of speech: what the lookup analysis of :mod:`helpers.analyses.framing`
    has before it tags a paragraph). It may not when the rules are sure to pass it by: an incise verb (``poursuivre``, ``lancer``,
    ...) with no comma before it (``..., poursuit X``), and a participle in -é(e)(s) with no
    auxiliary before it (``une date non précisée``), the words the rules step back over skipped."""
    participle = PARTICIPLE.search(word) is not None
    if lemma not in INCISE_VERBS and not participle:
        return True
    j = len(before)
    while j > 0 and skipped_back(*before[j - 1]):
        j -= 1
    if participle and not any(lem in ("avoir", "être") for _, lem in before[j:]):
        return False
    return lemma not in INCISE_VERBS or (j > 0 and before[j - 1][0] == ",")

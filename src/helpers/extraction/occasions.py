"""An event told as happening on the occasion of an encounter in the same sentence: a signature,
a delivery or a training ``à l'occasion de la visite``, ``lors de la session``, ``en marge du
sommet``, or after the encounter it took place in (``la visite …, au cours de laquelle les deux
pays ont signé …``), or by those the sentence opens gathered (``Réunis en sommet le 20 août, les
chefs d'État ont suspendu …``). The two share their date: the one the text dates gives it to the
other (:func:`helpers.extraction.event_dates.propagate`), except that an encounter referred back to
(``au cours de cette audience``) takes no date from the sentence, whose own dates are often of
something else: it is dated where it was told."""

from __future__ import annotations

import re

from helpers.extraction.triggers import ENCOUNTERS, Trigger
from helpers.text.normalize import fold

# what opens the encounter's noun: ``à l'occasion de la``, ``lors de sa``, ``en marge du``
_OCCASION_OF = re.compile(
    r"(?:\ba\s+l'occasion|\blors|\bau\s+cours|\ben\s+marge|\bpendant|\bdurant)"
    r"(?:\s+(?:de\s+(?:la|l'|sa|son|leur|cette|cet|ce)|du|des|d'une?|de))?\s*$"
)
# the encounter told by the participle opening the sentence, whose subject does what follows
_GATHERED = re.compile(r"(?:reuni|rassemble)(?:e|s|es)?\b")
# what opens the relative clause that tells what happened during it: ``, au cours de laquelle``
_DURING_WHICH = re.compile(
    r"\b(?:au\s+cours|lors|a\s+l'occasion|pendant|durant|en\s+marge|a\s+l'issue)\s+"
    r"(?:de\s+laquelle|duquel|desquel(?:le)?s)\b"
)


def on_occasion(sentence: str, inner: Trigger, outer: Trigger) -> bool:
    """Whether the sentence tells the ``inner`` event (not itself an encounter) as happening on
    the occasion of the ``outer`` encounter."""
    if inner.event_type in ENCOUNTERS or outer.event_type not in ENCOUNTERS:
        return False
    folded = fold(sentence)
    if _OCCASION_OF.search(folded[max(0, outer.start - 40) : outer.start]):
        return True
    if outer.end <= inner.start and _GATHERED.match(folded, outer.start) and outer.start <= 2:
        return True  # ``Réunis en sommet le 20 août, les chefs d'État ont suspendu …``
    return outer.end <= inner.start and bool(_DURING_WHICH.search(folded[outer.end : inner.start]))

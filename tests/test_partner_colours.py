"""Each partner keeps one colour whichever other partners a figure shows."""

from __future__ import annotations

import itertools

from helpers.data.paths import HOME
from helpers.figures.plotting import _PALETTE, HOME_COLOUR, partner_colours, preferred_colour

CODES = ["DZA", "RUS", "FRA", "TUR", "USA", "AES", "NER", "UKR"]


def test_a_partners_colour_is_chosen_by_its_code_alone():
    alone = {c: partner_colours([c])[c] for c in CODES}
    assert alone["DZA"] == _PALETTE[preferred_colour("DZA")]
    free = [
        c for c in CODES if all(preferred_colour(c) != preferred_colour(o) for o in CODES if o != c)
    ]
    assert len(free) >= 4
    for r in (2, 3, len(CODES)):
        for subset in itertools.combinations(CODES, r):
            colours = partner_colours(subset)
            for code in set(subset) & set(free):
                assert colours[code] == alone[code], (code, subset)


def test_partners_asking_for_the_same_colour_get_distinct_ones_in_code_order():
    codes = [a + b + c for a in "ABC" for b in "ABCDEFGHIJ" for c in "ABCDEFGHIJ"]
    same = [c for c in codes if preferred_colour(c) == preferred_colour(codes[0])][:3]
    assert len(same) == 3  # three codes that hash to one palette entry
    colours = partner_colours(list(reversed(same)))
    assert (
        colours[same[0]] == _PALETTE[preferred_colour(same[0])]
    )  # first in code order keeps its own
    slot = preferred_colour(same[0])
    assert [colours[c] for c in same] == [
        _PALETTE[(slot + k) % len(_PALETTE)] for k in range(3)
    ]  # next free entries
    assert colours == partner_colours([same[1], same[0], same[2], same[1]])


def test_mali_keeps_its_grey_and_no_partner_gets_it():
    colours = partner_colours([HOME, *CODES])
    assert colours[HOME] == HOME_COLOUR
    assert HOME_COLOUR not in {colours[c] for c in CODES}
    assert HOME_COLOUR not in _PALETTE

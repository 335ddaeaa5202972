"""Country codes (ISO 3166-1 alpha-3) and their French display names, from pycountry."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry


@cache
def _fr() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)


@cache
def is_country(code: str) -> bool:
    """True for an assigned ISO 3166-1 alpha-3 code."""
    return isinstance(code, str) and len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None


@cache
def french_name(code: str) -> str:
    """French short name: pycountry's translation, with ISO's inverted forms turned round
    where that stays unambiguous (``Russie, Fédération de`` → ``Russie``)."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    name = _fr().gettext(getattr(country, "common_name", None) or country.name)
    if ", " in name:
        head = name.split(", ", 1)[0]
        clashes = [
            c
            for c in pycountry.countries
            if c.alpha_3 != code and _fr().gettext(c.name).split(", ", 1)[0] == head
        ]
        if not clashes:
            return head
    return name


def split_codes(value: str | None) -> list[str]:
    """``'DZA;MAR'`` → ``['DZA', 'MAR']``; empty → ``[]``."""
    if not isinstance(value, str) or not value.strip():
        return []
    return [c.strip() for c in value.split(";") if c.strip()]

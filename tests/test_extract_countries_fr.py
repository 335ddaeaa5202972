"""Every state of the French reference table, and the organisations, resolve to their code."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers.data.countries import CAPITALS, STATE_BODIES, read_registry
from helpers.extraction.countries import (
    ORGANISATIONS,
    CountryFinder,
    drafting_columns,
    organisations,
    partners,
)

TABLE = Path(__file__).parent / "fixtures" / "extract" / "countries_fr.csv"
ROWS = list(csv.DictReader(TABLE.open(encoding="utf-8", newline="")))
# A bare "Maurice" is a first name far more often than the state; "île Maurice" is kept.
BARE_STOP = {"Maurice"}
FINDER = CountryFinder()


def _codes(text: str) -> set[str]:
    return {m.code for m in FINDER.find(text)}


@pytest.mark.parametrize("row", ROWS, ids=[r["iso3"] for r in ROWS])
def test_every_name_demonym_and_prefix_of_a_row_resolves_to_its_state(row: dict[str, str]) -> None:
    for name in filter(None, row["names"].split("|")):
        if name not in BARE_STOP:
            assert _codes(name) == {row["iso3"]}, name
    for demonym in filter(None, row["demonyms"].split("|")):
        assert _codes(f"un officier {demonym}") == {row["iso3"]}, demonym
    if row["prefix"]:
        assert _codes(f"la coopération {row['prefix']}malienne") == {row["iso3"], "MLI"}


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("les autorités nigériennes", {"NER"}),
        ("l'armée nigériane", {"NGA"}),
        ("le Niger et le Nigeria", {"NER", "NGA"}),
        ("des obus nord-coréens", {"PRK"}),
        ("la Corée du Nord", {"PRK"}),
        ("un industriel sud-coréen", {"KOR"}),
        ("la péninsule coréenne", set()),
        ("l'armée congolaise", set()),
        ("les shebab somaliens", {"SOM"}),
        ("un contingent sud-africain", {"ZAF"}),
        ("des drones émiriens", {"ARE"}),
        ("l'accès à l'eau potable", set()),
        ("les EAU ont livré des drones", {"ARE"}),
        ("le capitaine burkinabè", {"BFA"}),
        ("des soldats tchadiens", {"TCD"}),
        ("une diplomate ivoirienne", {"CIV"}),
        ("la Confédération suisse", {"CHE"}),
        ("le Capitaine Ibrahim Traoré, Président du Faso", {"BFA"}),
    ],
)
def test_ambiguous_state_forms(phrase: str, expected: set[str]) -> None:
    assert _codes(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("La CEDEAO a levé ses sanctions.", ("ECOWAS",)),
        ("la Cédéao et l'UE", ("ECOWAS", "EU")),
        ("le retrait de la MINUSMA", ("MINUSMA", "UN")),
        ("la Mission de formation de l'Union européenne au Mali", ("EU", "EUTM")),
        ("les instructeurs d'EUTM Mali", ("EU", "EUTM")),
        ("la Confédération des États du Sahel", ("AES", "BFA", "NER")),
        ("les aviations malienne et burkinabè de l'AES", ("AES", "BFA")),
        ("le Mali, le Burkina Faso et le Niger, membres de l'AES", ("AES", "BFA", "NER")),
        ("le G5-Sahel", ("G5SAHEL",)),
        ("Créé en 2014, le G5 n'a pas survécu.", ("G5SAHEL",)),
        ("la force Barkhane", ("BARKHANE", "FRA")),
        ("la task force Takuba", ("TAKUBA",)),
        ("l'Otan", ("NATO",)),
        ("l'UA a suspendu le Mali", ("AU",)),
        ("la situation actuelle", ()),
        ("EUCAP Sahel Niger", ("NER",)),
    ],
)
def test_organisations_are_partners_with_what_they_bring_along(
    phrase: str, expected: tuple[str, ...]
) -> None:
    assert partners(FINDER.find(phrase)) == expected


def test_an_organisation_name_masks_the_state_inside_it() -> None:
    found = FINDER.find(
        "la Mission multidimensionnelle intégrée des Nations unies pour la stabilisation au Mali"
    )
    assert [(m.code, m.form) for m in found] == [("MINUSMA", "organisation")]


REGISTRY = read_registry()


def test_the_drafting_organisations_are_the_registry_s_with_only_what_drafting_adds() -> None:
    with ORGANISATIONS.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["org_id", "with"]
        rows = list(reader)
    assert {r["org_id"] for r in rows} <= set(REGISTRY.organisations)
    for org_id, brings in drafting_columns().items():
        org = REGISTRY.organisations[org_id]
        assert set(brings) <= {org.parent, *org.members} - {"", "MLI"}, org_id
    assert {o.code: o.aliases for o in organisations().values()} == {
        o.org_id: o.aliases for o in REGISTRY.organisations.values()
    }


@pytest.mark.parametrize(
    ("org_id", "alias"),
    [(o.org_id, a) for o in read_registry().organisations.values() for a in o.aliases],
)
def test_every_registry_alias_of_an_organisation_is_found_as_it(org_id: str, alias: str) -> None:
    found = FINDER.find(f"Le Mali et {alias} ont parlé.")
    assert [m.code for m in found if m.form == "organisation"] == [org_id]


@pytest.mark.parametrize(("capital", "code"), sorted(CAPITALS.items()))
def test_every_capital_stands_for_its_state(capital: str, code: str) -> None:
    written = " ".join(w[:1].upper() + w[1:] for w in capital.split(" "))
    assert [m.code for m in FINDER.find(f"{written} a annoncé son retrait.")] == [code], written


@pytest.mark.parametrize(("body", "code"), sorted(STATE_BODIES.items()))
def test_every_state_body_stands_for_its_state(body: str, code: str) -> None:
    written = " ".join(w[:1].upper() + w[1:] for w in body.replace("-", "- ").split(" ")).replace(
        "- ", "-"
    )
    found = FINDER.find(f"Le commandant de la {written} a été reçu par le ministre.")
    assert [m.code for m in found] == [code], written
    # written in lower case, the words are no name (``le corps africain``)
    assert FINDER.find(f"Le commandant de la {body} a été reçu.") == []

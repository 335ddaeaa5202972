"""People and institutions: found by rank and function patterns, resolved across spellings."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.extraction.actors import FUZZY_THRESHOLD, Registry, find_institutions, find_people
from helpers.extraction.countries import CountryFinder

REGISTRY = Registry(
    pd.DataFrame(
        [
            ("MLI", "Mali", "country", "MLI", "Mali"),
            ("NER", "Niger", "country", "NER", "Niger|Niamey"),
            ("sadio-camara", "Sadio Camara", "person", "MLI", "Sadio CAMARA|colonel Sadio Camara"),
            ("ousmane-wele-diallo", "Ousmane Wélé Diallo", "person", "MLI", "Ousmane Wélé Diallo"),
            (
                "mli-cnt",
                "Conseil national de transition",
                "institution",
                "MLI",
                "Conseil national de transition|CNT",
            ),
            (
                "mli-defence",
                "Ministère de la Défense et des Anciens Combattants",
                "institution",
                "MLI",
                "Ministère de la Défense et des Anciens Combattants|ministère malien de la Défense",
            ),
        ],
        columns=["actor_id", "name", "kind", "country", "aliases"],
    )
)
FINDER = CountryFinder(REGISTRY.country_aliases)


def people(text: str, persons=()):
    return [
        (m.surface, m.kind, m.title, m.country)
        for m in find_people(text, persons, FINDER, REGISTRY)
    ]


@pytest.mark.parametrize(
    "spelling",
    [
        "Sadio CAMARA",
        "Sadio Camara",
        "SADIO CAMARA",
        "sadio camara",
        "colonel Sadio Camara",
        "Camara Sadio",
        "Sadio Camarra",
    ],
)
def test_one_person_across_spellings(spelling):
    assert REGISTRY.resolve_person(spelling) == "sadio-camara"


def test_accents_are_folded_for_matching_only():
    assert REGISTRY.resolve_person("Ousmane Wele Diallo") == "ousmane-wele-diallo"
    assert REGISTRY.get("ousmane-wele-diallo")["name"] == "Ousmane Wélé Diallo"


def test_another_first_name_is_another_person():
    assert REGISTRY.resolve_person("Sadio Keita") is None
    assert REGISTRY.resolve_person("Modibo Camara") is None
    assert FUZZY_THRESHOLD == 90


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("le Général de corps d’Armée, Sadio CAMARA a rencontré", "Général de corps d’Armée"),
        (
            "le Général de Corps d’Armée Sadio CAMARA Ministre de la Défense",
            "Général de Corps d’Armée",
        ),
        ("le colonel Sadio Camara, a souligné", "colonel"),
        ("Le Ministre Sadio Camara explique", "Ministre"),
    ],
)
def test_ranks_and_functions_give_the_title_as_written(text, title):
    found = people(text)
    assert found[0][:3] == ("Sadio CAMARA" if "CAMARA" in text else "Sadio Camara", "person", title)
    assert REGISTRY.resolve_person(found[0][0]) == "sadio-camara"


def test_new_person_gets_the_country_of_a_demonym_next_to_them():
    assert people("a reçu son homologue nigérien Salifou Mody") == [
        ("Salifou Mody", "person", "", "NER")
    ]


def test_new_person_gets_the_country_of_the_function_after_the_name():
    found = people("Birame DIOP, Ministre des Forces Armées du Sénégal a rendu hommage")
    assert found == [("Birame DIOP", "person", "Ministre des Forces Armées", "SEN")]


def test_demonym_before_the_rank_of_an_apposition():
    found = people("son homologue nigérien, le général Salifou Mody, en visite")
    assert found == [("Salifou Mody", "person", "général", "NER")]


def test_rank_then_name_with_particles():
    found = people("le général de brigade Mohamed Ould Cheikh a salué")
    assert found == [("Mohamed Ould Cheikh", "person", "général de brigade", "")]


def test_surname_alone_is_kept_for_resolution_within_the_article():
    assert people("Le colonel Camara a expliqué") == [("Camara", "surname", "colonel", "")]


def test_capitalised_words_that_are_not_people_are_left_out():
    assert people("à Saint-Pétersbourg, les Anciens Combattants et la Transition") == []
    assert people("Défense & Sécurité / Le Mali et le Sénégal") == []


def test_a_name_after_another_person_does_not_take_their_rank():
    found = people(
        "les deux chefs d'État, le colonel Assimi Goïta et Vladimir Poutine, ont estimé",
        persons=[(51, 67)],
    )
    assert found == [
        ("Assimi Goïta", "person", "colonel", ""),
        ("Vladimir Poutine", "person", "", ""),
    ]


def test_registry_institutions_by_alias_and_acronym():
    text = "les membres du Conseil national de transition (CNT) ont ratifié ; un accueil au ministère malien de la Défense"
    found = [
        (m.surface, REGISTRY.resolve_institution(m.surface))
        for m in find_institutions(text, (), REGISTRY, FINDER)
    ]
    assert found == [
        ("Conseil national de transition", "mli-cnt"),
        ("CNT", "mli-cnt"),
        ("ministère malien de la Défense", "mli-defence"),
    ]


def test_new_institution_from_an_organisation_headed_by_an_institution_noun():
    text = "l’Armée de la République du Niger et la CEDEAO"
    found = find_institutions(text, [(2, 34), (38, 44)], REGISTRY, FINDER)
    assert [(m.surface, m.country) for m in found] == [("Armée de la République du Niger", "NER")]


def test_empty_registry_resolves_nothing():
    empty = Registry()
    assert empty.resolve_person("Sadio Camara") is None
    assert empty.resolve_institution("CNT") is None
    assert empty.find_institutions("le CNT") == []


def _joint_registry() -> Registry:
    import pandas as pd

    return Registry(
        pd.DataFrame(
            [
                ("MLI", "Mali", "country", "MLI", "Mali"),
                (
                    "mar-mli-jmc",
                    "Commission militaire mixte Mali-Maroc",
                    "institution",
                    "",
                    "commission militaire mixte",
                ),
            ],
            columns=["actor_id", "name", "kind", "country", "aliases"],
        )
    )


def test_an_institution_alias_matches_only_its_own_partner():
    registry = _joint_registry()
    assert registry.institution_partners("mar-mli-jmc") == frozenset({"MAR"})
    assert registry.resolve_institution("commission militaire mixte", ("MAR",)) == "mar-mli-jmc"
    assert registry.resolve_institution("commission militaire mixte", ("GIN",)) is None
    assert registry.resolve_institution("commission militaire mixte") == "mar-mli-jmc"


def test_a_new_partners_joint_commission_is_a_new_institution():
    from helpers.extraction.article import extract_article

    text = "La première session de la Commission militaire mixte entre le Mali et la Guinée s'est ouverte le 9 juin 2025 à Bamako."
    result = extract_article(
        {"article_id": "t01", "published": "2025-06-10", "title": ""}, text, _joint_registry()
    )
    (event,) = [e for e in result.events if e["event_type"] == "joint_commission"]
    actors = {p["actor"] for p in result.participants if p["event"] == event["event"]}
    assert "mar-mli-jmc" not in actors
    assert any(a.startswith("new:institution:") for a in actors)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Le Ministre Sadio Camara a reçu la délégation.", ["Sadio Camara"]),
        (
            "Les chefs d'État ont créé la Confédération des États du Sahel, selon le Général Assimi Goïta.",
            ["Assimi Goïta"],
        ),
        (
            "Le Comité Mixte Algéro-Malien, présidé par le Général Omar Tlemçani, a tenu sa session.",
            ["Omar Tlemçani"],
        ),
        (
            "Vingt stagiaires iront à l'École de maintien de la Paix Alioune Blondin Bèye de Bamako.",
            [],
        ),
    ],
)
def test_bodies_and_titles_are_not_part_of_a_name(sentence, expected):
    spans = (
        [(sentence.index("Confédération"), sentence.index(", selon"))]
        if "Confédération" in sentence
        else []
    )
    assert [m.surface for m in find_people(sentence, spans) if m.kind == "person"] == expected


def test_the_country_of_an_ambassador_is_the_one_he_represents():
    (m,) = find_people(
        "Son Excellence Monsieur Ahmet Kerem AYDIN, Ambassadeur de la République de Türkiye au Mali, a été reçu."
    )
    assert (m.country, m.title) == ("TUR", "Ambassadeur de la République de Türkiye au Mali")
    (m,) = find_people("Monsieur Jean Dupont, Ambassadeur au Mali, a été reçu.")
    assert m.country == ""

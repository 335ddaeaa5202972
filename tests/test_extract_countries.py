"""Countries in French text: names, demonyms, compounds, capitals; Mali is never a partner."""

from __future__ import annotations

import pytest

from helpers.extraction.countries import CountryFinder, default_finder, partners, with_metonyms


def codes(text: str, finder: CountryFinder | None = None) -> list[str]:
    return [m.code for m in (finder or default_finder()).find(text)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("la coopération avec l’Algérie", "DZA"),
        ("la Fédération de Russie", "RUS"),
        ("la Russie", "RUS"),
        ("la Côte d’Ivoire", "CIV"),
        ("la Guinée-Bissau", "GNB"),
        ("la Guinée", "GIN"),
        ("le Burkina Faso", "BFA"),
        ("les États-Unis", "USA"),
        ("les Etats-Unis", "USA"),
        ("la République Démocratique Populaire de l’Algérie", "DZA"),
        ("le Nigeria", "NGA"),
        ("le Niger", "NER"),
    ],
)
def test_country_names_from_pycountry_french_names(text, code):
    assert codes(text) == [code]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("son homologue sénégalais", "SEN"),
        ("la délégation Sénégalaise", "SEN"),
        ("les officiers algériens", "DZA"),
        ("la partie marocaine", "MAR"),
        ("les militaires nigériens", "NER"),
        ("le ministre burkinabè", "BFA"),
        ("les Burkinabè", "BFA"),
        ("un diplomate ivoirien", "CIV"),
        ("le ministre mauritanien", "MRT"),
        ("la partie guinéenne", "GIN"),
        ("les forces tchadiennes", "TCD"),
        ("des drones turcs", "TUR"),
        ("une entreprise chinoise", "CHN"),
        ("les troupes françaises", "FRA"),
        ("l'armée américaine", "USA"),
        ("la partie russe", "RUS"),
    ],
)
def test_demonyms_in_every_gender_and_number(text, code):
    assert codes(text) == [code]


def test_compound_adjective_gives_both_countries():
    found = default_finder().find("le Comité Mixte algéro-malien")
    assert [(m.code, m.form) for m in found] == [("DZA", "compound"), ("MLI", "compound")]
    assert partners(found) == ("DZA",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mali-Russie : l'avenir est prometteur", ("RUS",)),
        ("le 2è Sommet Russie-Afrique", ("RUS",)),
        ("la coopération franco-malienne", ("FRA",)),
        ("le partenariat sino-malien", ("CHN",)),
        ("la commission mixte mali-guinéenne", ("GIN",)),
        ("les relations sénégalo-maliennes", ("SEN",)),
    ],
)
def test_compound_forms_and_afrique_is_not_a_country(text, expected):
    assert partners(default_finder().find(text)) == expected


def test_capitals_stand_for_their_state():
    found = default_finder().find("Ce rapprochement entre Bamako et Rabat")
    assert [(m.code, m.form) for m in found] == [("MLI", "capital"), ("MAR", "capital")]
    assert partners(found) == ("MAR",)


def test_mali_is_never_a_partner():
    assert partners(
        default_finder().find(
            "le Mali et le Sénégal ; les forces maliennes ; la République du Mali"
        )
    ) == ("SEN",)
    assert partners(default_finder().find("le Mali")) == ()


def test_multilateral_sentence_names_every_partner():
    found = default_finder().find(
        "Les ministres du Mali, du Burkina Faso et du Niger se sont réunis"
    )
    assert partners(found) == ("BFA", "NER")


def test_lower_case_words_are_not_country_names():
    assert codes("une chine de montage, la france-culture") == []


def test_language_after_en_is_not_a_country():
    assert codes("un document traduit en russe") == []


def test_offsets_point_at_the_words_found():
    text = "Le général, homologue sénégalais, a quitté Dakar."
    for m in default_finder().find(text):
        assert text[m.start : m.end] in ("sénégalais", "Dakar")


def test_registry_aliases_add_names():
    finder = CountryFinder({"Sénou": "MLI", "Tombouctou": "MLI", "Agadez": "NER"})
    assert codes("une patrouille près d'Agadez", finder) == ["NER"]


def test_bruxelles_is_the_union_in_an_article_that_names_it_and_belgium_otherwise():
    finder = default_finder()
    texts = [
        "La mission de formation de l'UE (EUTM) a fermé.",
        "Bruxelles avait gelé les formations.",
    ]
    mentions = with_metonyms(texts, [finder.find(t) for t in texts])
    assert [m.code for m in mentions[1]] == ["EU"]
    alone = ["Bruxelles a livré des véhicules."]
    assert [m.code for m in with_metonyms(alone, [finder.find(t) for t in alone])[0]] == ["BEL"]
    belgian = ["L'attaché belge a salué l'UE.", "Bruxelles forme des officiers."]
    got = with_metonyms(belgian, [finder.find(t) for t in belgian])
    assert [m.code for m in got[1]] == ["BEL"]


def test_a_mission_described_is_the_mission_the_article_names():
    finder = default_finder()
    texts = [
        "La MINUSMA a quitté Kidal.",
        "Le Bundestag a voté la fin de la participation allemande à la mission onusienne.",
        "Le départ des Casques bleus tchadiens est prévu en décembre.",
        "La mission des Nations unies a fermé ses camps.",
    ]
    got = with_metonyms(texts, [finder.find(t) for t in texts])
    assert [m.code for m in got[1]] == ["DEU", "MINUSMA"]
    assert [m.code for m in got[2]] == ["MINUSMA", "TCD"]
    assert [m.code for m in got[3]] == ["MINUSMA"]  # in place of the Nations unies it holds
    assert partners(got[1]) == ("DEU", "MINUSMA", "UN")
    # an article that does not name the mission keeps the description as it is
    alone = ["Le Bundestag a voté la fin de la participation allemande à la mission onusienne."]
    assert [m.code for m in with_metonyms(alone, [finder.find(t) for t in alone])[0]] == ["DEU"]
    eu = ["EUTM Mali a formé douze bataillons.", "La mission européenne de formation a fermé."]
    assert [m.code for m in with_metonyms(eu, [finder.find(t) for t in eu])[1]] == ["EUTM"]
    g5 = [
        "Le G5 Sahel réunit cinq pays.",
        "Créée en 2017, la force conjointe a mené huit opérations.",
    ]
    assert [m.code for m in with_metonyms(g5, [finder.find(t) for t in g5])[1]] == ["G5SAHEL"]
    # an article that names the AES too may mean its force: left as it is
    both = [*g5, "L'AES a annoncé sa propre force unifiée."]
    assert [m.code for m in with_metonyms(both, [finder.find(t) for t in both])[1]] == []


def test_the_alliance_by_its_capitalised_common_noun_is_the_aes_the_article_names():
    finder = default_finder()

    def codes(texts: list[str]) -> list[list[str]]:
        return [
            [m.code for m in ms] for ms in with_metonyms(texts, [finder.find(t) for t in texts])
        ]

    texts = [
        "Le Niger a rejoint la Confédération des États du Sahel (AES) en 2023.",
        "Les ministres de l'Alliance doivent se réunir à Niamey.",
        "La Force unifiée de la Confédération a été lancée.",
        "L'alliance avec le Tchad reste étroite.",  # not capitalised: a common noun
    ]
    assert codes(texts)[1:] == [["AES", "NER"], ["AES"], ["TCD"]]
    # an article that does not name the AES, or that names NATO too, keeps the noun as it is
    assert codes(texts[1:2]) == [["NER"]]
    assert codes(["L'AES et l'OTAN ont parlé.", texts[1]])[1] == ["NER"]

"""An event told on the occasion of an encounter shares its date. The texts are written for the
tests."""

from __future__ import annotations

import pandas as pd

from helpers.extraction.actors import Registry
from helpers.extraction.article import extract_article
from helpers.extraction.occasions import on_occasion
from helpers.extraction.triggers import Trigger

REGISTRY = Registry(
    pd.DataFrame(
        [("MLI", "Mali", "country", "MLI", "Mali")],
        columns=["actor_id", "name", "kind", "country", "aliases"],
    )
)


def rows(text: str, published: str) -> set[tuple[str, str, str, str]]:
    result = extract_article(
        {"article_id": "t", "published": published, "title": ""}, text, REGISTRY
    )
    return {
        (e["event_type"], e["partners"], e["date_start"], e["date_basis"]) for e in result.events
    }


def _at(sentence: str, word: str, event_type: str) -> Trigger:
    start = sentence.index(word)
    return Trigger(start, start + len(word), event_type, "test")


def test_an_event_told_on_the_occasion_of_an_encounter():
    s = "Le protocole a été signé à l'occasion de la visite du ministre."
    assert on_occasion(s, _at(s, "signé", "agreement_signature"), _at(s, "visite", "visit"))
    s = "La visite du ministre, en mai, au cours de laquelle un accord a été signé."
    assert on_occasion(s, _at(s, "signé", "agreement_signature"), _at(s, "visite", "visit"))
    # another order, no occasion word, or two encounters: not this link
    assert not on_occasion(s, _at(s, "visite", "visit"), _at(s, "signé", "agreement_signature"))
    s = "Le protocole a été signé, puis la visite du ministre a pris fin."
    assert not on_occasion(s, _at(s, "signé", "agreement_signature"), _at(s, "visite", "visit"))
    s = "La réunion s'est tenue lors de la visite du ministre."
    assert not on_occasion(s, _at(s, "réunion", "meeting"), _at(s, "visite", "visit"))


def test_the_encounter_and_the_event_share_the_date_the_text_gives_one_of_them():
    got = rows(
        "Le mémorandum de coopération militaire signé à Bamako en février 2024, à l'occasion de "
        "la visite du Premier ministre biélorusse, a été ratifié en juillet.",
        "2025-01-10",
    )
    assert ("agreement_signature", "BLR", "2024-02", "stated") in got
    assert ("visit", "BLR", "2024-02", "inferred") in got
    got = rows(
        "La visite à Bamako du ministre biélorusse de la Défense, en décembre 2023, au cours de "
        "laquelle les deux pays ont signé un mémorandum d'entente, a marqué un tournant.",
        "2025-01-10",
    )
    assert {r[:3] for r in got} >= {
        ("visit", "BLR", "2023-12"),
        ("agreement_signature", "BLR", "2023-12"),
    }


def test_an_encounter_referred_back_to_takes_no_date_from_the_sentence():
    got = rows(
        "Le chef d'état-major adjoint a reçu en audience, le mardi 14 janvier, l'attaché de "
        "défense allemand. Au cours de cette audience, les deux officiers ont évoqué les soldats "
        "allemands déployés, en décembre 2023, au sein de la MINUSMA.",
        "",
    )
    assert ("meeting", "DEU", "", "") in got


def test_what_those_the_sentence_opens_gathered_decide_is_on_the_occasion_of_their_meeting():
    s = "Réunis en sommet le 20 août, les chefs d'État ont suspendu le Mali de leurs instances."
    summit = Trigger(0, s.index("les chefs") + len("les chefs d'État"), "summit", "test")
    assert on_occasion(s, _at(s, "suspendu", "suspension"), summit)
    # a gathering told after the decision, or not opening the sentence, is no such link
    later = "Le Mali a été suspendu, puis réunis en sommet, les chefs d'État ont parlé."
    assert not on_occasion(
        later, _at(later, "suspendu", "suspension"), _at(later, "réunis en sommet", "summit")
    )
    got = rows(
        "Réunis en sommet extraordinaire à Abuja le 20 août 2020, les chefs d'État de la CEDEAO ont "
        "suspendu le Mali de leurs organes de décision.",
        "2020-08-22",
    )
    assert ("suspension", "ECOWAS", "2020-08-20", "inferred") in got  # from the summit
    assert ("summit", "ECOWAS", "2020-08-20", "stated") in got

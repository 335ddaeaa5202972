"""Trigger phrases → event types; anaphors; the conditions that keep false triggers out."""

from __future__ import annotations

import pytest

from helpers.extraction.triggers import CAMEO, Token, find_triggers, is_contained, session_number
from helpers.text.normalize import fold


def kinds(sentence: str, **kw) -> list[tuple[str, bool]]:
    return [(t.event_type, t.anaphoric) for t in find_triggers(sentence, **kw)]


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("Le ministre a rencontré son homologue.", "meeting"),
        ("Les deux ministres se sont entretenus à Bamako.", "meeting"),
        ("Il a reçu en audience l'ambassadeur.", "meeting"),
        ("La délégation est en visite à Bamako.", "visit"),
        ("Le ministre s'est rendu à Moscou.", "visit"),
        ("Il a pris part au sommet de l'Union africaine.", "summit"),
        ("Un accord de défense a été signé.", "agreement_signature"),
        ("Le Parlement a ratifié la convention.", "agreement_ratification"),
        ("Une commission militaire mixte a été créée.", "institution_creation"),
        ("Les deux pays ont officiellement lancé une commission mixte.", "institution_creation"),
        ("Le Mali a réceptionné un lot de véhicules blindés.", "delivery"),
        ("La livraison de deux hélicoptères a eu lieu.", "delivery"),
        ("Il a annoncé l'envoi de stagiaires en Russie.", "training"),
        ("Un exercice militaire conjoint a eu lieu.", "training"),
        ("Les deux parties ont publié un communiqué conjoint.", "statement"),
    ],
)
def test_trigger_phrases_map_to_event_types(sentence, event_type):
    assert kinds(sentence) == [(event_type, False)]


def test_every_type_has_its_cameo_code_or_none():
    assert CAMEO["visit"] == "042"
    assert CAMEO["agreement_signature"] == "057"
    assert CAMEO["delivery"] == "072"
    assert CAMEO["agreement_ratification"] == ""


def test_signed_minutes_are_not_an_agreement():
    assert kinds("A l'issue des travaux, un procès-verbal a été signé entre les 2 parties.") == []


def test_agreement_named_by_its_date_is_a_signature():
    sentence = "de mettre en œuvre pleinement l'accord cadre de 2021"
    start = sentence.index("de 2021")
    assert kinds(sentence, date_starts=[(start, "de")]) == [("agreement_signature", False)]
    assert kinds(sentence) == []


def test_session_needs_a_joint_body():
    assert kinds("la 16ème session du Comité Mixte algéro-malien") == [("joint_commission", False)]
    assert kinds("lors d'une session plénière présidée par le président") == []
    assert kinds("sa 15ème et dernière Session s'est tenue à Alger") == []
    assert kinds("sa 15ème et dernière Session s'est tenue à Alger", article_joint=True) == [("joint_commission", False)]


def test_session_number_from_digits_and_words():
    assert [t.session for t in find_triggers("La première session du comité mixte a eu lieu")] == [1]
    assert [t.session for t in find_triggers("la 16ème session du Comité Mixte")] == [16]
    assert [t.session for t in find_triggers("le 2è Sommet Russie-Afrique")] == [2]
    assert session_number(fold("sa 15ème et dernière "), 21) == 15


def test_habitual_meetings_are_not_events():
    assert kinds("Ce Comité se réunit tous les ans et tient ses réunions alternativement au Mali et en Algérie.") == []


def test_negated_signature_is_not_an_event():
    assert kinds("L'accord n'a toujours pas été signé.") == []


def test_infinitives_state_no_event():
    sentence = "Ils se sont réunis pour examiner la question"
    assert kinds(sentence) == [("meeting", False)]
    sentence = "C'est un honneur de rencontrer les experts"
    assert kinds(sentence) == []
    sentence = "Il a pour mission de visite les camps"
    at = sentence.index("visite")
    assert kinds(sentence, tokens=[Token(at, "VERB", "Inf")]) == []
    assert kinds("pour signer un accord") == []


def test_a_verb_trigger_must_be_a_verb():
    sentence = "Un accord est un signe de confiance"
    at = sentence.index("signe")
    assert kinds(sentence, tokens=[Token(at, "NOUN")]) == []
    sentence = "Un accord a été signé hier"
    at = sentence.index("signé")
    assert kinds(sentence, tokens=[Token(at, "VERB", "Part", "Past")]) == [("agreement_signature", False)]


def test_future_tense_makes_an_event_announced():
    sentence = "Une délégation effectuera une visite à Moscou"
    at = sentence.index("effectuera")
    found = find_triggers(sentence, tokens=[Token(at, "VERB", "Fin", "Fut")])
    assert [t.factuality for t in found] == ["announced"]


def test_difficulties_encountered_are_not_a_meeting():
    assert kinds("les difficultés rencontrées par les forces") == []
    assert kinds("il est allé à la rencontre des populations") == []


def test_summit_of_the_state_is_not_a_summit():
    assert kinds("au sommet de l'État") == []


def test_demonstrative_noun_is_an_anaphor():
    found = find_triggers("Au cours de cette rencontre, le général a salué la fraternité")
    assert [(t.anaphoric, t.families[0]) for t in found] == [(True, "meeting")]
    found = find_triggers("Il espère que ces travaux de 3 jours permettront")
    assert [(t.anaphoric, t.families[0]) for t in found] == [(True, "joint_commission")]
    found = find_triggers("pour la tenue de ce Comité Mixte algéro-malien")
    assert [(t.anaphoric, t.families[0]) for t in found] == [(True, "joint_commission")]


def test_visit_to_an_event_already_told_is_an_anaphor():
    found = find_triggers("la première visite du président de la Transition à ce grand rendez-vous")
    assert [(t.event_type, t.anaphoric) for t in found] == [("", True)]


def test_announced_and_planned_events():
    assert [t.factuality for t in find_triggers("le ministre a annoncé l'envoi de stagiaires en Russie")] == ["announced"]
    assert [t.factuality for t in find_triggers("la prochaine session de la commission mixte")] == ["announced"]
    assert [t.factuality for t in find_triggers("une visite est prévue en mars")] == ["planned"]
    assert [t.factuality for t in find_triggers("la visite a eu lieu en mars")] == ["occurred"]


def test_meeting_at_a_summit_is_contained_in_it():
    sentence = "Lors de leur rencontre au sommet de Saint-Pétersbourg, les deux chefs d'État ont estimé"
    meeting, summit = find_triggers(sentence)
    assert (meeting.event_type, summit.event_type) == ("meeting", "summit")
    assert is_contained(sentence, meeting, summit)
    assert not is_contained(sentence, summit, meeting)


def test_meeting_told_with_a_visit_is_contained_in_it():
    sentence = "Il a rencontré son homologue en visite de 72 heures à Bamako."
    meeting, visit = find_triggers(sentence)
    assert is_contained(sentence, meeting, visit)

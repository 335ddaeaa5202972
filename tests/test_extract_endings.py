"""Trigger families for the ends of a partnership, joint operations and delivery wordings, and
the bare weekday read against the publication date (sentences written for these tests)."""

from __future__ import annotations

import pytest

from helpers.extraction.dates import find_dates, resolve
from helpers.extraction.triggers import CAMEO, find_triggers


def _types(sentence: str) -> list[str]:
    return [t.event_type for t in find_triggers(sentence) if not t.anaphoric]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Le gouvernement a annoncé la dénonciation du traité de défense.",
            "agreement_termination",
        ),
        ("Bamako dénonce l'accord de coopération militaire.", "agreement_termination"),
        ("Le pays a claqué la porte de l'organisation régionale.", "agreement_termination"),
        ("Le Mali a annoncé son retrait du G5 Sahel.", "agreement_termination"),
        ("Le pays exige le retrait sans délai de la mission onusienne.", "withdrawal"),
        ("Le Conseil a mis fin au mandat de la mission le 30 juin.", "withdrawal"),
        ("Le contingent a plié bagage en août.", "withdrawal"),
        ("Le non-renouvellement du mandat a été acté.", "withdrawal"),
        (
            "Le Mali a annoncé la rupture de ses relations diplomatiques avec ce pays.",
            "relations_break",
        ),
        ("Le gouvernement a décidé l'expulsion de l'ambassadeur de ce pays.", "relations_break"),
        (
            "Les trois États ont rappelé leurs ambassadeurs en poste dans la capitale voisine.",
            "relations_break",
        ),
        ("La partie européenne a suspendu les formations opérationnelles.", "suspension"),
        (
            "Les deux armées ont conduit une série de patrouilles mixtes le long de la frontière.",
            "joint_operation",
        ),
        (
            "Les forces ont mené une opération conjointe dans la zone des trois frontières.",
            "joint_operation",
        ),
        ("L'armée a réceptionné un nouveau lot de drones armés.", "delivery"),
        ("La cession de véhicules blindés aux forces armées a été saluée.", "delivery"),
        ("Un don de deux ambulances a été fait au service de santé.", "delivery"),
    ],
)
def test_each_family_has_its_trigger(sentence: str, expected: str) -> None:
    assert expected in _types(sentence)


def test_suspended_joint_operations_are_a_suspension_only() -> None:
    types = _types("Paris avait suspendu ses opérations militaires conjointes avec l'armée.")
    assert "suspension" in types
    assert "joint_operation" not in types


def test_an_organisation_suspending_mali_from_its_bodies_is_a_suspension() -> None:
    # The development, held-out and blind gold tables all code it so (CAMEO 162).
    assert "suspension" in _types("L'organisation a suspendu le Mali de ses instances.")


def test_endings_have_the_contract_cameo_codes() -> None:
    assert [
        CAMEO[t]
        for t in (
            "agreement_termination",
            "withdrawal",
            "relations_break",
            "suspension",
            "joint_operation",
            "statement",
        )
    ] == [
        "160",
        "166",
        "161",
        "162",
        "062",
        "010",
    ]


def test_a_bare_weekday_is_the_nearest_such_day_before_publication() -> None:
    (mention,) = find_dates("L'armée a réceptionné jeudi soir quatre hélicoptères.")
    value = resolve(mention, "2021-10-01")
    assert (value.start, value.end, value.basis) == ("2021-09-30", "2021-09-30", "relative")
    assert "publication" in value.note


def test_a_bare_weekday_without_a_publication_day_stays_undated() -> None:
    (mention,) = find_dates("Le ministre a annoncé lundi soir la décision.")
    assert resolve(mention, "2021").start == ""


def test_a_weekday_with_its_date_is_the_date_itself() -> None:
    values = [
        resolve(m, "2024-07-20") for m in find_dates("du lundi 15 au mercredi 17 juillet 2024")
    ]
    assert [(v.start, v.end) for v in values] == [("2024-07-15", "2024-07-17")]


def test_a_joint_statement_that_carries_another_event_is_its_evidence():
    types = _types(
        "Le 28 janvier 2024, les trois pays ont annoncé, dans un communiqué conjoint, leur retrait sans délai de la Communauté régionale."
    )
    assert "statement" not in types and "agreement_termination" in types


def test_a_joint_statement_alone_is_an_event():
    assert _types("Les deux pays ont publié un communiqué conjoint le 3 mars.") == ["statement"]


def test_a_participle_after_an_auxiliary_the_tagger_calls_an_infinitive_is_still_a_trigger():
    from helpers.extraction.triggers import Token

    sentence = "La partie européenne avait unilatéralement suspendu les formations."
    start = sentence.index("suspendu")
    assert [t.event_type for t in find_triggers(sentence, [Token(start, "VERB", "Inf")])] == [
        "suspension"
    ]
    sentence = "Le pays envisage de suspendre les formations."
    assert find_triggers(sentence, [Token(sentence.index("suspendre"), "VERB", "Inf")]) == []

"""Clauses, governed phrases and dates of one sentence in the extraction of an article
(sentences written for these tests)."""

from __future__ import annotations

import pytest
from test_extract_articles import events, run

from helpers.extraction.dates import find_dates, resolve, with_year
from helpers.extraction.triggers import find_triggers


def test_a_date_in_a_clause_without_trigger_leaves_a_dated_clause_alone():
    text = "Le coup d'État, en mai 2021, a tout changé : la France a suspendu, en juin 2021, ses opérations conjointes avec l'armée malienne."
    _, draft = run(text)
    assert events(draft) == [("suspension", "FRA", "2021-06", "2021-06", "month", "stated")]


def test_each_clause_of_a_list_is_its_own_event():
    text = "Le Niger a suspendu sa coopération en janvier 2022 ; le Tchad a livré des blindés au Mali en mars 2023."
    _, draft = run(text)
    assert events(draft) == [
        ("delivery", "TCD", "2023-03", "2023-03", "month", "stated"),
        ("suspension", "NER", "2022-01", "2022-01", "month", "stated"),
    ]


def test_a_relative_clause_refers_to_the_party_before_it():
    text = "Les forces de la France sont restées, comme celles du Tchad, dont les derniers éléments ont plié bagage en juin 2022."
    _, draft = run(text)
    assert events(draft) == [("withdrawal", "TCD", "2022-06", "2022-06", "month", "stated")]


def test_the_phrase_a_trigger_governs_gives_its_partner():
    text = "Le 2 mai 2022, Bamako a dénoncé l'accord de défense avec la France, privant de base la présence de la Russie."
    _, draft = run(text)
    assert events(draft) == [
        ("agreement_termination", "FRA", "2022-05-02", "2022-05-02", "day", "stated")
    ]


def test_an_agreement_named_by_its_year_under_a_denunciation_is_no_signature():
    types = [
        t.event_type
        for t in find_triggers(
            "Le pays a dénoncé le traité de défense de 2014.", date_starts=[(39, "de")]
        )
    ]
    assert "agreement_signature" not in types and "agreement_termination" in types


def test_end_of_a_month_without_year():
    (d,) = find_dates("Les derniers éléments sont partis à la fin juin.")
    value = resolve(d, "2022-08-20")
    assert (value.start, value.precision, value.basis) == ("2022-06", "month", "relative")


def test_month_of_the_same_year_takes_the_year_told_before():
    dates = find_dates(
        "Après la dénonciation, en mai 2022, l'opération avait achevé son retrait en août de la même année."
    )
    assert [d.kind for d in dates] == ["month", "month"]
    assert not resolve(dates[1], "2024-01-10").dated
    value = resolve(with_year(dates[1], "2022"))
    assert (value.start, value.basis) == ("2022-08", "inferred")


def test_month_of_the_same_year_in_an_article():
    text = "La France a dénoncé en mai 2022 ses accords de défense. Barkhane a achevé son retrait du Mali en août de la même année."
    _, draft = run(text, published="2024-01-10")
    assert ("withdrawal", "BARKHANE;FRA", "2022-08", "2022-08", "month", "inferred") in events(
        draft
    )


@pytest.mark.parametrize(
    ("said", "kind", "expected"),
    [
        ("Le 11 janvier de cette année-là, la France lançait l'opération.", "day", "2013-01-11"),
        ("Le 3 mars de la même année, les deux pays signaient un accord.", "day", "2013-03-03"),
        ("Cette année-là, la Suède avait déployé une unité.", "year", "2013"),
        ("La même année, la Suède avait déployé une unité.", "year", "2013"),
        ("Des techniciens y avaient été formés l'année suivante.", "year", "2014"),
        ("L'année précédente, un accord avait été signé.", "year", "2012"),
    ],
)
def test_a_date_of_that_year_takes_the_year_told_before(said, kind, expected):
    (d,) = find_dates(said)
    assert d.kind == kind
    assert not resolve(d, "2024-01-10").dated  # without the year told before, no date
    value = resolve(with_year(d, "2013"), "2024-01-10")
    assert (value.start, value.basis) == (expected, "inferred")


def test_this_year_is_not_that_year():
    (d,) = find_dates("Cette année, le Mali a reçu deux avions.")
    assert (d.kind, resolve(d, "2024-01-10").start) == ("relative", "2024")


def test_a_date_some_time_later_takes_the_year_of_the_date_told_before():
    text = (
        "Le 16 juillet 2014, la France et le Mali signaient un traité de coopération en matière de défense. "
        "Deux semaines plus tard, le 1er août, la France déclenchait l'opération Barkhane. "
        "Trois mois plus tard, en janvier, les deux armées lançaient des patrouilles conjointes."
    )
    _, draft = run(text, published="2022-08-20")
    got = sorted((e[0], e[2], e[5]) for e in events(draft))
    # January after August is 2015, a year the text does not write: no date is recorded
    assert got == [
        ("agreement_signature", "2014-07-16", "stated"),
        ("joint_operation", "", ""),
        ("joint_operation", "2014-08-01", "inferred"),
    ]
    written = text.replace(
        "lançaient des patrouilles conjointes.",
        "lançaient, pour la première fois de 2015, des patrouilles conjointes.",
    )
    _, draft = run(written, published="2022-08-20")
    assert ("joint_operation", "2015-01", "inferred") in {(e[0], e[2], e[5]) for e in events(draft)}


def test_demonstrative_equipment_refers_back_to_the_delivery():
    text = (
        "L'armée a réceptionné le 19 décembre 2023 un lot de drones armés livrés par la Turquie. "
        "Ces engins ont été présentés aux autorités. La réception de ces appareils a été saluée."
    )
    _, draft = run(text)
    assert events(draft) == [("delivery", "TUR", "2023-12-19", "2023-12-19", "day", "stated")]
    assert len(draft.mentions) == 3


def test_a_new_batch_of_those_aircraft_is_a_new_delivery_with_its_own_date():
    text = (
        "L'armée a réceptionné le 19 décembre 2023 un lot de drones armés livrés par la Turquie. "
        "Un premier lot de ces appareils avait été réceptionné en décembre 2022."
    )
    _, draft = run(text)
    assert [e[2] for e in events(draft)] == ["2022-12", "2023-12-19"]


def test_a_sentence_opening_with_the_meeting_refers_back_to_it():
    text = (
        "Le ministre a reçu en audience le 11 mars 2025 l'ambassadeur de la Turquie. "
        "La rencontre a permis de passer en revue la coopération avec la Russie."
    )
    _, draft = run(text)
    assert events(draft) == [("meeting", "TUR", "2025-03-11", "2025-03-11", "day", "stated")]


def test_an_undated_sentence_takes_the_date_of_the_previous_one_on_the_same_story():
    text = (
        "Le 2 mai 2022, le Mali a dénoncé le traité de défense qui le liait à la France. "
        "Il a également annoncé la fin des accords sur le statut des forces de l'opération Barkhane."
    )
    _, draft = run(text)
    rows = draft.events.set_index("partners")
    assert rows.loc["BARKHANE;FRA", ["date_start", "date_basis"]].tolist() == [
        "2022-05-02",
        "inferred",
    ]
    assert "taken from the previous sentence" in rows.loc["BARKHANE;FRA", "notes"]
    assert rows.loc["FRA", "date_basis"] == "stated"


def test_a_date_told_of_another_kind_of_event_is_not_inherited():
    text = (
        "Le Mali et le Sénégal ont signé un accord de défense le 14 février 2008. "
        "Une rencontre entre les deux ministres a porté sur la sécurité."
    )
    _, draft = run(text)
    meeting = draft.events[draft.events.event_type == "meeting"].iloc[0]
    assert meeting.date_start == ""


def test_a_month_report_does_not_bridge_two_distinct_days():
    from test_extract_articles import REGISTRY

    from helpers.extraction.article import extract_article
    from helpers.extraction.merge import merge_articles

    texts = {
        "a1": "Le Mali a exigé le 16 juin 2023 le retrait de la MINUSMA.",
        "a2": "Le Conseil a mis fin au mandat de la MINUSMA le 30 juin 2023.",
        "a3": "La MINUSMA, sommée de partir en juin 2023, a plié bagage.",
    }
    results = [
        extract_article({"article_id": k, "published": "2024-01-10", "title": ""}, t, REGISTRY)
        for k, t in texts.items()
    ]
    draft = merge_articles(results, REGISTRY)
    days = sorted(draft.events.loc[draft.events.date_precision == "day", "date_start"])
    assert days == ["2023-06-16", "2023-06-30"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("L'ambassadeur de France avait été expulsé dès janvier 2022.", "relations_break"),
        (
            "Le G5 Sahel, quitté le 15 mai 2022, ne compte plus que quatre membres.",
            "agreement_termination",
        ),
        ("La mission, sommée de partir en juin 2023, a achevé son retrait.", "withdrawal"),
    ],
)
def test_endings_told_in_a_list_of_recaps(sentence, expected):
    assert expected in [t.event_type for t in find_triggers(sentence)]


@pytest.mark.parametrize(
    ("sentence", "meeting"),
    [
        ("Un pilote rencontré sur place a confirmé l'arrivée des avions.", False),
        ("Le ministre avait déjà rencontré son homologue sénégalais.", True),
        ("Les deux ministres se sont rencontrés à Dakar.", True),
    ],
)
def test_a_participle_qualifying_a_noun_is_no_meeting(sentence, meeting):
    assert ("meeting" in [t.event_type for t in find_triggers(sentence)]) is meeting


def test_habitual_training_is_no_event():
    assert (
        find_triggers(
            "Au fil des ans, des centaines de cadres ont été formés dans les écoles du pays."
        )
        == []
    )


def test_a_stated_date_beats_a_conflicting_relative_one():
    text = "La coopération russo-malienne repose sur l'accord de défense signé en 2019, qui en constitue aujourd'hui le socle."
    _, draft = run(text, published="2022-08-10")
    assert events(draft) == [("agreement_signature", "RUS", "2019", "2019", "year", "stated")]


def test_a_meeting_told_first_with_the_definite_article_is_an_event():
    _, draft = run("La rencontre a eu lieu le 3 mars 2025 à Dakar avec le ministre sénégalais.")
    assert events(draft) == [("meeting", "SEN", "2025-03-03", "2025-03-03", "day", "stated")]

"""What a trigger governs: its clause's partners, places that are no party, endings told as
background (sentences written for these tests)."""

from __future__ import annotations

import pytest

from helpers.extraction.countries import default_finder, partners
from helpers.extraction.scope import (
    clause_bounds,
    governed,
    is_background,
    is_place_use,
    membership_left,
    parties_of,
    provided_for,
)
from helpers.extraction.triggers import find_triggers


def _partners_of(sentence: str, word: str) -> tuple[str, ...]:
    start = sentence.index(word)
    return partners(governed(sentence, default_finder().find(sentence), start, start + len(word)))


def test_clause_is_cut_at_semicolons_and_colons() -> None:
    text = "Le Tchad a livré des blindés ; le Niger a signé un accord : fin."
    lo, hi = clause_bounds(text, text.index("signé"))
    assert text[lo:hi].strip() == "le Niger a signé un accord"


def test_a_comma_before_a_new_subject_cuts_the_clause() -> None:
    sentence = (
        "La force Takuba a plié bagage en 2022, et la mission de formation de l'UE ne survit plus."
    )
    assert _partners_of(sentence, "plié bagage") == ("TAKUBA",)
    sentence = "Le Tchad a retiré ses soldats en 2023, tandis que le Niger restait."
    assert _partners_of(sentence, "retiré") == ("TCD",)
    sentence = "Le Mali a signé un accord avec le Tchad, et le Niger en mai."
    assert clause_bounds(sentence, sentence.index("signé")) == (0, len(sentence))


def test_the_phrase_a_trigger_governs_runs_past_ainsi_que_and_an_inserted_date() -> None:
    sentence = "Bamako a dénoncé le traité de 2014 ainsi que l'accord sur les forces françaises, privant de base la force Barkhane."
    assert _partners_of(sentence, "dénoncé") == ("FRA",)
    sentence = "Après la dénonciation, en mai 2022, des accords avec la France, la force Barkhane est partie."
    assert _partners_of(sentence, "dénonciation") == ("FRA",)
    # an organisation after the comma is the phrase's in apposition, not as a new subject
    sentence = "Berlin a annoncé le retrait de la mission de formation de l'UE, EUTM Mali, en 2022."
    assert _partners_of(sentence, "retrait") == ("EU", "EUTM")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le Mali a quitté dès mai 2022 le G5 Sahel, puis obtenu le départ de la MINUSMA.",
        "Après avoir quitté en mai 2022 un G5 Sahel jugé impuissant, le Mali a rejoint la CEDEAO.",
        "Le Mali a quitté le 15 mai 2022 le G5 Sahel avant de se tourner vers la Russie.",
    ],
)
def test_a_date_between_a_verb_and_its_object_leaves_the_object_governed(sentence: str) -> None:
    assert _partners_of(sentence, "quitté") == ("G5SAHEL",)


def test_a_sentence_initial_participle_governs_the_subject_after_its_comma() -> None:
    sentence = "Créé en février 2014 à Nouakchott, le G5 n'a pas survécu au départ du Burkina Faso et du Niger."
    assert _partners_of(sentence, "Créé") == ("G5SAHEL",)
    # without a party right after the comma, the clause's parties as before
    sentence = "Signé en 2014, l'accord avec la France a été dénoncé."
    assert _partners_of(sentence, "Signé") == ("FRA",)


MEMBERSHIPS = frozenset({"ECOWAS", "G5SAHEL", "AES"})
NON_STATES = MEMBERSHIPS | {"UN", "MINUSMA", "EU"}


@pytest.mark.parametrize(
    ("event_type", "chosen", "left"),
    [
        ("withdrawal", ("ECOWAS",), ("ECOWAS",)),
        # the states named with it leave alongside: the organisation alone is the partner
        ("withdrawal", ("BFA", "ECOWAS", "NER"), ("ECOWAS",)),
        # a mission, or an organisation that runs missions, is left by leaving its mission
        ("withdrawal", ("G5SAHEL", "MINUSMA", "UN"), None),
        ("withdrawal", ("UN",), None),
        ("withdrawal", ("DEU",), None),
        ("suspension", ("ECOWAS",), None),
    ],
)
def test_a_withdrawal_from_an_organisation_of_members_ends_a_membership(
    event_type: str, chosen: tuple[str, ...], left: tuple[str, ...] | None
) -> None:
    assert membership_left(event_type, chosen, MEMBERSHIPS, NON_STATES) == left


def test_parties_after_the_comma_ending_a_governed_phrase_naming_none_belong_to_another_clause() -> (
    None
):
    sentence = "Après la dénonciation, en mai 2022, des accords de défense, la force Barkhane avait achevé son retrait."
    assert _partners_of(sentence, "dénonciation") == ()
    sentence = "Après la dénonciation des accords de défense qui liaient les deux pays, la force Barkhane est partie."
    assert _partners_of(sentence, "dénonciation") == ()
    sentence = "Le Niger a dénoncé les accords de défense, qui le liaient au Mali."
    assert _partners_of(sentence, "dénoncé") == ("NER",)


def test_an_apposition_after_the_comma_still_speaks_of_the_governed_phrase() -> None:
    sentence = (
        "Le départ des instructeurs, annoncé en juin et compensé par l'arrivée de conseillers "
        "tchadiens, a surpris."
    )
    assert _partners_of(sentence, "départ") == ("TCD",)


def test_the_reason_given_for_a_fact_is_another_clause() -> None:
    sentence = (
        "La Belgique a suspendu sa coopération militaire avec le Mali, invoquant la présence "
        "de paramilitaires russes aux côtés de l'armée."
    )
    assert _partners_of(sentence, "suspendu") == ("BEL",)
    sentence = "Le Tchad a rappelé ses soldats, en raison de l'offensive menée avec la Russie."
    assert _partners_of(sentence, "rappelé") == ("TCD",)
    # a reason naming the only party keeps it: the clause naming none takes the sentence's
    sentence = "Le retrait a été décidé, invoquant l'attitude de la France."
    assert _partners_of(sentence, "retrait") == ("FRA",)


def test_each_clause_keeps_its_own_partners() -> None:
    sentence = (
        "Le Tchad a livré des blindés en mars ; le Niger a signé un accord de défense en mai."
    )
    assert _partners_of(sentence, "livré") == ("TCD",)
    assert _partners_of(sentence, "signé") == ("NER",)


def test_sentence_partners_when_the_clause_names_none() -> None:
    sentence = "Le Sénégal et le Mali ont tenu leur réunion annuelle : elle a duré deux jours."
    assert _partners_of(sentence, "duré") == ("SEN",)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Les derniers soldats ont franchi la frontière nigérienne le 15 août.", "nigérienne"),
        ("Les soldats ont quitté Gao pour rejoindre le Niger voisin.", "Niger"),
        ("L'ambassadeur de la Corée, avec résidence à Dakar, a été reçu.", "Dakar"),
        ("Le vieux chemin de fer Dakar-Niger unit les deux pays.", "Niger"),
    ],
)
def test_places_are_no_party(sentence: str, word: str) -> None:
    mention = next(m for m in default_finder().find(sentence) if sentence[m.start : m.end] == word)
    assert is_place_use(sentence, mention)


def test_a_named_state_is_still_a_party() -> None:
    sentence = "Le Niger a signé un accord avec le Mali."
    assert not any(is_place_use(sentence, m) for m in default_finder().find(sentence))


def test_a_capital_after_a_counts_only_without_a_state() -> None:
    assert _partners_of(
        "L'ambassadeur de la République de Corée, en poste à Dakar, a été reçu en audience.",
        "audience",
    ) == ("KOR",)
    assert _partners_of("Le ministre a effectué une visite à Alger.", "visite") == ("DZA",)


@pytest.mark.parametrize(
    "sentence",
    [
        "Après la fin de l'opération, la dénonciation des accords et le départ de la mission ont changé la donne.",
        "Depuis le départ des forces étrangères, l'armée opère seule.",
    ],
)
def test_endings_told_as_background(sentence: str) -> None:
    endings = [
        t
        for t in find_triggers(sentence)
        if t.event_type in ("withdrawal", "agreement_termination")
    ]
    assert endings and all(is_background(sentence, t.start, t.event_type) for t in endings)


def test_an_ending_that_is_the_fact_is_no_background() -> None:
    sentence = "Le gouvernement a annoncé la dénonciation du traité de défense."
    t = next(t for t in find_triggers(sentence) if t.event_type == "agreement_termination")
    assert not is_background(sentence, t.start, t.event_type)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Opération conjointe Mali-Burkina-Niger", ("BFA", "NER")),
        ("Coopération Mali-Russie", ("RUS",)),
        ("le vieux chemin de fer Dakar-Niger", ()),
        ("le corridor Dakar-Bamako", ()),
    ],
)
def test_states_hyphenated_to_states_are_parties_places_are_not(
    text: str, expected: tuple[str, ...]
) -> None:
    assert parties_of(text, default_finder().find(text)) == expected


@pytest.mark.parametrize(
    ("sentence", "word", "content"),
    [
        (
            "Le mémorandum passé avec Séoul prévoit, pour sa part, l'accueil de stagiaires.",
            "accueil",
            True,
        ),
        (
            "L'accord conclu avec Riyad couvre notamment la formation des officiers.",
            "formation",
            True,
        ),
        ("Le texte porte sur l'organisation de patrouilles mixtes.", "patrouilles", True),
        ("Les accords visent à renforcer la formation des cadets.", "formation", True),
        # a clause of its own after the content, or before the agreement, is an event again
        (
            "Le protocole prévoit un cycle de formation, dont la première session se tiendra en octobre.",
            "session",
            False,
        ),
        (
            "Le texte prévoit la formation d'officiers : l'an dernier, vingt stagiaires ont été formés.",
            "formés",
            False,
        ),
        (
            "Les deux armées ont mené des patrouilles mixtes, comme le prévoit l'accord.",
            "patrouilles",
            False,
        ),
        ("Le Tchad a livré des blindés ; l'accord prévoit aussi des formations.", "livré", False),
    ],
)
def test_what_an_agreement_provides_for_is_its_content_not_an_event(
    sentence: str, word: str, content: bool
) -> None:
    assert provided_for(sentence, sentence.index(word)) is content

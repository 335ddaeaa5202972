"""Document-level reading: what an event sentence inherits from the article around it (its
partner, its date), and who the partners of an ending are. The texts are written for the tests."""

from __future__ import annotations

import pandas as pd

from helpers.extraction.actors import Registry
from helpers.extraction.article import extract_article
from helpers.extraction.context import (
    closed_event_anchor,
    co_agents,
    continues_session,
    day_anchor,
    framed_by,
    inherited_day,
    looks_ahead,
    may_inherit,
    narrowed_partners,
    same_day_reference,
    tells_earlier,
    the_mission,
    to_come,
    venue_frame,
    without_co_agents,
    without_founded,
)
from helpers.extraction.countries import CountryFinder, organisations
from helpers.extraction.date_values import DateValue
from helpers.extraction.dates import find_dates
from helpers.extraction.merge import merge_articles
from helpers.extraction.sentence_dates import until_then

REGISTRY = Registry(
    pd.DataFrame(
        [("MLI", "Mali", "country", "MLI", "Mali")],
        columns=["actor_id", "name", "kind", "country", "aliases"],
    )
)


def run(text: str, published: str = "", title: str = ""):
    """The draft events of one article."""
    meta = {"article_id": "c01", "published": published, "title": title}
    draft = merge_articles([extract_article(meta, text, REGISTRY)], REGISTRY)
    return draft.events


def rows(events: pd.DataFrame) -> list[tuple]:
    cols = ["event_type", "partners", "date_start", "date_end", "date_basis"]
    return sorted(tuple(r) for r in events[cols].itertuples(index=False))


def test_an_audience_in_the_margin_of_this_visit_takes_the_session_s_dates():
    text = (
        "Nouakchott a accueilli du 3 au 5 février 2025 la 2e session de la commission mixte de coopération militaire "
        "entre le Mali et la Mauritanie. "
        "Depuis la 1re session, tenue à Bamako en 2018, les échanges ont changé. "
        "En marge de cette visite de travail, la délégation malienne a été reçue en audience par le ministre mauritanien de la Défense."
    )
    events = run(text, published="2025-02-07")
    meeting = events[events.event_type == "meeting"].iloc[0]
    assert (meeting.partners, meeting.date_start, meeting.date_end, meeting.date_basis) == (
        "MRT",
        "2025-02-03",
        "2025-02-05",
        "inferred",
    )
    assert "dates taken from it" in meeting.notes


def test_an_audience_in_the_afternoon_takes_the_day_of_the_morning_audience():
    text = (
        "Le ministre de la Défense a reçu en audience ce jeudi 6 février 2025 l'ambassadeur du Ghana. "
        "Les échanges ont porté sur la formation. "
        "Dans l'après-midi, le ministre a accordé une audience au chargé d'affaires de la Corée du Nord."
    )
    events = run(text, published="2025-02-06")
    prk = events[events.partners == "PRK"].iloc[0]
    assert (prk.event_type, prk.date_start, prk.date_end, prk.date_basis) == (
        "meeting",
        "2025-02-06",
        "2025-02-06",
        "inferred",
    )
    assert "the same day as 2025-02-06" in prk.notes


def test_the_next_day_and_the_day_before_shift_the_anchor():
    assert same_day_reference("Le lendemain, les deux ministres ont signé un accord.") == (
        "Le lendemain",
        1,
    )
    assert same_day_reference("La veille, une réunion avait eu lieu.") == ("La veille", -1)
    assert same_day_reference("Au lendemain des indépendances, les deux pays ont signé.") is None
    assert same_day_reference("La veille du sommet, une réunion a eu lieu.") is None
    assert same_day_reference("Le ministre a reçu l'ambassadeur.") is None


def test_the_close_of_the_meeting_told_is_its_day():
    said = "Au terme des travaux de la commission mixte, les deux chefs de délégation ont signé un accord."
    assert same_day_reference(said) == ("Au terme des travaux", 0)
    assert same_day_reference("À l'issue de l'audience, le ministre a fait une déclaration.") == (
        "À l'issue de l'audience",
        0,
    )
    assert same_day_reference("Au cours de ce séjour, il a été reçu par le président.") == (
        "Au cours de ce séjour",
        0,
    )
    anchor = day_anchor(
        2, [DateValue("2025-11-20", "2025-11-20", "day", "stated", "le 20 novembre")], None
    )
    value = inherited_day(said, anchor)[1]
    assert (value.start, value.end, value.basis) == ("2025-11-20", "2025-11-20", "inferred")
    assert "the same day as 2025-11-20" in value.note
    assert same_day_reference("Au terme de l'année, le contingent a été relevé.") is None


def test_a_same_day_reference_without_an_earlier_day_gives_no_date():
    anchor = day_anchor(
        0, [DateValue("2025-02", "2025-02", "month", "stated", "en février 2025")], None
    )
    assert anchor is None
    assert inherited_day("Dans l'après-midi, une audience a eu lieu.", anchor) is None
    events = run(
        "Dans l'après-midi, le ministre a accordé une audience à l'ambassadeur du Ghana.",
        published="2025-02-06",
    )
    assert rows(events) == [("meeting", "GHA", "", "", "")]


def test_a_sentence_naming_no_partner_continues_the_earlier_one_when_it_names_some_of_the_title_s():
    text = (
        "Le 16 juin 2023, le Mali a réclamé le retrait sans délai de la MINUSMA. "
        "Le 30 juin, le Conseil a mis fin au mandat de la mission."
    )
    events = run(
        text, published="2024-06-04", title="Après la MINUSMA et l'EUTM, le Mali tourne la page"
    )
    assert rows(events) == [
        ("withdrawal", "MINUSMA;UN", "2023-06-16", "2023-06-16", "stated"),
        ("withdrawal", "MINUSMA;UN", "2023-06-30", "2023-06-30", "relative"),
    ]
    assert "partner from sentence 1, which names only MINUSMA, UN" in events.notes.iloc[1]


def test_an_earlier_sentence_naming_another_partner_does_not_replace_the_title_s():
    assert narrowed_partners(("RUS",), [(3, ("UN",))]) == (("RUS",), "")
    assert narrowed_partners(("EU", "EUTM", "MINUSMA", "UN"), [(0, ("MINUSMA", "UN"))])[0] == (
        "MINUSMA",
        "UN",
    )
    assert narrowed_partners(("MINUSMA", "UN"), [(0, ("MINUSMA", "UN"))]) == (("MINUSMA", "UN"), "")
    # a sentence about one member of the organisation the article is about does not narrow it
    assert narrowed_partners(("AES", "BFA", "NER"), [(0, ("NER",))]) == (("AES", "BFA", "NER"), "")
    # a sentence naming one of the article's states with others (its troops in a mission)
    # narrows to that state; an organisation named with others does not narrow
    assert narrowed_partners(("CAN", "DEU"), [(2, ("DEU", "MINUSMA", "UN"))])[0] == ("DEU",)
    assert narrowed_partners(("EU", "EUCAP"), [(2, ("EU", "FRA"))])[0] == ("EU", "EUCAP")


def test_a_capital_alone_in_an_organisation_s_article_is_where_it_meets():
    orgs = organisations()
    finder = CountryFinder()
    text = "La prochaine réunion des ministres se tiendra à Ouagadougou en mars prochain."
    aes = ("AES", "BFA", "NER")
    assert venue_frame(text, finder.find(text), aes, orgs) == aes
    # a state named, no organisation framing the article, or a capital outside it: no change
    region = "Une deuxième phase, étendue au nord du Burkina, est envisagée."
    assert venue_frame(region, finder.find(region), aes, orgs) == aes
    named = "Le Burkina Faso accueillera la réunion."
    assert venue_frame(named, finder.find(named), aes, orgs) is None
    assert venue_frame(text, finder.find(text), ("BFA",), orgs) is None
    dakar = "La réunion se tiendra à Dakar."
    assert venue_frame(dakar, finder.find(dakar), aes, orgs) is None


def test_states_leaving_with_mali_are_not_partners_of_the_ending():
    events = run(
        "Bamako, Ouagadougou et Niamey ont annoncé en janvier 2024 leur retrait de la CEDEAO."
    )
    assert [p for p in events.partners] == ["ECOWAS"]
    events = run(
        "Le Mali et le Niger ont rompu leurs relations diplomatiques avec l'Ukraine en 2024."
    )
    assert [p for p in events.partners] == ["UKR"]
    events = run("Le Mali a dénoncé en 2022 l'accord qui le liait au Niger et à la France.")
    assert [p for p in events.partners] == ["FRA;NER"]
    # the states leaving with Mali named after the trigger; the organisation is no list member
    events = run(
        "Le 29 janvier 2025, la sortie du Mali, du Burkina Faso et du Niger de la CEDEAO est devenue effective."
    )
    assert rows(events) == [
        ("agreement_termination", "ECOWAS", "2025-01-29", "2025-01-29", "stated")
    ]
    events = run(
        "Après avoir quitté en mai 2022 un G5 Sahel jugé impuissant, le Mali a changé de cap."
    )
    assert [p for p in events.partners] == ["G5SAHEL"]


def test_a_past_participle_told_as_done_stays_done_beside_what_is_to_come():
    text = (
        "Une seconde tranche de seize véhicules sud-africains doit être livrée d'ici à la fin de "
        "mars 2020, et les équipages ont déjà été formés en octobre à Bamako."
    )
    got = rows(run(text, published="2019-11-14"))
    assert ("training", "ZAF", "2019-10", "2019-10", "relative") in got
    text = "Un protocole d'accord conclu en février avec le Canada prévoit un cycle de formation, dont la première session se tiendra en octobre."
    got = rows(run(text, published="2018-06-15"))
    assert ("agreement_signature", "CAN", "2018-02", "2018-02", "relative") in got
    # a participle after a future or modal auxiliary is still to come
    got = rows(run("Les équipages canadiens seront formés en octobre.", published="2018-06-15"))
    assert got == [("training", "CAN", "2018-10", "2018-10", "relative")]


def test_audiences_received_one_after_the_other_take_the_day_of_the_first():
    text = (
        "Le Ministre a accordé ce mardi 8 octobre 2019 deux audiences successives. "
        "Il a d'abord reçu l'ambassadeur du Royaume d'Espagne. "
        "L'an dernier, des formateurs espagnols avaient encadré un stage à Koulikoro. "
        "Le Ministre a ensuite accueilli le Lieutenant-Colonel Marc Verhaegen, attaché de défense du Royaume de Belgique."
    )
    got = rows(run(text, published="2019-10-10"))
    assert ("meeting", "BEL", "2019-10-08", "2019-10-08", "inferred") in got
    assert ("meeting", "ESP", "2019-10-08", "2019-10-08", "stated") in got


def test_the_state_withdrawing_from_a_mission_is_a_partner_of_the_withdrawal():
    events = run("Abidjan a retiré son contingent de la MINUSMA en juin 2023.")
    assert rows(events) == [("withdrawal", "CIV;MINUSMA;UN", "2023-06", "2023-06", "stated")]
    events = run("L'Allemagne s'est retirée en 2022 de la mission EUTM Mali.")
    assert list(events.partners) == ["DEU;EU;EUTM"]
    # a mission named in apposition to the phrase the trigger governs is governed too
    events = run(
        "Berlin s'est retiré en 2022 de la mission de formation de l'Union européenne, EUTM Mali."
    )
    assert list(events.partners) == ["DEU;EU;EUTM"]
    # so is the state deploying troops in a mission
    events = run("Le Bangladesh a déployé en 2014 un bataillon d'infanterie au sein de la MINUSMA.")
    assert list(events.partners) == ["BGD;MINUSMA;UN"]
    # the mission withdrawing its own troops stays the one partner
    events = run("La MINUSMA a achevé en 2023 le retrait de ses Casques bleus de Kidal.")
    assert list(events.partners) == ["MINUSMA;UN"]


def test_armed_forces_of_several_states_conducting_an_operation_is_a_joint_operation():
    events = run(
        "Les armées malienne et burkinabè ont conduit du 3 au 9 mars 2025 une opération de ratissage.",
        published="2025-03-12",
    )
    assert rows(events) == [("joint_operation", "BFA", "2025-03-03", "2025-03-09", "stated")]
    # Mali's army alone, with a state named only as where the enemy came from: no partner event
    assert run(
        "L'armée malienne a mené le 3 mars 2025 une opération contre des assaillants venus du Niger.",
        published="2025-03-12",
    ).empty


def test_the_member_states_of_an_alliance_with_mali_recalling_ambassadors_have_one_partner():
    events = run(
        "Le 6 avril 2025, les trois États de l'Alliance des États du Sahel ont rappelé leurs ambassadeurs en poste à Alger."
    )
    assert rows(events) == [("relations_break", "DZA", "2025-04-06", "2025-04-06", "stated")]


def test_states_acting_with_mali_stay_partners_of_what_is_not_an_ending():
    events = run(
        "Les armées du Mali, du Burkina Faso et du Niger ont mené du 4 au 12 mars 2024 une opération conjointe."
    )
    assert [p for p in events.partners] == ["BFA;NER"]
    finder = CountryFinder()
    text = "La CEDEAO a suspendu le Mali et la Guinée."
    found = finder.find(text)
    assert co_agents(text, found, 11, "suspension", organisations()) == {(35, 41)}
    kept = without_co_agents(
        text, found, [m for m in found if m.code != "MLI"], 11, "suspension", organisations()
    )
    assert [m.code for m in kept] == ["ECOWAS"]
    assert co_agents(text, found, 11, "joint_operation", organisations()) == set()
    # Mali as the place (``au Mali``) heads no list of agents: the mission named after it stays
    text = "L'Union européenne a mis fin à sa mission de formation au Mali, EUTM Mali."
    found = finder.find(text)
    assert co_agents(text, found, 21, "withdrawal", organisations()) == set()


def test_in_the_wake_of_a_day_dates_from_that_day_to_publication():
    text = (
        "Dimanche, le gouvernement a annoncé son retrait du comité conjoint avec la Mauritanie. "
        "Dans la foulée, le Mali a rappelé son ambassadeur en poste à Alger."
    )
    events = run(text, published="2025-04-10")
    dza = events[events.partners == "DZA"].iloc[0]
    assert (dza.date_start, dza.date_end, dza.date_basis) == (
        "2025-04-06",
        "2025-04-10",
        "inferred",
    )
    assert "on or after 2025-04-06" in dza.notes
    anchor = day_anchor(
        0, [DateValue("2025-04-06", "2025-04-06", "day", "relative", "Dimanche")], None
    )
    assert inherited_day("Dans la foulée, il a rappelé son ambassadeur.", anchor, "") is None


def test_an_announced_event_takes_no_past_date_from_another_sentence():
    past = DateValue("2021-09-20", "2021-09-26", "day", "inferred", "La semaine dernière")
    assert not may_inherit(past, "announced", "2021-10-01")
    assert may_inherit(past, "occurred", "2021-10-01")
    assert may_inherit(
        DateValue("2021-10", "2021-10", "month", "inferred", "en octobre"), "planned", "2021-10-01"
    )


def test_the_title_s_organisation_frames_a_sentence_naming_its_other_members():
    orgs = organisations()
    assert framed_by(("BFA", "NER"), ("AES", "BFA", "NER"), orgs) == ("AES", "BFA", "NER")
    assert framed_by(("BFA",), ("AES", "BFA", "NER"), orgs) == ("BFA",)
    assert framed_by(("BFA", "NER"), ("BFA", "NER"), orgs) == ("BFA", "NER")
    text = "Des unités des armées malienne, burkinabè et nigérienne ont mené du 6 au 12 mai 2024 des patrouilles conjointes."
    events = run(text, title="Patrouilles conjointes de l'AES")
    assert [p for p in events.partners] == ["AES;BFA;NER"]
    assert "AES from the title" in events.notes.iloc[0]
    assert [
        p for p in run(text, title="Patrouilles dans la zone des trois frontières").partners
    ] == ["BFA;NER"]


def test_deliveries_still_to_come_are_an_announced_event_with_no_date_from_before():
    text = (
        "L'armée a réceptionné jeudi quatre hélicoptères livrés par la Russie. "
        "La semaine dernière, le Premier ministre avait défendu ses choix à la tribune. "
        "Deux autres hélicoptères doivent être livrés dans les prochaines semaines, selon le ministère."
    )
    events = run(text, published="2021-10-01", title="Des hélicoptères russes livrés à l'armée")
    delivered = events[events.factuality == "occurred"]
    announced = events[events.factuality == "announced"]
    assert rows(delivered) == [("delivery", "RUS", "2021-09-30", "2021-09-30", "relative")]
    assert rows(announced) == [("delivery", "RUS", "", "", "")]


def test_what_is_to_come_and_what_looks_ahead():
    assert to_come("Deux avions doivent être livrés en mars.")
    assert to_come("D'autres livraisons sont attendues d'ici la fin de l'année.")
    assert not to_come("Les avions ont été livrés hier.")
    assert looks_ahead("Le diplomate a annoncé la remise prochaine d'un lot d'équipements.")
    assert not looks_ahead("Le diplomate a remis un lot d'équipements.")


def test_the_organisation_a_signature_founds_is_no_party_to_it():
    text = "Les trois pays avaient signé le 16 septembre 2023 à Bamako la Charte du Liptako-Gourma, acte fondateur de l'Alliance des États du Sahel."
    events = run(text, title="Le Mali, le Burkina Faso et le Niger unis")
    assert rows(events[events.event_type == "agreement_signature"]) == [
        ("agreement_signature", "BFA;NER", "2023-09-16", "2023-09-16", "stated")
    ]
    finder = CountryFinder()
    found = finder.find("un accord de défense avec l'Alliance des États du Sahel")
    assert (
        without_founded(
            "un accord de défense avec l'Alliance des États du Sahel", found, "agreement_signature"
        )
        == found
    )


def test_a_sentence_telling_of_what_came_before_takes_no_date_from_the_one_before():
    assert tells_earlier("Ces départs avaient été précédés par celui de la France.")
    assert tells_earlier("À l'époque, les deux armées coopéraient.")
    assert not tells_earlier("La rencontre a porté sur la formation.")
    text = (
        "Le 31 décembre 2023, la MINUSMA a achevé son retrait. "
        "Ces départs avaient été précédés par le retrait de la France."
    )
    events = run(text, published="2024-06-04")
    assert rows(events[events.partners == "FRA"]) == [("withdrawal", "FRA", "", "", "")]


def test_the_two_countries_are_mali_and_the_one_the_sentence_before_names():
    assert narrowed_partners(
        ("EU", "UN"), [(2, ("FRA",))], "les accords qui liaient les deux pays"
    ) == (
        ("FRA",),
        "The evidence names no partner but 'les deux pays'; partner from sentence 3, which names FRA.",
    )
    assert narrowed_partners(
        ("EU", "UN"), [(2, ("FRA", "NER"))], "les accords qui liaient les deux pays"
    )[0] == ("EU", "UN")
    assert narrowed_partners(("EU", "UN"), [(2, ("FRA",))], "les accords de défense")[0] == (
        "EU",
        "UN",
    )


def test_an_ending_announced_in_the_same_declaration_takes_the_date_of_the_sentence_before():
    text = (
        "Les autorités ont annoncé lundi soir la dénonciation du traité de défense qui lie le Mali au Niger. "
        "Le porte-parole a également annoncé la fin des accords sur le statut des forces de la France."
    )
    events = run(text, published="2022-05-03")
    fra = events[events.partners == "FRA"].iloc[0]
    assert (fra.event_type, fra.date_start, fra.date_basis) == (
        "agreement_termination",
        "2022-05-02",
        "inferred",
    )
    assert "taken from the previous sentence" in fra.notes


def test_a_date_borrowed_from_the_sentence_before_gives_way_to_the_event_the_sentence_continues():
    text = (
        "Le 31 décembre 2023, la MINUSMA a achevé son retrait du pays. "
        "L'armée malienne a repris la ville de Kidal en novembre. "
        "Le départ de la MINUSMA prive aussi le pays de plusieurs milliers de soldats."
    )
    events = run(text, published="2024-01-16")
    assert rows(events) == [("withdrawal", "MINUSMA;UN", "2023-12-31", "2023-12-31", "stated")]


def test_the_works_ending_on_wednesday_close_the_session_opened_on_monday():
    text = (
        "Les travaux de la première session de la commission militaire mixte Mali-Guinée se sont ouverts ce lundi 9 juin 2025 à Bamako. "
        "Les travaux prendront fin mercredi par la signature d'un procès-verbal."
    )
    events = run(text, published="2025-06-09")
    assert rows(events) == [("joint_commission", "GIN", "2025-06-09", "2025-06-11", "relative")]
    assert continues_session("La session a pris fin jeudi.") and not continues_session(
        "Le ministre a pris la parole."
    )


def test_a_sentence_naming_no_partner_continues_the_one_right_before_it_on_another_partner():
    organ = "Dès le 19 août, son Conseil de paix et de sécurité a suspendu le Mali."
    taken, note = narrowed_partners(("USA",), [(2, ("USA",)), (6, ("AU",))], organ, current=7)
    assert taken == ("AU",)
    assert "sentence 7" in note and "not the article's USA" in note
    members = "Réunis le 20 août, les chefs d'État de la communauté ont suspendu Bamako."
    assert narrowed_partners(("USA",), [(6, ("ECOWAS",))], members, current=7)[0] == ("ECOWAS",)
    # not when the sentence does not speak of that party, when the sentence naming it is
    # further back, nor when it shares a partner with the article
    plain = "L'armée a réceptionné un lot de drones le 3 mars 2023."
    assert narrowed_partners(("TUR",), [(6, ("NER", "RUS"))], plain, current=7) == (("TUR",), "")
    assert narrowed_partners(("USA",), [(6, ("AU",))], organ, current=9) == (("USA",), "")
    assert narrowed_partners(("USA",), [(6, ("AU", "USA"))], organ, current=7)[0] == ("USA",)


def test_the_ceremony_and_the_occasion_told_before_are_the_same_day():
    said = "Lors de la cérémonie, l'ambassadeur a procédé à la remise d'un lot de matériel."
    assert same_day_reference(said) == ("Lors de la cérémonie", 0)
    assert same_day_reference("À cette occasion, un accord a été signé.") == ("À cette occasion", 0)
    assert same_day_reference("Pour l'occasion, le bataillon a été doté de véhicules.") == (
        "Pour l'occasion",
        0,
    )
    # an occasion that is named is not the one told before
    assert same_day_reference("À l'occasion de la fête de l'armée, un défilé a eu lieu.") is None


def test_the_close_of_a_session_is_the_last_day_of_the_session_told():
    session = DateValue("2025-11-17", "2025-11-20", "day", "stated", "du 17 au 20 novembre")
    audience = DateValue("2025-11-18", "2025-11-18", "day", "relative", "mardi")
    told = [(0, "joint_commission", session), (3, "meeting", audience)]
    anchor = closed_event_anchor("Au terme des travaux, un accord a été signé.", told)
    assert (anchor.value.start, anchor.value.end, anchor.sentence) == (
        "2025-11-20",
        "2025-11-20",
        0,
    )
    # the close of an audience is the audience's day
    anchor = closed_event_anchor("À l'issue de l'audience, il a annoncé un don.", told)
    assert (anchor.value.start, anchor.sentence) == ("2025-11-18", 3)
    # the close of an operation or of patrols is the last day of the operation told
    patrols = DateValue(
        "2025-02-10", "2025-02-17", "day", "stated", "du lundi 10 au lundi 17 février"
    )
    with_patrols = [(0, "joint_operation", patrols), *told]
    for said in (
        "À l’issue de l’opération, Conakry a fait un don.",
        "Au terme des manœuvres, un bilan a été dressé.",
    ):
        anchor = closed_event_anchor(said, with_patrols)
        assert (anchor.value.start, anchor.value.end, anchor.sentence) == (
            "2025-02-17",
            "2025-02-17",
            0,
        )
    assert closed_event_anchor("À l'issue de l'opération, un don a été fait.", told) is None
    # no event of the type named, or no close-of reference: no anchor
    assert closed_event_anchor("Au cours de ce séjour, il a été reçu.", told) is None
    assert closed_event_anchor("Un accord a été signé.", told) is None


def test_a_sentence_told_in_a_communique_takes_the_day_of_the_lead():
    text = (
        "Le gouvernement malien a annoncé dimanche soir la rupture de ses relations diplomatiques avec l'Ukraine. "
        "Dans un communiqué lu à la télévision nationale, le gouvernement a condamné les propos d'un responsable "
        "ukrainien, qui avait laissé entendre que Kiev avait aidé les rebelles fin juillet."
    )
    events = run(text, published="2024-08-06")
    statement = events[events.event_type == "statement"].iloc[0]
    assert (statement.partners, statement.date_start, statement.date_basis) == (
        "UKR",
        "2024-08-04",
        "inferred",
    )
    assert "Dans un communiqué" in statement.notes


def test_a_statement_in_the_present_tense_is_dated_to_the_publication():
    text = (
        "Le gouvernement de la Transition condamne avec la plus grande fermeté l'intrusion de militaires "
        "ivoiriens sur le territoire national."
    )
    events = run(text, published="2022-07-14")
    assert rows(events) == [("statement", "CIV", "2022-07-14", "2022-07-14", "inferred")]
    assert "present tense" in events.iloc[0].notes
    past = run(text.replace("condamne", "a condamné"), published="2022-07-14")
    assert rows(past) == [("statement", "CIV", "", "", "")]


def test_a_date_in_a_relative_clause_of_another_tense_is_not_the_trigger_s():
    text = (
        "Le gouvernement a condamné les propos d'un responsable ukrainien, qui avait laissé entendre que Kiev "
        "avait aidé les rebelles fin juillet."
    )
    assert rows(run(text, published="2024-08-06")) == [("statement", "UKR", "", "", "")]
    told = "Le gouvernement a condamné fin juillet les propos d'un responsable ukrainien."
    assert rows(run(told, published="2024-08-06"))[0][2] == "2024-07"


def test_a_date_opening_the_next_step_of_a_sequence_dates_the_next_event():
    text = (
        "Entre Paris et Bamako, les relations se sont dégradées : expulsion de l'ambassadeur de France fin "
        "janvier, puis, le 17 février, annonce par Emmanuel Macron du retrait des forces de Barkhane."
    )
    events = run(text, published="2022-08-20")
    got = sorted(zip(events.event_type, events.date_start, strict=True))
    assert got == [("relations_break", "2022-01"), ("statement", "2022-02-17")]


def test_the_three_armies_of_an_article_about_the_aes_are_the_alliance_and_its_members():
    text = (
        "Le Mali, le Burkina Faso et le Niger ont signé en septembre 2023 la Charte du Liptako-Gourma "
        "instituant l'Alliance des États du Sahel (AES). "
        "Au début du mois, les chefs d'état-major des trois armées se sont réunis à Niamey."
    )
    events = run(text, published="2024-02-20")
    meeting = events[events.event_type == "meeting"].iloc[0]
    assert (meeting.partners, meeting.date_start) == ("AES;BFA;NER", "2024-02")
    assert "trois armées" in meeting.notes
    alone = run(
        "Au début du mois, les chefs d'état-major des trois armées se sont réunis à Niamey.",
        published="2024-02-20",
    )
    assert list(alone.partners) == ["NER"]  # no alliance named: only the place


def test_a_communique_speaks_of_the_story_s_present_not_of_a_date_recalled_before_it():
    text = (
        "Les ministres de la Défense du Mali, du Burkina Faso et du Niger se sont réunis les 18 et 19 "
        "novembre 2024 à Bamako. Ils ont rappelé la signature, le 6 juillet 2024 à Niamey, du traité de la "
        "Confédération des États du Sahel. Dans une déclaration conjointe, les ministres ont fermement "
        "condamné les attaques terroristes."
    )
    events = run(text, published="2024-11-20")
    statement = events[events.event_type == "statement"].iloc[0]
    assert (statement.date_start, statement.date_basis) == ("2024-11-18", "inferred")


def test_the_day_a_communique_was_published_dates_what_it_says():
    text = (
        "Dans un communiqué publié mardi soir, le ministère malien des Affaires étrangères a assuré que "
        "Bamako restait disposé à coopérer avec la CEDEAO."
    )
    events = run(text, published="2025-01-30")
    assert rows(events) == [("statement", "ECOWAS", "2025-01-28", "2025-01-28", "relative")]


def test_a_communique_s_sign_off_is_its_date_when_the_metadata_gives_none():
    text = (
        "Le Gouvernement de la Transition a décidé de suspendre, dès ce jour, sa coopération militaire avec la Côte d'Ivoire.\n\n"
        "Bamako, le 14 juillet 2022\n\nLe Ministre Porte-parole du Gouvernement"
    )
    events = run(text)
    assert rows(events) == [("suspension", "CIV", "2022-07-14", "2022-07-14", "relative")]
    assert run(text.replace("Bamako, le 14 juillet 2022", "Bamako")).date_start.tolist() == [""]


def test_days_after_a_day_told_are_counted_from_it():
    text = (
        "Deux jours après le premier coup d'État, celui du 18 août 2020, la CEDEAO avait suspendu la "
        "coopération militaire avec le Mali."
    )
    events = run(text, published="2024-02-01")
    assert rows(events) == [("suspension", "ECOWAS", "2020-08-20", "2020-08-20", "inferred")]
    later = run(
        "Le 16 juillet 2014, la France et le Mali ont signé un traité de défense. "
        "Huit jours plus tard, la France a livré des blindés au Mali.",
        published="2024-02-01",
    )
    delivery = later[later.event_type == "delivery"].iloc[0]
    assert (delivery.date_start, delivery.date_basis) == ("2014-07-24", "inferred")
    assert "8 day(s) after 2014-07-16" in delivery.notes


def test_the_morrow_and_the_eve_of_a_day_told_are_counted_from_it():
    events = run(
        "Au lendemain de l'attaque du 4 août 2024, le Mali a rompu ses relations diplomatiques "
        "avec l'Ukraine.",
        published="2024-08-10",
    )
    assert rows(events) == [("relations_break", "UKR", "2024-08-05", "2024-08-05", "inferred")]
    assert "1 day(s) after 2024-08-04" in events.iloc[0].notes
    eve = run(
        "À la veille du sommet du 6 juillet 2024, le ministre a reçu l'ambassadeur du Niger.",
        published="2024-07-08",
    )
    assert rows(eve) == [  # the summit named is dated by its own day
        ("meeting", "NER", "2024-07-05", "2024-07-05", "inferred"),
        ("summit", "NER", "2024-07-06", "2024-07-06", "stated"),
    ]
    # the other dates of the event named are its own, not the sentence's event's
    text = (
        "Le ministre a reçu hier l'ambassadeur du Japon. Ces audiences interviennent au lendemain "
        "de la levée, mardi, des sanctions décrétées par la Cédéao le 20 août."
    )
    got = rows(run(text, published="2020-10-08"))
    assert ("meeting", "JPN", "2020-10-07", "2020-10-07", "relative") in got
    assert not any(r[2] == "2020-08-20" for r in got if r[0] == "meeting")


def test_what_is_to_come_until_then_runs_from_publication_to_the_date_told():
    text = (
        "L'ambassadeur a annoncé que la prochaine session de la commission mixte algéro-malienne "
        "se tiendra à Alger au mois de mai prochain et que, d'ici là, l'Algérie procédera à la "
        "livraison de véhicules au Mali."
    )
    got = rows(run(text, published="2022-03-10"))
    assert ("delivery", "DZA", "2022-03", "2022-05", "inferred") in got
    # the date told in the sentence before, a deadline
    text = (
        "Les derniers instructeurs turcs doivent avoir quitté le Mali d'ici la fin du mois de mars. "
        "D'ici là, la Turquie livrera des véhicules blindés à l'armée malienne."
    )
    assert ("delivery", "TUR", "2026-02", "2026-03", "inferred") in rows(
        run(text, published="2026-02-03")
    )
    # ``d'ici la prochaine réunion`` (until the next meeting) is not ``d'ici là``
    text = (
        "La session de la commission mixte turco-malienne se tiendra en mai prochain, et la "
        "Turquie livrera des drones au Mali d'ici la prochaine réunion du comité."
    )
    assert until_then(text, find_dates(text), [], "2024-03-10") is None
    assert ("delivery", "TUR", "", "", "") in rows(run(text, published="2024-03-10"))
    # what was done is not dated by it
    text = (
        "La session se tiendra en mai prochain ; d'ici là, la Turquie a livré des drones au Mali."
    )
    assert ("delivery", "TUR", "2022-03", "2022-05", "inferred") not in rows(
        run(text, published="2022-03-10")
    )


def test_an_organisation_after_a_is_no_place():
    events = run(
        "Le 1er août 2014, l'opération Serval cédait la place à Barkhane au Mali.",
        published="2024-02-01",
    )
    assert set(events.location_country) <= {"", "MLI"}


def test_no_date_is_recorded_with_a_year_the_text_does_not_give():
    text = "Il y a trois ans, la Turquie a livré des drones au Mali."
    events = run(text, published="2024-05-02")
    assert rows(events) == [("delivery", "TUR", "", "", "")]
    assert "writes no year 2021" in events.iloc[0].notes
    written = run(text + " C'était en 2021.", published="2024-05-02")
    assert rows(written) == [("delivery", "TUR", "2021", "2021", "relative")]
    last_year = run("L'an dernier, la Turquie a livré des drones au Mali.", published="2024-05-02")
    assert rows(last_year) == [("delivery", "TUR", "2023", "2023", "relative")]


def test_a_states_troops_join_the_one_mission_the_article_names():
    orgs = organisations()
    text = "le retrait des instructeurs allemands de Koulikoro interviendra dans les prochains mois"
    assert the_mission(text, ("DEU",), "withdrawal", ["EUTM"], orgs) == ("DEU", "EU", "EUTM")
    assert the_mission("le contingent tchadien a quitté Aguelhok", ("TCD",), "withdrawal",
                       ["MINUSMA"], orgs) == ("MINUSMA", "TCD", "UN")  # fmt: skip
    # no troops, another type, two missions, or an organisation already named: unchanged
    assert (
        the_mission("l'Allemagne a annoncé son retrait", ("DEU",), "withdrawal", ["EUTM"], orgs)
        is None
    )
    assert the_mission(text, ("DEU",), "meeting", ["EUTM"], orgs) is None
    assert the_mission(text, ("DEU",), "withdrawal", ["EUTM", "MINUSMA"], orgs) is None
    assert the_mission(text, ("DEU", "FRA"), "withdrawal", ["EUTM"], orgs) is None


def test_of_several_missions_a_states_troops_join_the_one_they_can_serve_in():
    orgs = organisations()
    nigeriens = "quelque cinq cents soldats nigériens ont franchi la frontière"
    # Serval is France's own operation: Nigerien troops are the Misma's
    assert the_mission(nigeriens, ("NER",), "joint_operation", ["MISMA", "SERVAL"], orgs) == (
        "AU", "MISMA", "NER",
    )  # fmt: skip
    # French troops in an article on both: France's own operation first
    francais = "des soldats français sont entrés dans Diabaly"
    assert the_mission(francais, ("FRA",), "joint_operation", ["MISMA", "SERVAL"], orgs) == (
        "FRA", "SERVAL",
    )  # fmt: skip
    # the EU's mission takes only the troops of EU members: a Chadian contingent is the UN's
    tchad = "le contingent tchadien a quitté Aguelhok"
    assert the_mission(tchad, ("TCD",), "withdrawal", ["EUTM", "MINUSMA"], orgs) == (
        "MINUSMA", "TCD", "UN",
    )  # fmt: skip
    # two that fit stay undecided
    assert the_mission(tchad, ("TCD",), "withdrawal", ["MINUSMA", "MISMA"], orgs) is None
    # one mission named: another state's troops join France's operation, but British
    # instructors training Malian soldiers are not Serval's
    estoniens = "une cinquantaine de soldats estoniens sont arrivés à Gao"
    assert the_mission(estoniens, ("EST",), "joint_operation", ["BARKHANE"], orgs) == (
        "BARKHANE", "EST", "FRA",
    )  # fmt: skip
    formateurs = "des formateurs britanniques ont clôturé un stage de secourisme"
    assert the_mission(formateurs, ("GBR",), "training", ["SERVAL"], orgs) is None
    assert the_mission(formateurs, ("DEU",), "training", ["EUTM"], orgs) == ("DEU", "EU", "EUTM")
    # a force led by a state and bringing no one along (Takuba, under French command) takes
    # its allies' troops, not Russian instructors
    russes = "des instructeurs russes sont déployés aux côtés des FAMa"
    assert the_mission(russes, ("RUS",), "training", ["TAKUBA"], orgs) is None
    danois = "les soldats danois ont suspendu leurs patrouilles"
    assert the_mission(danois, ("DNK",), "suspension", ["TAKUBA"], orgs) == ("DNK", "TAKUBA")
    events = run(
        "Quelque cinq cents soldats nigériens ont franchi dimanche la frontière malienne, a-t-on "
        "appris de sources militaires. Ce bataillon relève de la Misma. Lancée le 11 janvier, "
        "l'opération Serval a stoppé la progression des groupes armés.",
        published="2013-01-22",
    )
    assert ("joint_operation", "AU;MISMA;NER", "2013-01-20", "2013-01-20", "relative") in rows(
        events
    )


def test_another_batch_or_session_is_a_new_event_dated_by_its_deadline():
    text = (
        "La Turquie a livré douze véhicules blindés le 17 juillet 2023 à Kati. "
        "Une seconde tranche de véhicules est attendue avant la fin de l'année 2023."
    )
    events = run(text, published="2023-07-18")
    assert rows(events) == [
        ("delivery", "TUR", "2023", "2023", "stated"),
        ("delivery", "TUR", "2023-07-17", "2023-07-17", "stated"),
    ]
    assert sorted(events.factuality) == ["announced", "occurred"]
    text = (
        "Des instructeurs turcs ont encadré à Kati en octobre 2019 un stage de sauvetage au combat. "
        "Une deuxième session du stage est annoncée à Kati pour le premier semestre 2020."
    )
    assert rows(run(text, published="2019-11-20")) == [
        ("training", "TUR", "2019-10", "2019-10", "stated"),
        ("training", "TUR", "2020-01", "2020-06", "stated"),
    ]
    # a deadline is still to come, even in a sentence told in the past
    text = "Bamako a exigé en juin le départ de la MINUSMA, dont le retrait doit être achevé d'ici au 31 décembre."
    assert ("withdrawal", "MINUSMA;UN", "2023-12-31", "2023-12-31", "relative") in rows(
        run(text, published="2023-09-17")
    )
    # a sentence telling a meeting done (on its own weekday) and a session to come: the deadline is the session's
    text = (
        "Le ministre malien a été reçu lundi à Nouakchott par le président mauritanien. "
        "À l'issue de l'audience, les deux parties ont annoncé la tenue, « avant la fin du mois "
        "de juin », de la 5e session de la commission mixte malo-mauritanienne."
    )
    got = rows(run(text, published="2024-05-22"))
    assert ("joint_commission", "MRT", "2024-06", "2024-06", "relative") in got
    assert ("meeting", "MRT", "2024-05-20", "2024-05-20", "relative") in got
    assert not any(r[2].startswith("2023") for r in got)  # the audience takes no past June


def test_a_ratification_adopted_at_a_sitting_takes_the_sitting_s_day():
    text = (
        "Le Conseil des Ministres s'est réuni en session ordinaire, le mercredi 20 juillet 2016, "
        "dans sa salle de délibérations au Palais de Koulouba.\n\n"
        "Le Conseil a examiné plusieurs projets de décret.\n\n"
        "Sur le rapport du ministre des Affaires étrangères, le Conseil des Ministres a adopté un "
        "projet de loi relatif à la ratification de l'accord de coopération militaire avec le Ghana."
    )
    events = run(text, published="2016-07-21")
    assert rows(events) == [
        ("agreement_ratification", "GHA", "2016-07-20", "2016-07-20", "inferred")
    ]
    assert "day of the sitting told in sentence 1" in events.iloc[0].notes
    # the legislature adopting a text on a day is a sitting too; a date inside an adoption
    # sentence that is not its day (the agreement's signing) is not
    cnt = (
        "Le Conseil national de Transition a adopté ce jeudi le projet de loi autorisant la "
        "ratification de l'accord de défense avec le Pakistan.\n\nDans la même séance, les "
        "conseillers ont adopté la ratification du mémorandum conclu avec les Émirats arabes unis."
    )
    assert ("agreement_ratification", "ARE", "2024-12-12", "2024-12-12", "inferred") in rows(
        run(cnt, published="2024-12-13")
    )
    # no sitting told: the ratification stays undated
    alone = run(text.split("\n\n", 2)[2], published="2016-07-21")
    assert rows(alone) == [("agreement_ratification", "GHA", "", "", "")]


def test_what_a_government_decided_to_end_on_a_day_told_between_is_an_ending():
    events = run(
        "Le Gouvernement a décidé, ce jeudi 7 novembre 2024, de mettre fin, avec effet immédiat, "
        "à l'Arrangement technique conclu avec l'Espagne.",
        "2024-11-08",
    )
    ending = events[events.event_type == "agreement_termination"]
    assert rows(ending) == [("agreement_termination", "ESP", "2024-11-07", "2024-11-07", "stated")]
    events = run(
        "Le gouvernement a annoncé lundi la fin de la coopération militaire avec l'Ukraine.",
        "2024-05-15",
    )
    assert list(events.event_type) == ["agreement_termination"]
    assert list(events.partners) == ["UKR"]


def test_troops_that_must_leave_are_an_announced_withdrawal_with_its_deadline_ahead():
    events = run(
        "Les soldats français doivent quitter le pays avant la fin de l'été.", "2024-05-15"
    )
    assert list(
        zip(events.event_type, events.factuality, events.date_start, events.date_end, strict=True)
    ) == [("withdrawal", "announced", "2024-06", "2024-09")]
    events = run("Les soldats français ont quitté le pays en mai.", "2024-05-15")
    assert list(events.factuality) == ["occurred"]


def test_a_same_day_reference_after_a_recalled_day_is_the_story_s_day():
    story = day_anchor(
        0,
        [DateValue("2014-07-16", "2014-07-16", "day", "stated", "ce mercredi 16 juillet 2014")],
        None,
    )
    recalled = day_anchor(
        1, [DateValue("1985-05-06", "1985-05-06", "day", "stated", "du 6 mai 1985")], story
    )
    assert recalled.value.start == "1985-05-06" and recalled.story == story
    value = inherited_day("Dans l'après-midi, les ministres se sont rendus à Koulikoro.", recalled)[
        1
    ]
    assert (value.start, value.basis) == ("2014-07-16", "inferred")
    assert "sentence 1" in value.note
    # ``le lendemain`` follows the narration to the day it went back to
    assert inherited_day("Le lendemain, le traité a été signé.", recalled)[1].start == "1985-05-07"
    # a later day moves the story on
    later = day_anchor(
        2, [DateValue("2014-07-18", "2014-07-18", "day", "stated", "le 18 juillet")], recalled
    )
    assert later.story is None
    assert inherited_day("Le même jour, un accord a été signé.", later)[1].start == "2014-07-18"
    events = run(
        "Le ministre français a signé ce mercredi 16 juillet 2014 à Bamako un traité de défense. "
        "Ce traité remplace l'accord du 6 mai 1985. "
        "Dans l'après-midi, le ministre a été reçu en audience par le président.",
        published="2014-07-17",
    )
    assert ("meeting", "FRA", "2014-07-16", "2014-07-16", "inferred") in rows(events)

"""One article at a time: events, dates, partners, people and evidence from short French texts.

The texts are written for the tests (not taken from the seed articles); the spaCy model is
loaded once per test session by the extractor's own cache.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.extraction.actors import Registry
from helpers.extraction.article import extract_article, mask_html, reference_date
from helpers.extraction.merge import _unshared_spellings, merge_articles

REGISTRY = Registry(
    pd.DataFrame(
        [
            ("MLI", "Mali", "country", "MLI", "Mali"),
            ("sadio-camara", "Sadio Camara", "person", "MLI", "Sadio Camara"),
        ],
        columns=["actor_id", "name", "kind", "country", "aliases"],
    )
)


def run(text: str, published: str = "", title: str = "", article_id: str = "t01"):
    """The draft tables of one article."""
    meta = {"article_id": article_id, "published": published, "title": title}
    result = extract_article(meta, text, REGISTRY)
    draft = merge_articles([result], REGISTRY)
    for m in draft.mentions.itertuples(index=False):
        assert text[m.start : m.end] == m.evidence
    return result, draft


def events(draft) -> list[tuple]:
    cols = ["event_type", "partners", "date_start", "date_end", "date_precision", "date_basis"]
    return sorted(tuple(r) for r in draft.events[cols].itertuples(index=False))


def test_signature_and_ratification_in_one_sentence_each_take_their_date():
    _, draft = run(
        "Le Mali et le Niger ont signé le 3 mars 2019 un accord de défense, ratifié le 12 novembre 2020 par le Parlement nigérien."
    )
    assert events(draft) == [
        ("agreement_ratification", "NER", "2020-11-12", "2020-11-12", "day", "stated"),
        ("agreement_signature", "NER", "2019-03-03", "2019-03-03", "day", "stated"),
    ]


def test_end_day_and_stated_length_give_the_start_day():
    text = (
        "Les travaux de la 4ème session de la commission mixte mali-guinéenne ont pris fin le jeudi 9 mai 2024 à Conakry. "
        "Ces travaux de trois jours ont permis de faire le bilan."
    )
    _, draft = run(text)
    row = draft.events.iloc[0]
    assert (row.event_type, row.partners, row.session_number) == ("joint_commission", "GIN", "4")
    assert (row.date_start, row.date_end, row.date_basis) == (
        "2024-05-07",
        "2024-05-09",
        "inferred",
    )
    assert (row.location_city, row.location_country) == ("Conakry", "GIN")
    assert "start inferred from the stated length of 3 day(s)" in row.notes
    assert len(draft.mentions) == 2


def test_visit_of_known_length_is_dated_by_the_meeting_it_contains():
    text = "Le colonel Sadio Camara a rencontré le lundi 4 mars 2024 le ministre tchadien de la Défense, en visite de 48 heures à Bamako."
    _, draft = run(text)
    assert events(draft) == [
        ("meeting", "TCD", "2024-03-04", "2024-03-04", "day", "stated"),
        ("visit", "TCD", "2024-03", "2024-03", "month", "inferred"),
    ]
    visit = draft.events[draft.events["event_type"] == "visit"].iloc[0]
    assert "falls within 2024-03" in visit.notes
    meeting = draft.events[draft.events["event_type"] == "meeting"].iloc[0]
    assert (meeting.location_country, meeting.cameo_code) == ("MLI", "043")


def test_visit_window_across_two_months_is_dated_to_the_year():
    text = "Le ministre a rencontré le vendredi 1er mars 2024 son homologue ivoirien, en visite de trois jours au Mali."
    _, draft = run(text)
    visit = draft.events[draft.events["event_type"] == "visit"].iloc[0]
    assert (visit.date_start, visit.date_precision, visit.date_basis) == (
        "2024",
        "year",
        "inferred",
    )


def test_meeting_on_the_sidelines_of_a_summit_takes_the_summit_dates():
    text = (
        "Le président de la Transition a pris part la semaine dernière au sommet de l’Alliance des États du Sahel à Niamey. "
        "En marge du sommet, il a rencontré le président burkinabè."
    )
    _, draft = run(text, published="2024-10-30")
    assert events(draft) == [
        ("meeting", "BFA", "2024-10-21", "2024-10-27", "day", "inferred"),
        ("summit", "AES;BFA;NER", "2024-10-21", "2024-10-27", "day", "relative"),
    ]


def test_multilateral_creation_names_every_partner():
    _, draft = run(
        "Le Mali, le Burkina Faso et le Niger ont créé le 16 septembre 2023 l’Alliance des États du Sahel."
    )
    assert events(draft) == [
        ("institution_creation", "AES;BFA;NER", "2023-09-16", "2023-09-16", "day", "stated")
    ]
    assert set(draft.participants["actor_id"]) >= {"MLI", "BFA", "NER"}


def test_partner_taken_from_the_article_when_the_sentence_names_none():
    text = "Le Mali et la Guinée renforcent leur coopération. Un accord de défense a été signé en 2022 entre les deux pays."
    _, draft = run(text)
    row = draft.events.iloc[0]
    assert (row.event_type, row.partners, row.date_start) == ("agreement_signature", "GIN", "2022")
    assert "partner from the lead (GIN)" in row.notes


def test_partner_from_the_title_before_the_most_named_country():
    text = "Le Niger a salué la coopération. Le Niger et la Russie ont parlé. L'armée a réceptionné un lot de drones armés le 3 mars 2023."
    _, draft = run(text, title="De nouveaux drones turcs pour l'armée malienne")
    row = draft.events.iloc[0]
    assert (row.event_type, row.partners, row.date_start) == ("delivery", "TUR", "2023-03-03")
    assert "partner from the title (TUR)" in row.notes


def test_partner_from_the_most_named_country_without_title_or_lead():
    text = "L'armée se renforce. Les troupes sont prêtes. La Chine a salué le pays, et la Chine a aidé. Un lot de drones a été réceptionné le 3 mars 2023."
    _, draft = run(text)
    row = draft.events.iloc[0]
    assert row.partners == "CHN" and "partner from the article, which names CHN most" in row.notes


def test_no_partner_no_event():
    _, draft = run(
        "Le chef d’état-major a rencontré hier les commandants de zone à Kati.",
        published="2023-06-01",
    )
    assert draft.events.empty


def test_anaphors_add_evidence_to_the_event_they_refer_to():
    text = (
        "Le ministre a rencontré le 2 avril 2024 son homologue sénégalais à Dakar. "
        "Cette rencontre a porté sur la sécurité des frontières. "
        "Avec cette signature, les deux pays tournent une page."
    )
    _, draft = run(text)
    assert events(draft) == [("meeting", "SEN", "2024-04-02", "2024-04-02", "day", "stated")]
    assert len(draft.mentions) == 2


def test_same_type_reported_twice_in_one_article_is_one_event():
    text = (
        "Le Mali et le Maroc ont officiellement lancé une commission militaire mixte. "
        "La mise en place de cette commission marque une étape."
    )
    _, draft = run(text)
    assert len(draft.events) == 1
    assert len(draft.mentions) == 2


def test_numbered_sessions_are_separate_events():
    text = "La première session du comité mixte a eu lieu en 2006 et sa 15ème session s’est tenue à Alger du 15 au 17 février 2022."
    _, draft = run(text)
    assert sorted(draft.events["session_number"]) == ["1", "15"]


def test_day_without_year_stays_undated_without_publication_date():
    text = "Une délégation marocaine est en visite au Mali. Cette mission a débuté le 17 février avec un accueil officiel."
    _, draft = run(text)
    row = draft.events.iloc[0]
    assert (row.event_type, row.date_start, row.date_precision, row.date_basis) == (
        "visit",
        "",
        "unknown",
        "",
    )
    assert row.date_text == "le 17 février"
    assert "without a year" in row.notes


def test_day_without_year_takes_the_publication_year():
    text = "Une délégation marocaine est en visite au Mali. Cette mission a débuté le 17 février avec un accueil officiel."
    _, draft = run(text, published="2024-03-01")
    row = draft.events.iloc[0]
    assert (row.date_start, row.date_basis) == ("2024-02-17", "relative")


def test_relative_date_uses_a_dateline_when_the_metadata_has_none():
    text = "Coopération : Publié le mercredi 2 aout 2023 | L'Essor\nLe ministre a rencontré jeudi dernier son homologue togolais à Bamako."
    published, note = reference_date({"published": ""}, text)
    assert published == "2023-08-02"
    assert "dateline" in note
    _, draft = run(text)
    row = draft.events.iloc[0]
    assert (row.event_type, row.partners, row.date_start, row.date_basis) == (
        "meeting",
        "TGO",
        "2023-07-27",
        "relative",
    )
    assert "dateline" in row.notes


def test_one_person_across_ranks_and_spellings_in_an_article():
    text = (
        "Le colonel Sadio Camara a rencontré le 6 mai 2024 son homologue nigérien Salifou Mody. "
        "Le Général de corps d’Armée Sadio CAMARA a salué la coopération. "
        "Le ministre Camara a remercié le général Mody pour cette rencontre."
    )
    _, draft = run(text)
    people = draft.actors[draft.actors["kind"] == "person"]
    assert sorted(people["actor_id"]) == ["sadio-camara", "salifou-mody"]
    mody = people.set_index("actor_id").loc["salifou-mody"]
    assert (mody["name"], mody["country"]) == ("Salifou Mody", "NER")
    camara = people.set_index("actor_id").loc["sadio-camara"]
    assert "Sadio CAMARA" in camara["aliases"].split("|")
    roles = draft.participants.set_index("actor_id")
    assert roles.loc["sadio-camara", "title"] == "colonel"


def test_html_remnants_are_ignored_and_evidence_stays_verbatim():
    text = "<p>Le Mali et la Mauritanie ont signé le 5 avril 2022 à <b>Nouakchott</b> un accord de coopération militaire.</p>"
    masked, tags = mask_html(text)
    assert len(masked) == len(text) and tags == ["</b>", "</p>", "<b>", "<p>"]
    result, draft = run(text)
    assert result.problems and "HTML remnants" in result.problems[0]["message"]
    row = draft.events.iloc[0]
    assert (row.partners, row.date_start, row.location_country) == ("MRT", "2022-04-05", "MRT")
    assert "<b>" in draft.mentions.iloc[0]["evidence"]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        (
            "Le Mali a réceptionné le 2 février 2023 un lot de drones livrés par la Turquie.",
            "delivery",
        ),
        ("Le ministre a annoncé l’envoi de stagiaires en Russie.", "training"),
        ("Le 2è Sommet Russie-Afrique s’est tenu en 2023.", "summit"),
    ],
)
def test_types_and_partners_of_short_reports(text, event_type):
    _, draft = run(text)
    assert list(draft.events["event_type"]) == [event_type]
    assert len(draft.events.iloc[0]["partners"]) == 3


def test_announced_event_resolves_a_missing_year_forwards():
    text = "Une délégation militaire malienne effectuera une visite à Moscou du 10 au 14 juin."
    _, draft = run(text, published="2024-05-20")
    row = draft.events.iloc[0]
    assert (row.factuality, row.date_start, row.date_end, row.location_city) == (
        "announced",
        "2024-06-10",
        "2024-06-14",
        "Moscou",
    )


def test_two_people_of_one_surname_do_not_share_it_as_an_alias():
    rows = [
        {"actor_id": "sadio-camara", "name": "Sadio Camara", "kind": "person", "country": "MLI",
         "aliases": "Sadio CAMARA|CAMARA"},
        {"actor_id": "yamoussa-camara", "name": "Yamoussa Camara", "kind": "person",
         "country": "", "aliases": "Camara|Yamoussa CAMARA"},
        {"actor_id": "TCD", "name": "Tchad", "kind": "country", "country": "TCD",
         "aliases": "Camara"},
    ]  # fmt: skip
    out = {r["actor_id"]: r["aliases"] for r in _unshared_spellings(rows)}
    assert out == {
        "sadio-camara": "Sadio CAMARA",
        "yamoussa-camara": "Yamoussa CAMARA",
        "TCD": "Camara",
    }


def test_leaving_an_organisation_of_members_ends_a_membership_with_it_alone():
    _, draft = run(
        "Le Mali, le Burkina Faso et le Niger ont annoncé le 28 janvier 2024 leur départ « sans délai » de la CEDEAO. "
        "Les Casques bleus de la MINUSMA avaient entamé leur départ du pays en juillet 2023.",
        published="2024-02-01",
    )
    assert events(draft) == [
        ("agreement_termination", "ECOWAS", "2024-01-28", "2024-01-28", "day", "stated"),
        ("withdrawal", "MINUSMA;UN", "2023-07", "2023-07", "month", "stated"),
    ]
    note = draft.events.set_index("event_type").loc["agreement_termination", "notes"]
    assert "ECOWAS, an organisation of member states, ends a membership" in note


def test_another_meeting_told_without_partner_takes_those_of_the_meeting_before():
    text = (
        "Les chefs d'état-major du Mali et du Niger se sont réunis le 3 février 2024 à Niamey. "
        "Le Maroc a par ailleurs livré des drones à l'armée malienne le 10 février 2024. "
        "Une nouvelle rencontre est prévue à Bamako en avril."
    )
    _, draft = run(text, published="2024-02-20", title="Le Mali entre le Niger et le Maroc")
    got = draft.events.set_index("date_start")
    assert got.loc["2024-04", ["event_type", "partners"]].tolist() == ["meeting", "NER"]
    assert (
        "tells another meeting; partners of the one told in sentence 1 (NER)"
        in (got.loc["2024-04", "notes"])
    )
    # without « nouvelle », the sentence takes those of the sentence before, as any other
    _, draft = run(
        text.replace("Une nouvelle rencontre", "Une rencontre"),
        published="2024-02-20",
        title="Le Mali entre le Niger et le Maroc",
    )
    assert draft.events.set_index("date_start").loc["2024-04", "partners"] == "MAR"


def test_what_an_agreement_provides_for_is_no_event_of_its_own():
    _, draft = run(
        "Le Mali et la Corée du Sud ont signé le 3 mars 2023 un mémorandum de défense. "
        "Le mémorandum prévoit l'accueil de stagiaires maliens dans les écoles sud-coréennes.",
        published="2023-03-05",
    )
    assert events(draft) == [
        ("agreement_signature", "KOR", "2023-03-03", "2023-03-03", "day", "stated"),
    ]

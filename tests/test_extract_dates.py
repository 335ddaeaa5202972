"""French date expressions: found, resolved against the publication date, with the right precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.extraction.dates import MONTHS, find_dates, is_deadline, resolve

MONTH_NAMES = {v: k for k, v in MONTHS.items()} | {2: "février", 8: "août", 12: "décembre"}


def one(text: str, published: str | None = None, prefer: str = "past"):
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0], resolve(found[0], published, prefer)


def test_absolute_date_with_weekday_is_stated_to_the_day():
    mention, value = one("ont pris fin le vendredi 13 janvier 2023 dans l'enceinte")
    assert mention.text == "le vendredi 13 janvier 2023"
    assert (value.start, value.end, value.precision, value.basis) == (
        "2023-01-13",
        "2023-01-13",
        "day",
        "stated",
    )
    assert value.note == ""


def test_first_of_the_month_written_1er():
    _, value = one("le 1er mars 2024")
    assert value.start == "2024-03-01"


def test_range_of_days_in_one_month():
    mention, value = one("s'est tenue à Alger du 15 au 17 février 2022.")
    assert mention.text == "du 15 au 17 février 2022"
    assert (value.start, value.end, value.precision, value.basis) == (
        "2022-02-15",
        "2022-02-17",
        "day",
        "stated",
    )


def test_range_across_new_year_takes_the_previous_year_for_its_start():
    _, value = one("du 28 décembre au 3 janvier 2023")
    assert (value.start, value.end) == ("2022-12-28", "2023-01-03")


def test_month_and_year_give_month_precision():
    mention, value = one("En Octobre 2005, le comité a été créé")
    assert mention.text == "En Octobre 2005"
    assert (value.start, value.end, value.precision, value.basis) == (
        "2005-10",
        "2005-10",
        "month",
        "stated",
    )


def test_year_alone_gives_year_precision():
    _, value = one("La première session a eu lieu en 2006 au siège")
    assert (value.start, value.end, value.precision) == ("2006", "2006", "year")


def test_agreement_named_by_its_year():
    mention, value = one("l'accord cadre de 2021")
    assert mention.text == "de 2021"
    assert value.start == "2021"


def test_ce_jeudi_is_the_nearest_thursday_on_or_before_publication():
    # Wednesday 2 August 2023: the Thursday before is 27 July.
    _, value = one("Il a reçu ce jeudi son homologue", "2023-08-02")
    assert (value.start, value.precision, value.basis) == ("2023-07-27", "day", "relative")


def test_ce_jeudi_of_an_announced_event_is_the_next_thursday():
    _, value = one("se tiendra ce jeudi", "2023-08-02", prefer="future")
    assert value.start == "2023-08-03"


def test_jeudi_dernier_is_strictly_before_publication():
    # Published on a Thursday, "jeudi dernier" is the week before; on a Friday it is the day before.
    assert one("jeudi dernier", "2023-08-03")[1].start == "2023-07-27"
    assert one("jeudi dernier", "2023-08-04")[1].start == "2023-08-03"


def test_weekday_prochain_is_strictly_after_publication():
    assert one("mardi prochain", "2023-08-01")[1].start == "2023-08-08"


def test_la_semaine_derniere_is_the_previous_calendar_week():
    mention, value = one("organisé la semaine dernière à Saint-Pétersbourg", "2023-08-02")
    assert mention.text == "la semaine dernière"
    assert (value.start, value.end, value.precision, value.basis) == (
        "2023-07-24",
        "2023-07-30",
        "day",
        "relative",
    )
    assert "Monday 2023-07-24 to Sunday 2023-07-30" in value.note


def test_relative_week_needs_a_publication_day():
    _, value = one("la semaine dernière", "2023-08")
    assert not value.dated
    assert "known only as 2023-08" in value.note


def test_relative_month_works_with_a_publication_month():
    _, value = one("le mois dernier", "2023-01")
    assert (value.start, value.precision, value.basis) == ("2022-12", "month", "relative")


def test_relative_expressions_without_publication_date_stay_empty():
    for text in ("hier", "jeudi dernier", "la semaine dernière", "ce jeudi"):
        _, value = one(text)
        assert not value.dated, text
        assert "publication date" in value.note


def test_il_y_a_trois_jours_is_read_by_dateparser_against_publication():
    _, value = one("il y a trois jours", "2023-08-03")
    assert (value.start, value.basis) == ("2023-07-31", "relative")


def test_day_without_year_and_without_publication_date_stays_empty():
    mention, value = one("cette mission a débuté le 17 février avec un accueil")
    assert mention.text == "le 17 février"
    assert mention.marker == "start"
    assert (value.start, value.end, value.precision, value.basis) == ("", "", "unknown", "")
    assert value.text == "le 17 février"
    assert "without a year" in value.note


def test_day_without_year_takes_the_publication_year_as_relative():
    _, value = one("le 17 février", "2025-03-01")
    assert (value.start, value.basis) == ("2025-02-17", "relative")
    _, value = one("le 17 février", "2025-01-10")
    assert value.start == "2024-02-17"
    _, value = one("le 17 février", "2025-01-10", prefer="future")
    assert value.start == "2025-02-17"


def test_month_without_year_before_publication_month():
    _, value = one("en février", "2023-01-10")
    assert (value.start, value.precision, value.basis) == ("2022-02", "month", "relative")


def test_end_and_start_markers():
    assert one("ont pris fin le vendredi 13 janvier 2023")[0].marker == "end"
    assert one("a débuté le 17 février 2024")[0].marker == "start"
    assert one("s'est tenue le 3 mai 2024")[0].marker == ""


def test_dates_that_frame_something_else_are_context():
    assert one("depuis son investiture en juin 2021 est")[0].context
    assert one("les activités à effectuer pour l'année 2023")[0].context
    assert one("Publié le mercredi 2 aout 2023 | L'Essor")[0].context
    assert not one("a eu lieu en juin 2021")[0].context


def test_des_before_a_month_dates_it():
    _, value = one("avait plié bagage dès juin", "2023-12-12")
    assert (value.start, value.precision) == ("2023-06", "month")


def test_troops_deployed_since_a_date_came_then():
    assert not one("les Casques bleus chinois déployés à Gao depuis décembre 2013")[0].context
    # an activity told in the present since a day began that day
    assert not one("une équipe turque assure depuis le lundi 10 juillet 2023 la formation")[
        0
    ].context
    assert one("le programme conduit depuis 2009 par des instructeurs")[0].context
    # what is interrupted, suspended or frozen since a date stopped then
    assert not one("des stages interrompus depuis août 2020")[0].context
    assert not one("les patrouilles mixtes, suspendues depuis mars 2023")[0].context
    # past a longer place, or told first in the sentence
    assert not one("des instructeurs russes déployés aux côtés des FAMa depuis décembre 2021")[
        0
    ].context
    assert not one(
        "Depuis décembre 2021, des instructeurs russes sont déployés aux côtés des FAMa"
    )[0].context
    assert one("Depuis décembre 2021, les deux pays ont signé trois accords")[0].context
    # a delegation staying somewhere since a day came that day
    assert not one("une délégation séjourne à Bamako depuis le lundi 6 mars 2023")[0].context
    # a month without its year after ``depuis`` is a date too
    mention, value = one("des instructeurs déployés depuis décembre dernier", "2022-04-01")
    assert (mention.context, value.start) == (False, "2021-12")


def test_a_date_right_after_the_event_noun_depuis_governs_is_that_events():
    assert not one("Depuis la signature en 1994 de l'accord")[0].context
    assert not one("depuis l'arrivée en 2021 des instructeurs")[0].context
    assert one("depuis le début de 2019")[0].context
    assert one("depuis la crise de 2012")[0].context


def test_a_date_something_is_due_before_is_a_deadline():
    for text in (
        "prévue avant la fin du mois de juin",
        "attendue d'ici à mai 2024",
        "pour 2025",
        "quitté d'ici la fin du mois de mars",
    ):
        (mention,) = find_dates(text)
        assert mention.context and is_deadline(text, mention), text
    (since,) = find_dates("en vigueur depuis mai 2024")
    assert since.context and not is_deadline("en vigueur depuis mai 2024", since)
    assert not one("tenue à la fin du mois de juin")[0].context


@pytest.mark.parametrize(
    ("text", "prefer", "start"),
    [
        ("le 12 mai dernier", "future", "2024-05-12"),  # published 22 May 2024
        ("le 30 juin dernier", "future", "2023-06-30"),
        ("le 12 juin prochain", "past", "2024-06-12"),
        ("du 3 au 5 juin prochain", "past", "2024-06-03"),
        ("le 12 juin", "past", "2023-06-12"),  # unsaid: as the event is told
    ],
)
def test_a_day_said_last_or_next_is_past_or_to_come_however_the_event_is_told(text, prefer, start):
    mention, value = one(text, "2024-05-22", prefer)
    assert mention.text == text and value.start == start


def test_a_month_said_next_is_to_come_however_the_event_is_told():
    mention, value = one("prévue dans le courant du mois de mai prochain", "2013-04-10")
    assert mention.text.endswith("mai prochain") and value.start == "2013-05"
    assert one("en mai", "2013-04-10")[1].start == "2012-05"  # past by default


@pytest.mark.parametrize(
    "text",
    [
        "à compter du mois de juin prochain",
        "à compter de juin prochain",
        "à partir de juin prochain",
    ],
)
def test_a_month_something_starts_from_is_read(text):
    mention, value = one(text, "2021-04-20")
    assert mention.text.endswith("juin prochain") and value.start == "2021-06"


@pytest.mark.parametrize(
    ("text", "published", "prefer", "months"),
    [
        ("avaient annoncé leur départ à l'automne", "2023-06-30", "past", ("2022-09", "2022-12")),
        ("prévue à l'automne", "2023-06-30", "future", ("2023-09", "2023-12")),
        ("cet été", "2024-03-01", "past", ("2024-06", "2024-09")),
        ("l'été prochain", "2024-08-01", "past", ("2025-06", "2025-09")),
        ("l'été dernier", "2024-08-01", "future", ("2023-06", "2023-09")),
        ("au printemps dernier", "2024-10-01", "past", ("2024-03", "2024-06")),
    ],
)
def test_a_season_without_a_year_takes_it_from_the_publication(text, published, prefer, months):
    mention, value = one(text, published, prefer)
    assert (mention.kind, value.start, value.end, value.basis) == ("season", *months, "relative")
    assert "gives no year" in value.note


@pytest.mark.parametrize(
    ("text", "prefer", "days"),
    [
        ("ce week-end", "past", ("2024-05-18", "2024-05-19")),  # published Wednesday 22 May
        ("ce week-end", "future", ("2024-05-25", "2024-05-26")),
        ("le week-end dernier", "future", ("2024-05-18", "2024-05-19")),
        ("le week-end prochain", "past", ("2024-05-25", "2024-05-26")),
        ("ce mardi 14", "past", ("2024-05-14", "2024-05-14")),
        ("le samedi 27", "past", ("2024-04-27", "2024-04-27")),  # 27 May is a Monday
    ],
)
def test_a_weekend_or_a_weekday_with_its_day_is_resolved_against_publication(text, prefer, days):
    _, value = one(text, "2024-05-22", prefer)
    assert (value.start, value.end, value.basis) == (*days, "relative"), value.note


def test_two_weekdays_with_their_days_are_a_range_and_a_week_can_be_last_or_next():
    mention, value = one("jeudi 12 et vendredi 13 mars 2020")
    assert (mention.kind, value.start, value.end) == ("range", "2020-03-12", "2020-03-13")
    _, last = one("en fin de semaine dernière", "2024-05-22")
    assert (last.start, last.end) == ("2024-05-13", "2024-05-19")
    _, next_week = one("en début de semaine prochaine", "2024-05-22")
    assert (next_week.start, next_week.end) == ("2024-05-27", "2024-06-02")


def test_a_weekday_with_a_day_it_never_falls_on_nearby_is_left_undated():
    _, value = one("le lundi 30", "2024-05-22")  # 30 April, May and June: no Monday
    assert value.start == "" and "no Monday the 30" in value.note
    assert find_dates("le week-end") == []  # which weekend is not said
    assert one("en janvier dernier", "2024-05-22", "future")[1].start == "2024-01"


def test_a_participle_ete_is_no_season():
    assert find_dates("le protocole a été signé et l'a été de nouveau") == []
    assert resolve(find_dates("à l'automne")[0]).start == ""  # no publication date, no year


def test_the_start_of_a_school_year_is_its_month():
    assert one("à la rentrée d'octobre")[0].kind == "month"
    assert one("dès la rentrée de septembre", "2024-05-21", "future")[1].start == "2024-09"


def test_numbers_that_are_not_dates_are_ignored():
    assert find_dates("entre les 2 pays, une frontière de 419 kilomètres, près de 50%") == []
    assert find_dates("le décret n°2023-12 du gouvernement") == []
    assert find_dates("la loi n° 2019-2020 portant ratification") == []


def test_a_hyphenated_pair_of_years_is_a_range():
    mention, value = one("au titre de l'année académique 2020-2021")
    assert (mention.kind, value.start, value.end, value.basis) == (
        "year_range", "2020", "2021", "stated",
    )  # fmt: skip


def test_impossible_date_is_left_undated_with_a_note():
    _, value = one("le 31 février 2023")
    assert not value.dated
    assert "not a calendar date" in value.note


def test_weekday_that_contradicts_the_date_is_noted():
    _, value = one("le mardi 13 janvier 2023")
    assert value.start == "2023-01-13"
    assert "check the date" in value.note


def test_year_range():
    _, value = one("entre 2019 et 2021")
    assert (value.start, value.end, value.precision) == ("2019", "2021", "year")


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_any_written_french_date_resolves_to_itself(day):
    text = f"le {day.day} {MONTH_NAMES[day.month]} {day.year}"
    _, value = one(text)
    assert (value.start, value.end, value.precision, value.basis) == (
        day.isoformat(),
        day.isoformat(),
        "day",
        "stated",
    )


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 8), max_value=dt.date(2090, 12, 31)))
def test_la_semaine_derniere_is_always_a_monday_to_sunday_week_before_publication(pub):
    _, value = one("la semaine dernière", pub.isoformat())
    start, end = dt.date.fromisoformat(value.start), dt.date.fromisoformat(value.end)
    assert start.weekday() == 0 and end.weekday() == 6
    assert (end - start).days == 6
    assert 1 <= (pub - end).days <= 7


@settings(max_examples=40, deadline=None)
@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
    st.sampled_from(list(range(7))),
)
def test_weekday_dernier_is_within_the_week_before_publication(pub, weekday):
    name = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"][weekday]
    _, value = one(f"{name} dernier", pub.isoformat())
    d = dt.date.fromisoformat(value.start)
    assert d.weekday() == weekday
    assert 1 <= (pub - d).days <= 7


@pytest.mark.parametrize(
    "text", ["le 5 avril 2022", "du 5 au 7 avril 2022", "en avril 2022", "en 2022"]
)
def test_every_absolute_form_is_stated(text):
    _, value = one(text)
    assert value.basis == "stated"
    assert value.start.startswith("2022")


def test_the_date_of_a_dispatch_dateline_is_context_not_an_event_date():
    text = "GAO, 3 avril (Agence Test) – Les deux armées ont conduit jeudi une patrouille commune."
    dated = [(d.text, d.context) for d in find_dates(text)]
    assert dated == [("3 avril", True), ("jeudi", False)]
    inside = "Le général a rappelé, 3 avril (date du rapport) – sans plus."
    assert [d.context for d in find_dates(inside)] == [False]


def test_a_weekday_before_au_is_a_date_unless_a_range_follows():
    assert [
        d.text for d in find_dates("Le Mali a demandé vendredi au Conseil de sécurité le retrait.")
    ] == ["vendredi"]
    assert "lundi" not in [d.text for d in find_dates("Les travaux ont duré de lundi au mercredi.")]


def test_a_date_after_depuis_that_the_text_says_something_happened_on_is_no_context():
    text = "Depuis le 30 septembre 2021, date à laquelle quatre hélicoptères ont été réceptionnés, les livraisons se succèdent."
    assert [(d.text, d.context) for d in find_dates(text)] == [
        ("Depuis le 30 septembre 2021", False)
    ]
    assert [
        d.context for d in find_dates("Depuis le 30 septembre 2021, les livraisons se succèdent.")
    ] == [True]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("au cours du premier trimestre 2025", ("2025-01", "2025-03", "month", "stated")),
        ("le dernier trimestre de l'année 2023", ("2023-10", "2023-12", "month", "stated")),
        ("au second semestre 2024", ("2024-07", "2024-12", "month", "stated")),
        ("dès l'été 2022", ("2022-06", "2022-09", "month", "inferred")),
        ("au printemps 2019", ("2019-03", "2019-06", "month", "inferred")),
    ],
)
def test_quarters_halves_and_seasons_are_month_ranges(text: str, expected: tuple[str, ...]) -> None:
    (mention,) = find_dates(f"Les manœuvres ont eu lieu {text} dans le nord.")
    value = resolve(mention, "2026-01-01")
    assert (value.start, value.end, value.precision, value.basis) == expected


@pytest.mark.parametrize(
    "text",
    [
        "doivent être livrés avant la fin de l'année",
        "le contingent quittera le pays d'ici la fin de l'année",
        "un autre lot doit être réceptionné avant la fin de cette année",
    ],
)
def test_before_the_end_of_the_year_is_the_months_from_publication_to_december(text):
    mention, value = one(text, "2023-09-06")
    assert "fin de" in mention.text and not mention.context
    assert (value.start, value.end, value.precision, value.basis) == (
        "2023-09",
        "2023-12",
        "month",
        "relative",
    )
    assert "2023-09 to 2023-12" in value.note


def test_before_the_end_of_the_year_needs_a_publication_month():
    _, value = one("avant la fin de l'année", "2023")
    assert not value.dated and "known only as 2023" in value.note
    _, value = one("avant la fin de l'année")
    assert not value.dated


def test_d_ici_a_year_stays_a_bound_not_an_event_date():
    (mention,) = find_dates("d'ici 2030")
    assert mention.context


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("à la fin du mois de janvier", "2025-02-21", ("2025-01", "month", "relative")),
        ("dans le courant du mois de mai 2023", None, ("2023-05", "month", "stated")),
        ("au début du mois de mars 2024", None, ("2024-03", "month", "stated")),
        ("courant janvier", "2025-03-10", ("2025-01", "month", "relative")),
        ("à la fin du mois", "2025-01-15", ("2025-01", "month", "relative")),
        ("en fin de mois dernier", "2025-01-15", ("2024-12", "month", "relative")),
        ("au début du mois prochain", "2025-12-15", ("2026-01", "month", "relative")),
    ],
)
def test_parts_of_a_month_are_that_month(text, published, expected):
    mention, value = one(text, published)
    assert mention.text == text
    assert (value.start, value.precision, value.basis) == expected
    assert value.end == value.start


def test_early_or_late_in_the_week_is_the_publication_week():
    _, value = one("en début de semaine", "2025-02-27")
    assert (value.start, value.end, value.basis) == ("2025-02-24", "2025-03-02", "relative")
    # the month a part of is named: not the publication month
    assert one("à la fin du mois d'août", "2025-01-15")[0].part("m") == "aout"


@pytest.mark.parametrize(
    ("said", "published", "prefer", "expected"),
    [
        ("entre octobre et décembre derniers", "2024-03-07", "past", ("2023-10", "2023-12")),
        ("entre mars et mai", "2024-07-01", "past", ("2024-03", "2024-05")),
        ("d'octobre à février", "2024-03-07", "past", ("2023-10", "2024-02")),
        ("entre juin et août", "2024-03-07", "future", ("2024-06", "2024-08")),
        ("entre janvier et mars derniers", "2024-03-20", "future", ("2024-01", "2024-03")),
        ("entre octobre et décembre", "2024-03-07", "future", ("2024-10", "2024-12")),
    ],
)
def test_a_month_range_without_its_year_takes_the_publication_s(said, published, prefer, expected):
    (d,) = find_dates(said)
    value = resolve(d, published, prefer)
    assert (d.kind, value.start, value.end, value.basis) == ("month_range", *expected, "relative")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("La livraison est programmée pour le mois de juin.", "2024-06"),
        ("Une réunion est prévue à la fin de l'année.", "2024-12"),
        ("Une réunion est prévue en fin d'année.", "2024-12"),
    ],
)
def test_the_month_of_june_and_the_end_of_the_year(said, expected):
    (d,) = find_dates(said)
    assert resolve(d, "2024-03-07", "future").start == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("dès ce jour", "2022-07-14"),
        ("à ce jour", None),
        ("ce jour-là", None),
        ("jusqu'à ce jour", None),
    ],
)
def test_this_day_is_the_publication_day(said, expected):
    found = [
        resolve(d, "2022-07-14").start
        for d in find_dates(f"Le gouvernement a décidé de suspendre, {said}, les relèves.")
    ]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("text", "said", "parts"),
    [
        (
            "au cours du mois de juin prochain",
            "au cours du mois de juin prochain",
            (("m", "juin"), ("ahead", "prochain")),
        ),
        (
            "au cours du mois de mai 2024",
            "au cours du mois de mai 2024",
            (("m", "mai"), ("y", "2024")),
        ),
    ],
)
def test_in_the_course_of_a_month_is_that_month(text: str, said: str, parts) -> None:
    (found,) = find_dates(text)
    assert (found.kind, found.text, found.parts) == ("month", said, parts)


@pytest.mark.parametrize(
    "text",
    [
        "Depuis la signature, au début des années 2000, de l'accord de coopération.",
        "Dès les années 1960, des officiers maliens ont fréquenté ces écoles.",
        "Dans la seconde moitié des années 2010, Tokyo finançait ces stages.",
    ],
)
def test_a_decade_is_no_year(text: str) -> None:
    assert find_dates(text) == []


def test_a_year_after_a_decade_is_still_a_year() -> None:
    assert [d.text for d in find_dates("Dès les années 1960, puis en 2021, des dons.")] == [
        "en 2021"
    ]

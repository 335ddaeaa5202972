"""Article bodies without scraper junk; country codes and French names."""

from __future__ import annotations

from helpers.data.countries import french_name, is_country, split_codes
from helpers.text.articles import body_spans, body_text, is_junk_line, read_article
from helpers.text.normalize import slug

from conftest import SEED


def test_site_error_line_is_not_article_text():
    text = read_article(SEED / "raw" / "articles" / "001_4311d6fa750b5c7c.txt")
    assert "The website encountered an unexpected error" in text  # the raw file keeps it
    assert "unexpected error" not in body_text(text)
    assert body_text(text).rstrip().endswith("SEKOU MAMA TRAORE.")


def test_body_spans_keep_offsets_into_the_raw_text():
    text = read_article(SEED / "raw" / "articles" / "001_4311d6fa750b5c7c.txt")
    spans = body_spans(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    # the title printed twice by the site is kept once
    assert sum(s.text.startswith("Défense & Sécurité /") for s in spans) == 1


def test_scraped_page_header_is_junk_but_titles_are_not():
    assert is_junk_line(
        " date 2023-08 Mali-Russie : L’avenir de la coopération militaire est prometteur - abamako.com"
    )
    assert not is_junk_line(
        "Mali-Russie : L'avenir de la coopération militaire est prometteur Publié le mercredi 2 aout 2023 | L'Essor"
    )


def test_french_names_come_from_pycountry_with_iso_inversions_turned_round():
    assert [french_name(c) for c in ("MLI", "DZA", "SEN", "RUS", "MAR")] == [
        "Mali",
        "Algérie",
        "Sénégal",
        "Russie",
        "Maroc",
    ]
    # an inverted form whose head is ambiguous stays whole
    assert french_name("KOR") != french_name("PRK")


def test_country_codes():
    assert is_country("MAR") and not is_country("XXX") and not is_country("MA")
    assert split_codes("DZA; RUS") == ["DZA", "RUS"] and split_codes("") == []


def test_charmap_translates_with_one_call_per_distinct_character():
    from helpers.text.normalize import CharMap

    calls = []
    table = CharMap(lambda ch: calls.append(ch) or ch.upper())
    assert "abcab".translate(table) == "ABCAB"
    assert "cab".translate(table) == "CAB"
    assert calls == ["a", "b", "c"]


def test_slug_serves_actor_ids_and_file_names():
    assert slug("Ousmane Wélé Diallo") == "ousmane-wele-diallo"
    assert slug("ministère de la Défense") == "ministere-de-la-defense"
    assert slug("DZA") == "dza"
    assert slug("G5SAHEL") == "g5sahel"
    assert slug("../<b>x") == "b-x"
    assert slug("«»") == "x"

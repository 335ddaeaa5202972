"""Who speaks: quotes and reported statements, speakers resolved to actors and sides."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analyses import framing, quote_tables, quotes, speech
from helpers.data import events as ev

ACTORS = pd.DataFrame(
    {
        "actor_id": ["MLI", "SEN", "sadio-camara", "birame-diop", "mli-cnt"],
        "name": [
            "Mali",
            "Sénégal",
            "Sadio Camara",
            "Birame Diop",
            "Conseil national de transition",
        ],
        "kind": ["country", "country", "person", "person", "institution"],
        "country": ["MLI", "SEN", "MLI", "SEN", "MLI"],
        "aliases": ["Mali", "Sénégal", "Sadio CAMARA|Camara", "Birame DIOP", "CNT"],
    }
)


@pytest.fixture(scope="module")
def seed_quotes(nlp):
    tables = ev.load()
    corpus = framing.corpus(tables, nlp=nlp)
    hits = framing.match_frames(corpus, framing.load_codebook(), nlp)
    return corpus, quotes.extract_quotes(corpus, tables.actors, hits)


def one(frame: pd.DataFrame, article: str, text: str) -> pd.Series:
    rows = frame[(frame["article_id"] == article) & frame["quote"].str.contains(text, regex=False)]
    assert len(rows) == 1, (text, rows)
    return rows.iloc[0]


def said(nlp, text: str, partners=("SEN",)) -> pd.DataFrame:
    corpus = framing.build_corpus({"a": text}, {"a": list(partners)}, actors=ACTORS, nlp=nlp)
    return quotes.extract_quotes(corpus, ACTORS)


# --- seed sentences ------------------------------------------------------------------------------


def test_every_quote_is_verbatim_at_its_offsets(seed_quotes):
    corpus, q = seed_quotes
    assert len(q) > 10
    for r in q.itertuples():
        assert corpus.texts[r.article_id].raw[r.start : r.end] == r.quote


def test_guillemet_quote_attributed_by_the_verb_after_it(seed_quotes):
    _, q = seed_quotes
    r = one(
        q,
        "002_7b4a10bd26d76951",
        "La décision de renforcer la coopération militaire avec la Russie",
    )
    assert (r["kind"], r["cue"], r["speaker_text"], r["actor_id"], r["side"]) == (
        "direct",
        "a justifié",
        "le colonel Camara",
        "sadio-camara",
        "MLI",
    )
    assert r["frames"] == "counter_terrorism;critique_of_international_missions"


def test_a_t_il_resolves_to_the_last_person_named_before(seed_quotes):
    _, q = seed_quotes
    r = one(q, "002_7b4a10bd26d76951", "Aujourd'hui, les deux chefs d'État ont estimé")
    assert (r["cue"], r["speaker_text"], r["actor_id"], r["resolution"]) == (
        "a-t-il relevé",
        "il",
        "sadio-camara",
        "pronoun",
    )
    r = one(q, "004_73b5fe9513010623", "Le Maroc réaffirme son engagement sans faille")
    assert (r["cue"], r["actor_id"], r["side"], r["resolution"]) == (
        "a-t-il déclaré",
        "abdelghani-mouhib",
        "MAR",
        "pronoun",
    )


def test_selon_with_an_apposition_finds_the_person(seed_quotes):
    _, q = seed_quotes
    r = one(q, "000_3d8f307ad409dae6", "la tenue annuelle de ce comité mixte témoigne")
    assert r["cue"] == "Selon"
    assert r["speaker_text"].endswith("le Général de Brigade Ousmane Wélé Diallo")
    assert (r["actor_id"], r["side"]) == ("ousmane-wele-diallo", "MLI")
    assert "cross_border_crime" in r["frames"].split(";")


def test_reported_sovereignty_statement_is_on_the_malian_side(seed_quotes):
    _, q = seed_quotes
    r = one(q, "003_7af983dda2fd6249", "se distinguait par le respect de la souveraineté du Mali")
    assert (r["kind"], r["cue"], r["speaker_text"], r["actor_id"], r["side"]) == (
        "reported",
        "a souligné",
        "le colonel Sadio Camara",
        "sadio-camara",
        "MLI",
    )
    assert r["frames"] == "sovereignty"
    assert r["quote"].startswith("cette coopération militaire")  # what follows "a souligné que"


def test_a_joint_statement_of_two_heads_of_state_counts_for_both_sides(seed_quotes):
    _, q = seed_quotes
    r = one(
        q, "002_7b4a10bd26d76951", "la direction prise par cette coopération militaire est bonne"
    )
    assert (r["actor_id"], r["side"]) == ("assimi-goita;vladimir-poutine", "MLI;RUS")


def test_statements_after_the_text_and_in_an_incise(seed_quotes):
    _, q = seed_quotes
    r = one(q, "001_4311d6fa750b5c7c", "seule une lutte commune permet de gagner")
    assert (r["cue"], r["actor_id"]) == ("a dit", "sadio-camara")
    r = one(q, "001_4311d6fa750b5c7c", "sont condamnés à renforcer davantage")
    assert (r["cue"], r["speaker_text"], r["actor_id"], r["side"], r["resolution"]) == (
        "poursuit",
        "le Ministre Sénégalais",
        "",
        "unknown",
        "unresolved",
    )


def test_a_quote_with_no_speech_verb_goes_to_the_person_named_before_it(seed_quotes):
    _, q = seed_quotes
    r = one(q, "001_4311d6fa750b5c7c", "le Mali a quitté la CEDEAO")
    assert (r["speaker_text"], r["actor_id"], r["resolution"]) == (
        "Sadio CAMARA",
        "sadio-camara",
        "nearest name",
    )
    assert set(r["frames"].split(";")) >= {"sovereignty"}
    motto = one(q, "001_4311d6fa750b5c7c", "Un Peuple, Un But, Une foi")
    assert (motto["speaker_text"], motto["side"], motto["resolution"]) == ("", "unknown", "none")


def test_infinitives_and_adjectival_participles_are_not_statements(seed_quotes):
    _, q = seed_quotes
    text = " ".join(q["quote"])
    assert "cette rencontre vise à renforcer les échanges" not in text  # "Il faut dire que ..."
    assert "constitue un levier important" not in text  # "L'appui du Maroc, reconnu pour ..."
    assert not q["cue"].str.contains("reconnu|faut dire").any()


# --- hand-made sentences -----------------------------------------------------------------------


def test_que_is_required_after_verbs_that_also_mean_something_else(nlp):
    q = said(nlp, "Le ministre Sadio Camara a assuré la sécurité du sommet de Bamako.")
    assert q.empty
    q = said(nlp, "Le ministre Sadio Camara a assuré que la sécurité du sommet est garantie.")
    assert q[["quote", "actor_id", "side"]].values.tolist() == [
        ["la sécurité du sommet est garantie", "sadio-camara", "MLI"]
    ]


def test_speaker_is_resolved_case_and_accent_insensitively_and_to_the_partner_side(nlp):
    q = said(
        nlp, "« Nous devons agir ensemble contre le terrorisme », a déclaré BIRAME DIOP à Bamako."
    )
    assert q[["kind", "actor_id", "side", "resolution"]].values.tolist() == [
        ["direct", "birame-diop", "SEN", "alias"]
    ]
    q = said(
        nlp,
        "« Nous devons agir ensemble contre le terrorisme », a déclaré Birame Diop.",
        partners=("MAR",),
    )
    assert q["side"].tolist() == ["other"]


def test_selon_laquelle_is_not_an_attribution(nlp):
    q = said(
        nlp, "La conviction est établie, selon laquelle seule une lutte commune permet de gagner."
    )
    assert q.empty


def test_an_institution_can_speak(nlp):
    q = said(nlp, "Selon le CNT, la ratification de l'accord renforce la coopération militaire.")
    assert q[["cue", "speaker_text", "actor_id", "side", "quote"]].values.tolist() == [
        [
            "Selon",
            "le CNT",
            "mli-cnt",
            "MLI",
            "la ratification de l'accord renforce la coopération militaire",
        ]
    ]


def test_frames_by_side_counts_statements_per_partner_side_and_frame():
    q = pd.DataFrame(
        {
            "quote": ["a", "b", "c", "d"],
            "partners": ["SEN", "SEN", "SEN;RUS", "RUS"],
            "side": ["MLI", "SEN", "MLI;RUS", "unknown"],
            "frames": ["sovereignty", "", "sovereignty;training", "training"],
        }
    )
    out = quotes.frames_by_side(q, ["sovereignty", "training"])
    assert out.values.tolist() == [
        ["RUS", "MLI", 1, 1, 1],
        ["RUS", "RUS", 1, 1, 1],
        ["RUS", "unknown", 1, 0, 1],
        ["SEN", "MLI", 2, 2, 1],
        ["SEN", "RUS", 1, 1, 1],
        ["SEN", "SEN", 1, 0, 0],
    ]


def test_no_text_no_quotes(nlp):
    corpus = framing.build_corpus({}, nlp=nlp)
    q = quotes.extract_quotes(corpus, ACTORS)
    assert q.empty and list(q.columns) == quotes.QUOTE_COLUMNS
    assert quotes.frames_by_side(q, ["f"]).empty


def test_the_table_wide_statement_cue_is_the_per_token_rule(nlp):
    tok = framing.corpus(ev.load(), nlp=nlp).tokens
    per_token = [
        quotes._is_verb(t) or t.text.lower() == "selon" for t in tok.itertuples(index=False)
    ]
    assert any(per_token)
    assert quote_tables.opens_statement(tok).tolist() == per_token


def test_only_the_tokens_of_sentences_the_rules_read_are_grouped_and_the_result_is_the_same(
    nlp, monkeypatch
):
    tables = ev.load()
    corpus = framing.corpus(tables, nlp=nlp)
    spans = quotes.guillemet_spans(corpus)
    read = quote_tables.readable_tokens(corpus, spans)
    assert 0 < len(read) < len(corpus.tokens)
    limited = quotes.extract_quotes(corpus, tables.actors)
    monkeypatch.setattr(quotes, "readable_tokens", lambda c, s: c.tokens)
    pd.testing.assert_frame_equal(limited, quotes.extract_quotes(corpus, tables.actors))


@pytest.mark.parametrize(
    ("word", "lemma", "before", "may"),
    [
        ("lancé", "lancer", [("Le", "le"), ("ministre", "ministre"), ("a", "avoir")], False),
        ("poursuit", "poursuivre", [("Mais", "mais"), (",", ",")], True),
        ("poursuivi", "poursuivre", [("bien", "bien"), (",", ","), ("a", "avoir")], True),
        ("précisée", "préciser", [("date", "date"), ("non", "non")], False),
        ("précisé", "préciser", [("ministre", "ministre"), ("a", "avoir")], True),
        ("déclaré", "déclarer", [("ministre", "ministre"), ("s'", "se"), ("est", "être")], True),
        ("souligne", "souligner", [], True),
        ("selon", "selon", [], True),
    ],
)
def test_what_the_lookup_analysis_may_leave_untagged_follows_the_speech_verb_rule(
    word, lemma, before, may
):
    assert speech.may_open_statement(word, lemma, before) is may

"""The trigger pattern file: every rule loads and fires; bad rules are refused by name and line."""

from __future__ import annotations

import json

import pytest

from helpers.data.errors import DataError
from helpers.data.events import EVENT_TYPES
from helpers.extraction.trigger_rules import (
    COMPONENT,
    PATTERNS,
    TriggerMatcher,
    anchors,
    read_rules,
    sentence_matches,
    trigger_pipeline,
)
from helpers.extraction.triggers import find_triggers
from helpers.text.articles import body_spans

from conftest import ROOT

# One sentence per rule, each written for this test, in which that rule gives the trigger.
EXAMPLES = {
    "forces-conduisent": "Les armées malienne et nigérienne ont mené mardi une opération de ratissage.",
    "interrompre": "Les patrouilles mixtes, interrompues depuis mars, pourraient reprendre.",
    "chefs-etat-reunis": "Les chefs d'État de la région, réunis samedi à Accra, ont levé les sanctions.",
    "lever-sanctions": "La Communauté a levé samedi, « avec effet immédiat », l'embargo imposé au pays.",
    "mandat-prolonge": "Le Conseil de sécurité a prolongé d'un an le mandat de la mission.",
    "reprise-cooperation": "Paris a annoncé la reprise des opérations conjointes avec l'armée malienne.",
    "commission-se-reunit": "Une commission mixte de sécurité se tiendra à Kayes avant l'été.",
    "suivre-formation": "Douze officiers maliens ont suivi une formation au pilotage à Ankara.",
    "mise-a-disposition": "Le Niger a mis à la disposition de l'armée malienne deux avions de transport.",
    "quitter-emprise": "Les derniers Casques bleus ont quitté leur emprise de Tessalit samedi.",
    "retrocession": "La mission a rétrocédé le camp de Tessalit aux forces armées maliennes.",
    "mettre-fin-accord": "Le gouvernement a décidé de mettre fin, avec effet immédiat, à l’accord de défense.",
    "rencontre": "Les deux généraux se sont rencontrés lundi à Gao.",
    "reunion": "Une réunion des chefs d'état-major a eu lieu à Mopti.",
    "se-reunir": "Les experts se réuniront à Kayes la semaine prochaine.",
    "entretien": "Il a eu un entretien avec le ministre tchadien.",
    "echanger-avec": "Le ministre a échangé mardi avec une délégation de l’armée nigériane.",
    "audience": "Le ministre a accordé une audience au chargé d'affaires.",
    "recevoir": "Le chef d'état-major a reçu son homologue ghanéen.",
    "etre-recu": "La délégation a été reçue jeudi par le ministre de la Défense.",
    "recu-par": "Reçu mardi par le ministre de la Défense, l'ambassadeur a salué la coopération.",
    "places-ecoles": "Le Ghana a réservé vingt places aux officiers maliens pour la rentrée 2026.",
    "accueillir-stagiaires": "Rabat accueillera en octobre une trentaine d'élèves officiers.",
    "visite": "La visite du ministre togolais a duré deux jours.",
    "sejour": "Son séjour à Accra s'est achevé samedi.",
    "se-rendre": "Le ministre s'est rendu à Lomé.",
    "sejourner-passage": "Une délégation nigérienne a séjourné à Bamako du 3 au 5 mai.",
    "arrivee-envoye": "Le ministre nigérien de la Défense est arrivé dimanche à Bamako.",
    "session": "La troisième session de la commission mixte s'est ouverte à Bamako.",
    "sommet": "Le sommet des chefs d'État s'est tenu à Niamey.",
    "signer": "Les deux ministres ont signé un mémorandum d'entente.",
    "signature": "La signature d'un protocole de coopération a clos la visite.",
    "accord-date": "Les parties veulent appliquer l'accord de 2019.",
    "ratifier": "L'Assemblée a ratifié la convention de défense.",
    "creer": "Un comité de suivi a été créé par les deux ministres.",
    "lancer": "Les deux pays ont lancé une cellule de renseignement commune.",
    "mise-en-place": "Les ministres ont annoncé la mise en place d'un comité de suivi.",
    "creation": "La création d'un centre d'entraînement a été décidée.",
    "livrer": "L'armée de l'air a réceptionné trois hélicoptères.",
    "livraison-attendue": "D'autres livraisons sont attendues avant l'été.",
    "arrivee-materiel": "Il a annoncé l’arrivée prochaine de nouveaux hélicoptères russes.",
    "recevoir-materiel": "Les FAMa ont reçu douze véhicules de transport.",
    "remise": "La remise des équipements a eu lieu au camp de Kati.",
    "offrir": "Ces ambulances ont été offertes par le Japon.",
    "envoi-stagiaires": "Le ministre a confirmé l'envoi de quarante stagiaires au Maroc.",
    "formation": "Un stage de formation a réuni vingt officiers.",
    "formation-de": "Le partenaire poursuivra la formation des pilotes de chasse maliens.",
    "former": "Les instructeurs ont formé 300 soldats maliens.",
    "stage": "L'école a accueilli un stage destiné aux sous-officiers.",
    "deployer-formation": "Des instructeurs étrangers ont été déployés à Koulikoro.",
    "exercice": "Un exercice militaire conjoint s'est déroulé à Sikasso.",
    "denoncer": "Le gouvernement dénonce l'accord de défense qui le liait à ce pays.",
    "claquer-la-porte": "Le pays a claqué la porte de l'organisation régionale.",
    "se-retirer": "Les autorités ont annoncé leur retrait de la force régionale.",
    "quitte-date": "Le pays a rappelé l'organisation, quittée le 3 mars 2022.",
    "fin-mission": "La fin de la mission a été célébrée sans discours.",
    "retrait": "Le non-renouvellement du mandat des casques bleus a été voté.",
    "fin-mandat": "Le Conseil a mis fin au mandat de la force.",
    "rupture": "Bamako rompt ses relations diplomatiques avec ce pays.",
    "suspendre": "La coopération militaire a été suspendue en avril.",
    "geler": "La coopération militaire a été gelée en avril.",
    "patrouilles": "Des patrouilles conjointes ont sillonné la frontière.",
    "declaration": "Les deux ministres ont publié une déclaration commune.",
    "condamner": "Le gouvernement condamne avec la plus grande fermeté cette intrusion.",
    "declencher-operation": "La France a déclenché l'opération Serval à la demande de Bamako.",
    "mener-conjointement": "Des frappes aériennes menées conjointement avec le Niger ont visé des bases terroristes.",
    "cesser-activites": "La task force a cessé ses activités au Mali le 30 juin.",
    "quitter-organisation": "Le Mali a quitté dès mai 2022 le G5 Sahel.",
    "attestations": "Soixante militaires ont reçu leurs attestations de fin de stage à Kati.",
    "former-pour": "Des instructeurs sont attendus à Kati pour former les pilotes maliens.",
    "rejoindre-ecole": "Quinze élèves officiers rejoindront en septembre l'Académie militaire turque.",
    "appuyer-colonne": "Des hélicoptères maliens ont appuyé une colonne nigérienne près d'Ayorou.",
    "instructeurs-arrivent": "Des instructeurs allemands ont rejoint le camp de Koulikoro en avril.",
    "envoi-instructeurs": "Islamabad a annoncé l'envoi, dès janvier prochain, d'une équipe d'instructeurs.",
    "attendu-a": "Une délégation de l'état-major saoudien est attendue à Bamako en juin.",
    "phase-suivante": "Une deuxième phase de l'opération doit débuter en novembre prochain.",
    "tranche-attendue": "Une seconde tranche de véhicules blindés est attendue en décembre.",
    "convoquer": "Le ministre a convoqué l'ambassadeur du Tchad pour protester.",
    "position-communique": "Le gouvernement a salué dans un communiqué une rencontre fraternelle.",
    "deployer-troupes": "Le Togo a dépêché à Mopti une compagnie de quatre cents soldats.",
    "troupes-deployees": "Des soldats ghanéens déployés à Tombouctou ont sécurisé le marché.",
    "seance-de-travail": "Le ministre a eu une séance de travail avec l'ambassadeur du Japon.",
    "stage-verbe": "Des formateurs espagnols ont encadré à Koulikoro le stage d'une compagnie.",
    "cloture-stage": "La clôture d'un stage organisé par la coopération espagnole a eu lieu hier.",
    "rejoindre-flotte": "Deux avions turcs ont rejoint la flotte malienne en mars.",
    "rapatriement": "Le Tchad a ordonné le rapatriement de ses soldats stationnés à Tessalit.",
    "se-retirer-mission": "La Suède s'est retirée de la force Takuba en juin.",
    "operation-lancee": "Déclenchée en janvier 2013, l'opération Serval a stoppé les colonnes.",
    "troupes-quittent": "Les Casques bleus égyptiens doivent avoir quitté le pays en décembre.",
}


def test_the_pattern_file_loads_and_names_each_rule_once():
    rules = read_rules()
    names = [r.name for r in rules]
    assert len(names) == len(set(names)) > 30
    assert {r.event_type for r in rules if not r.refers_to} <= set(EVENT_TYPES)
    assert {t for r in rules for t in r.refers_to} <= set(EVENT_TYPES)
    assert all(bool(r.event_type) != bool(r.refers_to) for r in rules)
    assert all(r.patterns for r in rules)
    TriggerMatcher(trigger_pipeline().vocab, rules)  # every pattern is a valid Matcher pattern


def test_every_rule_has_an_example_where_it_fires():
    rules = {r.name: r for r in read_rules() if not r.refers_to}
    assert set(EXAMPLES) == set(rules)
    missed = []
    for name, sentence in EXAMPLES.items():
        starts = [(sentence.index(" de 2019"), "de")] if name == "accord-date" else []
        found = [
            (t.rule, t.event_type)
            for t in find_triggers(sentence, date_starts=starts)
            if not t.anaphoric
        ]
        if (name, rules[name].event_type) not in found:
            missed.append((name, found))
    assert missed == []


def _anaphor_nouns() -> list[tuple[str, str, list[str]]]:
    lines = [json.loads(line) for line in PATTERNS.read_text(encoding="utf-8").splitlines()]
    return [
        (r["name"], r["patterns"][0][-1]["LOWER"]["IN"][0], r["refers_to"])
        for r in lines
        if "refers_to" in r
    ]


@pytest.mark.parametrize(("name", "noun", "families"), _anaphor_nouns())
def test_every_anaphor_rule_refers_back(name, noun, families):
    sentence = f"Le ministre est revenu sur ces premières {noun} avec ses collaborateurs."
    found = find_triggers(sentence)
    assert [(t.anaphoric, t.families) for t in found] == [(True, tuple(families))], (name, found)


def test_the_component_puts_matches_in_a_doc_attribute():
    nlp = trigger_pipeline()
    assert nlp.pipe_names[-1] == COMPONENT
    doc = nlp("Le matériel a été livré. Les ministres se sont entretenus.")
    assert [(s.label_, s.text) for s in doc._.triggers] == [
        ("livrer", "livré"),
        ("se-reunir", "se sont entretenus"),
    ]
    second = doc.text.index("Les")
    assert sentence_matches(doc, second, len(doc.text)) == [("se-reunir", 14, 32)]


def test_lemma_patterns_cover_conjugations_and_case():
    sentence = "RÉCEPTIONNÉS hier, les blindés livrés par Ankara"
    doc = trigger_pipeline()(sentence)
    assert [s.label_ for s in doc._.triggers] == ["livrer", "livrer"]


def _write(tmp_path, *rules: dict) -> str:
    path = tmp_path / "triggers.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rules) + "\n", encoding="utf-8"
    )
    return str(path)


GOOD = {"name": "x", "event_type": "meeting", "patterns": [[{"LEMMA": "rencontre"}]]}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"event_type": "party"}, "event_type 'party' is not one of"),
        ({"needs": "luck"}, "needs 'luck' is not one of"),
        ({"patterns": []}, "patterns must be a non-empty list"),
        ({"patterns": [[{"LEMMA": {"IN": "@nothing"}}]]}, "unknown word set '@nothing'"),
        ({"colour": "red"}, "unknown field(s) ['colour']"),
        ({"keep": [1]}, "keep must be a token slice"),
    ],
)
def test_a_bad_rule_is_refused_naming_file_line_and_expectation(tmp_path, change, expected):
    path = _write(tmp_path, GOOD, {**GOOD, "name": "y", **change})
    with pytest.raises(DataError) as err:
        read_rules(path)
    message = str(err.value)
    assert path in message and "row 2" in message and expected in message


def test_a_line_that_is_not_json_and_a_repeated_name_are_refused(tmp_path):
    path = tmp_path / "triggers.jsonl"
    path.write_text(json.dumps(GOOD) + "\n{not json\n" + json.dumps(GOOD) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_rules(path)
    assert "row 2" in str(err.value) and "used twice" in str(err.value)


def test_a_pattern_spacy_refuses_is_a_data_error(tmp_path):
    rules = read_rules(
        _write(tmp_path, {**GOOD, "patterns": [[{"LEMMA": "x", "OP": "sometimes"}]]})
    )
    with pytest.raises(DataError, match="rule 'x'"):
        TriggerMatcher(trigger_pipeline().vocab, rules)


def test_an_analyst_rule_in_a_file_of_its_own_is_matched(tmp_path):
    rules = read_rules(
        _write(
            tmp_path, {"name": "escale", "event_type": "visit", "patterns": [[{"LEMMA": "escale"}]]}
        )
    )
    matcher = TriggerMatcher(trigger_pipeline().vocab, rules)
    doc = matcher(
        trigger_pipeline()("Le navire a fait escale à Dakar puis deux escales à Abidjan.")
    )
    assert [s.text for s in doc._.triggers] == ["escale", "escales"]


def test_the_prefiltered_matcher_finds_what_the_full_one_finds():
    nlp = trigger_pipeline()
    component = nlp.get_pipe(COMPONENT)
    files = sorted((ROOT / "tests" / "fixtures").glob("**/raw/articles/*.txt"))
    texts = [s.text for f in files for s in body_spans(f.read_text(encoding="utf-8"))]
    assert len(texts) > 300
    with nlp.select_pipes(disable=[COMPONENT]):
        docs = list(nlp.pipe(texts))

    def found(prefilter: bool) -> list:
        component.prefilter = prefilter
        try:
            return [[(s.label_, s.start, s.end) for s in component(d)._.triggers] for d in docs]
        finally:
            component.prefilter = True

    full = found(False)
    assert sum(map(len, full)) > 200
    assert found(True) == full
    # a pattern's required words: every token that must be there and gives its words
    (needs,) = anchors(
        [[{"LOWER": {"IN": ["ce"]}}, {"IS_ALPHA": True, "OP": "?"}, {"LEMMA": {"IN": ["visite"]}}]]
    )
    assert needs == (("LOWER", frozenset({"ce"})), ("LEMMA", frozenset({"visite"})))
    assert anchors([[{"LOWER": {"IN": ["x"]}, "OP": "*"}, {"POS": "VERB"}]]) == ((),)


def test_a_simple_future_the_tagger_mistakes_is_read_as_future():
    from helpers.extraction.triggers import tense

    doc = trigger_pipeline()(
        "Abuja mettra deux avions à la disposition du Mali, et des instructeurs formeront les "
        "équipages ; le ministre serra la main de son hôte et les pilotes sont entrés."
    )
    tenses = {t.text: tense(t) for t in doc if t.pos_ in ("VERB", "AUX")}
    assert tenses["mettra"] == tenses["formeront"] == "Fut"
    assert tenses["serra"] != "Fut"  # serrer, simple past: stem "serr" is not a future stem
    assert tenses["entrés"] != "Fut"


class _Tagged:
    """A token as the tagger left it: form, lemma, part of speech and tense."""

    def __init__(self, form: str, lemma: str, tense: str = "", pos: str = "VERB") -> None:
        self.lower_, self.lemma_, self.pos_ = form.lower(), lemma, pos
        self.morph = {"Tense": [tense] if tense else []}


@pytest.mark.parametrize(
    ("form", "lemma", "tagged", "expected"),
    [
        ("ira", "aller", "Past", "Fut"),  # irregular stem ir-
        ("devront", "devoir", "Pres", "Fut"),  # irregular stem devr-
        ("livreront", "livrer", "Pres", "Fut"),  # the infinitive, then -ont
        ("mettra", "mettre", "Past", "Fut"),  # the infinitive less its final e
        ("entra", "entrer", "Past", "Past"),  # simple past: entr- is not entrer
        ("serra", "serrer", "", ""),  # serr- is neither serrer nor the stem of être
        ("livrera", "livrer", "Fut", "Fut"),  # the tagger's future is kept
        ("livra", "livraison", "", ""),  # not a verb form of its lemma
        ("ouvrirait", "ouvrir", "Imp", "Fut"),  # present conditional: the future of reported speech
        ("enverraient", "envoyer", "Pres", "Fut"),  # on an irregular stem
        ("ouvrait", "ouvrir", "Imp", "Imp"),  # the imperfect: ouvr- is not ouvrir
        ("livrait", "livrer", "Imp", "Imp"),
    ],
)
def test_the_simple_future_from_the_stem_and_ending(form, lemma, tagged, expected):
    from helpers.extraction.triggers import tense

    assert tense(_Tagged(form, lemma, tagged)) == expected
    assert tense(_Tagged(form, lemma, tagged, pos="NOUN")) == tagged  # only verbs are read


def test_an_auxiliary_in_the_conditional_is_no_future():
    from helpers.extraction.triggers import tense

    # ``aurait été conclu``: told as done, on hearsay
    assert tense(_Tagged("aurait", "avoir", "Pres", pos="AUX")) == "Pres"
    assert tense(_Tagged("aura", "avoir", "Pres", pos="AUX")) == "Fut"

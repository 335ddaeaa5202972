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
        ("Le G5 Sahel a été créé en février 2014 à Nouakchott.", "institution_creation"),
        (
            "Les trois pays ont décidé la création d'une force de 5 000 hommes.",
            "institution_creation",
        ),
        ("La CEDEAO a levé samedi l'embargo imposé au pays.", "other"),
        ("Le Conseil a prorogé de deux ans le mandat de la mission.", "other"),
        ("Le Mali a réceptionné un lot de véhicules blindés.", "delivery"),
        ("La livraison de deux hélicoptères a eu lieu.", "delivery"),
        ("Il a rappelé le don, en 2021, de quarante camions.", "delivery"),
        ("La Guinée a fait don de dix mille litres de carburant.", "delivery"),
        ("Il a annoncé l'envoi de stagiaires en Russie.", "training"),
        ("Un exercice militaire conjoint a eu lieu.", "training"),
        ("Les deux parties ont publié un communiqué conjoint.", "statement"),
        ("L'Union européenne a mis fin mardi à sa mission de formation.", "withdrawal"),
        ("La mission a officiellement rétrocédé samedi son camp de Tessalit.", "withdrawal"),
        ("Une délégation nigérienne est arrivée hier soir à Bamako.", "visit"),
        ("Vingt pilotes maliens sont actuellement en formation en Russie.", "training"),
        ("Le président a échangé au téléphone avec son homologue turc.", "meeting"),
        ("La Russie a formé plus de 100 pilotes maliens.", "training"),
        ("Ils ont pris part à l'exercice multinational Flintlock.", "training"),
        ("Une délégation séjourne depuis dimanche à Bamako.", "visit"),
        ("Le ministre se rendra la semaine prochaine à Moscou.", "visit"),
        ("Des officiers participent à un séminaire sur la sécurité maritime.", "training"),
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
    assert kinds("sa 15ème et dernière Session s'est tenue à Alger", article_joint=True) == [
        ("joint_commission", False)
    ]


def test_session_number_from_digits_and_words():
    assert [t.session for t in find_triggers("La première session du comité mixte a eu lieu")] == [
        1
    ]
    assert [t.session for t in find_triggers("la 16ème session du Comité Mixte")] == [16]
    assert [t.session for t in find_triggers("le 2è Sommet Russie-Afrique")] == [2]
    assert session_number(fold("sa 15ème et dernière "), 21) == 15


def test_habitual_meetings_are_not_events():
    assert (
        kinds(
            "Ce Comité se réunit tous les ans et tient ses réunions alternativement au Mali et en Algérie."
        )
        == []
    )


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
    assert kinds(sentence, tokens=[Token(at, "VERB", "Part", "Past")]) == [
        ("agreement_signature", False)
    ]


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
    assert [
        t.factuality for t in find_triggers("le ministre a annoncé l'envoi de stagiaires en Russie")
    ] == ["announced"]
    assert [t.factuality for t in find_triggers("la prochaine session de la commission mixte")] == [
        "announced"
    ]
    assert [t.factuality for t in find_triggers("une visite est prévue en mars")] == ["planned"]
    assert [t.factuality for t in find_triggers("la visite a eu lieu en mars")] == ["occurred"]


def test_meeting_at_a_summit_is_contained_in_it():
    sentence = (
        "Lors de leur rencontre au sommet de Saint-Pétersbourg, les deux chefs d'État ont estimé"
    )
    meeting, summit = find_triggers(sentence)
    assert (meeting.event_type, summit.event_type) == ("meeting", "summit")
    assert is_contained(sentence, meeting, summit)
    assert not is_contained(sentence, summit, meeting)


def test_meeting_told_with_a_visit_is_contained_in_it():
    sentence = "Il a rencontré son homologue en visite de 72 heures à Bamako."
    meeting, visit = find_triggers(sentence)
    assert is_contained(sentence, meeting, visit)


def events(sentence: str) -> list[tuple[str, str]]:
    """(event type, factuality) of the sentence's triggers, anaphors left out."""
    return [(t.event_type, t.factuality) for t in find_triggers(sentence) if not t.anaphoric]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # deliveries: handed over, received, given, announced, in several forms
        ("L'armée de l'air a réceptionné deux avions de transport.", ("delivery", "occurred")),
        ("Les blindés ont été réceptionnés à Kati.", ("delivery", "occurred")),
        ("Quatre drones réceptionnés mardi renforcent la flotte.", ("delivery", "occurred")),
        ("La remise des équipements s'est faite au camp de Kati.", ("delivery", "occurred")),
        ("La réception de six ambulances militaires a eu lieu lundi.", ("delivery", "occurred")),
        ("Le Japon a fait un don de vingt camions aux forces armées.", ("delivery", "occurred")),
        (
            "Deux hélicoptères doivent être livrés avant la fin de l'année.",
            ("delivery", "announced"),
        ),
        ("Un radar doit encore être livré au printemps.", ("delivery", "announced")),
        ("De nouvelles livraisons sont attendues en juin.", ("delivery", "announced")),
        ("La Turquie livrera trois drones en mai.", ("delivery", "announced")),
        # endings
        (
            "Le gouvernement dénonce l'accord de défense signé avec ce pays.",
            ("agreement_termination", "occurred"),
        ),
        ("Le Niger a dénoncé le traité de coopération.", ("agreement_termination", "occurred")),
        (
            "La dénonciation de la convention prend effet en mars.",
            ("agreement_termination", "occurred"),
        ),
        ("La fin de la mission européenne a été actée samedi.", ("withdrawal", "occurred")),
        ("Le non-renouvellement du mandat de la force a été voté.", ("withdrawal", "occurred")),
        ("Le Conseil n'a pas renouvelé le mandat de la mission.", ("withdrawal", "occurred")),
        ("La mission a cessé d'exister le 30 juin.", ("withdrawal", "occurred")),
        ("Les derniers soldats ont quitté la base de Gao en août.", ("withdrawal", "occurred")),
        ("Le retrait des troupes s'est achevé en décembre.", ("withdrawal", "occurred")),
        ("Bamako rompt ses relations diplomatiques avec Kiev.", ("relations_break", "occurred")),
        ("Les deux pays ont rompu leurs relations en 2024.", ("relations_break", "occurred")),
        ("Le Mali a rappelé son ambassadeur en poste à Alger.", ("relations_break", "occurred")),
        ("Les trois États rappellent leurs ambassadeurs.", ("relations_break", "occurred")),
        ("Le rappel de son ambassadeur a surpris les diplomates.", ("relations_break", "occurred")),
        ("La coopération militaire a été gelée en avril.", ("suspension", "occurred")),
        ("Bruxelles gèle sa coopération avec l'armée.", ("suspension", "occurred")),
        ("Le gel de la coopération a duré deux ans.", ("suspension", "occurred")),
        ("Paris a suspendu ses opérations conjointes avec les FAMa.", ("suspension", "occurred")),
        # joint patrols and operations
        ("Des patrouilles conjointes ont sillonné la frontière.", ("joint_operation", "occurred")),
        ("Une patrouille mixte a été attaquée près de Ménaka.", ("joint_operation", "occurred")),
        (
            "Les deux armées ont conduit une opération militaire conjointe.",
            ("joint_operation", "occurred"),
        ),
        ("Une offensive commune a été lancée dans le Gourma.", ("joint_operation", "occurred")),
        # training, deployments of instructors
        (
            "L'école a accueilli un stage de perfectionnement pour douze officiers.",
            ("training", "occurred"),
        ),
        ("Le centre accueillera en mai un stage de pilotage.", ("training", "announced")),
        (
            "La partie chinoise poursuivra la formation de techniciens maliens.",
            ("training", "announced"),
        ),
        (
            "La mission a contribué à la formation de plusieurs milliers de soldats.",
            ("training", "occurred"),
        ),
        ("Les instructeurs ont formé 400 soldats en six mois.", ("training", "occurred")),
        ("Des instructeurs russes ont été déployés à Sévaré.", ("training", "occurred")),
        ("Le déploiement de formateurs européens a commencé en février.", ("training", "occurred")),
        ("Cent vingt militaires ont été formés au déminage.", ("training", "occurred")),
        (
            "Des instructeurs turcs ont formé des mécaniciens à l'entretien.",
            ("training", "occurred"),
        ),
        ("Une équipe d'instructeurs est attendue à Kati en mars.", ("training", "announced")),
        ("Les instructeurs belges quitteront le pays d'ici à juin.", ("withdrawal", "announced")),
        ("La Côte d'Ivoire a retiré de la mission son contingent.", ("withdrawal", "occurred")),
        # meetings
        ("Les deux ministres se retrouveront à Niamey en juillet.", ("meeting", "announced")),
        ("Les chefs d'état-major doivent se retrouver à Ouagadougou.", ("meeting", "announced")),
        ("Les experts doivent par ailleurs se réunir à Kayes.", ("meeting", "announced")),
        (
            "Les parties sont convenues de tenir une réunion à Kayes, et de signer un protocole d'accord.",
            ("agreement_signature", "planned"),
        ),
        (
            "Les deux pays doivent réunir à la fin du mois le comité bilatéral frontalier.",
            ("joint_commission", "announced"),
        ),
        ("Les délégations se sont retrouvées à Dakar pour deux jours.", ("meeting", "occurred")),
        ("Le ministre a accordé une audience à l'ambassadeur du Ghana.", ("meeting", "occurred")),
        ("Le président a reçu en audience le chef de la délégation.", ("meeting", "occurred")),
        ("Il s'est entretenu avec son homologue guinéen.", ("meeting", "occurred")),
        ("La ministre s'entretient avec le chef d'état-major.", ("meeting", "occurred")),
        (
            "La délégation a été reçue mercredi par le ministre de la Défense.",
            ("meeting", "occurred"),
        ),
        (
            "La délégation a été reçue au Palais de la République par le Président.",
            ("meeting", "occurred"),
        ),
        (
            "Les ministres ont été reçus en audience, le mardi 19 novembre, par le Président.",
            ("meeting", "occurred"),
        ),
        ("Le Ministre a d'abord reçu l'ambassadeur du Ghana.", ("meeting", "occurred")),
        ("Le Ministre a ensuite accueilli le Lieutenant-Colonel Ba.", ("meeting", "occurred")),
        # statements
        ("Les deux gouvernements ont publié une déclaration commune.", ("statement", "occurred")),
        ("Un communiqué conjoint a été rendu public jeudi.", ("statement", "occurred")),
    ],
)
def test_trigger_families(sentence, expected):
    assert expected in events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Le ministre a dénoncé des propos jugés injurieux.",  # dénoncer with no agreement
        "Le bataillon a été déployé dans le nord du pays.",  # a deployment of no trainers
        "L'accord prévoit la formation de cadres et l'échange de renseignements.",  # a provision
        "Le pays se retrouve isolé sur la scène régionale.",  # not a meeting
        "Il est prévu de se réunir pour en discuter.",  # an infinitive
        "Les deux parties souhaitent se retrouver à Bamako.",  # an infinitive with no modal
        "Les ministres se réunissent chaque année à Dakar.",  # habitual
        "Le comité se retrouve périodiquement à Nouakchott.",  # habitual
        "Le gel des prix a été décidé par le gouvernement.",  # a freeze of nothing military
        "La remise en cause de la stratégie inquiète.",  # remise without equipment
        "Le traité instituant la Confédération a été publié.",  # a participle naming the treaty
        "Le procès-verbal prévoit la mise en place de patrouilles le long de la frontière.",  # no institution
    ],
)
def test_no_event_where_the_family_word_says_none(sentence):
    found = events(sentence)
    assert not any(
        kind
        in {
            "agreement_termination",
            "training",
            "meeting",
            "suspension",
            "delivery",
            "institution_creation",
        }
        for kind, _ in found
    ), found


def test_creation_of_an_institution_is_still_found():
    assert ("institution_creation", "occurred") in events(
        "La création d'un comité de suivi a été décidée à Bamako."
    )
    assert ("institution_creation", "occurred") in events(
        "Les deux pays ont mis en place une cellule de coordination."
    )


def test_meetings_in_a_clause_far_from_a_habit_are_events():
    sentence = "Ces mesures, prises lors de la dernière réunion des deux états-majors, visent à protéger les bergers qui traversent la frontière chaque année avec leurs troupeaux."
    assert ("meeting", "occurred") in events(sentence)


@pytest.mark.parametrize(
    ("sentence", "family"),
    [
        ("Ce départ a été organisé avec les autorités.", "withdrawal"),
        ("Cette opération a duré huit jours.", "joint_operation"),
        ("Ces patrouilles ont permis de saisir des motos.", "joint_operation"),
        ("Cette livraison intervient dans un contexte tendu.", "delivery"),
        ("Cette formation a duré trois semaines.", "training"),
    ],
)
def test_new_family_nouns_after_a_demonstrative_are_anaphors(sentence, family):
    found = find_triggers(sentence)
    assert [(t.anaphoric, t.families[0]) for t in found] == [(True, family)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Aucune rencontre entre les deux parties n'était programmée lundi matin.",
        "Des discussions sont engagées, même si aucun contrat n'a été signé à ce jour.",
        "Le ministre n'a jamais visité Alger.",
        "Le Mali n'a pas reçu de livraison d'armes.",
        "Aucune date n'a encore été arrêtée pour la prochaine session de la commission mixte.",
        "Le ministre n'a pas reçu son homologue ghanéen.",
        "Un accord-cadre de coopération militaire pourrait être signé avant la fin du mois.",
        "Les patrouilles mixtes pourraient reprendre le mois prochain.",
        "La prochaine session de la commission mixte pourrait se tenir en mai.",
        "En revanche, aucune date n'a été fixée pour la visite du ministre rwandais.",
        "Le déploiement des bataillons reste suspendu à la décision des chefs d'État.",
    ],
)
def test_a_trigger_the_parse_negates_is_no_event(sentence):
    assert kinds(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("Le ministre n'a signé que deux accords de défense à Alger.", "agreement_signature"),
        ("Le Conseil de paix et de sécurité a suspendu le Mali de ses activités.", "suspension"),
    ],
)
def test_ne_que_and_suspending_mali_are_events(sentence, event_type):
    assert [k for k, _ in kinds(sentence)] == [event_type]


def test_receiving_an_officer_or_an_excellency_is_a_meeting():
    for sentence in (
        "Plus tôt, le ministre avait reçu le Général de brigade Ahmed Salem, attaché de défense.",
        "Le président de la Transition a reçu Son Excellence l'ambassadeur du Japon.",
    ):
        assert [k for k, _ in kinds(sentence)] == ["meeting"], sentence


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("En juillet, les autorités ont expulsé le porte-parole de la mission.", "relations_break"),
        (
            "Il rappelle l'expulsion, fin octobre, du représentant spécial de l'organisation.",
            "relations_break",
        ),
        ("Un entretien téléphonique a eu lieu fin janvier entre les deux présidents.", "meeting"),
    ],
)
def test_expelling_an_envoy_and_a_telephone_conversation(sentence, event_type):
    assert [k for k, _ in kinds(sentence)] == [event_type]


def test_a_right_of_residence_is_no_visit():
    assert kinds("Les ressortissants pourraient conserver leurs droits de séjour.") == []
    assert [k for k, _ in kinds("Son séjour à Accra s'est achevé samedi.")] == ["visit"]


def test_the_stay_already_told_and_every_meeting_are_no_new_event():
    assert kinds("Le diplomate a remercié le ministre pour l'accueil reçu durant son séjour.") == []
    assert kinds("La situation du pays s'invite à presque chaque réunion des dirigeants.") == []
    assert [k for k, _ in kinds("Une réunion des dirigeants s'est tenue lundi.")] == ["meeting"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Le président français avait annoncé le retrait des forces de Barkhane.", "statement"),
        ("Le gouvernement suédois annonçait le retrait de ses forces spéciales.", "statement"),
        ("Le 17 février, annonce par Emmanuel Macron du retrait de Barkhane.", "statement"),
        ("Le groupe a annoncé le mois dernier son départ du pays.", "withdrawal"),
        ("Le retrait des forces françaises s'est achevé en août.", "withdrawal"),
    ],
)
def test_a_departure_announced_by_another_party_is_a_statement(sentence, expected):
    kinds = [t.event_type for t in find_triggers(sentence) if not t.anaphoric]
    assert kinds == [expected]


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Les deux parties condamnent fermement les attaques terroristes.", True),
        ("Le gouvernement rejette catégoriquement ces déclarations.", True),
        ("Le ministère a rejeté toute implication dans les combats.", True),
        ("Bamako a dénoncé des mesures illégales.", True),
        ("Des accusations que Paris a toujours rejetées.", False),
        (
            "Des organisations ont relevé des victimes civiles, des accusations que Bamako rejette.",
            False,
        ),
        ("Les deux pays restent condamnés à coopérer.", False),
        ("COMMUNIQUÉ CONJOINT", False),
    ],
)
def test_condemnations_and_rejections_are_statements(sentence, found):
    kinds = [t.event_type for t in find_triggers(sentence) if not t.anaphoric]
    assert (kinds == ["statement"]) is found, kinds


@pytest.mark.parametrize(
    "sentence",
    [
        "Le Conseil de sécurité a mis fin vendredi, à l'unanimité de ses membres, au mandat de la mission.",
        "La Suède a rapatrié ses derniers éléments au début du mois.",
        "La task force européenne a officiellement cessé ses activités le 30 juin.",
        "Samedi, le mandat de la mission civile a expiré sans être prolongé.",
        "Le 18 mai 2024, le mandat de la mission de Koulikoro arrivait à son terme.",
        "Le dernier avion a décollé de Gao, emportant les derniers soldats allemands.",
        "Le camp de Ber a été remis aux FAMa dès le 13 août.",
    ],
)
def test_a_mission_ending_in_other_words_is_a_withdrawal(sentence):
    assert [t.event_type for t in find_triggers(sentence) if not t.anaphoric] == ["withdrawal"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Les aviations ont mené jeudi une série de frappes coordonnées dans le Gourma.",
            "joint_operation",
        ),
        (
            "Le retrait du Mali de l'organisation avait été accueilli avec froideur.",
            "agreement_termination",
        ),
        ("Le retrait du Mali des forces de Barkhane s'achève.", "withdrawal"),
    ],
)
def test_strikes_coordinated_and_mali_leaving_an_organisation(sentence, expected):
    assert [t.event_type for t in find_triggers(sentence) if not t.anaphoric] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Le 22 décembre 2023, l'ambassadeur du Mali en Algérie a été rappelé pour consultations.",
            ["relations_break"],
        ),
        ("Bamako a rappelé pour consultations son ambassadeur à Alger.", ["relations_break"]),
        (
            "Le Mali, le Burkina Faso et le Niger quittent « sans délai » la CEDEAO.",
            ["agreement_termination"],
        ),
        (
            "« Le Mali a quitté la CEDEAO, mais il veut des relations bilatérales », a dit le ministre.",
            [],
        ),
        ("Les soldats ont quitté la ville de Gao.", []),
    ],
)
def test_recalls_for_consultations_and_leaving_an_organisation(sentence, expected):
    assert [t.event_type for t in find_triggers(sentence) if not t.anaphoric] == expected


def test_a_participle_in_apposition_signs_the_agreement_its_clause_opened_with():
    sentence = (
        "Le Conseil a adopté la ratification de l'Accord de coopération militaire et technique entre le "
        "Gouvernement de la République du Mali et le Gouvernement du Royaume du Maroc, signé à Rabat le 9 février 2016."
    )
    kinds = [t.event_type for t in find_triggers(sentence) if not t.anaphoric]
    assert kinds == ["agreement_ratification", "agreement_signature"]
    assert [t.event_type for t in find_triggers("Le colis, signé à Rabat, est arrivé.")] == []


def test_the_cabinet_meeting_is_no_meeting_with_a_partner():
    sentence = (
        "Le Conseil des Ministres s'est réuni en session ordinaire, le mercredi 20 juillet 2016."
    )
    assert find_triggers(sentence) == []
    assert [t.event_type for t in find_triggers("Les deux ministres se sont réunis mercredi.")] == [
        "meeting"
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Les trente sapeurs ont reçu leurs attestations vendredi au camp de Kati.", "training"),
        ("La sortie de promotion du huitième GTIA a eu lieu à Koulikoro.", "training"),
        ("Le groupement tactique formé par la mission européenne a défilé.", "training"),
        ("Une compagnie malienne avait été entraînée aux côtés des bérets verts.", "training"),
        (
            "Une quinzaine de stagiaires ont suivi les cours de l'Université de la défense.",
            "training",
        ),
        (
            "Un deuxième groupement entamera son instruction à Koulikoro le mois prochain.",
            "training",
        ),
        (
            "Le pays offrira six places par an aux officiers maliens à l'Académie militaire.",
            "training",
        ),
        ("Une deuxième session du stage de sauvetage au combat est annoncée à Kati.", "training"),
        (
            "La Chine maintient à Gao un contingent de Casques bleus au sein de la Minusma.",
            "joint_operation",
        ),
        (
            "Les deux armées ont mis en place des patrouilles coordonnées le long de la frontière.",
            "joint_operation",
        ),
    ],
)
def test_training_and_operations_in_other_words(sentence, expected):
    assert [t.event_type for t in find_triggers(sentence) if not t.anaphoric] == [expected]


def test_appuyer_as_an_aim_is_no_operation():
    sentence = (
        "Ces appareils doivent renforcer la capacité de l'armée à appuyer les troupes au sol."
    )
    assert [t.event_type for t in find_triggers(sentence) if not t.anaphoric] == []


def test_what_two_parties_agreed_to_do_is_planned():
    sentence = "Les deux parties ont convenu d'organiser en juin des patrouilles mixtes le long de la frontière."
    (t,) = [t for t in find_triggers(sentence) if not t.anaphoric]
    assert (t.event_type, t.factuality) == ("joint_operation", "planned")


def test_receiving_an_officer_of_any_rank_is_a_meeting():
    sentence = "Le Ministre avait reçu le Brigadier Asif RAZA, Attaché de Défense du Pakistan."
    assert [t.event_type for t in find_triggers(sentence) if not t.anaphoric] == ["meeting"]


def test_what_a_government_decided_to_do_is_told():
    sentence = "Le Gouvernement a décidé de suspendre, dès ce jour, sa coopération militaire avec la Côte d'Ivoire."
    (t,) = [t for t in find_triggers(sentence) if not t.anaphoric]
    assert (t.event_type, t.factuality) == ("suspension", "occurred")
    assert find_triggers("Le Gouvernement envisage de suspendre sa coopération.") == []


def test_a_clause_opening_on_aucun_tells_no_event():
    sentence = "Aucun des trois pays n'a pour l'heure annoncé son retrait de la CEDEAO."
    assert [t for t in find_triggers(sentence) if not t.anaphoric] == []
    told = "Les trois pays ont annoncé leur retrait de la CEDEAO."
    assert [t.event_type for t in find_triggers(told) if not t.anaphoric] == [
        "agreement_termination"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Les autorités n'ont pas précisé si d'autres livraisons étaient attendues cette année.",
        "Le ministère n'a pas dit si la visite du ministre algérien aurait lieu.",
        "Reste à savoir si la commission mixte se réunira avant la fin de l'année.",
    ],
)
def test_a_question_left_open_tells_no_event(sentence: str) -> None:
    assert [t.rule for t in find_triggers(sentence)] == []


def test_what_follows_a_question_left_open_in_another_clause_is_told() -> None:
    sentence = "La Russie a livré deux hélicoptères, sans préciser si d'autres suivraient."
    assert [t.rule for t in find_triggers(sentence)] == ["livrer"]


@pytest.mark.parametrize(
    ("sentence", "rules"),
    [
        (
            "Huit pilotes ont suivi l'an dernier en Türkiye une formation de conversion.",
            ["suivre-formation"],
        ),
        (
            "250 soldats suivent au camp de Kati une formation au combat aéromobile.",
            ["suivre-formation"],
        ),
        ("Le ministre a suivi avec attention les débats, une formation politique ayant parlé.", []),
    ],
)
def test_a_course_followed_a_few_words_after_the_verb_is_training(sentence, rules) -> None:
    assert [t.rule for t in find_triggers(sentence)] == rules


def test_another_phase_is_an_operation_unless_it_is_the_transition_s() -> None:
    found = find_triggers("Une troisième phase est d'ores et déjà annoncée « avant l'hivernage ».")
    assert [(t.event_type, t.factuality) for t in found] == [("joint_operation", "announced")]
    assert find_triggers("Le pays entre dans une nouvelle phase de la transition.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Une délégation doit se rendre à Ankara en janvier prochain.", [("visit", "announced")]),
        ("Le ministre se rend à Dakar ce lundi.", [("visit", "occurred")]),
        (
            "Les ministres de la Défense sont attendus à Bamako la semaine prochaine.",
            [("visit", "announced")],
        ),
        ("Le rapport est attendu à Bamako.", []),
    ],
)
def test_going_to_a_capital_or_being_expected_there_is_a_visit(sentence, expected) -> None:
    assert [(t.event_type, t.factuality) for t in find_triggers(sentence)] == expected


def test_the_legislature_sitting_is_no_meeting_with_a_partner() -> None:
    sentence = "Le Conseil National de Transition (CNT) s'est réuni en séance plénière le jeudi 22 mai 2025."
    assert [t.event_type for t in find_triggers(sentence) if t.event_type] == []


def test_receiving_an_official_a_few_words_after_the_verb_is_a_meeting() -> None:
    sentence = (
        "Jeudi, le chef d'état-major avait reçu à Bamako le commandant de la force de la MINUSMA."
    )
    assert [(t.rule, t.event_type) for t in find_triggers(sentence)] == [("recevoir", "meeting")]
    assert [t.event_type for t in find_triggers("Le pays a reçu à Bamako des blindés.")] == [
        "delivery"
    ]


def test_a_military_delegation_sent_is_no_troops_deployed() -> None:
    sent = "Le Maroc a dépêché une délégation militaire de haut niveau au Mali pour une visite de trois jours."
    assert [t.event_type for t in find_triggers(sent)] == ["visit"]
    troops = "Le Togo a dépêché à Mopti deux cents militaires."
    assert [t.event_type for t in find_triggers(troops)] == ["joint_operation"]


def test_an_arrival_of_equipment_rumours_spoke_of_is_no_delivery():
    assert kinds("L'ambassadeur a annoncé l'arrivée prochaine de nouveaux hélicoptères.") == [
        ("delivery", False)
    ]
    assert kinds("Des rumeurs évoquaient l'arrivée prochaine de matériel nord-coréen.") == []

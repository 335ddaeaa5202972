"""French word lists the extractor reads, kept as data (folded: lower case, no accents).

Every list is general French usage, not tied to any article: ranks and functions, number words,
the nouns that name an event, an agreement, an institution or military equipment.
"""

from __future__ import annotations

from helpers.extraction.date_values import MONTH_NAMES

# Ranks and functions, as a regex over folded text (longest first).
RANK_PATTERN = (
    r"general\s+de\s+corps\s+d'\s*armee|general\s+d'\s*armee|general\s+de\s+division|"
    r"general\s+de\s+brigade|general|colonel-major|lieutenant-colonel|colonel|commandant|"
    r"capitaine|sous-lieutenant|lieutenant|adjudant-chef|adjudant|sergent-chef|sergent|"
    r"vice-amiral|contre-amiral|amiral|marechal|medecin\s+general"
)
FUNCTION_PATTERN = (
    r"premier\s+ministre|ministre|president|presidente|ambassadeur|ambassadrice|"
    r"chef\s+d'\s*etat-major(?:\s+general)?(?:\s+adjoint)?(?:\s+des\s+armees)?|"
    r"chef\s+de\s+(?:la\s+)?delegation|secretaire\s+general|directeur|directrice|attache"
)
HONORIFIC_PATTERN = r"m\.|mme|monsieur|madame|dr|docteur|son\s+excellence|s\.e\.|homologue"

# Capitalised words that are never part of a person's name.
NOT_NAME_WORDS = frozenset(
    {
        "le",
        "la",
        "les",
        "l",
        "de",
        "du",
        "des",
        "et",
        "a",
        "au",
        "aux",
        "en",
        "un",
        "une",
        "general",
        "generale",
        "colonel",
        "ministre",
        "president",
        "presidente",
        "chef",
        "etat",
        "etat-major",
        "armee",
        "armees",
        "forces",
        "force",
        "defense",
        "transition",
        "republique",
        "gouvernement",
        "conseil",
        "comite",
        "commission",
        "ministere",
        "monsieur",
        "madame",
        "excellence",
        "sommet",
        "session",
        "accord",
        "cooperation",
        "securite",
        "peuple",
        "autorites",
        "capitaine",
        "commandant",
        "lieutenant",
        "amiral",
        "adjoint",
        "anciens",
        "combattants",
        "corps",
        "brigade",
        "division",
        "delegation",
        "homologue",
        "selon",
        "pour",
        "lors",
        "avec",
        "dans",
        "ce",
        "cette",
        "son",
        "sa",
        "ses",
        "leur",
        "il",
        "elle",
        "nous",
        "mais",
        "ainsi",
        "alors",
        "apres",
        "avant",
        "confederation",
        "federation",
        "alliance",
        "union",
        "communaute",
        "organisation",
        "mission",
        "operation",
        "ecole",
        "academie",
        "institut",
        "paix",
        "nations",
        "unies",
        "etats",
        "mixte",
        "mixtes",
        "conjoint",
        "conjointe",
        "ambassade",
        "cabinet",
    }
)

# Mali's cabinet and legislature, folded (``Le Conseil des Ministres s'est réuni``): their sittings
# are no meeting with a partner, and date the ratifications they adopt
DELIBERATING_BODY = r"(?:conseil\s+des\s+ministres|conseil\s+national\s+de\s+(?:la\s+)?transition|assemblee\s+nationale)"

# Number words (folded) for durations and counts.
NUMBER_WORDS: dict[str, int] = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
}

# Ordinal words (folded) for numbered sessions and summits.
ORDINAL_WORDS: dict[str, int] = {
    "premier": 1,
    "premiere": 1,
    "deuxieme": 2,
    "second": 2,
    "seconde": 2,
    "troisieme": 3,
    "quatrieme": 4,
    "cinquieme": 5,
    "sixieme": 6,
    "septieme": 7,
    "huitieme": 8,
    "neuvieme": 9,
    "dixieme": 10,
    "onzieme": 11,
    "douzieme": 12,
    "treizieme": 13,
    "quatorzieme": 14,
    "quinzieme": 15,
    "seizieme": 16,
    "dix-septieme": 17,
    "dix-huitieme": 18,
    "dix-neuvieme": 19,
    "vingtieme": 20,
}

# Nouns of the things the trigger rules need next to them.
AGREEMENT_NOUNS = (
    r"accords?|conventions?|memorandums?|memoranda|protocoles?|traites?|contrats?|chartes?|"
    r"declarations?\s+commune|feuilles?\s+de\s+route|plans?\s+d'action|arrangements?"
)
INSTITUTION_NOUNS = (
    r"comites?|commissions?|conseils?|cellules?|centres?|ecoles?|etats?-majors?|forces?\s+conjointes?|"
    r"groupes?\s+de\s+travail|bureaux?|alliances?|organisations?|agences?|academies?|instituts?|"
    r"observatoires?|mecanismes?|secretariats?|confederation"
)
EQUIPMENT_NOUNS = (
    r"equipements?|materiels?|armements?|armes|munitions?|vehicules?|blindes?|helicopteres?|"
    r"avions?|aeronefs?|drones?|radars?|chars?|patrouilleurs?|uniformes|lots?|engins?|ambulances?|"
    r"appareils?|camions?|motos?|vedettes?|fusils?|canons?|systemes?\s+d'armes"
)
JOINT_BODY = (
    r"\b(?:grande\s+)?(?:commission|comite)s?\s+(?:(?:militaire|technique|permanent|"
    r"bilateral|de\s+defense)e?s?\s+)?(?:mixtes?|conjointe?s?|bilaterale?s?)\b"
)

# Word sets the trigger patterns (``"@name"`` in ``patterns/triggers.jsonl``) and conditions read:
# lemmas as spaCy gives them (the patterns also accept them without accents, the conditions
# compare them folded); a multi-word entry is a run of lemmas (``plan de action``), which only
# the conditions read.
WORD_SETS: dict[str, frozenset[str]] = {
    "agreement": frozenset(
        {
            "accord",
            "accord-cadre",
            "convention",
            "mémorandum",
            "memorandum",
            "memoranda",
            "protocole",
            "traité",
            "contrat",
            "charte",
            "arrangement",
            "déclaration commun",
            "déclaration commune",
            "feuille de route",
            "plan de action",
        }
    ),
    "institution": frozenset(
        {
            "comité",
            "commission",
            "conseil",
            "cellule",
            "centre",
            "école",
            "état-major",
            "états-majors",
            "force conjoint",
            "force conjointe",
            "groupe de travail",
            "bureau",
            "alliance",
            "organisation",
            "agence",
            "académie",
            "institut",
            "observatoire",
            "mécanisme",
            "secrétariat",
            "confédération",
            "g5",
        }
    ),
    "equipment": frozenset(
        {
            "équipement",
            "matériel",
            "armement",
            "arme",
            "munition",
            "véhicule",
            "blindé",
            "hélicoptère",
            "avion",
            "aéronef",
            "drone",
            "radar",
            "char",
            "patrouilleur",
            "uniforme",
            "lot",
            "engin",
            "ambulance",
            "appareil",
            "camion",
            "moto",
            "vedette",
            "fusil",
            "canon",
            "système de arme",
            "carburant",
            "vivre",
            "gilet",
            "tenue",
            "médicament",
            "tente",
        }
    ),
    "trainee": frozenset(
        {
            "stagiaire",
            "élève",
            "officier",
            "sous-officier",
            "militaire",
            "cadet",
            "soldat",
            "technicien",
            "personnel",
            "pilote",
            "cadre",
            "recrue",
            "gendarme",
            "instructeur",
            "mécanicien",
            "sapeur",
            "équipage",
            "opérateur",
            "utilisateur",
            "policier",
        }
    ),
    "training_verb": frozenset(
        {
            "poursuivre",
            "assurer",
            "contribuer",
            "dispenser",
            "achever",
            "bénéficier",
            "recevoir",
            "accueillir",
            "organiser",
            "démarrer",
            "débuter",
            "lancer",
            "suivre",
            "terminer",
            "participer",
            "offrir",
            "prendre en charge",
        }
    ),
    "instruction": frozenset(
        {"instructeur", "formateur", "formation", "former", "stage", "conseiller"}
    ),
    "cooperation": frozenset(
        {
            "coopération",
            "formation",
            "partenariat",
            "relation",
            "aide",
            "assistance",
            "programme",
            "activité",
            "accord",
            "livraison",
            "échange",
            "opération",
            "patrouille",
            "stage",
            "exercice",
        }
    ),
    "envoy": frozenset(
        {
            "délégation",
            "ministre",
            "ambassadeur",
            "ambassadrice",
            "émissaire",
            "envoyé",
            "chef",
            "homologue",
            "président",
            "diplomate",
        }
    ),
    "embassy": frozenset({"ambassade", "ambassadeur", "ambassadrice"}),
    # what an official position is told in (``a salué dans un communiqué``)
    "communique": frozenset({"communiqué", "déclaration", "message", "tribune"}),
    # what a sentence-initial ``Déclenchée en janvier 2013, …`` may open
    "operation": frozenset(
        {"opération", "offensive", "task", "serval", "barkhane", "takuba", "intervention"}
    ),
    # who is deployed (``a déployé un bataillon``, ``des Casques bleus déployés à Gao``)
    "troops": frozenset(
        {
            "soldat",
            "militaire",
            "troupe",
            "contingent",
            "bataillon",
            "compagnie",
            "détachement",
            "casque",
            "renfort",
            "commando",
            "parachutiste",
            "légionnaire",
            "élément",
        }
    ),
    "joint_adjective": frozenset(
        {
            "conjoint",
            "conjointe",
            "mixte",
            "commun",
            "commune",
            "combiné",
            "combiner",
            "combinée",
            "coordonné",
            "coordonnée",
            "coordonner",
        }
    ),
    "anaphor_adjective": frozenset(
        {
            "premier",
            "première",
            "premiers",
            "premières",
            "grand",
            "grande",
            "grands",
            "grandes",
            "important",
            "importante",
            "importants",
            "importantes",
            "historique",
            "historiques",
            "dernier",
            "dernière",
            "derniers",
            "dernières",
            "nouvelle",
            "nouveau",
            "nouvelles",
            "nouveaux",
            "récent",
            "récente",
            "récents",
            "récentes",
            "haute",
            "hautes",
            "fructueuse",
            "fructueuses",
            "double",
            "doubles",
            "même",
            "mêmes",
            "précédent",
            "précédente",
            "précédents",
            "précédentes",
        }
    ),
    "month": frozenset(MONTH_NAMES),
}

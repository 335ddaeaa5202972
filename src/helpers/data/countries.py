"""The country catalogue: ISO 3166-1 alpha-3 codes, French display names from pycountry, and the
forms the French press uses for a state (other names, demonyms, compound prefixes such as
``algéro-``, capitals), folded (lower case, no accents). One catalogue for the analyses and the
extractor."""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycountry

from helpers.data.paths import project_root
from helpers.data.tables import read_table
from helpers.text.normalize import fold


@cache
def _fr() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)


@cache
def is_country(code: str) -> bool:
    """True for an assigned ISO 3166-1 alpha-3 code."""
    return (
        isinstance(code, str)
        and len(code) == 3
        and pycountry.countries.get(alpha_3=code) is not None
    )


@cache
def french_name(code: str) -> str:
    """French short name: pycountry's translation, with ISO's inverted forms turned round
    where that stays unambiguous (``Russie, Fédération de`` → ``Russie``)."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    name = _fr().gettext(getattr(country, "common_name", None) or country.name)
    if ", " in name:
        head = name.split(", ", 1)[0]
        clashes = [
            c
            for c in pycountry.countries
            if c.alpha_3 != code and _fr().gettext(c.name).split(", ", 1)[0] == head
        ]
        if not clashes:
            return head
    return name


ORGANISATIONS_FILE = "organisations.csv"
PARTNER_KINDS = ("state", "organisation", "alliance", "mission")


@dataclass(frozen=True)
class Organisation:
    """One non-state partner of the registry: an organisation, an alliance or a mission."""

    org_id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    parent: str = ""


@dataclass(frozen=True)
class Registry:
    """The partners that are not states (``organisations.csv``), by id."""

    organisations: dict[str, Organisation] = field(default_factory=dict)

    def __contains__(self, code: object) -> bool:
        return code in self.organisations

    def get(self, code: str) -> Organisation | None:
        return self.organisations.get(code)


def registry_path(data_dir: str | Path | None = None) -> Path:
    """The folder's own ``organisations.csv``, or the project's when the folder has none."""
    own = Path(data_dir) / ORGANISATIONS_FILE if data_dir is not None else None
    if own is not None and own.is_file():
        return own
    return project_root() / "data" / ORGANISATIONS_FILE


def read_registry(data_dir: str | Path | None = None) -> Registry:
    """The organisation registry of a data folder (read as it is; ``validate`` checks it)."""
    path = registry_path(data_dir)
    if not path.is_file():
        return Registry()
    rows = read_table(path, dtype=str).to_dict("records")
    orgs = {
        r["org_id"]: Organisation(
            org_id=r["org_id"],
            name=r.get("name") or r["org_id"],
            kind=r.get("kind") or "organisation",
            aliases=tuple(a for a in (r.get("aliases") or "").split("|") if a),
            members=tuple(split_codes(r.get("members"))),
            parent=(r.get("parent") or "").strip(),
        )
        for r in rows
        if r.get("org_id")
    }
    return Registry(orgs)


def partner_name(code: str, registry: Registry | None = None) -> str:
    """French display name of any partner code: a state's from pycountry, an organisation's,
    alliance's or mission's from the registry; the code itself when neither knows it."""
    org = registry.get(code) if registry is not None else None
    return org.name if org is not None else french_name(code)


def partner_kind(code: str, registry: Registry | None = None) -> str:
    """``state``, ``organisation``, ``alliance`` or ``mission`` (``state`` for an unknown code)."""
    org = registry.get(code) if registry is not None else None
    return org.kind if org is not None else "state"


def split_codes(value: str | None) -> list[str]:
    """``'DZA;MAR'`` → ``['DZA', 'MAR']``; empty → ``[]``."""
    if not isinstance(value, str) or not value.strip():
        return []
    return [c.strip() for c in value.split(";") if c.strip()]


# Demonyms (masculine singular, folded) → ISO3. Feminine and plural forms are derived
# (``-ne``, ``-e``, ``-s``); irregular ones are listed in DEMONYM_FORMS.
DEMONYMS: dict[str, str] = {
    "malien": "MLI",
    "algerien": "DZA",
    "senegalais": "SEN",
    "russe": "RUS",
    "marocain": "MAR",
    "nigerien": "NER",
    "burkinabe": "BFA",
    "ivoirien": "CIV",
    "mauritanien": "MRT",
    "guineen": "GIN",
    "tchadien": "TCD",
    "turc": "TUR",
    "chinois": "CHN",
    "francais": "FRA",
    "americain": "USA",
    "nigerian": "NGA",
    "ghaneen": "GHA",
    "togolais": "TGO",
    "beninois": "BEN",
    "camerounais": "CMR",
    "gambien": "GMB",
    "libyen": "LBY",
    "tunisien": "TUN",
    "egyptien": "EGY",
    "soudanais": "SDN",
    "iranien": "IRN",
    "ukrainien": "UKR",
    "allemand": "DEU",
    "britannique": "GBR",
    "espagnol": "ESP",
    "italien": "ITA",
    "belge": "BEL",
    "canadien": "CAN",
    "emirati": "ARE",
    "saoudien": "SAU",
    "qatari": "QAT",
    "indien": "IND",
    "bresilien": "BRA",
    "japonais": "JPN",
    "israelien": "ISR",
    "portugais": "PRT",
    "rwandais": "RWA",
    "centrafricain": "CAF",
    "sierra-leonais": "SLE",
    "liberien": "LBR",
    "bissau-guineen": "GNB",
    "cap-verdien": "CPV",
    "gabonais": "GAB",
    "bielorusse": "BLR",
    "pakistanais": "PAK",
}

# Forms that the regular derivation does not give.
DEMONYM_FORMS: dict[str, str] = {
    "turque": "TUR",
    "turques": "TUR",
    "grec": "GRC",
    "grecque": "GRC",
    "grecs": "GRC",
    "grecques": "GRC",
    "burkinabes": "BFA",
    "royaume cherifien": "MAR",
}

# Prefixes of compound adjectives (``algéro-malien``, ``franco-malien``): only valid before a hyphen.
COMPOUND_PREFIXES: dict[str, str] = {
    "algero": "DZA",
    "malo": "MLI",
    "mali": "MLI",
    "senegalo": "SEN",
    "russo": "RUS",
    "maroco": "MAR",
    "marocco": "MAR",
    "nigero": "NER",
    "burkinabo": "BFA",
    "ivoiro": "CIV",
    "mauritano": "MRT",
    "guineo": "GIN",
    "tchado": "TCD",
    "turco": "TUR",
    "sino": "CHN",
    "franco": "FRA",
    "americano": "USA",
    "germano": "DEU",
    "anglo": "GBR",
    "britanno": "GBR",
    "hispano": "ESP",
    "italo": "ITA",
    "nippo": "JPN",
    "indo": "IND",
    "libyo": "LBY",
    "tuniso": "TUN",
    "egypto": "EGY",
    "israelo": "ISR",
    "irano": "IRN",
    "ukraino": "UKR",
}

# Capitals (and a few seats of government) that the press uses for their state.
CAPITALS: dict[str, str] = {
    "bamako": "MLI",
    "alger": "DZA",
    "dakar": "SEN",
    "moscou": "RUS",
    "rabat": "MAR",
    "niamey": "NER",
    "ouagadougou": "BFA",
    "abidjan": "CIV",
    "yamoussoukro": "CIV",
    "nouakchott": "MRT",
    "conakry": "GIN",
    "n'djamena": "TCD",
    "ndjamena": "TCD",
    "ankara": "TUR",
    "pekin": "CHN",
    "beijing": "CHN",
    "paris": "FRA",
    "washington": "USA",
    "abuja": "NGA",
    "accra": "GHA",
    "lome": "TGO",
    "cotonou": "BEN",
    "porto-novo": "BEN",
    "yaounde": "CMR",
    "banjul": "GMB",
    "tripoli": "LBY",
    "tunis": "TUN",
    "le caire": "EGY",
    "khartoum": "SDN",
    "teheran": "IRN",
    "kiev": "UKR",
    "kyiv": "UKR",
    "berlin": "DEU",
    "londres": "GBR",
    "madrid": "ESP",
    "rome": "ITA",
    "bruxelles": "BEL",
    "ottawa": "CAN",
    "abou dhabi": "ARE",
    "abu dhabi": "ARE",
    "riyad": "SAU",
    "doha": "QAT",
    "new delhi": "IND",
    "brasilia": "BRA",
    "tokyo": "JPN",
    "kigali": "RWA",
    "bangui": "CAF",
    "minsk": "BLR",
    "bissau": "GNB",
    "seoul": "KOR",
    "pyongyang": "PRK",
    "islamabad": "PAK",
    "bakou": "AZE",
    "astana": "KAZ",
    "belgrade": "SRB",
    "prague": "CZE",
    "varsovie": "POL",
    "bucarest": "ROU",
    "stockholm": "SWE",
    "oslo": "NOR",
    "copenhague": "DNK",
    "la haye": "NLD",
    "amsterdam": "NLD",
    "lisbonne": "PRT",
    "athenes": "GRC",
    "budapest": "HUN",
    "tallinn": "EST",
    "vilnius": "LTU",
    "dublin": "IRL",
    "helsinki": "FIN",
    "berne": "CHE",
    "jakarta": "IDN",
    "hanoi": "VNM",
    "damas": "SYR",
    "bagdad": "IRQ",
    "caracas": "VEN",
    "la havane": "CUB",
    "pretoria": "ZAF",
    "addis-abeba": "ETH",
    "addis abeba": "ETH",
    "nairobi": "KEN",
    "kinshasa": "COD",
    "brazzaville": "COG",
    "libreville": "GAB",
    "malabo": "GNQ",
    "luanda": "AGO",
    "windhoek": "NAM",
    "gaborone": "BWA",
    "harare": "ZWE",
    "lusaka": "ZMB",
    "lilongwe": "MWI",
    "maputo": "MOZ",
    "dodoma": "TZA",
    "kampala": "UGA",
    "bujumbura": "BDI",
    "asmara": "ERI",
    "mogadiscio": "SOM",
    "juba": "SSD",
    "antananarivo": "MDG",
    "moroni": "COM",
    "port-louis": "MUS",
    "freetown": "SLE",
    "monrovia": "LBR",
    "maseru": "LSO",
    "mbabane": "SWZ",
}

# Country names pycountry does not give in the form the press writes them.
EXTRA_COUNTRY_NAMES: dict[str, str] = {
    "nigeria": "NGA",
    "vietnam": "VNM",
    "grande-bretagne": "GBR",
    "centrafrique": "CAF",
    "birmanie": "MMR",
    "turkiye": "TUR",
    "rdc": "COD",
    "emirats": "ARE",
    "etats unis": "USA",
    "russie": "RUS",
    "coree du sud": "KOR",
    "coree du nord": "PRK",
}

# A state's armed forces or seat of power that the press names instead of the state: the
# Russian defence ministry's Africa Corps, the German armed forces, the US Africa Command.
STATE_BODIES: dict[str, str] = {
    "africa corps": "RUS",
    "kremlin": "RUS",
    "bundeswehr": "DEU",
    "africom": "USA",
    "pentagone": "USA",
    "maison blanche": "USA",
    "maison-blanche": "USA",
    "quai d'orsay": "FRA",
}

# Country names that are more often something else in press text.
COUNTRY_NAME_STOPLIST = frozenset({"maurice", "jersey", "man", "christmas", "georgie du sud"})


def inflections(masculine: str) -> set[str]:
    if masculine.endswith("en"):
        return {masculine, masculine + "ne", masculine + "s", masculine + "nes"}
    if masculine.endswith("s"):
        return {masculine, masculine + "e", masculine + "es"}
    if masculine.endswith("e"):
        return {masculine, masculine + "s"}
    return {masculine, masculine + "e", masculine + "s", masculine + "es"}


@cache
def pycountry_names() -> dict[str, str]:
    """Folded French country names → ISO3: pycountry's names, official names and the
    unambiguous heads of inverted forms (``Russie, Fédération de`` → ``russie``)."""
    fr = _fr()
    names: dict[str, set[str]] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if not value:
                continue
            local = re.sub(r"\s*\(.*?\)", "", fr.gettext(value)).strip()
            forms = {local}
            if ", " in local:
                head, tail = local.split(", ", 1)
                forms = {head, f"{tail} {head}"}
            for f in forms:
                names.setdefault(fold(f), set()).add(c.alpha_3)
    out = {k: next(iter(v)) for k, v in names.items() if len(v) == 1 and len(k) > 2}
    for k in COUNTRY_NAME_STOPLIST:
        out.pop(k, None)
    out.update(EXTRA_COUNTRY_NAMES)
    return out


@dataclass(frozen=True)
class FrenchForms:
    """The French surface forms of the states of ``countries_fr.csv``: names, demonyms (every
    gender and number) and compound prefixes, folded, each to its ISO3 code; ``acronyms`` are
    the names written in capitals, matched as written."""

    names: dict[str, str]
    acronyms: dict[str, str]
    demonyms: dict[str, str]
    prefixes: dict[str, str]


@cache
def french_forms() -> FrenchForms:
    """The reference table of French state names and demonyms shipped with the package."""
    names: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for row in read_table(Path(__file__).with_name("countries_fr.csv"), dtype=str).to_dict(
        "records"
    ):
        code = row["iso3"]
        for name in filter(None, row["names"].split("|")):
            if name.isupper():
                acronyms[name] = code
            else:
                names[fold(name)] = code
        for form in filter(None, row["demonyms"].split("|")):
            demonyms[fold(form)] = code
        if row["prefix"]:
            prefixes[fold(row["prefix"].rstrip("-"))] = code
    return FrenchForms(names, acronyms, demonyms, prefixes)

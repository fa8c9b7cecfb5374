"""Demo data: the Twente 2015 configuration of Platform IVZ, agendacommissie, DVO Twente and around.

Bodies, municipalities, basisteams, partners, compositions and the portfolio allocation follow the
action plan Platform IVZ Twente 2015-2016 (chapter 4 and annex 3). People have invented names with
their real role titles. The inhabitants per municipality are invented demo values that add up to the
626,092 inhabitants of the plan (peildatum 1 mei 2014).

`load()` adds everything in the current transaction (flush, no commit); the caller commits.
"""
from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from sqlalchemy import select

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_user
from ivzflow.bodies.models import Body, PortfolioAssignment
from ivzflow.bodies.services import add_relation, appoint, end_membership, save_body, save_seat
from ivzflow.demo import (oost_nederland, twente_calendar, twente_decisions, twente_plans, twente_projects,
                          twente_publication, upper_tier)
from ivzflow.extensions import db
from ivzflow.organisations.models import Basisteam, District, Organisation
from ivzflow.people.models import Person

DEMO_PASSWORD = "Twente-demo-2015"

DISTRICT_NAME = "Twente"
POLICE_UNIT = "Oost-Nederland"
START = date(2015, 1, 1)           # the plan's organisation "vanaf 1 januari 2015"
DVO_START = date(2013, 1, 1)       # "Vanaf 1 januari 2013 adviseert het Platform IVZ aan het DVO Twente"
PREVIOUS_TERM_START = date(2013, 1, 1)
PREVIOUS_TERM_END = date(2014, 12, 31)
ROTATION_MONTHS = 24               # "om de twee jaar rouleren de gemeentelijke vertegenwoordigers"


# --- organisations -----------------------------------------------------------------------------------

# Basisteams with their municipalities, in the order of the plan (also the rotation order of the
# agendacommissie seat of each basisteam).
BASISTEAMS = [
    ("Midden", ["Hengelo", "Borne", "Hof van Twente", "Haaksbergen"]),
    ("Noord", ["Almelo", "Twenterand"]),
    ("Noord-Oost", ["Oldenzaal", "Losser", "Dinkelland", "Tubbergen"]),
    ("West", ["Wierden", "Hellendoorn", "Rijssen-Holten"]),
    ("Enschede", ["Enschede"]),
]
TOWNS_OF = dict(BASISTEAMS)
MUNICIPALITY_NAMES = [m for _team, towns in BASISTEAMS for m in towns]

# Municipality: demo inhabitants (sum 626,092) and invented names of its burgemeester,
# IVZ-coördinator, gemeentesecretaris and (for a few) communicatieadviseur.
MUNICIPALITIES = {
    "Hengelo": (80_930, "Marleen Kuipers", "Anne de Vries", "Frank Wolters", "Lotte Brinkman"),
    "Borne": (21_788, "Gerrit Hofstede", "Sanne Veldkamp", "Johan Mulder", None),
    "Hof van Twente": (34_960, "Ingrid Smeenk", "Ruben Bakker", "Henk Nijland", None),
    "Haaksbergen": (24_346, "Wim Oosterhof", "Femke Jansen", "Karin Verhoef", None),
    "Almelo": (72_494, "Erik van Dam", "Mirjam Kamphuis", "Rob Hendriks", "Daan Meijer"),
    "Twenterand": (33_839, "Hanneke Post", "Bas Lammers", "Ria Schouten", None),
    "Oldenzaal": (31_906, "Theo Brouwer", "Nicole Eshuis", "Martin Dijkstra", None),
    "Losser": (22_600, "Carla Hulshof", "Thijs Kamp", "Monique Pierik", None),
    "Dinkelland": (26_183, "Hendrik Leferink", "Esther Bruggink", "Paul Rikhof", None),
    "Tubbergen": (21_171, "Bernard Nijhuis", "Marloes Wessels", "Gerard Kolthof", "Inge Busscher"),
    "Wierden": (24_006, "Annemiek Hesselink", "Koen Reimink", "Bert Ramaker", None),
    "Hellendoorn": (35_796, "Roelof Klein", "Linda Huisman", "Arjan Kroeze", None),
    "Rijssen-Holten": (37_749, "Willemijn Schipper", "Dennis Voortman", "Harm Stegeman", None),
    "Enschede": (158_324, "Maarten Verbeek", "Yvonne Kok", "Chantal Boers", "Sven ter Horst"),
}
TOTAL_INHABITANTS = 626_092

# The people each municipality has, as (key prefix, function title) in the order of MUNICIPALITIES.
MUNICIPAL_FUNCTIONS = [
    ("bgm", "burgemeester {m}"),
    ("ivz", "IVZ-coördinator gemeente {m}"),
    ("gs", "gemeentesecretaris {m}"),
    ("com", "communicatieadviseur gemeente {m}"),
]
FUNCTION_OVERRIDES = {
    "bgm:Enschede": "burgemeester Enschede, voorzitter AB VRT en DVO Twente",
    "gs:Hengelo": "gemeentesecretaris Hengelo, portefeuille IVZ in de Kring van Gemeentesecretarissen",
    "ivz:Tubbergen": "IVZ-coördinator gemeente Tubbergen, projectleider aanpak woninginbraken",
}


class PartnerSpec(NamedTuple):
    key: str
    name: str
    short_name: str
    classification: str
    domain: str
    parent: str | None = None
    in_district: bool = True
    notes: str | None = None


PARTNERS = [
    PartnerSpec("politie", "Politie eenheid Oost-Nederland", "Politie ON", "politie", "politie.demo",
                in_district=False, notes="Regionale eenheid met vijf districten, waaronder Twente."),
    PartnerSpec("politie_twente", "Politie district Twente", "Politie Twente", "politie", "politie.demo",
                parent="politie"),
    PartnerSpec("om", "Openbaar Ministerie", "OM", "om", "om.demo", in_district=False,
                notes="Arrondissementsparket Oost-Nederland."),
    PartnerSpec("riec", "RIEC Oost-Nederland", "RIEC ON", "samenwerkingsverband", "riec-on.demo",
                in_district=False, notes="Regionaal Informatie- en Expertisecentrum."),
    PartnerSpec("vh", "Veiligheidshuis Twente", "VH Twente", "samenwerkingsverband", "veiligheidshuis.demo"),
    PartnerSpec("vrt", "Veiligheidsregio Twente", "VRT", "veiligheidsregio", "vrt.demo",
                notes="Hier zijn de regiocoördinator Veiligheid en de projectcoördinator IVZ ondergebracht."),
    PartnerSpec("brandweer", "Brandweer Twente", "Brandweer", "brandweer", "vrt.demo", parent="vrt"),
    PartnerSpec("ggd", "GGD Twente", "GGD", "ggd", "ggdtwente.demo"),
    PartnerSpec("thor", "Regionale samenwerking Toezicht en Handhaving Openbare Ruimte", "THOR",
                "samenwerkingsverband", "thor-twente.demo"),
    PartnerSpec("apv", "Regionale werkgroep APV/bijzondere wetten", "Werkgroep APV",
                "samenwerkingsverband", "apv-twente.demo"),
    PartnerSpec("samen14", "Samen14", "Samen14", "samenwerkingsverband", "samen14.demo",
                notes="Samenwerking van de veertien Twentse gemeenten in het sociaal domein."),
]
NO_ORGANISATION_DOMAIN = "oost-nederland.demo"


# --- people of the partners (invented names, real role titles) ------------------------------------

PEOPLE = [
    # key, name, function, organisation key
    ("secretaris_ab", "Gerben Wiersma", "secretaris Algemeen Bestuur VRT, voorzitter Veiligheidsdirectie VRT", "vrt"),
    ("regiocoordinator", "Ellen Dekker", "regiocoördinator Veiligheid", "vrt"),
    ("projectcoordinator", "Iris Koopman", "projectcoördinator en communicatie IVZ", "vrt"),
    ("directiesecretaris", "Tim Groenewoud", "directiesecretaris VRT", "vrt"),
    ("beheerder", "Kevin Mensink", "functioneel beheerder ivzflow", "vrt"),
    ("commandant", "Jos Beltman", "commandant Brandweer Twente", "brandweer"),
    ("brandweer", "Dirk Hulsbos", "vertegenwoordiger brandweer in het Platform IVZ", "brandweer"),
    ("dpg", "Wendy Nijenhuis", "directeur Publieke Gezondheid", "ggd"),
    ("ggd", "Anouk Wolbers", "vertegenwoordiger GGD Twente in het Platform IVZ", "ggd"),
    ("districtschef", "Marcel Hoekstra", "districtschef Twente", "politie_twente"),
    ("eenheidsleiding", "Sandra Vermeulen", "lid eenheidsleiding politie Oost-Nederland", "politie"),
    ("politiechef", "Victor Kramer", "politiechef eenheid Oost-Nederland", "politie"),
    ("politie", "Rick Hofman", "adviseur politie, vertegenwoordiger in Platform IVZ en agendacommissie",
     "politie_twente"),
    ("teamchef:Midden", "Erwin Lubbers", "teamchef basisteam Midden", "politie_twente"),
    ("teamchef:Noord", "Patrick Smit", "teamchef basisteam Noord", "politie_twente"),
    ("teamchef:Noord-Oost", "Nathalie Geerdink", "teamchef basisteam Noord-Oost", "politie_twente"),
    ("teamchef:West", "Hans Postma", "teamchef basisteam West", "politie_twente"),
    ("teamchef:Enschede", "Ilse de Boer", "teamchef basisteam Enschede", "politie_twente"),
    ("hoofdofficier", "Annelies Brink", "hoofdofficier van justitie Oost-Nederland", "om"),
    ("plv_hoofdofficier", "Caroline Timmer", "plaatsvervangend hoofdofficier van justitie", "om"),
    ("bs_officier", "Thomas Wijnen", "B&S-officier", "om"),
    ("om", "Laura Hermans", "beleidsadviseur OM, vertegenwoordiger in Platform IVZ en agendacommissie", "om"),
    ("om_plv", "Jasper Verhagen", "beleidsmedewerker OM, plaatsvervanger in de agendacommissie", "om"),
    ("officier_a", "Ruud Bosch", "officier van justitie (gebiedsofficier Midden en Enschede)", "om"),
    ("officier_b", "Eline Smits", "officier van justitie (gebiedsofficier Noord, Noord-Oost en West)", "om"),
    ("veiligheidshuis", "Maaike Peters", "programmamanager Veiligheidshuis Twente", "vh"),
    ("riec", "Stefan Visser", "accountmanager RIEC Oost-Nederland", "riec"),
    ("thor", "Joris Blom", "projectleider regionale samenwerking Toezicht en Handhaving Openbare Ruimte", "thor"),
    ("apv", "Petra Lansink", "vertegenwoordiger regionale werkgroep APV/bijzondere wetten", "apv"),
    ("zorg_enschede", "Nadia Bouzid", "vertegenwoordiger centrumgemeente Enschede zorg", "Enschede"),
    ("regioburgemeester", "Hubert van Lier", "regioburgemeester eenheid Oost-Nederland", None),
]


# --- bodies, their seats and current holders ------------------------------------------------------

class SeatSpec(NamedTuple):
    name: str
    role: str                     # chair | secretary | member | advisor
    organisation: str | None      # on whose behalf (fixed); None for a rotating or personal seat
    holder: str                   # person key of the current holder
    deputy: str | None = None     # person key of the plaatsvervanger
    pool: tuple[str, ...] = ()    # rotating seat: municipalities in turn order


class BodySpec(NamedTuple):
    key: str
    name: str
    short_name: str
    kind: str
    description: str
    seats: list[SeatSpec]
    organisation: str | None = None
    in_district: bool = True
    basisteam: str | None = None
    grants_role: str | None = None
    start: date = START


def _mayor_seats(municipalities) -> list[SeatSpec]:
    return [SeatSpec(f"Gemeente {m}", "member", m, f"bgm:{m}") for m in municipalities]


def _chaired_by_mayor(chair: str, municipalities, deputy: str | None = None) -> list[SeatSpec]:
    """The chair's seat (on behalf of their municipality) followed by the other mayors."""
    return [SeatSpec("Voorzitter", "chair", chair, f"bgm:{chair}", deputy),
            *_mayor_seats(m for m in municipalities if m != chair)]


DB_MUNICIPALITIES = ["Enschede", "Almelo", "Hengelo", "Rijssen-Holten", "Tubbergen"]  # "VZ DB" / "DB lid"

# Gezagsdriehoek per basisteam: (basisteam, chairing municipality, which also keeps the secretariat;
# officier van justitie).
DRIEHOEKEN = [
    ("Midden", "Hengelo", "officier_a"),
    ("Noord", "Almelo", "officier_b"),
    ("Noord-Oost", "Oldenzaal", "officier_b"),
    ("West", "Rijssen-Holten", "officier_b"),
    ("Enschede", "Enschede", "officier_a"),
]

BODIES = [
    BodySpec(
        "platform", "Platform IVZ", "Platform IVZ", "platform",
        "Ambtelijk platform van de IVZ-coördinatoren van de veertien Twentse gemeenten met politie, "
        "OM en aansluitende partners. Adviseert het DVO Twente en bewaakt voortgang, coördinatie en "
        "samenhang van alle regionale projecten. Komt structureel bijeen, roulerend op locatie bij de "
        "deelnemers.",
        [
            SeatSpec("Voorzitter", "chair", "vrt", "secretaris_ab"),
            SeatSpec("Secretaris", "secretary", "vrt", "regiocoordinator"),
            *[SeatSpec(f"Gemeente {m}", "member", m, f"ivz:{m}") for m in MUNICIPALITY_NAMES],
            SeatSpec("Politie Oost-Nederland", "member", "politie", "politie"),
            SeatSpec("Openbaar Ministerie", "member", "om", "om"),
            SeatSpec("Veiligheidshuis Twente", "member", "vh", "veiligheidshuis"),
            SeatSpec("RIEC Oost-Nederland", "member", "riec", "riec"),
            SeatSpec("Toezicht en Handhaving Openbare Ruimte", "member", "thor", "thor"),
            SeatSpec("Regionale werkgroep APV/bijzondere wetten", "member", "apv", "apv"),
            SeatSpec("GGD Twente", "member", "ggd", "ggd"),
            SeatSpec("Centrumgemeente Enschede (zorg)", "member", "Enschede", "zorg_enschede"),
            SeatSpec("Brandweer Twente", "member", "brandweer", "brandweer"),
            SeatSpec("Projectcoördinator en communicatie IVZ", "advisor", "vrt", "projectcoordinator"),
        ],
        organisation="vrt"),
    BodySpec(
        "agendacommissie", "Agendacommissie Platform IVZ", "Agendacommissie", "commissie",
        "Bereidt de bijeenkomsten van het Platform IVZ voor en wat naar het DVO Twente gaat. De "
        "gemeentelijke vertegenwoordigers per basisteam rouleren om de twee jaar.",
        [
            SeatSpec("Voorzitter", "chair", "vrt", "secretaris_ab"),
            SeatSpec("Regiocoördinator Veiligheid", "secretary", "vrt", "regiocoordinator"),
            SeatSpec("Projectcoördinator en communicatie IVZ", "member", "vrt", "projectcoordinator"),
            *[SeatSpec(f"Basisteam {team}", "member", None, f"ivz:{towns[0]}", pool=tuple(towns))
              for team, towns in BASISTEAMS],
            SeatSpec("Politie Oost-Nederland", "member", "politie", "politie"),
            SeatSpec("Openbaar Ministerie", "member", "om", "om", deputy="om_plv"),
        ],
        organisation="vrt", grants_role="agendacommissie"),
    BodySpec(
        "dvo", "DVO Twente", "DVO", "overleg",
        "Districtelijk Veiligheidsoverleg Twente: alle burgemeesters, (plv.) hoofdofficier van justitie, "
        "B&S-officier, districtschef en een lid van de eenheidsleiding van politie. Opdrachtgever van de "
        "regionale veiligheidsthema's. Komt 6 keer per jaar bijeen (anderhalf uur), voorafgaand aan het "
        "Algemeen Bestuur van de VRT; de voorzitter van het AB VRT is voorzitter.",
        [
            *_chaired_by_mayor("Enschede", MUNICIPALITY_NAMES, deputy="bgm:Hengelo"),
            SeatSpec("(Plv.) hoofdofficier van justitie", "member", "om", "plv_hoofdofficier"),
            SeatSpec("B&S-officier", "member", "om", "bs_officier"),
            SeatSpec("Districtschef Twente", "member", "politie_twente", "districtschef"),
            SeatSpec("Lid eenheidsleiding politie", "member", "politie", "eenheidsleiding"),
            # "Voorbereid door de regiocoördinator Veiligheid met de directiesecretaris van de VRT": both hold a
            # secretary's seat, which lets each prepare the agenda (the DB DVO's mayors only read it)
            SeatSpec("Secretaris", "secretary", "vrt", "regiocoordinator"),
            SeatSpec("Directiesecretaris VRT", "secretary", "vrt", "directiesecretaris"),
        ],
        start=DVO_START),
    BodySpec(
        "db_dvo", "DB DVO Twente", "DB DVO", "bestuur",
        "Bestuurlijke voorbereiding van het DVO Twente, in dezelfde samenstelling als het Dagelijks "
        "Bestuur van de VRT.",
        [*_chaired_by_mayor("Enschede", DB_MUNICIPALITIES),
         SeatSpec("Secretaris", "secretary", "vrt", "regiocoordinator")]),
    BodySpec(
        "ab_vrt", "Algemeen Bestuur Veiligheidsregio Twente", "AB VRT", "bestuur",
        "Algemeen Bestuur van de Veiligheidsregio Twente: de veertien burgemeesters. Vergadert direct "
        "na het DVO Twente.",
        [*_chaired_by_mayor("Enschede", MUNICIPALITY_NAMES, deputy="bgm:Hengelo"),
         SeatSpec("Secretaris", "secretary", "vrt", "secretaris_ab")],
        organisation="vrt"),
    BodySpec(
        "db_vrt", "Dagelijks Bestuur Veiligheidsregio Twente", "DB VRT", "bestuur",
        "Dagelijks Bestuur van de Veiligheidsregio Twente.",
        [*_chaired_by_mayor("Enschede", DB_MUNICIPALITIES),
         SeatSpec("Secretaris", "secretary", "vrt", "secretaris_ab")],
        organisation="vrt"),
    BodySpec(
        "veiligheidsdirectie", "Veiligheidsdirectie VRT", "Veiligheidsdirectie", "directie",
        "Neemt kennis van integrale veiligheidsvraagstukken en politiegerelateerde onderwerpen; besluit "
        "mee wanneer een voorstel zowel de sociale als de fysieke agenda van het AB VRT betreft.",
        [
            SeatSpec("Voorzitter", "chair", "vrt", "secretaris_ab"),
            SeatSpec("Commandant Brandweer Twente", "member", "brandweer", "commandant"),
            SeatSpec("Directeur Publieke Gezondheid", "member", "ggd", "dpg"),
            SeatSpec("Politie district Twente", "member", "politie_twente", "districtschef"),
            SeatSpec("Secretaris", "secretary", "vrt", "directiesecretaris"),
        ],
        organisation="vrt"),
    BodySpec(
        "kring", "Kring van Gemeentesecretarissen Twente", "Kring GS", "kring",
        "De gemeentesecretarissen van de veertien Twentse gemeenten. Neemt kennis van IVZ-stukken; "
        "sinds 1 januari 2015 vertegenwoordigt de gemeentesecretaris van Hengelo de portefeuille IVZ.",
        [SeatSpec("Voorzitter", "chair", "Enschede", "gs:Enschede"),
         *[SeatSpec(f"Gemeente {m}", "member", m, f"gs:{m}") for m in MUNICIPALITY_NAMES if m != "Enschede"]]),
    BodySpec(
        "rvo", "Regionaal Veiligheidsoverleg Oost-Nederland", "RVO ON", "overleg",
        "De voorzitters van de DVO's in de eenheid, de eenheidsleiding van politie en het openbaar "
        "ministerie, onder leiding van de regioburgemeester. De secretarissen van de DVO's en de adviseur "
        "van de regioburgemeester stemmen vooraf de doorgeleiding van stukken af.",
        [
            SeatSpec("Voorzitter (regioburgemeester)", "chair", None, "regioburgemeester"),
            SeatSpec("Voorzitter DVO Twente", "member", "Enschede", "bgm:Enschede"),
            SeatSpec("Hoofdofficier van justitie", "member", "om", "hoofdofficier"),
            SeatSpec("Politiechef Oost-Nederland", "member", "politie", "politiechef"),
        ],
        in_district=False),
    BodySpec(
        "bestuurscollege", "Bestuurscollege Oost-Nederland", "Bestuurscollege ON", "college",
        "De regioburgemeester, de 81 burgemeesters van de eenheid Oost-Nederland, de hoofdofficier van "
        "justitie en de politiechef. In deze demo staan alleen de Twentse burgemeesters.",
        [
            SeatSpec("Voorzitter (regioburgemeester)", "chair", None, "regioburgemeester"),
            *_mayor_seats(MUNICIPALITY_NAMES),
            SeatSpec("Hoofdofficier van justitie", "member", "om", "hoofdofficier"),
            SeatSpec("Politiechef Oost-Nederland", "member", "politie", "politiechef"),
        ],
        in_district=False),
    BodySpec(
        "functioneringscommissie", "Functioneringscommissie Platform IVZ", "Functioneringscommissie",
        "commissie",
        "Adviseert de agendacommissie over de besteding van de Platformgelden.",
        [
            SeatSpec("Voorzitter", "chair", "Haaksbergen", "ivz:Haaksbergen"),
            SeatSpec("Gemeente Hellendoorn", "member", "Hellendoorn", "ivz:Hellendoorn"),
            SeatSpec("Gemeente Losser", "member", "Losser", "ivz:Losser"),
        ],
        organisation="vrt"),
    *[
        BodySpec(
            f"driehoek:{team}", f"Gezagsdriehoek Basisteam {team}", f"Driehoek {team}", "driehoek",
            f"Gezagsdriehoek van basisteam {team} ({', '.join(TOWNS_OF[team])}): burgemeesters, openbaar ministerie "
            "en politie. Ten minste 4 keer per jaar: anderhalf uur gemeenschappelijk deel, daarna een half "
            f"uur lokale agendapunten. Secretariaat: gemeente {chair}.",
            [
                *_chaired_by_mayor(chair, TOWNS_OF[team]),
                SeatSpec("Officier van justitie", "member", "om", officer),
                SeatSpec(f"Teamchef basisteam {team}", "member", "politie_twente", f"teamchef:{team}"),
                SeatSpec("Secretaris", "secretary", chair, f"ivz:{chair}"),
            ],
            basisteam=team)
        for team, chair, officer in DRIEHOEKEN
    ],
]

TAKES_NOTE = ("Neemt kennis van de IVZ-stukken; besluit mee wanneer een voorstel zowel de sociale als de "
              "fysieke agenda van het AB VRT betreft.")
RELATIONS = [
    # source, target, kind, note
    ("platform", "dvo", "advises", "Het Platform IVZ adviseert het DVO Twente sinds 1 januari 2013."),
    ("agendacommissie", "platform", "prepares", "Stelt de agenda van elke Platformbijeenkomst op."),
    ("agendacommissie", "dvo", "prepares", "Bereidt met de regiocoördinator de IVZ-voorstellen voor het DVO voor."),
    ("db_dvo", "dvo", "prepares", "Bestuurlijke voorbereiding, in de samenstelling van het DB VRT."),
    ("db_vrt", "ab_vrt", "prepares", None),
    ("dvo", "ab_vrt", "precedes", "Het DVO vergadert voorafgaand aan het Algemeen Bestuur van de VRT."),
    ("dvo", "rvo", "reports_to", "Terugkoppeling en afstemming via de voorzitter van het DVO."),
    ("rvo", "bestuurscollege", "prepares", "Afstemming en voorbereiding van het Bestuurscollege."),
    ("functioneringscommissie", "agendacommissie", "advises", "Over de besteding van de Platformgelden."),
    ("veiligheidsdirectie", "dvo", "takes_note", TAKES_NOTE),
    ("kring", "dvo", "takes_note", TAKES_NOTE),
    *[(f"driehoek:{team}", "dvo", "reports_to", "Terugkoppeling en afstemming DVO Twente.")
      for team, _towns in BASISTEAMS],
]

# Portefeuilleverdeling (section 4.3): municipality -> (DVO Twente (IVZ), Algemeen Bestuur VRT).
# An item is a title or (title, note). "DB lid" / "VZ DB" are memberships of the DB, not portfolios.
PORTFOLIOS = {
    "Almelo": (["Huiselijk geweld", "Prostitutiebeleid en mensenhandel"], ["Brandweer", "Troned"]),
    "Borne": (["Handhaving en toezicht Openbare Ruimte", "Veiligheidsstrategie Oost-Nederland"],
              ["Spoorveiligheid"]),
    "Dinkelland": (["Voorbereiding en evaluatie jaarwisseling"], ["Kerncentrale Lingen"]),
    "Enschede": ([("Regionaal Veiligheidsoverleg ON", "met * gemarkeerd in het actieplan"),
                  "Veiligheidsregio Twente", "Regionaal Informatie- en Expertisecentrum",
                  "Veiligheidshuis Twente (beheer)"],
                 ["Politie", "Multiprocessen"]),
    "Haaksbergen": (["Regionale samenwerking Platform IVZ", "TWENS (IVM en beleidscyclus)"], []),
    "Hellendoorn": (["Woonoverlast (overlast door psychische kwetsbaren)"], []),
    "Hengelo": (["Drugs (hennepteelt, Damoclesbeleid)", "Veiligheidshuis Twente (inhoudelijke aansturing)",
                 "Bestuurlijke gids", "Districtelijke Stuurploeg"],
                ["Cameratoezicht", "CO24", "Meldkamer"]),
    "Hof van Twente": (["BIBOB-beleid"], []),
    "Losser": (["Communicatie sociale veiligheid"], ["Communicatie", "Advisering evenementen"]),
    "Oldenzaal": (["Versterking informatiepositie lokaal bestuur", "VNG-commissie Bestuur en Veiligheid"],
                  ["Informatiemanagement"]),
    "Rijssen-Holten": (["Afstemming zorg (transities) en veiligheid (incl. protocol maatschappelijke onrust "
                        "en calamiteiten zorg)"],
                       ["GHOR", "Middelen", "Innovatie"]),
    "Tubbergen": (["Aanpak woninginbraken", ("Alcohol en jeugd", "geen portefeuille IVZ")], ["Bevolkingszorg"]),
    "Twenterand": (["Jeugdcriminaliteit en -overlast"], []),
    "Wierden": (["Bestuurlijke bevoegdheden (w.o. WMBVEO)"], ["Doorontwikkeling"]),
}
PORTFOLIO_BODIES = ("dvo", "ab_vrt")  # the two columns of the table

USERS = [
    # e-mail, assigned roles, person key, description for the login list
    ("admin@demo.ivzflow.nl", {Role.ADMIN}, "beheerder", "Beheerder (functioneel beheerder)"),
    ("secretariaat@demo.ivzflow.nl", {Role.SECRETARIAT}, "regiocoordinator",
     "Secretariaat: regiocoördinator Veiligheid, secretaris Platform IVZ"),
    ("agendacommissie@demo.ivzflow.nl", {Role.MEMBER}, "ivz:Almelo",
     "Agendacommissie (via lidmaatschap): IVZ-coördinator Almelo, zetel basisteam Noord"),
    ("projectleider@demo.ivzflow.nl", {Role.PROJECTLEIDER}, "ivz:Tubbergen",
     "Projectleider aanpak woninginbraken: IVZ-coördinator Tubbergen"),
    ("communicatie@demo.ivzflow.nl", {Role.COMMUNICATIE}, "projectcoordinator",
     "Communicatieadviseur: projectcoördinator en communicatie IVZ"),
    ("lid@demo.ivzflow.nl", {Role.MEMBER}, "bgm:Tubbergen",
     "Lid (alleen lezen): burgemeester Tubbergen, lid van het DVO en het DB DVO"),
    ("directiesecretaris@demo.ivzflow.nl", {Role.MEMBER}, "directiesecretaris",
     "Directiesecretaris VRT: bereidt met de regiocoördinator het DVO voor (via zijn secretariszetel)"),
]
DEMO_LOGINS = [(email, description) for email, _roles, _person, description in USERS] + oost_nederland.DEMO_LOGINS


# --- loading -----------------------------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", text.lower().replace(" ", ""))


def _email(name: str, domain: str) -> str:
    first, *rest = name.split()
    return f"{first[0].lower()}.{_slug(''.join(rest))}@{domain}"


def _load_organisations(district: District) -> dict[str, Organisation]:
    """District basisteams, the 14 municipalities (keyed by short name) and the partners (by key)."""
    orgs: dict[str, Organisation] = {}
    for team_name, towns in BASISTEAMS:
        team = Basisteam(district_id=district.id, name=team_name)
        db.session.add(team)
        for town in towns:
            orgs[town] = Organisation(
                name=f"Gemeente {town}", short_name=town, classification="gemeente", district_id=district.id,
                basisteam=team, inhabitants=MUNICIPALITIES[town][0], inhabitants_is_demo=True)
    for p in PARTNERS:
        orgs[p.key] = Organisation(
            name=p.name, short_name=p.short_name, classification=p.classification,
            district_id=district.id if p.in_district else None,
            parent=orgs[p.parent] if p.parent else None, notes=p.notes)
    db.session.add_all(orgs.values())
    db.session.flush()
    return orgs


def _load_people(orgs: dict[str, Organisation]) -> dict[str, Person]:
    domains = {town: f"{_slug(town)}.demo" for town in MUNICIPALITIES} | {p.key: p.domain for p in PARTNERS}
    rows = [
        (f"{prefix}:{town}", name, function.format(m=town), town)
        for town, (_inhabitants, *names) in MUNICIPALITIES.items()
        for (prefix, function), name in zip(MUNICIPAL_FUNCTIONS, names) if name
    ] + PEOPLE
    people = {}
    for key, name, function, org_key in rows:
        people[key] = Person(
            name=name, function=FUNCTION_OVERRIDES.get(key, function),
            email=_email(name, domains.get(org_key, NO_ORGANISATION_DOMAIN)),
            organisation=orgs[org_key] if org_key else None)
    db.session.add_all(people.values())
    db.session.flush()
    for town in MUNICIPALITIES:  # a municipality's IVZ-coördinator answers for it (e.g. fanned-out actions)
        orgs[town].contact_person_id = people[f"ivz:{town}"].id
    return people


def _load_seat(body, position: int, spec: SeatSpec, start: date, orgs, people) -> None:
    """One seat with its current holder (and deputy); a rotating seat also gets its previous term."""
    seat = save_seat(
        None, body, name=spec.name, role=spec.role, position=position,
        organisation_id=orgs[spec.organisation].id if spec.organisation else None,
        term_months=ROTATION_MONTHS if spec.pool else None, rotates=bool(spec.pool),
        pool=[(orgs[town].id, people[f"ivz:{town}"].id) for town in spec.pool] if spec.pool else None)
    if spec.pool:
        last = spec.pool[-1]
        previous = appoint(None, seat, people[f"ivz:{last}"], PREVIOUS_TERM_START, on_behalf_of=orgs[last])
        end_membership(None, previous, PREVIOUS_TERM_END, "Rotatie", version=previous.version)
        appoint(None, seat, people[spec.holder], start, on_behalf_of=orgs[spec.pool[0]])
    else:
        appoint(None, seat, people[spec.holder], start)
    if spec.deputy:
        appoint(None, seat, people[spec.deputy], start, is_deputy=True)


def _load_bodies(district: District, orgs, people) -> dict[str, Body]:
    teams = {t.name: t for t in db.session.scalars(select(Basisteam).where(Basisteam.district_id == district.id))}
    bodies = {}
    for spec in BODIES:
        body = save_body(
            None, name=spec.name, short_name=spec.short_name, kind=spec.kind, description=spec.description,
            district_id=district.id if spec.in_district else None,
            basisteam_id=teams[spec.basisteam].id if spec.basisteam else None,
            organisation_id=orgs[spec.organisation].id if spec.organisation else None,
            grants_role=spec.grants_role)
        for position, seat_spec in enumerate(spec.seats, start=1):
            _load_seat(body, position, seat_spec, spec.start, orgs, people)
        bodies[spec.key] = body
    for source, target, kind, note in RELATIONS:
        add_relation(bodies[source], bodies[target], kind, note)
    return bodies


def _load_portfolios(bodies, orgs) -> None:
    for town, columns in PORTFOLIOS.items():
        for body_key, items in zip(PORTFOLIO_BODIES, columns):
            for position, item in enumerate(items, start=1):
                title, note = item if isinstance(item, tuple) else (item, None)
                db.session.add(PortfolioAssignment(
                    body_id=bodies[body_key].id, organisation_id=orgs[town].id, title=title, note=note,
                    position=position, start_on=START))
    db.session.flush()


def _load_users(password: str, people) -> None:
    for email, roles, person_key, _description in USERS:
        create_user(email, password, roles, person_id=people[person_key].id)


def load(password: str) -> bool:
    """Load the Twente 2015 configuration; False (and nothing changed) when district Twente exists."""
    if db.session.scalar(select(District.id).where(District.name == DISTRICT_NAME)) is not None:
        return False
    district = District(name=DISTRICT_NAME, police_unit=POLICE_UNIT)
    db.session.add(district)
    db.session.flush()
    orgs = _load_organisations(district)
    people = _load_people(orgs)
    bodies = _load_bodies(district, orgs, people)
    _load_portfolios(bodies, orgs)
    _load_users(password, people)
    db.session.flush()
    twente_calendar.load()
    twente_projects.load()
    twente_decisions.load()
    twente_plans.load()
    twente_publication.load()
    oost_nederland.load(password)  # the unit's other districts, after Twente's own story
    upper_tier.load()  # the unit's RVO, secretaries' meeting and Bestuurscollege, seated from every district
    return True

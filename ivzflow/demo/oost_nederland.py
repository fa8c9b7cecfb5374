"""Demo data: the police unit Oost-Nederland and its four other districts next to Twente.

The unit is a District row of level "eenheid"; Twente and IJsselland, Noord- en Oost-Gelderland,
Gelderland-Midden and Gelderland-Zuid are its districts, with their real municipalities of 2015 (after the
merger into Berg en Dal), a few basisteams each (grouping invented), a veiligheidsregio and a police district
as partners, and a DVO each: the mayor of the largest city chairs, every other mayor has a seat, with the
district chief and the officier van justitie. All person names are invented. IJsselland also has a Platform
IVZ and an agendacommissie (a second working chain), its secretariat login, two proposals and two projects.
The upper tier (RVO, Bestuurscollege) is not here.

`load(password)` adds everything in the current transaction (flush, no commit); called by twente.load.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_user
from ivzflow.bodies.models import Membership, Seat
from ivzflow.bodies.services import add_relation, save_body
from ivzflow.core import clock
from ivzflow.decisions import services as decisions
from ivzflow.extensions import db
from ivzflow.meetings import services as meetings
from ivzflow.organisations.models import DISTRICT, UNIT, Basisteam, District, Organisation
from ivzflow.people.models import Person
from ivzflow.projects import services as projects
from ivzflow.projects.models import Project

UNIT_NAME = "Oost-Nederland"
TWENTE = "Twente"
START = date(2015, 1, 1)
YEAR = 2015
STORY_DATE = date(2015, 6, 1)

# District: basisteams with their municipalities (2015); the first municipality of the first team is the
# largest city, whose mayor chairs the DVO.
DISTRICTS = {
    "IJsselland": [
        ("Zwolle", ["Zwolle"]),
        ("Deventer", ["Deventer", "Olst-Wijhe"]),
        ("IJssel-Vecht", ["Kampen", "Zwartewaterland", "Staphorst", "Steenwijkerland", "Dalfsen"]),
        ("Vechtdal", ["Hardenberg", "Ommen", "Raalte"]),
    ],
    "Noord- en Oost-Gelderland": [
        ("Apeldoorn", ["Apeldoorn", "Epe"]),
        ("Noord-Veluwe", ["Harderwijk", "Ermelo", "Putten", "Nunspeet", "Elburg", "Oldebroek", "Hattem",
                          "Heerde"]),
        ("IJsselstreek", ["Zutphen", "Brummen", "Voorst", "Lochem", "Bronckhorst"]),
        ("Achterhoek-West", ["Doetinchem", "Montferland", "Oude IJsselstreek"]),
        ("Achterhoek-Oost", ["Berkelland", "Oost Gelre", "Winterswijk", "Aalten"]),
    ],
    "Gelderland-Midden": [
        ("Arnhem", ["Arnhem", "Rozendaal", "Rheden"]),
        ("Ede", ["Ede", "Wageningen", "Renkum"]),
        ("Vallei", ["Barneveld", "Nijkerk", "Scherpenzeel", "Renswoude"]),
        ("Liemers", ["Zevenaar", "Duiven", "Westervoort", "Doesburg"]),
        ("Betuwe", ["Overbetuwe", "Lingewaard"]),
    ],
    "Gelderland-Zuid": [
        ("Nijmegen", ["Nijmegen"]),
        ("Maas en Leigraaf", ["Berg en Dal", "Heumen", "Mook en Middelaar", "Rijnwaarden"]),
        ("Maas en Waal", ["Wijchen", "Beuningen", "Druten", "West Maas en Waal"]),
        ("Rivierenland-Oost", ["Tiel", "Buren", "Culemborg", "Geldermalsen", "Neder-Betuwe", "Neerijnen"]),
        ("Rivierenland-West", ["Zaltbommel", "Maasdriel"]),
    ],
}
VEILIGHEIDSREGIO = {
    "IJsselland": "Veiligheidsregio IJsselland",
    "Noord- en Oost-Gelderland": "Veiligheidsregio Noord- en Oost-Gelderland",
    "Gelderland-Midden": "Veiligheids- en Gezondheidsregio Gelderland-Midden",
    "Gelderland-Zuid": "Veiligheidsregio Gelderland-Zuid",
}
DVO_DAYS = {  # weekday of each DVO's meetings (Monday = 0)
    "IJsselland": 3, "Noord- en Oost-Gelderland": 1, "Gelderland-Midden": 0, "Gelderland-Zuid": 4,
}

# Invented names: combinations of common Dutch first names and surnames (no real office holders meant).
FIRST_NAMES = ["Anja", "Bart", "Corine", "Dirk", "Elske", "Frits", "Greetje", "Herman", "Ilona", "Jan", "Karlijn",
               "Leo", "Mieke", "Niels", "Olga", "Pieter", "Quinten", "Rianne", "Sjoerd", "Tineke", "Ulrike",
               "Vincent", "Wilma", "Xander", "Yolanda", "Zeger", "Arnoud", "Berber", "Cees", "Dorien", "Evert"]
SURNAMES = ["Achterberg", "Bosman", "Claassen", "Dijkhuis", "Elferink", "Fokkema", "Gerritsen", "Hulsman",
            "IJzerman", "Jonkman", "Kolkman", "Lubbers", "Meulenbelt", "Nieuwenhuis", "Oudman", "Pasman",
            "Rouwenhorst", "Slagman", "Teunissen", "Uiterwijk", "Verschuur", "Westerink", "Zandbergen",
            "Altena", "Brummelhuis", "Coster", "Droog", "Eijkelkamp", "Franssen", "Goossens", "Haverkamp",
            "Jacobs", "Klumper", "Lamberink", "Mensen", "Nales", "Overkamp"]


def _names():
    """An endless row of distinct invented names."""
    n = 0
    while True:
        yield f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {SURNAMES[(n * 7) % len(SURNAMES)]}"
        n += 1


# The IJsselland secretariat login and what it made.
SECRETARIAT_LOGIN = "secretariaat.ijsselland@demo.ivzflow.nl"
USERS = [
    # e-mail, assigned roles, person key, description for the login list
    (SECRETARIAT_LOGIN, {Role.SECRETARIAT}, "regiocoordinator:IJsselland",
     "Secretariaat IJsselland: regiocoördinator Veiligheid IJsselland, secretaris DVO en Platform IVZ IJsselland "
     "(een tweede district)"),
]
DEMO_LOGINS = [(email, description) for email, _roles, _person, description in USERS]

IJSSELLAND_PROJECTS = [
    # title, kind, trekker (mayor of), is_public, approach
    ("Veilig uitgaan in de binnensteden van Zwolle en Deventer", "speerpunt", "Zwolle", True,
     "Horeca, gemeenten en politie maken afspraken over toezicht, cameratoezicht en een collectieve "
     "horecaontzegging."),
    ("Ondermijning in het buitengebied van IJsselland", "speerpunt", "Hardenberg", False,
     "Een bestuurlijk beeld van ondermijning op vrijkomende agrarische locaties, met het RIEC."),
]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", text.lower().replace(" ", ""))


def _email(name: str, domain: str) -> str:
    first, *rest = name.split()
    return f"{first[0].lower()}.{_slug(''.join(rest))}@{domain}"


class _Loader:
    def __init__(self) -> None:
        self.names = _names()
        self.people: dict[str, Person] = {}
        self.orgs: dict[str, Organisation] = {}
        self.bodies = {}
        self.districts: dict[str, District] = {}
        self.police_unit = db.session.scalar(select(Organisation).where(Organisation.name == "Politie eenheid "
                                                                                              "Oost-Nederland"))
        self.om = db.session.scalar(select(Organisation).where(Organisation.name == "Openbaar Ministerie"))
        self.orgs["om"] = self.om

    def person(self, key: str, function: str, org: Organisation | None, domain: str) -> Person:
        name = next(self.names)
        self.people[key] = Person(name=name, function=function, email=_email(name, domain), organisation=org)
        return self.people[key]

    def district(self, unit: District, name: str, teams) -> None:
        district = District(name=name, police_unit=UNIT_NAME, level=DISTRICT, parent=unit)
        db.session.add(district)
        db.session.flush()
        self.districts[name] = district
        for team_name, towns in teams:
            team = Basisteam(district_id=district.id, name=team_name)
            db.session.add(team)
            for town in towns:
                self.orgs[town] = Organisation(name=f"Gemeente {town}", short_name=town, classification="gemeente",
                                               district_id=district.id, basisteam=team)
        self.orgs[f"vr:{name}"] = Organisation(name=VEILIGHEIDSREGIO[name], classification="veiligheidsregio",
                                               district_id=district.id)
        self.orgs[f"politie:{name}"] = Organisation(
            name=f"Politie district {name}", short_name=f"Politie {name}", classification="politie",
            district_id=district.id, parent=self.police_unit)
        db.session.add_all(self.orgs.values())
        towns = [town for _team, team_towns in teams for town in team_towns]
        for town in towns:
            self.person(f"bgm:{town}", f"burgemeester {town}", self.orgs[town], f"{_slug(town)}.demo")
        self.person(f"districtschef:{name}", f"districtschef {name}", self.orgs[f"politie:{name}"], "politie.demo")
        self.person(f"ovj:{name}", f"officier van justitie (district {name})", self.om, "om.demo")
        self.person(f"regiocoordinator:{name}", f"regiocoördinator Veiligheid {name}", self.orgs[f"vr:{name}"],
                    f"{_slug(VEILIGHEIDSREGIO[name])}.demo")
        if name == "IJsselland":
            for town in towns:
                self.person(f"ivz:{town}", f"IVZ-coördinator gemeente {town}", self.orgs[town], f"{_slug(town)}.demo")
            self.person("politie:IJsselland", "adviseur politie district IJsselland", self.orgs["politie:IJsselland"],
                        "politie.demo")
        db.session.add_all(self.people.values())
        db.session.flush()
        if name == "IJsselland":
            for town in towns:
                self.orgs[town].contact_person_id = self.people[f"ivz:{town}"].id
        self._dvo(district, name, towns)
        db.session.flush()
        if name == "IJsselland":
            self._chain(district, name, towns)

    def _body(self, district: District, key: str, name: str, short_name: str, kind: str, description: str,
              seats, **values):
        body = save_body(None, name=name, short_name=short_name, kind=kind, description=description,
                         district_id=district.id, **values)
        # New seats of a new body, each with its holder: added as rows and flushed once (bodies.services'
        # save_seat and appoint flush and check each one, which made this part of the demo load slow).
        now = clock.now()
        for position, (seat_name, role, org_key, person_key) in enumerate(seats, start=1):
            org = self.orgs[org_key] if org_key else None
            seat = Seat(body_id=body.id, name=seat_name, role=role, position=position,
                        organisation_id=org.id if org else None, members_changed_at=now)
            person = self.people[person_key]
            db.session.add_all([seat, Membership(seat=seat, body_id=body.id, person=person, is_deputy=False,
                                                 start_on=START, on_behalf_of=org or person.organisation,
                                                 created_at=now)])
        self.bodies[key] = body
        return body

    def _dvo(self, district: District, name: str, towns: list[str]) -> None:
        chair = towns[0]
        body = self._body(
            district, f"dvo:{name}", f"DVO {name}", f"DVO {name}", "overleg",
            f"Districtelijk Veiligheidsoverleg {name}: de burgemeesters van de {len(towns)} gemeenten, het openbaar "
            f"ministerie en de districtschef van politie. De burgemeester van {chair} is voorzitter. Komt 6 keer "
            "per jaar bijeen.",
            [("Voorzitter", "chair", chair, f"bgm:{chair}"),
             *[(f"Gemeente {town}", "member", town, f"bgm:{town}") for town in towns if town != chair],
             ("Officier van justitie", "member", "om", f"ovj:{name}"),
             (f"Districtschef {name}", "member", f"politie:{name}", f"districtschef:{name}"),
             ("Secretaris", "secretary", f"vr:{name}", f"regiocoordinator:{name}")])
        meetings.save_rule(body, per_year=6, exactly=True, duration_minutes=90, weekday=DVO_DAYS[name],
                           start_time="14:00", anchor="none", anchor_offset=0, anchor_body_id=None,
                           submission_days=21, agenda_fixed_days=14, documents_days=7)

    def _chain(self, district: District, name: str, towns: list[str]) -> None:
        """Platform IVZ and agendacommissie: the chain that advises the DVO, as in Twente."""
        others = [t for t in towns if t != towns[0]]
        platform = self._body(
            district, f"platform:{name}", f"Platform IVZ {name}", f"Platform IVZ {name}", "platform",
            f"Ambtelijk platform van de IVZ-coördinatoren van de gemeenten in {name} met politie en OM. Adviseert "
            f"het DVO {name}.",
            [("Voorzitter", "chair", towns[0], f"ivz:{towns[0]}"),
             ("Secretaris", "secretary", f"vr:{name}", f"regiocoordinator:{name}"),
             *[(f"Gemeente {town}", "member", town, f"ivz:{town}") for town in others],
             ("Politie", "member", f"politie:{name}", f"politie:{name}"),
             ("Openbaar Ministerie", "member", "om", f"ovj:{name}")])
        commissie = self._body(
            district, f"agendacommissie:{name}", f"Agendacommissie Platform IVZ {name}", f"Agendacommissie {name}",
            "commissie", f"Bereidt de bijeenkomsten van het Platform IVZ {name} voor en wat naar het DVO gaat.",
            [("Voorzitter", "chair", towns[0], f"ivz:{towns[0]}"),
             ("Regiocoördinator Veiligheid", "secretary", f"vr:{name}", f"regiocoordinator:{name}"),
             *[(f"Gemeente {town}", "member", town, f"ivz:{town}") for town in others[:2]],
             ("Politie", "member", f"politie:{name}", f"politie:{name}")],
            grants_role="agendacommissie")
        dvo = self.bodies[f"dvo:{name}"]
        add_relation(platform, dvo, "advises", f"Het Platform IVZ {name} adviseert het DVO {name}.")
        add_relation(commissie, platform, "prepares", None)
        add_relation(commissie, dvo, "prepares", None)
        meetings.save_rule(platform, per_year=6, exactly=False, duration_minutes=150, weekday=None,
                           start_time="09:30", anchor="weeks_before", anchor_body_id=dvo.id, anchor_offset=3,
                           submission_days=14, agenda_fixed_days=9, documents_days=5)
        meetings.save_rule(commissie, per_year=6, exactly=False, duration_minutes=90, weekday=None,
                           start_time="13:00", anchor="working_days_before", anchor_body_id=platform.id,
                           anchor_offset=5, submission_days=5, agenda_fixed_days=3, documents_days=2)


def _calendar(bodies) -> None:
    """2015 meetings of IJsselland's chain, published; those before the story date held. (The other DVOs
    have their rule only: generating their years too cost the demo load a second.)"""
    cutoff = clock.local_to_utc(STORY_DATE)
    for body in bodies:
        meetings.generate_year(None, body, YEAR)
        meetings.publish_year(None, body, YEAR)
        for meeting in meetings.meetings_of(body.id, YEAR):
            if meeting.start_at < cutoff:
                meeting.state = "minutes_adopted" if meeting.start_at < cutoff - timedelta(days=45) else "held"


def _ijsselland_work(loader: _Loader) -> None:
    """The IJsselland secretariat's proposals (one intern, one vertrouwelijk) and projects (one public)."""
    from ivzflow.accounts.models import User

    sec = db.session.scalar(select(User).where(User.email == SECRETARIAT_LOGIN))
    dvo = loader.bodies["dvo:IJsselland"]
    people = loader.people
    with clock.frozen_at(clock.local_to_utc(date(2015, 5, 12), 10)):
        decisions.create_item(sec, decision_body=dvo, confidentiality="intern",
                              title="Regionaal convenant veilig uitgaan IJsselland", trekker_id=people["bgm:Zwolle"].id,
                              points=["Het DVO IJsselland stemt in met een regionaal convenant veilig uitgaan.",
                                      "Gemeenten met een uitgaansgebied sluiten zich voor 1 oktober 2015 aan."])
        decisions.create_item(sec, decision_body=dvo, confidentiality="vertrouwelijk",
                              title="Bestuurlijke aanpak van een criminele motorclub in IJsselland",
                              trekker_id=people["bgm:Deventer"].id,
                              points=["Het DVO IJsselland stemt in met een gezamenlijke bestuurlijke aanpak."])
    for position, (title, kind, trekker, public, approach) in enumerate(IJSSELLAND_PROJECTS, start=1):
        project = projects.create_project(
            sec, title=title, kind=kind, position=position, start_on=START, end_on=date(2016, 12, 31),
            projectleider_id=people[f"ivz:{trekker}"].id, lead_organisation_id=loader.orgs[trekker].id,
            approach=approach, district_id=loader.districts["IJsselland"].id, trekker_id=people[f"bgm:{trekker}"].id)
        project.is_public = public


# Twente's projects whose good practice other districts may read.
PUBLIC_TWENTE_PROJECTS = ("Aanpak woninginbraken", "Woonoverlast door psychisch kwetsbaren")


def load(password: str) -> None:
    """The unit, its four other districts, their DVOs and mayors, and IJsselland's chain and login."""
    twente = db.session.scalar(select(District).where(District.name == TWENTE))
    unit = District(name=UNIT_NAME, police_unit=UNIT_NAME, level=UNIT)
    db.session.add(unit)
    db.session.flush()
    twente.parent_id = unit.id
    loader = _Loader()
    for name, teams in DISTRICTS.items():
        loader.district(unit, name, teams)
    for email, roles, person_key, _description in USERS:
        create_user(email, password, roles, person_id=loader.people[person_key].id)
    _calendar(b for key, b in loader.bodies.items() if key.endswith(":IJsselland"))
    _ijsselland_work(loader)
    for project in db.session.scalars(select(Project).where(Project.title.in_(PUBLIC_TWENTE_PROJECTS),
                                                            Project.district_id == twente.id)):
        project.is_public = True
    db.session.flush()

"""Demo data: the 2015 meeting calendar of Twente.

The AB VRT dates are invented but plausible (six Wednesdays); the DVO meets on the same day before
the AB, the Platform IVZ three weeks before each DVO at a rotating host, the agendacommissie five
working days before each Platform, and each gezagsdriehoek four times a year. Meetings before the
demo's story date (1 June 2015) are held.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings import services
from ivzflow.meetings.hosts import participant_roster, save_roster
from ivzflow.meetings.models import Location, StandingItem
from ivzflow.organisations.models import Organisation

YEAR = 2015
STORY_DATE = date(2015, 6, 1)
AB_VRT_DATES = [date(2015, 2, 4), date(2015, 3, 25), date(2015, 5, 20), date(2015, 7, 1), date(2015, 10, 7),
                date(2015, 12, 9)]
AB_VRT_TIME = (15, 30)

# body name: rule values (anchored bodies name the body they follow)
RULES = {
    "Algemeen Bestuur Veiligheidsregio Twente": dict(
        per_year=6, exactly=True, duration_minutes=120, weekday=2, start_time="15:30", anchor="none",
        submission_days=28, agenda_fixed_days=21, documents_days=10),
    "DVO Twente": dict(
        per_year=6, exactly=True, duration_minutes=90, weekday=None, start_time="13:30",
        anchor="same_day_before", anchor_body="Algemeen Bestuur Veiligheidsregio Twente", anchor_offset=30,
        submission_days=21, agenda_fixed_days=14, documents_days=7),
    "Platform IVZ": dict(
        per_year=6, exactly=False, duration_minutes=150, weekday=None, start_time="09:30", anchor="weeks_before",
        anchor_body="DVO Twente", anchor_offset=3, submission_days=14, agenda_fixed_days=9, documents_days=5,
        has_host_rotation=True),
    "Agendacommissie Platform IVZ": dict(
        per_year=6, exactly=False, duration_minutes=90, weekday=None, start_time="13:00",
        anchor="working_days_before", anchor_body="Platform IVZ", anchor_offset=5, submission_days=5,
        agenda_fixed_days=3, documents_days=2),
    **{f"Gezagsdriehoek Basisteam {team}": dict(
        per_year=4, exactly=False, duration_minutes=120, weekday=weekday, start_time="10:00", anchor="none",
        submission_days=14, agenda_fixed_days=10, documents_days=7)
       for team, weekday in (("Midden", 0), ("Noord", 1), ("Noord-Oost", 2), ("West", 3), ("Enschede", 4))},
}

STANDING_ITEMS = {
    "DVO Twente": [("Opening en mededelingen", 5, None), ("Vaststellen besluitenlijst vorige vergadering", 5, None),
                   ("Terugkoppeling Regionaal Veiligheidsoverleg Oost-Nederland", 10, None),
                   ("Rondvraag en sluiting", 5, None)],
    "Platform IVZ": [("Opening en mededelingen", 10, None), ("Verslag vorige bijeenkomst", 10, None),
                     ("Voortgang regionale projecten", 30, None), ("Rondvraag", 10, None)],
    "Agendacommissie Platform IVZ": [("Agenda Platform IVZ", 30, None), ("Voorbereiding DVO Twente", 30, None)],
    **{f"Gezagsdriehoek Basisteam {team}": [
        ("Terugkoppeling en afstemming DVO Twente", 15, "common"),
        ("Rapportage operationele resultaten en veiligheidsontwikkelingen", 30, "common"),
        ("Lokale agendapunten", 30, "local")] for team in ("Midden", "Noord", "Noord-Oost", "West", "Enschede")},
}

# Meeting places (invented addresses): organisation short name → (name, street, postcode, town, room)
LOCATIONS = {
    "Veiligheidsregio Twente": ("Veiligheidsregio Twente", "Pantheon 12", "7521 PR", "Enschede", "Bestuurskamer"),
    # the Platform's partners host their turn too ("roulerend op locatie bij alle deelnemers")
    "Politie ON": ("Politiebureau Hengelo", "Stationsplein 10", "7551 CA", "Hengelo", "Vergaderzaal 2"),
    "OM": ("Arrondissementsparket Oost-Nederland", "Stationsplein 2", "7511 JD", "Almelo", "Zaal Oost"),
    "VH Twente": ("Veiligheidshuis Twente", "Hengelosestraat 200", "7521 AG", "Enschede", "Overlegruimte"),
    "RIEC ON": ("RIEC Oost-Nederland", "Europalaan 5", "7559 SC", "Hengelo", "Vergaderkamer"),
    "THOR": ("Regionale samenwerking THOR", "Marktstraat 4", "7607 HA", "Almelo", "Zaal 1"),
    "Werkgroep APV": ("Werkgroep APV, gemeentehuis Borne", "Rondweg 1", "7623 GA", "Borne", "Raadzaal"),
    "GGD": ("GGD Twente", "Nijverheidstraat 30", "7511 JM", "Enschede", "Zaal Twente"),
    "Brandweer": ("Brandweerkazerne Enschede-Noord", "Lipperkerkstraat 1", "7511 VJ", "Enschede", "Instructielokaal"),
    **{town: (f"Stadhuis {town}", "Raadhuisplein 1", None, town, "Commissiekamer")
       for town in ("Almelo", "Borne", "Dinkelland", "Enschede", "Haaksbergen", "Hellendoorn", "Hengelo",
                    "Hof van Twente", "Losser", "Oldenzaal", "Rijssen-Holten", "Tubbergen", "Twenterand", "Wierden")},
}
HOST_ROSTER = ["Hengelo", "Almelo", "Oldenzaal", "Wierden", "Enschede", "Borne", "Twenterand", "Losser",
               "Hellendoorn", "Hof van Twente", "Dinkelland", "Rijssen-Holten", "Haaksbergen", "Tubbergen"]


def _bodies() -> dict[str, Body]:
    return {b.name: b for b in db.session.scalars(select(Body))}


def _organisations() -> dict[str, Organisation]:
    orgs = db.session.scalars(select(Organisation)).all()
    return {**{o.name: o for o in orgs}, **{o.short_name: o for o in orgs if o.short_name}}


def _load_locations(orgs) -> dict[str, Location]:
    places = {}
    for key, (name, street, postcode, town, room) in LOCATIONS.items():
        org = orgs.get(key) or orgs.get(f"Gemeente {key}")
        places[key] = Location(organisation_id=org.id if org else None, name=name, street=street,
                               postcode=postcode, town=town, room=room)
        db.session.add(places[key])
    db.session.flush()
    return places


def _load_rules(bodies) -> None:
    for name, values in RULES.items():
        values = dict(values)
        anchor_body = values.pop("anchor_body", None)
        values.setdefault("anchor_offset", 0)
        values["anchor_body_id"] = bodies[anchor_body].id if anchor_body else None
        services.save_rule(bodies[name], **values)


def _load_standing_items(bodies) -> None:
    for name, items in STANDING_ITEMS.items():
        for position, (title, minutes, section) in enumerate(items):
            db.session.add(StandingItem(body_id=bodies[name].id, title=title, position=position,
                                        duration_minutes=minutes, section=section,
                                        is_closing=title.startswith("Rondvraag")))


def load() -> None:
    """Plan Twente's 2015 calendar: rules, AB VRT dates, generated and published calendars, hosts."""
    bodies, orgs = _bodies(), _organisations()
    places = _load_locations(orgs)
    _load_rules(bodies)
    _load_standing_items(bodies)
    ab = bodies["Algemeen Bestuur Veiligheidsregio Twente"]
    for day in AB_VRT_DATES:
        services.create_meeting(None, ab, clock.local_to_utc(day, *AB_VRT_TIME), 120, publish=True,
                                location=places["Veiligheidsregio Twente"])
    save_roster(bodies["Platform IVZ"].id,
                [(orgs[f"Gemeente {town}"].id, places[town].id) for town in HOST_ROSTER])
    place_of = {place.organisation_id: place.id for place in places.values() if place.organisation_id}
    save_roster(bodies["Platform IVZ"].id, [(org, location or place_of.get(org)) for org, location in  # + partners
                                            participant_roster(bodies["Platform IVZ"].id, STORY_DATE)])
    for name in ("DVO Twente", "Platform IVZ", "Agendacommissie Platform IVZ",
                 *(n for n in RULES if n.startswith("Gezagsdriehoek"))):
        services.generate_year(None, bodies[name], YEAR)
        services.publish_year(None, bodies[name], YEAR)
    for name in ("DVO Twente", "Agendacommissie Platform IVZ"):
        for meeting in services.meetings_of(bodies[name].id, YEAR):
            meeting.location = meeting.location or places["Veiligheidsregio Twente"]
    _hold_the_past()
    db.session.flush()


def _hold_the_past() -> None:
    """Meetings before the story date were held; their minutes adopted except for the last ones."""
    cutoff = clock.local_to_utc(STORY_DATE)
    for meeting in db.session.scalars(select(services.Meeting).where(services.Meeting.start_at < cutoff)):
        meeting.state = "minutes_adopted" if meeting.start_at < clock.local_to_utc(date(2015, 4, 15)) else "held"

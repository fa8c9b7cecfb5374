"""Demo data: the upper tier of Oost-Nederland and one Twente decision passed up to it and back.

The unit Oost-Nederland (a District row of level "eenheid", the parent of its districts) gets its bodies: the
Regionaal Veiligheidsoverleg (RVO ON: the chairs of the districts' DVOs, the politiechef, the hoofdofficier
van justitie, the regioburgemeester in the chair), the DVO-secretarissenoverleg that advises and prepares it
(each DVO's secretary; it meets a week before each RVO meeting) and the Bestuurscollege of all mayors of the
unit. Every DVO of the unit reports to the RVO. `seat_districts()` finds the districts of the unit and their
DVOs in the data (a DVO: a body a Platform advises), so it can run again after more districts are loaded.

The story: the DVO Twente adopted the Actieplan Platform IVZ Twente 2015-2016 on 20 May 2015; the same evening
the secretariat passes it up to the RVO ("voorleggen aan het RVO"), the secretarissenoverleg advises on 21 May,
the RVO adopts it on 28 May, and the terugkoppeling is on the agenda of the DVO Twente of 1 July.
People have invented names.
"""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.bodies.models import Body, BodyRelation, Membership, Seat
from ivzflow.bodies.services import add_relation, appoint, current_on, save_body, save_seat
from ivzflow.core import clock
from ivzflow.decisions import services, tiers
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.meetings import agenda
from ivzflow.meetings import services as meetings
from ivzflow.meetings.models import Meeting
from ivzflow.organisations.models import DISTRICT, UNIT, District, Organisation
from ivzflow.people.models import Person
from ivzflow.workflows import engine

UNIT_NAME = "Oost-Nederland"
START = date(2015, 1, 1)
YEAR = 2015
RVO_DATES = [date(2015, 3, 12), date(2015, 5, 28), date(2015, 9, 24), date(2015, 12, 3)]  # Thursdays
RVO_TIME = (14, 0)
SECRETARIES_NAME = "DVO-secretarissenoverleg Oost-Nederland"
ADVISER = ("Jolanda Roelofs", "adviseur van de regioburgemeester Oost-Nederland")
PASSED_UP = "Actieplan Platform IVZ Twente 2015-2016"


def at(day: date, hour: int = 10, minute: int = 0):
    return clock.local_to_utc(day, hour, minute)


# --- the structure -----------------------------------------------------------------------------------

def unit() -> District:
    """The unit Oost-Nederland (get or create), the parent of the districts whose police unit it is."""
    found = db.session.scalar(select(District).where(District.name == UNIT_NAME))
    if found is None:
        found = District(name=UNIT_NAME, police_unit=UNIT_NAME, level=UNIT)
        db.session.add(found)
        db.session.flush()
    for district in db.session.scalars(select(District).where(District.police_unit == UNIT_NAME,
                                                              District.level == DISTRICT)):
        district.parent_id = district.parent_id or found.id
    db.session.flush()
    return found


def _body(short_name: str) -> Body | None:
    return db.session.scalar(select(Body).where(Body.short_name == short_name))


def dvos(of_unit: District) -> list[tuple[District, Body]]:
    """Each district of the unit with its DVO: the body its Platform advises."""
    found = []
    for district in db.session.scalars(select(District).where(District.parent_id == of_unit.id).order_by(District.id)):
        dvo = _dvo_of(district)
        if dvo is not None:
            found.append((district, dvo))
    return found


def _dvo_of(district: District) -> Body | None:
    advisers = select(Body.id).where(Body.kind == "platform")
    return db.session.scalar(select(Body).join(BodyRelation, BodyRelation.target_id == Body.id).where(
        Body.district_id == district.id, BodyRelation.kind == "advises", BodyRelation.source_id.in_(advisers))
        .order_by(BodyRelation.id).limit(1))


def _holder(body: Body, role: str) -> Membership | None:
    """The current (not deputy) holder of the body's first seat with this role."""
    return db.session.scalar(select(Membership).join(Seat, Seat.id == Membership.seat_id).where(
        Membership.body_id == body.id, Seat.role == role, Membership.is_deputy.is_(False),
        current_on(START)).order_by(Seat.position).limit(1))


def _seat_with(body: Body, name: str, role: str, person: Person, organisation_id: int | None = None) -> None:
    """A seat held by the person from START, unless the body has a seat of that name already."""
    if db.session.scalar(select(Seat.id).where(Seat.body_id == body.id, Seat.name == name)) is not None:
        return
    position = len(db.session.scalars(select(Seat.id).where(Seat.body_id == body.id)).all()) + 1
    seat = save_seat(None, body, name=name, role=role, position=position, organisation_id=organisation_id)
    appoint(None, seat, person, START)


def _relate(source: Body, target: Body, kind: str, note: str) -> None:
    if db.session.scalar(select(BodyRelation.id).where(BodyRelation.source_id == source.id,
                                                       BodyRelation.target_id == target.id,
                                                       BodyRelation.kind == kind)) is None:
        add_relation(source, target, kind, note)


def _mayors(district: District) -> list[tuple[Organisation, Person]]:
    towns = db.session.scalars(select(Organisation).where(Organisation.district_id == district.id,
                                                          Organisation.classification == "gemeente")
                               .order_by(Organisation.name))
    found = []
    for town in towns:
        mayor = db.session.scalar(select(Person).where(Person.organisation_id == town.id,
                                                       Person.function.like("burgemeester%")).order_by(Person.id)
                                  .limit(1))
        if mayor is not None:
            found.append((town, mayor))
    return found


def seat_districts(of_unit: District) -> None:
    """Every district of the unit in the upper tier: its DVO reports to the RVO, its DVO's chair sits in the
    RVO, its DVO's secretary in the secretarissenoverleg, its mayors in the Bestuurscollege."""
    rvo, secretaries, college = _body("RVO ON"), _body("DVO-secretarissen ON"), _body("Bestuurscollege ON")
    for district, dvo in dvos(of_unit):
        _relate(dvo, rvo, "reports_to", f"Terugkoppeling en afstemming via de voorzitter van het {dvo.name}.")
        chair, secretary = _holder(dvo, "chair"), _holder(dvo, "secretary")
        if chair is not None and not _sits(rvo, chair.person_id):
            _seat_with(rvo, f"Voorzitter {dvo.name}", "member", chair.person, chair.seat.organisation_id)
        if secretary is not None:
            _seat_with(secretaries, f"Secretaris {dvo.name}", "member", secretary.person,
                       secretary.seat.organisation_id)
        for town, mayor in _mayors(district):
            if not _sits(college, mayor.id):
                _seat_with(college, f"Gemeente {town.short_name or town.name}", "member", mayor, town.id)


def _sits(body: Body, person_id: int) -> bool:
    return db.session.scalar(select(Membership.id).where(Membership.body_id == body.id,
                                                         Membership.person_id == person_id).limit(1)) is not None


def _load_bodies(of_unit: District) -> None:
    rvo, college = _body("RVO ON"), _body("Bestuurscollege ON")
    rvo.district_id = college.district_id = of_unit.id
    college.description = ("De regioburgemeester, de burgemeesters van alle gemeenten in de eenheid Oost-Nederland, "
                           "de hoofdofficier van justitie en de politiechef.")
    adviser = Person(name=ADVISER[0], function=ADVISER[1], email="j.roelofs@oost-nederland.demo")
    db.session.add(adviser)
    db.session.flush()
    _seat_with(rvo, "Adviseur regioburgemeester (secretaris)", "secretary", adviser)
    secretaries = save_body(
        None, name=SECRETARIES_NAME, short_name="DVO-secretarissen ON", kind="commissie", district_id=of_unit.id,
        description="De secretarissen van de DVO's in de eenheid en de adviseur van de regioburgemeester. Stemmen "
                    "een week voor elk RVO de doorgeleiding van stukken af en adviseren het RVO over wat de "
                    "districten voorleggen.")
    _seat_with(secretaries, "Voorzitter (adviseur regioburgemeester)", "chair", adviser)
    _relate(secretaries, rvo, "advises", "Adviseert het RVO over de stukken die de districten voorleggen.")
    _relate(secretaries, rvo, "prepares", "Stemt de agenda en de doorgeleiding van stukken af.")
    seat_districts(of_unit)
    meetings.save_rule(rvo, per_year=4, exactly=True, duration_minutes=120, weekday=3, start_time="14:00",
                       anchor="none", anchor_body_id=None, anchor_offset=0, submission_days=5,
                       agenda_fixed_days=4, documents_days=3)  # after the secretaries met, a week before
    meetings.save_rule(secretaries, per_year=4, exactly=False, duration_minutes=90, weekday=None, start_time="10:00",
                       anchor="weeks_before", anchor_body_id=rvo.id, anchor_offset=1, submission_days=5,
                       agenda_fixed_days=3, documents_days=2)
    meetings.save_rule(college, per_year=2, exactly=False, duration_minutes=120, weekday=None, start_time="15:00",
                       anchor="none", anchor_body_id=None, anchor_offset=0, submission_days=21,
                       agenda_fixed_days=14, documents_days=7)
    for day in RVO_DATES:
        meetings.create_meeting(None, rvo, at(day, *RVO_TIME), 120, publish=True)
    meetings.generate_year(None, secretaries, YEAR)
    meetings.publish_year(None, secretaries, YEAR)
    story_day = clock.local_to_utc(date(2015, 6, 1))
    for meeting in db.session.scalars(select(Meeting).where(Meeting.body_id.in_([rvo.id, secretaries.id]),
                                                            Meeting.start_at < story_day)):
        meeting.state = "held"


# --- the story ---------------------------------------------------------------------------------------

def _meeting_on(body: Body, day: date) -> Meeting:
    return db.session.scalar(select(Meeting).where(Meeting.body_id == body.id, Meeting.start_at >= at(day, 0),
                                                   Meeting.start_at < at(day + timedelta(days=1), 0)))


def _pass_up_the_action_plan() -> None:
    sec = db.session.scalar(select(User).where(User.email == "secretariaat@demo.ivzflow.nl"))
    plan = db.session.scalar(select(DecisionItem).where(DecisionItem.title == PASSED_UP))
    rvo, secretaries = _body("RVO ON"), _body("DVO-secretarissen ON")
    if sec is None or plan is None:
        return
    rvo_meeting = _meeting_on(rvo, date(2015, 5, 28))
    advice_meeting = db.session.scalar(select(Meeting).where(
        Meeting.body_id == secretaries.id, Meeting.start_at > at(date(2015, 5, 20), 18),
        Meeting.start_at < rvo_meeting.start_at).order_by(Meeting.start_at).limit(1))
    states = {m.id: m.state for m in (rvo_meeting, advice_meeting)}
    rvo_meeting.state = advice_meeting.state = "planned"  # as they were while this went its way
    with clock.frozen_at(at(date(2015, 5, 20), 16)):
        item = tiers.pass_up(plan, sec, note="De speerpunten raken de Veiligheidsstrategie Oost-Nederland; het DVO "
                                             "vraagt het RVO ze daarin op te nemen.")
        services.set_target_meeting(item, rvo_meeting.id)
        engine.take(item, "indienen", sec)
        placed = agenda.add_item(sec, advice_meeting, title=item.title, duration_minutes=15, is_public=True)
        placed.decision_item_id = item.id
        services.waive_advice(sec, item.communication_advice, "De communicatie loopt via het DVO Twente, dat het "
                              "actieplan al openbaar maakte.", item.communication_advice.version)
    with clock.frozen_at(advice_meeting.start_at + timedelta(hours=1)):
        engine.take(item, "platform_advies", sec, params={
            "advice": "positief", "advice_text": "De secretarissen adviseren het RVO de Twentse speerpunten op te "
            "nemen in de Veiligheidsstrategie.", "meeting_id": advice_meeting.id})
        engine.take(item, "gereed_melden", sec)
        engine.take(item, "agenderen", sec)
    with clock.frozen_at(rvo_meeting.start_at + timedelta(minutes=40)):
        services.record_outcomes(sec, item, {p.id: ("adopted", None) for p in item.points}, item.version)
        engine.take(item, "vaststellen", sec, comment="Het RVO neemt de Twentse speerpunten op in de "
                                                      "Veiligheidsstrategie Oost-Nederland.")
    for meeting in (rvo_meeting, advice_meeting):
        meeting.state = states[meeting.id]


def load() -> None:
    """The upper tier of Oost-Nederland and the passed-up action plan (flush, no commit)."""
    if _body("RVO ON") is None or _body("DVO-secretarissen ON") is not None:
        return
    of_unit = unit()
    _load_bodies(of_unit)
    _pass_up_the_action_plan()
    db.session.flush()

"""Rules of seats and memberships: appointing, ending, rotating, reading at a date."""
from datetime import date

import pytest

from ivzflow.bodies import services
from ivzflow.bodies.models import Membership, RotationEntry
from ivzflow.core.errors import Conflict, ValidationError
from ivzflow.extensions import db


@pytest.fixture
def rotating_seat(make_body, make_seat, make_org, make_person):
    """A seat rotating over three municipalities, each with its representative."""
    body = make_body("Agendacommissie")
    seat = make_seat(body, "Basisteam Midden", rotates=True, term_months=24)
    orgs = [make_org(f"Gemeente {n}") for n in ("Hengelo", "Borne", "Haaksbergen")]
    people = [make_person(f"Coördinator {o.name}", organisation_id=o.id) for o in orgs]
    seat.pool = [RotationEntry(organisation_id=o.id, person_id=p.id, position=i)
                 for i, (o, p) in enumerate(zip(orgs, people))]
    first = services.appoint(None, seat, people[0], date(2015, 1, 1), on_behalf_of=orgs[0])
    db.session.commit()
    return seat, orgs, people, first


def test_appointment_gets_the_planned_end_of_its_term(rotating_seat):
    _seat, _orgs, _people, first = rotating_seat
    assert first.term_ends_on == date(2016, 12, 31)


def test_overlapping_terms_on_one_seat_are_refused(rotating_seat, make_person):
    seat, *_ = rotating_seat
    with pytest.raises(ValidationError, match="al bezet"):
        services.appoint(None, seat, make_person(), date(2016, 3, 1))


def test_a_deputy_can_sit_beside_the_holder(rotating_seat, make_person):
    seat, *_ = rotating_seat
    deputy = services.appoint(None, seat, make_person(), date(2015, 2, 1), is_deputy=True)
    assert deputy.is_deputy


def test_ending_records_when_and_by_whom(rotating_seat, make_user):
    _seat, _orgs, _people, first = rotating_seat
    actor = make_user()
    services.end_membership(actor, first, date(2015, 6, 30), "Verhuisd", version=first.version)
    assert first.end_on == date(2015, 6, 30)
    assert first.ended_by_id == actor.id and first.ended_at is not None and first.end_reason == "Verhuisd"


def test_end_before_start_is_refused(rotating_seat):
    _seat, _orgs, _people, first = rotating_seat
    with pytest.raises(ValidationError, match="vóór de begindatum"):
        services.end_membership(None, first, date(2014, 12, 1), None, version=first.version)


def test_a_stale_form_cannot_end_a_membership(rotating_seat):
    _seat, _orgs, _people, first = rotating_seat
    with pytest.raises(Conflict, match="intussen gewijzigd"):
        services.end_membership(None, first, date(2015, 6, 30), None, version=first.version + 1)


def test_rotation_ends_the_term_and_appoints_the_next_in_the_pool(rotating_seat):
    seat, orgs, people, first = rotating_seat
    old, new = services.rotate_seat(None, seat, date(2017, 1, 1), version=seat.version)
    db.session.commit()
    assert old.id == first.id and old.end_on == date(2016, 12, 31) and old.end_reason == "Rotatie"
    assert new.person_id == people[1].id and new.on_behalf_of_id == orgs[1].id
    assert new.start_on == date(2017, 1, 1) and new.term_ends_on == date(2018, 12, 31)


def test_rotation_wraps_round_the_pool(rotating_seat):
    seat, orgs, people, _first = rotating_seat
    for year in (2017, 2019, 2021):
        _old, new = services.rotate_seat(None, seat, date(year, 1, 1), version=seat.version)
    assert new.on_behalf_of_id == orgs[0].id


def test_secretariat_can_pick_another_than_proposed(rotating_seat, make_person):
    seat, orgs, _people, _first = rotating_seat
    stand_in = make_person("Invaller Haaksbergen", organisation_id=orgs[2].id)
    _old, new = services.rotate_seat(None, seat, date(2017, 1, 1), organisation=orgs[2], person=stand_in,
                                     version=seat.version)
    assert new.person_id == stand_in.id and new.on_behalf_of_id == orgs[2].id


def test_rotation_effective_before_the_current_term_began_is_refused(rotating_seat):
    seat, *_ = rotating_seat
    with pytest.raises(ValidationError):
        services.rotate_seat(None, seat, date(2015, 1, 1), version=seat.version)
    assert db.session.scalar(db.select(db.func.count(Membership.id))) == 1


def test_who_sat_on_a_past_date(rotating_seat):
    seat, _orgs, people, _first = rotating_seat
    services.rotate_seat(None, seat, date(2017, 1, 1), version=seat.version)
    db.session.commit()
    assert [m.person_id for m in services.memberships_at(date(2016, 3, 1), body_id=seat.body_id)] == [people[0].id]
    assert [m.person_id for m in services.memberships_at(date(2017, 3, 1), body_id=seat.body_id)] == [people[1].id]


def test_every_change_is_in_the_audit_log(rotating_seat, make_user):
    from ivzflow.audit.services import entries_for, set_actor

    seat, *_ = rotating_seat
    actor = make_user()
    set_actor(db.session, actor)
    services.rotate_seat(actor, seat, date(2017, 1, 1), version=seat.version)
    db.session.commit()
    actions = [e.action for e in entries_for("seat", seat.id)]
    assert "seat_rotated" in actions and "update" in actions
    rotated = next(e for e in entries_for("seat", seat.id) if e.action == "seat_rotated")
    assert rotated.actor_label == actor.email and rotated.changes["effective_on"] == "2017-01-01"


@pytest.mark.parametrize("day", [date.min, date(1, 1, 2), date(9999, 12, 31), date(2236, 8, 30)])
def test_dates_outside_any_term_are_refused_with_a_message(rotating_seat, make_person, day):
    """The day before the first possible date, or two years after the last, cannot be computed: a message,
    not an error page (found by the full-strength fuzz)."""
    seat, *_ = rotating_seat
    with pytest.raises(ValidationError, match="tussen 1900 en 2199") as refused:
        services.rotate_seat(None, seat, day, version=seat.version)
    assert refused.value.field == "effective_on"
    with pytest.raises(ValidationError, match="tussen") as refused:
        services.appoint(None, seat, make_person(), day, is_deputy=True)
    assert refused.value.field == "start_on"

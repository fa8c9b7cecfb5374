"""Who is concerned with a policy date (plans.audience): the secretariat and the agendacommissie of the date's
district, those of every district for a national date; the reminders, the month calendar, the personal feed
and the API follow that one rule."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token, update_user
from ivzflow.bodies.services import appoint, end_membership
from ivzflow.demo.twente import DEMO_PASSWORD
from ivzflow.extensions import db
from ivzflow.meetings import feeds
from ivzflow.organisations.models import District
from ivzflow.plans import policy
from ivzflow.reminders.models import PolicyEvent, Reminder
from ivzflow.reminders.planner import replan

DEMO_NOW = datetime(2015, 6, 1, 7, tzinfo=timezone.utc)
TWENTE_IVM = "Integrale Veiligheidsmonitor: meting 2015"


def _demo_user(name: str) -> User:
    return db.session.scalar(select(User).where(User.email == f"{name}@demo.ivzflow.nl"))


def _series(title: str, district_id: int | None, day: date = date(2015, 9, 15)) -> PolicyEvent:
    series = policy.save_series(None, None, kind="other", title=title, starts_on=day, ends_on=None,
                                repeat_years=None, until_year=None, remind_days_before=30, description=None,
                                district_id=district_id)
    db.session.commit()
    return series.occurrences[0].event


def _reminded(event: PolicyEvent) -> set[int]:
    return set(db.session.scalars(select(Reminder.user_id).where(
        Reminder.subject_type == "policy", Reminder.subject_id == event.id, Reminder.outcome.is_(None))))


@pytest.fixture
def drenthe(demo, make_org, make_person, make_user, make_body, make_seat, time_machine):
    """A district outside the demo's unit, with its own secretariat and agendacommissie member."""
    time_machine.move_to(DEMO_NOW, tick=False)
    district = District(name="Drenthe")
    db.session.add(district)
    db.session.commit()
    region = make_org("Veiligheidsregio Drenthe", "veiligheidsregio", district_id=district.id)
    town = make_org("Gemeente Assen", district_id=district.id)
    secretary = make_user(Role.SECRETARIAT, person=make_person(organisation_id=region.id))
    committee = make_body("Agendacommissie Drenthe", grants_role="agendacommissie", district_id=district.id)
    person = make_person(organisation_id=town.id)
    member = make_user(Role.MEMBER, person=person)
    appoint(None, make_seat(committee), person, date(2015, 1, 1))
    db.session.commit()
    return district, secretary, member, committee


def test_reminders_go_to_those_of_the_dates_district_only(drenthe):
    district, secretary, member, _committee = drenthe
    twente = (_demo_user("secretariaat").id, _demo_user("agendacommissie").id)
    own = _series("Evaluatie Drenthe", district.id)
    assert _reminded(own) == {secretary.id, member.id}
    ivm = db.session.scalar(select(PolicyEvent).where(PolicyEvent.title == TWENTE_IVM))
    replan("policy", ivm.id)
    db.session.commit()
    assert set(twente) <= _reminded(ivm) and not {secretary.id, member.id} & _reminded(ivm)
    national = _series("Landelijke dag", None)
    assert {secretary.id, member.id, *twente} <= _reminded(national)


def test_a_new_agendacommissie_member_is_reminded_of_the_coming_dates(drenthe, make_person, make_user,
                                                                      make_seat):
    district, _secretary, _member, committee = drenthe
    event = _series("Evaluatie Drenthe", district.id)
    person = make_person()
    newcomer = make_user(Role.MEMBER, person=person)
    assert newcomer.id not in _reminded(event)
    membership = appoint(None, make_seat(committee), person, date(2015, 5, 1))
    db.session.commit()
    assert newcomer.id in _reminded(event)
    end_membership(None, membership, date(2015, 5, 31), "Vertrokken", version=membership.version)
    db.session.commit()
    assert newcomer.id not in _reminded(event)


def test_calendar_feed_and_api_show_the_dates_to_the_same_people(drenthe, client, login):
    district, secretary, member, _committee = drenthe
    _series("Evaluatie Drenthe", district.id, date(2015, 9, 15))
    _series("Landelijke dag", None, date(2015, 9, 16))
    login(member)
    html = client.get("/calendar?month=2015-09").get_data(as_text=True)
    assert "Evaluatie Drenthe" in html and "Landelijke dag" in html and TWENTE_IVM not in html
    _token, secret = feeds.renew(member)
    _api, api = create_token(secretary, "test")
    db.session.commit()
    personal = client.get(f"/feeds/{secret}/me.ics").get_data(as_text=True)
    assert "Evaluatie Drenthe" in personal and "Landelijke dag" in personal and TWENTE_IVM not in personal
    answer = client.get("/api/v1/policy-events?from=2015-09-01&to=2015-09-30",
                        headers={"Authorization": f"Bearer {api}"}).json["data"]
    assert {e["title"]: e["reminded"] for e in answer} == {"Evaluatie Drenthe 2015": True,
                                                           "Landelijke dag 2015": True}
    twente = policy.entries()[0].series.district_id
    answer = client.get(f"/api/v1/policy-events?from=2015-09-01&to=2015-09-30&district={twente}",
                        headers={"Authorization": f"Bearer {api}"}).json["data"]
    assert {e["title"]: e["reminded"] for e in answer} == {TWENTE_IVM: False, "Landelijke dag 2015": True}
    client.post("/logout")
    client.post("/login", data={"email": "secretariaat@demo.ivzflow.nl", "password": DEMO_PASSWORD})
    html = client.get("/calendar?month=2015-09").get_data(as_text=True)
    assert TWENTE_IVM in html and "Landelijke dag" in html and "Evaluatie Drenthe" not in html


def test_gaining_or_losing_the_secretariat_role_replans_the_coming_dates(drenthe, make_org, make_person,
                                                                         make_user):
    district, _secretary, _member, _committee = drenthe
    event = _series("Evaluatie Drenthe", district.id)
    town = make_org("Gemeente Deventer", district_id=district.id)
    user = make_user(Role.MEMBER, person=make_person(organisation_id=town.id))
    assert user.id not in _reminded(event)
    update_user(user, version=user.version, email=user.email, roles={Role.SECRETARIAT}, person_id=user.person_id,
                is_enabled=True)
    db.session.commit()
    assert user.id in _reminded(event)
    update_user(user, version=user.version, email=user.email, roles={Role.MEMBER}, person_id=user.person_id,
                is_enabled=True)
    db.session.commit()
    assert user.id not in _reminded(event)

"""Factories for meetings and agendas, a small governance chain (an agendacommissie that prepares a DVO,
with a preparer, a DVO member, the DVO's secretary and an outsider), and the calendar's `cal_*` fixtures."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
import time_machine

from ivzflow.accounts.models import User
from ivzflow.accounts.roles import Role
from ivzflow.bodies.models import Body, BodyRelation
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings import services
from ivzflow.meetings.models import AgendaItem, Meeting, MeetingRule, StandingItem
from tests.conftest import PASSWORD

_counter = itertools.count(1)
FUTURE = clock.local_to_utc(date(2031, 3, 5), 9, 30)
PAST = clock.local_to_utc(date(2024, 3, 5), 9, 30)


@pytest.fixture
def login(client):
    """Log in through the login form, logging out whoever was logged in first (tests switch users)."""
    def do(user: User) -> User:
        client.post("/logout")
        response = client.post("/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return user
    return do


@pytest.fixture
def make_meeting(ctx):
    """A meeting of a body through the planning service; `state` puts it straight into a later state.

    `start_at` may be aware, or naive for Amsterdam wall-clock time.
    """
    def make(body: Body, start_at=None, published: bool = True, *, duration_minutes: int = 90,
             state: str = "planned", name: str | None = None, **values) -> Meeting:
        start_at = start_at or FUTURE
        if start_at.tzinfo is None:
            start_at = start_at.replace(tzinfo=clock.LOCAL_TZ)
        meeting = services.create_meeting(None, body, start_at, duration_minutes, publish=published, name=name,
                                          **values)
        meeting.state = state
        db.session.commit()
        return meeting
    return make


@pytest.fixture
def make_item(ctx):
    def make(meeting: Meeting, title: str | None = None, *, minutes: int = 10, is_public: bool = True,
             section: str | None = None, position: int | None = None, **values) -> AgendaItem:
        if position is None:
            position = max((i.position for i in meeting.items), default=0) + 1
        item = AgendaItem(meeting_id=meeting.id, title=title or f"Punt {next(_counter)}", duration_minutes=minutes,
                          is_public=is_public, section=section, position=position, **values)
        db.session.add(item)
        db.session.commit()
        db.session.refresh(meeting)
        return item
    return make


@pytest.fixture
def make_standing_item(ctx):
    def make(body: Body, title: str, *, minutes: int = 5, section: str | None = None, position: int = 0,
             is_public: bool = True, is_closing: bool = False) -> StandingItem:
        item = StandingItem(body_id=body.id, title=title, duration_minutes=minutes, section=section,
                            position=position, is_public=is_public, is_closing=is_closing)
        db.session.add(item)
        db.session.commit()
        return item
    return make


@dataclass
class Chain:
    dvo: Body
    agendacommissie: Body
    preparer: User      # sits in the agendacommissie, which prepares the DVO
    member: User        # a mayor in the DVO
    secretary: User     # holds the DVO's secretary seat
    outsider: User      # has an account, sits nowhere
    secretariat: User


@pytest.fixture
def chain(ctx, make_body, make_member, make_user, make_person) -> Chain:
    dvo = make_body("DVO Twente", kind="overleg", short_name="DVO")
    ac = make_body("Agendacommissie Platform IVZ", kind="commissie", grants_role="agendacommissie")
    db.session.add(BodyRelation(source_id=ac.id, target_id=dvo.id, kind="prepares"))
    db.session.commit()
    start = clock.today() - timedelta(days=3650)
    users = {}
    for key, body, role in (("preparer", ac, "member"), ("member", dvo, "member"), ("secretary", dvo, "secretary")):
        person = make_person()
        make_member(body, person, start_on=start, role=role)
        users[key] = make_user(Role.MEMBER, person=person)
    return Chain(dvo, ac, users["preparer"], users["member"], users["secretary"], make_user(Role.MEMBER),
                 make_user(Role.SECRETARIAT))


@pytest.fixture
def cal_rule(ctx):
    """Give a body a cycle rule, so its meetings get deadlines (21, 14 and 7 days before)."""
    def make(body, **values) -> MeetingRule:
        settings = dict(per_year=6, exactly=False, duration_minutes=90, weekday=None, start_time="10:00",
                        anchor="none", anchor_body_id=None, anchor_offset=0, submission_days=21,
                        agenda_fixed_days=14, documents_days=7, has_host_rotation=False)
        settings.update(values)
        rule = services.save_rule(body, **settings)
        db.session.commit()
        return rule
    return make


@pytest.fixture
def cal_frozen():
    """The clock stands still on 1 March 2015, 09:00 in Amsterdam (before the change to summer time)."""
    with time_machine.travel(datetime(2015, 3, 1, 9, 0, tzinfo=clock.LOCAL_TZ), tick=False) as traveller:
        yield traveller

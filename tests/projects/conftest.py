"""Fixtures for projects: a Platform that advises a DVO, a trekker in the DVO, a project factory."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

import pytest

from ivzflow.accounts.roles import Role
from ivzflow.bodies.models import Body
from ivzflow.bodies.services import add_relation
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings import services as meetings
from ivzflow.people.models import Person
from ivzflow.projects import services
from ivzflow.projects.models import Project

_counter = itertools.count(1)


@dataclass
class Governance:
    platform: Body
    dvo: Body
    trekker: Person       # burgemeester, member of the DVO
    municipality: object  # the trekker's municipality


@pytest.fixture
def governance(make_body, make_member, make_person, make_org) -> Governance:
    platform = make_body("Platform IVZ", kind="platform")
    dvo = make_body("DVO Twente", kind="overleg")
    add_relation(platform, dvo, "advises")
    town = make_org("Gemeente Tubbergen", short_name="Tubbergen")
    trekker = make_person("Burgemeester Tubbergen", organisation_id=town.id)
    make_member(dvo, trekker, start_on=date(2013, 1, 1))
    db.session.commit()
    return Governance(platform, dvo, trekker, town)


@pytest.fixture
def make_project(governance, make_person):
    """A project with the governance trekker and a new projectleider (or the ones given)."""
    def make(title: str | None = None, *, kind: str = "speerpunt", projectleider: Person | None = None,
             trekker: Person | None = None, **values) -> Project:
        projectleider = projectleider or make_person()
        project = services.create_project(
            None, title=title or f"Project {next(_counter)}", kind=kind,
            trekker_id=(trekker or governance.trekker).id, projectleider_id=projectleider.id,
            start_on=values.pop("start_on", date(2015, 1, 1)), end_on=values.pop("end_on", date(2030, 12, 31)),
            **values)
        db.session.commit()
        return project
    return make


@pytest.fixture
def platform_meeting(governance):
    """Plan a Platform IVZ meeting on a day (09:30 Amsterdam time)."""
    def make(day: date):
        meeting = meetings.create_meeting(None, governance.platform, clock.local_to_utc(day, 9, 30), 150,
                                          publish=True)
        db.session.commit()
        return meeting
    return make


@pytest.fixture
def users(make_user, make_project, governance):
    """One user per role around one project: who may do what is tested against these."""
    leader = make_user(Role.PROJECTLEIDER)
    project = make_project("Aanpak woninginbraken", projectleider=leader.person)
    return {
        "project": project,
        "secretariat": make_user(Role.SECRETARIAT),
        "admin": make_user(Role.ADMIN),
        "projectleider": leader,
        "other_projectleider": make_user(Role.PROJECTLEIDER),
        "trekker": make_user(Role.MEMBER, person=governance.trekker),
        "member": make_user(Role.MEMBER),
        "agendacommissie": make_user(Role.AGENDACOMMISSIE),
    }

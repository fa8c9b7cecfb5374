"""Lost updates: every edit form needs the version it showed, and a save that loses a race is refused.

A form posted without its `version` must not overwrite the record (the services used to skip the check
then); a write that passes the check but loses the race at UPDATE time (StaleDataError) must be refused
the same way, leaving the first writer's values.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ivzflow.accounts.roles import Role
from ivzflow.bodies.models import Body, Membership, Seat
from ivzflow.core.errors import Conflict
from ivzflow.core.records import save
from ivzflow.extensions import db
from ivzflow.finance.models import ContributionRule
from ivzflow.meetings.models import Location, Meeting, MeetingRule
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person
from ivzflow.plans.models import LocalPlan
from ivzflow.plans.services import QUALIFYING_SETTING
from ivzflow.projects.models import Activity, BudgetLine, Indicator, Milestone
from ivzflow.reminders.models import PolicyEvent
from ivzflow.settings.services import get_setting
from tests.security.fuzz_support import post_form_for


def _first(model, *where):
    return db.session.scalars(select(model).where(*where).order_by(model.id).limit(1)).first()


@dataclass
class Case:
    """An edit form: the record it edits, its page (and where it posts), a field to change, and how to read it."""
    pick: Callable[[], Any]
    page: Callable[[Any], str]
    field: str
    value: str
    read: Callable[[Any], Any]
    post: Callable[[Any], str] | None = None
    extra: dict[str, str] | None = None  # further fields to fill in


def _item_url(kind: str):
    return lambda obj: f"/projects/{obj.project_id}/{kind}/{obj.id}/edit"


def _fresh(model, attr):
    return lambda obj: getattr(db.session.get(model, obj.id), attr)


CASES = {
    "body": Case(lambda: _first(Body), lambda b: f"/bodies/{b.id}/edit", "name", "Ander gremium",
                 _fresh(Body, "name")),
    "seat": Case(lambda: _first(Seat), lambda s: f"/seats/{s.id}/edit", "name", "Andere zetel", _fresh(Seat, "name")),
    "organisation": Case(lambda: _first(Organisation), lambda o: f"/organisations/{o.id}/edit", "name",
                         "Andere organisatie", _fresh(Organisation, "name")),
    "person": Case(lambda: _first(Person), lambda p: f"/people/{p.id}/edit", "name", "Iemand anders",
                   _fresh(Person, "name")),
    "meeting rule": Case(lambda: _first(MeetingRule), lambda r: f"/bodies/{r.body_id}/rule", "duration_minutes",
                         "95", _fresh(MeetingRule, "duration_minutes")),
    "location": Case(lambda: _first(Location), lambda loc: f"/locations/{loc.id}/edit", "name", "Andere zaal",
                     _fresh(Location, "name")),
    "policy event": Case(lambda: _first(PolicyEvent), lambda e: f"/policy/{e.id}/edit", "title", "Andere datum",
                         _fresh(PolicyEvent, "title")),
    "activity": Case(lambda: _first(Activity), _item_url("activities"), "title", "Andere activiteit",
                     _fresh(Activity, "title")),
    "milestone": Case(lambda: _first(Milestone), _item_url("milestones"), "title", "Andere mijlpaal",
                      _fresh(Milestone, "title")),
    "budget line": Case(lambda: _first(BudgetLine), _item_url("budget"), "source", "Andere bron",
                        _fresh(BudgetLine, "source")),
    "indicator": Case(lambda: _first(Indicator), _item_url("indicators"), "name", "Andere indicator",
                      _fresh(Indicator, "name")),
    "local plan": Case(lambda: _first(LocalPlan), lambda p: f"/plannen/lokale-plannen/{p.id}", "title",
                       "Ander plan", _fresh(LocalPlan, "title")),
    "finance rule": Case(lambda: _first(ContributionRule),
                         lambda r: f"/financien/?district={r.district_id}&year={r.year}", "rate", "0,42",
                         lambda r: str(db.session.get(ContributionRule, r.id).rate),
                         post=lambda r: f"/financien/tarief?district={r.district_id}&year={r.year}"),
    "meeting cancel": Case(lambda: _first(Meeting, Meeting.state == "planned"),
                           lambda m: f"/meetings/{m.id}/cancel", "reason", "Geen agendapunten",
                           _fresh(Meeting, "state")),
    "meeting move": Case(lambda: _first(Meeting, Meeting.state == "planned"),
                         lambda m: f"/meetings/{m.id}/move", "start_time", "16:45", _fresh(Meeting, "start_at"),
                         extra={"reason": "Zaal bezet"}),
    "seat rotation": Case(lambda: _first(Seat, Seat.rotates.is_(True)), lambda s: f"/seats/{s.id}/rotate",
                          "effective_on", "2031-01-01",
                          lambda s: db.session.scalar(select(func.count(Membership.id))
                                                      .where(Membership.seat_id == s.id))),
    "membership end": Case(lambda: _first(Membership, Membership.end_on.is_(None), Membership.start_on < date.today()),
                           lambda m: f"/memberships/{m.id}/end", "reason", "Verhuisd", _fresh(Membership, "end_on")),
    "reminder lead times": Case(lambda: None, lambda _: "/settings/reminders", "send_hour", "6",
                                lambda _: get_setting("reminders.send_hour")),
    "holidays": Case(lambda: None, lambda _: "/settings/holidays", "extra_days", "2015-12-28",
                     lambda _: get_setting("holidays.extra_days")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_an_edit_form_without_its_version_changes_nothing(client, demo, login_as, name):
    case = CASES[name]
    login_as(Role.SECRETARIAT)
    record = case.pick()
    assert record is not None or case.pick() is None and name in ("reminder lead times", "holidays")
    page = case.page(record)
    target = case.post(record) if case.post else urlsplit(page).path
    html = client.get(page).get_data(as_text=True)
    form = post_form_for(html, page, urlsplit(target).path)
    assert form is not None and form.field_named("version") is not None, f"no versioned form on {page}"
    data = {f.name: f.value or (f.options[0] if f.kind == "select" and f.options else "")
            for f in form.fields if f.kind not in ("checkbox", "radio") or f.value}
    data[case.field] = case.value
    data.update(case.extra or {})
    before = case.read(record)
    version = data.pop("version")

    response = client.post(target, data=data)
    assert response.status_code == 409, response.get_data(as_text=True)[:2000]
    assert "Iemand anders heeft dit intussen gewijzigd" in response.get_data(as_text=True)
    db.session.expire_all()
    assert case.read(record) == before

    response = client.post(target, data={**data, "version": version})  # the same form, as shown, goes through
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    assert case.read(record) != before


def test_the_qualifying_threshold_needs_its_version(client, demo, login_as):
    login_as(Role.SECRETARIAT)
    before = get_setting(QUALIFYING_SETTING)
    page = client.post("/plannen/drempel", data={"count": "7"}, follow_redirects=True).get_data(as_text=True)
    assert "Iemand anders heeft dit intussen gewijzigd" in page
    db.session.expire_all()
    assert get_setting(QUALIFYING_SETTING) == before
    form = post_form_for(client.get("/plannen/").get_data(as_text=True), "/plannen/", "/plannen/drempel")
    client.post("/plannen/drempel", data={"count": "7", "version": form.field_named("version").value})
    db.session.commit()
    assert get_setting(QUALIFYING_SETTING) == 7


# --- a race lost at UPDATE time ------------------------------------------------------------------------

def test_a_save_that_loses_the_race_is_refused_and_keeps_the_first_writers_values(app, make_person):
    person_id = make_person("Jan Jansen").id
    db.session.commit()
    with Session(db.engine, expire_on_commit=False) as first, Session(db.engine, expire_on_commit=False) as second:
        mine, theirs = first.get(Person, person_id), second.get(Person, person_id)
        shown = mine.version
        assert theirs.version == shown
        first.commit(), second.commit()  # both forms are on screen now; neither holds the database

        save(mine, {"name": "Jan de Eerste"}, version=shown)
        first.commit()
        # the second writer's check passes (it still holds the version it showed), but its UPDATE finds
        # the row at a newer version: StaleDataError at flush, turned into the stale message
        with pytest.raises(Conflict, match="Iemand anders heeft dit intussen gewijzigd"):
            save(theirs, {"name": "Jan de Tweede"}, version=shown)
        second.rollback()

    db.session.expire_all()
    person = db.session.get(Person, person_id)
    assert person.name == "Jan de Eerste" and person.version == shown + 1


def test_a_missing_version_on_an_existing_record_is_refused_but_a_new_record_needs_none(app, make_person):
    person = make_person("Jan Jansen")
    with pytest.raises(Conflict):
        save(person, {"name": "Overschreven"}, version=None)
    db.session.rollback()
    assert db.session.get(Person, person.id).name == "Jan Jansen"
    created = save(Person(), {"name": "  Nieuw  ", "email": ""})
    assert (created.id, created.name, created.email, created.version) == (created.id, "Nieuw", None, 1)


"""'The DVO is prepared by the regiocoördinator Veiligheid with the directiesecretaris of the VRT; the members
of the DB read its agenda': walked with the demo data."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.bodies.models import Body
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Meeting
from ivzflow.reminders.models import Reminder
from ivzflow.reminders.planner import replan

DEMO_NOW = datetime(2015, 6, 1, 7, tzinfo=timezone.utc)


def _user(name: str) -> User:
    return db.session.scalar(select(User).where(User.email == f"{name}@demo.ivzflow.nl"))


def _next_dvo() -> Meeting:
    """The demo's next DVO meeting whose agenda is still a draft."""
    dvo = db.session.scalar(select(Body).where(Body.name == "DVO Twente"))
    return db.session.scalar(select(Meeting).where(
        Meeting.body_id == dvo.id, Meeting.state.in_(("planned", "preparing")), Meeting.start_at > DEMO_NOW)
        .order_by(Meeting.start_at).limit(1))


def test_the_directiesecretaris_prepares_the_dvo_agenda(demo_login, time_machine):
    time_machine.move_to(DEMO_NOW)
    meeting = _next_dvo()
    client = demo_login("directiesecretaris")
    html = client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)
    assert "Punt toevoegen" in html and "Voorstellen met hun gereedheid" in html  # the form and the readiness
    response = client.post(f"/meetings/{meeting.id}/agenda/items/new", data={
        "title": "Financieringsvoorstel Platform IVZ", "duration_minutes": "15", "visibility": "public"})
    assert response.status_code == 303
    assert db.session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id,
                                                      AgendaItem.title == "Financieringsvoorstel Platform IVZ"))
    start = client.get("/").get_data(as_text=True)  # his tasks: the DVO's agenda
    assert f"/meetings/{meeting.id}/agenda" in start and "DVO Twente" in start


def test_a_db_dvo_member_reads_the_dvo_agenda_but_does_not_edit_it(demo_login, time_machine):
    time_machine.move_to(DEMO_NOW)
    meeting = _next_dvo()
    client = demo_login("lid")  # the mayor of Tubbergen: in the DVO and the DB DVO, which prepares it
    response = client.get(f"/meetings/{meeting.id}/agenda")
    assert response.status_code in (403, 404) and "Punt toevoegen" not in response.get_data(as_text=True)
    response = client.post(f"/meetings/{meeting.id}/agenda/items/new", data={
        "title": "Eigen punt", "duration_minutes": "15", "visibility": "public"})
    assert response.status_code in (403, 404)
    assert db.session.scalar(select(AgendaItem).where(AgendaItem.title == "Eigen punt")) is None
    assert f"/meetings/{meeting.id}/agenda" not in client.get("/").get_data(as_text=True)


def test_the_directiesecretaris_is_reminded_of_the_dvo_deadlines_and_the_db_member_is_not(demo, time_machine):
    time_machine.move_to(DEMO_NOW)
    meeting = _next_dvo()
    replan("meeting", meeting.id)
    db.session.commit()
    kinds = {}
    for user_id, kind in db.session.execute(select(Reminder.user_id, Reminder.kind).where(
            Reminder.subject_type == "meeting", Reminder.subject_id == meeting.id)):
        kinds.setdefault(user_id, set()).add(kind)
    assert {"agenda_due", "documents_due"} <= kinds[_user("directiesecretaris").id]
    assert {"agenda_due", "documents_due"} <= kinds[_user("secretariaat").id]
    assert not {"agenda_due", "documents_due"} & kinds.get(_user("lid").id, set())

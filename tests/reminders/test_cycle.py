"""One whole DVO cycle on a frozen clock: exactly the messages each person should get, each once."""
from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from ivzflow.accounts.roles import Role
from ivzflow.bodies.models import BodyRelation
from ivzflow.bodies.services import appoint
from ivzflow.core import clock
from ivzflow.decisions import services as decisions
from ivzflow.extensions import db
from ivzflow.meetings import services as meetings
from ivzflow.reminders.models import Delivery, Notification
from ivzflow.reminders.sweep import sweep
from ivzflow.workflows import loader

DVO_DAY = date(2015, 7, 1)


@pytest.fixture
def cycle(ctx, make_body, make_seat, make_user, make_person, time_machine):
    time_machine.move_to(datetime(2015, 5, 15, 6, 0), tick=False)
    # the agendacommissie seat grants its role: a member who only reads would prepare nothing
    dvo, ac = make_body("DVO Twente", kind="overleg"), make_body("Agendacommissie", grants_role="agendacommissie")
    db.session.add(BodyRelation(source_id=ac.id, target_id=dvo.id, kind="prepares"))
    # a proposal goes to a body the Platform advises (the route's rule): the Platform advises the DVO
    platform = make_body("Platform IVZ", kind="platform")
    db.session.add(BodyRelation(source_id=platform.id, target_id=dvo.id, kind="advises"))
    meetings.save_rule(dvo, per_year=1, exactly=True, duration_minutes=90, weekday=None, start_time="13:30",
                       anchor="none", anchor_body_id=None, anchor_offset=0, submission_days=21, agenda_fixed_days=14,
                       documents_days=7)
    people = {name: make_person(name) for name in ("secretaris", "adviseur", "projectleider", "burgemeester", "lid ac")}
    users = {
        "S": make_user(Role.SECRETARIAT, person=people["secretaris"], email="s@example.org"),
        "C": make_user(Role.COMMUNICATIE, person=people["adviseur"], email="c@example.org"),
        "P": make_user(Role.PROJECTLEIDER, person=people["projectleider"], email="p@example.org"),
        "M": make_user(Role.MEMBER, person=people["burgemeester"], email="m@example.org"),
        "A": make_user(Role.MEMBER, person=people["lid ac"], email="a@example.org"),
    }
    appoint(None, make_seat(dvo), people["burgemeester"], date(2015, 1, 1))
    appoint(None, make_seat(ac), people["lid ac"], date(2015, 1, 1))
    meeting = meetings.create_meeting(None, dvo, clock.local_to_utc(DVO_DAY, 13, 30), 90, publish=True)
    loader.ensure_defaults()
    item = decisions.create_item(users["P"], decision_body=dvo, title="Aanpak woninginbraken", points=["Vaststellen"],
                                 target_meeting_id=meeting.id)
    db.session.commit()
    return {key: u.id for key, u in users.items()}, meeting, item


def run_days(time_machine, start: date, end: date, events=None):
    """Sweep every morning at 09:00 from start to end, doing the day's events first."""
    day = start
    while day <= end:
        time_machine.move_to(clock.local_to_utc(day, 9, 0), tick=False)
        for action in (events or {}).get(day, []):
            action()
            db.session.commit()
        sweep()
        db.session.remove()
        day += timedelta(days=1)


def received(users) -> Counter:
    rows = db.session.execute(select(Notification.user_id, Notification.kind)).all()
    by_id = {uid: key for key, uid in users.items()}
    return Counter((by_id[uid], kind) for uid, kind in rows)


def test_one_dvo_cycle_sends_each_person_exactly_what_they_need(cycle, time_machine, smtp_server):
    users, meeting, item = cycle
    meeting_id, item_id = meeting.id, item.id

    def fix_agenda():
        m = db.session.get(type(meeting), meeting_id)
        meetings.change_state(None, m, "preparing", version=m.version)
        meetings.change_state(None, m, "fixed", version=m.version)

    def send_agenda():
        m = db.session.get(type(meeting), meeting_id)
        meetings.change_state(None, m, "sent", version=m.version)

    run_days(time_machine, date(2015, 5, 20), date(2015, 7, 2),
             events={date(2015, 6, 17): [fix_agenda], date(2015, 6, 24): [send_agenda]})
    assert received(users) == Counter({
        ("P", "comms_advice"): 3, ("C", "comms_advice"): 3, ("P", "submission_deadline"): 1,
        ("S", "comms_advice_secretariat"): 1, ("S", "documents_due"): 1, ("A", "agenda_due"): 1,
        ("M", "invitation"): 1, ("M", "meeting_reminder"): 1,
    })
    # the e-mails arrived, once each, with links into the app, and the invitation's .ics parses
    assert len(smtp_server.messages) == db.session.scalar(select(db.func.count(Delivery.id)))
    assert len({m["Message-ID"] for m in smtp_server.messages}) == len(smtp_server.messages)
    advice_mails = smtp_server.to("c@example.org")
    assert len(advice_mails) == 3
    assert f"/decisions/{item_id}/advice" in advice_mails[0].get_body().get_content()
    invitation = smtp_server.to("m@example.org")[0]
    attachment = next(part for part in invitation.iter_attachments() if part.get_content_type() == "text/calendar")
    event = Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    assert event.decoded("DTSTART").astimezone(clock.LOCAL_TZ).time() == time(13, 30)


def test_approving_the_advice_stops_its_reminders(cycle, time_machine, smtp_server):
    users, meeting, item = cycle
    item_id = item.id

    def approve():
        from ivzflow.accounts.models import User
        from ivzflow.decisions.models import DecisionItem
        advice = db.session.get(DecisionItem, item_id).communication_advice
        decisions.save_advice(db.session.get(User, users["C"]), advice,
                              version=advice.version, key_message="k", audiences="a",
                              spokesperson=None, timing=None, embargo_until=None, woo_disclosure=None, woo_note=None,
                              inform_ids=[])
        decisions.approve_advice(db.session.get(User, users["S"]), advice, advice.version)

    run_days(time_machine, date(2015, 5, 25), date(2015, 6, 11), events={date(2015, 5, 30): [approve]})
    got = received(users)
    assert got[("C", "comms_advice")] == 1  # 14 days before, then approved: no 7- and 3-day reminders
    assert got[("S", "comms_advice_secretariat")] == 0


def test_moving_the_meeting_notifies_members_and_moves_the_reminders(cycle, time_machine, smtp_server):
    users, meeting, item = cycle
    meeting_id = meeting.id

    def move():
        m = db.session.get(type(meeting), meeting_id)
        meetings.move_meeting(None, m, clock.local_to_utc(date(2015, 7, 8), 13, 30), "AB verplaatst", version=m.version)

    run_days(time_machine, date(2015, 6, 20), date(2015, 7, 9), events={date(2015, 6, 22): [move]})
    got = received(users)
    assert got[("M", "meeting_moved")] == 1
    assert got[("M", "meeting_reminder")] == 1  # on 5 July, not 28 June
    reminder_mail = next(m for m in smtp_server.to("m@example.org") if "Herinnering" in m["Subject"])
    assert "8 juli 2015" in reminder_mail.get_body().get_content()


def test_after_downtime_the_sweep_catches_up_but_skips_what_expired(cycle, time_machine, smtp_server):
    users, meeting, item = cycle
    time_machine.move_to(clock.local_to_utc(date(2015, 6, 30), 9, 0), tick=False)  # nothing ran for six weeks
    sweep()
    got = received(users)
    assert got[("M", "meeting_reminder")] == 1  # due 28 June, meeting not yet begun: still useful
    assert got[("P", "comms_advice")] == 0  # the submission deadline has passed: expired
    time_machine.move_to(clock.local_to_utc(date(2015, 7, 2), 9, 0), tick=False)
    sweep()
    assert received(users)[("M", "meeting_reminder")] == 1

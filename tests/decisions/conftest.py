"""The Twente demo on 1 June 2015, with its users, for tests of proposals on their route."""
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.bodies.models import Body
from ivzflow.decisions import services
from ivzflow.extensions import db
from ivzflow.meetings.models import Meeting

STORY = datetime(2015, 6, 1, 7, 0, tzinfo=timezone.utc)  # 09:00 in Amsterdam


@pytest.fixture
def story(demo, time_machine):
    time_machine.move_to(STORY, tick=False)
    return demo


def user(email_name: str) -> User:
    return db.session.scalar(select(User).where(User.email == f"{email_name}@demo.ivzflow.nl"))


def body(short_name: str) -> Body:
    return db.session.scalar(select(Body).where(Body.short_name == short_name))


def next_meeting(body_short_name: str) -> Meeting:
    return db.session.scalar(select(Meeting).where(Meeting.body_id == body(body_short_name).id,
                                                   Meeting.start_at > STORY).order_by(Meeting.start_at).limit(1))


@pytest.fixture
def proposal(story):
    """A draft of the projectleider for the DVO, aimed at the next DVO meeting."""
    item = services.create_item(user("projectleider"), decision_body=body("DVO"), title="Inzet buurtpreventie-apps",
                                points=["Kennisnemen van de evaluatie", "Instemmen met de regionale aanpak"],
                                target_meeting_id=next_meeting("DVO").id)
    db.session.commit()
    return item


def item_titled(start: str):
    from ivzflow.decisions.models import DecisionItem
    # the district's own proposal, not its continuation on the upper tier (which keeps the title)
    return db.session.scalar(select(DecisionItem).where(DecisionItem.title.startswith(start))
                             .order_by(DecisionItem.continues_id.is_not(None), DecisionItem.id).limit(1))


def meeting_on(body_short_name: str, day) -> Meeting:
    from datetime import timedelta

    from ivzflow.core import clock
    return db.session.scalar(select(Meeting).where(
        Meeting.body_id == body(body_short_name).id, Meeting.start_at >= clock.local_to_utc(day),
        Meeting.start_at < clock.local_to_utc(day + timedelta(days=1))))


@pytest.fixture
def login_demo(client):
    """Log in through the login form as one of the demo users, e.g. login_demo("secretariaat")."""
    from ivzflow.demo.twente import DEMO_PASSWORD

    def do(name: str) -> User:
        client.post("/logout")
        response = client.post("/login", data={"email": f"{name}@demo.ivzflow.nl", "password": DEMO_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return user(name)
    return do


def on_advice_agenda(item, meeting: Meeting | None = None):
    """The agendacommissie puts the proposal on the agenda of the Platform meeting its route aims at."""
    from ivzflow.decisions import route
    from ivzflow.meetings import agenda

    step = route.advice_step(item)
    meeting = meeting or step.meeting or route.planned_advice_meeting(item, step.body_id)
    placed = agenda.add_item(user("agendacommissie"), meeting, title=item.title, duration_minutes=15, is_public=True)
    placed.decision_item_id = item.id
    db.session.flush()
    return meeting


def advise(item, advice: str = "positief", text: str = "Het Platform steunt het voorstel.", **params):
    """On the Platform's agenda, then in that meeting the secretariat records the Platform's advice."""
    from datetime import timedelta

    from ivzflow.core import clock
    from ivzflow.workflows import engine

    meeting = on_advice_agenda(item)
    with clock.frozen_at(meeting.start_at + timedelta(hours=1)):
        engine.take(item, "platform_advies", user("secretariaat"), params={"advice": advice, "advice_text": text,
                                                                            **params})
    return meeting

"""The projectleider is reminded of the status update due before the next Platform meeting, until it is posted."""
from datetime import datetime, timezone

from sqlalchemy import select

from ivzflow.extensions import db
from ivzflow.projects import services as projects
from ivzflow.projects.models import Project
from ivzflow.reminders.models import Notification, Reminder
from ivzflow.reminders.sweep import sweep
from tests.decisions.conftest import story, user  # noqa: F401  (story is a fixture)


def test_status_update_reminder_until_the_update_is_posted(story, time_machine):
    project = db.session.scalar(select(Project).where(Project.title == "Aanpak woninginbraken"))
    from ivzflow.reminders.planner import replan
    replan("project", project.id)
    db.session.commit()
    reminder = db.session.scalar(select(Reminder).where(Reminder.kind == "status_update_due",
                                                        Reminder.subject_id == project.id))
    # next Platform meeting: 10 June 2015; due 7 days before (3 June); reminded 5 days before that
    assert reminder is not None and reminder.context == "2015-06-03"
    assert reminder.user_id == user("projectleider").id
    projects.post_status_update(user("projectleider"), project, status="green", progress=50, summary="Op koers")
    db.session.commit()
    db.session.refresh(reminder)
    assert reminder.outcome == "cancelled"
    time_machine.move_to(datetime(2015, 6, 2, 7, tzinfo=timezone.utc), tick=False)
    sweep()
    assert db.session.scalar(select(Notification).where(Notification.kind == "status_update_due",
                                                        Notification.user_id == user("projectleider").id)) is None

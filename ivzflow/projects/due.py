"""When a status update is due: a set number of days before every Platform IVZ meeting.

An update counts for the next Platform meeting when it was posted after the previous Platform meeting
began. Until the due day it is "due"; after it, and before the meeting, "overdue".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select

from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings.models import Meeting
from ivzflow.projects.governance import platform_id_query
from ivzflow.settings.services import get_setting

SETTING = "projects.status_update_days_before_platform"


@dataclass(frozen=True)
class Cycle:
    """The Platform meetings around now, and the due day of the next status update."""

    today: date
    previous_start: datetime | None
    next_meeting: Meeting | None
    days_before: int

    @property
    def due_on(self) -> date | None:
        if self.next_meeting is None:
            return None
        return self.next_meeting.local_day - timedelta(days=self.days_before)


def current_cycle(now: datetime | None = None, district_id: int | None = None) -> Cycle:
    """Two queries, whatever the number of projects: the Platform meetings either side of now (the district's
    Platform; without a district the first there is), and the setting."""
    now = now or clock.now()
    platform = platform_id_query(district_id)
    ids = select(Meeting.id).where(Meeting.body_id == platform, Meeting.state != "cancelled")
    last_id = ids.where(Meeting.start_at <= now).order_by(Meeting.start_at.desc()).limit(1).scalar_subquery()
    next_id = ids.where(Meeting.start_at > now).order_by(Meeting.start_at).limit(1).scalar_subquery()
    found = db.session.scalars(select(Meeting).where(or_(Meeting.id == last_id, Meeting.id == next_id))).all()
    previous = next((m for m in found if m.start_at <= now), None)
    upcoming = next((m for m in found if m.start_at > now), None)
    days = get_setting(SETTING)
    return Cycle(clock.local(now).date(), previous.start_at if previous else None, upcoming,
                 int(days) if isinstance(days, int) and 0 <= days <= 60 else 7)


def due_state(cycle: Cycle, project, last_posted_at: datetime | None) -> str:
    """submitted | due | overdue | none (no Platform meeting planned) | closed | not_started (labels.DUE_STATES)."""
    if project.end_on is not None and project.end_on < cycle.today:
        return "closed"
    if cycle.next_meeting is None:
        return "none"
    if project.start_on is not None and project.start_on > cycle.next_meeting.local_day:
        return "not_started"
    if last_posted_at is not None and (cycle.previous_start is None or last_posted_at >= cycle.previous_start):
        return "submitted"
    return "overdue" if cycle.today > cycle.due_on else "due"

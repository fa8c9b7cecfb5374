"""When a status update is due: a set number of days before every Platform IVZ meeting.

An update counts for the next Platform meeting when it was posted after the previous Platform meeting
began. Until the due day it is "due"; after it, and before the meeting, "overdue".
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings.models import Meeting
from ivzflow.projects.governance import PLATFORM_KIND
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
    """The district's cycle (without a district: the first Platform's)."""
    return cycles_of([district_id], now)[district_id]


def cycles_of(district_ids: Iterable[int | None], now: datetime | None = None) -> dict[int | None, Cycle]:
    """Each district's cycle, around its own Platform IVZ's meetings (a district's first Platform; for None
    the first there is); a district without a Platform has no next meeting. Two queries, whatever the number
    of districts and projects: the Platforms with the meetings either side of now, and the setting."""
    now = now or clock.now()
    wanted = set(district_ids)
    other = aliased(Meeting)
    ids = select(other.id).where(other.body_id == Body.id, other.state != "cancelled").correlate(Body)
    last = ids.where(other.start_at <= now).order_by(other.start_at.desc()).limit(1).scalar_subquery()
    upcoming = ids.where(other.start_at > now).order_by(other.start_at).limit(1).scalar_subquery()
    query = (select(Body.id, Body.district_id, Meeting).select_from(Body)
             .outerjoin(Meeting, or_(Meeting.id == last, Meeting.id == upcoming))
             .where(Body.kind == PLATFORM_KIND).order_by(Body.id))
    if None not in wanted:
        query = query.where(Body.district_id.in_(sorted(wanted)))
    around: dict[int, list] = {}  # platform id -> [district id, previous meeting, next meeting], first Platform first
    for body_id, district_id, meeting in db.session.execute(query):
        entry = around.setdefault(body_id, [district_id, None, None])
        if meeting is not None:
            entry[1 if meeting.start_at <= now else 2] = meeting
    first: dict[int | None, tuple] = {}
    for district_id, previous, following in around.values():
        first.setdefault(None, (previous, following))
        first.setdefault(district_id, (previous, following))
    days = get_setting(SETTING)
    days = int(days) if isinstance(days, int) and 0 <= days <= 60 else 7
    today = clock.local(now).date()
    cycles = {}
    for district_id in wanted:
        previous, following = first.get(district_id, (None, None))
        cycles[district_id] = Cycle(today, previous.start_at if previous else None, following, days)
    return cycles


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

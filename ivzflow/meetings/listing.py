"""Reading meetings for the calendar pages and the API: only what the user may see, in a fixed number
of queries whatever the number of meetings."""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app, url_for
from sqlalchemy import Select, func, select
from sqlalchemy.orm import contains_eager, lazyload

from ivzflow.bodies.district_filter import DistrictFilter
from ivzflow.core import clock
from ivzflow.core.numbers import whole_number
from ivzflow.core.pagination import Page
from ivzflow.extensions import db
from ivzflow.meetings.models import Deadline, Meeting
from ivzflow.meetings.permissions import shown_deadlines, visible_meetings


def meeting_path(meeting_id: int, **url_args) -> str:
    """The meeting's page; until the meeting page exists in this build, its .ics file."""
    if "meetings.show" in current_app.view_functions:
        return url_for("meetings.show", meeting_id=meeting_id, **url_args)
    return url_for("calendar.meeting_ics", meeting_id=meeting_id, **url_args)


def absolute(path: str) -> str:
    """A link for outside the app (feeds, e-mail): BASE_URL plus the path."""
    return current_app.config["BASE_URL"].rstrip("/") + path


def meetings_query(user, *, body_id: int | None = None, start_on: date | None = None,
                   end_on: date | None = None, districts: DistrictFilter | None = None) -> Select:
    """Meetings the user may see, optionally of one body, of the picked districts' bodies and between two local
    dates (inclusive)."""
    query = select(Meeting).where(visible_meetings(user))
    if body_id is not None:
        query = query.where(Meeting.body_id == body_id)
    if districts is not None and (bodies := districts.bodies()) is not None:
        query = query.where(Meeting.body_id.in_(bodies))
    # the first and the last day a date can hold bound nothing (and their UTC instants would overflow)
    if start_on is not None and start_on > date.min:
        query = query.where(Meeting.start_at >= clock.local_to_utc(start_on))
    if end_on is not None and end_on < date.max:
        query = query.where(Meeting.start_at < clock.local_to_utc(end_on + timedelta(days=1)))
    return query.order_by(Meeting.start_at, Meeting.id)


def meeting_page(user, page: Page, **filters) -> tuple[list[Meeting], Page]:
    """One page of the meeting list, with the total for the pager."""
    query = meetings_query(user, **filters)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    page = page.with_total(total)
    return list(db.session.scalars(query.limit(page.per_page).offset(page.offset))), page


def deadlines_between(user, start_on: date, end_on: date, body_id: int | None = None,
                      districts: DistrictFilter | None = None) -> list[Deadline]:
    """Live deadlines of visible, not cancelled meetings, due between two local dates (inclusive), each with
    its meeting (not what the meeting refers to): those the user acts on, or all if he chose so."""
    query = (select(Deadline).join(Deadline.meeting).options(contains_eager(Deadline.meeting).lazyload("*"))
             .where(visible_meetings(user), shown_deadlines(user), Meeting.state != "cancelled", Deadline.is_cancelled.is_(False),
                    Deadline.due_at >= clock.local_to_utc(start_on),
                    Deadline.due_at < clock.local_to_utc(end_on + timedelta(days=1)))
             .order_by(Deadline.due_at, Deadline.id))
    if body_id is not None:
        query = query.where(Meeting.body_id == body_id)
    if districts is not None and (bodies := districts.bodies()) is not None:
        query = query.where(Meeting.body_id.in_(bodies))
    return list(db.session.scalars(query))


@dataclass
class Day:
    day: date
    in_month: bool
    meetings: list[Meeting] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    policy: list = field(default_factory=list)  # dates of the policy calendar (plans.policy.PolicyDate)


@dataclass
class MonthCalendar:
    first: date
    weeks: list[list[Day]]

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return (self.first + timedelta(days=31)).replace(day=1)


def month_calendar(user, first: date, body_id: int | None = None,
                   districts: DistrictFilter | None = None) -> MonthCalendar:
    """The weeks (Monday first) around a month, each day with its meetings and deadlines: two queries."""
    weeks = [[Day(d, d.month == first.month) for d in week]
             for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)]
    by_day = {d.day: d for week in weeks for d in week}
    start_on, end_on = weeks[0][0].day, weeks[-1][-1].day
    # a day shows a meeting's time, name and state: nothing it refers to (a national month has hundreds)
    query = meetings_query(user, body_id=body_id, start_on=start_on, end_on=end_on, districts=districts) \
        .options(lazyload("*"))
    for meeting in db.session.scalars(query):
        by_day[meeting.local_day].meetings.append(meeting)
    for deadline in deadlines_between(user, start_on, end_on, body_id, districts):
        by_day[clock.local(deadline.due_at).date()].deadlines.append(deadline)
    return MonthCalendar(first, weeks)


def parse_month(raw: str | None) -> date | None:
    """"2015-03" → 1 March 2015; None when malformed or outside 2000-2100."""
    if not raw or len(raw) != 7 or raw[4] != "-":
        return None
    year, month = whole_number(raw[:4], 2000, 2100), whole_number(raw[5:], 1, 12)
    return date(year, month, 1) if year and month else None

"""iCalendar output: one meeting as an .ics file, and the feeds.

Only meeting metadata goes out (name, time, place, state); never agenda items, notes or reasons, which
may be confidential. UIDs are stable, so calendar apps update (SEQUENCE) or drop (STATUS:CANCELLED) the
events they already have instead of adding copies.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from flask_babel import gettext as _
from icalendar import Calendar, Component, Event

from ivzflow.core import clock
from ivzflow.core.text import one_line
from ivzflow.meetings.listing import absolute, meeting_path
from ivzflow.meetings.models import Deadline, Meeting
from ivzflow.meetings.services import deadline_label, state_label

PRODID = "-//ivzflow//Vergaderkalender//NL"
REFRESH = timedelta(hours=1)


def meeting_uid(meeting_id: int) -> str:
    return f"meeting-{meeting_id}@ivzflow"


def deadline_uid(deadline_id: int) -> str:
    return f"deadline-{deadline_id}@ivzflow"


def meeting_event(meeting: Meeting) -> Event:
    url = absolute(meeting_path(meeting.id))
    lines = [meeting.body.name, _("Status: %(state)s", state=state_label(meeting.state))]
    if meeting.agenda_version > 1:
        lines.append(_("Agenda gewijzigd na verzending (versie %(number)d)", number=meeting.agenda_version))
    if meeting.location:
        lines.append(_("Locatie: %(place)s", place=meeting.location.address))
    lines.append(url)
    summary = meeting.name + (" " + _("(geannuleerd)") if meeting.is_cancelled else "")
    status = "CANCELLED" if meeting.is_cancelled else ("CONFIRMED" if meeting.is_published else "TENTATIVE")
    event = Event.new(
        uid=meeting_uid(meeting.id), summary=summary, description="\n".join(lines),
        start=clock.local(meeting.start_at), end=clock.local(meeting.end_at),
        sequence=meeting.sequence, status=status, url=url,
        location=meeting.location.address if meeting.location else None,
        categories=[meeting.body.short_name or meeting.body.name],
        stamp=meeting.updated_at or clock.now(), last_modified=meeting.updated_at,
    )
    return event


def deadline_event(deadline: Deadline) -> Event:
    """A deadline is a moment, not a block of time: no end, and transparent for free/busy."""
    meeting = deadline.meeting
    url = absolute(meeting_path(meeting.id))
    cancelled = deadline.is_cancelled or meeting.is_cancelled
    summary = _("%(what)s: %(meeting)s", what=deadline_label(deadline.kind), meeting=meeting.name)
    return Event.new(
        uid=deadline_uid(deadline.id), summary=summary + (" " + _("(vervallen)") if cancelled else ""),
        description=_("Termijn voor %(meeting)s", meeting=meeting.name) + "\n" + url, url=url,
        start=clock.local(deadline.due_at), sequence=meeting.sequence, transparency="TRANSPARENT",
        status="CANCELLED" if cancelled else "CONFIRMED",
        stamp=meeting.updated_at or clock.now(), last_modified=meeting.updated_at,
    )


def calendar_bytes(uid: str, name: str, events: Iterable[Component]) -> bytes:
    """A whole calendar with a fixed UID, the VTIMEZONE its events need, serialised."""
    cal = Calendar.new(uid=uid, name=one_line(name), prodid=PRODID, refresh_interval=REFRESH)
    starts = []
    for event in events:
        cal.add_component(event)
        start = event.start
        starts.append(start.date() if isinstance(start, datetime) else start)  # all-day events start on a date
    if starts:  # only the years the events need, not the library's default of 1970-2038
        cal.add_missing_timezones(first_date=min(starts) - timedelta(days=366),
                                  last_date=max(starts) + timedelta(days=366))
    return cal.to_ical()


def meeting_file(meeting: Meeting) -> bytes:
    return calendar_bytes(f"ivzflow-meeting-{meeting.id}", meeting.name, [meeting_event(meeting)])


def personal_calendar(user_id: int, meetings: list[Meeting], deadlines: list[Deadline],
                      other: Iterable[Component] = ()) -> bytes:
    """The user's meetings and deadlines, and other events for him (the policy calendar's dates)."""
    events = [meeting_event(m) for m in meetings] + [deadline_event(d) for d in deadlines] + list(other)
    return calendar_bytes(f"ivzflow-feed-user-{user_id}", _("Mijn vergaderingen (ivzflow)"), events)


def body_calendar(body, meetings: list[Meeting]) -> bytes:
    return calendar_bytes(f"ivzflow-feed-body-{body.id}", _("%(body)s (ivzflow)", body=body.name),
                          [meeting_event(m) for m in meetings])

"""The policy calendar as an iCalendar feed: all-day events (a period spans its days), stable UIDs."""
from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from icalendar import Calendar, Event

from ivzflow.meetings.ical import PRODID, REFRESH
from ivzflow.plans.labels import POLICY_KINDS
from ivzflow.plans.policy import CalendarEntry, PolicyDate


def entry_event(entry: CalendarEntry) -> Event:
    occurrence, series = entry.occurrence, entry.series
    return _event(occurrence.event_id, entry.event.title, occurrence.occurs_on, occurrence.ends_on, series.kind,
                  series.description)


def date_event(when: PolicyDate) -> Event:
    return _event(when.event_id, when.title, when.starts_on, when.ends_on, when.kind, when.description)


def _event(event_id: int, title: str, starts_on, ends_on, kind: str | None, description: str | None) -> Event:
    end = (ends_on or starts_on) + timedelta(days=1)  # DTEND of all-day events is exclusive
    lines = ([str(POLICY_KINDS.get(kind, kind))] if kind else []) + ([description] if description else [])
    return Event.new(uid=f"policy-{event_id}@ivzflow", summary=title, description="\n".join(lines),
                     start=starts_on, end=end, transparency="TRANSPARENT", categories=[_("Beleidscyclus")])


def policy_calendar(user_id: int, entries: list[CalendarEntry]) -> bytes:
    """All-day events need no VTIMEZONE (unlike the meetings' feeds)."""
    cal = Calendar.new(uid=f"ivzflow-policy-user-{user_id}", name=_("Beleidskalender (ivzflow)"), prodid=PRODID,
                       refresh_interval=REFRESH)
    for entry in entries:
        cal.add_component(entry_event(entry))
    return cal.to_ical()

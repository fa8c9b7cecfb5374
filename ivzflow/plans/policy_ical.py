"""The policy calendar as an iCalendar feed: all-day events (a period spans its days), stable UIDs."""
from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from icalendar import Calendar, Event

from ivzflow.meetings.ical import PRODID, REFRESH
from ivzflow.plans.labels import POLICY_KINDS
from ivzflow.plans.policy import CalendarEntry


def entry_event(entry: CalendarEntry) -> Event:
    occurrence, series = entry.occurrence, entry.series
    end = (occurrence.ends_on or occurrence.occurs_on) + timedelta(days=1)  # DTEND of all-day events is exclusive
    lines = [str(POLICY_KINDS.get(series.kind, series.kind))] + ([series.description] if series.description else [])
    return Event.new(uid=f"policy-{occurrence.event_id}@ivzflow", summary=entry.event.title,
                     description="\n".join(lines), start=occurrence.occurs_on, end=end, transparency="TRANSPARENT",
                     categories=[_("Beleidscyclus")])


def policy_calendar(user_id: int, entries: list[CalendarEntry]) -> bytes:
    """All-day events need no VTIMEZONE (unlike the meetings' feeds)."""
    cal = Calendar.new(uid=f"ivzflow-policy-user-{user_id}", name=_("Beleidskalender (ivzflow)"), prodid=PRODID,
                       refresh_interval=REFRESH)
    for entry in entries:
        cal.add_component(entry_event(entry))
    return cal.to_ical()

"""Importing a body's meeting dates (the AB VRT's, say) from an .ics file: parse, preview, create.

A bad file gets a clear Dutch message, never an error page: the parser's many exceptions all become a
ValidationError, and a single bad event is marked in the preview instead of failing the whole file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import IO

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from icalendar import Calendar
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import select

from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.core.errors import ValidationError
from ivzflow.extensions import db
from ivzflow.meetings.models import Meeting
from ivzflow.meetings.planning import parse_time
from ivzflow.meetings.services import create_meeting, rule_of

MAX_BYTES = 1024 * 1024
MAX_EVENTS = 500
DEFAULT_TIME = "09:30"  # for all-day events when the body has no rule
DEFAULT_MINUTES = 90  # when an event gives no end and the body has no rule


@dataclass
class ImportRow:
    summary: str
    start_at: datetime | None = None
    minutes: int | None = None
    problem: str | None = None  # why the row is not imported

    @property
    def importable(self) -> bool:
        return self.problem is None


def read_upload(stream: IO[bytes]) -> bytes:
    """The uploaded file's bytes, refusing files over the size limit."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Het bestand is groter dan 1 MB."), field="file")
    if not data.strip():
        raise ValidationError(_("Het bestand is leeg."), field="file")
    return data


def _calendar(data: bytes) -> Calendar:
    not_ical = _("Dit is geen geldig iCalendar-bestand (.ics). Exporteer de vergaderdata opnieuw uit uw agenda.")
    try:
        cal = Calendar.from_ical(data)
    except Exception:  # noqa: BLE001  the parser raises many kinds; all mean "not a calendar file"
        raise ValidationError(not_ical, field="file") from None
    if not isinstance(cal, Calendar):
        raise ValidationError(not_ical, field="file")
    return cal


def _local(value: datetime) -> datetime:
    """An aware instant; floating times (and unknown time zones) count as Dutch local time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=clock.LOCAL_TZ)
    return value.astimezone(clock.LOCAL_TZ)


def _row(event, usual_time: str, usual_minutes: int) -> ImportRow:
    summary = str(event.get("SUMMARY", "") or "")[:200]
    row = ImportRow(summary)
    try:
        start = event.get("DTSTART")
        start = start.dt if start is not None else None
        end = event.get("DTEND")
        end = end.dt if end is not None else None
        duration = event.get("DURATION")
        duration = duration.dt if duration is not None else None
    except Exception:  # noqa: BLE001  a broken property raises on access
        row.problem = _("ongeldige datum of tijd")
        return row
    if start is None:
        row.problem = _("geen begintijd")
    elif "RRULE" in event:
        row.problem = _("herhalende afspraken worden niet ingelezen; exporteer losse datums")
    elif str(event.get("STATUS", "")).upper() == "CANCELLED":
        row.problem = _("geannuleerd in het bestand")
    elif isinstance(start, datetime):
        row.start_at = _local(start)
        if isinstance(end, datetime):
            row.minutes = int((_local(end) - row.start_at).total_seconds() // 60)
        elif isinstance(duration, timedelta):
            row.minutes = int(duration.total_seconds() // 60)
        else:
            row.minutes = usual_minutes
    elif isinstance(start, date):  # all day: the body's usual time and length
        hour, minute = parse_time(usual_time)
        row.start_at = datetime(start.year, start.month, start.day, hour, minute, tzinfo=clock.LOCAL_TZ)
        row.minutes = usual_minutes
    else:
        row.problem = _("ongeldige datum of tijd")
    if row.problem is None:
        if not 2000 <= row.start_at.year <= 2100:
            row.problem = _("datum buiten 2000-2100")
        elif not 15 <= row.minutes <= 600:
            row.problem = _("duur van %(n)d minuten; een vergadering duurt 15 minuten tot 10 uur", n=row.minutes)
    return row


def parse(body: Body, data: bytes) -> list[ImportRow]:
    """The file's events as rows in date order, each importable or with the reason why not."""
    cal = _calendar(data)
    events = cal.walk("VEVENT")
    if not events:
        raise ValidationError(_("Het bestand bevat geen afspraken (VEVENT)."), field="file")
    if len(events) > MAX_EVENTS:
        raise ValidationError(_("Het bestand bevat meer dan %(n)d afspraken.", n=MAX_EVENTS), field="file")
    rule = rule_of(body.id)
    usual_time = rule.start_time if rule else DEFAULT_TIME
    usual_minutes = rule.duration_minutes if rule else DEFAULT_MINUTES
    rows = [_row(event, usual_time, usual_minutes) for event in events]
    rows.sort(key=lambda r: (r.start_at is None, r.start_at or datetime.min.replace(tzinfo=clock.LOCAL_TZ)))
    _mark_taken_days(body, rows)
    return rows


def _taken_days(body: Body, days: list[date]) -> set[date]:
    if not days:
        return set()
    meetings = db.session.scalars(select(Meeting).where(
        Meeting.body_id == body.id, Meeting.state != "cancelled",
        Meeting.start_at >= clock.local_to_utc(min(days)),
        Meeting.start_at < clock.local_to_utc(max(days) + timedelta(days=1))))
    return {m.local_day for m in meetings}


def _mark_taken_days(body: Body, rows: list[ImportRow]) -> None:
    """Skip days that already have a meeting of this body, and a second event on one day in the file."""
    taken = _taken_days(body, [r.start_at.date() for r in rows if r.importable])
    in_file: set[date] = set()
    for row in rows:
        if not row.importable:
            continue
        day = row.start_at.date()
        if day in taken:
            row.problem = _("op %(day)s is al een vergadering van %(body)s", day=format_date(day), body=body.name)
        elif day in in_file:
            row.problem = _("tweede afspraak op %(day)s in het bestand", day=format_date(day))
        in_file.add(day)


@dataclass
class ImportResult:
    created: list[Meeting] = field(default_factory=list)
    skipped: list[ImportRow] = field(default_factory=list)


def import_rows(actor, body: Body, rows: list[ImportRow]) -> ImportResult:
    """Create the importable rows as published meetings; days taken meanwhile are skipped again."""
    rows = [ImportRow(r.summary, r.start_at, r.minutes) for r in rows if r.importable]
    _mark_taken_days(body, rows)
    result = ImportResult()
    for row in rows:
        if not row.importable:
            result.skipped.append(row)
            continue
        result.created.append(create_meeting(actor, body, row.start_at, row.minutes, publish=True))
    return result


# --- carrying the preview to the confirmation --------------------------------------------------------

PREVIEW_MAX_AGE = 3600  # seconds a preview may be confirmed


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="ivzflow-ics-import")


def sign_preview(body: Body, rows: list[ImportRow]) -> str:
    """The importable rows, signed, for the confirmation form (nothing is kept on the server meanwhile)."""
    return _serializer().dumps({"body": body.id, "rows": [
        [r.start_at.isoformat(), r.minutes, r.summary] for r in rows if r.importable]})


def unsign_preview(body: Body, token: str) -> list[ImportRow]:
    try:
        data = _serializer().loads(token or "", max_age=PREVIEW_MAX_AGE)
        if data["body"] != body.id:
            raise ValueError
        return [ImportRow(summary, datetime.fromisoformat(start), int(minutes)) for start, minutes, summary in data["rows"]]
    except (BadData, KeyError, TypeError, ValueError):
        raise ValidationError(_("De voorvertoning is verlopen of ongeldig. Lees het bestand opnieuw in.")) from None

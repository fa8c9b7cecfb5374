"""The meeting record: who attended (present, absent, or someone standing in), per item the result and
notes, and the meeting held and its minutes adopted."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from ivzflow.bodies.models import Membership
from ivzflow.bodies.services import memberships_at
from ivzflow.core import clock
from ivzflow.core.errors import Conflict, ValidationError, check_version, stale_message
from ivzflow.extensions import db
from ivzflow.meetings import services
from ivzflow.meetings.agenda import load_items
from ivzflow.meetings.models import Attendance, Meeting
from ivzflow.meetings.permissions import RECORD_EDITABLE_STATES
from ivzflow.people.models import Person

STATUSES = ("present", "absent", "substitute")


def status_label(status: str | None) -> str:
    return {"present": _("aanwezig"), "absent": _("afwezig"), "substitute": _("vervangen"),
            "": _("niet vastgelegd")}.get(status or "", status or "")


def members_of(meeting: Meeting) -> list[Membership]:
    """The members (not deputies) of the body on the day of the meeting, one per person, in seat order."""
    seen, members = set(), []
    rows = [m for m in memberships_at(meeting.local_day, body_id=meeting.body_id) if not m.is_deputy]
    for membership in sorted(rows, key=lambda m: (m.seat.position, m.seat.id)):
        if membership.person_id not in seen:
            seen.add(membership.person_id)
            members.append(membership)
    return members


def attendance_of(meeting: Meeting) -> list[Attendance]:
    return list(db.session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id)
                                   .order_by(Attendance.id)))


@dataclass
class AttendanceEntry:
    person_id: int
    status: str = ""  # "" = not recorded
    stand_in_id: int | None = None


def entries_from(attendance: list[Attendance]) -> dict[int, AttendanceEntry]:
    """{member's person id: entry}: a member who was replaced is 'substitute' with who stood in."""
    entries = {a.person_id: AttendanceEntry(a.person_id, a.status) for a in attendance if a.status != "substitute"}
    for row in attendance:
        if row.status == "substitute" and row.substitute_for_id is not None:
            entries[row.substitute_for_id] = AttendanceEntry(row.substitute_for_id, "substitute", row.person_id)
    return entries


@dataclass
class ItemRecord:
    item_id: int
    version: int | str | None
    result: str | None = None
    minutes: str | None = None


def ensure_record_editable(meeting: Meeting) -> None:
    if meeting.state in RECORD_EDITABLE_STATES:
        return
    messages = {
        "minutes_adopted": _("Het verslag van deze vergadering is al vastgesteld en kan niet meer worden gewijzigd."),
        "cancelled": _("Deze vergadering is geannuleerd."),
    }
    raise Conflict(messages.get(meeting.state, _("Leg het verloop vast nadat de agenda is verzonden.")))


def _desired(meeting: Meeting, entries: list[AttendanceEntry]) -> dict[int, tuple[str, int | None]]:
    """{person id: (status, substitute for)} from the form's entries, with every mistake refused.

    A replaced member is recorded absent, and the person who stood in as 'substitute' for them.
    """
    members = {m.person_id: m for m in members_of(meeting)}
    desired: dict[int, tuple[str, int | None]] = {}
    stand_ins: list[tuple[AttendanceEntry, Membership]] = []
    for entry in entries:
        member = members.get(entry.person_id)
        if member is None:
            raise ValidationError(_("Deze persoon is geen lid van het gremium op de dag van de vergadering."))
        if entry.status not in ("", *STATUSES):
            raise ValidationError(_("Onbekende aanwezigheid."))
        if entry.status:
            desired[entry.person_id] = ("absent" if entry.status == "substitute" else entry.status, None)
        if entry.status == "substitute":
            stand_ins.append((entry, member))
    for entry, member in stand_ins:
        stand_in = db.session.get(Person, entry.stand_in_id) if entry.stand_in_id else None
        if stand_in is None:
            raise ValidationError(_("Kies wie %(name)s verving.", name=member.person.name))
        if stand_in.id == member.person_id:
            raise ValidationError(_("%(name)s kan zichzelf niet vervangen.", name=member.person.name))
        if stand_in.id in desired:
            raise ValidationError(_("%(name)s staat twee keer in de presentielijst.", name=stand_in.name))
        desired[stand_in.id] = ("substitute", member.person_id)
    return desired


def save_record(actor, meeting: Meeting, *, version, attendance: list[AttendanceEntry],
                results: list[ItemRecord]) -> None:
    """Record attendance and per item the result and notes, in one go."""
    check_version(meeting, version)
    ensure_record_editable(meeting)
    desired = _desired(meeting, attendance)
    existing = {row.person_id: row for row in attendance_of(meeting)}
    for person_id, row in existing.items():
        if person_id not in desired:
            db.session.delete(row)
    for person_id, (status, substitute_for) in desired.items():
        row = existing.get(person_id)
        if row is None:
            db.session.add(Attendance(meeting_id=meeting.id, person_id=person_id, status=status,
                                      substitute_for_id=substitute_for))
        elif (row.status, row.substitute_for_id) != (status, substitute_for):
            row.status, row.substitute_for_id = status, substitute_for
    items = {item.id: item for item in load_items(meeting)}
    for record in results:
        item = items.get(record.item_id)
        if item is None:
            raise Conflict(stale_message())
        check_version(item, record.version)
        result = (record.result or "").strip()
        if len(result) > 300:
            raise ValidationError(_("Een resultaat is hoogstens 300 tekens; zet de rest in de notities."))
        item.result = result or None
        item.minutes = (record.minutes or "").strip() or None
    meeting.updated_at = clock.now()  # a newer version of the meeting, so a stale record form is refused
    db.session.flush()


def mark_held(actor, meeting: Meeting, *, version) -> None:
    """Sent → held (or planned → held for a meeting without an agenda)."""
    services.change_state(actor, meeting, "held", version=version)


def adopt_minutes(actor, meeting: Meeting, *, version) -> None:
    """Held → minutes adopted: the record is final."""
    services.change_state(actor, meeting, "minutes_adopted", version=version)

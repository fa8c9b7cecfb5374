"""The meeting record: who attended (present, absent with notice, or someone standing in), per item the result and
notes, per decision point of a proposal the outcome (from which the proposal's deciding step follows, see
decisions.outcomes), and the meeting held and its minutes adopted."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ivzflow.bodies.models import Membership
from ivzflow.bodies.services import memberships_at
from ivzflow.core import clock
from ivzflow.core.errors import Conflict, ValidationError, check_version, stale_message
from ivzflow.decisions import outcomes as point_outcomes
from ivzflow.decisions import permissions as decisions_can
from ivzflow.decisions.models import DecisionItem, DecisionPoint, PointOutcome
from ivzflow.extensions import db
from ivzflow.meetings import services
from ivzflow.meetings.agenda import load_items
from ivzflow.meetings.models import AgendaItem, Attendance, Meeting
from ivzflow.meetings.permissions import RECORD_EDITABLE_STATES
from ivzflow.people.models import Person

STATUSES = ("present", "absent", "substitute")


def status_label(status: str | None) -> str:
    return {"present": _("aanwezig"), "absent": _("afwezig met bericht"), "substitute": _("vervanger"),
            "": _("niet vastgelegd")}.get(status or "", status or "")


def members_of(meeting: Meeting, rows: list[Membership] | None = None) -> list[Membership]:
    """The members (not deputies) of the body on the day of the meeting, one per person, in seat order."""
    seen, members = set(), []
    rows = memberships_at(meeting.local_day, body_id=meeting.body_id) if rows is None else rows
    for membership in sorted((m for m in rows if not m.is_deputy), key=lambda m: (m.seat.position, m.seat.id)):
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
    # {point id: (outcome, text)} for an item that puts a proposal before the meeting
    outcomes: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)


# --- who can stand in --------------------------------------------------------------------------------

def stand_in_options(meeting: Meeting, rows: list[Membership] | None = None) -> dict[int, list[tuple[int, str]]]:
    """{member's person id: [(person id, name)]}: who can stand in for a member, their own deputy first, then the
    colleagues of their organisation who are not members themselves. Two queries for the whole body."""
    rows = memberships_at(meeting.local_day, body_id=meeting.body_id) if rows is None else rows
    members = members_of(meeting, rows)
    member_ids = {m.person_id for m in members}
    deputies: dict[int, list[Person]] = {}
    for row in rows:
        if row.is_deputy and row.person_id not in member_ids:
            deputies.setdefault(row.seat_id, []).append(row.person)
    organisations = {m.person_id: m.on_behalf_of_id or m.person.organisation_id for m in members}
    colleagues: dict[int, list[Person]] = {}
    wanted = {org for org in organisations.values() if org}
    if wanted:
        for person in db.session.scalars(select(Person).where(Person.organisation_id.in_(wanted))
                                         .order_by(Person.name)):
            if person.id not in member_ids:
                colleagues.setdefault(person.organisation_id, []).append(person)
    found = {}
    for member in members:
        people = deputies.get(member.seat_id, []) + colleagues.get(organisations[member.person_id], [])
        seen: set[int] = set()
        found[member.person_id] = [
            (p.id, _("%(name)s (plaatsvervanger)", name=p.name) if i < len(deputies.get(member.seat_id, [])) else p.name)
            for i, p in enumerate(people) if not (p.id in seen or seen.add(p.id))]
    return found


# --- proposals on the agenda -------------------------------------------------------------------------

@dataclass
class ProposalRecord:
    """A proposal before this meeting: its points, what this meeting decided on each, and whether the user
    enters the outcomes here now (until its deciding step has followed from them)."""

    item: DecisionItem
    editable: bool
    points: list[DecisionPoint]  # the points this meeting decides
    elsewhere: list[DecisionPoint]  # decided at another meeting
    here: dict[int, PointOutcome]


def proposals_of(user, meeting: Meeting, items: list[AgendaItem]) -> dict[int, ProposalRecord]:
    """{agenda item id: ProposalRecord} for the items that put a proposal before the meeting. Three queries."""
    ids = {i.decision_item_id for i in items if i.decision_item_id}
    if not ids:
        return {}
    proposals = {d.id: d for d in db.session.scalars(
        select(DecisionItem).where(DecisionItem.id.in_(ids)).options(selectinload(DecisionItem.points)))}
    here = point_outcomes.outcomes_at(meeting.id, [p.id for d in proposals.values() for p in d.points])
    found = {}
    for agenda_item in items:
        item = proposals.get(agenda_item.decision_item_id)
        if item is None:
            continue
        points = [p for p in item.points if p.id in here or p in point_outcomes.open_points(item, meeting)]
        editable = (point_outcomes.awaits_decision(item, meeting) and decisions_can.can_record_outcomes(user, item))
        found[agenda_item.id] = ProposalRecord(item, editable, points, [p for p in item.points if p not in points],
                                               {p.id: here[p.id] for p in points if p.id in here})
    return found


# --- saving ------------------------------------------------------------------------------------------

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
    rows = memberships_at(meeting.local_day, body_id=meeting.body_id)
    members = {m.person_id: m for m in members_of(meeting, rows)}
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
    allowed = stand_in_options(meeting, rows) if stand_ins else {}
    for entry, member in stand_ins:
        if not entry.stand_in_id:
            raise ValidationError(_("Kies wie %(name)s verving.", name=member.person.name))
        if entry.stand_in_id == member.person_id:
            raise ValidationError(_("%(name)s kan zichzelf niet vervangen.", name=member.person.name))
        if entry.stand_in_id not in {pid for pid, _name in allowed.get(member.person_id, [])}:
            raise ValidationError(_("Kies als vervanger van %(name)s de plaatsvervanger of iemand van dezelfde "
                                    "organisatie.", name=member.person.name))
        if entry.stand_in_id in desired:
            raise ValidationError(_("%(name)s staat twee keer in de presentielijst.",
                                    name=db.session.get(Person, entry.stand_in_id).name))
        desired[entry.stand_in_id] = ("substitute", member.person_id)
    return desired


def everyone_present(entries: list[AttendanceEntry]) -> list[AttendanceEntry]:
    """'Iedereen aanwezig': every member not recorded yet is present; exceptions already chosen stay."""
    return [entry if entry.status else AttendanceEntry(entry.person_id, "present") for entry in entries]


def save_record(actor, meeting: Meeting, *, version, attendance: list[AttendanceEntry],
                results: list[ItemRecord]) -> list[str]:
    """Record attendance, per item the result and notes, and per decision point the outcome, in one go; the
    deciding step of each proposal whose points all have an outcome follows, and a meeting that has begun and
    has its attendance is held. Returns what could not follow."""
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
    proposals = proposals_of(actor, meeting, list(items.values()))
    for record in results:
        item = items.get(record.item_id)
        if item is None:
            raise Conflict(stale_message())
        check_version(item, record.version)
        item.minutes = (record.minutes or "").strip() or None
        if item.id in proposals:
            continue  # a proposal's result follows from its points
        result = (record.result or "").strip()
        if len(result) > 300:
            raise ValidationError(_("Een resultaat is hoogstens 300 tekens; zet de rest in de notities."))
        item.result = result or None
    posted = {r.item_id: r.outcomes for r in results}
    for item_id, proposal in proposals.items():
        if proposal.editable and item_id in posted:
            point_outcomes.record(actor, meeting, proposal.item, posted[item_id], proposal.here)
    db.session.flush()
    warnings = [warning for item_id, proposal in proposals.items() if proposal.editable and item_id in posted
                if (warning := point_outcomes.follow_decision(actor, meeting, proposal.item))]
    if desired and meeting.state in ("planned", "sent") and meeting.start_at <= clock.now():
        # who was there says that it was held: no second click
        services.change_state(actor, meeting, "held", version=meeting.version)
    meeting.updated_at = clock.now()  # a newer version of the meeting, so a stale record form is refused
    db.session.flush()
    return warnings


def mark_held(actor, meeting: Meeting, *, version) -> None:
    """Sent → held (or planned → held for a meeting without an agenda)."""
    services.change_state(actor, meeting, "held", version=version)


def adopt_minutes(actor, meeting: Meeting, *, version) -> None:
    """Held → minutes adopted: the record is final."""
    services.change_state(actor, meeting, "minutes_adopted", version=version)

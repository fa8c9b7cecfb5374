"""Host rotation: the Platform meets at each participant in turn, fairly, with skips for a reason.

Fair means: the next host is the organisation in the roster that has hosted least often; among equals,
the one whose last turn is longest ago; then roster order. An organisation skipped for a meeting keeps
its low count, so it is first in line next time.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from ivzflow.bodies.models import Membership, Seat
from ivzflow.bodies.services import current_on
from ivzflow.core.errors import ValidationError
from ivzflow.extensions import db
from ivzflow.meetings.models import HostSkip, HostTurn, Location, Meeting
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person


def roster(body_id: int) -> list[HostTurn]:
    return list(db.session.scalars(select(HostTurn).where(HostTurn.body_id == body_id).order_by(HostTurn.position)))


def save_roster(body_id: int, entries: list[tuple[int, int | None]]) -> list[HostTurn]:
    """Replace the roster with (organisation id, location id) pairs in turn order."""
    org_ids = [org for org, _loc in entries]
    if len(set(org_ids)) != len(org_ids):
        raise ValidationError(_("Een organisatie staat twee keer in het rooster."), field="roster")
    existing = {t.organisation_id: t for t in roster(body_id)}
    for org_id in set(existing) - set(org_ids):
        db.session.delete(existing[org_id])
    for position, (org_id, location_id) in enumerate(entries):
        turn = existing.get(org_id) or HostTurn(body_id=body_id, organisation_id=org_id)
        turn.position, turn.location_id = position, location_id
        db.session.add(turn)
    db.session.flush()
    return roster(body_id)


def participants(body_id: int, on: date) -> list[int]:
    """Every organisation taking part in the body on that day: the one each current member sits for (the
    membership's, else the seat's, else the member's own). Municipalities first, then the partners, by name:
    the Platform meets "roulerend op locatie bij alle deelnemers", not only at the municipalities."""
    org_id = func.coalesce(Membership.on_behalf_of_id, Seat.organisation_id, Person.organisation_id)
    ids = (select(org_id).select_from(Membership).join(Seat, Seat.id == Membership.seat_id)
           .join(Person, Person.id == Membership.person_id)
           .where(Membership.body_id == body_id, current_on(on)).distinct())
    return list(db.session.scalars(
        select(Organisation.id).where(Organisation.id.in_(ids))
        .order_by((Organisation.classification != "gemeente"), Organisation.name)))


def participant_roster(body_id: int, on: date) -> list[tuple[int, int | None]]:
    """The roster as it is, with every participant not yet in it added at the end (for save_roster)."""
    current = [(t.organisation_id, t.location_id) for t in roster(body_id)]
    known = {org for org, _loc in current}
    return current + [(org, None) for org in participants(body_id, on) if org not in known]


def _history(body_id: int) -> dict[int, tuple[int, object]]:
    """{organisation id: (times hosted, last start)} over the body's meetings that were not cancelled."""
    rows = db.session.execute(
        select(Meeting.host_organisation_id, func.count(Meeting.id), func.max(Meeting.start_at))
        .where(Meeting.body_id == body_id, Meeting.host_organisation_id.is_not(None), Meeting.state != "cancelled")
        .group_by(Meeting.host_organisation_id)).all()
    return {org: (n, last) for org, n, last in rows}


def next_host(meeting: Meeting, excluded: set[int] = frozenset()) -> HostTurn | None:
    """The fair next host for a meeting, leaving out the excluded organisations."""
    turns = [t for t in roster(meeting.body_id) if t.organisation_id not in excluded]
    if not turns:
        return None
    history = _history(meeting.body_id)
    if meeting.host_organisation_id in history:  # re-assigning: this meeting's own turn does not count
        n, last = history[meeting.host_organisation_id]
        history[meeting.host_organisation_id] = (n - 1, last)

    def fairness(turn: HostTurn):
        n, last = history.get(turn.organisation_id, (0, None))
        return (n, last is not None, last or 0, turn.position)

    return min(turns, key=fairness)


def _location_of(turn: HostTurn) -> Location | None:
    if turn.location is not None:
        return turn.location
    return db.session.scalar(select(Location).where(Location.organisation_id == turn.organisation_id)
                             .order_by(Location.id).limit(1))


def assign_host(meeting: Meeting, *, organisation_id: int | None = None,
                skips: list[tuple[int, str]] = ()) -> HostTurn | None:
    """Give the meeting its host (the fair next one, or a choice) and the host's location.

    `skips` passes organisations over for this meeting, each with a reason that is kept.
    """
    for org_id, reason in skips:
        if not (reason or "").strip():
            raise ValidationError(_("Geef een reden om een gastheer over te slaan."), field="skip_reason")
        db.session.add(HostSkip(meeting_id=meeting.id, organisation_id=org_id, reason=reason.strip()[:300]))
    excluded = {org for org, _reason in skips}
    if organisation_id:
        turn = next((t for t in roster(meeting.body_id) if t.organisation_id == organisation_id), None)
        if turn is None:
            raise ValidationError(_("Deze organisatie staat niet in het rooster."), field="organisation_id")
    else:
        turn = next_host(meeting, excluded)
    if turn is None:
        raise ValidationError(_("Er is geen gastheer over in het rooster."), field="organisation_id")
    meeting.host_organisation_id = turn.organisation_id
    meeting.location = _location_of(turn)
    db.session.flush()
    return turn


def assign_hosts_in_turn(meetings: list[Meeting]) -> None:
    """Hosts for newly planned meetings, in date order, each turn counting for the next."""
    for meeting in sorted(meetings, key=lambda m: m.start_at):
        if meeting.host_organisation_id is None and roster(meeting.body_id):
            assign_host(meeting)


def skips_of(meeting_id: int) -> list[HostSkip]:
    return list(db.session.scalars(select(HostSkip).where(HostSkip.meeting_id == meeting_id).order_by(HostSkip.id)))

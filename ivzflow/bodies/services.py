"""Bodies, seats and memberships: reading the structure at any date, appointing, ending, rotating."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from flask_babel import gettext as _
from sqlalchemy import func, literal, or_, select, union_all
from sqlalchemy.orm import selectinload

from ivzflow.audit.services import log_event
from ivzflow.bodies.models import Body, BodyRelation, Membership, PortfolioAssignment, RotationEntry, Seat
from ivzflow.core import clock
from ivzflow.core.i18n import day_in_words
from ivzflow.core.db import assign
from ivzflow.core.errors import ValidationError, check_year_between
from ivzflow.core.records import expect_version, flush, save
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person


def current_on(day: date):
    """SQL condition: the membership runs on `day` (end_on is the last day, inclusive)."""
    return (Membership.start_on <= day) & (or_(Membership.end_on.is_(None), Membership.end_on >= day))


# --- reading -----------------------------------------------------------------------------------------

def list_bodies() -> list[tuple[Body, int]]:
    """Every body with its number of current members, in one query."""
    today = clock.today()
    counts = (select(Membership.body_id, func.count(Membership.id).label("n"))
              .where(current_on(today), Membership.is_deputy.is_(False))
              .group_by(Membership.body_id).subquery())
    rows = db.session.execute(
        select(Body, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.body_id == Body.id)
        .order_by(Body.kind, Body.name)
    ).all()
    return [(body, n) for body, n in rows]


@dataclass
class SeatView:
    seat: Seat
    holder: Membership | None = None
    deputy: Membership | None = None


@dataclass
class BodyPage:
    body: Body
    on: date
    seats: list[SeatView]
    relations_out: list[BodyRelation]
    relations_in: list[BodyRelation]
    portfolios: list[PortfolioAssignment] = field(default_factory=list)

    @property
    def chair(self) -> Membership | None:
        return next((s.holder for s in self.seats if s.seat.role == "chair" and s.holder), None)

    @property
    def secretary(self) -> Membership | None:
        return next((s.holder for s in self.seats if s.seat.role == "secretary" and s.holder), None)


def memberships_at(on: date, body_id: int | None = None, person_id: int | None = None) -> list[Membership]:
    """Memberships running on a date, for one body or one person (or all)."""
    query = select(Membership).where(current_on(on))
    if body_id is not None:
        query = query.where(Membership.body_id == body_id)
    if person_id is not None:
        query = query.where(Membership.person_id == person_id)
    return list(db.session.scalars(query.order_by(Membership.body_id, Membership.seat_id, Membership.is_deputy)))


def body_page(body: Body, on: date) -> BodyPage:
    """Everything the body page shows, in a fixed number of queries whatever the number of members."""
    seats = list(db.session.scalars(
        select(Seat).where(Seat.body_id == body.id).order_by(Seat.position, Seat.id)
        .options(selectinload(Seat.pool))))
    by_seat = {s.id: SeatView(s) for s in seats}
    for membership in memberships_at(on, body_id=body.id):
        view = by_seat.get(membership.seat_id)
        if view is not None:
            if membership.is_deputy:
                view.deputy = membership
            else:
                view.holder = membership
    relations = list(db.session.scalars(
        select(BodyRelation).where(or_(BodyRelation.source_id == body.id, BodyRelation.target_id == body.id))
        .order_by(BodyRelation.kind, BodyRelation.id)))
    portfolios = list(db.session.scalars(
        select(PortfolioAssignment).where(PortfolioAssignment.body_id == body.id)
        .join(PortfolioAssignment.organisation)
        .order_by(Organisation.name, PortfolioAssignment.position)))
    return BodyPage(
        body=body, on=on, seats=list(by_seat.values()),
        relations_out=[r for r in relations if r.source_id == body.id],
        relations_in=[r for r in relations if r.target_id == body.id],
        portfolios=portfolios,
    )


def seat_history(seat_id: int) -> list[Membership]:
    return list(db.session.scalars(
        select(Membership).where(Membership.seat_id == seat_id)
        .order_by(Membership.is_deputy, Membership.start_on.desc(), Membership.id.desc())))


def body_history(body_id: int) -> list[Membership]:
    """All memberships of a body ever, by seat and newest first."""
    return list(db.session.scalars(
        select(Membership).join(Membership.seat).where(Membership.body_id == body_id)
        .options(selectinload(Membership.created_by).lazyload("*"), selectinload(Membership.ended_by).lazyload("*"))
        .order_by(Seat.position, Seat.id, Membership.is_deputy, Membership.start_on.desc(), Membership.id.desc())))


def person_memberships(person_id: int) -> list[Membership]:
    return list(db.session.scalars(
        select(Membership).where(Membership.person_id == person_id)
        .order_by(Membership.end_on.is_not(None), Membership.start_on.desc())))


def portfolio_overview(body_ids: list[int]) -> dict[int, dict[int, list[PortfolioAssignment]]]:
    """{organisation id: {body id: [portfolios]}} for the portfolio allocation table."""
    rows = db.session.scalars(
        select(PortfolioAssignment).where(PortfolioAssignment.body_id.in_(body_ids))
        .order_by(PortfolioAssignment.position, PortfolioAssignment.id))
    table: dict[int, dict[int, list[PortfolioAssignment]]] = {}
    for row in rows:
        table.setdefault(row.organisation_id, {}).setdefault(row.body_id, []).append(row)
    return table


# --- writing -----------------------------------------------------------------------------------------

def _touch(seat: Seat) -> None:
    """Membership changes stamp the seat, so two concurrent changes of one seat cannot both commit."""
    seat.members_changed_at = clock.now()


# Terms are reckoned in days and months from their dates: history back to 1900, plans up to 2199.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def _planned_end(seat: Seat, start_on: date) -> date | None:
    if not seat.term_months:
        return None
    return start_on + relativedelta(months=seat.term_months) - timedelta(days=1)


def _check_free(seat: Seat, start_on: date, is_deputy: bool) -> None:
    clash = db.session.scalar(
        select(Membership).where(
            Membership.seat_id == seat.id, Membership.is_deputy.is_(is_deputy),
            or_(Membership.end_on.is_(None), Membership.end_on >= start_on),
        ).order_by(Membership.start_on.desc()).limit(1))
    if clash is not None:
        raise ValidationError(_(
            "Deze zetel is op %(day)s al bezet door %(name)s (vanaf %(start)s). "
            "Beëindig of rouleer eerst dat lidmaatschap.",
            day=day_in_words(start_on), name=clash.person.name, start=day_in_words(clash.start_on)), field="start_on")


def appoint(actor, seat: Seat, person: Person, start_on: date, *, on_behalf_of: Organisation | None = None,
            is_deputy: bool = False, term_ends_on: date | None = None) -> Membership:
    """Give a person a seat (or make them its deputy) from a date; refuses overlapping terms."""
    if start_on is None:
        raise ValidationError(_("Vul een begindatum in."), field="start_on")
    check_year_between(start_on, FIRST_YEAR, LAST_YEAR, "start_on")
    check_year_between(term_ends_on, FIRST_YEAR, LAST_YEAR, "term_ends_on")
    if term_ends_on is not None and term_ends_on < start_on:
        raise ValidationError(_("Het einde van de termijn ligt vóór de begindatum."), field="term_ends_on")
    _check_free(seat, start_on, is_deputy)
    membership = Membership(
        seat=seat, body_id=seat.body_id, person=person, is_deputy=is_deputy, start_on=start_on,
        on_behalf_of=on_behalf_of or seat.organisation or person.organisation,
        term_ends_on=term_ends_on or _planned_end(seat, start_on),
        created_at=clock.now(), created_by_id=getattr(actor, "id", None),
    )
    db.session.add(membership)
    _touch(seat)
    db.session.flush()
    return membership


def end_membership(actor, membership: Membership, end_on: date, reason: str | None, *, version) -> None:
    """End a membership on its last day; it is never edited otherwise."""
    expect_version(membership, version)
    if membership.end_on is not None:
        raise ValidationError(_("Dit lidmaatschap is al beëindigd."))
    if end_on is None:
        raise ValidationError(_("Vul de laatste dag in."), field="end_on")
    if end_on < membership.start_on:
        raise ValidationError(_("De einddatum ligt vóór de begindatum (%(start)s).",
                                start=day_in_words(membership.start_on)), field="end_on")
    membership.end_on = end_on
    membership.ended_at = clock.now()
    membership.ended_by_id = getattr(actor, "id", None)
    membership.end_reason = (reason or "").strip()[:300] or None
    _touch(membership.seat)
    flush(membership)


def current_holder(seat: Seat, on: date) -> Membership | None:
    """The regular (non-deputy) holder on a date, or the open-ended holder whose term starts later."""
    return db.session.scalar(
        select(Membership).where(Membership.seat_id == seat.id, Membership.is_deputy.is_(False),
                                 or_(Membership.end_on.is_(None), Membership.end_on >= on))
        .order_by(Membership.start_on).limit(1))


def next_in_pool(seat: Seat, holder: Membership | None) -> RotationEntry | None:
    """The pool entry after the current holder's organisation, wrapping round; the first if none."""
    pool = list(seat.pool)
    if not pool:
        return None
    if holder is not None:
        for index, entry in enumerate(pool):
            if entry.organisation_id == holder.on_behalf_of_id:
                return pool[(index + 1) % len(pool)]
    return pool[0]


def rotate_seat(actor, seat: Seat, effective_on: date, *, organisation: Organisation | None = None,
                person: Person | None = None, version) -> tuple[Membership | None, Membership]:
    """End the current term the day before `effective_on` and appoint the next in the pool (or the choice)."""
    expect_version(seat, version)
    if effective_on is None:
        raise ValidationError(_("Vul de ingangsdatum in."), field="effective_on")
    check_year_between(effective_on, FIRST_YEAR, LAST_YEAR, "effective_on")
    holder = current_holder(seat, effective_on - timedelta(days=1))
    if holder is not None and holder.start_on >= effective_on:
        raise ValidationError(_("De huidige termijn begint pas op %(start)s; kies een latere ingangsdatum.",
                                start=day_in_words(holder.start_on)), field="effective_on")
    entry = next_in_pool(seat, holder)
    if organisation is None and entry is not None:
        organisation = entry.organisation
    if person is None:
        chosen = next((e for e in seat.pool if organisation and e.organisation_id == organisation.id), None)
        person = chosen.person if chosen else None
    if person is None:
        raise ValidationError(_("Kies wie de zetel gaat bezetten."), field="person_id")
    if holder is not None and holder.person_id == person.id and holder.on_behalf_of_id == getattr(organisation, "id", None):
        raise ValidationError(_("Deze persoon bezet de zetel al; kies een opvolger."), field="person_id")
    if holder is not None and holder.end_on is None:
        end_membership(actor, holder, effective_on - timedelta(days=1), _("Rotatie"), version=holder.version)
    elif holder is not None and holder.end_on >= effective_on:
        raise ValidationError(_("Het huidige lidmaatschap loopt al tot %(end)s; kies een ingangsdatum daarna.",
                                end=day_in_words(holder.end_on)), field="effective_on")
    new = appoint(actor, seat, person, effective_on, on_behalf_of=organisation)
    log_event("seat_rotated", "seat", seat.id, {
        "from": holder.person.name if holder else None, "to": person.name,
        "on_behalf_of": organisation.name if organisation else None, "effective_on": effective_on,
    })
    return holder, new


# --- structure (secretariat) -------------------------------------------------------------------------

def save_body(body: Body | None, *, version=None, **values) -> Body:
    """Create or change a body."""
    if not (values.get("name") or "").strip():
        raise ValidationError(_("Vul een naam in."), field="name")
    return save(body or Body(), values, version=version)


def add_relation(source: Body, target: Body, kind: str, note: str | None = None) -> BodyRelation:
    if source.id == target.id:
        raise ValidationError(_("Een gremium kan geen relatie met zichzelf hebben."), field="target_id")
    exists = db.session.scalar(select(BodyRelation.id).where(
        BodyRelation.source_id == source.id, BodyRelation.target_id == target.id, BodyRelation.kind == kind))
    if exists:
        raise ValidationError(_("Deze relatie bestaat al."), field="target_id")
    relation = BodyRelation(source_id=source.id, target_id=target.id, kind=kind, note=note or None)
    db.session.add(relation)
    db.session.flush()
    return relation


def remove_relation(relation: BodyRelation) -> None:
    db.session.delete(relation)
    db.session.flush()


def save_seat(seat: Seat | None, body: Body, *, version=None, pool: list[tuple[int, int | None]] | None = None,
              **values) -> Seat:
    """Create or change a seat; `pool` is the rotation order as (organisation id, person id) pairs."""
    if not (values.get("name") or "").strip():
        raise ValidationError(_("Vul een naam in."), field="name")
    if values.get("term_months") is not None and not 1 <= values["term_months"] <= 120:
        raise ValidationError(_("Een termijn duurt 1 tot 120 maanden."), field="term_months")
    seat = seat or Seat(body_id=body.id)
    expect_version(seat, version)
    db.session.add(seat)
    assign(seat, values)
    if pool is not None:
        org_ids = [org_id for org_id, _person in pool]
        if len(set(org_ids)) != len(org_ids):
            raise ValidationError(_("Een organisatie staat twee keer in de rotatievolgorde."), field="pool")
        existing = {e.organisation_id: e for e in seat.pool}
        entries = []
        for position, (org_id, person_id) in enumerate(pool):
            entry = existing.get(org_id) or RotationEntry(organisation_id=org_id)
            entry.position, entry.person_id = position, person_id
            entries.append(entry)
        seat.pool = entries
    if seat.rotates and not seat.pool and pool is not None:
        raise ValidationError(_("Een roulerende zetel heeft een rotatievolgorde nodig."), field="pool")
    flush(seat)
    return seat


# --- the user's place in the structure (for permissions) ---------------------------------------------

@dataclass(frozen=True)
class Seating:
    """The bodies a person sits in now, those where they hold the secretary's seat, and the bodies
    prepared by a body they sit in (e.g. the agendacommissie prepares the Platform and the DVO)."""

    member_of: frozenset[int] = frozenset()
    secretary_of: frozenset[int] = frozenset()
    prepares: frozenset[int] = frozenset()


def seating_of(person_id: int | None) -> Seating:
    """One query, whatever the number of memberships: the seats held and the bodies those seats prepare."""
    if person_id is None:
        return Seating()
    today = clock.today()
    held = select(Membership.body_id).where(Membership.person_id == person_id, current_on(today))
    rows = db.session.execute(union_all(
        select(Membership.body_id, Seat.role).join(Seat, Membership.seat_id == Seat.id)
        .where(Membership.person_id == person_id, current_on(today)),
        select(BodyRelation.target_id, literal("prepared"))
        .where(BodyRelation.kind == "prepares", BodyRelation.source_id.in_(held)))).all()
    member_of = frozenset(body for body, role in rows if role != "prepared")
    secretary_of = frozenset(body for body, role in rows if role == "secretary")
    prepared = frozenset(body for body, role in rows if role == "prepared")
    return Seating(member_of, secretary_of, prepared)

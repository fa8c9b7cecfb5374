"""The districts a user works in: the one scope rule that pages, lists, feeds, search and the API ask.

A user works in the district of his organisation, in the districts of the bodies he sits in, and
in those the administrator gave him (a secretariat serving two districts). A seat in a unit's body (the RVO,
the Bestuurscollege) adds that unit: he sees what the upper tier needs, not the unit's districts' own work.
The administrator keeps the installation and works in every district (None). A record without a district
(a region-wide partner's body) is everyone's.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select, true, union

from ivzflow.accounts.models import User, UserDistrict
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role
from ivzflow.bodies.models import Body, Membership
from ivzflow.bodies.services import current_on
from ivzflow.core import clock
from ivzflow.core.web import per_request
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person

EVERY_DISTRICT = None


def working_districts(user_id, day):
    """SQL: the ids of the districts a user works in (his grants, his organisation's, his current seats'); the
    user and the day may be bound parameters. The signed-in user's load reads them with his roles."""
    person = select(User.person_id).where(User.id == user_id).scalar_subquery()
    return union(
        select(UserDistrict.district_id.label("district_id")).where(UserDistrict.user_id == user_id),
        select(Organisation.district_id).join(Person, Person.organisation_id == Organisation.id)
        .where(Person.id == person),
        select(Body.district_id).join(Membership, Membership.body_id == Body.id)
        .where(Membership.person_id == person, current_on(day)))


def remember_districts(user_id: int, ids) -> None:
    """Keep what the signed-in user's load read, for districts_of on this request."""
    per_request("districts_of")[user_id] = frozenset(int(d) for d in ids if d not in (None, ""))


def districts_of(user) -> frozenset[int] | None:
    """The ids of the districts (and units) the user works in; None: all of them. Read with the signed-in
    user (accounts.session), else one query per request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if has_role(user, Role.ADMIN):
        return EVERY_DISTRICT
    cache = per_request("districts_of")
    if user.id not in cache:
        remember_districts(user.id, db.session.scalars(working_districts(user.id, clock.today())))
    return cache[user.id]


def home_district(user) -> int | None:
    """The one district the user works in, when there is exactly one (a new record's default)."""
    mine = districts_of(user)
    return next(iter(mine)) if mine and len(mine) == 1 else None


def in_scope(user, district_id: int | None) -> bool:
    """Whether a record of this district is the user's work (a record without a district is everyone's)."""
    mine = districts_of(user)
    return mine is EVERY_DISTRICT or district_id is None or district_id in mine


def scope_clause(user, column) -> ColumnElement[bool]:
    """in_scope as an SQL condition on a district column."""
    mine = districts_of(user)
    if mine is EVERY_DISTRICT:
        return true()
    return or_(column.is_(None), column.in_(mine)) if mine else column.is_(None)


def body_district(body_id: int | None) -> int | None:
    """A body's district: from the session when the body is loaded (a meeting loads its body), else read."""
    if body_id is None:
        return None
    body = db.session.get(Body, body_id)
    return body.district_id if body is not None else None


def scoped_bodies(user):
    """A select of the ids of the bodies in the user's districts."""
    return select(Body.id).where(scope_clause(user, Body.district_id))


def is_secretariat_for(user, district_id: int | None) -> bool:
    """The secretariat's powers (prepare every body's meetings, see every proposal, keep the structure) hold
    in its own districts only."""
    return has_role(user, Role.SECRETARIAT, Role.ADMIN) and in_scope(user, district_id)


def is_secretariat_of_body(user, body_id: int | None) -> bool:
    """is_secretariat_for the body's district (which is read only for the secretariat)."""
    return has_role(user, Role.SECRETARIAT, Role.ADMIN) and in_scope(user, body_district(body_id))

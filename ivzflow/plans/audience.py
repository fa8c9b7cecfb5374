"""Who is concerned with a date of the policy calendar: the one rule the reminders, the month calendar, the
feeds and the API follow.

A district's date concerns the secretariat of that district (a secretariat user's district is his
organisation's, else the default one, as in services.district_of_user) and the current members of that
district's agendacommissie (a body granting the agendacommissie role; one without a district counts for the
default one). A national date (a series without district, or an event entered on its own) concerns those
of every district.
"""
from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select, union

from ivzflow.accounts.models import User, UserRole
from ivzflow.accounts.roles import Role
from ivzflow.bodies.models import Body, Membership
from ivzflow.bodies.services import current_on
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.organisations.models import District, Organisation
from ivzflow.people.models import Person
from ivzflow.plans.models import LocalPlan, PolicyOccurrence, PolicySeries


def _default_district():
    """services.default_district_id as SQL: the first district with local plans, else the first district."""
    return func.coalesce(select(func.min(LocalPlan.district_id)).scalar_subquery(),
                         select(func.min(District.id)).scalar_subquery())


def _audience(user_id: int | None = None):
    """(user_id, district_id): each enabled user (or the one given) concerned with the dates of a district."""
    home = (select(Organisation.district_id).join(Person, Person.organisation_id == Organisation.id)
            .where(Person.id == User.person_id).correlate(User).scalar_subquery())
    secretariat = (select(User.id.label("user_id"), func.coalesce(home, _default_district()).label("district_id"))
                   .join(UserRole, UserRole.user_id == User.id)
                   .where(UserRole.role == Role.SECRETARIAT.value, User.is_enabled.is_(True)))
    agendacommissie = (select(User.id, func.coalesce(Body.district_id, _default_district()))
                       .join(Membership, Membership.person_id == User.person_id)
                       .join(Body, Body.id == Membership.body_id)
                       .where(Body.grants_role == Role.AGENDACOMMISSIE.value, current_on(clock.today()),
                              User.is_enabled.is_(True)))
    if user_id is not None:  # in each branch: the national data set has thousands of users
        secretariat, agendacommissie = secretariat.where(User.id == user_id), agendacommissie.where(User.id == user_id)
    return union(secretariat, agendacommissie).subquery()


def users_concerned(district_id: int | None) -> list[int]:
    """The users reminded of a date of this district (None: a national date, all districts'). One query."""
    audience = _audience()
    query = select(audience.c.user_id).distinct().order_by(audience.c.user_id)
    if district_id is not None:
        query = query.where(audience.c.district_id == district_id)
    return list(db.session.scalars(query))


def districts_of(user) -> frozenset[int]:
    """The districts whose dates concern the user (empty: none, not even the national ones; None in it: the
    national ones, in an installation without districts). One query."""
    if not getattr(user, "id", None):
        return frozenset()
    audience = _audience(user.id)
    return frozenset(db.session.scalars(select(audience.c.district_id)))


def concerns(districts: Collection[int], district_id: int | None) -> bool:
    """Whether a date of this district (None: national) concerns a user with these districts."""
    return bool(districts) and (district_id is None or district_id in districts)


def district_of_event(event_id: int) -> int | None:
    """The district of the series the event is an occurrence of; None for a national date."""
    return db.session.scalar(select(PolicySeries.district_id).join(
        PolicyOccurrence, PolicyOccurrence.series_id == PolicySeries.id).where(PolicyOccurrence.event_id == event_id))

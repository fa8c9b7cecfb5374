"""Where projects meet the governance structure: the Platform IVZ and the DVO, found from the data.

A district's Platform IVZ is its body of kind "platform"; its DVO is the body that Platform advises (in
Twente the DVO Twente, the commissioner of the regional themes). No body names are hard-coded.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import false, select

from ivzflow.bodies.models import Body, BodyRelation, Membership
from ivzflow.bodies.services import current_on
from ivzflow.core.forms import options
from ivzflow.extensions import db
from ivzflow.people.models import Person


PLATFORM_KIND = "platform"


def platform_id_query(district_id: int | None = None):
    """A scalar subquery: the id of the district's Platform IVZ (without a district: the first there is)."""
    query = select(Body.id).where(Body.kind == PLATFORM_KIND)
    if district_id is not None:
        query = query.where(Body.district_id == district_id)
    return query.order_by(Body.id).limit(1).scalar_subquery()


def dvo_body(district_id: int | None = None) -> Body | None:
    """The district's DVO: the body its Platform advises."""
    return db.session.scalar(
        select(Body).join(BodyRelation, BodyRelation.target_id == Body.id)
        .where(BodyRelation.source_id == platform_id_query(district_id), BodyRelation.kind == "advises")
        .order_by(BodyRelation.id).limit(1))


def is_dvo_member(person_id: int, dvo: Body, on: date) -> bool:
    """A regular (not deputy) member of the DVO on that day."""
    return db.session.scalar(
        select(Membership.id).where(Membership.body_id == dvo.id, Membership.person_id == person_id,
                                    Membership.is_deputy.is_(False), current_on(on)).limit(1)) is not None


def dvo_member_choices(on: date, blank: str, keep_id: int | None = None, district_id: int | None = None):
    """The district DVO's current members for the trekker field (plus the current trekker, should they have
    left)."""
    dvo = dvo_body(district_id)
    ids = select(Membership.person_id).where(Membership.is_deputy.is_(False), current_on(on))
    ids = ids.where(Membership.body_id == dvo.id) if dvo is not None else ids.where(false())
    query = select(Person).where(Person.id.in_(ids) | (Person.id == (keep_id or 0))).order_by(Person.name)
    people = db.session.scalars(query).all()
    return options([(0, blank)] + [(p.id, f"{p.name} ({p.function})" if p.function else p.name) for p in people])

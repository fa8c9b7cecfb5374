"""People: listing, choosing and keeping them."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from ivzflow.bodies.models import Membership
from ivzflow.bodies.services import current_on
from ivzflow.core import clock
from ivzflow.core.forms import options
from ivzflow.core.errors import ValidationError
from ivzflow.core.records import save
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person


def list_people(search: str | None = None, organisation_id: int | None = None,
                limit: int = 100, offset: int = 0) -> tuple[list[tuple[Person, int]], int]:
    """People with their number of current memberships, one page at a time, and the total."""
    query = select(Person)
    if search:
        like = f"%{search.strip().lower()}%"
        query = query.where(or_(func.lower(Person.name).like(like), func.lower(Person.function).like(like)))
    if organisation_id:
        query = query.where(Person.organisation_id == organisation_id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    counts = (select(Membership.person_id, func.count(Membership.id).label("n"))
              .where(current_on(clock.today())).group_by(Membership.person_id).subquery())
    rows = db.session.execute(
        query.add_columns(func.coalesce(counts.c.n, 0)).outerjoin(counts, counts.c.person_id == Person.id)
        .order_by(Person.name, Person.id).limit(limit).offset(offset)).all()
    return [(person, n) for person, n in rows], total or 0


def person_choices(blank: str | None = None) -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Person.id, Person.name, Organisation.short_name, Organisation.name.label("org"))
        .outerjoin(Organisation, Person.organisation_id == Organisation.id).order_by(Person.name)).all()
    choices = [(r.id, f"{r.name} ({r.short_name or r.org})" if r.org else r.name) for r in rows]
    return options(([(0, blank)] if blank is not None else []) + choices)


def save_person(person: Person | None, *, version=None, **values) -> Person:
    """Create or change a person."""
    if not (values.get("name") or "").strip():
        raise ValidationError(_("Vul een naam in."), field="name")
    return save(person or Person(), values, version=version)

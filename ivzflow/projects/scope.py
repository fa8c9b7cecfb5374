"""Which projects a list shows: those the user may read, in his own districts unless he asks for one
district or all of them (`district=` an id or `alle`)."""
from __future__ import annotations

from sqlalchemy import ColumnElement, and_, select

from ivzflow.bodies.districts import scope_clause
from ivzflow.extensions import db
from ivzflow.organisations.models import DISTRICT, District
from ivzflow.projects.models import Project
from ivzflow.projects.permissions import visible_projects

ALL = "alle"


def project_scope(user, district: str | None) -> ColumnElement[bool]:
    """The projects the user may read, of the district asked: ALL, a district id, else his own districts."""
    visible = visible_projects(user)
    if district == ALL:
        return visible
    if district and district.isdigit():
        return and_(visible, Project.district_id == int(district))
    return and_(visible, scope_clause(user, Project.district_id))


def district_choices(mine: str, every: str) -> list[tuple[str, str]]:
    """For a district select: the user's districts (""), each district, all of them (ALL)."""
    names = db.session.execute(select(District.id, District.name).where(District.level == DISTRICT)
                               .order_by(District.name)).all()
    return [("", mine), *((str(id_), name) for id_, name in names), (ALL, every)]

"""Which projects a list shows: those the user may read, in the districts the list's district filter picks
(bodies.district_filter: his own by default, `district=<id>` or `alle`)."""
from __future__ import annotations

from sqlalchemy import ColumnElement, and_

from ivzflow.bodies.district_filter import read_district
from ivzflow.projects.models import Project
from ivzflow.projects.permissions import visible_projects


def project_scope(user, district: str | None, strict: bool = False) -> ColumnElement[bool]:
    """The projects the user may read, of the districts `district` picks (strict: a bad value is a 400)."""
    return and_(visible_projects(user), read_district(user, district, strict).clause(Project.district_id))

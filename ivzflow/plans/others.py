"""What other districts do: their public projects by the safety theme each carries, so that good practice
travels (issue 18). A project carries a theme when a weighing put it on one (WeighingEntry.project_id)."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from ivzflow.bodies.districts import EVERY_DISTRICT, districts_of
from ivzflow.extensions import db
from ivzflow.organisations.models import District
from ivzflow.plans.models import SafetyTheme, WeighingEntry
from ivzflow.projects.models import Project

LIMIT = 500  # projects on the page; the rest are counted


@dataclass
class ThemeGroup:
    name: str
    projects: list[tuple[Project, str]] = field(default_factory=list)  # (project, its district's name)


def others_by_theme(user) -> tuple[list[ThemeGroup], bool]:
    """The public projects of the districts the user does not work in, grouped per theme (one query);
    and whether there were more than LIMIT."""
    mine = districts_of(user)
    query = (select(Project, District.name, SafetyTheme.name)
             .join(District, District.id == Project.district_id)
             .outerjoin(WeighingEntry, WeighingEntry.project_id == Project.id)
             .outerjoin(SafetyTheme, SafetyTheme.id == WeighingEntry.theme_id)
             .where(Project.is_public.is_(True)))
    if mine is not EVERY_DISTRICT and mine:
        query = query.where(Project.district_id.not_in(mine))
    rows = db.session.execute(query.order_by(SafetyTheme.position.is_(None), SafetyTheme.position, Project.title,
                                             Project.id).limit(LIMIT + 1)).all()
    groups: dict[str, ThemeGroup] = {}
    seen: set[tuple[int, str]] = set()
    for project, district, theme in rows[:LIMIT]:
        name = theme or _("Zonder thema")
        if (project.id, name) not in seen:
            seen.add((project.id, name))
            groups.setdefault(name, ThemeGroup(name)).projects.append((project, district))
    return list(groups.values()), len(rows) > LIMIT

"""Links from decision items to other domains (projects), kept in one place."""
from __future__ import annotations

from sqlalchemy import select

from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.projects.models import Project


def project_options(visible=None) -> list[tuple[int, str]]:
    """(id, title) of the projects a proposal can belong to (those `visible`, an SQL condition, when given)."""
    query = select(Project.id, Project.title).order_by(Project.title)
    if visible is not None:
        query = query.where(visible)
    return [(p.id, p.title) for p in db.session.execute(query)]


def items_of_project(project_id: int) -> list:
    return list(db.session.scalars(select(DecisionItem).where(DecisionItem.project_id == project_id)
                                   .order_by(DecisionItem.created_at.desc())))

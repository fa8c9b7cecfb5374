"""Who may see and change projects. One predicate per rule, for views, templates and the API.

- Everyone with an account reads the portfolio; a project is read in its own district, by its projectleider
  and trekker, and everywhere once it is public (good practice travels). Not readable: 404, as if absent.
- The secretariat (and administrators) set projects up and edit those of their own districts.
- The projectleider (the user whose person leads the project) edits their own projects and posts
  status updates.
- The bestuurlijk trekker reads and may comment; so may the editors.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role
from ivzflow.bodies.districts import in_scope, is_secretariat_for, scope_clause
from ivzflow.projects.models import Project


def _person_id(user) -> int | None:
    return getattr(user, "person_id", None) if getattr(user, "is_authenticated", False) else None


def can_view_projects(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_view_project(user, project) -> bool:
    """Public, of one of the user's districts, or his as projectleider or trekker (visible_projects in SQL)."""
    return can_view_projects(user) and (
        project.is_public or in_scope(user, project.district_id)
        or is_projectleider_of(user, project) or is_trekker_of(user, project))


def visible_projects(user) -> ColumnElement[bool]:
    """can_view_project as an SQL condition on project."""
    if not can_view_projects(user):
        return false()
    person_id = _person_id(user)
    mine = [Project.projectleider_id == person_id, Project.trekker_id == person_id] if person_id else []
    return or_(Project.is_public.is_(True), scope_clause(user, Project.district_id), *mine)


def can_manage_projects(user, project=None) -> bool:
    """Create projects and set their frame: kind, period, trekker, projectleider, assignment; a project's
    frame in its own district only."""
    if project is None:
        return has_role(user, Role.SECRETARIAT, Role.ADMIN)
    return is_secretariat_for(user, project.district_id)


def is_projectleider_of(user, project) -> bool:
    person_id = _person_id(user)
    return person_id is not None and project.projectleider_id == person_id


def is_trekker_of(user, project) -> bool:
    person_id = _person_id(user)
    return person_id is not None and project.trekker_id == person_id


def can_edit_project(user, project) -> bool:
    """Content, activities, milestones, money and indicators."""
    return can_manage_projects(user, project) or is_projectleider_of(user, project)


def can_post_status_update(user, project) -> bool:
    return can_manage_projects(user, project) or is_projectleider_of(user, project)


def can_comment_on_project(user, project) -> bool:
    return is_trekker_of(user, project) or can_edit_project(user, project)

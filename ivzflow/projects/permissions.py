"""Who may see and change projects. One predicate per rule, for views, templates and the API.

- Everyone with an account reads the portfolio, the projects and their reports.
- The secretariat (and administrators) set projects up and edit all of them.
- The projectleider (the user whose person leads the project) edits their own projects and posts
  status updates.
- The bestuurlijk trekker reads and may comment; so may the editors.
"""
from __future__ import annotations

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role


def _person_id(user) -> int | None:
    return getattr(user, "person_id", None) if getattr(user, "is_authenticated", False) else None


def can_view_projects(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_manage_projects(user) -> bool:
    """Create projects and set their frame: kind, period, trekker, projectleider, assignment."""
    return has_role(user, Role.SECRETARIAT, Role.ADMIN)


def is_projectleider_of(user, project) -> bool:
    person_id = _person_id(user)
    return person_id is not None and project.projectleider_id == person_id


def is_trekker_of(user, project) -> bool:
    person_id = _person_id(user)
    return person_id is not None and project.trekker_id == person_id


def can_edit_project(user, project) -> bool:
    """Content, activities, milestones, money and indicators."""
    return can_manage_projects(user) or is_projectleider_of(user, project)


def can_post_status_update(user, project) -> bool:
    return can_manage_projects(user) or is_projectleider_of(user, project)


def can_comment_on_project(user, project) -> bool:
    return is_trekker_of(user, project) or can_edit_project(user, project)

"""Who may see and change the plan cycle. One predicate per rule, for views, templates and the API.

- Everyone with an account reads the local plans, the matrix and the partner priorities (policy, not secret).
- The secretariat (and administrators) keep the plans, the themes and the qualifying rule.
- The agendacommissie (and the secretariat) weigh the themes and draft the DVO proposal from the weighing.
"""
from __future__ import annotations

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role


def can_view_plans(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_manage_plans(user) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.ADMIN)


def can_view_weighing(user) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.AGENDACOMMISSIE, Role.ADMIN)


def can_weigh_themes(user) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.AGENDACOMMISSIE)


def can_draft_dvo_proposal(user) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.AGENDACOMMISSIE)


def shows_plan_cycle_menu(user) -> bool:
    """The menu entry: for those who work with the cycle (the secretariat and the agendacommissie)."""
    return has_role(user, Role.SECRETARIAT, Role.AGENDACOMMISSIE, Role.ADMIN)

"""Who may see and change the Platform's money.

- The secretariat, the agendacommissie (which decides on spending) and administrators read the figures and
  the invoice list.
- The secretariat keeps them (rates, commitments, spending) and drafts spending proposals.
"""
from __future__ import annotations

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role


def can_view_finances(user) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.AGENDACOMMISSIE, Role.ADMIN)


def can_manage_finances(user) -> bool:
    return has_role(user, Role.SECRETARIAT)

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role


def can_view_audit(user) -> bool:
    """The secretariat and administrators read the audit log; nobody can change it."""
    return has_role(user, Role.SECRETARIAT, Role.ADMIN)

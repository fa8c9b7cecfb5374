"""Who may do what with accounts. One predicate per rule, used by views and templates alike."""
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role


def can_manage_users(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_manage_token(user, token) -> bool:
    return token.user_id == getattr(user, "id", None)

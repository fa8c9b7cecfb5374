"""Who may do what with accounts. One predicate per rule, used by views and templates alike."""
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role, roles_of


def can_manage_users(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_manage_token(user, token) -> bool:
    return token.user_id == getattr(user, "id", None)


def reads_only(user) -> bool:
    """A user whose only role is "Lid (alleen lezen)" (a mayor in the DVO): he reads agendas, proposals and
    decisions, but starts no proposals, uploads nothing, and a seat in a body that prepares another (the DB
    DVO prepares the DVO) makes no agenda work his. A body's secretary seat still counts (meetings.permissions)."""
    return roles_of(user) <= {Role.MEMBER}

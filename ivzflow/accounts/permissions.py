"""Who may do what with accounts. One predicate per rule, used by views and templates alike."""
from flask_babel import gettext as _

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role, roles_of
from ivzflow.core.errors import NotAllowed


def can_manage_users(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_manage_token(user, token) -> bool:
    return token.user_id == getattr(user, "id", None)


def reads_only(user) -> bool:
    """A user whose only role is "Lid (alleen lezen)" (a mayor in the DVO): he reads agendas, proposals and
    decisions, but starts no proposals, uploads nothing, and a seat in a body that prepares another (the DB
    DVO prepares the DVO) makes no agenda work his. A body's secretary seat still counts (meetings.permissions)."""
    return roles_of(user) <= {Role.MEMBER}


def refuse_if_read_only(user, *, unless: bool = False) -> None:
    """A 403 that says why, before the page's own permission check: the member sees what his role is.
    `unless`: a seat that still allows it (a body's secretary with no other role prepares its meetings)."""
    if not unless and getattr(user, "is_authenticated", False) and reads_only(user):
        raise NotAllowed(_("U bent lid met alleen leesrechten: u kunt agenda's, voorstellen en besluiten lezen, "
                           "maar geen voorstellen starten of stukken toevoegen."))

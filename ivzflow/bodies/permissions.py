"""Who may see and change the governance structure. One predicate per rule, for views and templates."""
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role
from ivzflow.bodies.districts import is_secretariat_for
from ivzflow.bodies.services import Seating, seating_of
from ivzflow.core.web import per_request


def seating(user) -> Seating:
    """The user's seats, read once per request: the rules of meetings and proposals both ask it."""
    if not getattr(user, "is_authenticated", False):
        return Seating()
    cache = per_request("seating")
    if user.id not in cache:
        cache[user.id] = seating_of(user.person_id)
    return cache[user.id]


def can_view_structure(user) -> bool:
    """Every user with an account reads bodies, organisations, people and memberships."""
    return bool(getattr(user, "is_authenticated", False))


def can_manage_structure(user) -> bool:
    """Bodies, seats, relations, organisations and people are kept by the secretariat."""
    return has_role(user, Role.SECRETARIAT, Role.ADMIN)


def can_manage_memberships(user) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.ADMIN)


def can_manage_in(user, district_id: int | None) -> bool:
    """The secretariat keeps the structure of its own districts: a body, its seats and memberships, an
    organisation or a person of another district are read, not changed (403)."""
    return is_secretariat_for(user, district_id)


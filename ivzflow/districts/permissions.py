"""Who may see the districts and start a new one."""
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role


def can_view_districts(user) -> bool:
    """Every user with an account sees which districts and units there are."""
    return bool(getattr(user, "is_authenticated", False))


def can_create_district(user) -> bool:
    """The administrator keeps the installation: he starts a district and names its secretariat."""
    return has_role(user, Role.ADMIN)

"""The roles a user can have. Labels are shown translated; the values are stored."""
from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l


class Role(str, enum.Enum):
    ADMIN = "admin"
    SECRETARIAT = "secretariat"
    AGENDACOMMISSIE = "agendacommissie"
    PROJECTLEIDER = "projectleider"
    COMMUNICATIE = "communicatieadviseur"
    MEMBER = "member"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.ADMIN: _l("Beheerder"),
    Role.SECRETARIAT: _l("Secretariaat"),
    Role.AGENDACOMMISSIE: _l("Agendacommissie"),
    Role.PROJECTLEIDER: _l("Projectleider"),
    Role.COMMUNICATIE: _l("Communicatieadviseur"),
    Role.MEMBER: _l("Lid (alleen lezen)"),
}

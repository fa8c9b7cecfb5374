"""Small rules that both the task list and the reminders ask (no domain module has them yet)."""
from __future__ import annotations

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import roles_of


def awaits_consent(item) -> bool:
    """A draft of a project's proposal waits for its bestuurlijk trekker to consent: until then the
    submitter cannot submit it (the trekker_consent guard) and the trekker is asked."""
    return bool(item.project_id and item.trekker_id and item.trekker_consent_at is None and item.state.is_editable)


def reads_only(user) -> bool:
    """A user whose only role is "Lid (alleen lezen)". A seat in a body that prepares another (a mayor in the
    DB DVO) is then no job of drawing up, fixing or sending its agendas: the start page does not ask it."""
    return roles_of(user) <= {Role.MEMBER}

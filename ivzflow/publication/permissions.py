"""Who decides what a body publishes: whoever prepares that body's meetings (and the secretariat)."""
from __future__ import annotations

from ivzflow.meetings.permissions import can_prepare_agenda_of


def can_manage_publication(user, body_id: int) -> bool:
    return can_prepare_agenda_of(user, body_id)

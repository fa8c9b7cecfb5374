"""Which agenda items a user may read: the meeting's rule (meetings.permissions) and, for an item that puts a
proposal before the meeting, the proposal's own rule (decisions.permissions). Above both, so that each
keeps to its own package."""
from __future__ import annotations

from collections.abc import Callable, Collection

from sqlalchemy import ColumnElement, exists, or_, select

from ivzflow.decisions.models import DecisionItem
from ivzflow.decisions.queries import visible_clause
from ivzflow.meetings.documents import readable_proposals
from ivzflow.meetings.models import AgendaItem, Meeting
from ivzflow.meetings import permissions as meetings_can
from ivzflow.meetings.permissions import can_prepare_agenda_of, can_view_agenda, is_member_of


def can_view_item(user, item) -> bool:
    return item_visibility(user, item.meeting)(item)


def visible_agenda_items(user) -> ColumnElement[bool]:
    """item_visibility as an SQL condition on AgendaItem joined with its Meeting (for search): the meeting's
    rule, and for an item that puts a proposal before the meeting, the proposal's rule too."""
    proposal_ok = or_(AgendaItem.decision_item_id.is_(None),  # EXISTS: checked per item, not a list of them all
                      exists().where(DecisionItem.id == AgendaItem.decision_item_id, visible_clause(user)))
    prepared = meetings_can.prepared_bodies(user)
    if prepared:
        proposal_ok = or_(proposal_ok, Meeting.body_id.in_(prepared))
    return meetings_can.visible_agenda_items(user) & proposal_ok


def item_visibility(user, meeting, readable: Collection[int] | None = None) -> Callable[[object], bool]:
    """can_view_item for the items of one meeting, decided once for all of them.

    Those who prepare the meeting see every item. Others see the public items, and a member the
    confidential ones too; an item that puts a proposal before the meeting only for those who may see the
    proposal (its confidentiality and state: the rule of the proposal's own page), whatever the item says.
    `readable`: the ids of documents.readable_proposals of all the meeting's proposals, when the caller
    loads them anyway (else they are loaded here).
    """
    if not can_view_agenda(user, meeting):
        return lambda item: False
    if can_prepare_agenda_of(user, meeting.body_id):
        return lambda item: True
    member = is_member_of(user, meeting.body_id)
    if readable is None:
        readable = readable_proposals(user, select(AgendaItem.decision_item_id).where(
            AgendaItem.meeting_id == meeting.id, AgendaItem.decision_item_id.is_not(None)))
    return lambda item: (member or item.is_public) and (item.decision_item_id is None
                                                        or item.decision_item_id in readable)

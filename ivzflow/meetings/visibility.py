"""Which agenda items a user may read: the meeting's rule (meetings.permissions) and, for an item that puts a
proposal before the meeting, the proposal's own rule (decisions.permissions). Above both, so that each
keeps to its own package."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ivzflow.decisions.models import DecisionItem
from ivzflow.decisions.permissions import can_view_item as can_view_proposal
from ivzflow.decisions.queries import visible_clause
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Meeting
from ivzflow.meetings import permissions as meetings_can
from ivzflow.meetings.permissions import can_prepare_agenda_of, can_view_agenda, is_member_of


def can_view_item(user, item) -> bool:
    return item_visibility(user, item.meeting)(item)


def visible_agenda_items(user) -> ColumnElement[bool]:
    """item_visibility as an SQL condition on AgendaItem joined with its Meeting (for search): the meeting's
    rule, and for an item that puts a proposal before the meeting, the proposal's rule too."""
    proposal_ok = or_(AgendaItem.decision_item_id.is_(None),
                      AgendaItem.decision_item_id.in_(select(DecisionItem.id).where(visible_clause(user))))
    prepared = meetings_can.prepared_bodies(user)
    if prepared:
        proposal_ok = or_(proposal_ok, Meeting.body_id.in_(prepared))
    return meetings_can.visible_agenda_items(user) & proposal_ok


def item_visibility(user, meeting) -> Callable[[object], bool]:
    """can_view_item for the items of one meeting, decided once for all of them (two queries at most).

    Those who prepare the meeting see every item. Others see the public items, and a member the
    confidential ones too; an item that puts a proposal before the meeting only for those who may see the
    proposal (its confidentiality and state: the rule of the proposal's own page), whatever the item says.
    """
    if not can_view_agenda(user, meeting):
        return lambda item: False
    if can_prepare_agenda_of(user, meeting.body_id):
        return lambda item: True
    member = is_member_of(user, meeting.body_id)
    hidden = _hidden_proposals(user, meeting)
    return lambda item: (member or item.is_public) and item.decision_item_id not in hidden


def _hidden_proposals(user, meeting) -> frozenset[int]:
    """The ids of the proposals on this meeting's agenda that the user may not see."""
    on_agenda = select(AgendaItem.decision_item_id).where(AgendaItem.meeting_id == meeting.id,
                                                          AgendaItem.decision_item_id.is_not(None))
    proposals = db.session.scalars(select(DecisionItem).where(DecisionItem.id.in_(on_agenda))
                                   .options(selectinload(DecisionItem.route), joinedload(DecisionItem.state)))
    return frozenset(p.id for p in proposals.unique() if not can_view_proposal(user, p))

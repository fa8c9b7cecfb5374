"""The Platform IVZ agenda offers the proposals that await its advice, to be placed with one click.

A proposal is offered when its workflow state is the one from which the Platform's advice is recorded
(the state has an outgoing transition with the effect "record_platform_advice"; in dvo_voorstel:
"ingediend"), its route asks advice of the Platform (the body of kind "platform") and it is not yet on
a Platform agenda. It aims at the Platform meeting its route names, while that meeting's agenda is still
open; otherwise at the next Platform meeting whose agenda is still open.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import exists, func, select
from sqlalchemy.orm import aliased, selectinload

from ivzflow.core import clock
from ivzflow.core.errors import Conflict
from ivzflow.decisions import permissions as decisions_can
from ivzflow.decisions.models import Consultation, DecisionItem, ItemAttachment
from ivzflow.extensions import db
from ivzflow.meetings import agenda
from ivzflow.meetings.models import AgendaItem, Meeting
from ivzflow.meetings.permissions import AGENDA_EDITABLE_STATES
from ivzflow.projects.governance import PLATFORM_KIND
from ivzflow.workflows.models import WorkflowTransition

ADVICE_EFFECT = "record_platform_advice"
PROPOSAL_MINUTES = 15


@dataclass
class Offer:
    item: DecisionItem
    consultation: Consultation
    documents: int

    @property
    def submitted_at(self) -> datetime:
        return self.item.state_entered_at


def _awaiting_advice_states() -> set[int]:
    """The workflow states from which the Platform's advice is recorded (a handful of rows)."""
    rows = db.session.execute(select(WorkflowTransition.from_state_id, WorkflowTransition.effects))
    return {state_id for state_id, effects in rows if ADVICE_EFFECT in (effects or [])}


def _is_open(meeting: Meeting | None, now: datetime) -> bool:
    return meeting is not None and meeting.state in AGENDA_EDITABLE_STATES and meeting.start_at > now


def next_open_meeting(body_id: int) -> Meeting | None:
    """The body's next meeting whose agenda is still open."""
    return db.session.scalar(select(Meeting).where(
        Meeting.body_id == body_id, Meeting.state.in_(AGENDA_EDITABLE_STATES), Meeting.start_at > clock.now())
        .order_by(Meeting.start_at, Meeting.id).limit(1))


def _waiting(platform_id: int) -> list[tuple[DecisionItem, Consultation]]:
    """Proposals awaiting the Platform's advice and not on any (not cancelled) Platform agenda."""
    states = _awaiting_advice_states()
    if not states:
        return []
    placed_meeting = aliased(Meeting)
    placed = (select(AgendaItem.id).join(placed_meeting, placed_meeting.id == AgendaItem.meeting_id)
              .where(AgendaItem.decision_item_id == DecisionItem.id, placed_meeting.body_id == platform_id,
                     placed_meeting.state != "cancelled").correlate(DecisionItem))
    return list(db.session.execute(
        select(DecisionItem, Consultation).join(Consultation, Consultation.item_id == DecisionItem.id)
        .where(DecisionItem.state_id.in_(states), Consultation.role == "advice", Consultation.body_id == platform_id,
               ~exists(placed))
        .options(selectinload(DecisionItem.route))  # the confidentiality check reads it
        .order_by(DecisionItem.state_entered_at, DecisionItem.id)).all())


def offers_for(user, meeting: Meeting) -> list[Offer]:
    """The proposals aimed at this Platform meeting that the user may see, oldest submission first; none
    for another body's meeting or an agenda that is no longer open."""
    platform_id = meeting.body_id  # each district's Platform is offered its own district's proposals
    now = clock.now()
    if meeting.body.kind != PLATFORM_KIND or not _is_open(meeting, now):
        return []
    waiting = _waiting(platform_id)
    if not waiting:
        return []
    next_open = next_open_meeting(platform_id)
    aimed = [(item, consultation) for item, consultation in waiting
             if (consultation.meeting_id == meeting.id)
             or (not _is_open(consultation.meeting, now) and next_open is not None and next_open.id == meeting.id)]
    aimed = [(item, c) for item, c in aimed if decisions_can.can_view_item(user, item)]
    counts = dict(db.session.execute(
        select(ItemAttachment.item_id, func.count(ItemAttachment.id))
        .where(ItemAttachment.item_id.in_([item.id for item, _c in aimed])).group_by(ItemAttachment.item_id)).all())
    return [Offer(item, consultation, counts.get(item.id, 0)) for item, consultation in aimed]


def place_proposal(actor, meeting: Meeting, item: DecisionItem) -> AgendaItem:
    """Put an offered proposal on the Platform agenda, before the closing items, and tie the Platform's
    advice on its route to this meeting."""
    offer = next((o for o in offers_for(actor, meeting) if o.item.id == item.id), None)
    if offer is None:
        raise Conflict(_("Dit voorstel wordt niet (meer) aangeboden voor deze vergadering: het wacht niet op het "
                         "advies van het Platform, of het staat al op een agenda van het Platform."))
    agenda_item = agenda.add_item(actor, meeting, title=item.title[:300], duration_minutes=PROPOSAL_MINUTES,
                                  is_public=item.confidentiality == "openbaar", section="common",
                                  presenter=item.trekker.name[:200] if item.trekker else None)
    agenda_item.decision_item_id = item.id
    offer.consultation.meeting_id = meeting.id
    db.session.flush()
    return agenda_item

"""For the agenda builder: the proposals aimed at a meeting, and whether each is ready to be placed."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import bindparam, func, select

from ivzflow.decisions.models import ADVICE_SETTLED, CommunicationAdvice, Consultation, DecisionItem, ItemAttachment
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Meeting
from ivzflow.workflows.models import WorkflowState


@dataclass
class Readiness:
    item_id: int
    title: str
    state: WorkflowState
    advised: bool          # the advising body (Platform IVZ) gave its advice
    advice_result: str | None
    communication: bool    # the communication advice is approved (or the secretariat recorded why none is needed)
    communication_status: str | None  # requested | draft (ter goedkeuring) | approved; None: waived (n.v.t.)
    documents: int         # attachments on the proposal
    placed: bool           # already on this meeting's agenda

    @property
    def ready(self) -> bool:
        return self.advised and self.communication and not self.placed


def _of_item(query):
    return query.where(Consultation.item_id == DecisionItem.id).correlate(DecisionItem)


@lru_cache(maxsize=1)
def _query():
    """Built once (its subqueries cost more to construct than to run); the meeting is a parameter."""
    meeting_id = bindparam("meeting_id")
    advice = _of_item(select(Consultation.id)).where(Consultation.role == "advice")
    advice_result = (_of_item(select(Consultation.result)).where(Consultation.role == "advice")
                     .order_by(Consultation.position).limit(1).scalar_subquery())
    communication = (select(CommunicationAdvice.status).where(CommunicationAdvice.item_id == DecisionItem.id)
                     .correlate(DecisionItem).scalar_subquery())
    documents = (select(func.count(ItemAttachment.id)).where(ItemAttachment.item_id == DecisionItem.id)
                 .correlate(DecisionItem).scalar_subquery())
    placed = (select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id,
                                          AgendaItem.decision_item_id == DecisionItem.id)
              .correlate(DecisionItem).exists())
    return (select(DecisionItem.id, DecisionItem.title, WorkflowState, advice.exists(),
                   advice_result, communication, documents, placed)
            .join(WorkflowState, WorkflowState.id == DecisionItem.state_id)
            .where(DecisionItem.target_meeting_id == meeting_id).order_by(DecisionItem.id))


def readiness(meeting: Meeting) -> list[Readiness]:
    """One query, whatever the number of proposals: each with the facts its readiness depends on."""
    return [Readiness(item_id, title, state, advised=not has_advice or result is not None, advice_result=result,
                      communication=comms in ADVICE_SETTLED,
                      communication_status=None if comms == "waived" else comms, documents=document_count,
                      placed=is_placed)
            for item_id, title, state, has_advice, result, comms, document_count, is_placed
            in db.session.execute(_query(), {"meeting_id": meeting.id})]

"""For the agenda builder: the proposals aimed at a meeting, and whether each is ready to be placed."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from ivzflow.decisions.models import DecisionItem, ItemAttachment
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Meeting


@dataclass
class Readiness:
    item: DecisionItem
    advised: bool          # the advising body (Platform IVZ) gave its advice
    advice_result: str | None
    communication: bool    # the communication advice is approved (or not needed)
    documents: int         # attachments on the proposal
    placed: bool           # already on this meeting's agenda

    @property
    def ready(self) -> bool:
        return self.advised and self.communication and not self.placed


def readiness(meeting: Meeting) -> list[Readiness]:
    """Two queries, whatever the number of proposals: the proposals with their counts, and their routes."""
    documents = (select(func.count(ItemAttachment.id)).where(ItemAttachment.item_id == DecisionItem.id)
                 .correlate(DecisionItem).scalar_subquery())
    placed = (select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id,
                                          AgendaItem.decision_item_id == DecisionItem.id)
              .correlate(DecisionItem).exists())
    # State, route and communication advice are what readiness needs; nothing those refer to.
    query = (select(DecisionItem, documents, placed).where(DecisionItem.target_meeting_id == meeting.id)
             .options(lazyload("*"), joinedload(DecisionItem.state), selectinload(DecisionItem.route).lazyload("*"),
                      joinedload(DecisionItem.communication_advice).lazyload("*"))
             .order_by(DecisionItem.id))
    rows = []
    for item, document_count, is_placed in db.session.execute(query):
        advice = next((c for c in item.route if c.role == "advice"), None)
        comms = item.communication_advice
        rows.append(Readiness(item, advised=advice is None or advice.result is not None,
                              advice_result=advice.result if advice else None,
                              communication=item.kind != "decision" or (comms is not None and comms.status == "approved"),
                              documents=document_count, placed=is_placed))
    return rows

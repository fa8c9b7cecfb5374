"""For the agenda builder: the proposals aimed at a meeting, and whether each is ready to be placed."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ivzflow.decisions.models import DecisionItem, ItemAttachment
from ivzflow.decisions.services import candidates_for
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
    """Three queries, whatever the number of proposals."""
    items = candidates_for(meeting)
    if not items:
        return []
    ids = [i.id for i in items]
    documents = dict(db.session.execute(select(ItemAttachment.item_id, func.count(ItemAttachment.id))
                                        .where(ItemAttachment.item_id.in_(ids)).group_by(ItemAttachment.item_id)).all())
    placed = set(db.session.scalars(select(AgendaItem.decision_item_id).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.decision_item_id.in_(ids))))
    rows = []
    for item in items:
        advice = next((c for c in item.route if c.role == "advice"), None)
        comms = item.communication_advice
        rows.append(Readiness(item, advised=advice is None or advice.result is not None,
                              advice_result=advice.result if advice else None,
                              communication=item.kind != "decision" or (comms is not None and comms.status == "approved"),
                              documents=documents.get(item.id, 0), placed=item.id in placed))
    return rows

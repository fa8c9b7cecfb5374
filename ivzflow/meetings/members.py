"""The members' view of a meeting, as board portals show it (iBabs, Notubiz): per agenda item its decision
points, its documents and how the proposal was dealt with before. No readiness, no minutes: those are for
whoever prepares the meeting (permissions.prepares_meeting). A fixed number of queries per agenda.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import lazyload, selectinload

from ivzflow.decisions.documents import documents_by_item
from ivzflow.decisions.forms import ADVICE_CHOICES, KIND_CHOICES, OPINION_CHOICES, OUTCOME_CHOICES
from ivzflow.decisions.models import Consultation, DecisionItem, PointOutcome
from ivzflow.extensions import db
from ivzflow.meetings import agenda as agenda_service
from ivzflow.meetings import permissions as perm
from ivzflow.meetings.documents import readable_proposals
from ivzflow.meetings.models import Meeting
from ivzflow.meetings.visibility import item_visibility


# The deciding step's result is the name of the transition taken (workflows.effects.record_decision).
DECISION_RESULTS = {"vaststellen": _l("Vastgesteld"), "afwijzen": _l("Afgewezen"),
                    "kennisnemen": _l("Voor kennisgeving"), "aanhouden": _l("Aangehouden")}


def result_label(value: str | None) -> str:
    """An advice, opinion, decision or outcome in the reader's language."""
    labels = {c.value: c.label for c in (*ADVICE_CHOICES, *OPINION_CHOICES, *OUTCOME_CHOICES) if c.value}
    return str(labels.get(value) or DECISION_RESULTS.get(value or "") or value or "")


def item_result(text: str | None) -> str:
    """An agenda item's result: the labels the workflow writes (in Dutch, workflows.effects) in the reader's
    language; what the secretariat typed as it is."""
    known = {"vastgesteld": _("vastgesteld"), "afgewezen": _("afgewezen"), "aangehouden": _("aangehouden"),
             "voor kennisgeving aangenomen": _("voor kennisgeving aangenomen")}
    return known.get(text or "", text or "")


@dataclass
class Proposal:
    """What a member reads of the proposal behind an agenda item."""
    item: DecisionItem
    documents: list = field(default_factory=list)
    earlier: list[Consultation] = field(default_factory=list)  # steps of its route already dealt with

    @property
    def kind_label(self) -> str:
        return str({c.value: c.label for c in KIND_CHOICES}.get(self.item.kind, ""))


@dataclass
class MemberRow:
    row: agenda_service.Row
    proposal: Proposal | None = None

    @property
    def item(self):
        return self.row.item


@dataclass
class MemberSection:
    key: str | None
    label: str
    rows: list[MemberRow]


@dataclass
class MembersAgenda:
    meeting: Meeting
    sections: list[MemberSection]
    hidden: int
    other_meetings: dict[int, Meeting] = field(default_factory=dict)  # where points were decided before
    here: dict[int, PointOutcome] = field(default_factory=dict)  # {point id: what this meeting decided}
    elsewhere: dict[int, PointOutcome] = field(default_factory=dict)  # {point id: the latest of another meeting}

    def decided_before(self, point) -> Meeting | None:
        """The earlier meeting at which this point got its outcome (a deferral), if not this one."""
        if point.decided_at_meeting_id in (None, self.meeting.id):
            return None
        return self.other_meetings.get(point.decided_at_meeting_id)

    def outcome_of(self, point) -> tuple[str | None, str | None, Meeting | None]:
        """(outcome, text, the other meeting it was decided at): what this meeting decided on the point (kept per
        meeting, so a deferral here stays 'aangehouden'), else its outcome from another meeting."""
        if point.id in self.here:
            return self.here[point.id].outcome, self.here[point.id].text, None
        other = self.elsewhere.get(point.id)
        if other is not None and other.meeting_id in self.other_meetings:
            return other.outcome, other.text, self.other_meetings[other.meeting_id]
        before = self.decided_before(point)
        return (point.outcome, point.decision_text, before) if before is not None else (None, None, None)

    @property
    def rows(self) -> list[MemberRow]:
        return [row for section in self.sections for row in section.rows]


def _proposals(meeting: Meeting, readable: dict[int, DecisionItem], ids: set[int]) -> dict[int, Proposal]:
    """The proposals behind the items the user may read, with their documents (one query). A proposal the
    user may not open shows only its title on the agenda."""
    readable = {item_id: item for item_id, item in readable.items() if item_id in ids}
    documents = documents_by_item(readable)
    proposals = {}
    for item_id, item in readable.items():
        earlier = [c for c in item.route if c.result and c.meeting_id != meeting.id]
        proposals[item_id] = Proposal(item, documents.get(item_id, []), earlier)
    return proposals


def members_agenda(user, meeting: Meeting) -> MembersAgenda:
    """The agenda as this member may read it, each proposal with what he needs to decide on it."""
    items = agenda_service.load_items(meeting)
    # the proposals he may open, with their points and route: read once, for the items' visibility too
    readable = readable_proposals(user, {i.decision_item_id for i in items if i.decision_item_id},
                                  lazyload(DecisionItem.target_meeting), lazyload(DecisionItem.trekker),
                                  selectinload(DecisionItem.points))
    agenda = agenda_service.build(meeting, items, item_visibility(user, meeting, readable))
    proposals = _proposals(meeting, readable, {r.item.decision_item_id for r in agenda.rows if r.item.decision_item_id})
    sections = [MemberSection(s.key, s.label, [MemberRow(r, proposals.get(r.item.decision_item_id))
                                               for r in s.rows]) for s in agenda.sections]
    points = [p for proposal in proposals.values() for p in proposal.item.points]
    # what each meeting decided on the points (a deferral is kept only there), with those meetings: two queries
    found = list(db.session.scalars(select(PointOutcome).where(PointOutcome.point_id.in_([p.id for p in points]))
                                    .options(lazyload(PointOutcome.point)))) if points else []
    ids = {p.decided_at_meeting_id for p in points} | {o.meeting_id for o in found}
    ids -= {None, meeting.id}
    others = {m.id: m for m in db.session.scalars(
        select(Meeting).where(Meeting.id.in_(ids)).options(lazyload("*")))} if ids else {}
    here = {o.point_id: o for o in found if o.meeting_id == meeting.id}
    elsewhere = {}
    for o in sorted((o for o in found if o.meeting_id in others), key=lambda o: others[o.meeting_id].start_at):
        elsewhere[o.point_id] = o  # the latest wins
    return MembersAgenda(meeting, sections, agenda.hidden, others, here, elsewhere)
